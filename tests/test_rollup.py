"""Roll-up on the shipped samples: progress grouped by parent, parent pages, II.3 by level.

Expected figures are read from the submissions' YAML and the registry, never
from the code under test.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from vinhdanh.values import parse_date
from vinhdanh.website.figures import statistics
from vinhdanh.website.render import environment, outline, render_site
from vinhdanh.website.rollup import Tree


@pytest.fixture(scope="module")
def site(repo_project, published):
    return render_site(repo_project, *published)


@pytest.fixture(scope="module")
def docs(published):
    """The accepted submissions' YAML, by unit id."""
    return {Path(doc.file).stem: doc.data for doc in published[0].accepted}


@pytest.fixture(scope="module")
def tree(repo_project, published):
    result, submissions = published
    return Tree(repo_project, result.registry, {s.unit.id: s for s in submissions}, set())


def page(site, ma):
    return site.bodies[f"don-vi/{ma}/index.md"]


def expected_state(repo_project, registry, docs, ma):
    """A unit's state against its level's conference deadline, from the raw files."""
    if ma not in docs:
        return "missing"
    day = parse_date(str(docs[ma]["hoi_nghi"]["ngay"]))
    deadline = repo_project.plan.levels[registry[ma]["cap"]].conference_deadline
    return "ok" if day <= deadline else "late"


def raw_sums(repo_project, docs, units):
    """II.3 rows of the given units summed by (label, year) into (collectives, individuals)."""
    labels = repo_project.vocabulary["hinh_thuc_khen_thuong"]
    sums: dict[tuple[str, int], Counter] = {}
    for ma in units:
        for row in docs[ma]["bao_cao"].get("so_lieu_khen_thuong", []):
            key = (row.get("mo_ta") or labels[row["hinh_thuc"]], row["nam"])
            sums.setdefault(key, Counter()).update(c=row["tap_the"], i=row["ca_nhan"])
    return {key: (n["c"], n["i"]) for key, n in sums.items()}


def test_progress_lists_every_registered_unit_once_under_its_parent(tree, published):
    registry = published[0].registry
    progress = tree.progress()
    assert len(registry) == 10 and len(published[1]) == 6  # the shipped samples
    rows = progress["top"]["units"] + [u for g in progress["groups"] for u in g["units"]]
    assert sorted(u["id"] for u in rows) == sorted(registry)
    assert [u["id"] for u in progress["top"]["units"]] == ["cdctvn"]
    for group in progress["groups"]:
        assert {u["parent_id"] for u in group["units"]} == {group["parent"]["id"]}
    assert progress["orphans"] is None


def test_progress_groups_follow_the_tree_from_the_nganh_down(tree):
    parents = [g["parent"]["id"] for g in tree.progress()["groups"]]
    assert parents[0] == "cdctvn"
    assert set(parents) == {"cdctvn", "cd-tap-doan-hoa-chat", "cd-tct-det-may", "cd-tct-co-khi"}


def test_progress_counts_each_group_against_the_level_deadline(repo_project, tree, published, docs):
    registry = published[0].registry
    for group in tree.progress()["groups"]:
        states = Counter(
            expected_state(repo_project, registry, docs, u["id"]) for u in group["units"]
        )
        counts = group["counts"]
        assert counts["registered"] == len(group["units"])
        assert counts["submitted"] == sum(u["id"] in docs for u in group["units"])
        assert (counts["ok"], counts["late"], counts["missing"]) == (
            states["ok"],
            states["late"],
            states["missing"],
        )
        assert counts["error"] == 0


def test_progress_totals_cover_the_whole_registry(tree, docs):
    counts = tree.progress()["counts"]
    assert counts["registered"] == 10
    assert counts["submitted"] == len(docs) == 6
    assert counts["ok"] + counts["late"] == counts["submitted"]
    assert counts["missing"] == 4


def test_a_unit_with_errors_is_counted_apart_from_the_missing(repo_project, published):
    result, submissions = published
    tree = Tree(
        repo_project, result.registry, {s.unit.id: s for s in submissions}, {"cdcs-soi-nam-dinh"}
    )
    group = next(g for g in tree.progress()["groups"] if g["parent"]["id"] == "cd-tct-det-may")
    assert (group["counts"]["error"], group["counts"]["missing"]) == (1, 0)
    row = next(u for u in group["units"] if u["id"] == "cdcs-soi-nam-dinh")
    assert row["conference"]["text"] == "Có lỗi, chưa đăng"


def test_parent_page_lists_its_units_submitted_or_not(site, docs):
    body = page(site, "cd-tct-det-may")
    assert '<h2 id="don-vi-truc-thuoc">' in body
    hung_yen = docs["cdcs-may-hung-yen"]
    name = "Công đoàn cơ sở Công ty Cổ phần May Hưng Yên"
    assert f'<a href="../cdcs-may-hung-yen/">{name}</a>' in body  # published: linked
    soi = '<a href="../cdcs-soi-nam-dinh/">Công đoàn cơ sở Công ty Sợi Nam Định</a>'
    assert f"<td>{soi}</td>" in body  # not submitted: linked to the page with its scaffold
    honorees = (len(hung_yen["dien_hinh"]["ca_nhan"]), len(hung_yen["dien_hinh"]["tap_the"]))
    sent = len(hung_yen["hoi_nghi"]["dai_bieu_di_du_cap_tren"])
    assert f'<td class="vd-num">{honorees[0]} / {honorees[1]}</td>' in body
    assert f'<td class="vd-num">{sent}</td>' in body
    assert "2 đơn vị đăng ký, 1 đã nộp (1 đúng hạn, 0 trễ hạn), 1 chưa nộp, 0 có lỗi." in body


def test_parent_section_shows_delegates_sent_up_against_the_quota(repo_project, published):
    result, submissions = published
    registry = {ma: dict(entry) for ma, entry in result.registry.items()}
    registry["cdcs-may-hung-yen"]["chi_tieu_dai_bieu"] = 3
    registry["cdcs-soi-nam-dinh"]["chi_tieu_dai_bieu"] = 2
    by_id = {s.unit.id: s for s in submissions}
    section = Tree(repo_project, registry, by_id, set()).section("cd-tct-det-may", set(by_id))
    sent = {u["id"]: u["sent"] for u in section["groups"][0]["units"]}
    chosen = len(by_id["cdcs-may-hung-yen"].conference.sent_up)
    assert sent == {"cdcs-may-hung-yen": f"{chosen}/3", "cdcs-soi-nam-dinh": "—/2"}
    assert section["groups"][0]["quotas"]


def test_parent_page_sums_its_units_figures_by_form_and_year(repo_project, tree, docs):
    section = tree.section("cd-tct-co-khi", set(docs))
    (table,) = section["figures"]
    rows = {(label, year): (c, i) for label, year, c, i in table["rows"]}
    assert rows == raw_sums(repo_project, docs, ["cdcs-co-khi-ha-noi"])


def test_parent_own_figures_are_never_added_to_its_units(repo_project, tree, docs, site):
    section = tree.section("cd-tct-det-may", set(docs))
    (table,) = section["figures"]
    child = raw_sums(repo_project, docs, ["cdcs-may-hung-yen"])
    assert (table["collectives"], table["individuals"]) == (
        sum(c for c, _ in child.values()),
        sum(i for _, i in child.values()),
    )
    own = docs["cd-tct-det-may"]["bao_cao"]["so_lieu_khen_thuong"]
    assert (section["own"]["collectives"], section["own"]["individuals"]) == (
        sum(r["tap_the"] for r in own),
        sum(r["ca_nhan"] for r in own),
    )
    body = page(site, "cd-tct-det-may")
    assert '<a href="#bao-cao-ket-qua">mục II.3 báo cáo của đơn vị</a>' in body


def test_a_unit_without_units_has_no_such_sections(site):
    body = page(site, "cdcs-co-khi-ha-noi")
    assert "don-vi-truc-thuoc" not in body and "so-lieu-truc-thuoc" not in body


def test_nganh_page_shows_the_whole_tree_grouped_by_parent(site, published):
    registry = published[0].registry
    body = page(site, "cdctvn")
    units = next(t for t in outline(body) if t["id"] == "don-vi-truc-thuoc")
    assert [t["id"] for t in units["children"]] == [
        "truc-thuoc-cdctvn",
        "truc-thuoc-cd-tap-doan-hoa-chat",
        "truc-thuoc-cd-tct-det-may",
        "truc-thuoc-cd-tct-co-khi",
    ]
    for ma, entry in registry.items():
        if ma != "cdctvn":
            assert entry["ten"] in body


def test_nganh_page_sums_its_descendants_figures_by_level(repo_project, tree, docs, published):
    registry = published[0].registry
    figures = {t["code"]: t for t in tree.section("cdctvn", set(docs))["figures"]}
    assert set(figures) == {"cap-tren", "cdcs"}  # never its own level
    for code, table in figures.items():
        units = [ma for ma in docs if registry[ma]["cap"] == code]
        rows = {(label, year): (c, i) for label, year, c, i in table["rows"]}
        assert rows == raw_sums(repo_project, docs, units)
        assert table["units"] == len(units)


def test_statistics_show_award_figures_per_level_never_added(repo_project, published, docs):
    registry = published[0].registry
    labels = repo_project.vocabulary["hinh_thuc_khen_thuong"]
    tables = statistics(repo_project, published[1])["award_levels"]
    assert [t["code"] for t in tables] == ["nganh", "cap-tren", "cdcs"]
    for table in tables:
        expected = Counter()
        for ma, data in docs.items():
            if registry[ma]["cap"] == table["code"]:
                for row in data["bao_cao"].get("so_lieu_khen_thuong", []):
                    expected[labels[row["hinh_thuc"]]] += row["tap_the"] + row["ca_nhan"]
        assert {label: total for label, _, total in table["rows"]} == dict(expected)


def test_statistics_page_has_one_award_table_per_level(site, repo_project):
    text = site.pages["thong-ke/index.md"]
    for code, label in repo_project.vocabulary["cap"].items():
        assert f"### {label} {{#khen-thuong-{code}}}" in text


def test_units_whose_parent_is_not_registered_are_grouped_apart(repo_project, published):
    result, submissions = published
    registry = {ma: dict(entry) for ma, entry in result.registry.items()}
    registry["cd-tct-det-may"]["cap_tren"] = "cd-khong-dang-ky"
    by_id = {s.unit.id: s for s in submissions}
    progress = Tree(repo_project, registry, by_id, set()).progress()
    orphans = progress["orphans"]
    assert [u["id"] for u in orphans["units"]] == ["cd-tct-det-may"]
    assert [g["parent"]["id"] for g in orphans["groups"]] == ["cd-tct-det-may"]
    shown = [u["id"] for g in progress["groups"] for u in g["units"]]
    assert "cd-tct-det-may" not in shown and "cdcs-may-hung-yen" not in shown
    text = (
        environment(repo_project.root)
        .get_template("tien-do.md.j2")
        .render(
            plan=repo_project.plan, vocab=repo_project.vocabulary, progress=progress, starters=set()
        )
    )
    apart = text.split("## Đơn vị có cấp trên chưa đăng ký")[1]
    assert "Dệt May Sông Hồng" in apart and "May Hưng Yên" in apart


def report_row(repo_project, published, ma, received):
    """``ma``'s progress row when the build knows the given days of receipt."""
    result, submissions = published
    by_id = {s.unit.id: s for s in submissions}
    return Tree(repo_project, result.registry, by_id, set(), received).row(ma)


def test_a_report_signed_in_time_but_received_after_the_deadline_is_late(
    repo_project, published, docs
):
    deadline = repo_project.plan.report_deadline
    assert parse_date(str(docs["cd-tct-co-khi"]["bao_cao"]["ngay"])) <= deadline
    day = deadline + timedelta(days=2)
    report = report_row(repo_project, published, "cd-tct-co-khi", {"cd-tct-co-khi": day})["report"]
    assert report["state"] == "late"
    assert report["text"] == f"Trễ 2 ngày (nhận {day:%d/%m/%Y})"


def test_a_report_received_in_time_is_on_time_whatever_its_signed_date_says(
    repo_project, published, docs
):
    signed = parse_date(str(docs["cdcs-co-khi-ha-noi"]["bao_cao"]["ngay"]))
    day = signed - timedelta(days=3)  # received before the date it bears
    row = report_row(repo_project, published, "cdcs-co-khi-ha-noi", {"cdcs-co-khi-ha-noi": day})
    report = row["report"]
    assert report["state"] == "ok"
    assert report["text"] == f"Đúng hạn (nhận {day:%d/%m/%Y}; đề ngày {signed:%d/%m/%Y})"
    assert "sau ngày nhận" in report["title"] and "Hạn xét theo ngày nhận" in report["title"]


def test_a_unit_without_a_day_of_receipt_is_judged_by_its_signed_date_and_says_so(
    repo_project, published, docs
):
    signed = parse_date(str(docs["cdcs-may-hung-yen"]["bao_cao"]["ngay"]))
    other = {"cd-tct-co-khi": repo_project.plan.report_deadline}
    report = report_row(repo_project, published, "cdcs-may-hung-yen", other)["report"]
    assert report["text"] == f"Đúng hạn ({signed:%d/%m/%Y})"
    assert report["title"] == "Chưa có ngày nhận: xét theo ngày đề trên báo cáo."


def test_a_level_that_sends_no_report_ignores_its_day_of_receipt(repo_project, published):
    assert "nganh" not in repo_project.plan.report_levels
    day = repo_project.plan.report_deadline + timedelta(days=30)
    report = report_row(repo_project, published, "cdctvn", {"cdctvn": day})["report"]
    assert report["text"] == "Không áp dụng"


def progress_intro(repo_project, published, received) -> str:
    page = render_site(repo_project, *published, received).pages["tien-do/index.md"]
    return " ".join(page.split("**Toàn ngành:**")[0].split())


def test_progress_page_says_reports_are_judged_by_the_day_received_when_known(
    repo_project, published
):
    deadline = repo_project.plan.report_deadline
    intro = progress_intro(repo_project, published, {"cd-tct-co-khi": deadline})
    assert f'báo cáo so với hạn {deadline:%d/%m/%Y} theo ngày nhận (ghi "nhận")' in intro
    assert "chưa có ngày nhận thì theo ngày đề trên báo cáo" in intro


def test_progress_page_says_reports_are_judged_by_their_signed_date_without_days(
    repo_project, published
):
    deadline = repo_project.plan.report_deadline
    intro = progress_intro(repo_project, published, {})
    assert f"báo cáo so với hạn {deadline:%d/%m/%Y} theo ngày đề trên báo cáo." in intro
    assert "ngày nhận" not in intro


def test_a_registry_with_a_cycle_still_gives_each_units_page_its_units_once(
    repo_project, published
):
    # two upper-level unions named as each other's parent: a registry error, reported as
    # such (ma-don-vi), that must not hang the build of the pages
    result, submissions = published
    registry = {ma: dict(entry) for ma, entry in result.registry.items()}
    registry["cd-tct-det-may"]["cap_tren"] = "cd-tct-co-khi"
    registry["cd-tct-co-khi"]["cap_tren"] = "cd-tct-det-may"
    by_id = {s.unit.id: s for s in submissions}
    section = Tree(repo_project, registry, by_id, set()).section("cd-tct-co-khi", set(by_id))
    listed = [u["id"] for g in section["groups"] for u in g["units"]]
    assert sorted(listed) == sorted(set(listed))
    assert {"cd-tct-det-may", "cdcs-may-hung-yen", "cdcs-co-khi-ha-noi"} <= set(listed)


def test_units_round_a_cycle_in_the_registry_are_listed_apart_once(repo_project, published):
    result, submissions = published
    registry = {ma: dict(entry) for ma, entry in result.registry.items()}
    registry["cd-tct-det-may"]["cap_tren"] = "cd-tct-co-khi"
    registry["cd-tct-co-khi"]["cap_tren"] = "cd-tct-det-may"
    by_id = {s.unit.id: s for s in submissions}
    progress = Tree(repo_project, registry, by_id, set()).progress()
    orphans = progress["orphans"]
    shown = [u["id"] for u in progress["top"]["units"]]
    shown += [u["id"] for g in progress["groups"] for u in g["units"]]
    shown += [u["id"] for u in orphans["units"]]
    shown += [u["id"] for g in orphans["groups"] for u in g["units"]]
    assert sorted(shown) == sorted(registry)


def test_statistics_show_a_dash_for_a_year_no_unit_reported_for_a_form(
    repo_project, published, docs
):
    registry = published[0].registry
    labels = repo_project.vocabulary["hinh_thuc_khen_thuong"]
    tables = statistics(repo_project, published[1])["award_levels"]
    dashes = 0
    for table in tables:
        reported = {
            (labels[row["hinh_thuc"]], row["nam"])
            for ma, data in docs.items()
            if registry[ma]["cap"] == table["code"]
            for row in data["bao_cao"].get("so_lieu_khen_thuong", [])
        }
        for label, counts, _ in table["rows"]:
            for year, count in zip(table["years"], counts, strict=True):
                assert (count == "—") is ((label, year) not in reported)
                dashes += count == "—"
    assert dashes  # the samples leave some years of some forms unreported


def test_units_list_shows_no_count_for_a_unit_that_has_not_submitted(site, docs):
    lines = site.pages["don-vi/index.md"].splitlines()
    missing = [line for line in lines if "chưa nộp" in line]
    ending = '<td data-label="Điển hình" class="vd-num">—</td></tr>'
    assert missing and all(line.rstrip().endswith(ending) for line in missing)


def test_a_parent_without_its_own_figures_says_so_instead_of_zero(repo_project, published):
    result, submissions = published
    by_id = {s.unit.id: s for s in submissions}
    parent = next(ma for ma in by_id if any(s.unit.parent == ma for s in submissions))
    report = dataclasses.replace(by_id[parent].report, figures=[])
    by_id[parent] = dataclasses.replace(by_id[parent], report=report)
    site = render_site(repo_project, result, list(by_id.values()))
    body = page(site, parent)
    assert "Chính đơn vị chưa báo cáo số liệu mục II.3." in body
    assert "(0 tập thể, 0 cá nhân)" not in body
