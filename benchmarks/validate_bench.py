"""Time validation of N generated submissions against the floor and the nearest peer.

Usage: python benchmarks/validate_bench.py [N] [--repeat K] [--skip-peer]

(a) ``vinhdanh validate`` on the project (a fresh process, as CI runs it);
(b) the floor: read + ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same files
    in one process, with nothing else;
(c) the peer: ``check-jsonschema`` with the same schema on the same files.
Each is run K times and the best time is reported (the machine is shared and
noisy; the minimum is the most repeatable estimate).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generate import generate
from timing import best

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def floor(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()

    project = HERE / "out" / f"validate-{args.count}"
    generate(args.count, project)
    files = sorted((project / "submissions").glob("*.yaml"))
    size = sum(p.stat().st_size for p in files) / len(files)
    print(f"{len(files)} submissions, {size / 1024:.1f} KiB each on average")

    vinhdanh = [str(BIN / "vinhdanh"), "validate", "--format", "json"]
    check = subprocess.run(vinhdanh, cwd=project, capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit(f"generated submissions do not validate:\n{check.stdout[:2000]}")

    a = best(
        args.repeat, lambda: subprocess.run(vinhdanh, cwd=project, check=True, capture_output=True)
    )
    b = best(args.repeat, lambda: floor(files))
    print(f"(a) vinhdanh validate           {a:7.2f} s  {a / len(files) * 1000:6.2f} ms/file")
    print(f"(b) CSafeLoader yaml.load floor {b:7.2f} s  {b / len(files) * 1000:6.2f} ms/file")
    print(f"    a / b = {a / b:.2f}  (target <= 1.5)")
    if args.skip_peer:
        return
    peer = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    schema = project / "schemas" / "submission.schema.json"
    command = [peer, "--schemafile", str(schema), *map(str, files)]
    checked = subprocess.run(command, capture_output=True, text=True)
    if checked.returncode != 0:
        sys.exit(f"check-jsonschema failed:\n{checked.stdout[-2000:]}{checked.stderr[-2000:]}")
    c = best(
        max(1, args.repeat - 1), lambda: subprocess.run(command, check=True, capture_output=True)
    )
    print(f"(c) check-jsonschema            {c:7.2f} s  {c / len(files) * 1000:6.2f} ms/file")
    print(f"    c / a = {c / a:.1f}  (target >= 5)")


if __name__ == "__main__":
    main()
