import itertools

from frontline.dedup.cluster import cluster, independent_sources, independent_sources_with_quotes
from frontline.dedup.index import Link

LINKS = [
    Link("b", "a", "republishes", 0.9),
    Link("c", "b", "republishes", 0.8),
    Link("d", "a", "quotes", 0.2),
    {"src_id": "f", "dst_id": "e", "kind": "republishes", "score": 0.9, "evidence": {}},
]


def test_only_republications_join_clusters_and_ids_are_deterministic() -> None:
    ids = ["a", "b", "c", "d", "e", "f", "g"]
    expected = {"a": "a", "b": "a", "c": "a", "d": "d", "e": "e", "f": "e", "g": "g"}
    for order in itertools.permutations(LINKS):
        assert cluster(order, reversed(ids)) == expected


def test_independent_sources_count_republications_once() -> None:
    cluster_of = cluster(LINKS, "abcdefg")
    assert independent_sources(["a", "b", "c"], cluster_of) == 1
    assert independent_sources(["a", "b", "d", "e", "f"], cluster_of) == 3
    assert independent_sources(["x", "y"], cluster_of) == 2  # unknown documents are their own origin
    assert independent_sources([], cluster_of) == 0


def test_quotes_can_be_counted_as_dependent_on_request() -> None:
    cluster_of = cluster(LINKS, "abcdefg")
    assert independent_sources(["a", "d"], cluster_of) == 2
    assert independent_sources_with_quotes(["a", "d"], cluster_of, LINKS) == 1
    # a quote link to a document outside the set does not merge anything
    assert independent_sources_with_quotes(["d", "g"], cluster_of, LINKS) == 2
