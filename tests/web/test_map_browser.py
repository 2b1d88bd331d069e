"""The map in a real browser: offline load, markers, popups with evidence, slider and control, documents, XSS."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import XSS_BODY, XSS_COMMENT, XSS_TITLE

pytestmark = pytest.mark.browser


def _ready(page: Any, server: str, path: str = "/") -> None:
    page.goto(server + path)
    page.wait_for_selector("#map[data-ready='1']", timeout=30_000)


def _open_popup(page: Any, event_id: str) -> Any:
    """Zoom to the event (below the clustering threshold) and click its marker."""
    page.evaluate(
        """id => { const r = window.frontline.state.records.find(r => r.feature.id === id);
                   window.frontline.map.setView(r.marker.getLatLng(), 15, {animate: false}); }""",
        event_id,
    )
    # Wait until clustering has settled and the marker itself (not a cluster) is on the map.
    page.wait_for_function(
        """id => { const r = window.frontline.state.records.find(r => r.feature.id === id);
                   return !!(r.marker._map && (r.marker._path || r.marker._icon)); }""",
        arg=event_id,
        timeout=10_000,
    )
    page.wait_for_timeout(300)
    box = page.evaluate(
        """id => { const r = window.frontline.state.records.find(r => r.feature.id === id);
                   const p = window.frontline.map.latLngToContainerPoint(r.marker.getLatLng());
                   const m = document.getElementById('map').getBoundingClientRect();
                   return {x: m.left + p.x, y: m.top + p.y}; }""",
        event_id,
    )
    page.mouse.click(box["x"], box["y"])
    return page.wait_for_selector(".leaflet-popup-content .popup", timeout=5_000)


def test_page_loads_offline_and_shows_every_stored_event(page: Any, server: str) -> None:
    _ready(page, server)
    total = httpx.get(server + "/api/events", params={"limit": 1}).json()["total"]
    assert int(page.get_attribute("#map", "data-events-loaded")) == total
    assert page.locator(".marker-cluster, path.event-marker").count() > 0
    assert page.locator("#chart").is_visible()
    assert page.outside_requests == [], "the map must not need the internet"
    assert page.errors == []


def test_popup_shows_the_evidence_quote_and_links_the_document(page: Any, server: str) -> None:
    _ready(page, server)
    ev = httpx.get(server + "/api/events", params={"limit": 1, "sub_event_type": "Air/drone strike"}).json()["events"][0]
    popup = _open_popup(page, ev["event_id"])
    text = popup.inner_text()
    assert ev["evidence"][0]["quote"] in text
    assert ev["event_date"] in text and f"geo precision {ev['geo_precision']}" in text
    assert "independent" in text
    popup.query_selector("a.doclink").click()
    page.wait_for_selector("#docview:not([hidden])")
    assert page.inner_text("#doctitle") == ev["evidence"][0]["title"]
    assert page.inner_text("#docbody").count(ev["evidence"][0]["quote"]) >= 1
    # comments are collapsed
    assert page.locator("#docbody details.part-comment").count() >= 1
    assert page.locator("#docbody details.part-comment[open]").count() == 0


def test_slider_replays_control(page: Any, server: str) -> None:
    _ready(page, server)
    days = page.evaluate("() => window.frontline.state.days")
    slider = page.locator("#slider")

    def move_to(day: str) -> str:
        slider.fill(str(days.index(day)))  # fires `input` like a drag
        page.wait_for_selector(f"#map[data-control-date='{day}']", timeout=15_000)
        return page.get_attribute("#map", "data-control-sig")

    early = move_to("2020-01-10")
    late = move_to("2020-02-08")
    assert "test:ctl0:armed-opposition" in early and "test:ctl1:armed-opposition" in early
    assert "test:ctl0:government" in late and "test:ctl1:government" in late
    assert page.inner_text("#slider-date") == "2020-02-08"
    shown_late = int(page.get_attribute("#map", "data-visible"))
    move_to("2020-01-10")
    assert int(page.get_attribute("#map", "data-visible")) < shown_late  # events replay day by day


def test_play_button_advances_the_date(page: Any, server: str) -> None:
    _ready(page, server)
    page.locator("#slider").fill("0")
    first = page.inner_text("#slider-date")
    page.click("#play")
    page.wait_for_function(f"() => document.getElementById('slider-date').textContent !== '{first}'", timeout=5_000)
    page.click("#play")


def test_filters_reload_events(page: Any, server: str) -> None:
    _ready(page, server)
    page.select_option("select[name=event_type]", "Battles")
    page.click("#filters button[type=submit]")
    expected = httpx.get(server + "/api/events", params={"limit": 1, "event_type": "Battles"}).json()["total"]
    page.wait_for_function(f"() => document.getElementById('map').dataset.eventsLoaded === '{expected}'", timeout=10_000)


def test_hostile_report_text_never_runs(page: Any, server: str) -> None:
    _ready(page, server, "/#doc=xssdoc")
    page.wait_for_selector("#docview:not([hidden])")
    page.locator("#docbody details.part-comment summary").click()  # expand the hostile comment too
    popup = _open_popup(page, "xssevent")
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == []
    # the markup is shown as text, not parsed
    assert page.inner_text("#doctitle") == XSS_TITLE
    body = page.inner_text("#docbody")
    assert XSS_BODY in body and "click me" in body and XSS_COMMENT.split(">")[0] in body
    assert "<img src=x" in popup.inner_text()
    for selector in ("img[src=x]", "#docbody script", ".popup script", "svg[onload]", "[onerror]", "[onmouseover]"):
        assert page.locator(selector).count() == 0, selector
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")], hrefs
    assert page.errors == []
