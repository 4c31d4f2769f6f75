"""Time ``mkdocs build`` at N units, and the honour roll in Chromium at 50,000 honorees.

Usage: python benchmarks/site_bench.py [N …] [--roll 50000] [--repeat 3] [--no-browser]

Builds use projects made by generate.py (about 26 honorees a unit); each size
is built --repeat times and the best time is shown (this machine is noisy). The browser
part serves the largest built site on 127.0.0.1 with gzip (as GitHub Pages does)
and measures in Debian's Chromium, each from a cold page, best of 3: site search
(Pagefind) from opening /tim-kiem/?q=… to its first results, and the bytes that
took; then, with the honour-roll data widened to --roll rows, the honour roll's
time to interactive (the list drawn), the time one search keystroke takes to
answer, and the bytes transferred.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generate import generate_site

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def build_site(count: int, repeat: int) -> Path:
    project = generate_site(count, HERE / "out" / f"site-{count}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q"],
            cwd=project,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    seconds = min(times)
    pages = list((project / "site" / "don-vi").glob("*/index.html"))
    biggest = max(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    print(
        f"{count:6d} units: mkdocs build {seconds:6.1f} s; largest unit page "
        f"{biggest / 1024:.0f} KiB; site {total / 2**20:.0f} MiB"
    )
    return project / "site"


class GzipHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def widen_roll(site: Path, rows: int) -> None:
    path = site / "bang-vang" / "du-lieu.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    base = data["rows"]
    data["rows"] = [
        [*r[:7], f"{r[7]}-{i // len(base)}", *r[8:]]
        for i, r in zip(range(rows), (base * (rows // len(base) + 1)), strict=False)
    ]
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    texts_path = path.with_name("thanh-tich.json")  # one achievement per row, same order
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    widened = (texts * (rows // len(texts) + 1))[:rows]
    texts_path.write_text(json.dumps(widened, ensure_ascii=False), encoding="utf-8")


FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def new_page(browser, sizes: list[int]):
    """A fresh page (empty cache) that adds the bytes of every response to ``sizes``."""
    page = browser.new_context().new_page()
    page.on(
        "requestfinished",
        lambda r: sizes.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]),
    )
    return page


def cold_visits(browser, url: str, ready: str, then=lambda page: None) -> list[tuple]:
    """Open ``url`` three times from a fresh page (empty cache), each visit as
    (seconds until ``ready`` shows, bytes fetched, what ``then(page)`` gave)."""
    visits = []
    for _ in range(3):
        sizes: list[int] = []
        page = new_page(browser, sizes)
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(ready)
        seconds = time.perf_counter() - start
        found = then(page)
        page.wait_for_timeout(500)  # let late requests finish before counting bytes
        visits.append((seconds, sum(sizes), found))
        page.context.close()
    return visits


def measure_search(browser, site: Path, units: int) -> None:
    """Site search (Pagefind) from a cold page: time to the first results, bytes fetched."""
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_port}/tim-kiem/?q=nguyen+van+an"
    visits = cold_visits(
        browser,
        url,
        "#tim-kiem-app[data-answered]",
        lambda page: page.locator("#tim-kiem-app .vd-results > li").count(),
    )
    server.shutdown()
    seconds, transferred, found = (min(v) for v in zip(*visits, strict=True))
    print(
        f"site search, {units} units: first results {seconds:.2f} s after opening "
        f"/tim-kiem/?q=nguyen+van+an ({found} pages shown); "
        f"{transferred / 2**20:.2f} MiB transferred (gzip)"
    )


KEYSTROKE = """() => {
    const input = document.querySelector('#bang-vang-app input[type=search]');
    const t = performance.now();
    input.value = 'nguyen van';
    input.dispatchEvent(new Event('input'));
    return performance.now() - t;
}"""


def measure_roll(browser, site: Path, rows: int) -> None:
    widen_roll(site, rows)
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_port}/bang-vang/"
    visits = cold_visits(
        browser, url, "#bang-vang-app[data-loaded]", lambda page: page.evaluate(KEYSTROKE)
    )
    server.shutdown()
    interactive, transferred, answer = (min(v) for v in zip(*visits, strict=True))
    print(
        f"honour roll, {rows} honorees: interactive {interactive:.2f} s; "
        f"search answered in {answer:.0f} ms; {transferred / 2**20:.2f} MiB "
        "transferred (gzip)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--roll", type=int, default=50_000, help="honorees in the browser test")
    parser.add_argument("--repeat", type=int, default=3, help="builds per size; the best is shown")
    parser.add_argument("--no-browser", action="store_true", help="builds only")
    args = parser.parse_args()
    sites = [build_site(count, args.repeat) for count in args.counts]
    if args.no_browser:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        measure_search(browser, sites[-1], args.counts[-1])
        measure_roll(browser, sites[-1], args.roll)
        browser.close()


if __name__ == "__main__":
    main()
