"""Property: referring to a lower unit's honorees never changes how many people the roll
holds; retyping them instead adds one row each and a trung-lap warning each."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinhdanh.check.validate import validate
from vinhdanh.export import honour_roll
from vinhdanh.model import build_submission
from vinhdanh.project import open_project

from .conftest import REPO, copy_repo

CHILD, PARENT = "cdcs-co-khi-ha-noi", "cd-tct-co-khi"


def _data(result, unit):
    return copy.deepcopy(next(d.data for d in result.accepted if d.data["don_vi"]["ma"] == unit))


def _roll(project, datas):
    schema = project.schemas["submission"]
    subs = [build_submission(d, project.vocabulary, project.plan, schema) for d in datas]
    return honour_roll(subs)


def _without_references(text: str) -> str:
    """The file's text without its reference items (a "- tu:" line and its own fields)."""
    kept, inside = [], False
    for line in text.splitlines(True):
        if line.startswith("    - tu: "):
            inside = True
            continue
        if inside and line.startswith("      ") and not line.startswith("    - "):
            continue
        inside = False
        kept.append(line)
    return "".join(kept)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_references_never_change_the_number_of_people_and_retyping_does(tmp_path_factory, data):
    project = open_project(REPO)
    result = validate(project)
    child, parent = _data(result, CHILD), _data(result, PARENT)
    people = parent["dien_hinh"]["ca_nhan"]
    parent["dien_hinh"]["ca_nhan"] = [p for p in people if "tu" not in p]  # no reference yet
    ids = [p["ma"] for p in child["dien_hinh"]["ca_nhan"]]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    records = {p["ma"]: p for p in child["dien_hinh"]["ca_nhan"]}
    others = [d.data for d in result.accepted if d.data["don_vi"]["ma"] not in (CHILD, PARENT)]

    before = len(_roll(project, [child, parent, *others]))
    referring = copy.deepcopy(parent)
    referring["dien_hinh"]["ca_nhan"] += [{"tu": f"{CHILD}/{ma}"} for ma in chosen]
    assert len(_roll(project, [child, referring, *others])) == before

    retyping = copy.deepcopy(parent)
    retyping["dien_hinh"]["ca_nhan"] += [copy.deepcopy(records[ma]) for ma in chosen]
    assert len(_roll(project, [child, retyping, *others])) == before + len(chosen)

    root = copy_repo(tmp_path_factory.mktemp("p") / "p")
    path = root / "submissions" / f"{PARENT}.yaml"
    text = path.read_text(encoding="utf-8")
    text = _without_references(text)
    added = "".join(f"    - tu: {CHILD}/{ma}\n" for ma in chosen)
    at = text.index("\n  tap_the:\n") + 1
    path.write_text(text[:at] + added + text[at:], encoding="utf-8")
    checked = validate(open_project(root))
    assert not checked.has_errors
    assert [f for f in checked.findings if f.code in ("trung-lap", "tham-chieu")] == []
