"""Turn paths (files, folders, stdin) into :class:`RawDocument` records.

Each input yields either documents or an :class:`IngestError`; nothing here
raises for a bad input, because one corrupt file must never stop a batch of
thousands.  Container formats (JSONL, RSS/Atom) yield one document per record,
and a broken record is its own error while its neighbours go on.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontline.ingest.decode import DecodeError, decode_bytes
from frontline.model import RawDocument

#: Default refusal threshold; reports are kilobytes, a 10 MB "report" is a mistake.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
FEED_EXT = {".rss", ".atom", ".xml"}


@dataclass(slots=True)
class IngestError:
    """One input that could not be read, with a short reason code and a sentence."""

    source_path: str
    reason: str
    detail: str
    content_hash: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Expand folders (recursively, sorted, hidden files skipped)."""
    for p in paths:
        path = Path(p)
        if str(p) == "-":
            yield path
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield IngestError(str(path), "not-a-file", "not a regular file or folder")
        else:
            yield IngestError(str(path), "not-found", "no such file or folder")


def sniff_media_type(path: Path, data: bytes) -> str:
    """Choose a reader from the extension, falling back to the content."""
    ext = path.suffix.lower()
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in FEED_EXT:
        return "feed"
    if ext in TEXT_EXT:
        return "text"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def read_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | IngestError]:
    """Yield a RawDocument per report and an IngestError per bad input."""
    for item in iter_paths(paths):
        if isinstance(item, IngestError):
            yield item
            continue
        name = "<stdin>" if str(item) == "-" else str(item)
        try:
            data = _read_limited(item, max_bytes)
        except _TooLarge as exc:
            yield IngestError(name, "too-large", str(exc))
            continue
        except OSError as exc:
            yield IngestError(name, "unreadable", f"cannot read: {exc.strerror or exc}")
            continue
        media = sniff_media_type(item, data) if name != "<stdin>" else sniff_media_type(Path("stdin"), data)
        yield from read_bytes(name, data, media)


def read_bytes(name: str, data: bytes, media_type: str) -> Iterator[RawDocument | IngestError]:
    """Dispatch one input's bytes to its reader."""
    reader = {"text": _read_text, "html": _read_html, "jsonl": _read_jsonl, "feed": _read_feed}.get(media_type)
    if reader is None:
        yield IngestError(name, "unsupported", f"unsupported media type {media_type!r}")
        return
    try:
        yield from reader(name, data)
    except DecodeError as exc:
        yield IngestError(name, exc.reason, exc.detail, content_hash(data))
    except Exception as exc:  # a reader bug must not stop the batch either
        yield IngestError(name, "reader-failed", f"{type(exc).__name__}: {exc}", content_hash(data))


class _TooLarge(Exception):
    pass


def _read_limited(path: Path, max_bytes: int) -> bytes:
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        size = path.stat().st_size
        if size > max_bytes:
            raise _TooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes (--max-bytes)")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _TooLarge(f"over the limit of {max_bytes:,} bytes (--max-bytes)")
    return data


def _read_text(name: str, data: bytes) -> Iterator[RawDocument]:
    decoded = decode_bytes(data)
    yield RawDocument(name, data, content_hash(data), decoded.text, decoded.encoding, "text")


def _read_html(name: str, data: bytes) -> Iterator[RawDocument | IngestError]:
    from frontline.ingest.html import extract_html

    decoded = decode_bytes(data)
    extracted = extract_html(decoded.text)
    if extracted is None:
        yield IngestError(name, "no-main-text", "no article text could be extracted from the HTML", content_hash(data))
        return
    text, meta = extracted
    yield RawDocument(name, data, content_hash(data), text, decoded.encoding, "html", meta)


#: JSONL fields we take as container metadata (everything else is kept in meta too).
JSONL_TEXT_FIELDS = ("text", "body", "content")


def _read_jsonl(name: str, data: bytes) -> Iterator[RawDocument | IngestError]:
    decoded = decode_bytes(data)
    stripped = decoded.text.lstrip()
    if stripped.startswith("["):  # a JSON array of records
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield IngestError(name, "bad-json", f"invalid JSON: {exc}", content_hash(data))
            return
        lines = [(i + 1, json.dumps(r, ensure_ascii=False)) for i, r in enumerate(records)]
    else:
        lines = [(i + 1, line) for i, line in enumerate(decoded.text.splitlines()) if line.strip()]
    for lineno, line in lines:
        where = f"{name}:{lineno}"
        raw = line.encode("utf-8")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, "bad-json", f"line {lineno} is not valid JSON: {exc.msg}", content_hash(raw))
            continue
        if not isinstance(record, dict):
            yield IngestError(where, "bad-json", f"line {lineno} is not a JSON object", content_hash(raw))
            continue
        text = next((record[k] for k in JSONL_TEXT_FIELDS if isinstance(record.get(k), str)), None)
        if text is None or not text.strip():
            yield IngestError(where, "no-text", f"line {lineno} has no non-empty 'text' field", content_hash(raw))
            continue
        meta = {k: v for k, v in record.items() if k not in JSONL_TEXT_FIELDS and isinstance(v, str | int | float)}
        yield RawDocument(where, raw, content_hash(raw), text, "utf-8", "jsonl", meta)


def _read_feed(name: str, data: bytes) -> Iterator[RawDocument | IngestError]:
    import feedparser

    from frontline.ingest.html import html_to_text

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    has_text = any(e.get("content") or e.get("summary") for e in entries)
    if not entries or (parsed.get("bozo") and not has_text):
        why = parsed.get("bozo_exception")
        detail = f"not a readable RSS/Atom feed ({why})" if why else "the feed has no entries"
        yield IngestError(name, "bad-feed", detail, content_hash(data))
        return
    for i, entry in enumerate(entries, start=1):
        where = f"{name}#{i}"
        html = ""
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry["content"])
        html = html or entry.get("summary", "")
        text = html_to_text(html) if html else ""
        if not text.strip():
            yield IngestError(where, "no-text", f"feed entry {i} has no text")
            continue
        meta = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "date": entry.get("published") or entry.get("updated"),
            "author": entry.get("author"),
            "outlet": (parsed.get("feed") or {}).get("title"),
        }
        raw = json.dumps({"feed": name, "entry": i, "text": text, **meta}, ensure_ascii=False).encode("utf-8")
        yield RawDocument(where, raw, content_hash(raw), text, "utf-8", "feed", {k: v for k, v in meta.items() if v})
