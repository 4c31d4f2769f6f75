"""Codes (``ma``) for the people and collectives a workbook lists.

Officials rarely write codes: a record without one gets one made from its name
("Lê Thị Mỹ Duyên" → ``le-thi-my-duyen``), never one already taken
(``le-thi-my-duyen-2``). A code the official wrote is kept as written when the
schema allows it, else made lower-case and unaccented, and kept even when
written twice: that is a mistake the validation names, not one to hide by
renaming. References (``tu``) have no code of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vinhdanh.office.layout import REFERENCE, JsonPath
from vinhdanh.values import slug

FALLBACK = "dien-hinh"  # a record with neither code nor name


def assign(
    lists: dict[JsonPath, list[Any]], patterns: dict[JsonPath, re.Pattern[str]]
) -> Iterator[tuple[JsonPath, int, Any, str]]:
    """Give each record of ``lists`` (at the paths in ``patterns``) its code, first among
    its keys; yields (path, index, the code written, the code given)."""
    chosen = [(path, lists.get(path, [])) for path in patterns]
    taken = {slug(str(i["ma"])) for _, items in chosen for i in items if i.get("ma")}
    for path, items in chosen:
        for index, item in enumerate(items):
            if REFERENCE in item:
                continue
            given = item.get("ma")
            if given:
                text = str(given)
                code = text if patterns[path].fullmatch(text) else slug(text)
            else:
                code = _new_code(item, taken)
            items[index] = {"ma": code, **{k: v for k, v in item.items() if k != "ma"}}
            yield path, index, given, code


def _new_code(item: dict[str, Any], taken: set[str]) -> str:
    base = slug(str(item.get("ho_ten") or item.get("ten") or "")) or FALLBACK
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    taken.add(code)
    return code
