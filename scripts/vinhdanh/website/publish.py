"""Stage 5 — publish: the only module that writes files.

Writes are atomic (a temporary file in the same folder, then a rename) so a
crash never leaves half a file; creating a new file never replaces one that is
already there, so no user's work is lost behind their back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from vinhdanh.check.findings import Finding
from vinhdanh.check.validate import Result
from vinhdanh.errors import ProjectError, UsageError
from vinhdanh.project import Project, display_path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A temporary file beside the target, with the mode a normal new file would get."""
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    os.chmod(temporary, 0o666 & ~_umask())
    return fd, temporary


def write_new_file(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if anything already exists there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = _temporary(path.parent, path.name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        try:
            os.link(temporary, path)  # fails if path exists: never overwrite
        except FileExistsError:
            raise UsageError(
                f"Tệp {path} đã có; vinhdanh không ghi đè. Hãy sửa trực tiếp tệp đó, "
                "hoặc chọn nơi khác bằng --output."
            ) from None
    finally:
        os.unlink(temporary)


def write_generated(path: Path, content: str | bytes) -> bool:
    """Replace a generated file atomically; says whether its content changed."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = _temporary(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True


def _refuse_edited(files: dict[Path, bytes], replace: bool) -> None:
    """Refuse, before anything is written, to replace a file that differs from what
    would be written there (the user may have edited it, or it is the scan of the
    signed report), unless ``replace``. A PDF is never byte-identical to an
    earlier conversion (LibreOffice stamps the time), so an existing one is only
    kept beside an unchanged document, never silently replaced."""
    if replace:
        return
    for path, data in files.items():
        if path.exists() and not (path.is_file() and path.read_bytes() == data):
            raise UsageError(
                f"Tệp {display_path(path)} đã có và khác bản sắp tạo (có thể anh/chị đã sửa "
                "nó). vinhdanh không ghi đè: hãy chọn thư mục khác bằng -o, hoặc thêm "
                "--ghi-de để thay tệp cũ."
            )


@dataclass
class Written:
    """What a document command did: the findings that stopped it, or the files it wrote."""

    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # unchanged documents (and their PDFs)
    problem: str | None = None  # why a PDF asked for was not made


def write_documents(
    project: Project, unit_id: str, folder: Path, kinds: tuple[str, ...], pdf: bool, replace: bool
) -> Written:
    """``<ma>-<kind>.docx`` (and .pdf) of one unit, only if its submission has no error."""
    from vinhdanh.check.validate import validate
    from vinhdanh.model import build_published, build_submission
    from vinhdanh.office.documents import Documents
    from vinhdanh.office.pdf import NoConverter, to_pdf

    if Path(unit_id).name != unit_id or unit_id.endswith(".yaml") or unit_id in (".", ".."):
        raise UsageError(
            f"'{unit_id}' không phải mã đơn vị. Hãy ghi mã đơn vị (tên tệp hồ sơ, không có "
            f"thư mục và .yaml), ví dụ: {Path(unit_id).stem}"
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{display_path(folder)} đã có và không phải là thư mục. Hãy chọn thư mục "
            "để ghi văn bản bằng -o."
        )
    source = project.submissions_dir / f"{unit_id}.yaml"
    if not source.is_file():
        raise UsageError(
            f"Chưa có hồ sơ {display_path(source)}. Hãy tạo bằng 'vinhdanh new {unit_id}' "
            "và điền nội dung, hoặc kiểm tra lại mã đơn vị."
        )
    result = validate(project, [source])
    if result.has_errors or not result.accepted:
        return Written(findings=[f for f in result.findings if f.is_error])
    doc = result.accepted[0]
    sub = build_submission(
        doc.data, project.vocabulary, project.plan, project.schemas["submission"]
    )
    registry = result.registry or {}
    upper = any(entry.get("cap_tren") == unit_id for entry in registry.values())
    # what it refers to; an upper level's report also sums its units' figures
    others = build_published(project)[1] if sub.references or upper else []
    documents = Documents.load(project, result.registry, others)
    made = {kind: documents.make(kind, sub) for kind in kinds}
    files = {folder / f"{unit_id}-{kind}.docx": data for kind, data in made.items()}
    _refuse_edited(files, replace)  # before a PDF conversion the user would wait for
    problem, kept = None, []
    if pdf:
        try:
            for kind, data in made.items():
                name = f"{unit_id}-{kind}"
                target, docx = folder / f"{name}.pdf", folder / f"{name}.docx"
                if target.exists() and docx.is_file() and docx.read_bytes() == data:
                    kept.append(target)  # the document is unchanged: so is its PDF
                    continue
                files[target] = to_pdf(data, name)
        except NoConverter as exc:
            problem = str(exc)
    _refuse_edited(files, replace)  # all checked before any is written
    written = []
    try:
        for path, data in files.items():
            (written if write_generated(path, data) else kept).append(path)
    except OSError as exc:
        raise UsageError(
            f"Không ghi được vào {display_path(folder)} ({exc.strerror or exc}). Hãy đóng "
            "tệp cũ nếu nó đang mở trong Word, hoặc chọn thư mục khác bằng -o."
        ) from None
    return Written(files=written, kept=kept, problem=problem)


def write_workbook(project: Project, unit_id: str, target: Path | None, replace: bool) -> Path:
    """The unit's workbook (``xuat-excel``): filled from its file, or blank without one.

    Never replaces a different file without ``replace``: it may be the workbook
    the official has been filling in.
    """
    from vinhdanh.check.load import load_file
    from vinhdanh.office.general import general_for
    from vinhdanh.office.layout import workbook_layout
    from vinhdanh.office.workbook import unit_workbook
    from vinhdanh.scaffold import registered

    entry = registered(project, unit_id)
    source = project.submissions_dir / f"{unit_id}.yaml"
    data = None
    if source.is_file() or source.is_symlink():
        doc, findings = load_file(source, display_path(source))
        if doc is None:  # why it cannot be read: not YAML, a link, too big…
            why = findings[0].message if findings else "tệp không đọc được"
            raise UsageError(
                f"Chưa xuất được: {display_path(source)}: {why} Hãy chạy 'vinhdanh validate "
                f"{display_path(source)}' và sửa trước."
            )
        data = doc.data
    target = target or Path(f"{unit_id}-danh-sach.xlsx")
    if target.is_dir():
        target = target / f"{unit_id}-danh-sach.xlsx"
    if target.suffix.lower() != ".xlsx":
        raise UsageError(
            f"{display_path(target)}: sổ Excel cần tên tệp đuôi .xlsx, ví dụ -o "
            f"{unit_id}-danh-sach.xlsx (hoặc -o là một thư mục)."
        )
    folder = Path(os.path.realpath(target.parent))
    if project.submissions_dir.resolve() in (folder, *folder.parents):
        raise UsageError(
            f"Không ghi sổ Excel vào {display_path(project.submissions_dir)}: thư mục đó chỉ "
            "chứa các tệp hồ sơ <mã>.yaml (tệp khác là lỗi tep-ho-so). Hãy chọn nơi khác bằng -o."
        )
    layout = workbook_layout(project.schemas)
    general = general_for(project.schemas, layout)
    book = unit_workbook(layout, project.vocabulary, data, unit_id, entry["ten"], general)
    _refuse_edited({target: book}, replace)
    write_generated(target, book)
    return target


def write_imported(target: Path, text: str, existed: bool) -> bool:
    """``nhap --ghi``: the submission with what was read spliced in; says if it changed."""
    if not existed:
        write_new_file(target, text)
        return True
    return write_generated(target, text)


HONOUR_ROLL_NAME = "bang-vang"


def export_honour_roll(project: Project, folder: Path) -> tuple[Result, list[Path]]:
    """Write bang-vang.csv/.json/.xlsx for every submission without errors.

    A unit the writers fail on is left out, with a finding (``faults``).
    """
    from vinhdanh.export import WRITERS, honour_roll
    from vinhdanh.faults import isolate, left_out, unit_file
    from vinhdanh.model import build_published

    def make(units: list) -> dict[str, bytes]:
        rows = honour_roll(units)
        return {suffix: writer(rows) for suffix, writer in WRITERS.items()}

    result, submissions = build_published(project)
    files, failed = isolate(submissions, make)
    for sub, exc in failed:
        result.findings.append(left_out(unit_file(sub.unit.id), "tạo các tệp tải về", exc))
    written = []
    for suffix, data in files.items():
        target = folder / f"{HONOUR_ROLL_NAME}.{suffix}"
        write_generated(target, data)
        written.append(target)
    return result, written


SEARCH_FOLDER = "pagefind"


# Pagefind's launcher, given the build's process id and where vinhdanh is: the
# process dies with the build (``die_with_parent``), then becomes Pagefind (its
# Python package execs the binary, and the setting survives that).
_LAUNCH = (
    "import runpy, sys; sys.path.insert(0, sys.argv[2]); "
    "from vinhdanh.background import die_with_parent; "
    "die_with_parent(int(sys.argv[1])); sys.argv[1:3] = []; "
    "runpy.run_module('pagefind', run_name='__main__', alter_sys=True)"
)


def _search_command(site_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        _LAUNCH,
        str(os.getpid()),
        str(Path(__file__).resolve().parents[2]),
        "--site",
        str(site_dir),
        "--output-subdir",
        SEARCH_FOLDER,
        "--root-selector",
        "article",
        "--exclude-selectors",
        ".headerlink",
        "--silent",
    ]


@contextmanager
def search_index(site_dir: Path) -> Iterator[None]:
    """Build the site-wide search index (Pagefind) into ``site_dir/pagefind``.

    Pagefind runs offline, ignores diacritics other than "đ" (unit pages carry a
    folded copy of names holding it) and splits its index into small chunks, so
    a reader downloads only what a query needs, however many units there are.
    Only each page's article is indexed, not the navigation repeated on every
    page. It runs as a separate process while the body of the ``with`` block
    works, and the block ends only when the index is complete.

    Pagefind never outlives the build, so it never writes into a folder a later
    build uses: it runs in its own process group, killed when the block or the
    wait fails or is interrupted (Ctrl-C), and it dies with the build's process
    even when that is killed with SIGKILL and runs no code (``die_with_parent``).
    """
    try:
        process = subprocess.Popen(
            _search_command(site_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise ProjectError(f"Không chạy được Pagefind để lập chỉ mục tìm kiếm: {exc}") from None
    try:
        yield
        output, _ = process.communicate()
    except BaseException:
        _stop(process)
        raise
    if process.returncode != 0:
        detail = output.strip().splitlines()[-1:] or ["không rõ lý do"]
        raise ProjectError(
            f"Pagefind không lập được chỉ mục tìm kiếm cho trang web ({detail[0]}). "
            "Hãy cài lại các gói của trang web: pip install -e '.[site]'"
        )


def _stop(process: subprocess.Popen) -> None:
    """Kill Pagefind's process group and reap it: its index is no longer wanted."""
    with suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def write_site_files(site_dir: Path, files: dict[str, bytes]) -> None:
    """Add generated data files (downloads, page data) to a built site."""
    for path, data in sorted(files.items()):
        write_generated(site_dir / path, data)
