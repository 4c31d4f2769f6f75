"""A report written in Word from the seed's template, read into ``bao_cao.noi_dung``.

Officials write the report in Word; this finds its sections by their headings
and copies the text under each into the part of the schema it belongs to.
What it looks for comes from the schema's titles, laid out as the report
prints them (``headings``): "I. CÔNG TÁC TỔ CHỨC …", "1. Thuận lợi", II.5's
"5. … nguyên nhân và bài học kinh nghiệm" then "+ Nguyên nhân", III's "+"
parts. People do not keep the template's words, so a heading is found by its
number and words, forgiving case, diacritics, extra or missing words, the
numbering style ("1.", "1)", "a)", "I.1.") and Word's automatic numbering
(no typed number: the words alone decide). A heading may carry its text after
a colon ("Thuận lợi: Được sự …").

Only the sections' text is read: the letterhead, title and opening sentence
before the first heading, and "./.", "Nơi nhận:", the signature after the
end, are not; a heading's own words are not copied. The text is written the
way ``values.text_blocks`` reads it back: paragraphs separated by blank
lines, list items as "- " and "+ " lines. Tables are not text: each one in a
section is reported. Our own report's generated sentences (the reward
spending in II.2, the units' figures in II.3) come from other fields and are
left out, so that making the report again does not print them twice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from vinhdanh.check.findings import ERROR, WARNING, Finding
from vinhdanh.check.schema import resolve
from vinhdanh.office import report
from vinhdanh.office.docx_text import CODE, Paragraph, read_paragraphs
from vinhdanh.office.headings import part_headings, split_title
from vinhdanh.values import fold, show_value

Target = tuple[str, str]  # (section key, part key) of bao_cao.noi_dung


@dataclass(frozen=True)
class _Heading:
    kind: str  # "section" (I.), "group" (II.5's shared heading) or "part"
    target: Target  # the part the text after it goes to
    title: str  # the part's schema title, for messages
    roman: str
    numbers: frozenset[int]  # typed numbers that agree with it ("1.", "a)")
    words: tuple[str, ...]  # folded


_ROMAN = re.compile(r"^\(?([IVX]{1,4})\s*[.):–-]\s*")
_AFTER_ROMAN = re.compile(r"^(\d{1,2})(?!\d)\s*[.):/]?\s*")
_ARABIC = re.compile(r"^\(?(\d{1,2})\s*[.):/](?!\d)\s*")
_LETTER = re.compile(r"^\(?([a-hA-H])\)\s*|^([a-h])\.\s+")
_END = re.compile(r"^(noi nhan|t/?m\.?\s|kt\.?\s|phu luc( [ivx0-9]+)?$)")
# The sentence report.spending_sentence writes, for any amount.
_SPENDING = re.compile(re.escape(report.spending_sentence(0)).replace("0", "[0-9.]+") + "$")


def read_report(
    docx: bytes, file: str, schema: dict[str, Any]
) -> tuple[dict[str, dict[str, str]], list[Finding]]:
    """noi_dung as the submission schema shapes it ({"to_chuc_chi_dao": {"thuan_loi": "...",
    ...}, ...}), and findings. A part not found or empty is left out (and reported as a
    warning), so the caller can keep what the submission already holds for it."""
    paragraphs, findings = read_paragraphs(docx, file)
    if findings:
        return {}, findings
    layout = report_layout(schema)
    reader = _Reading(_headings(layout), file)
    reader.read(paragraphs)
    if not reader.found:
        sections = ", ".join(title for _key, title, _parts in layout)
        message = (
            f"Không tìm thấy tiêu đề mục nào của báo cáo ({sections}); tệp có phải báo cáo "
            "viết theo mẫu không?"
        )
        return {}, [Finding(file, 1, 1, CODE, ERROR, message)]
    return reader.result(layout)


def report_layout(schema: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(section key, title, [(part key, title)]) in the schema's order."""

    def sub(node: Any, name: str) -> dict[str, Any]:
        return resolve(resolve(node, {}, schema).get("properties", {}).get(name), {}, schema)

    noi_dung = sub(sub(schema, "bao_cao"), "noi_dung")
    return [
        (
            key,
            resolve(section, {}, schema)["title"],
            [
                (part, resolve(node, {}, schema)["title"])
                for part, node in resolve(section, {}, schema)["properties"].items()
            ],
        )
        for key, section in noi_dung["properties"].items()
    ]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", fold(text)))


def _headings(layout: list[tuple[str, str, list[tuple[str, str]]]]) -> list[_Heading]:
    """Every heading the report may have, in order, with the numbers that agree with it."""
    out: list[_Heading] = []
    for key, title, parts in layout:
        section = split_title(title)
        out.append(
            _Heading(
                "section",
                (key, parts[0][0]),
                title,
                section.roman,
                frozenset(),
                _tokens(section.words),
            )
        )
        previous: object = object()  # no number yet
        place = 0  # a level-3 part's place among those sharing its number ("a)", "b)")
        for (part, part_title), heading in zip(
            parts, part_headings([t for _, t in parts]), strict=True
        ):
            number = int(heading.number) if heading.number else None
            place = place + 1 if number == previous else 1
            previous = number
            target = (key, part)
            if heading.group is not None:
                kind = "part" if heading.own is None else "group"
                out.append(
                    _Heading(
                        kind,
                        target,
                        part_title,
                        section.roman,
                        frozenset({number}),
                        _tokens(heading.group),
                    )
                )
            if heading.own is not None:
                numbers = frozenset({place} | ({number} if number else set()))
                out.append(
                    _Heading(
                        "part", target, part_title, section.roman, numbers, _tokens(heading.own)
                    )
                )
    return out


def _typed_number(text: str) -> tuple[str, int | None, str]:
    """A heading's typed numbering taken off: "I.1. Thuận lợi" → ("I", 1, "Thuận lợi")."""
    roman, number = "", None
    match = _ROMAN.match(text)
    if match:
        roman, text = match.group(1), text[match.end() :]
        after = _AFTER_ROMAN.match(text)
        if after:
            number, text = int(after.group(1)), text[after.end() :]
        return roman, number, text
    match = _ARABIC.match(text)
    if match:
        return "", int(match.group(1)), text[match.end() :]
    match = _LETTER.match(text)
    if match:
        letter = (match.group(1) or match.group(2)).lower()
        return "", ord(letter) - ord("a") + 1, text[match.end() :]
    return "", None, text


def _pairs(words: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _recall(title: tuple[str, ...], words: tuple[str, ...]) -> float:
    """The share of the title's words found, and of its pairs of neighbouring words:
    Vietnamese words are syllables, and "nguyên nhân" is not "Nguyễn … cá nhân"."""
    single = len(set(title) & set(words)) / len(set(title))
    if len(title) < 2:
        return single
    return (single + len(_pairs(title) & _pairs(words)) / len(_pairs(title))) / 2


def _score(
    heading: _Heading,
    para: Paragraph,
    typed: tuple[str, int | None],
    words: tuple[str, ...],
    anywhere: bool,
) -> float | None:
    """How well a paragraph (or its words before a colon) reads as this heading; None if not.

    A typed number that agrees lets fewer words match; Word's numbering or a heading's
    emphasis asks three quarters of the heading's words; a plain paragraph (or a typed
    "+" item, as III's parts are written) must also be short. Before the first heading
    is found, the title and the opening sentence share many words with the sections':
    there only a numbered paragraph can be a heading, or one of the first section's.
    """
    roman, number = typed
    if heading.kind == "section":
        agrees = bool(roman) and roman == heading.roman and number is None
    else:
        agrees = number in heading.numbers and roman in ("", heading.roman)
    if not anywhere and not (agrees or para.numbered):
        return None
    title = set(heading.words)
    if not title or not words:
        return None
    recall = _recall(heading.words, words[: 2 * len(heading.words) + 4])
    shared = title & set(words)
    short = len(words) <= len(heading.words) and len(set(words) - title) <= 1
    short = short and len(shared) >= min(3, len(title))
    if agrees:
        matched = recall >= 0.5 or short
    else:
        matched = recall >= 0.75 or short
        if not (para.numbered or para.emphasised or roman or number):
            matched = matched and len(words) <= 2 * len(heading.words) + 12
    if not matched:
        return None
    return recall + (1.0 if agrees else 0.0) + 0.1 * len(shared) / len(set(words))


class _Reading:
    """One pass over the paragraphs: headings found, text gathered under each part."""

    def __init__(self, headings: list[_Heading], file: str) -> None:
        self.headings = headings
        self.file = file
        self.found: dict[int, int] = {}  # heading index → its paragraph's number
        self.texts: dict[Target, list[tuple[str | None, str]]] = {}
        self.under: dict[Target, tuple[int, str]] = {}  # text got without the part's heading
        self.findings: list[Finding] = []
        self.last = 1

    def read(self, paragraphs: list[Paragraph]) -> None:
        cursor, target = -1, None
        for para in paragraphs:
            if para.table:
                if self.found and "noi nhan" in fold(para.text):
                    return
                if target is not None:
                    self._table(para, target)
                continue
            text = para.text.strip()
            if self.found and (_END.match(fold(text)) or text == "./."):
                return
            hit = self._heading(para, cursor)
            if hit is not None:
                cursor, rest = hit
                heading = self.headings[cursor]
                self.found[cursor] = para.number
                target = heading.target
                if heading.kind != "part" and target not in self._parts_found():
                    self.under.setdefault(target, (para.number, self._printed(para)))
                if rest:
                    self._add(target, Paragraph(para.number, rest))
                continue
            if target is not None:
                ended = text.endswith("./.")
                if ended:
                    para = Paragraph(para.number, text[:-3] + ".", para.bullet, para.numbered)
                self._add(target, para)
                if ended:
                    return

    def _parts_found(self) -> set[Target]:
        return {self.headings[i].target for i in self.found if self.headings[i].kind == "part"}

    @staticmethod
    def _printed(para: Paragraph) -> str:
        return " ".join(para.text.split())

    def _heading(self, para: Paragraph, cursor: int) -> tuple[int, str] | None:
        """The heading this paragraph is (its index) and any text after its colon."""
        roman, number, text = _typed_number(para.text.strip())
        tries = []
        if ":" in text:
            head, rest = text.split(":", 1)
            tries.append((_tokens(head), rest.strip()))
        tries.append((_tokens(text), ""))
        for words, rest in tries:
            best: tuple[float, int] | None = None
            for index in range(cursor + 1, len(self.headings)):
                heading = self.headings[index]
                anywhere = bool(self.found) or heading.target[0] == self.headings[0].target[0]
                score = _score(heading, para, (roman, number), words, anywhere)
                if score is not None and (best is None or score > best[0]):
                    best = (score, index)
            if best is not None:
                return best[1], rest
        return None

    def _add(self, target: Target, para: Paragraph) -> None:
        self.last = para.number
        lines = [" ".join(line.split()) for line in para.text.split("\n")]
        lines = [line for line in lines if line]
        if not lines or self._generated(target, " ".join(lines)):
            return
        items = self.texts.setdefault(target, [])
        if para.bullet:
            items.append((para.bullet, " ".join(lines)))
        else:
            items.append((None, "\n".join(lines)))

    @staticmethod
    def _generated(target: Target, text: str) -> bool:
        """A sentence our own report writes from another field than the part's text."""
        if target == report.SPENDING_PART:
            return bool(_SPENDING.match(text))
        return target == report.FIGURES_PART and text.startswith(report.UNITS_TITLE)

    def _table(self, para: Paragraph, target: Target) -> None:
        title = next(h.title for h in self.headings if h.target == target and h.kind == "part")
        self._warn(
            max(para.number, 1),
            f"Bảng ngay sau đoạn {para.number} (mục {title}) không được chép vào nội dung báo "
            "cáo: chỉ đọc các đoạn văn. Số liệu khen thưởng ghi ở phần số liệu "
            "(so_lieu_khen_thuong); nội dung khác của bảng, nếu cần giữ, hãy viết thành đoạn văn.",
        )

    def _warn(self, number: int, message: str) -> None:
        self.findings.append(
            Finding(self.file, number, 1, CODE, WARNING, message, place=f"đoạn {number}")
        )

    def result(
        self, layout: list[tuple[str, str, list[tuple[str, str]]]]
    ) -> tuple[dict[str, dict[str, str]], list[Finding]]:
        noi_dung: dict[str, dict[str, str]] = {}
        for index, heading in enumerate(self.headings):
            if heading.kind != "part":
                continue
            text = _joined(self.texts.get(heading.target, []))
            if text:
                noi_dung.setdefault(heading.target[0], {})[heading.target[1]] = text
            self._check(index, heading, text)
        return noi_dung, self.findings

    def _check(self, index: int, heading: _Heading, text: str) -> None:
        if index in self.found and not text:
            self._warn(self.found[index], f"Mục {heading.title} không có nội dung.")
        elif index in self.found and only_questions(text):
            self._warn(
                self.found[index],
                f"Mục {heading.title} chỉ có các câu hỏi gợi ý của mẫu báo cáo (dòng kết thúc "
                "bằng dấu ?). Hãy viết câu trả lời thay cho câu hỏi.",
            )
        elif index not in self.found and text:
            number, above = self.under[heading.target]
            self._warn(
                number,
                f"Không tìm thấy tiêu đề mục {heading.title}; văn bản ngay dưới tiêu đề "
                f"“{show_value(above, 80)}” được đưa vào mục này.",
            )
        elif index not in self.found:
            later = [self.found[i] for i in sorted(self.found) if i > index]
            self._warn(later[0] if later else self.last, f"Không tìm thấy mục {heading.title}.")


def only_questions(text: str) -> bool:
    """Text whose every line is a question: the template's prompts, not yet answered."""
    lines = [line.strip().rstrip(".").rstrip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.endswith("?") for line in lines)


def _joined(items: list[tuple[str | None, str]]) -> str:
    """Paragraphs separated by blank lines, a list's items on consecutive lines."""
    blocks: list[str] = []
    previous: str | None = None
    for bullet, text in items:
        line = f"{bullet} {text}" if bullet else text
        if bullet and previous:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
        previous = bullet
    return "\n\n".join(blocks)
