"""Serve a frontline database and save a screenshot of the map (docs/map.png).

Usage: python scripts/screenshot.py [--db sqlite:///frontline.db] [--out docs/map.png]
       [--date YYYY-MM-DD] [--doc]

Drives Debian's chromium (/usr/bin/chromium) with Playwright; never downloads
a browser.  The server runs in a thread on a free local port and stops with
the script.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn

from frontline.api import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str | None, port: int) -> uvicorn.Server:
    """Run the app in a background thread; returns once it accepts connections."""
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.time() + 30
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("--out", default="docs/map.png")
    parser.add_argument("--date", default=None, help="slider date to show (default: the last day)")
    parser.add_argument("--doc", action="store_true", help="also open the first evidence document")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    opts = parser.parse_args()

    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_server(opts.db, port)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": opts.width, "height": opts.height})
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("#map[data-ready='1']", timeout=60_000)
            if opts.date:
                page.evaluate("d => window.frontline.setIndex(window.frontline.state.days.indexOf(d))", opts.date)
            page.wait_for_timeout(1500)
            if opts.doc:
                first = page.evaluate(
                    "() => { const r = window.frontline.state.records.find(r => (r.feature.properties.evidence||[]).length);"
                    " return r ? r.feature.properties.evidence[0].document_id : null; }"
                )
                if first:
                    page.evaluate("id => window.frontline.openDocument(id)", first)
                    page.wait_for_timeout(800)
            Path(opts.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=opts.out)
            browser.close()
    finally:
        server.should_exit = True
    print(f"wrote {opts.out}")


if __name__ == "__main__":
    main()
