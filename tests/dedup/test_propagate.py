import datetime as dt

import pytest

from frontline.dedup.propagate import INFERRED_DATE, propagate

from .helpers import make_doc
from .texts import ARTICLE


def test_missing_fields_are_filled_and_marked_stated_ones_kept() -> None:
    orig = make_doc("a", ARTICLE, title="Own title")
    copy = make_doc(
        "b",
        ARTICLE,
        outlet="World Digest",
        byline="Jane Roe",
        title="Copy title",
        date=dt.date(2021, 3, 2),
        original_source="Valley Herald",
    )
    out = {d.id: d for d in propagate([copy, orig], "a")}
    a, b = out["a"], out["b"]
    assert a.title == "Own title" and "title" not in a.inherited  # never overwritten
    assert a.publication_date == dt.date(2021, 3, 2)
    assert a.date_source == INFERRED_DATE
    assert a.inherited["publication_date"] == "b"
    assert a.byline == "Jane Roe" and a.inherited["byline"] == "b"
    # the canonical's outlet comes from the copy's statement, never the copy's own outlet
    assert a.outlet == "Valley Herald" and a.inherited["outlet"] == "b"
    assert b.inherited == {} and b.outlet == "World Digest"
    assert {d.cluster_id for d in out.values()} == {"a"}
    assert {d.canonical_id for d in out.values()} == {"a"}
    assert orig.publication_date is None and orig.inherited == {}  # inputs untouched


def test_copies_inherit_from_the_canonical_first_but_never_its_outlet() -> None:
    orig = make_doc("z", ARTICLE, outlet="Valley Herald", title="T", date=dt.date(2021, 3, 5))
    other = make_doc("m", ARTICLE, title="Other", date=dt.date(2021, 3, 1))
    copy = make_doc("a", ARTICLE)
    out = {d.id: d for d in propagate([orig, other, copy], "z")}
    assert out["a"].publication_date == dt.date(2021, 3, 5)
    assert out["a"].inherited["publication_date"] == "z"
    assert out["a"].title == "T"
    assert out["a"].outlet is None
    assert out["z"].publication_date == dt.date(2021, 3, 5) and out["z"].date_source == "stated"


def test_canonical_without_a_date_takes_the_earliest_stated_one() -> None:
    orig = make_doc("a", ARTICLE)
    late = make_doc("b", ARTICLE, date=dt.date(2021, 3, 9))
    early = make_doc("c", ARTICLE, date=dt.date(2021, 3, 4))
    out = {d.id: d for d in propagate([orig, late, early], "a")}
    assert out["a"].publication_date == dt.date(2021, 3, 4)
    assert out["a"].inherited["publication_date"] == "c"


def test_inherited_values_do_not_travel_further() -> None:
    orig = make_doc("a", ARTICLE)
    first = propagate([orig, make_doc("b", ARTICLE, date=dt.date(2021, 3, 4))], "a")
    a = next(d for d in first if d.id == "a")
    again = propagate([a, make_doc("c", ARTICLE)], "a")
    c = next(d for d in again if d.id == "c")
    assert c.publication_date is None


def test_canonical_must_be_a_member() -> None:
    with pytest.raises(ValueError):
        propagate([make_doc("a", ARTICLE)], "b")
