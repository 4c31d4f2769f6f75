"""The pages of registered units that have not submitted: each one's ready scaffold.

An official who has never used Git starts from the site alone: finds the unit
on /don-vi/ (section "Đơn vị chưa gửi hồ sơ"), opens its page
(``/don-vi/<ma>/``), copies the scaffold (Material's copy button on the code
block) or downloads it (``/don-vi/<ma>/<ma>.yaml``), and, when mkdocs.yml names
the repository (``repo_url``), presses a button that opens the Git host's "new
file" editor on ``submissions/<ma>.yaml``. The scaffold is exactly what
``vinhdanh new <ma>`` writes (``scaffold_text``, one source).

These pages hold no honoree and are not submissions: the units stay out of
``Site.published``, so nothing of them reaches the honour roll, statistics,
downloads or documents; the scaffold and the steps are kept out of the search
index, where only the unit's name is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment

from vinhdanh.check.registry import Registry
from vinhdanh.project import SUBMISSIONS_DIR, Project
from vinhdanh.scaffold import REGISTRATION_ANCHOR, scaffold_text
from vinhdanh.website.render import Site, yaml_text

# How long a "new file" link may be. GitHub and browsers take about 8 KB of URL in
# practice; a longer one fails with an error page, so past this the link names the
# file only and the user pastes the scaffold (copy button) into the editor.
NEW_FILE_URL_LIMIT = 8000


@dataclass(frozen=True)
class Repository:
    """Where submissions are made: mkdocs.yml's ``repo_url``, and the branch named in
    its ``edit_uri`` (``edit/<branch>/docs/``, as MkDocs writes it), else ``main``."""

    url: str
    branch: str = "main"

    @classmethod
    def from_config(cls, repo_url: str | None, edit_uri: str | None) -> Repository | None:
        if not repo_url:
            return None
        parts = (edit_uri or "").strip("/").split("/")
        branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"
        return cls(repo_url.rstrip("/"), branch or "main")


def new_file_url(
    repository: Repository, ma: str, text: str, limit: int = NEW_FILE_URL_LIMIT
) -> tuple[str, bool]:
    """GitHub's "new file" link for ``submissions/<ma>.yaml``, and whether it carries
    the scaffold (``value``): only when the whole link stays within ``limit``."""
    path = quote(f"{SUBMISSIONS_DIR}/{ma}.yaml", safe="/")
    bare = f"{repository.url}/new/{quote(repository.branch, safe='/')}?filename={path}"
    full = f"{bare}&value={quote(text, safe='')}"
    return (full, True) if len(full) <= limit else (bare, False)


def unsubmitted(project: Project, registry: Registry) -> list[dict[str, Any]]:
    """Registered units with no file at all under submissions/ (a unit whose file has
    errors has submitted: it is shown as "Có lỗi, chưa đăng", not offered a scaffold)."""
    folder = project.submissions_dir
    taken = {path.name.split(".")[0] for path in folder.iterdir()} if folder.is_dir() else set()
    return [entry for ma, entry in registry.items() if ma not in taken]


def starter_pages(
    site: Site,
    env: Environment,
    project: Project,
    registry: Registry,
    repository: Repository | None,
    published: set[str],
    waiting: list[dict[str, Any]],
) -> None:
    """Add the page and scaffold file of each unit in ``waiting`` (:func:`unsubmitted`)
    to ``site``.

    ``published``: the units whose pages exist, to link a parent's page.
    Linear: one pass over the registry for the units below, one scaffold a unit.
    """
    template = env.get_template("chua-nop.html.j2")
    below: dict[str, str] = {}
    for entry in registry.values():
        below.setdefault(entry.get("cap_tren") or "", entry["ma"])
    with_page = published | {entry["ma"] for entry in waiting}  # once, not once a unit
    for entry in waiting:
        ma = entry["ma"]
        text = scaffold_text(project, entry, below.get(ma))
        url, prefilled = new_file_url(repository, ma, text) if repository else (None, False)
        parent = registry.get(entry.get("cap_tren") or "", {})
        path = f"don-vi/{ma}/index.md"
        site.pages[path] = f"---\ntitle: {yaml_text(entry['ten'])}\n---\n"
        site.bodies[path] = template.render(
            unit=entry,
            level=project.vocabulary["cap"][entry["cap"]],
            parent=parent,
            parent_page=parent.get("ma") in with_page,
            scaffold=text,
            file_name=f"{ma}.yaml",
            url=url,
            prefilled=prefilled,
            registration=REGISTRATION_ANCHOR,
            # who may submit, and who is asked to review (as .github/CODEOWNERS says)
            maintainers=entry.get("nguoi_phu_trach") or [],
            reviewers=parent.get("nguoi_duyet") or [],
        )
        site.files[f"don-vi/{ma}/{ma}.yaml"] = text
