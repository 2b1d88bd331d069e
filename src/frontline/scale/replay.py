"""A stand-in per-document stage that replays recorded analyses, to time everything else.

The end-to-end cost of ``frontline run`` is the stages plus the work around
them (reading and decoding inputs, building rows, SQLite writes, dedup
signatures, the event merge).  To measure and profile the second part alone,
the stages are run once and their output pickled per content hash; a run
then uses :func:`replay_document` as its only stage, which costs one
``pickle.loads`` (timed and reported separately, so it can be subtracted).
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Sequence
from pathlib import Path

from frontline import pipeline
from frontline.model import Document, RawDocument

_RECORDED: dict[str, bytes] = {}
#: CPU seconds spent inside :func:`replay_document` (the stand-in's own cost).
REPLAY_SECONDS = [0.0]

STAGE = pipeline.Stage("replay", "frontline.scale.replay:replay_document", ("text",), tuple(
    f for s in pipeline.PER_DOCUMENT for f in s.assigns
))


def record(corpus: Path, out: Path, stages: Sequence[str] | None = None) -> int:
    """Run the real stages over ``corpus`` once and pickle each result by content hash."""
    from frontline.ingest import read_inputs, to_document
    from frontline.runner import analyse

    chain = pipeline.select(stages)
    recorded = {}
    for raw in read_inputs([corpus]):
        if isinstance(raw, RawDocument) and raw.content_hash not in recorded:
            doc, _ = analyse(to_document(raw), chain)
            recorded[raw.content_hash] = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    out.write_bytes(pickle.dumps(recorded, protocol=pickle.HIGHEST_PROTOCOL))
    return len(recorded)


def load(path: Path) -> None:
    """Make the recorded analyses available to :func:`replay_document` in this process."""
    _RECORDED.clear()
    _RECORDED.update(pickle.loads(path.read_bytes()))


def replay_document(doc: Document) -> Document:
    """The recorded analysis of this document (unchanged if none was recorded)."""
    c0 = time.process_time()
    blob = _RECORDED.get(doc.content_hash)
    out = pickle.loads(blob) if blob is not None else doc
    REPLAY_SECONDS[0] += time.process_time() - c0
    return out
