"""``vinhdanh codeowners``: review routing generated from don-vi.yaml.

Each submission is owned by the reviewers of its parent union, so the Git host
asks exactly them to approve; everything else (and any submission whose parent
names no reviewer) is owned by the administrators. CODEOWNERS applies the last
matching line, so the catch-all comes first.
"""

from __future__ import annotations

from typing import Any

from vinhdanh.check.registry import registry_index
from vinhdanh.project import (
    ADMINS_FILE,
    REGISTRY_FILE,
    SUBMISSIONS_DIR,
    Project,
    load_config,
    read_bytes,
)

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
