"""A republication benchmark generated from real Syrian-war articles.

Source: FA-KES (``fakes.jsonl`` in the evaluation folder), never the bundled
examples.  FA-KES already holds republications: its ``dup_group`` duplicates
and, beyond them, wire stories carried by several outlets.  Those would be
unlabelled positives, so the originals are first thinned: one article per
``dup_group``, then greedily no article whose body is at least
``natural_dup_containment`` contained in (or contains) an article already
kept.  Pairs below that overlap (outlets re-using a background paragraph)
stay in as natural hard negatives.

Each original then gets 1-3 republications, each combining 2-3 of:
added/removed boilerplate (half of the time left *inside* the body, as if
cleaning had missed it), a new title, typos, paragraph reordering,
truncation to the first half, light edits.  Distractors:

* **quote-only**: a *host* article (reserved, never an original, each used
  once) with one paragraph of an original of at least three paragraphs
  inserted — gold: ``quotes``, not a republication;
* **same-topic**: every other original, many of the same outlet and week.

Originals are split into ``train`` and ``test`` by a stable hash of their id,
so thresholds are tuned on one half and reported on the other.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.dedup.signature import Signature
from frontline.model import Document, Part
from frontline.paths import PACKAGE_DATA, eval_dir

TRANSFORMS = ("boilerplate", "new_title", "typos", "reorder", "truncate", "light_edits")
BOILERPLATE_FILE = PACKAGE_DATA / "dedup" / "bench_boilerplate.yaml"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")


@dataclass(slots=True)
class Original:
    """One real article used as an original."""

    id: str
    outlet: str
    date: dt.date | None
    title: str
    text: str


@dataclass(slots=True)
class Benchmark:
    """Documents with their gold structure."""

    documents: list[Document]
    #: document id → gold cluster (the original's id).
    gold_cluster: dict[str, str]
    #: gold quotation pairs (quoting doc id, quoted original id).
    gold_quotes: set[tuple[str, str]] = field(default_factory=set)
    #: document id → transformations applied (empty for originals).
    transforms: dict[str, list[str]] = field(default_factory=dict)
    #: how many original pairs share outlet and ISO week (same-topic distractors).
    same_outlet_week_pairs: int = 0


@lru_cache(maxsize=1)
def _boilerplate() -> dict[str, list[str]]:
    with BOILERPLATE_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_originals(path: Path | None = None, min_words: int = 120) -> list[Original]:
    """FA-KES articles, one per ``dup_group``, with at least ``min_words`` words."""
    path = path or eval_dir() / "fakes.jsonl"
    seen: set[str] = set()
    out: list[Original] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if row["dup_group"] in seen or len(row["text"].split()) < min_words:
                continue
            seen.add(row["dup_group"])
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            out.append(Original(row["id"], row["source"], date, row.get("title") or "", row["text"]))
    return out


def drop_natural_duplicates(originals: list[Original], max_containment: float = 0.5) -> list[Original]:
    """Keep an article only if no kept one shares ``max_containment`` of either text.

    Candidates come from the dedup index itself (LSH + anchors), then the
    exact shingle overlap decides, so this is fast and exact on candidates.
    """
    from frontline.dedup.index import DedupIndex

    index = DedupIndex()
    kept: list[Original] = []
    for orig in originals:
        sig = Signature.from_text(orig.text)
        others = [s for _, s in index.candidate_signatures(sig)]
        if all(sig.intersection(s) < max_containment * min(len(sig), len(s)) for s in others):
            index.add(orig.id, sig)
            kept.append(orig)
    return kept


@lru_cache(maxsize=1)
def default_originals() -> tuple[Original, ...]:
    """The thinned FA-KES originals (cached: every split and command uses them)."""
    return tuple(drop_natural_duplicates(load_originals()))


def split_of(original_id: str) -> str:
    """``train`` or ``test``: a stable 50/50 hash split."""
    return "train" if zlib.crc32(original_id.encode()) % 2 == 0 else "test"


def paragraphs(text: str, per_paragraph: int = 3) -> list[str]:
    """FA-KES texts have no line breaks: group sentences into paragraphs."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    return [" ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)]


# -- transformations ----------------------------------------------------------------
def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "double", "replace"))
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]


def add_typos(paras: list[str], rng: random.Random, rate: float) -> list[str]:
    return [" ".join(_typo(w, rng) if rng.random() < rate else w for w in p.split(" ")) for p in paras]


def light_edits(paras: list[str], rng: random.Random) -> list[str]:
    """Drop a sentence, replace a few words, add an attribution sentence."""
    out = list(paras)
    if len(out) > 2:
        i = rng.randrange(len(out))
        sents = _SENTENCE_END.split(out[i])
        if len(sents) > 1:
            sents.pop(rng.randrange(len(sents)))
            out[i] = " ".join(sents)
    swaps = {
        "said": "stated",
        "killed": "left dead",
        "attack": "assault",
        "forces": "troops",
        "area": "region",
    }
    out = [" ".join(swaps.get(w, w) if rng.random() < 0.5 else w for w in p.split(" ")) for p in out]
    out.insert(rng.randrange(len(out) + 1), "Local sources confirmed the report on the same day.")
    return out


def republish(orig: Original, rng: random.Random, kinds: list[str]) -> tuple[str, list[Part], str]:
    """Apply ``kinds`` to an original: (text, parts, title)."""
    paras = paragraphs(orig.text)
    title = orig.title
    if "truncate" in kinds:
        paras = paras[: max(1, (len(paras) + 1) // 2)]
    if "reorder" in kinds:
        rng.shuffle(paras)
    if "light_edits" in kinds:
        paras = light_edits(paras, rng)
    if "typos" in kinds:
        paras = add_typos(paras, rng, rate=rng.uniform(0.01, 0.04))
    if "new_title" in kinds:
        title = rng.choice(_boilerplate()["new_titles"])
    header = footer = ""
    if "boilerplate" in kinds:
        bp = _boilerplate()
        header = rng.choice(bp["headers"]) if rng.random() < 0.5 else ""
        footer = rng.choice(bp["footers"])
    missed = "boilerplate" in kinds and rng.random() < 0.5
    return _assemble(title, header, "\n\n".join(paras), footer, missed)


def _assemble(title: str, header: str, body: str, footer: str, missed: bool) -> tuple[str, list[Part], str]:
    """Lay out title/header/body/footer and mark the parts as a cleaner would."""
    text, parts = "", []

    def put(kind: str, chunk: str) -> None:
        nonlocal text
        if not chunk:
            return
        if text:
            text += "\n\n"
        parts.append(Part(kind, len(text), len(text) + len(chunk)))
        text += chunk

    put("title", title)
    put("body" if missed else "boilerplate", header)
    put("body", body)
    put("body" if missed else "boilerplate", footer)
    return text, parts, title


def _document(
    doc_id: str, text: str, parts: list[Part], title: str, outlet: str, date: dt.date | None
) -> Document:
    return Document(
        id=doc_id,
        content_hash=f"{zlib.crc32(text.encode()):08x}",
        source_path=f"bench:{doc_id}",
        text=text,
        title=title or None,
        outlet=outlet,
        publication_date=date,
        parts=parts,
    )


def generate(
    split: str = "test",
    n_originals: int | None = None,
    seed: int = 7,
    originals: list[Original] | None = None,
    quote_share: float = 0.4,
    host_share: float = 0.2,
) -> Benchmark:
    """Build the benchmark for one split (``train``, ``test`` or ``all``)."""
    if split not in ("train", "test", "all"):
        raise ValueError(f"split must be train, test or all, not {split!r}")
    rng = random.Random(f"{seed}-{split}")
    pool = list(originals) if originals is not None else list(default_originals())
    pool = [o for o in pool if split == "all" or split_of(o.id) == split]
    hosts = [o for o in pool if zlib.crc32(f"host-{o.id}".encode()) % 100 < host_share * 100]
    chosen = [o for o in pool if o not in hosts]
    if n_originals is not None:
        chosen = chosen[:n_originals]

    docs: list[Document] = []
    gold: dict[str, str] = {}
    quotes: set[tuple[str, str]] = set()
    applied: dict[str, list[str]] = {}
    for orig in chosen:
        text, parts, title = _assemble(orig.title, "", "\n\n".join(paragraphs(orig.text)), "", False)
        docs.append(_document(orig.id, text, parts, title, orig.outlet, orig.date))
        gold[orig.id] = orig.id
        applied[orig.id] = []
        for r in range(rng.randint(1, 3)):
            kinds = rng.sample(TRANSFORMS, rng.randint(2, 3))
            rid = f"{orig.id}-r{r}"
            text, parts, title = republish(orig, rng, kinds)
            date = orig.date + dt.timedelta(days=rng.randint(0, 3)) if orig.date else None
            docs.append(_document(rid, text, parts, title, f"republisher-{rng.randint(1, 9)}", date))
            gold[rid] = orig.id
            applied[rid] = sorted(kinds)
    free_hosts = list(hosts)
    rng.shuffle(free_hosts)
    for orig in chosen:
        # Each host is used once: two distractors built on one host would be
        # republications of each other.
        # Quoting "one paragraph" means a minority of the article: originals
        # with fewer than three paragraphs are not quoted (half of a two-
        # paragraph article inside another text *is* a truncated copy).
        orig_paras = paragraphs(orig.text)
        if not free_hosts or len(orig_paras) < 3 or rng.random() >= quote_share:
            continue
        host = free_hosts.pop()
        quoted = rng.choice(orig_paras)
        host_paras = paragraphs(host.text)
        host_paras.insert(rng.randrange(len(host_paras) + 1), f"As one report put it: “{quoted}”")
        qid = f"{orig.id}-q"
        text, parts, title = _assemble(host.title, "", "\n\n".join(host_paras), "", False)
        docs.append(_document(qid, text, parts, title, host.outlet, host.date))
        gold[qid] = qid
        quotes.add((qid, orig.id))
        applied[qid] = ["quote-distractor"]
    rng.shuffle(docs)
    weeks = [(o.outlet, o.date.isocalendar()[:2] if o.date else None) for o in chosen]
    same = sum(1 for i in range(len(weeks)) for j in range(i) if weeks[i] == weeks[j] and weeks[i][1])
    return Benchmark(docs, gold, quotes, applied, same)


def summary(bench: Benchmark) -> dict[str, Any]:
    """Counts that describe a generated benchmark (for docs and the CLI)."""
    originals = sum(1 for d, t in bench.transforms.items() if not t)
    quotes = sum(1 for t in bench.transforms.values() if t == ["quote-distractor"])
    return {
        "documents": len(bench.documents),
        "originals": originals,
        "republications": len(bench.documents) - originals - quotes,
        "quote_distractors": quotes,
        "same_outlet_week_original_pairs": bench.same_outlet_week_pairs,
    }
