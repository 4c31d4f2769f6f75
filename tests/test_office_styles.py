"""Styles: every style a document body uses is one every Word template must define."""

from __future__ import annotations

import dataclasses

from vinhdanh.office.blocks import BODY_STYLES, styles_used
from vinhdanh.office.documents import KINDS


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
