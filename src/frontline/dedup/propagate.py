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
from collections.abc import Sequence

from frontline.dedup.provenance import named_members, states_other_origin
from frontline.model import Document

ARTICLE_FIELDS = ("title", "byline", "publication_date")
INFERRED_DATE = "inferred-from-republication"


def _stated(doc: Document, field: str) -> object | None:
    if field in doc.inherited:
        return None
    return getattr(doc, field)


def _donor(
    field: str, members: Sequence[Document], canonical: Document, receiver: Document
) -> Document | None:
    """The member whose stated value of ``field`` the receiver should take."""
    if receiver.id != canonical.id and _stated(canonical, field) is not None:
        return canonical
    stating = [m for m in members if m.id != receiver.id and _stated(m, field) is not None]
    if not stating:
        return None
    if field == "publication_date":
        return min(stating, key=lambda m: (m.publication_date, m.id))
    return min(stating, key=lambda m: m.id)


def propagate(members: Sequence[Document], canonical_id: str) -> list[Document]:
    """Copies of the members with cluster ids set and missing metadata filled."""
    by_id = {m.id: m for m in members}
    if canonical_id not in by_id:
        raise ValueError(f"canonical {canonical_id!r} is not a member of the cluster")
    canonical = by_id[canonical_id]
    cluster_id = min(by_id)
    out: list[Document] = []
    for doc in sorted(members, key=lambda d: d.id):
        new = copy.copy(doc)
        new.inherited = dict(doc.inherited)
        new.cluster_id = cluster_id
        new.canonical_id = canonical_id
        for field in ARTICLE_FIELDS:
            if getattr(new, field) is not None:
                continue
            donor = _donor(field, members, canonical, doc)
            if donor is None:
                continue
            setattr(new, field, getattr(donor, field))
            new.inherited[field] = donor.id
            if field == "publication_date":
                new.date_source = INFERRED_DATE
        if doc.id == canonical_id and new.outlet is None:
            staters = sorted(
                (
                    m
                    for m in members
                    if m.id != doc.id and states_other_origin(m) and not named_members(m, members)
                ),
                key=lambda m: m.id,
            )
            if staters:
                new.outlet = staters[0].original_source
                new.inherited["outlet"] = staters[0].id
        out.append(new)
    return out
