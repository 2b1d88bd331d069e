"""Framing commands: ``frontline framing``, ``frontline profile``, ``frontline eval framing``."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from frontline.model import Document

console = Console(width=None if Console().is_terminal else 160)
err = Console(stderr=True)


def framing_cmd(
    in_path: Annotated[Path, typer.Option("--in", help="JSONL with {\"id\",\"text\"} per line.", exists=True,
                                          dir_okay=False)],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the lines with \"spans\" added.")],
) -> None:
    """Add propaganda-technique spans to each line: "spans": [{"start","end","technique"}]."""
    from frontline.framing import frame_text
    from frontline.framing.frame import Framer

    framer = Framer.default()
    n = 0
    t0 = time.perf_counter()
    with in_path.open(encoding="utf-8") as fin, out_path.open("w", encoding="utf-8") as fout:
        for lineno, line in enumerate(fin, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
                if not isinstance(text, str):
                    raise TypeError("'text' is not a string")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                err.print(f"[red]{in_path}:{lineno}: not a {{\"id\",\"text\"}} JSON line ({exc})")
                raise typer.Exit(2) from exc
            spans = frame_text(text, framer)
            seen = set()
            out = []
            for s in spans:
                key = (s.start, s.end, s.technique)
                if key not in seen:
                    seen.add(key)
                    out.append({"start": s.start, "end": s.end, "technique": s.technique})
            row["spans"] = out
            fout.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    err.print(f"framed {n} lines in {time.perf_counter() - t0:.1f}s → {out_path}")


def _document_from_file(path: Path) -> Document:
    """A document read from a text file, cleaned when the clean stage is available."""
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    digest = hashlib.sha256(raw).hexdigest()
    doc = Document(id=digest[:16], content_hash=digest, source_path=str(path), text=text)
    try:
        from frontline.clean import clean_document
    except ImportError:
        return doc
    return clean_document(doc)


def _print_profile(p: dict, title: str) -> None:
    table = Table(title=title, show_header=False)
    table.add_row("documents", str(p["documents"]))
    table.add_row("words", str(p["words"]))
    table.add_row("loaded-language spans / 1,000 words", f"{p['loaded_per_1000']:.1f}")
    table.add_row("max paragraph sarcasm", f"{p['max_sarcasm']:.2f}")
    table.add_row("side-marked wording", ", ".join(f"{k} {v:.1f}" for k, v in p["sides"].items()) or "—")
    table.add_row("favours", str(p["favours"] or "—"))
    table.add_row("techniques", ", ".join(f"{k} {v}" for k, v in p["techniques"].items()) or "—")
    table.add_row("detectors", ", ".join(f"{k} {v}" for k, v in p["sources"].items()) or "—")
    console.print(table)
    if p["evidence"]:
        ev = Table(title=f"{title}: side-marked evidence")
        for col in ("document", "offsets", "wording", "side of the word", "counted for", "neutral"):
            ev.add_column(col)
        for e in p["evidence"][:40]:
            counted = (e["counted_for"] or "—") + (" (ironic)" if e["ironic"] else "")
            ev.add_row(e["document_id"], f"{e['start']}-{e['end']}", e["text"], e["side"], counted,
                       e["neutral"] or "")
        console.print(ev)


def profile_cmd(
    target: Annotated[str, typer.Argument(help="An outlet name, a document id, or a text file.")],
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: FRONTLINE_DATABASE_URL or sqlite:///frontline.db).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
) -> None:
    """Print the framing profile of an outlet or a document (reader comments profiled apart)."""
    from frontline.framing import profile_document, profile_outlet

    path = Path(target)
    if path.is_file():
        profile = profile_document(_document_from_file(path))
    else:
        from frontline.store import open_store

        docs = open_store(db, create=False).load_documents()
        by_id = [d for d in docs if d.id == target]
        if by_id:
            profile = profile_document(by_id[0])
        else:
            mine = [d for d in docs if (d.outlet or "").casefold() == target.casefold()]
            if not mine:
                outlets = sorted({d.outlet for d in docs if d.outlet})
                err.print(f"[red]no document id or outlet {target!r}; outlets: {', '.join(outlets) or 'none'}")
                raise typer.Exit(1)
            profile = profile_outlet(mine, name=target)
    data = profile.to_dict()
    if as_json:
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    _print_profile(data, f"{data['kind']} {data['name']}")
    if data["comments"] and data["comments"]["documents"]:
        _print_profile(data["comments"], f"reader comments of {data['name']}")


def eval_framing_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """SemEval-2020 Task 11 SI F1 and TC micro-F1 on the held-out PTC articles (not used in training)."""
    from frontline.framing.evaluate import evaluate

    res = evaluate().to_dict()
    if as_json:
        console.print_json(json.dumps(res))
        return
    t = Table(title=f"framing: PTC held-out split ({res['articles']} articles, never used in training)")
    for col in ("task", "detector", "P", "R", "F1", "published best (official test set)"):
        t.add_column(col)
    pub = res["published_best_official_test"]
    for name, s in res["si"].items():
        t.add_row("SI", name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                  f"{pub['si_f1']:.3f} ({pub['si_team']})")
    if res["tc"]:
        t.add_row("TC", "classifier", "", "", f"{res['tc']['micro_f1']:.3f}",
                  f"{pub['tc_micro_f1']:.3f} ({pub['tc_team']})")
    console.print(t)
    if res["tc"]:
        pt = Table(title="TC F1 per technique")
        pt.add_column("technique")
        pt.add_column("F1")
        for k, v in res["tc"]["per_technique"].items():
            pt.add_row(k, f"{v:.3f}")
        console.print(pt)
    console.print(f"[dim]published figures are on the official test set (different articles); {res['seconds']}s")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``framing`` and ``profile`` to the main app and ``framing`` to the eval group."""
    app.command("framing")(framing_cmd)
    app.command("profile")(profile_cmd)
    eval_app.command("framing")(eval_framing_cmd)
