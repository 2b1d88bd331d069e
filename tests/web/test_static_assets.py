"""Fast checks of the page's files (no browser): offline assets, licences, no HTML sinks."""

from __future__ import annotations

import re
from pathlib import Path

from frontline.api import WEB_DIR


def _app_js() -> str:
    return (WEB_DIR / "app.js").read_text(encoding="utf-8")


def test_no_html_string_sinks_in_the_page_script() -> None:
    code = re.sub(r"/\*.*?\*/", "", _app_js(), flags=re.S)  # the header comment names the sinks it avoids
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code, sink


def test_page_references_only_local_assets() -> None:
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(r.startswith("/static/") for r in refs), refs
    assert not re.search(r"https?://", _app_js())


def test_vendored_libraries_are_present_with_licences() -> None:
    vendor = WEB_DIR / "vendor"
    for path in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE", "markercluster/leaflet.markercluster.js",
                 "markercluster/MIT-LICENCE.txt"):
        assert (vendor / path).stat().st_size > 0, path
    lock = Path(__file__).resolve().parents[2] / "web" / "package-lock.json"
    if lock.exists():  # in a checkout: the vendored version is the locked one
        text = lock.read_text(encoding="utf-8")
        assert '"node_modules/leaflet"' in text and "1.9.4" in (vendor / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:400]
