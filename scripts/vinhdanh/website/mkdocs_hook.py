"""MkDocs hook: ``mkdocs build`` and ``mkdocs serve`` render the submissions themselves.

on_config  validate, model and render once per build (the project is the folder
           of mkdocs.yml), with each submission's day of receipt read from Git
           once (``git.received``; without a history, the log says why and
           /tien-do/ judges reports by their own date); a build writes into
           a temporary folder first.
on_files   add the generated pages and files (nothing generated is committed): each
           unit's page, and for a registered unit that has not submitted, its
           scaffold (``starters``; the "new file" button needs ``repo_url``).
on_nav     section and link titles of the nav, escaped (see ``theme_text``).
on_page_content  unit pages are rendered as HTML already: put them in as they
           are, with their outline, instead of MkDocs' Markdown output. Every
           page's title and front matter are escaped here for the theme.
on_serve   re-render when a submission, the registry or the plan changes.
on_post_build  index the site for search (Pagefind) while the honour roll's
           downloads and each unit's documents (.docx; made on the other core
           during the build) are written,
           then swap the site into place: a failed build (strict
           warnings included) leaves the previous site/ untouched, never half a site.

A unit with errors, or one a stage fails on (``faults``), is left out and named
in the log at INFO; the other units are published (SPEC §9.2).
"""

from __future__ import annotations

import gc
import logging
import shutil
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from vinhdanh.background import Background, paused_gc
from vinhdanh.check.findings import Finding
from vinhdanh.errors import VinhdanhError
from vinhdanh.git.received import Received, received_dates
from vinhdanh.model import build_published
from vinhdanh.office.documents import Documents
from vinhdanh.project import PLAN_FILE, REGISTRY_FILE, SUBMISSIONS_DIR, open_project
from vinhdanh.website.publish import search_index, write_site_files
from vinhdanh.website.render import Site, outline, render_data, render_site
from vinhdanh.website.starters import Repository

log = logging.getLogger("mkdocs.plugins.vinhdanh")
_state: dict[str, object] = {}


# Config strings the theme prints into pages (title, header, <meta>, footer).
THEME_CONFIG_TEXT = ("site_name", "site_description", "site_author", "copyright")


def theme_text(value: Any) -> Any:
    """Text for the theme's templates, escaped once as HTML.

    MkDocs renders the theme with autoescape off, and Material prints titles,
    front matter and the site name raw (``<title>{{ page.meta.title }}``). So
    every string that reaches the theme from outside our own autoescaped
    templates is escaped here, as ``Markup``: Jinja's ``e`` filter then leaves
    it as it is, so nothing is escaped twice. Lists and mappings are walked;
    other values pass unchanged.
    """
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [theme_text(item) for item in value]
    if isinstance(value, dict):
        return {key: theme_text(item) for key, item in value.items()}
    return value


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        project = open_project(root)
        with paused_gc():
            result, submissions = build_published(project)
            received = received_dates(root) if project.plan.judge_by_received else Received()
            repository = Repository.from_config(config.repo_url, config.edit_uri)
            site = render_site(project, result, submissions, received.dates, repository)
            documents = Documents.load(
                project, result.registry, submissions
            )  # a broken template stops here
    except VinhdanhError as exc:  # a broken project: its message, not a traceback
        raise PluginError(str(exc)) from None
    for name in THEME_CONFIG_TEXT:
        config[name] = theme_text(config[name])
    gc.freeze()  # the model and pages live until the build ends: no collection rescans them
    _left_out([f for f in result.findings if f.is_error])
    if received.reason:  # at INFO: a site without the dates is still a good site
        log.info(f"vinhdanh: {received.reason}")
    _state.update(
        site=site,
        data=Background(  # on the other core
            render_data, project, site.published, documents, _lists(result)
        ),
        root=root,
    )
    if _state.get("command") == "build":
        final = Path(config.site_dir)
        _state["final"] = final
        config.site_dir = str(final.with_name(f".{final.name}.dang-dung"))
        shutil.rmtree(config.site_dir, ignore_errors=True)
    return config


def _lists(result) -> dict[str, dict]:
    """Each accepted submission's data by unit id: its workbook is made from it."""
    return {doc.data["don_vi"]["ma"]: doc.data for doc in result.accepted}


def _left_out(errors: list[Finding]) -> None:
    """Name each unit left out, and why, in the build log (SPEC §9.2).

    At INFO, not WARNING: ``--strict`` turns warnings into a failed build, and
    one unit's errors must not keep every other unit from being published.
    ``--strict`` still fails on the site's own problems (a broken link in docs/).
    """
    for file in sorted({f.file for f in errors}):
        first = next(f for f in errors if f.file == file)
        log.info(
            f"vinhdanh: {file} có lỗi nên không được đăng ({first.line}:{first.column} "
            f"[{first.code}] {first.message}). Chạy 'vinhdanh validate' để xem đủ."
        )


def on_files(files: Files, config) -> Files:
    site: Site = _state["site"]  # type: ignore[assignment]
    for path, text in sorted({**site.pages, **site.files}.items()):
        files.append(File.generated(config, path, content=text))
    return files


def on_nav(nav, config, files):
    """Sections and links take their titles from mkdocs.yml: escape them (pages: below)."""
    items = list(nav.items)
    while items:
        item = items.pop()
        if not isinstance(item, Page):
            item.title = theme_text(item.title)
        items += getattr(item, "children", None) or []
    return nav


def on_page_content(html: str, page, config, files) -> str:
    # Every page's title (from its front matter, or its first heading) and the rest
    # of its front matter reach the theme escaped; all pages pass here before the
    # first is put into the theme, so the nav's page titles are escaped too.
    title = page.title
    page.meta = theme_text(page.meta)
    if title is not None:
        page.meta["title"] = theme_text(title)
    site: Site = _state["site"]  # type: ignore[assignment]
    body = site.bodies.get(page.file.src_uri)
    if body is None:
        return html
    page.toc = get_toc(outline(body))
    return body


def on_serve(server, config, builder):
    root: Path = _state["root"]  # type: ignore[assignment]
    for name in (SUBMISSIONS_DIR, REGISTRY_FILE, PLAN_FILE):
        server.watch(str(root / name))
    return server


def _strict_warnings(config) -> bool:
    """Whether strict mode is about to abort this build (MkDocs checks after on_post_build)."""
    if not config.strict:
        return False
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def _cancel_data() -> None:
    data = _state.pop("data", None)
    if isinstance(data, Background):
        data.cancel()


def on_post_build(config) -> None:
    if _strict_warnings(config):
        _cancel_data()
        return  # on_build_error cleans up when the abort follows
    built = Path(config.site_dir)
    try:
        with search_index(built):
            data, faults = _state.pop("data").result()  # type: ignore[attr-defined]
            for fault in faults:  # its page is built already: only the downloads lack it
                log.info(f"vinhdanh: {fault.file}: {fault.message}")
            write_site_files(built, data)
    except VinhdanhError as exc:
        raise PluginError(str(exc)) from None
    finally:
        gc.unfreeze()  # mkdocs serve builds again in this process
    if _state.get("final") is None:
        return
    final = _state.pop("final")
    old = final.with_name(f".{final.name}.cu")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    built.rename(final)
    config.site_dir = str(final)
    shutil.rmtree(old, ignore_errors=True)


def on_build_error(error) -> None:
    _cancel_data()
    gc.unfreeze()
    final = _state.pop("final", None)
    if final is not None:
        shutil.rmtree(final.with_name(f".{final.name}.dang-dung"), ignore_errors=True)
