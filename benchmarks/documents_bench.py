"""Time the units' documents (.docx) and the site build against plain MkDocs + Material.

Usage: python benchmarks/documents_bench.py [N] [--repeat 3]

1. Documents: every unit's three documents (report, two lists) made from a
   generated project of N units (about 26 honorees each), best of --repeat,
   as ms per document and s per 1,000 units.
2. Build ratio: ``mkdocs build`` of the project (validation, pages, downloads,
   documents on the other core, search index) against plain MkDocs + Material
   building the same pages as Markdown files (the same bodies, the same theme
   and nav, no hook), best of --repeat each. The budget is a ratio at or under 1.0.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from generate import generate_site
from timing import best

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "scripts"))

from vinhdanh.model import build_published  # noqa: E402
from vinhdanh.office.documents import Documents  # noqa: E402
from vinhdanh.project import open_project  # noqa: E402
from vinhdanh.website.render import render_site  # noqa: E402


def time_documents(project_dir: Path, repeat: int) -> None:
    project = open_project(project_dir)
    result, subs = build_published(project)
    documents = Documents.load(project, result.registry)
    sizes = [len(b) for s in subs[:50] for b in documents.for_unit(s).values()]
    seconds = best(repeat, lambda: [documents.for_unit(s) for s in subs])
    count = 3 * len(subs)
    print(
        f"documents: {count} in {seconds:.2f} s = {seconds * 1000 / count:.2f} ms each, "
        f"{seconds * 1000 / len(subs):.2f} s per 1,000 units; "
        f"average .docx {sum(sizes) / len(sizes) / 1024:.1f} KiB"
    )


def plain_project(project_dir: Path, out: Path) -> Path:
    """The same pages as Markdown for plain MkDocs + Material (no hook)."""
    project = open_project(project_dir)
    result, subs = build_published(project)
    site = render_site(project, result, subs)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project_dir / "docs", out / "docs")
    shutil.copytree(project_dir / "overrides", out / "overrides")
    config = (project_dir / "mkdocs.yml").read_text(encoding="utf-8")
    config = "\n".join(line for line in config.splitlines() if "mkdocs_hook" not in line)
    (out / "mkdocs.yml").write_text(config.replace("hooks:\n", "") + "\n", encoding="utf-8")
    for path, text in site.pages.items():
        target = out / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        body = site.bodies.get(path)
        target.write_text(text + ("\n" + body if body else ""), encoding="utf-8")
    return out


def build(folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=folder, check=True, capture_output=True
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    project_dir = generate_site(args.count, HERE / "out" / f"docs-{args.count}")
    time_documents(project_dir, args.repeat)
    plain = plain_project(project_dir, HERE / "out" / f"plain-{args.count}")
    ours = best(args.repeat, lambda: build(project_dir))
    theirs = best(args.repeat, lambda: build(plain))
    print(
        f"{args.count} units: vinhdanh build {ours:.1f} s; plain MkDocs + Material on the "
        f"same pages {theirs:.1f} s; ratio {ours / theirs:.2f}"
    )


if __name__ == "__main__":
    main()
