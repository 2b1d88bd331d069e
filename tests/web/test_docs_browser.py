"""``/docs`` in a real browser with the internet cut off: Swagger UI still lists every operation."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_loads_offline_and_lists_the_operations(page: Any, server: str) -> None:
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    spec = httpx.get(server + "/openapi.json").json()
    expected = sorted(f"{m.upper()} {p}" for p, ops in spec["paths"].items() for m in ops)
    shown = sorted(
        page.evaluate(
            """() => [...document.querySelectorAll('.opblock-summary')].map(s =>
                 s.querySelector('.opblock-summary-method').textContent.trim() + ' ' +
                 s.querySelector('.opblock-summary-path').getAttribute('data-path'))"""
        )
    )
    assert shown == expected
    assert page.outside_requests == [], "the API docs must not need the internet"
    assert page.errors == []
    # a Content-Security-Policy refusal (e.g. of the set-up script) is logged as a console error
    assert [e for e in console_errors if "Content Security Policy" in e] == []
