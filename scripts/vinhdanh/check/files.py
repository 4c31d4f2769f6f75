"""Which files are submissions, and reading one without following a link (SPEC §9.2).

A submission is exactly ``submissions/<ma>.yaml``, a regular file. A symbolic link
could point at another unit's file, at the registry, or outside the repository; a
folder or a submodule could stand where the file should be; ``X.yml`` or
``cu/X.yaml`` next to ``X.yaml`` would count one unit twice. None of these is read:
each gets a ``tep-ho-so`` finding that says what to do. Nothing here resolves a
link, so no unit can vanish behind another's path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.errors import UsageError
from vinhdanh.values import show_value

SUFFIX = ".yaml"
YAML_SUFFIXES = (".yaml", ".yml")

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class NotRegular(Exception):
    """The path is a link, a folder, a FIFO or a device, not a regular file."""


class TooBig(Exception):
    """The file is larger than the caller's limit (``size`` is what was seen)."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, never through a link.

    ``O_NOFOLLOW`` refuses a link at ``path``, ``O_NONBLOCK`` keeps a FIFO from
    hanging the run, and ``fstat`` checks what was actually opened, so swapping
    the file between a check and the read changes nothing.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK):
            raise NotRegular from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular
        if info.st_size > limit:
            raise TooBig(info.st_size)
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise TooBig(len(raw))
    return raw


def path_key(path: Path) -> Path:
    """Where ``path`` is, with its folder resolved but never its last part.

    Two spellings of one file get one key; a link keeps its own key instead of
    becoming the file it points at (which would make a unit vanish).
    """
    absolute = Path(os.path.abspath(path))  # "x/.." is "." before anything is looked up
    return Path(os.path.realpath(absolute.parent)) / absolute.name


def shown(path: Path) -> str:
    """A path as findings show it: relative, with control characters made visible."""
    return show_value(os.path.relpath(path), limit=4096)


def find_submissions(folder: Path) -> tuple[list[Path], list[Finding]]:
    """The regular ``*.yaml`` files directly in ``folder``; ``tep-ho-so`` for the rest."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return [], []  # a new project may have no submissions folder yet
    if not stat.S_ISDIR(info.st_mode):  # a link is not a folder for lstat
        return [], [_finding(folder, _FOLDER_NOT_REAL)]
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        message = f"Không đọc được thư mục submissions ({exc.strerror}). Hãy kiểm tra quyền đọc."
        return [], [_finding(folder, message)]
    stems = {
        e.name[: -len(SUFFIX)]
        for e in entries
        if e.name.endswith(SUFFIX) and e.is_file(follow_symlinks=False)
    }
    files: list[Path] = []
    findings: list[Finding] = []
    for entry in entries:
        _classify(Path(entry.path), stems, files, findings)
    return files, findings


def find_named(paths: list[Path], submissions: Path) -> tuple[list[Path], list[Finding]]:
    """Files named on the command line or found in named folders, each once.

    Under ``submissions/`` the same layout rules apply as in a full run; elsewhere
    (examples, a unit's draft) regular YAML files are checked and links refused.
    """
    home = path_key(submissions)
    files: dict[Path, Path] = {}
    findings: list[Finding] = []
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"Không tìm thấy '{shown(path)}'. Hãy kiểm tra lại đường dẫn.")
        key = path_key(path)
        found: list[Path] = []
        if key == home:
            found, more = find_submissions(path)
            findings += more
        elif key.parent == home:
            stem = path.name.rsplit(".", 1)[0]
            sibling = path.parent / f"{stem}{SUFFIX}"
            stems = {stem} if sibling.name != path.name and _is_regular(sibling) else set()
            _classify(path, stems, found, findings)
        elif home in key.parents:
            findings += _inside_subfolder(path, set())
        else:
            found = _elsewhere(path, home, findings)
        for file in found:
            files.setdefault(path_key(file), file)
    return list(files.values()), findings


def _classify(path: Path, stems: set[str], files: list[Path], findings: list[Finding]) -> None:
    """One entry directly in submissions/: a submission, or a finding that says why not."""
    mode = os.lstat(path).st_mode
    name = path.name
    stem = name.rsplit(".", 1)[0]
    if stat.S_ISLNK(mode):
        findings.append(_finding(path, _LINK))
    elif stat.S_ISDIR(mode):
        if name.endswith(YAML_SUFFIXES):
            findings.append(_finding(path, _FOLDER_AT_FILE))
        else:
            findings += _inside_subfolder(path, stems)
    elif not stat.S_ISREG(mode):
        findings.append(_finding(path, _SPECIAL))
    elif name.endswith(SUFFIX) and len(name) > len(SUFFIX):
        files.append(path)
    elif name.endswith(".yml"):
        findings.append(_finding(path, _YML + _second_file(stem, stems, f"{stem}.yaml")))
    else:
        findings.append(_finding(path, _OTHER))


def _inside_subfolder(folder: Path, stems: set[str]) -> list[Finding]:
    """Entries below a sub-folder of submissions/ (links not followed), one finding each."""
    if not os.path.isdir(folder) or os.path.islink(folder):
        return [_finding(folder, _SUBFOLDER + _second_file(folder.name, stems, ""))]
    findings = []
    for path, _kind in _walk(folder, None):
        if len(findings) == _MAX_LISTED:  # a thousand files need one answer, not a thousand
            return [*findings, _finding(folder, _SUBFOLDER + _MORE)]
        stem = path.name.rsplit(".", 1)[0]
        findings.append(_finding(path, _SUBFOLDER + _second_file(stem, stems, "")))
    return findings or [_finding(folder, _SUBFOLDER)]


def _elsewhere(path: Path, home: Path, findings: list[Finding]) -> list[Path]:
    """A named path outside submissions/: a YAML file, or the YAML files of a folder.

    A folder that holds submissions/ (the project itself) gets the layout rules there.
    """
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        findings.append(_finding(path, _LINK))
        return []
    if stat.S_ISREG(mode):
        return [path]
    if not stat.S_ISDIR(mode):
        findings.append(_finding(path, _SPECIAL))
        return []
    found = []
    for file, kind in _walk(path, home):
        if kind == "home":
            files, more = find_submissions(file)
            found += files
            findings += more
        elif file.name.endswith(YAML_SUFFIXES):
            mode = os.lstat(file).st_mode
            if stat.S_ISREG(mode):
                found.append(file)
            else:
                findings.append(_finding(file, _LINK if stat.S_ISLNK(mode) else _SPECIAL))
    return found


def _walk(folder: Path, home: Path | None) -> Iterator[tuple[Path, str]]:
    """Every entry below ``folder`` that is not a real folder, never through a link.

    Iterative, so a hostile tree thousands of folders deep cannot exhaust the
    stack (``os.walk`` recurses); a folder that cannot be listed is yielded itself.
    The submissions folder (``home``) is yielded, not entered: it has rules of its own.
    """
    pending = [folder]
    while pending:
        top = pending.pop()
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name, reverse=True)
        except OSError:
            yield top, "unreadable"
            continue
        for entry in entries:
            path = Path(entry.path)
            if not entry.is_dir(follow_symlinks=False):
                yield path, "file"
            elif home is not None and entry.name == home.name and path_key(path) == home:
                yield path, "home"
            else:
                pending.append(path)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _second_file(stem: str, stems: set[str], otherwise: str) -> str:
    if stem in stems:
        return (
            f" Đơn vị '{show_value(stem)}' đã có tệp submissions/{show_value(stem)}.yaml; mỗi "
            "đơn vị chỉ nộp một tệp: hãy gộp nội dung cần giữ vào tệp đó rồi xoá tệp này."
        )
    return f" Hãy đổi tên tệp thành {show_value(otherwise)}." if otherwise else ""


def _finding(path: Path, message: str) -> Finding:
    return Finding(shown(path), 1, 1, "tep-ho-so", ERROR, message.strip())


_MAX_LISTED = 100
_MORE = " Thư mục này còn nhiều tệp khác; hãy xoá cả thư mục."
_LINK = (
    "Đây là liên kết tượng trưng (symbolic link), không phải tệp hồ sơ; vinhdanh không đọc "
    "theo liên kết. Hãy xoá liên kết và nộp chính nội dung hồ sơ trong tệp thường "
    "submissions/<mã đơn vị>.yaml."
)
_FOLDER_AT_FILE = (
    "Đây là một thư mục (hoặc submodule), không phải tệp. Hồ sơ của đơn vị là một tệp văn bản "
    "submissions/<mã đơn vị>.yaml; hãy xoá thư mục (hoặc submodule) này và nộp tệp."
)
_SUBFOLDER = (
    "Hồ sơ phải nằm ngay trong thư mục submissions/, không nằm trong thư mục con; tệp này "
    "không được xét. Mỗi đơn vị nộp đúng một tệp submissions/<mã đơn vị>.yaml."
)
_YML = "Tệp hồ sơ phải có đuôi .yaml (không phải .yml); tệp này không được xét."
_OTHER = (
    "Trong thư mục submissions/ chỉ có các tệp hồ sơ <mã đơn vị>.yaml; tệp này không phải hồ sơ "
    "nên không được xét. Hãy xoá nó hoặc chuyển ra ngoài thư mục submissions/."
)
_SPECIAL = (
    "Đây không phải tệp thường (là tệp đặc biệt như FIFO hoặc thiết bị). Hãy xoá nó và nộp hồ sơ "
    "là tệp văn bản submissions/<mã đơn vị>.yaml."
)
_FOLDER_NOT_REAL = (
    "submissions phải là một thư mục thật, không phải liên kết tượng trưng hay tệp; vinhdanh "
    "không đọc theo liên kết. Hãy tạo thư mục submissions/ chứa các tệp <mã đơn vị>.yaml."
)
NOT_REGULAR_MESSAGE = (
    "Đây không phải một tệp thường (là liên kết tượng trưng, thư mục hoặc tệp đặc biệt). "
    "vinhdanh không đi theo liên kết; hãy thay bằng một tệp văn bản thật."
)
