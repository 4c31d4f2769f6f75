"""When each unit's submission was received: the day its file first reached the branch.

The day ``submissions/<ma>.yaml`` was first added to the branch being built
(``HEAD``) is a fair date of receipt, one the unit cannot write itself (the
report's own date, ``bao_cao.ngay``, is only the date it was signed). It is
read with one ``git log`` over the whole history, so a build stays linear in
the number of units:

- only the first-parent line of the branch is walked, and a merge is compared
  with its first parent, so a file added on a side branch counts from the day
  the merge brought it in, not from the day it was written;
- the committer date is used (when the commit reached the branch; the author
  date is when it was written, and anyone can set it), as a day in Vietnam
  (UTC+7): a file merged at 23:30 on 15/4 in Hà Nội is received on 15/4;
- renames are not followed (``--no-renames``): a file renamed to
  ``<ma>.yaml`` is received when it got that name, as before it was no file of
  that unit; a file deleted and added again keeps the day it was first added.

Without a usable history (no repository, no git, a shallow clone whose history
is cut) there are no dates, and ``Received.reason`` says why, in Vietnamese,
for the build log; the site then judges reports by their own date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from vinhdanh.errors import UsageError
from vinhdanh.git.authorise import SUBMISSION
from vinhdanh.git.repo import git
from vinhdanh.project import SUBMISSIONS_DIR

VIETNAM = timezone(timedelta(hours=7))  # no daylight saving time
_HEADER = b"\x01"  # starts each commit's line (paths start with "submissions/")
FALLBACK = "Trang Tiến độ xét hạn báo cáo theo ngày đề trên báo cáo."


@dataclass(frozen=True)
class Received:
    """Unit id → day its submission was received; ``reason`` when none could be read."""

    dates: dict[str, date] = field(default_factory=dict)
    reason: str | None = None


def _without(detail: str) -> Received:
    return Received({}, f"Không có ngày nhận hồ sơ: {detail.rstrip('.')}. {FALLBACK}")


def received_dates(root: Path) -> Received:
    """Every submission's date of receipt in the repository holding ``root``."""
    try:
        shallow = git(["rev-parse", "--is-shallow-repository"], root).strip() == b"true"
    except UsageError as exc:  # git missing, or no repository here
        return _without(str(exc))
    if shallow:
        return _without(
            "kho git chỉ có lịch sử rút gọn (shallow clone) nên không biết tệp hồ sơ vào "
            "nhánh ngày nào. Hãy lấy đủ lịch sử (trong GitHub Actions: fetch-depth: 0)"
        )
    try:
        log = git(
            [
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "--root",
                "--no-renames",
                "--diff-filter=A",
                "--relative",  # paths from root, also when root is a subfolder of the repository
                "--no-show-signature",
                "--name-only",
                "-z",
                "--format=%x01%ct",
                "HEAD",
                "--",
                f"{SUBMISSIONS_DIR}/",
            ],
            root,
        )
    except UsageError as exc:  # e.g. a repository without any commit yet
        return _without(str(exc))
    return Received(_parse(log))


def _parse(log: bytes) -> dict[str, date]:
    """``\\x01<committer time>`` then the paths it added, each field ended by NUL."""
    dates: dict[str, date] = {}
    day: date | None = None
    for raw in log.split(b"\0"):
        field_ = raw.removeprefix(b"\n")
        if field_.startswith(_HEADER):
            day = datetime.fromtimestamp(int(field_[1:]), VIETNAM).date()
            continue
        match = SUBMISSION.match(field_.decode("utf-8", "surrogateescape"))
        if match and day is not None:
            ma = match.group(1)
            dates[ma] = min(day, dates.get(ma, day))
    return dates
