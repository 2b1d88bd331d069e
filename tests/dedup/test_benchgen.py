import itertools
import zlib

from frontline.dedup.benchgen import (
    TRANSFORMS,
    drop_natural_duplicates,
    generate,
    load_originals,
    paragraphs,
    split_of,
)
from frontline.dedup.signature import Signature


def test_originals_come_from_fakes_with_dup_groups_collapsed(eval_path) -> None:
    originals = load_originals(eval_path / "fakes.jsonl")
    assert originals and all(o.id.startswith("fakes-") for o in originals)
    assert len({o.id for o in originals}) == len(originals)


def test_natural_duplicates_are_dropped(eval_path) -> None:
    originals = load_originals(eval_path / "fakes.jsonl")[:150]
    kept = drop_natural_duplicates(originals)
    sigs = [Signature.from_text(o.text) for o in kept]
    for i, a in enumerate(sigs):
        for b in sigs[:i]:
            assert a.intersection(b) < 0.5 * min(len(a), len(b))


def test_splits_are_disjoint_and_stable() -> None:
    ids = [f"fakes-{i:03d}" for i in range(200)]
    train = {i for i in ids if split_of(i) == "train"}
    assert 60 < len(train) < 140
    assert all(split_of(i) == ("train" if zlib.crc32(i.encode()) % 2 == 0 else "test") for i in ids)


def test_generated_documents_are_well_formed(eval_path) -> None:
    originals = drop_natural_duplicates(load_originals(eval_path / "fakes.jsonl")[:120])
    bench = generate("train", originals=originals, seed=3)
    again = generate("train", originals=originals, seed=3)
    assert [d.text for d in bench.documents] == [d.text for d in again.documents]  # reproducible
    assert all(
        split_of(bench.gold_cluster[d.id].split("-r")[0]) == "train"
        for d in bench.documents
        if "-q" not in d.id
    )
    used = {k for kinds in bench.transforms.values() for k in kinds}
    assert set(TRANSFORMS) <= used
    for doc in bench.documents:
        ends = sorted((p.start, p.end) for p in doc.parts)
        assert all(0 <= s < e <= len(doc.text) for s, e in ends)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))  # parts never overlap
    for quoting, quoted in bench.gold_quotes:
        assert bench.gold_cluster[quoting] != bench.gold_cluster[quoted]


def test_paragraphs_keep_every_sentence() -> None:
    text = "One thing happened. Then another! Was it a third? Yes. And a fifth."
    paras = paragraphs(text, per_paragraph=2)
    assert len(paras) == 3
    assert " ".join(paras).split() == text.split()
