"""Small builders shared by tests: a valid submission as data, edited per test."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .conftest import DATA, REPO

BASE_FILE = DATA / "valid" / "cdcs-hop-le.yaml"
# A shipped sample, for making an official's everyday slips on a copy of it.
SAMPLE = (REPO / "submissions" / "cdcs-co-khi-ha-noi.yaml").read_text(encoding="utf-8")
# Words of libyaml's and jsonschema's English messages; none may reach a user.
ENGLISH = re.compile(
    r"\b(found|expected|while|mapping|scanning|parsing|token|indicator|allowed|context|"
    r"scalar|character|stream|document|libyaml|could not|did not|is not)\b",
    re.IGNORECASE,
)


def with_line(old: str, new: str, text: str = SAMPLE) -> str:
    """``text`` (the sample) with its one line ``old`` written as ``new``."""
    lines = text.split("\n")
    (index,) = [i for i, line in enumerate(lines) if line == old]
    lines[index] = new
    return "\n".join(lines)


def base_data() -> dict[str, Any]:
    """The valid CĐCS example as plain data (a fresh copy each call)."""
    return copy.deepcopy(yaml.load(BASE_FILE.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def write_submission(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
    """Write ``data`` as ``<don_vi.ma>.yaml`` with dates quoted, as a user would."""
    name = name or data["don_vi"]["ma"]
    path = folder / f"{name}.yaml"
    path.write_text(
        yaml.safe_dump(_dates_as_text(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a literal block (after |), as people write report text."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def dump(data: Any) -> str:
    """YAML as people write it: keys in their order, dates as text, long lines kept."""
    return yaml.dump(
        _dates_as_text(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6
    )


def run_cli(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess:
    """``vinhdanh ARGS`` as a user runs it, in ``cwd`` (``path``: a PATH of its own)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "vinhdanh", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
