"""vinhdanh: publish an honour roll from reviewed, validated YAML submissions.

The pipeline is one module per stage: load -> validate -> model -> render ->
publish (plus scaffold). Each stage is a function over plain data; only the
publish stage writes files.
"""

__version__ = "0.1.0"
