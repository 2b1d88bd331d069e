"""`frontline places --unresolved`: names no gazetteer holds, read back from a real store."""

from __future__ import annotations

import hashlib
import json

from typer.testing import CliRunner

from frontline.cli import app
from frontline.geo import geoparse_text
from frontline.geo.unresolved import unresolved_names
from frontline.model import Document, RawDocument
from frontline.store import open_store


def _doc(i: int, text: str, gaz) -> tuple[RawDocument, Document]:
    h = hashlib.sha256(text.encode()).hexdigest()
    raw = RawDocument(f"d{i}.txt", text.encode(), h, text, "utf-8", "text")
    doc = Document(id=f"d{i}", content_hash=h, source_path=f"d{i}.txt", text=text)
    doc.place_mentions = geoparse_text(text, gazetteer=gaz)
    return raw, doc


def test_unresolved_listing(tmp_path, tiny_gazetteer) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    store = open_store(url)
    texts = [
        "The army captured the villages of Umm Sharshuh and Bayt Lahm near Qarmida.",
        "Shelling hit Umm Sharshuh again, north of Qarmida.",
    ]
    store.save_batch([_doc(i, t, tiny_gazetteer) for i, t in enumerate(texts)])
    rows = unresolved_names(store.engine)
    assert rows[0].name == "Umm Sharshuh" and rows[0].count == 2 and rows[0].documents == 2
    assert rows[0].reference == "t:city"
    assert all("Umm Sharshuh" in c for c in rows[0].contexts)
    assert "Bayt Lahm" not in {r.name for r in rows}

    res = CliRunner().invoke(app, ["places", "--unresolved", "--db", url, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["name"] == "Umm Sharshuh"
