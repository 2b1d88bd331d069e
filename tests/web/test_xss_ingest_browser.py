"""Hostile markup sent through the real write path (POST /api/documents) never runs in the map.

Unlike ``test_hostile_report_text_never_runs`` (rows inserted straight into the
tables), this goes through ingest, cleaning, part detection, extraction and the
store, so whatever those stages do to the text, the page must still show it as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontline.store import open_store

from .conftest import live_server, offline_page
from .test_map_browser import _open_popup, _ready

pytestmark = pytest.mark.browser

TOKEN = "hostile-test-token"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = '<a href="javascript:window.__pwned=1">x</a>'

#: Title line, two reporting paragraphs (so an event is extracted) and two reader comments.
TEXT = (
    f"Shelling hits market town {SCRIPT}\n\n"
    f"On February 3, 2020, government forces shelled the town of Binnish in Idlib province {IMG}, "
    f"killing three civilians, a local monitor said {LINK}.\n\n"
    f"Rebel fighters attacked army positions near Taftanaz on February 4, 2020 {SCRIPT}, the monitor reported.\n\n"
    f"i love this lol {SCRIPT} !!!\n\n"
    f"you are all liars {IMG} {LINK} !!!\n"
)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('hostile')) / 'hostile.db'}"
    open_store(url)
    with live_server(url, token=TOKEN) as origin:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        record = {"text": TEXT.replace("Binnish", "Sarmin"), "title": f"Feed {SCRIPT}", "url": "javascript:window.__pwned=1",
                  "outlet": f"Outlet {IMG}"}
        for body in (
            {"name": f"hostile {IMG}.txt", "text": TEXT, "media_type": "text"},
            {"name": "hostile.jsonl", "text": json.dumps(record), "media_type": "jsonl"},
        ):
            r = httpx.post(origin + "/api/documents", json=body, headers=auth, timeout=120)
            assert r.status_code == 201, r.text
        yield origin


@pytest.fixture()
def hostile_page(browser: Any, hostile_server: str) -> Iterator[Any]:
    with offline_page(browser, hostile_server) as pg:
        yield pg


def _click_all(page: Any, selector: str) -> int:
    """Click every link matching ``selector`` (re-querying: a click may re-render the list)."""
    n = page.locator(selector).count()
    for i in range(n):
        links = page.locator(selector)
        if i < links.count() and links.nth(i).is_visible():
            links.nth(i).click()
            page.wait_for_timeout(150)
    return n


def _assert_nothing_ran(page: Any) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.errors == []
    for selector in ("img[src=x]", "#docbody script", "#doctitle script", ".popup script", "#docs script", "[onerror]"):
        assert page.locator(selector).count() == 0, selector
    hrefs = page.evaluate("() => [...document.querySelectorAll('[href]')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if "javascript" in h.lower()], hrefs
    assert page.outside_requests == []


def test_posted_hostile_report_never_runs(hostile_page: Any, hostile_server: str) -> None:
    page = hostile_page
    events = httpx.get(hostile_server + "/api/events", params={"limit": 100}).json()["events"]
    docs = httpx.get(hostile_server + "/api/documents").json()["documents"]
    assert events and len(docs) == 2, "the hostile reports were stored and produced events"
    _ready(page, hostile_server)
    assert int(page.get_attribute("#map", "data-events-loaded")) == len(events)

    # every popup, and every link in it (the document link opens the document view)
    for ev in events:
        popup = _open_popup(page, ev["event_id"])
        assert "javascript" not in (popup.evaluate("p => [...p.querySelectorAll('a')].map(a => a.href).join(' ')"))
        n = popup.query_selector_all("a")
        for i in range(len(n)):
            popup = _open_popup(page, ev["event_id"])
            popup.query_selector_all("a")[i].click()
            page.wait_for_timeout(200)
        _assert_nothing_ran(page)

    # the document list and each document view, with the reader comments expanded and every link clicked
    page.locator("#doclist summary").click()
    for doc in docs:
        page.locator(f"#docs a[data-doc='{doc['id']}']").click()
        page.wait_for_selector("#docview:not([hidden])")
        page.wait_for_function(f"() => document.getElementById('doctitle').textContent === {json.dumps(doc['title'])}")
        summaries = page.locator("#docbody details summary")
        for i in range(summaries.count()):
            summaries.nth(i).click()
        assert page.locator("#docbody details.part-comment[open]").count() >= 1, "comments were found and expanded"
        _click_all(page, "#docview a")
        body = page.inner_text("#docbody")
        assert SCRIPT in body and IMG in body and "javascript:window.__pwned=1" in body  # shown as text
        _assert_nothing_ran(page)
    assert SCRIPT in page.inner_text("#doctitle")
