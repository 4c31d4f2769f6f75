"""Stage 5 — publish: the only module that writes files.

Writes are atomic (a temporary file in the same folder, then a rename) so a
crash never leaves half a file; creating a new file never replaces one that is
already there, so no user's work is lost behind their back.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vinhdanh.errors import UsageError


def write_new_file(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if anything already exists there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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


def write_generated(path: Path, text: str) -> bool:
    """Replace a generated file atomically; says whether its content changed."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True
