"""The schema files themselves: valid draft-07, helpful in editors, consistent."""

from __future__ import annotations

import re

import jsonschema
import pytest

from vinhdanh.check.schema import by_uri, resolve

from .conftest import REPO

NAMES = ["submission", "registry", "plan", "vocabulary", "admins"]


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_07(repo_project, name):
    schema = repo_project.schemas[name]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def _properties(node, where=""):
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            yield f"{where}/{key}", sub
        for key, sub in node.items():
            if key != "if":  # conditions name properties, they do not declare them
                yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{index}")


@pytest.mark.parametrize("name", ["submission", "registry", "plan", "admins"])
def test_every_property_has_a_vietnamese_title(repo_project, name):
    schemas = repo_project.schemas
    missing = []
    for where, sub in _properties(schemas[name]):
        title = resolve(sub, by_uri(schemas), schemas[name]).get("title")
        if not title or not re.search(r"[À-ỹĐđ]|^[A-Z]", title):
            missing.append(where)
    assert missing == []


def test_every_vocabulary_code_has_one_label(repo_project):
    for name, definition in repo_project.schemas["vocabulary"]["definitions"].items():
        assert len(definition["enum"]) == len(definition["enumDescriptions"]), name
        assert len(set(definition["enum"])) == len(definition["enum"]), name


@pytest.mark.parametrize(
    "path",
    sorted(REPO.glob("submissions/*.yaml")) + sorted(REPO.glob("tests/data/valid/*.yaml")),
    ids=lambda p: p.name,
)
def test_modeline_points_to_the_submission_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[:3]
    line = next(line for line in first if "yaml-language-server" in line)
    target = (path.parent / line.split("$schema=")[1]).resolve()
    assert target == REPO / "schemas" / "submission.schema.json"
