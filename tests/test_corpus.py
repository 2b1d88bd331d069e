"""Incremental corpus stages: clusters after many small runs equal one run over everything."""

from __future__ import annotations

import datetime as dt
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
    return {frozenset(name_of[p] for p in paths) for paths in _clusters(url, documents.c.source_path).values()}


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


def _store_state(url: str) -> tuple[list[tuple], list[tuple]]:
    import json

    from frontline.store.schema import doc_links

    store = open_store(url)
    with store.engine.connect() as conn:
        docs = sorted(
            tuple(r) for r in conn.execute(select(documents.c.source_path, documents.c.cluster_id, documents.c.canonical_id, documents.c.publication_date))
        )
        path = dict(conn.execute(select(documents.c.id, documents.c.source_path)).all())
        links = sorted(
            (path[r.src_id], path[r.dst_id], r.kind, r.score, json.dumps(r.evidence, sort_keys=True))
            for r in conn.execute(select(doc_links))
        )
    return docs, links


def _run_in_two(url: str, files: list) -> None:
    store = open_store(url)
    run_paths(store, files[: len(files) // 2], stages=["clean"])
    run_paths(store, files[len(files) // 2 :], stages=["clean"])


def test_small_chunks_give_the_one_chunk_result_and_stay_small(tmp_path, monkeypatch) -> None:
    """Quotations connect clusters across chunks; chunking must change nothing and bound what is loaded.

    Two runs, so the second re-resolves clusters next to stored links whose
    source is not re-resolved (the case where a chunk must drop rows it does not own).
    """
    from frontline import corpus
    from frontline.scale.corpus import write_corpus
    from frontline.store import Store

    files = sorted(p for p in write_corpus(tmp_path / "corpus", 90, seed=7).rglob("*") if p.is_file() and not p.name.startswith("."))
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    _run_in_two(whole, files)
    expected = _store_state(whole)
    assert [x for x in expected[1] if x[2] == "quotes"], "the corpus must quote across clusters for this test to mean anything"

    limit = 6
    monkeypatch.setattr(corpus, "CHUNK_DOCS", limit)
    loaded: list[int] = []
    real = Store.load_documents

    def spy(self, ids=None, **kw):
        loaded.append(len(ids) if ids is not None else -1)
        return real(self, ids, **kw)

    monkeypatch.setattr(Store, "load_documents", spy)
    chunked = f"sqlite:///{tmp_path / 'chunked.db'}"
    _run_in_two(chunked, files)
    assert _store_state(chunked) == expected
    largest = max(len(g) for g in _clusters(chunked).values())
    assert 0 < max(loaded) <= max(limit, largest)


def _clusters(url: str, member=documents.c.id) -> dict[str, list[str]]:
    """Cluster id → the ``member`` column of its documents."""
    store = open_store(url)
    with store.engine.connect() as conn:
        out: dict[str, list[str]] = {}
        for value, cid in conn.execute(select(member, documents.c.cluster_id)):
            out.setdefault(cid, []).append(value)
    return out


def test_two_runs_store_what_one_run_stores(tmp_path) -> None:
    """Metadata and provenance do not depend on arrival order (values inherited in the first run
    must not feed the second run's choice of original); a quotation's direction is its arrival order."""
    from frontline.scale.corpus import write_corpus

    def unordered(state: tuple[list[tuple], list[tuple]]) -> tuple[list[tuple], set[tuple]]:
        docs, links = state
        return docs, {(frozenset(x[:2]), x[2], x[3]) if x[2] == "quotes" else x for x in links}

    files = sorted(p for p in write_corpus(tmp_path / "corpus", 90, seed=11).rglob("*") if p.is_file() and not p.name.startswith("."))
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    run_paths(open_store(whole), files, stages=["clean"])
    batched = f"sqlite:///{tmp_path / 'batched.db'}"
    _run_in_two(batched, files)
    assert unordered(_store_state(batched)) == unordered(_store_state(whole))


def test_a_failed_corpus_stage_is_finished_by_the_next_run(tmp_path, monkeypatch) -> None:
    """A document counts as done by the corpus stages only once its signature is stored, and that
    is the last write: after a crash or an error in dedup or the merge, the next run redoes them."""
    import frontline.dedup as dedup

    texts = _texts()
    files = []
    for name, text in texts.items():
        path = tmp_path / "in" / f"{name}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    name_of = {str(p): p.stem for p in files}
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    run_paths(open_store(whole), files, stages=["clean"])

    url = f"sqlite:///{tmp_path / 'failed.db'}"

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    with monkeypatch.context() as m:
        m.setattr(dedup, "resolve_clusters", broken)
        report = run_paths(open_store(url), files, stages=["clean"])
    assert "dedup_error" in report.corpus
    store = open_store(url)
    assert len(store.ids_without_signature()) == len(files)
    run_paths(store, [], stages=["clean"])  # nothing new: only the unfinished corpus stages
    assert store.ids_without_signature() == []
    assert _partition(url, name_of) == _partition(whole, name_of)


def test_an_undated_report_gets_an_estimated_date_until_a_republication_states_one(tmp_path) -> None:
    """The store's stated dates give the year of "March 5"; a dated copy arriving later replaces the estimate."""
    dated = "Valley Courier, March 1, 2021\n\n" + "Artillery hit the northern dam on February 27, residents said. " * 3
    undated_body = (
        "Militia fighters captured the hill above the town on March 5 after two days of fighting. "
        "During the last few days, the army moved tanks to the river crossing near the old mill. "
        "Residents of the villages along the road fled towards the coast, aid workers said."
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(dated, encoding="utf-8")
    (folder / "b.txt").write_text(undated_body, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = open_store(url)
    run_paths(store, [folder / "a.txt", folder / "b.txt"])
    b = next(d for d in store.load_documents() if d.source_path.endswith("b.txt"))
    assert (b.publication_date, b.date_source) == (dt.date(2021, 3, 5), "inferred-from-text")
    span = b.field_spans["publication_date"]
    assert b.text[span.start : span.end] == "March 5"
    assert b.events and all("publication-date-estimated" in e.tags for e in b.events)

    (folder / "c.txt").write_text("Valley Courier, March 6, 2021\n\n" + undated_body, encoding="utf-8")
    run_paths(store, [folder / "c.txt"])
    b = next(d for d in store.load_documents() if d.source_path.endswith("b.txt"))
    assert (b.publication_date, b.date_source) == (dt.date(2021, 3, 6), "inferred-from-republication")
    assert "publication_date" not in b.field_spans
    assert not any("publication-date-estimated" in e.tags for e in b.events)
