"""A live server over a generated database and a Playwright page driving Debian's chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from frontline.api import create_app, synthetic
from frontline.store import open_store
from frontline.store import schema as t

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

#: Hostile strings: if any of them is ever parsed as HTML or followed as a link, window.__xss is set.
XSS_TITLE = "<script>window.__xss='title'</script>Hostile <b>title</b>"
XSS_BODY = "Shelling hit <img src=x onerror=\"window.__xss='body'\"> the market <script>window.__xss='body2'</script>."
XSS_COMMENT = "<a href=\"javascript:window.__xss='comment'\">click me</a> <svg onload=\"window.__xss='svg'\"></svg>"
XSS_URL = "javascript:window.__xss='url'"


def _xss_rows() -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    text = f"{XSS_TITLE}\n\n{XSS_BODY}\n\n{XSS_COMMENT}\n"
    b0 = len(XSS_TITLE) + 2
    c0 = b0 + len(XSS_BODY) + 2
    doc = {
        "id": "xssdoc", "content_hash": "f" * 64, "source_path": "hostile.html", "media_type": "html", "encoding": "utf-8",
        "text": text, "url": XSS_URL, "title": XSS_TITLE, "outlet": "<img src=x onerror=\"window.__xss='outlet'\">",
        "publication_date": dt.date(2020, 1, 15), "date_source": "stated", "field_spans": {}, "inherited": {}, "extras": {},
        "doc_events": [], "body_words": 9, "comment_count": 1, "created_at": dt.datetime(2020, 3, 1, tzinfo=dt.UTC),
    }
    parts = [
        {"document_id": "xssdoc", "seq": 0, "kind": "title", "start": 0, "end": len(XSS_TITLE), "info": {}},
        {"document_id": "xssdoc", "seq": 1, "kind": "body", "start": b0, "end": b0 + len(XSS_BODY), "info": {}},
        {"document_id": "xssdoc", "seq": 2, "kind": "comment", "start": c0, "end": c0 + len(XSS_COMMENT), "info": {}},
    ]
    event = {
        "event_id": "xssevent", "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "event_date": dt.date(2020, 1, 15), "date_precision": "day", "actor1": "<script>window.__xss='actor'</script>",
        "location": "<img src=x onerror=\"window.__xss='location'\">", "latitude": 35.3, "longitude": 36.3, "geo_precision": 1,
        "place_id": "test:xss", "fatalities": 0, "fatalities_text": "<b onmouseover=\"window.__xss='fat'\">many</b>",
        "attribution": "<a href=\"javascript:window.__xss='attr'\">src</a>", "hedged": True, "independent_sources": 1,
        "notes": "", "tags": [], "confidence": 0.5, "method": "synthetic",
    }
    quote = text[b0 : b0 + len(XSS_BODY)]
    source = {"event_id": "xssevent", "document_id": "xssdoc", "start": b0, "end": b0 + len(XSS_BODY), "quote": quote, "outlet": doc["outlet"], "field": None}
    return doc, parts, event, source


def _control_events() -> list[dict[str, Any]]:
    """Two villages that change hands on known days, so the control layer must change."""
    base = {"event_type": "Battles", "date_precision": "day", "country": "Syria", "admin1": "Idleb", "admin2": "District C",
            "geo_precision": 1, "fatalities": 0, "hedged": False, "independent_sources": 1, "notes": "", "tags": [],
            "confidence": 0.9, "method": "synthetic"}
    rows = []
    for i, (sub, day, actor, inter) in enumerate([
        ("Non-state actor overtakes territory", "2020-01-02", "Rebel Coalition X", 2),
        ("Government regains territory", "2020-02-05", "Military Forces of Syria (2000-)", 1),
    ]):
        for k, (lat, lon) in enumerate([(35.10, 36.10), (35.12, 36.16)]):
            rows.append({**base, "event_id": f"ctl{i}{k}", "sub_event_type": sub, "event_date": dt.date.fromisoformat(day),
                         "actor1": actor, "inter1": inter, "location": f"Ctl Village {k}", "latitude": lat, "longitude": lon,
                         "place_id": f"test:ctl{k}"})
    return rows


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('web')) / 'web.db'}"
    engine = open_store(url).engine
    synthetic.write(engine, synthetic.generate(n_events=60, n_documents=8, seed=5, days=40))
    doc, parts, event, source = _xss_rows()
    with engine.begin() as conn:
        conn.execute(insert(t.documents), [doc])
        conn.execute(insert(t.parts), parts)
        conn.execute(insert(t.events), [event])
        conn.execute(insert(t.events), _control_events())
        conn.execute(insert(t.event_sources), [source])
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(db_url: str, token: str | None = "t") -> Iterator[str]:
    """uvicorn serving ``create_app(db_url)`` on a free local port, in a thread, for the duration."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db_url, token=token), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    with live_server(web_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@contextlib.contextmanager
def offline_page(browser: Any, origin: str) -> Iterator[Any]:
    """A page that may only talk to ``origin``: any other request is aborted and recorded.

    ``outside_requests``, ``dialogs`` (alert/confirm/prompt, dismissed) and
    ``errors`` (uncaught page errors) are collected on the page for asserts.
    """
    context = browser.new_context(viewport={"width": 1300, "height": 850})
    pg = context.new_page()
    pg.outside_requests = []
    pg.dialogs = []
    pg.errors = []

    def route(r: Any) -> None:
        if r.request.url.startswith(origin) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            pg.outside_requests.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    with offline_page(browser, server) as pg:
        yield pg
