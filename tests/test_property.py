"""Property tests: whatever a user (or an attacker) writes, validation answers, never crashes."""

from __future__ import annotations

import re
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinhdanh.check.load import load_text
from vinhdanh.check.registry import load_registry
from vinhdanh.check.validate import check_document, prepare

from .helpers import BASE_FILE, base_data

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE_TEXT = BASE_FILE.read_text(encoding="utf-8")

# YAML 1.1 treats NEL and the Unicode line/paragraph separators as line breaks,
# so no YAML library round-trips them inside plain text; leave them out. PyYAML
# (YAML 1.1) also writes "0E0" or "1e5" without quotes, which YAML 1.2, our
# loader's rules, rightly reads as numbers: leave those texts out too.
EXPONENT_ONLY = re.compile(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+")
texts = st.text(
    st.characters(exclude_characters="\x85\u2028\u2029", exclude_categories=("Cs",)), max_size=20
).filter(lambda text: not EXPONENT_ONLY.fullmatch(text))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=25,
)


def as_read(value):
    """What our loader should give back for data written by yaml.safe_dump."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).translate({0xD0: 0x110, 0xF0: 0x111})
    if isinstance(value, list):
        return [as_read(v) for v in value]
    if isinstance(value, dict):
        return {as_read(k): as_read(v) for k, v in value.items()}
    return value


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_gives_data_or_findings_never_an_exception(text):
    doc, findings = load_text(text, "t.yaml")
    assert doc is not None or findings
    assert all(f.code in {"yaml", "ky-tu-an"} for f in findings)


@SETTINGS
@given(trees)
def test_data_written_by_a_yaml_library_reads_back_the_same(tree):
    text = yaml.safe_dump(tree, allow_unicode=True)
    doc, findings = load_text(text, "t.yaml")
    if any(f.is_error for f in findings):
        # only keys that normalise to the same text can collide, and hidden characters
        # (control, bidi, zero-width) are refused wherever they are
        assert all("hai lần" in f.message or f.code == "ky-tu-an" for f in findings if f.is_error)
        return
    assert doc.data == as_read(tree)


def _pipeline(project):
    _, registry = load_registry(project)
    return prepare(project, registry)


@SETTINGS
@given(data=st.data())
def test_mutated_submission_text_never_crashes_validation(repo_project, data):
    checker, ctx = _pipeline(repo_project)
    text = BASE_TEXT
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        insert = data.draw(
            st.sampled_from(
                [
                    "",
                    ":",
                    "- ",
                    "  ",
                    "\n",
                    "[",
                    "{",
                    "'",
                    '"',
                    "&a",
                    "*a",
                    "!!",
                    "yes",
                    "0123",
                    "350.000",
                    "\t",
                    "#",
                ]
            )
        )
        text = text[:start] + insert + text[end:]
    doc, findings = load_text(text, "cdcs-hop-le.yaml")
    if doc is not None:
        more, _ = check_document(doc, checker, ctx, "cdcs-hop-le")
        findings += more
    assert all(f.line >= 1 and f.column >= 1 and f.message for f in findings)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _paths(sub, (*prefix, index))


@SETTINGS
@given(data=st.data())
def test_submission_with_any_value_replaced_never_crashes_validation(repo_project, data):
    checker, ctx = _pipeline(repo_project)
    tree = base_data()
    paths = [p for p in _paths(tree) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = tree
        try:
            for part in path[:-1]:
                parent = parent[part]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(trees)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=False)
    doc, findings = load_text(text, "cdcs-hop-le.yaml")
    if doc is not None:
        more, _ = check_document(doc, checker, ctx, "cdcs-hop-le")
        findings += more
    assert all(f.code != "loi-noi-bo" for f in findings)
