"""The benchmark's honest baseline: a small statistical NER model plus a fuzzy gazetteer lookup.

Issue #10 compares frontline with "spaCy small-model NER + fuzzy gazetteer
lookup".  The official ``en_core_web_sm`` weights are not on PyPI (only
unofficial re-uploads, which we do not use), so the benchmark's setup step
trains a pipeline with the same NER architecture ``spacy init config
--pipeline ner --optimize efficiency`` produces (tok2vec: hash embeddings +
maxout window CNN, width 96, depth 4; transition-based NER) on the shared
geoparsing/NER sets (LGL, GeoWebNews, TR-News toponym spans; re3d entities).
Its *speed* is what the benchmark needs, and speed depends on the
architecture, not on how good the weights are; the F-score on a held-back
tenth is still recorded so nobody mistakes it for a toy.

The model is cached under ``benchmarks/.cache`` (gitignored) and rebuilt only
when missing.  Nothing here runs outside ``frontline bench``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontline.paths import shared_dir

#: Where the trained model lives (relative to the repository root).
CACHE = Path(__file__).resolve().parents[3] / "benchmarks" / ".cache"
MODEL_DIR = CACHE / "baseline-ner"

#: re3d entity types → the labels the baseline predicts (others are dropped).
RE3D_LABELS = {"Location": "LOC", "Organisation": "ORG", "Person": "PER", "Nationality": "NORP"}
#: GeoWebNews annotation types that are toponyms proper.
GWN_TOPONYM = "is_toponym"


def _spans(name: str, row: dict[str, Any]) -> list[tuple[int, int, str]]:
    if name == "re3d":
        return [(e["start"], e["end"], RE3D_LABELS[e["type"]]) for e in row.get("entities", []) if e["type"] in RE3D_LABELS]
    spans = []
    for t in row.get("toponyms", []):
        if name == "geowebnews" and not t.get(GWN_TOPONYM):
            continue
        spans.append((t["start"], t["end"], "LOC"))
    return spans


def training_rows(seed: int = 20261123) -> tuple[list[tuple[str, list[tuple[int, int, str]]]], list[tuple[str, list[tuple[int, int, str]]]]]:
    """(train, dev): every article of the four sets with its spans; a seeded tenth is dev."""
    rows = []
    for name in ("lgl", "geowebnews", "trnews", "re3d"):
        path = shared_dir() / "data" / "eval" / f"{name}.jsonl"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                rows.append((row["text"], _spans(name, row)))
    rng = random.Random(seed)
    rng.shuffle(rows)
    cut = max(1, len(rows) // 10)
    return rows[cut:], rows[:cut]


def _docs(nlp: Any, rows: list[tuple[str, list[tuple[int, int, str]]]]) -> Iterator[Any]:
    from spacy.util import filter_spans

    for text, spans in rows:
        doc = nlp.make_doc(text)
        ents = [s for s in (doc.char_span(a, b, label=lab, alignment_mode="contract") for a, b, lab in spans) if s is not None]
        doc.ents = filter_spans(ents)
        yield doc


def train(model_dir: Path = MODEL_DIR, *, epochs: int = 4, log: Any = print) -> Path:
    """Train the baseline NER model into ``model_dir`` (a few minutes on two cores)."""
    import spacy
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    work = model_dir.parent / "baseline-train"
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    train_rows, dev_rows = training_rows()
    for name, rows in (("train", train_rows), ("dev", dev_rows)):
        DocBin(docs=list(_docs(nlp, rows))).to_disk(work / f"{name}.spacy")
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
    config_path = work / "config.cfg"
    config.to_disk(config_path)
    log(f"baseline: training NER ({len(train_rows)} train / {len(dev_rows)} dev documents, {epochs} epochs)…")
    spacy_train(
        config_path,
        work / "out",
        overrides={
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "training.max_epochs": epochs,
            "training.max_steps": 0,
            "training.eval_frequency": 400,
        },
    )
    best = work / "out" / "model-last"
    if model_dir.exists():
        import shutil

        shutil.rmtree(model_dir)
    best.rename(model_dir)
    return model_dir


def ensure_model(model_dir: Path = MODEL_DIR, *, log: Any = print) -> Path:
    """The cached model, trained first if it is missing (the benchmark's setup step)."""
    if not (model_dir / "meta.json").exists():
        train(model_dir, log=log)
    return model_dir


def model_scores(model_dir: Path = MODEL_DIR) -> dict[str, Any]:
    """The dev-set entity F-score spaCy recorded while training (for the report)."""
    try:
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    perf = meta.get("performance", {})
    return {k: round(float(v), 3) for k, v in perf.items() if k in ("ents_f", "ents_p", "ents_r")}


if __name__ == "__main__":
    ensure_model()
    print(json.dumps(model_scores()))
