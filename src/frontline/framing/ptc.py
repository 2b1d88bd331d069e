"""The propaganda corpus (PTC, SemEval-2020 Task 11) and its fixed train/held-out split.

The split is by a hash of the article id, not by file order or a random
seed, so it is stable whatever the order or subset of the file and whoever
runs it: training (``scripts/train_framing.py``) and evaluation
(``frontline eval framing``) agree without sharing state.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from frontline.paths import eval_dir

PTC_FILE = "ptc_semeval2020_task11_train.jsonl"

#: The 14 technique names of the task, exactly as the corpus spells them.
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)


@dataclass(slots=True)
class Article:
    article_id: str
    text: str
    si_spans: list[tuple[int, int]]
    tc_spans: list[tuple[int, int, str]]


def split_of(article_id: str, held_out_percent: int = 20) -> str:
    """``"train"`` or ``"heldout"``: SHA-1 of the id modulo 100, below the cut is held out."""
    h = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 100
    return "heldout" if h < held_out_percent else "train"


def load_articles(split: str | None = None, path: Path | None = None) -> list[Article]:
    """Articles of one split (``"train"``/``"heldout"``) or all (``None``)."""
    path = path or eval_dir() / PTC_FILE
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            aid = str(row["article_id"])
            if split is not None and split_of(aid) != split:
                continue
            out.append(
                Article(
                    aid,
                    row["text"],
                    [(s["start"], s["end"]) for s in row["si_spans"]],
                    [(s["start"], s["end"], s["technique"]) for s in row["spans"]],
                )
            )
    return out
