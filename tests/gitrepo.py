"""Real Git repositories for tests of the pull-request workflow."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .conftest import DATA, REPO

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.vn",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.vn",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

REGISTRY = """\
- {ma: nganh-a, ten: Ngành A, cap: nganh,
   nguoi_phu_trach: [nganh-phu-trach], nguoi_duyet: [nganh-duyet]}
- {ma: cap-tren-a, ten: Cấp trên A, cap: cap-tren, cap_tren: nganh-a,
   nguoi_phu_trach: [ct-phu-trach], nguoi_duyet: [ct-duyet]}
- {ma: cdcs-a, ten: Công đoàn cơ sở Công ty Thử nghiệm, cap: cdcs, cap_tren: cap-tren-a,
   nguoi_phu_trach: [a-phu-trach], nguoi_duyet: []}
- {ma: cdcs-b, ten: Công đoàn cơ sở Công ty Thử nghiệm, cap: cdcs, cap_tren: cap-tren-a,
   nguoi_phu_trach: [b-phu-trach], nguoi_duyet: []}
"""
ADMINS = "quan_tri: [quan-tri-1]\n"


class Repo:
    """A throw-away project repository with a ``main`` branch."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True)
        shutil.copytree(REPO / "schemas", root / "schemas")
        shutil.copy(REPO / "ke-hoach.yaml", root / "ke-hoach.yaml")
        (root / "don-vi.yaml").write_text(REGISTRY, encoding="utf-8")
        (root / "quan-tri.yaml").write_text(ADMINS, encoding="utf-8")
        (root / "submissions").mkdir()
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: str | None = None) -> str:
        """Run git here; ``when``: the date of the commits it makes (author and committer)."""
        env = ENV if when is None else {**ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True
        )
        return done.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def submission(self, ma: str, edit=lambda text: text) -> None:
        """A valid submission for ``ma`` (the cdcs example, re-labelled)."""
        text = (DATA / "valid" / "cdcs-hop-le.yaml").read_text(encoding="utf-8")
        text = text.replace("ma: cdcs-hop-le", f"ma: {ma}").replace(
            "cap_tren: cap-tren-thu-nghiem", "cap_tren: cap-tren-a"
        )
        self.write(f"submissions/{ma}.yaml", edit(text))

    def commit(self, message: str = "thay đổi", when: str | None = None) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, when=when)

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)
