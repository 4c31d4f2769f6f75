"""Every person is counted once in every figure the site shows (SPEC §9.4).

The distinct people are computed here from the YAML alone (a record is an item
of ``dien_hinh.ca_nhan`` without ``tu``; whoever is sent up is named by a record
id or by a reference to a lower unit's record), and each figure is checked
against them: the home page, the statistics page, the honour roll's data and its
downloads. The samples are changed so that one person is sent up only by the
upper level that refers to her.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from vinhdanh.model import build_published
from vinhdanh.project import open_project
from vinhdanh.website.render import DOWNLOADS, ROLL_DATA, render_data, render_site

from .conftest import copy_repo


def _edit(repo: Path, unit: str, old: str, new: str) -> None:
    path = repo / "submissions" / f"{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = copy_repo(tmp_path_factory.mktemp("counted") / "p")
    # Lò Thị Xuân is no longer sent up by her CĐCS; the cấp trên that refers to her sends her on
    _edit(repo, "cdcs-may-hung-yen", "[pham-thi-mai, lo-thi-xuan]", "[pham-thi-mai]")
    _edit(
        repo,
        "cd-tct-det-may",
        "[tran-thi-ngoc, quach-van-binh, mai-thi-ha]",
        "[tran-thi-ngoc, quach-van-binh, cdcs-may-hung-yen/lo-thi-xuan]",
    )
    project = open_project(repo)
    result, subs = build_published(project)
    assert not result.has_errors
    published = {s.unit.id for s in subs}
    files = {
        ma: yaml.safe_load((repo / "submissions" / f"{ma}.yaml").read_text(encoding="utf-8"))
        for ma in published
    }
    site = render_site(project, result, subs)
    data, faults = render_data(project, subs)
    assert faults == []
    return files, site.pages, data


def _people(files) -> set[tuple[str, str]]:
    return {
        (ma, item["ma"])
        for ma, data in files.items()
        for item in data["dien_hinh"]["ca_nhan"]
        if "tu" not in item
    }


def _sent_up(files) -> set[tuple[str, str]]:
    sent = set()
    for ma, data in files.items():
        for name in data["hoi_nghi"].get("dai_bieu_di_du_cap_tren", []):
            unit, _, honoree = name.rpartition("/")
            sent.add((unit or ma, honoree))
    return sent & _people(files)  # individuals only


def test_every_figure_counts_each_person_once(built):
    files, pages, data = built
    people, sent = len(_people(files)), len(_sent_up(files))
    assert f"<strong>{people}</strong><span>cá nhân điển hình" in pages["index.md"]
    statistics = pages["thong-ke/index.md"]
    assert f"Trong {people} cá nhân điển hình" in statistics
    assert re.search(rf"Trong {sent} cá nhân được cử đi dự hội nghị cấp trên", statistics)
    rows = json.loads(data[ROLL_DATA])["rows"]
    assert sum(r[3] == 0 for r in rows) == people
    roll = json.loads(data[f"{DOWNLOADS}.json"])
    assert sum(r["loai"] == "Cá nhân" for r in roll) == people
    assert len({r["neo"] for r in roll}) == len(roll)
