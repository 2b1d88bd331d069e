"""The CASE 2021 Task 2 snippets (subtask 1: the 25 ACLED labels) and frontline's split.

The shared file is already the organisers' 70 % part; we split it again,
stratified by label with a fixed seed, into TRAIN (used to fit the learned
classifier and to adjust rule weights) and HELD-OUT (only ever scored).  The
split is a pure function of the file so the training script and
``frontline eval classify`` always agree.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from frontline.events.typology import case_label_map
from frontline.paths import eval_dir

SPLIT_SEED = 7
HELD_OUT_FRACTION = 0.3


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    label: str  # ACLED sub-event name


def case_path() -> Path:
    return eval_dir() / "case2021_task2.jsonl"


def load_case(path: Path | None = None) -> list[Snippet]:
    """Subtask-1 items (``label_set == "ACLED"``) with labels mapped to ACLED names."""
    mapping = case_label_map()
    items: list[Snippet] = []
    with (path or case_path()).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("label_set") == "ACLED":
                items.append(Snippet(row["id"], row["text"], mapping[row["label"]]))
    return items


def split_case(items: list[Snippet]) -> tuple[list[Snippet], list[Snippet]]:
    """(train, held_out): per label, a fresh ``Random(SPLIT_SEED)`` shuffle, 30 % held out."""
    by_label: dict[str, list[Snippet]] = {}
    for it in items:
        by_label.setdefault(it.label, []).append(it)
    held: set[str] = set()
    for label in sorted(by_label):
        group = by_label[label]
        idx = list(range(len(group)))
        random.Random(SPLIT_SEED).shuffle(idx)
        held.update(group[i].id for i in idx[: round(HELD_OUT_FRACTION * len(group))])
    return [i for i in items if i.id not in held], [i for i in items if i.id in held]
