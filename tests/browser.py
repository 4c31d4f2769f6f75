"""Debian's Chromium driven by Playwright, and a local HTTP server for a built site.

Shared by the browser tests; Chromium is never downloaded.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder) -> ThreadingHTTPServer:
    """Serve a folder on a free local port, in a daemon thread; call ``shutdown()`` after."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextmanager
def launch() -> Iterator[Any]:
    """Debian's Chromium, headless, closed on the way out."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser: Any, viewport: dict[str, int]) -> tuple[Any, Any]:
    """(context, page) in Vietnamese; ``page.problems`` collects console errors, page
    errors and dialogs (alert…), which every browser test expects to stay empty."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return context, page


def find(page, site_url: str, query: str, links: str = ".vd-results a") -> list[str]:
    """Search /tim-kiem/ as a reader does; the ``links`` of the results, in the order shown."""
    page.goto(f"{site_url}/tim-kiem/")
    page.wait_for_selector("#tim-kiem-app[data-loaded]")
    page.fill("#tim-kiem-app input[type=search]", query)
    page.wait_for_function(
        "q => document.getElementById('tim-kiem-app').dataset.answered === q", arg=query
    )
    return page.locator(f"#tim-kiem-app {links}").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
