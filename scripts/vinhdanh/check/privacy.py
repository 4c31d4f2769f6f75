"""What a submission may hold about people (SPEC §9.1), and how validation says so.

The repository and every pull request are public, so whatever a unit commits is
published whether or not the site shows it. Two per-person fields of v1 are
therefore retired (``rieng_tu``, ``dan_toc``): present, each gives one
``du-lieu-nhay-cam`` finding at its key. The unit's ``lien_he`` is accepted but
is not for the site. Values under any of these paths are never quoted in a
message: :func:`is_private` is what the schema translator and the field rules
ask before they echo a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from vinhdanh.check.findings import ERROR, WARNING, Finding
from vinhdanh.check.syntax import key_of
from vinhdanh.values import value_at

if TYPE_CHECKING:  # load reads comments, whose warning asks private_line: no cycle at run time
    from vinhdanh.check.load import Document, JsonPath

CONTACT = "lien_he"
MINORITY_COUNT = "so_dan_toc_thieu_so"

_PUBLIC = (
    "kho dữ liệu này và mọi pull request đều công khai (ai cũng đọc được mọi dòng của tệp và "
    "lịch sử sửa đổi, dù trang web không hiển thị)"
)
_ALREADY_PUSHED = (
    "Nếu thông tin này đã được đẩy lên kho, hãy báo quản trị viên để xoá khỏi lịch sử."
)

# Per-honoree keys of v1 that a submission may no longer hold, with what to say.
RETIRED: dict[str, str] = {
    "rieng_tu": (
        f"Khối 'rieng_tu' (thông tin riêng tư) không còn được dùng: {_PUBLIC}, nên không "
        "giữ kín được gì. Bảng vàng không cần số căn cước, năm sinh, điện thoại hay email cá "
        "nhân. Hãy xoá cả khối rieng_tu của người này; người liên hệ công tác của đơn vị (để "
        f"cấp trên trao đổi) ghi một lần ở mục lien_he cuối tệp. {_ALREADY_PUSHED}"
    ),
    "dan_toc": (
        "Trường 'dan_toc' của từng người không còn được dùng: dân tộc là dữ liệu cá nhân "
        f"nhạy cảm theo Nghị định 13/2023/NĐ-CP, trong khi {_PUBLIC}. Hãy xoá dòng dan_toc; "
        "để thống kê, ghi tổng số cá nhân điển hình là người dân tộc thiểu số vào "
        f"dien_hinh.{MINORITY_COUNT}. {_ALREADY_PUSHED}"
    ),
}


def is_private(path: JsonPath) -> bool:
    """True for the unit's contact and anything under a retired key.

    Cheap on purpose: the field rules ask it for every money and date field.
    """
    return bool(path) and (path[0] == CONTACT or is_retired(path))


def is_retired(path: JsonPath) -> bool:
    """True for a retired key and anything under it, wherever it was written.

    Retired from honorees, but a key of that name is as sensitive on a presidium
    member or at the top of the file, so any position counts.
    """
    return any(part in RETIRED for part in path)


def retired_fields(doc: Document) -> list[Finding]:
    """One ``du-lieu-nhay-cam`` error per retired key, at the key, whatever its value."""
    return [
        Finding(doc.file, line, column, "du-lieu-nhay-cam", ERROR, RETIRED[path[-1]])
        for path, (line, column) in doc.key_marks.items()
        if path[-1] in RETIRED and not is_retired(path[:-1])
    ]


def outside_retired(doc: Document, findings: list[Finding]) -> list[Finding]:
    """The loader's ``ky-tu-an`` findings, less those inside a retired block.

    A retired block gets its one ``du-lieu-nhay-cam`` finding and nothing more:
    nothing inside it is checked, so nothing inside it is pointed at either.
    A block spans from its key to the first value written after it outside it.
    """
    spans = []
    for path, start in doc.key_marks.items():
        if path[-1] in RETIRED and not is_retired(path[:-1]):
            size = len(path)
            last = max([pos for p, pos in doc.marks.items() if p[:size] == path] + [start])
            after = [pos for p, pos in doc.marks.items() if pos > last and p[:size] != path]
            spans.append((start, min(after, default=(1 << 62, 0))))
    if not spans:
        return findings
    return [
        f
        for f in findings
        if f.code != "ky-tu-an" or not any(a <= (f.line, f.column) < b for a, b in spans)
    ]


class _Out(Protocol):
    def add(self, path: JsonPath, code: str, severity: str, message: str) -> None: ...


def minority_count(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """``dien_hinh.so_dan_toc_thieu_so`` counts individual honorees, so cannot exceed them."""
    honorees = data["dien_hinh"]
    count, people = honorees.get(MINORITY_COUNT), len(honorees["ca_nhan"])
    if count is not None and count > people:
        out.add(
            ("dien_hinh", MINORITY_COUNT),
            "so-lieu-khong-khop",
            ERROR,
            f"Số cá nhân điển hình là người dân tộc thiểu số ({count}) lớn hơn số cá nhân "
            f"điển hình trong tệp ({people} cá nhân ở dien_hinh.ca_nhan). Hãy sửa "
            f"{MINORITY_COUNT} thành số người dân tộc thiểu số trong danh sách đó.",
        )


# A run of 10-12 digits that starts like a Vietnamese phone number or citizen ID
# (0…, +84…), spaces or dots allowed between digits; an e-mail address. No
# lookbehind: a pattern that starts with a literal is scanned far faster.
_NUMBER_LIKE = re.compile(r"(?:\+84[ .]?|0)\d(?:[ .]?\d){8,10}(?!\.?\d)")
_BEFORE_NUMBER = frozenset("0123456789")  # a match right after these is inside a longer number
_EMAIL_LIKE = re.compile(r"[\w.+-]@[\w-]+\.[a-z]", re.IGNORECASE)
# Where people are described: honorees and the presidium (not the report's prose).
_PEOPLE: tuple[JsonPath, ...] = (("dien_hinh",), ("hoi_nghi", "doan_chu_tich"))
_CONTACT_MESSAGE = (
    "Văn bản này có vẻ chứa số điện thoại, số căn cước hoặc địa chỉ email (không trích lại ở "
    f"đây): {_PUBLIC}, và nội dung này còn được đăng trên bảng vàng. Hãy xoá; người liên hệ "
    "công tác của đơn vị ghi ở mục lien_he. Nếu đó không phải thông tin cá nhân (ví dụ một mã "
    "số), có thể giữ nguyên."
)


def _contact_like(text: str) -> bool:
    """Cheap first: most text has no '@'."""
    if "@" in text and _EMAIL_LIKE.search(text):
        return True
    return any(
        text[m.start() - 1 : m.start()] not in _BEFORE_NUMBER for m in _NUMBER_LIKE.finditer(text)
    )


def contacts_in_text(doc: Document) -> list[Finding]:
    """A warning at each text about people that holds something like a phone or e-mail.

    Only a hint (a long code may look like a phone number), so a warning; the
    reviewer sees it in the pull request's summary. One search over all the text
    first (most files have none): a search per string costs five times more.
    """
    starts = [(path, value_at(doc.data, path)) for path in _PEOPLE]
    if not _contact_like("\x00".join(_texts(node for _, node in starts))):
        return []
    findings = []
    stack: list[tuple[JsonPath, Any]] = starts
    while stack:
        path, node = stack.pop()
        if node.__class__ is str:
            if _contact_like(node):
                line, column = doc.where(path)
                findings.append(
                    Finding(doc.file, line, column, "du-lieu-nhay-cam", WARNING, _CONTACT_MESSAGE)
                )
        elif node.__class__ is dict:
            stack.extend(((*path, k), v) for k, v in node.items() if k not in RETIRED)
        elif node.__class__ is list:
            stack.extend(((*path, index), value) for index, value in enumerate(node))
    return findings


def _texts(nodes: Iterable[Any]) -> list[str]:
    """Every string under the nodes (retired keys' too: the located walk skips those)."""
    found: list[str] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node.__class__ is str:
            found.append(node)
        elif node.__class__ is dict:
            stack.extend(node.values())
        elif node.__class__ is list:
            stack.extend(node)
    return found


def private_line(lines: list[str], number: int) -> bool:
    """Is line ``number`` (1-based) of a text YAML could not read inside the contact or a
    retired key? Read by indentation alone, since the text has no tree: a message about
    such a line must not quote it (an unclosed quote in ``so_cccd``, a '#' in a phone
    number), as schema messages never quote a private value."""
    keys, limit = [], None
    for line in reversed(lines[:number]):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if limit is None or indent < limit:
            key = key_of(line[:1_000])
            if key:
                keys.append(key)
            limit = indent
            if indent == 0:
                break
    return bool(keys) and (keys[-1] == CONTACT or any(k in RETIRED for k in keys))
