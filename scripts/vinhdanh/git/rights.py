"""Who holds which right, as the base branch's don-vi.yaml and quan-tri.yaml say.

Shared by the path rules (``authorise.py``) and the registry's entry rules
(``register.py``). Git handles are compared without regard to case, as Git
hosts do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vinhdanh.check.registry import registry_index
from vinhdanh.git.repo import read_at, visible
from vinhdanh.project import ADMINS_FILE, REGISTRY_FILE, Project, load_config


def ancestors(registry: dict[str, dict[str, Any]], ma: str) -> list[str]:
    """The unions above ``ma``, nearest first, as ``registry``'s ``cap_tren`` chain them
    (a loop in an unchecked tree is walked once)."""
    chain, seen = [], {ma}
    parent = registry.get(ma, {}).get("cap_tren")
    while parent and parent not in seen:
        chain.append(parent)
        seen.add(parent)
        parent = registry.get(parent, {}).get("cap_tren")
    return chain


@dataclass(frozen=True)
class Decision:
    """The verdict on one changed path, or on one entry of don-vi.yaml (``line`` then)."""

    path: str
    allowed: bool
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Rights:
    """Who may do what, as read from the base branch."""

    registry: dict[str, dict[str, Any]]
    admins: frozenset[str]
    # The administrators as quan-tri.yaml writes them (CODEOWNERS is generated from them).
    admin_list: tuple[str, ...] = ()

    def ancestors(self, ma: str) -> list[str]:
        return ancestors(self.registry, ma)

    def handles(self, ma: str, field: str) -> set[str]:
        return {h.casefold() for h in self.registry.get(ma, {}).get(field, [])}

    def reviewed_by(self, who: str) -> list[str]:
        """The unions whose reviewer (``nguoi_duyet``) ``who`` is, in registry order."""
        return [ma for ma in self.registry if who.casefold() in self.handles(ma, "nguoi_duyet")]


def rights_at(project: Project, ref: str, cwd: Path) -> Rights:
    """Rights as the base branch grants them (a pull request cannot widen its own)."""
    schemas, shown = project.schemas, visible(ref)
    registry = load_config(
        schemas, read_at(ref, REGISTRY_FILE, cwd), f"{shown}:{REGISTRY_FILE}", "registry"
    )
    admins = load_config(
        schemas, read_at(ref, ADMINS_FILE, cwd), f"{shown}:{ADMINS_FILE}", "admins"
    )["quan_tri"]
    return Rights(registry_index(registry), frozenset(h.casefold() for h in admins), tuple(admins))
