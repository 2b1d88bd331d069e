"""Looking names and donors up (large clusters) gives the answers of the pairwise comparisons."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from frontline.dedup.propagate import ARTICLE_FIELDS, _donor, _ranked
from frontline.dedup.provenance import choose_original, name_index, named_members

from .helpers import make_doc
from .texts import ARTICLE

NAMES = ["Valley Herald", "valleyherald.com", "The Valley Herald", "North Star", "northstar.org", "Jane Roe", "World Digest", None]


def _members(seed: int, n: int = 60) -> list:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        d = make_doc(
            f"d{i:03d}",
            ARTICLE,
            outlet=rng.choice(NAMES),
            byline=rng.choice(NAMES),
            title=rng.choice(["T1", None, None]),
            date=rng.choice([None, dt.date(2021, 3, 1 + rng.randrange(5))]),
            original_source=rng.choice(NAMES),
        )
        if rng.random() < 0.2:
            d.inherited["outlet"] = "x"  # an inherited outlet is not a name the document can be cited by
        docs.append(d)
    return docs


@pytest.mark.parametrize("seed", range(5))
def test_indexed_named_members_equal_the_pairwise_scan(seed: int) -> None:
    members = _members(seed)
    index = name_index(members)
    for doc in members:
        assert [m.id for m in named_members(doc, members, index)] == [m.id for m in named_members(doc, members)]


@pytest.mark.parametrize("seed", range(5))
def test_ranked_donors_equal_the_scan(seed: int) -> None:
    members = _members(seed)
    ranked = _ranked(members)
    canonical_id, _edges = choose_original(members)
    canonical = next(m for m in members if m.id == canonical_id)
    for receiver in members:
        for field in ARTICLE_FIELDS:
            expected = _donor(field, members, canonical, receiver)
            got = _donor(field, members, canonical, receiver, ranked)
            assert (got.id if got else None) == (expected.id if expected else None)
