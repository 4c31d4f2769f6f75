"""Styles: every style a document body uses is one every Word template must define."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile

import pytest

from vinhdanh.errors import ProjectError
from vinhdanh.office.blocks import BODY_STYLES, styles_used
from vinhdanh.office.documents import KINDS, Documents

from .conftest import REPO


def test_every_style_a_body_uses_is_one_every_template_must_define(repo_project, published):
    result, subs = published
    registry = result.registry or {}
    plus = dataclasses.replace(subs[0].report.sections[0].parts[0], text="+ một\n+ hai")
    section = dataclasses.replace(subs[0].report.sections[0], parts=(plus,))
    report = dataclasses.replace(subs[0].report, sections=(section,))
    used = set()
    for sub in (*subs, dataclasses.replace(subs[0], report=report)):
        parent = registry.get(sub.unit.parent or "", {}).get("ten")
        for _, maker, _ in KINDS.values():
            for blocks in maker(sub, parent, repo_project.plan)[1].values():
                used |= styles_used(blocks)
    assert "DauCong" in used
    assert used <= BODY_STYLES


def test_a_template_without_a_body_style_is_refused_when_read(repo_project, published, tmp_path):
    project = dataclasses.replace(repo_project, root=tmp_path)
    shutil.copytree(REPO / "mau", tmp_path / "mau")
    source = REPO / "mau" / "bao-cao.docx"
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(tmp_path / "mau" / "bao-cao.docx", "w") as new,
    ):
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:styleId="DauCong"', b'w:styleId="DauCongCu"')
            new.writestr(item, data)
    with pytest.raises(ProjectError, match="DauCong"):
        Documents.load(project, published[0].registry)
