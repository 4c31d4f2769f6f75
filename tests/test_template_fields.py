"""What the template asks and v1 could not say (SPEC §9.4): initiative content, honoree
categories and sector, session number, tham luận, reward spending — from the schema
through the model to the unit page, the report, the lists and the scaffold."""

from __future__ import annotations

import pytest

from vinhdanh.check.validate import validate
from vinhdanh.model import build_published
from vinhdanh.project import open_project
from vinhdanh.scaffold import scaffold_for
from vinhdanh.website.render import render_site

from .conftest import make_project_dir
from .helpers import base_data, write_submission
from .office import load_documents, text_dump

HOSTILE = '<b>x</b> & "y"'
UNIT = "cdcs-hop-le"


def filled() -> dict:
    """The valid CĐCS example with every new field given (free text hostile)."""
    data = base_data()
    data["bao_cao"]["chi_thuong"] = "1.250.000.000"
    meeting = data["hoi_nghi"]
    meeting["lan_thu"] = 4
    meeting["tham_luan"] = [
        {"nguoi_trinh_bay": f"Nguyễn Văn An {HOSTILE}", "ten": f"Tham luận {HOSTILE}"},
        {"nguoi_trinh_bay": "Trần Thị Bình", "ten": "Giữ nghề", "hinh_anh_video": True},
    ]
    person = data["dien_hinh"]["ca_nhan"][0]
    person["loai"] = ["nhieu-sang-kien", "nguoi-tot-viec-tot"]
    person["linh_vuc"] = "co-khi"
    person["sang_kien"][0]["noi_dung"] = f"Đồ gá mới {HOSTILE}"
    return data


def findings(project_dir, data) -> list[tuple[str, str]]:
    path = write_submission(project_dir / "submissions", data)
    result = validate(open_project(project_dir), [path])
    return sorted((f.code, f.message) for f in result.findings)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project_dir(tmp_path_factory.mktemp("fields") / "p")
    write_submission(root / "submissions", filled())
    project = open_project(root)
    published = build_published(project)
    assert published[0].findings == []
    return project, published


@pytest.fixture(scope="module")
def unit(built):
    return built[1][1][0]


@pytest.fixture(scope="module")
def page(built):
    project, (result, submissions) = built
    return render_site(project, result, submissions).bodies[f"don-vi/{UNIT}/index.md"]


@pytest.fixture(scope="module")
def documents(built):
    project, published = built
    return {
        kind: text_dump(docx)
        for kind, docx in load_documents(project, published).for_unit(published[1][0]).items()
    }


# --- schema -------------------------------------------------------------------------------


def test_every_new_field_is_accepted(project_dir):
    assert findings(project_dir, filled()) == []


def test_a_v1_file_without_the_new_fields_stays_valid(project_dir):
    assert findings(project_dir, base_data()) == []


@pytest.mark.parametrize("session", [0, 101, "3"])
def test_session_number_outside_one_to_a_hundred_is_refused(project_dir, session):
    data = filled()
    data["hoi_nghi"]["lan_thu"] = session
    assert [code for code, _ in findings(project_dir, data)] == ["schema"]


def test_unknown_category_is_refused_with_the_codes_listed(project_dir):
    data = filled()
    data["dien_hinh"]["ca_nhan"][0]["loai"] = ["anh-hung"]
    [(code, message)] = findings(project_dir, data)
    assert code == "schema"
    assert "nguoi-tot-viec-tot" in message


def test_a_category_given_twice_is_refused(project_dir):
    data = filled()
    data["dien_hinh"]["ca_nhan"][0]["loai"] = ["nhieu-sang-kien", "nhieu-sang-kien"]
    assert [code for code, _ in findings(project_dir, data)] == ["schema"]


def test_unknown_sector_is_refused(project_dir):
    data = filled()
    data["dien_hinh"]["ca_nhan"][0]["linh_vuc"] = "nong-nghiep"
    assert [code for code, _ in findings(project_dir, data)] == ["schema"]


def test_a_talk_without_a_title_is_refused(project_dir):
    data = filled()
    del data["hoi_nghi"]["tham_luan"][0]["ten"]
    assert [code for code, _ in findings(project_dir, data)] == ["schema"]


def test_talk_media_must_be_true_or_false(project_dir):
    data = filled()
    data["hoi_nghi"]["tham_luan"][1]["hinh_anh_video"] = "có"
    assert [code for code, _ in findings(project_dir, data)] == ["schema"]


def test_reward_spending_follows_the_money_rules(project_dir):
    path = write_submission(project_dir / "submissions", filled())
    text = path.read_text(encoding="utf-8")
    text = text.replace("chi_thuong: 1.250.000.000", "chi_thuong: 1.250")
    path.write_text(text, encoding="utf-8")
    result = validate(open_project(project_dir), [path])
    assert [(f.code, f.severity) for f in result.findings] == [("tien-le", "error")]


# --- model --------------------------------------------------------------------------------


def test_model_carries_the_initiative_content(unit):
    assert unit.people[0].initiatives[0].content == f"Đồ gá mới {HOSTILE}"


def test_model_carries_categories_with_labels_and_the_sector(unit):
    person = unit.people[0]
    assert person.categories == (
        ("nhieu-sang-kien", "Có nhiều sáng kiến, sáng tạo trong lao động"),
        ("nguoi-tot-viec-tot", "Gương người tốt, việc tốt"),
    )
    assert (person.sector, person.sector_label) == ("co-khi", "Cơ khí, luyện kim")


def test_model_carries_session_and_talks(unit):
    conference = unit.conference
    assert conference.session == 4
    assert [(t.title, t.with_media) for t in conference.talks] == [
        (f"Tham luận {HOSTILE}", None),
        ("Giữ nghề", True),
    ]


def test_model_carries_reward_spending_as_an_integer(unit):
    assert unit.report.reward_spending == 1_250_000_000


def test_model_of_a_v1_file_has_none_of_the_new_fields(published):
    unit = next(s for s in published[1] if s.unit.id == "cdcs-co-khi-ha-noi")
    assert (unit.conference.session, unit.conference.talks) == (None, ())
    assert unit.report.reward_spending is None
    assert all(p.categories == () and p.sector is None for p in unit.people)


# --- unit page ----------------------------------------------------------------------------

ESCAPED = "&lt;b&gt;x&lt;/b&gt; &amp; &#34;y&#34;"


def test_page_shows_the_session_in_the_conference_table(page):
    assert '<tr><th scope="row">Lần thứ</th><td>4</td></tr>' in page


def test_page_lists_the_talks_escaped_with_their_media(page):
    assert f"<li>Tham luận {ESCAPED} — Nguyễn Văn An {ESCAPED}</li>" in page
    assert "<li>Giữ nghề — Trần Thị Bình (có hình ảnh, video)</li>" in page


def test_page_shows_initiative_content_escaped_under_the_initiative(page):
    initiative = page.index("Sáng kiến: Cải tiến đồ gá hàn")
    content = page.index(f"<p>Đồ gá mới {ESCAPED}</p>")
    assert initiative < content < page.index("</li>", initiative)
    assert "<b>x</b>" not in page


def test_page_shows_categories_and_sector_by_their_labels(page):
    assert "Diện điển hình: Có nhiều sáng kiến, sáng tạo trong lao động; Gương người tốt" in page
    assert " · lĩnh vực Cơ khí, luyện kim</p>" in page


def test_page_states_reward_spending_after_section_ii_2(page):
    spending = page.index("Tổng chi thưởng: 1.250.000.000 đồng.")
    assert page.index("Bình xét công khai.") < spending < page.index("II.3. Kết quả")


# --- Word documents -----------------------------------------------------------------------


def test_report_states_reward_spending_under_ii_2(documents):
    lines = documents["bao-cao"].splitlines()
    at = lines.index("[Normal] Tổng chi thưởng: 1.250.000.000 đồng.")
    assert lines[at - 1] == "[Normal] Bình xét công khai."


def test_report_appendix_gives_initiative_content_categories_and_sector(documents):
    row = next(line for line in documents["bao-cao"].splitlines() if "Nguyễn Văn An" in line)
    assert "Diện điển hình: Có nhiều sáng kiến, sáng tạo trong lao động; Gương người tốt" in row
    assert "Lĩnh vực: Cơ khí, luyện kim" in row
    initiative = "Sáng kiến: Cải tiến đồ gá hàn (2023, làm lợi 350.000.000 đồng)"
    assert f"{initiative} / Nội dung: Đồ gá mới {HOSTILE}" in row


@pytest.mark.parametrize("kind", ["danh-sach-dai-bieu", "danh-sach-dien-hinh"])
def test_lists_name_the_conference_with_its_session(documents, kind):
    assert "Hội nghị toàn thể lần thứ 4 ngày 05/03/2025)" in documents[kind]


# --- scaffold -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scaffold(repo_project):
    return scaffold_for(repo_project, "cdcs-pin-ac-quy-mien-nam")


def test_scaffold_offers_the_new_optional_fields_commented(scaffold):
    for line in (
        "  # chi_thuong: 350000000",
        "  # lan_thu: 1",
        "  # tham_luan:",
        '  #   - {nguoi_trinh_bay: "Nguyễn Văn An, Tổ trưởng tổ Cơ khí", '
        "ten: Cải tiến đồ gá để tăng năng suất, hinh_anh_video: false}",
        "      # linh_vuc: det-may",
        "      #   - {ten: Cải tiến đồ gá hàn, noi_dung: "
        '"Đồ gá mới giữ chi tiết chắc hơn, giảm một nửa thời gian hàn.", '
        "ap_dung_tai: Phân xưởng Cơ khí, nam: 2024, gia_tri_lam_loi: 350000000}",
    ):
        assert line in scaffold.splitlines()


def test_scaffold_lists_the_category_codes_with_their_labels(scaffold, repo_project):
    assert "      # Chọn một hoặc nhiều mã sau cho loai:" in scaffold
    for code, label in repo_project.vocabulary["loai_dien_hinh"].items():
        assert f"      #   {code}: {label}" in scaffold
