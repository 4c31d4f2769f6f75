"""PDF from a .docx, by LibreOffice (``soffice --headless``), when it is installed.

LibreOffice is large and optional: without it the .docx is still written and
the user is told how to install it. Times New Roman is replaced by Liberation
Serif, which has the same metrics, so lines and pages break as in Word.
Each conversion uses its own throw-away LibreOffice profile, so it neither
disturbs nor waits for a LibreOffice the user has open.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from vinhdanh.errors import VinhdanhError

PROGRAMS = ("soffice", "libreoffice")
TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile
INSTALL = (
    "Hãy cài LibreOffice (trên Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
    "trên Windows/macOS: tải tại libreoffice.org), hoặc mở tệp .docx bằng Word rồi chọn "
    "File → Save As → PDF."
)


class NoConverter(VinhdanhError):
    """LibreOffice is not installed, or could not convert the document."""


def converter() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return next(filter(None, map(shutil.which, PROGRAMS)), None)


def to_pdf(docx: bytes, name: str) -> bytes:
    """The PDF of a document, converted by LibreOffice in a private temporary folder."""
    program = converter()
    if program is None:
        raise NoConverter(f"Không tìm thấy LibreOffice để chuyển sang PDF. {INSTALL}")
    with tempfile.TemporaryDirectory(prefix="vinhdanh-pdf-") as work:
        folder = Path(work)
        source = folder / f"{name}.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise NoConverter(
                f"LibreOffice không chuyển được {name}.docx sang PDF ({exc})."
            ) from None
        result = folder / f"{name}.pdf"
        if not result.is_file():
            raise NoConverter(
                f"LibreOffice không chuyển được {name}.docx sang PDF. Hãy mở tệp .docx bằng "
                "Word hoặc LibreOffice rồi lưu dạng PDF."
            )
        return result.read_bytes()
