"""``frontline clusters``: each cluster, its original, its copies and what changed.

A pure function from documents and links to a Rich renderable, so the CLI,
tests and any other front end share it; the command only loads from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from frontline.dedup.index import Link, as_link
from frontline.dedup.spans import word_changes
from frontline.model import Document


def _short(doc_id: str) -> str:
    return doc_id[:12]


def _date(doc: Document) -> str:
    if doc.publication_date is None:
        return "—"
    note = " (inferred)" if doc.date_source == "inferred-from-republication" else ""
    return doc.publication_date.isoformat() + note


def metadata_changes(original: Document, copy: Document) -> list[str]:
    """Stated metadata that differs between the original and a copy."""
    out = []
    for field in ("title", "byline", "outlet", "publication_date"):
        a = None if field in original.inherited else getattr(original, field)
        b = None if field in copy.inherited else getattr(copy, field)
        if a != b and (a is not None or b is not None):
            out.append(f"{field}: {a or '—'} → {b or '—'}")
    return out


def describe_changes(original: Document, copy: Document, limit: int = 6) -> Text:
    """Metadata and word-level differences of a copy, in a few lines."""
    text = Text()
    for line in metadata_changes(original, copy):
        text.append(line + "\n", style="cyan")
    changes, total = word_changes(original, copy, limit=limit)
    for ch in changes:
        if ch.op == "replace":
            text.append(f"~ {ch.original[:60]!r} → {ch.copy[:60]!r}\n")
        elif ch.op == "delete":
            text.append(f"- {ch.original[:80]!r}\n", style="red")
        else:
            text.append(f"+ {ch.copy[:80]!r}\n", style="green")
    if total > len(changes):
        text.append(f"… {total - len(changes)} more changes\n", style="dim")
    if not total:
        text.append("identical text\n", style="dim")
    return text


def render_clusters(
    docs: Sequence[Document], links: Iterable[Link | dict[str, Any]], include_singletons: bool = False
) -> RenderableType:
    """One table per cluster (original first), then the quotation links."""
    by_id = {d.id: d for d in docs}
    all_links = [as_link(x) for x in links]
    edge_of = {x.src_id: x for x in all_links if x.kind == "republishes"}
    clusters: dict[str, list[Document]] = {}
    for d in docs:
        clusters.setdefault(d.cluster_id or d.id, []).append(d)
    parts: list[RenderableType] = []
    shown = 0
    for cid in sorted(clusters):
        members = clusters[cid]
        if len(members) < 2 and not include_singletons:
            continue
        shown += 1
        canonical_id = members[0].canonical_id or members[0].id
        original = by_id.get(canonical_id, members[0])
        table = Table(
            title=f"cluster {_short(cid)} · {len(members)} documents", show_lines=True, title_justify="left"
        )
        for col in ("role", "document", "outlet", "date", "title", "evidence / changes"):
            table.add_column(col, overflow="fold")
        table.add_row(
            Text("original", style="bold green"),
            _short(original.id),
            original.outlet or "—",
            _date(original),
            (original.title or "—")[:60],
            Text(
                ", ".join(f"{k} from {_short(v)}" for k, v in original.inherited.items()) or "—", style="dim"
            ),
        )
        for m in sorted(members, key=lambda d: d.id):
            if m.id == original.id:
                continue
            edge = edge_of.get(m.id)
            why = Text(f"rule: {edge.evidence.get('rule', '?')}\n" if edge else "", style="yellow")
            why.append_text(describe_changes(original, m))
            table.add_row(
                "republication", _short(m.id), m.outlet or "—", _date(m), (m.title or "—")[:60], why
            )
        parts.append(table)
    quotes = [x for x in all_links if x.kind == "quotes" and x.src_id in by_id and x.dst_id in by_id]
    if quotes:
        qt = Table(title="quotations (shared passages, not merged)", title_justify="left")
        for col in ("document", "quotes", "shared shingles", "first shared passage"):
            qt.add_column(col, overflow="fold")
        for x in quotes:
            spans = x.evidence.get("shared_spans") or []
            passage = ""
            if spans:
                s, e = spans[0]["src"]
                passage = by_id[x.src_id].text[s:e][:100]
            qt.add_row(
                _short(x.src_id), _short(x.dst_id), str(x.evidence.get("shared_shingles", "?")), passage
            )
        parts.append(qt)
    if not shown and not quotes:
        parts.append(Text("No republications found: every document is its own cluster.", style="dim"))
    return Group(*parts)
