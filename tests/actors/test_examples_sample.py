"""On the bundled reports: a hand-checked sample links right, and no person or
source is ever coded as an armed actor."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from frontline.actors import find_mentions, registry
from frontline.model import ActorMention

GOLD = yaml.safe_load((Path(__file__).parent / "examples_gold.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linked(examples: Path) -> dict[str, tuple[str, list[ActorMention]]]:
    out = {}
    for path in sorted(examples.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (text, find_mentions(text))
    return out


@pytest.mark.parametrize("item", GOLD, ids=lambda g: f"{g['file']}:{g['surface']}")
def test_sample_mentions_link_right(item: dict, linked) -> None:
    text, mentions = linked[item["file"]]
    follow = item.get("next", "")
    start = text.index(item["surface"] + follow)
    end = start + len(item["surface"])
    hit = [m for m in mentions if m.start == start and m.end == end]
    assert hit, (
        f"{item['surface']!r} not found; near: {[m.text for m in mentions if abs(m.start - start) < 80]}"
    )
    m = hit[0]
    assert m.role == item.get("role", "actor")
    if "actor" in item:
        assert m.actor_id == item["actor"]
    if "side" in item:
        assert m.side == item["side"]


def test_no_person_or_source_is_an_armed_actor(linked) -> None:
    reg = registry()
    for text, mentions in linked.values():
        for m in mentions:
            assert text[m.start : m.end] == m.text
            if m.role in ("person", "source"):
                assert m.inter_code is None, m
            if m.actor_id and reg.get(m.actor_id).kind == "person":
                assert m.role != "actor", m
