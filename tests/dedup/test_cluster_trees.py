"""Clusters are trees of republications: round-ups never bridge two articles, cuts still chain."""

from __future__ import annotations

import random

import pytest

from frontline.dedup import dedup_corpus
from frontline.dedup.cluster import cluster
from frontline.dedup.index import Link

from .helpers import make_doc
from .texts import ARTICLE, OTHER_ARTICLE, SAME_TOPIC


def _paras(text: str) -> list[str]:
    return text.split("\n\n")


def _partition(cluster_of: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc_id, cid in cluster_of.items():
        groups.setdefault(cid, set()).add(doc_id)
    return {frozenset(g) for g in groups.values()}


def test_round_up_of_two_articles_does_not_join_them() -> None:
    a = make_doc("a", ARTICLE)
    b = make_doc("b", OTHER_ARTICLE)
    r = make_doc("r", ARTICLE + "\n\n" + OTHER_ARTICLE)
    result = dedup_corpus([a, b, r])
    kinds = {(lk.src_id, lk.dst_id): lk.kind for lk in result.similarity}
    assert kinds.get(("r", "a")) == "republishes" and kinds.get(("r", "b")) == "republishes"
    by_id = {d.id: d for d in result.documents}
    assert by_id["a"].cluster_id != by_id["b"].cluster_id
    assert by_id["r"].cluster_id in {by_id["a"].cluster_id, by_id["b"].cluster_id}


def test_a_chain_of_prefix_cuts_stays_one_cluster() -> None:
    paras = _paras(ARTICLE)
    docs = [make_doc(f"cut{n}", "\n\n".join(paras[:n])) for n in range(2, len(paras) + 1)]
    result = dedup_corpus(docs)
    assert len({d.cluster_id for d in result.documents}) == 1


def _corpus() -> list:
    """Cuts, copies and round-ups of three unrelated articles."""
    arts = [_paras(ARTICLE), _paras(OTHER_ARTICLE), _paras(SAME_TOPIC)]
    docs = []
    for i, paras in enumerate(arts):
        docs.append(make_doc(f"o{i}", "\n\n".join(paras)))
        docs.append(make_doc(f"c{i}", "\n\n".join(paras[: max(1, len(paras) - 1)])))
        docs.append(make_doc(f"k{i}", "\n\n".join(paras)))
    docs.append(make_doc("r01", "\n\n".join(arts[0] + arts[1])))
    docs.append(make_doc("r12", "\n\n".join(arts[1][:2] + arts[2])))
    return docs


@pytest.mark.parametrize("seed", range(6))
def test_clusters_do_not_depend_on_arrival_order(seed: int) -> None:
    docs = _corpus()
    expected = _partition({d.id: d.cluster_id for d in dedup_corpus(docs).documents})
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    got = _partition({d.id: d.cluster_id for d in dedup_corpus(shuffled).documents})
    assert got == expected
    # The three articles stay apart although two round-ups touch all of them.
    assert len({frozenset(g) & {"o0", "o1", "o2"} for g in expected if g & {"o0", "o1", "o2"}}) == 3


def _rep(src: str, dst: str, sizes: tuple[int, int], jaccard: float) -> Link:
    evidence = {"shingles": list(sizes), "jaccard": jaccard, "containment": 1.0}
    return Link(src, dst, "republishes", max(jaccard, 1.0), evidence)


def test_each_document_hangs_under_its_closest_shorter_partner() -> None:
    links = [
        _rep("r", "a", (200, 100), 0.50),
        _rep("r", "b", (200, 95), 0.47),
        _rep("r2", "r", (201, 200), 0.99),  # a copy of the round-up follows the round-up
    ]
    got = cluster(links, ["a", "b", "r", "r2"])
    assert got == {"a": "a", "r": "a", "r2": "a", "b": "b"}


def test_links_without_sizes_still_join_their_ends() -> None:
    assert cluster([Link("b", "a", "republishes", 0.9)], ["a", "b"]) == {"a": "a", "b": "a"}
