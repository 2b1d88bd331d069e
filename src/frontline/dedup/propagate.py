"""Fill metadata a member lacks from the rest of its republication cluster.

What is propagated, and why:

* **title, byline, publication_date** belong to the *article*, so a copy's
  title or author is evidence for the original's and vice versa.  The source
  is the canonical original when it states the field, else the member that
  states it (earliest stated date first, then id).  A date filled in this way
  is marked ``date_source = "inferred-from-republication"``: for the original
  it is an upper bound (the copy appeared that day, the original no later).
* **outlet** belongs to the *publication*, not the article: copying the
  republisher's outlet onto the original would be false.  The canonical
  original inherits an outlet only from a republisher's explicit
  original-source statement; republishers never inherit an outlet.

Only stated values travel (never a value a member itself inherited), and a
value a document states is never overwritten.  Every inherited field is
recorded in ``doc.inherited[field] = source document id``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from frontline.dedup.provenance import name_index, named_members, states_other_origin
from frontline.model import Document

ARTICLE_FIELDS = ("title", "byline", "publication_date")
INFERRED_DATE = "inferred-from-republication"


def _stated(doc: Document, field: str) -> object | None:
    if field in doc.inherited:
        return None
    return getattr(doc, field)


def _donor(
    field: str, members: Sequence[Document], canonical: Document, receiver: Document,
    ranked: dict[str, list[Document]] | None = None,
) -> Document | None:
    """The member whose stated value of ``field`` the receiver should take.

    ``ranked[field]`` (the stating members, best first) saves rescanning the
    members for every receiver, which was quadratic in a large cluster.
    """
    if receiver.id != canonical.id and _stated(canonical, field) is not None:
        return canonical
    if ranked is not None:
        return next((m for m in ranked[field][:2] if m.id != receiver.id), None)
    stating = [m for m in members if m.id != receiver.id and _stated(m, field) is not None]
    if not stating:
        return None
    return min(stating, key=_rank_key(field))


def _rank_key(field: str) -> Callable[[Document], Any]:
    """Best donor first: earliest stated date (then id) for the date, smallest id otherwise."""
    if field == "publication_date":
        return lambda m: (m.publication_date, m.id)
    return lambda m: m.id


def _ranked(members: Sequence[Document]) -> dict[str, list[Document]]:
    """Per field, the two best members stating it (a receiver excludes at most itself)."""
    out = {}
    for field in ARTICLE_FIELDS:
        stating = sorted((m for m in members if _stated(m, field) is not None), key=_rank_key(field))
        out[field] = stating[:2]
    return out


def _forget_inherited(doc: Document, inherited: dict[str, str]) -> dict[str, str]:
    """Clear what an earlier resolution filled in; returns what is left of ``inherited``.

    The cluster may have changed since (a new original arrived, a member left),
    so every inherited value is derived again from stated ones: keeping it would
    make the result depend on the order the documents arrived in.
    """
    left = dict(inherited)
    for field in (*ARTICLE_FIELDS, "outlet"):
        source = left.pop(field, None)
        if source is not None:
            setattr(doc, field, None)
            if field == "publication_date":
                doc.date_source = None
                if source == doc.id:  # estimated from the report's own words: drop that evidence too
                    doc.field_spans = {k: v for k, v in doc.field_spans.items() if k != "publication_date"}
    return left


def propagate(members: Sequence[Document], canonical_id: str) -> list[Document]:
    """Copies of the members with cluster ids set and missing metadata filled."""
    by_id = {m.id: m for m in members}
    if canonical_id not in by_id:
        raise ValueError(f"canonical {canonical_id!r} is not a member of the cluster")
    canonical = by_id[canonical_id]
    cluster_id = min(by_id)
    ranked = _ranked(members)
    out: list[Document] = []
    for doc in sorted(members, key=lambda d: d.id):
        new = copy.copy(doc)
        new.inherited = _forget_inherited(new, doc.inherited)
        new.cluster_id = cluster_id
        new.canonical_id = canonical_id
        for field in ARTICLE_FIELDS:
            if getattr(new, field) is not None:
                continue
            donor = _donor(field, members, canonical, doc, ranked)
            if donor is None:
                continue
            setattr(new, field, getattr(donor, field))
            new.inherited[field] = donor.id
            if field == "publication_date":
                new.date_source = INFERRED_DATE
        if doc.id == canonical_id and new.outlet is None:
            index = name_index(members)
            staters = sorted(
                (
                    m
                    for m in members
                    if m.id != doc.id and states_other_origin(m) and not named_members(m, members, index)
                ),
                key=lambda m: m.id,
            )
            if staters:
                new.outlet = staters[0].original_source
                new.inherited["outlet"] = staters[0].id
        out.append(new)
    return out
