"""The registry file is trusted by every later stage, so broken files must fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from frontline.actors.registry import (
    DEFAULT_REGISTRY,
    NON_COMBATANT_KINDS,
    RegistryError,
    load_registry,
    parse_registry,
    registry,
)

MINIMAL = {
    "theatre": "test",
    "country": "SY",
    "sides": {"a": {"label": "Side A"}, "b": {"label": "Side B"}},
    "actors": [
        {
            "id": "army-a",
            "name": "Army of A",
            "kind": "state_force",
            "inter": 1,
            "country": "AA",
            "side": "a",
        },
        {
            "id": "band-b",
            "name": "Band B",
            "kind": "rebel_group",
            "inter": 2,
            "side": "b",
            "aliases": ["B Band"],
        },
        {
            "id": "p-x",
            "name": "Person X",
            "kind": "person",
            "role": "leader",
            "affiliation": "band-b",
            "side": "b",
        },
    ],
}


def _with(**changes) -> dict:
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    for idx, patch in changes.get("actor_patch", {}).items():
        data["actors"][idx].update(patch)
    for new in changes.get("add", []):
        data["actors"].append(new)
    return data


def test_bundled_registry_is_valid_and_broad() -> None:
    reg = registry()
    assert len(reg) >= 100
    kinds = {a.kind for a in reg.actors.values()}
    # government, allies, opposition, jihadists, Kurdish forces, monitors, people
    assert {
        "state_force",
        "rebel_group",
        "political_militia",
        "government",
        "person",
        "monitor",
        "media",
    } <= kinds
    for side in ("government", "opposition", "jihadist", "kurdish-led", "turkey-led", "us-coalition"):
        assert any(a.side == side for a in reg.actors.values()), side


def test_bundled_registry_codes_are_consistent() -> None:
    reg = registry()
    for a in reg.actors.values():
        if a.kind in NON_COMBATANT_KINDS:
            assert a.inter is None, a.id
        else:
            assert a.inter in range(1, 9), a.id
        if a.kind == "unit":
            assert a.parent, f"unit {a.id} must name the force it belongs to"
        if a.kind == "person":
            assert a.affiliation in reg and a.role, a.id


def test_units_roll_up_to_their_state_force() -> None:
    reg = registry()
    units = reg.of_kind("unit")
    assert units
    for u in units:
        assert reg.root(u.id).kind in ("state_force", "external_force", "rebel_group"), u.id


def test_minimal_registry_parses() -> None:
    reg = parse_registry(_with())
    assert reg.get("band-b").aliases == ("B Band",)
    assert reg.state_force_of("AA").id == "army-a"


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"actor_patch": {0: {"inter": 9}}}, "'inter' must be an ACLED inter code"),
        ({"actor_patch": {0: {"kind": "army"}}}, "'kind' must be one of"),
        ({"actor_patch": {1: {"side": "nowhere"}}}, "'side' 'nowhere' is not declared"),
        ({"actor_patch": {2: {"inter": 2}}}, "never an armed actor"),
        ({"actor_patch": {2: {"affiliation": "ghost"}}}, "refers to unknown actor 'ghost'"),
        ({"actor_patch": {1: {"parent": "ghost"}}}, "refers to unknown actor 'ghost'"),
        ({"actor_patch": {1: {"wikidata": "123"}}}, "must look like Q123"),
        ({"actor_patch": {1: {"colour": "red"}}}, "unknown field"),
        ({"actor_patch": {0: {"id": "Army A"}}}, "'id' must be lower-case"),
        ({"actor_patch": {2: {"role": None}}}, "a person needs a 'role'"),
        (
            {"add": [{"id": "band-b", "name": "Again", "kind": "rebel_group", "inter": 2, "side": "b"}]},
            "duplicate id",
        ),
        (
            {
                "add": [
                    {
                        "id": "band-c",
                        "name": "Band C",
                        "kind": "rebel_group",
                        "inter": 2,
                        "side": "b",
                        "aliases": ["b-band"],
                    }
                ]
            },
            "also names actor 'band-b'",
        ),
    ],
)
def test_broken_entries_fail_with_the_entry_and_field(changes: dict, needle: str) -> None:
    with pytest.raises(RegistryError) as info:
        parse_registry(_with(**changes), Path("broken.yaml"))
    msg = str(info.value)
    assert needle in msg
    assert "broken.yaml" in msg


def test_parent_cycle_is_rejected() -> None:
    data = _with(actor_patch={0: {"parent": "band-b"}, 1: {"parent": "army-a"}})
    with pytest.raises(RegistryError, match="cycle"):
        parse_registry(data)


def test_unreadable_files_fail_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_registry(bad)
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "missing.yaml")
    top = tmp_path / "top.yaml"
    top.write_text("theatre: x\nsides: {a: {label: A}}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="missing 'actors'"):
        load_registry(top)


def test_default_registry_path_is_package_data() -> None:
    assert DEFAULT_REGISTRY.exists()
    assert load_registry(DEFAULT_REGISTRY).theatre == registry().theatre
