"""Rule files fail loudly with the file and field at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontline.actors.lexicon import LexiconError, parse_candidates, parse_descriptors, parse_sources
from frontline.actors.registry import registry

P = Path("rules.yaml")
GROUP = {
    "id": "g",
    "modifiers": ["loyal"],
    "heads": ["fighters"],
    "side": "government",
    "kind": "rebel_group",
    "inter": 2,
    "confidence": 0.5,
}
DESC = {
    "groups": [GROUP],
    "military_heads": ["troops"],
    "military_confidence": 0.8,
    "government_heads": ["government"],
    "government_confidence": 0.8,
    "coordinators": ["and"],
}


def test_descriptor_groups_expand_modifiers_and_heads() -> None:
    d = parse_descriptors(DESC, P, registry())
    assert d.groups[0].phrases == ("loyal fighters",)


@pytest.mark.parametrize(
    ("patch", "needle"),
    [
        ({"side": "martians"}, "unknown side"),
        ({"actor": "ghost"}, "unknown actor"),
        ({"inter": 0}, "'inter' must be 1-8"),
        ({"confidence": 1.5}, "'confidence' must be a number"),
        ({"modifiers": [], "heads": []}, "no modifiers"),
    ],
)
def test_broken_descriptor_groups(patch: dict, needle: str) -> None:
    data = {**DESC, "groups": [{**GROUP, **patch}]}
    with pytest.raises(LexiconError, match=needle):
        parse_descriptors(data, P, registry())


def test_broken_source_patterns() -> None:
    base = {"source_nouns": ["sources"], "reporting_verbs": ["said"], "qualifiers": {"local": None}}
    with pytest.raises(LexiconError, match="named group 'src'"):
        parse_sources({**base, "patterns": ["according to (.+)"]}, P, registry())
    with pytest.raises(LexiconError, match="not a valid regex"):
        parse_sources({**base, "patterns": ["(?P<src>[a-"]}, P, registry())
    with pytest.raises(LexiconError, match="unknown side"):
        parse_sources({**base, "qualifiers": {"alien": "mars"}, "patterns": ["(?P<src>x)"]}, P, registry())
    ok = parse_sources({**base, "patterns": [r"(?P<src>(?:{QUAL}) (?:{NOUN}))"]}, P, registry())
    assert ok.patterns[0].search("as local sources said").group("src") == "local sources"
    with pytest.raises(LexiconError, match="requires"):
        parse_sources({**base, "patterns": [{"pattern": "(?P<src>x)", "requires": ""}]}, P, registry())
    gated = parse_sources(
        {**base, "patterns": [{"pattern": r"(?P<src>(?:{NOUN}))\s+(?:{VERB})", "requires": "{VERB}"}]}, P, registry()
    )
    assert gated.requires[0] is not None and gated.requires[0].search("they SAID so")
    assert gated.patterns[0].search("Sources said").group("src") == "Sources"


def test_source_pattern_speed_keys_are_checked() -> None:
    base = {"source_nouns": ["sources", "news agency"], "reporting_verbs": ["said"], "qualifiers": {"local": None}}
    ok = parse_sources(
        {**base, "patterns": [{"pattern": r"(?P<src>(?:{QUAL})\s+(?:{NOUN}))", "starts": ["{QUAL}", "{NOUN}", "Per"]}]},
        P,
        registry(),
    )
    assert ok.starts[0] == frozenset({"local", "sources", "news", "per"})  # first words, lower case
    with pytest.raises(LexiconError, match="starts must hold words"):
        parse_sources({**base, "patterns": [{"pattern": "(?P<src>x)", "starts": ["a|b"]}]}, P, registry())
    with pytest.raises(LexiconError, match="within needs a literal"):
        parse_sources({**base, "patterns": [{"pattern": "(?P<src>x)", "within": r"[\w\s]"}]}, P, registry())
    with pytest.raises(LexiconError, match="character class"):
        parse_sources(
            {**base, "patterns": [{"pattern": "(?P<src>x)", "requires": "x", "within": r"[a-z]"}]}, P, registry()
        )
    with pytest.raises(LexiconError, match="look-aheads"):
        parse_sources(
            {**base, "patterns": [{"pattern": "(?P<src>x)(?=y)", "requires": "x", "within": r"[\w\s]"}]},
            P,
            registry(),
        )
    runs = parse_sources(
        {**base, "patterns": [{"pattern": r"(?P<src>\w+ Ministry) said", "requires": "Ministry", "within": r"[\w\s]"}]},
        P,
        registry(),
    )
    assert runs.requires_literal[0] == "ministry" and runs.within[0].search("a,b").group(0) == ","


def test_candidate_rules_need_all_fields() -> None:
    with pytest.raises(LexiconError, match="org_heads"):
        parse_candidates({"org_prefixes": ["Liwa"]}, P)
