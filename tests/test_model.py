"""The model: typed, labelled, in template order, and without anything private."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from vinhdanh.check.validate import validate
from vinhdanh.model import Person, build_submission


@pytest.fixture(scope="module")
def submissions(repo_project):
    result = validate(repo_project)
    return {
        doc.data["don_vi"]["ma"]: (
            doc.data,
            build_submission(
                doc.data,
                repo_project.vocabulary,
                repo_project.plan,
                repo_project.schemas["submission"],
            ),
        )
        for doc in result.accepted
    }


def test_every_sample_builds(submissions, repo_project):
    assert len(submissions) == len(list(repo_project.submissions_dir.glob("*.yaml")))


def test_dates_in_both_forms_become_dates(submissions):
    _, hung_yen = submissions["cdcs-may-hung-yen"]
    assert hung_yen.report.date == date(2025, 3, 12)
    assert hung_yen.conference.date == date(2025, 2, 28)


def test_money_in_both_forms_becomes_integers(submissions):
    _, unit = submissions["cdcs-co-khi-ha-noi"]
    an = next(p for p in unit.people if p.id == "nguyen-van-an")
    assert [i.value for i in an.initiatives] == [350_000_000, 170_000_000]
    assert an.initiative_value == 520_000_000
    assert {c.id: c.value for c in unit.collectives}["phan-xuong-ket-cau-thep"] == 450_000_000


def test_codes_carry_their_vietnamese_labels(submissions):
    _, unit = submissions["cdcs-co-khi-ha-noi"]
    assert unit.unit.level_label == "Công đoàn cơ sở"
    assert unit.conference.form_label == "Hội nghị tuyên dương điển hình tiên tiến"
    assert unit.people[0].awards[0].form_label == "Bằng Lao động sáng tạo"


def test_report_sections_follow_the_template_with_its_headings(submissions):
    _, unit = submissions["cdcs-co-khi-ha-noi"]
    assert [s.heading.split(".")[0] for s in unit.report.sections] == ["I", "II", "III", "IV"]
    first = unit.report.sections[0].parts
    assert [p.heading for p in first] == ["I.1. Thuận lợi", "I.2. Khó khăn"]
    assert first[0].text.startswith("Được sự quan tâm")


def test_agenda_is_laid_against_the_plan(submissions, repo_project):
    _, unit = submissions["cdcs-phan-bon-bac-son"]
    agenda = unit.conference.agenda
    assert [item.code for item in agenda] == list(repo_project.plan.agenda)
    assert [item.code for item in agenda if not item.held] == ["tham-luan-giao-luu"]


def test_exemplar_share_is_a_percentage(submissions):
    _, unit = submissions["cdcs-co-khi-ha-noi"]
    assert unit.conference.delegates.exemplar_share == pytest.approx(70.0)


def test_person_has_no_field_for_private_data():
    names = {field.name for field in dataclasses.fields(Person)}
    private = {"rieng_tu", "dien_thoai", "email", "nam_sinh", "so_cccd", "private", "ethnicity"}
    assert not names & private


def test_unit_contact_appears_nowhere_in_the_model(submissions):
    for data, built in submissions.values():
        contact = [str(v) for v in data["lien_he"].values()]
        dumped = repr(dataclasses.asdict(built))
        assert contact and all(value not in dumped for value in contact)
