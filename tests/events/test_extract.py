"""Event assembly on hand-built Documents (places and actors set by the test, not by other stages)."""

from __future__ import annotations

import datetime as dt

from frontline.events import extract_events
from frontline.model import ActorMention, Document, Part, Place, PlaceMention, Span

PUB = dt.date(2021, 3, 10)  # a Wednesday


def place(name: str, lat: float, ft: str = "village", admin1: str = "North Province") -> Place:
    return Place(f"local:{name.lower()}", name, lat, 40.0, ft, country="XX", admin1=admin1)


def doc_with(text: str, places: dict[str, Place], actors: list[tuple[str, str, int]] = (), pub=PUB,
             relations: dict[str, str] | None = None, extras: dict | None = None) -> Document:
    """A body-only Document with place/actor mentions at the first occurrence of each name."""
    doc = Document("t1", "h", "test", text, publication_date=pub, outlet="Test Outlet")
    doc.parts = [Part("body", 0, len(text))]
    doc.paragraphs = [Span(0, len(text), "paragraph")]
    for name, p in places.items():
        s = text.index(name)
        rel = (relations or {}).get(name)
        if rel:
            doc.place_mentions.append(PlaceMention(s, s + len(name), name, None, 2, relation=rel, reference=p, resolved=True))
        else:
            doc.place_mentions.append(PlaceMention(s, s + len(name), name, p, 1, resolved=True))
    for surface, name, inter in actors:
        s = text.index(surface)
        doc.actor_mentions.append(ActorMention(s, s + len(surface), surface, name.lower(), name=name, inter_code=inter))
    doc.extras = extras or {}
    return doc


def test_list_of_captured_villages_gives_one_event_per_village_with_a_shared_group() -> None:
    text = "On Monday the Northern Army captured the villages of Kafr Ula, Tell Sani and Deir Thalith."
    places = {"Kafr Ula": place("Kafr Ula", 35.1), "Tell Sani": place("Tell Sani", 35.2),
              "Deir Thalith": place("Deir Thalith", 35.3)}
    doc = extract_events(doc_with(text, places, [("Northern Army", "Military Forces of Testland", 1)]))
    assert [e.location for e in doc.events] == ["Kafr Ula", "Tell Sani", "Deir Thalith"]
    assert len({e.group_id for e in doc.events}) == 1 and doc.events[0].group_id is not None
    assert len({e.event_id for e in doc.events}) == 3
    for e in doc.events:
        assert e.sub_event_type == "Government regains territory"
        assert e.event_type == "Battles"
        assert e.event_date == dt.date(2021, 3, 8) and e.date_precision == "day"
        assert e.actor1 == "Military Forces of Testland" and e.inter1 == 1 and e.interaction == 10
        assert e.geo_precision == 1 and e.latitude is not None


def test_passive_agent_and_non_state_takeover() -> None:
    text = "Yesterday the town of Qaryat fell into the hands of the Valley Front after the Northern Army withdrew."
    doc = extract_events(doc_with(
        text, {"Qaryat": place("Qaryat", 35.5)},
        [("Valley Front", "Valley Front", 2), ("Northern Army", "Military Forces of Testland", 1)],
    ))
    ev = next(e for e in doc.events if e.event_type == "Battles")
    assert ev.actor1 == "Valley Front"
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    assert ev.event_date == dt.date(2021, 3, 9)


def test_reference_place_gives_precision_two() -> None:
    text = "Artillery shelled positions north of Burj Hamid on Tuesday."
    doc = extract_events(doc_with(text, {"Burj Hamid": place("Burj Hamid", 36.0)}, relations={"Burj Hamid": "north"}))
    (ev,) = doc.events
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.location == "Burj Hamid" and ev.geo_precision == 2


def test_sentence_without_place_takes_the_paragraph_place_at_lower_precision() -> None:
    text = "Residents of Tal Rumman fled on Sunday. Later, warplanes bombed the outskirts."
    doc = extract_events(doc_with(text, {"Tal Rumman": place("Tal Rumman", 36.1)}))
    (ev,) = doc.events
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.location == "Tal Rumman" and ev.geo_precision == 2
    assert "location-from-context" in ev.tags
    assert ev.event_date == dt.date(2021, 3, 7) and "date-inherited" in ev.tags


def test_no_date_falls_back_to_publication_range_and_unknown_without_one() -> None:
    text = "Warplanes bombed a bakery in Ain Sabah."
    places = {"Ain Sabah": place("Ain Sabah", 36.2)}
    (ev,) = extract_events(doc_with(text, places)).events
    assert ev.date_precision == "range" and ev.date_range[1] == PUB
    assert "date-from-publication" in ev.tags
    (ev,) = extract_events(doc_with(text, places, pub=None)).events
    assert ev.event_date is None and ev.date_range is None and ev.date_precision == "unknown"


def test_fatalities_attribution_and_field_evidence() -> None:
    text = "According to local medics, a drone strike killed at least 7 civilians in Marj Akhdar on March 9."
    doc = extract_events(doc_with(text, {"Marj Akhdar": place("Marj Akhdar", 36.3)}))
    (ev,) = doc.events
    assert (ev.fatalities, ev.fatalities_min, ev.fatalities_max, ev.fatalities_text) == (7, 7, None, "at least 7")
    assert ev.attribution == "local medics" and ev.hedged
    assert ev.sub_event_type == "Air/drone strike"
    fields = {s.field: s for s in ev.sources}
    assert fields[None].quote == text
    for s in ev.sources:
        assert doc.text[s.start : s.end] == s.quote
        assert s.document_id == "t1" and s.outlet == "Test Outlet"
    assert fields["fatalities"].quote == "at least 7"
    assert fields["location"].quote == "Marj Akhdar"
    assert fields["date"].quote == "March 9"


def test_fatalities_of_a_list_are_split_over_its_locations() -> None:
    text = "Shelling killed 5 people in Beit Awwal and Beit Thani on Monday."
    places = {"Beit Awwal": place("Beit Awwal", 36.4), "Beit Thani": place("Beit Thani", 36.5)}
    evs = extract_events(doc_with(text, places)).events
    assert sorted(e.fatalities for e in evs) == [2, 3]
    assert all("fatalities-split" in e.tags for e in evs)


def test_sarcastic_paragraph_still_yields_the_event_tagged() -> None:
    text = "Of course the heroic liberators kindly took control of Nahr Saghir on Friday."
    doc = doc_with(text, {"Nahr Saghir": place("Nahr Saghir", 36.6)},
                   extras={"sarcasm": [{"start": 0, "end": len(text), "score": 0.9}]})
    (ev,) = extract_events(doc).events
    assert ev.event_type == "Battles"
    assert "sarcasm" in ev.tags
    assert "liberat" not in ev.notes.lower()  # neutral wording in the note
    assert "liberators" in ev.sources[0].quote  # original words kept in the evidence


def test_plans_and_threats_are_not_events() -> None:
    text = "The commander threatened to shell Wadi Nur if talks failed."
    assert extract_events(doc_with(text, {"Wadi Nur": place("Wadi Nur", 36.7)})).events == []


def test_background_history_is_not_coded() -> None:
    text = "The uprising began in 2011 when police arrested students in Qasr Qadim."
    assert extract_events(doc_with(text, {"Qasr Qadim": place("Qasr Qadim", 36.8)})).events == []


def test_elaborating_sentences_are_folded_into_one_event() -> None:
    text = "A car bomb exploded in Suq Jadid on Sunday, killing 6 people. The explosion struck at noon near the mosque."
    doc = extract_events(doc_with(text, {"Suq Jadid": place("Suq Jadid", 36.9)}))
    (ev,) = doc.events
    assert ev.fatalities == 6
    assert len([s for s in ev.sources if s.field is None]) == 2


def test_comments_are_not_read() -> None:
    body = "Warplanes bombed Tell Kabir on Monday."
    text = body + "\n\nReader: they also bombed Tell Saghir yesterday!"
    doc = doc_with(text, {"Tell Kabir": place("Tell Kabir", 37.0), "Tell Saghir": place("Tell Saghir", 37.1)})
    doc.parts = [Part("body", 0, len(body)), Part("comment", len(body) + 2, len(text))]
    doc.sentences = [Span(0, len(body), "sentence"), Span(len(body) + 2, len(text), "sentence")]
    assert [e.location for e in extract_events(doc).events] == ["Tell Kabir"]


def test_deterministic() -> None:
    text = "Rebels seized Umm Tut on Friday after heavy clashes."
    make = lambda: extract_events(doc_with(text, {"Umm Tut": place("Umm Tut", 37.2)}))  # noqa: E731
    assert [e.event_id for e in make().events] == [e.event_id for e in make().events]
