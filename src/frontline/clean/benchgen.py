"""Generate the synthetic cleaning benchmark with known part boundaries.

Real article bodies (the Syrian-war articles of FA-KES,
``shared/data/eval/fakes.jsonl``) are re-paragraphed and wrapped in a
synthetic header (title, byline, dateline, taxonomy lines in varied order and
format), lines inside the body (video links, separators), footer boilerplate
and 0–8 reader comments, all drawn from ``data/clean/benchgen.yaml`` — a file
kept apart from the cue lexicons so the benchmark is not the lexicon checking
itself.  Each generated document carries its gold units, so boundary accuracy
can be scored exactly.  Generation is deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA, eval_dir

TEMPLATES = PACKAGE_DATA / "clean" / "benchgen.yaml"

# The generator's own (deliberately simple) sentence cut, independent of the cleaner's splitter.
_SENT = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=[A-Z\"])")


@dataclass(slots=True)
class GoldUnit:
    kind: str  # title | byline | dateline | body | boilerplate | comment
    start: int
    end: int


@dataclass(slots=True)
class BenchDoc:
    """One generated report and its truth."""

    id: str
    text: str
    units: list[GoldUnit]
    title: str | None
    byline: str | None
    publication_date: dt.date | None
    meta: dict[str, Any] = field(default_factory=dict)

    def of(self, kind: str) -> list[GoldUnit]:
        return [u for u in self.units if u.kind == kind]


@lru_cache(maxsize=2)
def load_templates(path: Path = TEMPLATES) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_articles(path: Path | None = None) -> list[dict[str, Any]]:
    """FA-KES rows with a usable body: 60+ words, ending a sentence, no site furniture of their own."""
    p = path if path is not None else eval_dir() / "fakes.jsonl"
    exclude = [x.lower() for x in load_templates()["source_exclude"]]
    rows = []
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                text = row.get("text", "").rstrip()
                low = text.lower()
                # A body must end a sentence: texts ending in a bare credit ("Jane Roe",
                # "… Twitter") would put the source's own furniture into the gold body.
                ends = text.endswith((".", "!", "?", '"', "”", "’"))
                if ends and len(low.split()) >= 60 and not any(x in low for x in exclude):
                    rows.append(row)
    return rows


def _strip_lead(text: str) -> str:
    """Drop the source's own date line ("Published July 2 2016 …", "Wed 05 Apr 2017 …")."""
    lead = set(load_templates()["lead_tokens"])
    toks = text.split(" ")
    k = 0
    while k < min(len(toks), 8):
        t = toks[k].strip(".,:|()").lower()
        if t in lead or any(ch.isdigit() for ch in t):
            k += 1
        else:
            break
    return " ".join(toks[k:])


def body_paragraphs(row: dict[str, Any], rng: random.Random) -> list[str]:
    """The article's body without its leading date/title, cut into 1–4 sentence paragraphs."""
    text = " ".join(row["text"].split())
    title = " ".join(str(row.get("title", "")).split())
    k = text[:300].find(title) if title else -1
    if k >= 0:
        text = text[k + len(title) :].lstrip(" .:-")
    text = _strip_lead(text)
    sents = [s for s in _SENT.split(text) if s.strip()]
    paras: list[str] = []
    i = 0
    while i < len(sents) and len(paras) < 14:
        n = rng.choice((1, 2, 2, 3, 3, 4))
        paras.append(" ".join(sents[i : i + n]))
        i += n
    return paras


def _fill(t: str, ctx: dict[str, str]) -> str:
    for k, v in ctx.items():
        t = t.replace("{" + k + "}", v)
    return t


def _vary_comment(c: str, rng: random.Random, names: list[str]) -> str:
    r = rng.random()
    if r < 0.15:
        c = c.lower()
    elif r < 0.25:
        c = c.rstrip(".") + rng.choice(("!", "!!", " !!!", "..", "?"))
    elif r < 0.35:
        c = "@" + rng.choice(names).split()[0] + " " + c
    elif r < 0.42:
        c = c.rstrip(".!?")
    return c


def generate(n: int = 300, seed: int = 0, articles: list[dict[str, Any]] | None = None) -> list[BenchDoc]:
    """``n`` benchmark documents, deterministic for ``seed``."""
    tpl = load_templates()
    rows = articles if articles is not None else load_articles()
    rng = random.Random(seed)
    titles = [str(r.get("title", "")).strip() for r in rows if r.get("title")]
    return [_one(f"bench-{seed}-{i}", rng.choice(rows), tpl, rng, titles) for i in range(n)]


def _one(doc_id: str, row: dict[str, Any], tpl: dict[str, Any], rng: random.Random, titles: list[str]) -> BenchDoc:
    author = rng.choice(tpl["authors"])
    outlet = rng.choice(tpl["outlets"])
    source_outlet = rng.choice([o for o in tpl["outlets"] if o != outlet])
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
    date_s = date.strftime(rng.choice(tpl["date_formats"]))
    ctx = {
        "author": author,
        "author_upper": author.upper(),
        "outlet": outlet,
        "source_outlet": source_outlet,
        "domain": rng.choice(tpl["domains"]),
        "date": date_s,
        "year": str(date.year),
        "other_title": rng.choice(titles) if titles else "More news",
        "n": str(rng.randrange(2, 999)),
    }
    blank = rng.random() < 0.6  # blank lines between paragraphs, or one paragraph per line
    sep = "\n\n" if blank else "\n"
    pieces: list[tuple[str, str]] = []  # (kind, text)

    # Header.
    title = str(row.get("title", "")).strip() or None
    has_title = title is not None and rng.random() < 0.85
    has_byline = rng.random() < 0.6
    has_date = rng.random() < 0.7
    header: list[tuple[str, str]] = []
    if has_title and title:
        header.append(("title", _fill(rng.choice(tpl["title_formats"]), {"title": title})))
    meta_lines = []
    if has_byline:
        meta_lines.append(("byline", _fill(rng.choice(tpl["byline_formats"]), ctx)))
    if has_date:
        meta_lines.append(("dateline", _fill(rng.choice(tpl["dateline_formats"]), ctx)))
    rng.shuffle(meta_lines)
    header.extend(meta_lines)
    for _ in range(rng.choice((0, 0, 1, 2))):
        header.insert(rng.randrange(1 if has_title else 0, len(header) + 1), ("boilerplate", _fill(rng.choice(tpl["header_extras"]), ctx)))
    pieces.extend(header)

    # Body, with an occasional interrupting line.
    paras = body_paragraphs(row, rng)
    for j, p in enumerate(paras):
        pieces.append(("body", p))
        if 0 < j < len(paras) - 1 and rng.random() < 0.06:
            pieces.append(("boilerplate", _fill(rng.choice(tpl["inserts"]), ctx)))

    # Footer boilerplate (0–4 blocks) and comments (0–8), boilerplate first or around the thread.
    footer = [("boilerplate", _fill(b, ctx)) for b in rng.sample(tpl["boilerplate"], rng.choice((0, 1, 2, 3, 4)))]
    n_comments = rng.choice((0, 0, 0, 1, 2, 3, 4, 5, 6, 8))
    comments = [
        ("comment", _vary_comment(c, rng, tpl["authors"])) for c in rng.sample(tpl["comments"], n_comments)
    ]
    if comments and footer and rng.random() < 0.3:
        footer_after = footer[: rng.randrange(0, len(footer) + 1)]
        pieces.extend([x for x in footer if x not in footer_after])
        pieces.extend(comments)
        pieces.extend(footer_after)
    else:
        pieces.extend(footer)
        pieces.extend(comments)

    # Assemble the text and the gold offsets.
    out: list[str] = []
    units: list[GoldUnit] = []
    pos = 0
    if rng.random() < 0.2:
        out.append("\n")
        pos = 1
    for k, (kind, s) in enumerate(pieces):
        if k:
            # Comments are one per line; other pieces follow the document's layout.
            glue = "\n" if kind == "comment" and pieces[k - 1][0] == "comment" and rng.random() < 0.5 else sep
            out.append(glue)
            pos += len(glue)
        out.append(s)
        units.append(GoldUnit(kind, pos, pos + len(s)))
        pos += len(s)
    out.append("\n")
    text = "".join(out)
    return BenchDoc(
        id=doc_id,
        text=text,
        units=units,
        title=title if has_title else None,
        byline=author if has_byline else None,
        publication_date=date if has_date else None,
        meta={"source_id": row.get("id"), "blank_lines": blank},
    )
