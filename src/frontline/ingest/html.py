"""HTML → main text and metadata, with trafilatura.

trafilatura is the field's best general main-text extractor; we ask it for
the article text *and* the reader comments (kept after a blank line so the
cleaner can split them), and for its metadata (title, author, date, site
name, URL) which become container metadata of the document.
"""

from __future__ import annotations

from typing import Any

import trafilatura


def extract_html(html: str) -> tuple[str, dict[str, Any]] | None:
    """Main text (+ comments) and metadata, or None when no article text is found."""
    if not html.strip():
        return None
    try:
        extracted = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True, favor_recall=True)
        result = extracted.as_dict() if extracted is not None else None
    except Exception:
        result = None
    if not result or not (result.get("text") or "").strip():
        text = html_to_text(html)
        return (text, {}) if text.strip() else None
    text = result["text"].strip()
    comments = (result.get("comments") or "").strip()
    if comments:
        text = f"{text}\n\n{comments}"
    meta = {
        "title": result.get("title"),
        "author": result.get("author"),
        "date": result.get("date"),
        "outlet": result.get("sitename"),
        "url": result.get("url"),
    }
    return text, {k: v for k, v in meta.items() if v}


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (feed summaries, broken pages)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in root.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())
