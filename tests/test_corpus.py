"""Incremental corpus stages: clusters after many small runs equal one run over everything."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from frontline.runner import run_paths
from frontline.store import open_store
from frontline.store.schema import documents
from tests.dedup.texts import ARTICLE, OTHER_ARTICLE, SAME_TOPIC


def _texts() -> dict[str, str]:
    """Cuts, copies and round-ups of three unrelated articles (the shape that chained before)."""
    arts = [a.split("\n\n") for a in (ARTICLE, OTHER_ARTICLE, SAME_TOPIC)]
    out = {}
    for i, paras in enumerate(arts):
        out[f"o{i}"] = "\n\n".join(paras)
        out[f"c{i}"] = "\n\n".join(paras[:-1])
        out[f"k{i}"] = "\n\n".join(paras) + "\n\nShared by a reader."
    out["r01"] = "\n\n".join(arts[0] + arts[1])
    out["r12"] = "\n\n".join(arts[1][:2] + arts[2])
    return out


def _partition(url: str, name_of: dict[str, str]) -> set[frozenset[str]]:
    store = open_store(url)
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.source_path, documents.c.cluster_id)).all()
    groups: dict[str, set[str]] = {}
    for path, cid in rows:
        groups.setdefault(cid, set()).add(name_of[path])
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(3))
def test_clusters_of_batched_runs_equal_one_run(tmp_path, seed: int) -> None:
    texts = _texts()
    files = {}
    for name, text in texts.items():
        path = tmp_path / "in" / f"{name}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files[name] = path
    name_of = {str(p): n for n, p in files.items()}
    stages = ["clean"]
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    run_paths(open_store(whole), sorted(files.values()), stages=stages)
    expected = _partition(whole, name_of)
    assert len([g for g in expected if g & {"o0", "o1", "o2"}]) == 3  # the round-ups bridge nothing

    order = list(files.values())
    random.Random(seed).shuffle(order)
    batched = f"sqlite:///{tmp_path / 'batched.db'}"
    store = open_store(batched)
    for i in range(0, len(order), 3):
        run_paths(store, order[i : i + 3], stages=stages)
    assert _partition(batched, name_of) == expected
