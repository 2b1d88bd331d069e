"""Which member of a republication cluster is the original, and who copied whom.

The rules, strongest first (each one only decides when the stronger ones
leave more than one candidate):

1. **original-source statement** — a member saying "the original source of
   this article is X" where X is another member's outlet or byline points at
   that member.  A member whose statement names someone other than itself is a
   republisher, so even when X matches no member's metadata (the original may
   carry no outlet at all) the stating member is not the original.
2. **earliest date** — among the remaining candidates, the earliest stated
   ``publication_date`` (a copy cannot predate its source).  Inherited dates do
   not count: they are themselves derived from this decision.
3. **named outlet** — a candidate whose outlet is the one other members
   name as their source.
4. **tie-break** — the longest fingerprinted text (truncations are copies),
   then the smallest id, so the choice is deterministic.

Edges point republisher → original.  A member whose statement names a
specific member points at it (chains are kept); every other member points at
the canonical original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from frontline.dedup.index import Link
from frontline.dedup.names import compact_key, same_name
from frontline.dedup.signature import dedup_text
from frontline.model import Document

#: Confidence in the direction of an edge, by the rule that decided it.
RULE_SCORES = {
    "original-source-statement": 1.0,
    "earliest-date": 0.8,
    "named-outlet": 0.7,
    "tie-break": 0.5,
}


def _stated_date(doc: Document) -> dt.date | None:
    """The date the document states itself (inherited dates do not count)."""
    return None if "publication_date" in doc.inherited else doc.publication_date


def _statement_span(doc: Document) -> list[int] | None:
    span = doc.field_spans.get("original_source")
    return [span.start, span.end] if span is not None else None


def _names_of(doc: Document) -> list[str]:
    """Names a statement can use for this document: its own outlet and byline.

    Inherited values do not count: they came from this very decision in an
    earlier run, and a copy that inherited the original's byline would be
    named alongside the original (so the result would depend on arrival order).
    """
    own = [None if name in doc.inherited else getattr(doc, name) for name in ("outlet", "byline")]
    return [n for n in own if n]


def states_other_origin(doc: Document) -> bool:
    """True when ``doc`` says its original source is someone other than itself."""
    if not doc.original_source:
        return False
    own_outlet = None if "outlet" in doc.inherited else doc.outlet
    return not same_name(doc.original_source, own_outlet)


NameIndex = dict[str, list[Document]]


def name_index(members: Sequence[Document]) -> NameIndex:
    """Members by the compact keys of their own names, in ``members`` order.

    Lets :func:`named_members` look a statement up instead of comparing it
    with every member: a 10k-document run produced a cluster of thousands of
    members, where the pairwise comparison was quadratic.
    """
    index: NameIndex = {}
    for m in members:
        for key in dict.fromkeys(compact_key(n) for n in _names_of(m)):
            if key:
                index.setdefault(key, []).append(m)
    return index


def named_members(doc: Document, members: Sequence[Document], index: NameIndex | None = None) -> list[Document]:
    """Other members whose outlet or byline is the original source ``doc`` states.

    ``index`` (:func:`name_index` of ``members``) gives the same answer faster.
    """
    if not states_other_origin(doc):
        return []
    if index is not None:
        return [m for m in index.get(compact_key(doc.original_source), ()) if m.id != doc.id]
    return [
        m for m in members if m.id != doc.id and any(same_name(doc.original_source, n) for n in _names_of(m))
    ]


def _pick(candidates: list[Document], members: Sequence[Document]) -> tuple[Document, str]:
    """Apply rules 2-4 to the candidates."""
    if len(candidates) == 1:
        return candidates[0], "only-candidate"
    dated = [c for c in candidates if _stated_date(c) is not None]
    if dated:
        earliest = min(_stated_date(c) for c in dated)
        best = [c for c in dated if _stated_date(c) == earliest]
        if len(best) < len(candidates):
            candidates = best
            if len(candidates) == 1:
                return candidates[0], "earliest-date"
    stated = {compact_key(m.original_source) for m in members if states_other_origin(m)} - {""}
    named = [c for c in candidates if "outlet" not in c.inherited and compact_key(c.outlet) in stated]
    if named and len(named) < len(candidates):
        candidates = named
        if len(candidates) == 1:
            return candidates[0], "named-outlet"
    best = min(candidates, key=lambda d: (-len(dedup_text(d)), d.id))
    return best, "tie-break"


def choose_original(members: Sequence[Document]) -> tuple[str, list[Link]]:
    """The canonical (original) member's id and directed republisher → original edges."""
    if not members:
        raise ValueError("choose_original needs at least one member")
    members = sorted(members, key=lambda d: d.id)
    if len(members) == 1:
        return members[0].id, []

    index = name_index(members)
    named: dict[str, list[Document]] = {m.id: named_members(m, members, index) for m in members}
    pointed_at = {n.id: n for targets in named.values() for n in targets}
    if pointed_at:
        # Rule 1a: somebody names a member; the original is among the named
        # ones that do not themselves point elsewhere.
        roots = [n for n in pointed_at.values() if not named[n.id]] or list(pointed_at.values())
        canonical, why = _pick(sorted(roots, key=lambda d: d.id), members)
        rule = "original-source-statement" if len(roots) == 1 else why
    else:
        # Rule 1b: members stating another origin are republishers.
        non_staters = [m for m in members if not states_other_origin(m)]
        if non_staters and len(non_staters) < len(members):
            canonical, why = _pick(non_staters, members)
            rule = "original-source-statement" if len(non_staters) == 1 else why
        else:
            canonical, rule = _pick(list(members), members)

    edges: list[Link] = []
    for m in members:
        if m.id == canonical.id:
            continue
        targets = [t for t in named[m.id] if t.id != m.id]
        if targets:
            target = min(targets, key=lambda d: d.id)
            evidence: dict[str, Any] = {
                "rule": "original-source-statement",
                "statement": m.original_source,
                "field_span": _statement_span(m),
            }
            edges.append(
                Link(m.id, target.id, "republishes", RULE_SCORES["original-source-statement"], evidence)
            )
            continue
        evidence = {"rule": rule}
        if states_other_origin(m):
            evidence.update(
                {
                    "rule": "original-source-statement",
                    "statement": m.original_source,
                    "field_span": _statement_span(m),
                }
            )
        elif rule == "earliest-date":
            evidence["dates"] = [str(_stated_date(m)), str(_stated_date(canonical))]
        score = RULE_SCORES.get(evidence["rule"], RULE_SCORES["tie-break"])
        edges.append(Link(m.id, canonical.id, "republishes", score, evidence))
    return canonical.id, edges
