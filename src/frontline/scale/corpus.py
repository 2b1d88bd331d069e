"""A synthetic but realistic benchmark corpus built from the real evaluation articles.

Throughput measured on five example reports says little about 100k reports,
and real war reporting is not available in that volume offline.  So the
generator re-uses the real articles of ``shared/data/eval`` (FA-KES Syrian-war
news, PTC news articles, re3d Syria/Iraq documents) and wraps them the way the
web does: originals with or without title/date, republications of earlier
documents with the republisher's header, byline, donation note and disclaimer
(and an occasional typo), reader comments, and exact re-fetches of a file
(which the store must recognise as duplicates).  Lengths vary because a report
takes one to three articles' worth of paragraphs, cut at random.

Everything is seeded: the same ``(n, seed)`` gives byte-identical files, so a
benchmark run can be repeated and compared.  The wrappers are data
(``data/scale/corpus.yaml``); the code only assembles.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA, eval_dir

#: Evaluation files whose articles the corpus is built from, with their text field.
SOURCES = ("fakes.jsonl", "ptc_semeval2020_task11_train.jsonl", "re3d.jsonl")
#: Documents per sub-folder, so no folder holds 100k files.
SHARD = 1000


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Mix:
    """Shares of each kind of generated document (the rest are plain originals)."""

    republication: float = 0.25
    refetch: float = 0.02
    with_comments: float = 0.35
    typo: float = 0.3  # of republications


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    with (PACKAGE_DATA / "scale" / "corpus.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    required = {
        "original_outlets",
        "republishers",
        "republication_headers",
        "original_headers",
        "republication_footers",
        "date_formats",
        "comment_reactions",
    }
    missing = required - set(data)
    if missing:
        raise ValueError(f"corpus.yaml lacks {sorted(missing)}")
    return data


def _paragraphs(text: str) -> tuple[str, ...]:
    """Split on blank lines, else on single newlines, else into ~3-sentence chunks."""
    for sep in ("\n\n", "\n"):
        parts = [p.strip() for p in text.split(sep) if p.strip()]
        if len(parts) > 1:
            return tuple(parts)
    sentences = [s.strip() + "." for s in text.split(". ") if s.strip()]
    return tuple(" ".join(sentences[i : i + 3]).replace("..", ".") for i in range(0, len(sentences), 3)) or (text,)


def load_articles(folder: Path | None = None) -> list[Article]:
    """The real articles of the evaluation sets (all of them; held-out parts are not in these files)."""
    folder = folder or eval_dir()
    out: list[Article] = []
    for name in SOURCES:
        path = folder / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                item = json.loads(line)
                text = (item.get("text") or "").strip()
                if len(text) < 200:
                    continue
                date = None
                if isinstance(item.get("date"), str):
                    try:
                        date = dt.date.fromisoformat(item["date"][:10])
                    except ValueError:
                        date = None
                title = (item.get("title") or text.split("\n", 1)[0])[:160].strip()
                out.append(Article(title, _paragraphs(text), date))
    if not out:
        raise FileNotFoundError(f"no evaluation articles found under {folder}")
    return out


def _typo(text: str, rng: random.Random) -> str:
    """Swap two adjacent letters in one longer word (republishers' typos)."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


class CorpusGenerator:
    """Yields ``(relative_path, text)`` for ``n`` documents, deterministically."""

    def __init__(self, articles: list[Article], seed: int = 20261123, mix: Mix | None = None) -> None:
        self.articles = articles
        self.seed = seed
        self.mix = mix or Mix()
        self.t = templates()

    def _date(self, rng: random.Random, article: Article) -> dt.date:
        if article.date is not None:
            return article.date
        return dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 60))

    def _fmt_date(self, rng: random.Random, date: dt.date) -> str:
        return date.strftime(rng.choice(self.t["date_formats"]))

    def _body(self, rng: random.Random) -> tuple[Article, str]:
        """One to three articles' paragraphs, each cut at a random point: varied lengths."""
        lead = rng.choice(self.articles)
        paras = list(lead.paragraphs[: rng.randint(1, len(lead.paragraphs))])
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            other = rng.choice(self.articles)
            paras.extend(other.paragraphs[: rng.randint(1, len(other.paragraphs))])
        return lead, "\n\n".join(paras)

    def _comments(self, rng: random.Random) -> str:
        lines = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.5:
                lines.append(rng.choice(self.t["comment_reactions"]))
            else:
                src = rng.choice(self.articles)
                lines.append(rng.choice(src.paragraphs).split(". ")[0][:240])
        return "\n" + "\n".join(lines) + "\n"

    def _original(self, rng: random.Random) -> tuple[str, dict[str, Any]]:
        article, body = self._body(rng)
        outlet = rng.choice(self.t["original_outlets"])
        date = self._date(rng, article)
        header = rng.choice(self.t["original_headers"]).format(
            title=article.title, outlet=outlet, date=self._fmt_date(rng, date)
        )
        text = header + body + "\n"
        if rng.random() < self.mix.with_comments:
            text += self._comments(rng)
        return text, {"title": article.title, "outlet": outlet, "date": date, "body": body}

    def _republication(self, rng: random.Random, orig: dict[str, Any]) -> str:
        outlet = rng.choice(self.t["republishers"])
        date = orig["date"] + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
        fields = {
            "title": orig["title"],
            "outlet": outlet,
            "original": orig["outlet"],
            "date": self._fmt_date(rng, date),
            "year": date.year,
        }
        body = _typo(orig["body"], rng) if rng.random() < self.mix.typo else orig["body"]
        text = rng.choice(self.t["republication_headers"]).format(**fields) + body
        for footer in rng.sample(self.t["republication_footers"], rng.randint(1, 3)):
            text += footer.format(**fields)
        if rng.random() < self.mix.with_comments:
            text += self._comments(rng)
        return text

    def __iter__(self) -> Iterator[tuple[str, str]]:
        raise TypeError("call generate(n)")

    def generate(self, n: int) -> Iterator[tuple[str, str]]:
        rng = random.Random(self.seed)
        originals: list[dict[str, Any]] = []
        written: list[str] = []
        for i in range(n):
            roll = rng.random()
            if written and roll < self.mix.refetch:
                text = rng.choice(written[-500:])  # the same page fetched again
            elif originals and roll < self.mix.refetch + self.mix.republication:
                text = self._republication(rng, rng.choice(originals[-200:]))
            else:
                text, meta = self._original(rng)
                originals.append(meta)
                if len(originals) > 400:
                    originals = originals[-200:]
            written.append(text)
            if len(written) > 1000:
                written = written[-500:]
            yield f"{i // SHARD:04d}/{i:07d}.txt", text


def write_corpus(out: Path, n: int, *, seed: int = 20261123, articles: list[Article] | None = None) -> Path:
    """Write ``n`` reports as text files under ``out`` (sharded); reuse an existing complete copy.

    A hidden ``.corpus.json`` (hidden so ingest skips it) records ``n`` and
    ``seed``; when it matches, the files are not written again.
    """
    out = Path(out)
    manifest = out / ".corpus.json"
    want = {"n": n, "seed": seed, "version": 1}
    if manifest.exists() and json.loads(manifest.read_text()) == want:
        return out
    out.mkdir(parents=True, exist_ok=True)
    gen = CorpusGenerator(articles or load_articles(), seed=seed)
    for rel, text in gen.generate(n):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    manifest.write_text(json.dumps(want))
    return out
