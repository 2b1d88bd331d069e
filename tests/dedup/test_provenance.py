import datetime as dt
import itertools

from frontline.dedup.provenance import choose_original

from .helpers import make_doc
from .texts import ARTICLE

D1, D2, D3 = dt.date(2021, 3, 1), dt.date(2021, 3, 2), dt.date(2021, 3, 5)


def choose_all_orders(docs):
    results = {choose_original(list(p))[0] for p in itertools.permutations(docs)}
    assert len(results) == 1, "the choice must not depend on member order"
    return results.pop()


def test_statement_naming_a_members_outlet_wins_over_dates() -> None:
    orig = make_doc("z-orig", ARTICLE, outlet="Valley Herald", date=D3)
    copy = make_doc("a-copy", ARTICLE, outlet="World Digest", date=D1, original_source="Valley Herald")
    canonical, edges = choose_original([copy, orig])
    assert canonical == "z-orig" == choose_all_orders([copy, orig])
    (edge,) = edges
    assert (edge.src_id, edge.dst_id, edge.kind) == ("a-copy", "z-orig", "republishes")
    s, e = edge.evidence["field_span"]
    assert copy.text[s:e] == "Valley Herald"


def test_statement_excludes_the_stater_even_when_the_original_has_no_outlet() -> None:
    orig = make_doc("b-orig", ARTICLE)  # no outlet, no date, no title
    copy = make_doc(
        "a-copy",
        ARTICLE,
        outlet="World Digest",
        byline="Valley Herald",
        date=D2,
        title="A headline",
        original_source="Valley Herald",
    )
    assert choose_all_orders([orig, copy]) == "b-orig"
    _, edges = choose_original([orig, copy])
    assert edges[0].evidence["rule"] == "original-source-statement"


def test_a_statement_naming_oneself_is_not_a_republication_claim() -> None:
    own = make_doc("b", ARTICLE, outlet="Valley Herald", date=D2, original_source="valleyherald.com")
    other = make_doc("a", ARTICLE, outlet="World Digest", date=D1)
    assert choose_all_orders([own, other]) == "a"  # falls through to the earliest date


def test_earliest_date_then_named_outlet_then_tie_break() -> None:
    early = make_doc("c", ARTICLE, outlet="One", date=D1)
    late = make_doc("a", ARTICLE, outlet="Two", date=D3)
    assert choose_all_orders([early, late]) == "c"
    _, edges = choose_original([early, late])
    assert edges[0].evidence["rule"] == "earliest-date"

    named = make_doc("c", ARTICLE, outlet="Valley Herald")
    unnamed = make_doc("a", ARTICLE, outlet="Two")
    stater = make_doc("b", ARTICLE, outlet="Three", original_source="Someone Else")
    assert choose_all_orders([named, unnamed, stater]) in {"a", "c"}
    namer = make_doc("b", ARTICLE, outlet="Three", original_source="Valley Herald")
    assert choose_all_orders([named, unnamed, namer]) == "c"

    short = make_doc("a", ARTICLE[: len(ARTICLE) // 2])
    full = make_doc("b", ARTICLE)
    assert choose_all_orders([short, full]) == "b"  # the fuller text when nothing else decides


def test_chains_keep_their_direction() -> None:
    orig = make_doc("a", ARTICLE, outlet="Valley Herald", date=D1)
    mid = make_doc("b", ARTICLE, outlet="World Digest", date=D2, original_source="Valley Herald")
    last = make_doc("c", ARTICLE, outlet="Blog", date=D3, original_source="World Digest")
    canonical, edges = choose_original([last, mid, orig])
    assert canonical == "a"
    assert {(e.src_id, e.dst_id) for e in edges} == {("b", "a"), ("c", "b")}


def test_singletons_have_no_edges() -> None:
    assert choose_original([make_doc("x", ARTICLE)]) == ("x", [])
