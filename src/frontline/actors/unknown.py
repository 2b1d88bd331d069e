"""Unknown-actor candidates from the store: what the registry is missing.

The linker keeps organisation-shaped phrases it could not link
(``actor_id`` NULL, role "actor", not a descriptor).  Listing them by
frequency, with a sentence each, is how an analyst decides what to add to
``data/actors/<theatre>.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, and_, false, select

from frontline.store import schema as t
from frontline.text import normalize_name


@dataclass(slots=True)
class UnknownActor:
    """One unlinked name, its count and where it was seen."""

    surface: str
    count: int
    documents: int
    examples: list[dict] = field(default_factory=list)  # {"document_id", "start", "end", "sentence"}


def _sentence(text: str, starts_ends: list[tuple[int, int]], s: int, e: int) -> str:
    for ss, se in starts_ends:
        if ss <= s and e <= se:
            return text[ss:se].strip()
    lo = max(text.rfind("\n", 0, s), text.rfind(". ", 0, s) + 1, 0)
    hi_candidates = [i for i in (text.find("\n", e), text.find(". ", e)) if i != -1]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return text[lo:hi].strip()


def unknown_actors(engine: Engine, *, limit: int = 50, examples: int = 2) -> list[UnknownActor]:
    """Unlinked organisation-like mentions grouped by folded name, most frequent first."""
    am = t.actor_mentions
    q = select(am.c.document_id, am.c.start, am.c.end, am.c.text).where(
        and_(am.c.actor_id.is_(None), am.c.role == "actor", am.c.descriptor == false())
    )
    groups: dict[str, list[tuple[str, int, int, str]]] = {}
    with engine.connect() as conn:
        for doc_id, s, e, surface in conn.execute(q):
            groups.setdefault(normalize_name(surface), []).append((doc_id, s, e, surface))
        ranked = sorted(groups.values(), key=lambda rows: (-len(rows), rows[0][3]))[:limit]
        need = {r[0] for rows in ranked for r in rows[:examples]}
        texts: dict[str, str] = {}
        sents: dict[str, list[tuple[int, int]]] = {}
        if need:
            for doc_id, text in conn.execute(
                select(t.documents.c.id, t.documents.c.text).where(t.documents.c.id.in_(need))
            ):
                texts[doc_id] = text
            for doc_id, s, e in conn.execute(
                select(t.sentences.c.document_id, t.sentences.c.start, t.sentences.c.end).where(
                    t.sentences.c.document_id.in_(need)
                )
            ):
                sents.setdefault(doc_id, []).append((s, e))
    out: list[UnknownActor] = []
    for rows in ranked:
        names: dict[str, int] = {}
        for r in rows:
            names[r[3]] = names.get(r[3], 0) + 1
        item = UnknownActor(max(names, key=lambda n: names[n]), len(rows), len({r[0] for r in rows}))
        for doc_id, s, e, _ in rows[:examples]:
            text = texts.get(doc_id, "")
            item.examples.append(
                {
                    "document_id": doc_id,
                    "start": s,
                    "end": e,
                    "sentence": _sentence(text, sents.get(doc_id, []), s, e),
                }
            )
        out.append(item)
    return out
