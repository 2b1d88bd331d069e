"""Unresolved place names in the store: what to add to a local supplement.

Names the gazetteer does not hold are stored as place mentions with
``resolved = false`` (coded at their stated reference).  Listing them by
frequency, with a few contexts each, is how a user finds the hills and
suburbs worth adding to their ``FRONTLINE_PLACES`` supplement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from frontline.store import schema as t
from frontline.text.normalize import normalize_name


@dataclass(slots=True)
class UnresolvedName:
    name: str  # the most frequent surface form
    count: int
    documents: int
    reference: str | None  # most frequent reference place id
    relation: str | None
    contexts: list[str] = field(default_factory=list)


def unresolved_names(engine: Engine, *, limit: int = 50, contexts: int = 2, width: int = 60) -> list[UnresolvedName]:
    """Unresolved mentions grouped by folded name, most frequent first."""
    pm, docs = t.place_mentions, t.documents
    q = (
        select(pm.c.document_id, pm.c.start, pm.c.end, pm.c.text, pm.c.reference_place_id, pm.c.relation,
               docs.c.text.label("doc_text"))
        .join(docs, docs.c.id == pm.c.document_id)
        .where(pm.c.resolved.is_(False))
    )
    groups: dict[str, dict] = {}
    with engine.connect() as conn:
        for row in conn.execute(q):
            key = normalize_name(row.text)
            g = groups.setdefault(key, {"forms": {}, "docs": set(), "refs": {}, "rels": {}, "ctx": []})
            g["forms"][row.text] = g["forms"].get(row.text, 0) + 1
            g["docs"].add(row.document_id)
            if row.reference_place_id:
                g["refs"][row.reference_place_id] = g["refs"].get(row.reference_place_id, 0) + 1
            if row.relation:
                g["rels"][row.relation] = g["rels"].get(row.relation, 0) + 1
            if len(g["ctx"]) < contexts:
                s, e = max(0, row.start - width), min(len(row.doc_text), row.end + width)
                g["ctx"].append(" ".join(row.doc_text[s:e].split()))
    out = []
    for g in groups.values():
        count = sum(g["forms"].values())
        out.append(UnresolvedName(
            name=max(g["forms"], key=g["forms"].get),
            count=count,
            documents=len(g["docs"]),
            reference=max(g["refs"], key=g["refs"].get) if g["refs"] else None,
            relation=max(g["rels"], key=g["rels"].get) if g["rels"] else None,
            contexts=g["ctx"],
        ))
    out.sort(key=lambda u: (-u.count, u.name))
    return out[:limit]
