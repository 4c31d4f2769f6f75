"""The report's headings: how the schema's titles are printed, and so what a reader looks for.

The schema titles the report's parts "I.1. Thuận lợi", "II.5. Nguyên nhân",
"III. Những nội dung chủ yếu". The report (``report``) prints them as the
seed's template lays them out, and the Word reader (``word_in``) finds them
again in a document written from that template; both take the layout from
here, so the two cannot drift apart:

- a part with its own number ("I.1.") is a level-2 heading "1. Thuận lợi";
- parts sharing a number (II.5's three) are one level-2 heading naming them
  all ("5. Tồn tại, hạn chế, nguyên nhân và bài học kinh nghiệm"), then each
  a level-3 heading ("Tồn tại, hạn chế");
- a part without a number (III's three) is a level-3 heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

_NUMBERED = re.compile(r"^([IVX]+)\.(\d+)\.\s*(.*)$")
_UNNUMBERED = re.compile(r"^([IVX]+)\.\s*(.*)$")


@dataclass(frozen=True)
class Title:
    """A schema title taken apart: "I.1. Thuận lợi" → roman "I", number "1", words."""

    roman: str  # "" when the title has no roman numeral
    number: str | None
    words: str


def split_title(heading: str) -> Title:
    match = _NUMBERED.match(heading)
    if match:
        return Title(match.group(1), match.group(2), match.group(3))
    match = _UNNUMBERED.match(heading)
    if match:
        return Title(match.group(1), None, match.group(2))
    return Title("", None, heading)


@dataclass(frozen=True)
class PartHeading:
    """The headings printed for one part, before its text."""

    number: str | None  # the part's number ("1" for "I.1."); None for III's parts
    group: str | None  # level-2 words starting here ("Thuận lợi"; a shared number's all)
    own: str | None  # the part's level-3 words; None when the level-2 heading is its own

    @property
    def level2(self) -> str | None:
        return f"{self.number}. {self.group}" if self.group is not None else None


def part_headings(titles: Sequence[str]) -> list[PartHeading]:
    """Each part's headings, from the schema titles of one section's parts, in order."""
    out: list[PartHeading] = []
    split = [split_title(t) for t in titles]
    for number, group in groupby(split, key=lambda t: t.number):
        parts = list(group)
        words = joined([t.words for t in parts])
        for n, title in enumerate(parts):
            starts = number is not None and n == 0
            own = title.words if number is None or len(parts) > 1 else None
            out.append(PartHeading(number, words if starts else None, own))
    return out


def joined(titles: list[str]) -> str:
    """Parts sharing a number, named together: "A", "B", "C" → "A, b và c"."""
    if len(titles) == 1:
        return titles[0]
    rest = [t[:1].lower() + t[1:] for t in titles[1:]]
    return ", ".join([titles[0], *rest[:-1]]) + " và " + rest[-1]
