"""``/docs`` works offline: Swagger UI comes from the vendored files, not a CDN."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi.testclient import TestClient

from frontline.api import WEB_DIR


def test_docs_html_references_no_outside_host(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert not re.search(r"https?://", r.text), re.findall(r"https?://[^\s\"'<>]+", r.text)
    assert not re.search(r"(?:src|href)=[\"']//", r.text)  # protocol-relative URLs reach outside too
    refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert refs, "the page loads its script and style"
    for ref in refs:
        assert ref.startswith("/static/vendor/swagger-ui/"), ref
        assert client.get(ref).status_code == 200, ref
    assert "'/openapi.json'" in r.text and client.get("/openapi.json").status_code == 200


def test_docs_csp_allows_only_its_own_inline_script(client: TestClient) -> None:
    r = client.get("/docs")
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    scripts = re.findall(r"<script>(.*?)</script>", r.text, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert len(r.headers.get_list("content-security-policy")) == 1  # not also the generic page policy


def test_redoc_and_cdn_docs_are_off(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
    paths = set(client.get("/openapi.json").json()["paths"])
    assert "/docs" not in paths and "/" not in paths


def test_vendored_swagger_ui_matches_the_lock_and_has_its_licence() -> None:
    vendor = WEB_DIR / "vendor" / "swagger-ui"
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"):
        assert (vendor / name).stat().st_size > 0, name
    assert "Apache License" in (vendor / "LICENSE").read_text(encoding="utf-8")
    lock = Path(__file__).resolve().parents[2] / "web" / "package-lock.json"
    if lock.exists():  # in a checkout: the vendored package is pinned in the lock
        assert '"node_modules/swagger-ui-dist"' in lock.read_text(encoding="utf-8")
