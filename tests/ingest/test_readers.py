"""Every class of bad input gets one clear error; good inputs in the same batch survive."""

from __future__ import annotations

import json
from pathlib import Path

from frontline.ingest import IngestError, read_inputs, to_document
from frontline.model import RawDocument

REPORT = "Government forces shelled the town of Kafr Hamra on Tuesday, a monitor said.\n"


def _split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, IngestError)]
    return docs, errors


def test_mixed_folder(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n \t", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes(("Le café “brûlé” " * 10).encode("cp1252"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.txt").write_text(REPORT + "More.", encoding="utf-8")
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert sorted(Path(d.source_path).name for d in docs) == ["good.txt", "latin.txt", "nested.txt"]
    assert {Path(e.source_path).name: e.reason for e in errors} == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "image.txt": "binary",
    }


def test_missing_path_and_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB of text, written sparsely
        fh.write(b"a" * 1024)
        fh.seek(50 * 1024 * 1024)
        fh.write(b"end")
    items = list(read_inputs([tmp_path / "nope.txt", big], max_bytes=10 * 1024 * 1024))
    docs, errors = _split(items)
    assert not docs
    assert [e.reason for e in errors] == ["not-found", "too-large"]
    assert "limit" in errors[1].detail


def test_jsonl_with_one_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": REPORT, "title": "Shelling", "date": "2021-03-02", "outlet": "Example Wire"}),
        '{"text": "unterminated',
        json.dumps({"title": "no text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Second report about a meeting in Ankara.", "url": "https://example.org/2"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _split(list(read_inputs([path])))
    assert len(docs) == 2
    assert [e.reason for e in errors] == ["bad-json", "no-text", "bad-json"]
    assert errors[0].source_path.endswith(":2")
    doc = to_document(docs[0])
    assert doc.title == "Shelling" and doc.outlet == "Example Wire"
    assert doc.publication_date.isoformat() == "2021-03-02" and doc.date_source == "container"


def test_html_main_text_and_broken_html(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{REPORT} Paragraph {i} adds detail about the front line near the river.</p>" for i in range(6))
    html = (
        "<html><head><title>Clashes near the river</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        f"<article><h1>Clashes near the river</h1>{paragraphs}</article>"
        "<footer>Copyright 2021 Example Wire. All rights reserved.</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><div><p", encoding="utf-8")
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert len(docs) == 1 and docs[0].media_type == "html"
    assert "front line near the river" in docs[0].text
    assert "About" not in docs[0].text.split("\n")[0]
    assert [e.reason for e in errors] == ["no-main-text"]


def test_rss_feed_entries(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
    <item><title>One</title><link>https://example.org/1</link><pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;Air strikes hit two villages.&lt;/p&gt;</description></item>
    <item><title>Two</title><description></description></item>
    </channel></rss>"""
    (tmp_path / "wire.rss").write_text(feed, encoding="utf-8")
    (tmp_path / "bad.rss").write_text("<rss><channel><item>", encoding="utf-8")
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert len(docs) == 1
    doc = to_document(docs[0])
    assert doc.text == "Air strikes hit two villages."
    assert doc.outlet == "Example Wire" and doc.publication_date.isoformat() == "2021-03-02"
    assert sorted(e.reason for e in errors) == ["bad-feed", "no-text"]


def test_content_hash_is_stable_and_distinct(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(REPORT + "!", encoding="utf-8")
    docs, _ = _split(list(read_inputs([tmp_path])))
    hashes = [d.content_hash for d in docs]
    assert hashes[0] == hashes[1] != hashes[2]
