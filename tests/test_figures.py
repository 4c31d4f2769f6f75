"""Figures for the home and statistics pages, computed from the model."""

from __future__ import annotations

import pytest

from vinhdanh.website.figures import headline, share, statistics


@pytest.mark.parametrize(
    ("part", "whole", "shown"), [(1, 3, "33,3 %"), (1, 2, "50 %"), (0, 0, "—"), (None, 5, "—")]
)
def test_share_is_written_the_vietnamese_way_or_a_dash(part, whole, shown):
    assert share(part, whole) == shown


def test_headline_counts_every_published_honoree_once(published):
    result, submissions = published
    figures = headline(submissions, result.registry)
    lists = [doc.data["dien_hinh"]["ca_nhan"] for doc in result.accepted]
    people = sum(1 for items in lists for item in items if "tu" not in item)
    assert people < sum(map(len, lists))  # the samples refer to lower units' honorees
    assert figures["people"] == people
    assert figures["published"] == len(result.accepted)


def test_delegate_shares_count_only_units_that_gave_the_figure(repo_project, published):
    result, submissions = published
    meetings = [doc.data["hoi_nghi"]["dai_bieu"] for doc in result.accepted]
    given = [m for m in meetings if "dan_toc_thieu_so" in m]
    assert 0 < len(given) < len(meetings)  # the samples mix both cases
    expected = share(sum(m["dan_toc_thieu_so"] for m in given), sum(m["tong"] for m in given))
    rows = {label: row for label, *row in statistics(repo_project, submissions)["shares"]}
    assert rows["Người dân tộc thiểu số"][1] == expected


def test_shares_among_those_sent_up_use_their_own_records(repo_project, published):
    result, submissions = published
    sent = [
        person
        for doc in result.accepted
        for person in doc.data["dien_hinh"]["ca_nhan"]
        if "tu" not in person  # a reference: counted where the record is, if sent from there
        and person["ma"] in doc.data["hoi_nghi"].get("dai_bieu_di_du_cap_tren", [])
    ]
    assert sent
    stats = statistics(repo_project, submissions)
    assert stats["sent"] == len(sent)
    women = sum(person["gioi_tinh"] == "nu" for person in sent)
    rows = {label: row for label, *row in stats["shares"]}
    assert rows["Nữ"][2] == share(women, len(sent))


def test_home_and_statistics_pages_show_the_same_initiatives_and_value(repo_project, published):
    result, subs = published
    home = headline(subs, result.registry or {})
    stats = statistics(repo_project, subs)
    assert (home["initiatives"], home["value"]) == (stats["initiatives"], stats["value"])
    people = [p for s in subs for p in s.people]
    assert home["value"] == sum(i.value or 0 for p in people for i in p.initiatives)
