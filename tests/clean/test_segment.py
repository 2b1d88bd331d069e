"""The segmenter on reports written for these tests (not the bundled examples)."""

from __future__ import annotations

import datetime as dt

from frontline.clean import clean_document
from frontline.model import Document

P1 = (
    "Heavy fighting continued on Tuesday around the northern town, where government units pushed "
    "into two villages after a week of artillery fire, a local monitoring group said."
)
P2 = (
    "The group reported that at least twelve fighters had been killed on both sides and that "
    "hundreds of families had left for camps near the border, adding to an already severe crisis."
)
P3_QUOTE = '"We will not leave our homes again," a resident told reporters by phone.'
P4_SHORT = "The offensive is expected to continue."


def _doc(text: str, **kw: object) -> Document:
    return clean_document(Document(id="t", content_hash="t", source_path="t", text=text, **kw))  # type: ignore[arg-type]


def _kinds(doc: Document) -> list[tuple[str, str]]:
    return [(p.kind, doc.text[p.start : p.end].strip()) for p in doc.parts]


def test_short_last_paragraph_stays_body_before_footer() -> None:
    text = "\n\n".join([P1, P2, P4_SHORT, "Support our reporting with a donation.", "© 2020 Example Post"])
    doc = _doc(text)
    kinds = _kinds(doc)
    assert kinds[0] == ("body", "\n\n".join([P1, P2, P4_SHORT]))
    assert [k for k, _ in kinds[1:]] == ["boilerplate"]
    assert not doc.parts_of("comment")


def test_quote_paragraph_is_not_a_comment_but_real_comments_are() -> None:
    comments = ["lol as if anyone believes this", "I have family there, praying for them!", "great report, thanks"]
    text = "\n".join([P1, P2, P3_QUOTE, P4_SHORT, *comments])
    doc = _doc(text)
    body_text = doc.body_text
    assert P3_QUOTE in body_text and P4_SHORT in body_text
    got = [doc.text[p.start : p.end].strip() for p in doc.parts_of("comment")]
    assert got == comments


def test_video_link_between_paragraphs_is_boilerplate_and_body_continues() -> None:
    text = "\n\n".join([P1, "https://video.example.net/clips/4411.mp4", P2, P4_SHORT])
    doc = _doc(text)
    assert [p.kind for p in doc.parts] == ["body", "boilerplate", "body"]
    assert doc.in_body(text.index(P2), text.index(P2) + len(P2))


def test_header_fields_and_spans() -> None:
    text = "\n\n".join(
        [
            "Army Advances Near the Border",
            "By [Jane Roe](https://example.org/jane)",
            "Example Times, March 3, 2021",
            "Tags: conflict, border",
            P1,
            P2,
            "The original source of this article is [Field Notes](#)",
        ]
    )
    doc = _doc(text)
    assert [p.kind for p in doc.parts] == ["title", "byline", "dateline", "boilerplate", "body", "boilerplate"]
    assert doc.title == "Army Advances Near the Border"
    assert doc.byline == "Jane Roe"
    assert doc.outlet == "Example Times"
    assert doc.original_source == "Field Notes"
    assert doc.publication_date == dt.date(2021, 3, 3) and doc.date_source == "stated"
    fs = doc.field_spans
    assert text[fs["byline"].start : fs["byline"].end] == "[Jane Roe](https://example.org/jane)"
    assert text[fs["publication_date"].start : fs["publication_date"].end] == "March 3, 2021"
    assert text[fs["outlet"].start : fs["outlet"].end] == "Example Times"
    assert text[fs["original_source"].start : fs["original_source"].end] == "[Field Notes](#)"


def test_container_metadata_is_kept() -> None:
    text = "\n\n".join(["Army Advances Near the Border", "June 1, 2019", P1, P2])
    doc = _doc(text, title="Container Title", publication_date=dt.date(2019, 5, 31), date_source="container")
    assert doc.title == "Container Title"
    assert doc.publication_date == dt.date(2019, 5, 31) and doc.date_source == "container"
    assert [p.kind for p in doc.parts][:2] == ["title", "dateline"]


def test_date_opening_the_body_is_a_dateline() -> None:
    text = "Sun 22 Feb 2015 " + P1 + "\n" + P2
    doc = _doc(text)
    assert doc.parts[0].kind == "dateline"
    assert doc.publication_date == dt.date(2015, 2, 22)
    assert doc.body_text.startswith("Heavy fighting")


def test_hard_wrapped_paragraphs_are_one_unit() -> None:
    def wrap(p: str) -> str:
        words = p.split()
        return "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))

    text = wrap(P1) + "\n\n" + wrap(P2)
    doc = _doc(text)
    assert [p.kind for p in doc.parts] == ["body"]
    assert len(doc.paragraphs) == 2


def test_sentences_and_paragraphs_lie_in_body_and_comment_parts() -> None:
    text = "\n".join([P1, P2, P3_QUOTE, "lol what a joke!!", "you guys never learn"])
    doc = _doc(text)
    allowed = [p for p in doc.parts if p.kind in ("body", "comment")]
    for s in [*doc.sentences, *doc.paragraphs]:
        assert any(p.start <= s.start and s.end <= p.end for p in allowed)
        assert text[s.start : s.end] == text[s.start : s.end].strip()
    assert len(doc.body_sentences()) == 3


def test_empty_and_blank_text() -> None:
    assert _doc("").parts == []
    blank = _doc(" \n\n\t")
    assert [(p.kind, p.start, p.end) for p in blank.parts] == [("boilerplate", 0, 4)]


def test_opinion_column_closing_line_is_not_a_comment() -> None:
    """A column written in the first person keeps its short first-person closer."""
    paras = [
        "I have covered this war for nine years, and I have rarely seen the front move as fast as it did "
        "this winter, when whole districts changed hands within days and the roads filled with families.",
        "When I spoke to officials in the capital last month, I was told the offensive would stop at the "
        "river; my own notes from that meeting show how little anyone there expected what followed next.",
        "My colleagues on the other side of the line describe the same confusion, and I think it explains "
        "why so many residents waited until the shelling reached their own streets before they left.",
        "I hope I am wrong.",
    ]
    doc = _doc("\n\n".join(paras))
    assert not doc.parts_of("comment")
    assert doc.body_text.endswith("I hope I am wrong.")


def test_lines_broken_mid_sentence_are_rejoined() -> None:
    """An extractor's odd line breaks: a long line cut mid-sentence continues in lower case."""
    text = (
        "Snow crews worked through the night on the main roads and were expected to finish the first round by\n"
        "midnight, officials from the public works department said on Sunday after a storm that dropped more than thirty centimetres on the\n"
        "city and closed schools. Residents were asked not to push snow back onto the streets."
    )
    doc = _doc(text)
    assert [p.kind for p in doc.parts] == ["body"]
    assert len(doc.paragraphs) == 1


def test_lower_case_comment_after_article_is_not_rejoined() -> None:
    text = "\n".join([P1, P2 + " And the fighting goes on", "lol nobody believes this", "you people never learn!!"])
    doc = _doc(text)
    assert len(doc.parts_of("comment")) == 2


def test_unknown_line_between_header_lines_is_furniture() -> None:
    text = "\n\n".join(["Army Advances Near the Border", "Listen to this article", "By Jane Roe", P1, P2])
    doc = _doc(text)
    assert [p.kind for p in doc.parts] == ["title", "boilerplate", "byline", "body"]
    assert doc.byline == "Jane Roe"


def test_published_prefix_date_opening_the_body() -> None:
    doc = _doc("Published July 20 2015 " + P1)
    assert doc.parts[0].kind == "dateline"
    assert doc.text[doc.parts[0].start : doc.parts[0].end].strip() == "Published July 20 2015"
    assert doc.publication_date == dt.date(2015, 7, 20)


def test_pasted_thread_chrome_is_not_counted_as_comments() -> None:
    thread = [
        "Marek K. • 2 days ago",
        "so the front moved again, who could have guessed lol",
        "Reply",
        "Ana_T says:",
        "Thanks for the clear map, I was lost in the other reports!",
        "▲ 12 ▼",
    ]
    doc = _doc("\n".join([P1, P2, P4_SHORT, *thread]))
    got = [doc.text[p.start : p.end].strip() for p in doc.parts_of("comment")]
    assert got == [thread[1], thread[4]]
    assert P4_SHORT in doc.body_text


def test_by_sentence_is_not_a_byline() -> None:
    text = "\n\n".join(["Army Advances Near the Border", "By Monday, the army had reached the river.", P1, P2])
    doc = _doc(text)
    assert doc.byline is None
    assert [p.kind for p in doc.parts] == ["title", "body"]
