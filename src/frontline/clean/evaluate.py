"""Score the cleaner on the synthetic benchmark (:mod:`frontline.clean.benchgen`).

Metrics (the trafilatura-style table in docs/clean.md):

* body start / body end — the first body paragraph starts (last one ends)
  exactly at the true offset; also "±1 line": off by at most one non-empty line;
* first comment — for documents with comments, the first predicted comment
  starts where the true one does; for documents without, no comment is
  predicted;
* comment count — exactly as many comments as the truth;
* boilerplate F1 — over non-whitespace characters labelled boilerplate;
* title / byline / date — the stated metadata found (where the header had it).
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass

from frontline.clean import clean_document
from frontline.clean.benchgen import BenchDoc, generate
from frontline.model import Document


@dataclass(slots=True)
class CleanScores:
    n: int
    body_start: float
    body_start_1line: float
    body_end: float
    body_end_1line: float
    first_comment: float
    comment_count: float
    boiler_p: float
    boiler_r: float
    boiler_f1: float
    title: float
    byline: float
    date: float
    docs_per_second: float

    def rows(self) -> list[tuple[str, str]]:
        pct = lambda x: f"{100 * x:.1f} %"  # noqa: E731
        return [
            ("documents", str(self.n)),
            ("body start exact", pct(self.body_start)),
            ("body start ±1 line", pct(self.body_start_1line)),
            ("body end exact", pct(self.body_end)),
            ("body end ±1 line", pct(self.body_end_1line)),
            ("first comment exact", pct(self.first_comment)),
            ("comment count exact", pct(self.comment_count)),
            ("boilerplate chars P / R / F1", f"{pct(self.boiler_p)} / {pct(self.boiler_r)} / {pct(self.boiler_f1)}"),
            ("title found", pct(self.title)),
            ("byline found", pct(self.byline)),
            ("date found", pct(self.date)),
            ("speed (docs/s, CPU time)", f"{self.docs_per_second:.0f}"),
        ]


def _line_starts(text: str) -> list[int]:
    """Start offsets of non-empty lines (for the ±1 line tolerance)."""
    starts, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().replace("*", " ").replace("#", " ").split())


def _chars(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if not text[i].isspace()}


def score(docs: list[BenchDoc]) -> CleanScores:
    """Clean every document and compare with its truth."""
    cleaned: list[Document] = []
    t0 = time.process_time()  # CPU time of this process: one core, unaffected by waiting
    for b in docs:
        cleaned.append(clean_document(Document(id=b.id, content_hash=b.id, source_path=b.id, text=b.text)))
    elapsed = time.process_time() - t0
    bs = bs1 = be = be1 = fc = cc = 0
    tp = fp = fn = 0
    t_ok = t_n = by_ok = by_n = d_ok = d_n = 0
    for b, d in zip(docs, cleaned, strict=True):
        starts = _line_starts(b.text)
        gold_body = b.of("body")
        pred_body = [p for p in d.paragraphs if p.label == "body"]
        if pred_body and gold_body:
            bs += pred_body[0].start == gold_body[0].start
            be += pred_body[-1].end == gold_body[-1].end
            bs1 += abs(_line_of(starts, pred_body[0].start) - _line_of(starts, gold_body[0].start)) <= 1
            be1 += abs(_line_of(starts, pred_body[-1].end - 1) - _line_of(starts, gold_body[-1].end - 1)) <= 1
        gold_c = b.of("comment")
        pred_c = [p for p in d.parts if p.kind == "comment"]
        if gold_c:
            fc += bool(pred_c) and pred_c[0].start == gold_c[0].start
        else:
            fc += not pred_c
        cc += len(pred_c) == len(gold_c)
        g = _chars(b.text, [(u.start, u.end) for u in b.of("boilerplate")])
        p = _chars(b.text, [(x.start, x.end) for x in d.parts if x.kind == "boilerplate"])
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        if b.title:
            t_n += 1
            t_ok += bool(d.title) and _norm(b.title) in _norm(d.title)
        if b.byline:
            by_n += 1
            by_ok += _norm(d.byline) == _norm(b.byline)
        if b.publication_date:
            d_n += 1
            d_ok += d.publication_date == b.publication_date
    n = len(docs)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return CleanScores(
        n=n,
        body_start=bs / n,
        body_start_1line=bs1 / n,
        body_end=be / n,
        body_end_1line=be1 / n,
        first_comment=fc / n,
        comment_count=cc / n,
        boiler_p=prec,
        boiler_r=rec,
        boiler_f1=2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        title=t_ok / t_n if t_n else 1.0,
        byline=by_ok / by_n if by_n else 1.0,
        date=d_ok / d_n if d_n else 1.0,
        docs_per_second=n / elapsed if elapsed > 0 else float("inf"),
    )


def evaluate(n: int = 300, seed: int = 0) -> CleanScores:
    """Generate ``n`` documents with ``seed`` and score them."""
    return score(generate(n, seed))
