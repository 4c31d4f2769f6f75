"""``vinhdanh codeowners``: review routing generated from don-vi.yaml.

Each submission is owned by the reviewers of its parent union, so the Git host
asks exactly them to approve; everything else (and any submission whose parent
names no reviewer) is owned by the administrators. CODEOWNERS applies the last
matching line, so the catch-all comes first.

When the committed file is stale (a unit was registered without it), the check
says how to fix it both ways a registration is made: the command to run, and for
someone editing on the Git host's web pages, the exact lines to change.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.check.registry import registry_index
from vinhdanh.project import (
    ADMINS_FILE,
    REGISTRY_FILE,
    SUBMISSIONS_DIR,
    Project,
    load_config,
    read_bytes,
)
from vinhdanh.values import show_value

CODEOWNERS_FILE = ".github/CODEOWNERS"


def render_codeowners(registry: list[dict[str, Any]], admins: list[str]) -> str:
    """The CODEOWNERS text for a registry (in its order) and the administrators."""
    index = registry_index(registry)
    owners = " ".join(f"@{h}" for h in admins)
    lines = [
        f"# Tạo tự động từ {REGISTRY_FILE} và {ADMINS_FILE} bằng 'vinhdanh codeowners'.",
        "# Đừng sửa tay: sửa hai tệp đó rồi chạy lại lệnh.",
        "",
        f"* {owners}",
        "",
    ]
    for entry in index.values():
        parent = index.get(entry.get("cap_tren") or "", {})
        reviewers = parent.get("nguoi_duyet") or []
        who = " ".join(f"@{h}" for h in reviewers) if reviewers else owners
        lines.append(f"/{SUBMISSIONS_DIR}/{entry['ma']}.yaml {who}")
    return "\n".join(lines) + "\n"


def codeowners_for(project: Project) -> str:
    """CODEOWNERS for the project's current registry and administrators."""
    root, schemas = project.root, project.schemas
    registry = load_config(schemas, read_bytes(root / REGISTRY_FILE), REGISTRY_FILE, "registry")
    admins = load_config(schemas, read_bytes(root / ADMINS_FILE), ADMINS_FILE, "admins")
    return render_codeowners(registry, admins["quan_tri"])


# Lines of the web-editing recipe shown at most (a whole new file is a command's job).
SHOWN_EDITS = 20
FIX_COMMANDS = (
    "vinhdanh codeowners",
    f"git add {CODEOWNERS_FILE}",
    f'git commit -m "Cập nhật {CODEOWNERS_FILE} theo {REGISTRY_FILE}"',
)


def _quoted(line: str) -> str:
    return f"«{show_value(line, limit=2000)}»"


def edits(current: str, expected: str) -> list[tuple[int, str]]:
    """What to change in the written file to get the generated one, as (line, what):
    the line numbers are the written file's, as the web editor shows them."""
    old, new = current.splitlines(), expected.splitlines()
    steps: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            line = i1 + k + 1
            steps.append(
                (line, f"dòng {line}: thay {_quoted(old[i1 + k])} bằng {_quoted(new[j1 + k])}")
            )
        steps += [(n + 1, f"dòng {n + 1}: xoá {_quoted(old[n])}") for n in range(i1 + paired, i2)]
        where = f"sau dòng {i2}" if i2 else "ở đầu tệp"
        steps += [(max(i2, 1), f"{where}: thêm {_quoted(line)}") for line in new[j1 + paired : j2]]
    return steps


def stale_message(current: str, expected: str) -> str:
    """Why the check failed and the exact way to fix it, in Vietnamese."""
    steps = edits(current, expected)
    shown = [f"  - {what}" for _, what in steps[:SHOWN_EDITS]]
    if len(steps) > SHOWN_EDITS:
        shown.append(f"  - … và {len(steps) - SHOWN_EDITS} chỗ khác: hãy dùng lệnh ở trên.")
    return "\n".join(
        [
            f"{CODEOWNERS_FILE} chưa khớp với {REGISTRY_FILE} và {ADMINS_FILE}: tệp này được "
            "tạo tự động từ hai tệp đó, nên mỗi lần sửa sổ đăng ký (ví dụ thêm đơn vị) phải "
            "tạo lại nó trong cùng yêu cầu hợp nhất.",
            "Cách sửa: trong thư mục kho, chạy",
            *(f"    {command}" for command in FIX_COMMANDS),
            "rồi đẩy commit lên (git push) cùng yêu cầu hợp nhất.",
            f"Sửa trên trang Git, không cài vinhdanh: mở {CODEOWNERS_FILE}, bấm biểu tượng bút "
            "chì và sửa đúng như sau (số dòng là của tệp hiện tại, trước khi sửa):",
            *shown,
        ]
    )


def stale_finding(current: str, expected: str) -> Finding:
    """The same, as a finding at the first line to change (for a workflow annotation)."""
    steps = edits(current, expected)
    line = steps[0][0] if steps else 1
    return Finding(CODEOWNERS_FILE, line, 1, "codeowners", ERROR, stale_message(current, expected))
