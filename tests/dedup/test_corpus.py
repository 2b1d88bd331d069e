"""dedup_corpus end to end on documents with parts and metadata."""

from frontline.dedup import Link, dedup_corpus, load_config, signature_of, verify_quote
from frontline.dedup.index import classify, overlap

from .helpers import make_doc
from .texts import ARTICLE, OTHER_ARTICLE


def test_a_quoted_paragraph_becomes_a_quote_link_with_its_passage() -> None:
    quoted = ARTICLE.split("\n\n")[1]
    host_body = OTHER_ARTICLE.replace(
        "\n\nNot everyone", f"\n\nA report from the valley said: {quoted}\n\nNot everyone"
    )
    orig = make_doc("a", ARTICLE, outlet="Valley Herald")
    host = make_doc("b", host_body, outlet="Culture Weekly")
    res = dedup_corpus([orig, host])
    assert {d.cluster_id for d in res.documents} == {"a", "b"}
    (link,) = res.links
    assert link.kind == "quotes"
    span = max(link.evidence["shared_spans"], key=lambda s: s["words"])
    src = {"a": orig, "b": host}[link.src_id]
    dst = {"a": orig, "b": host}[link.dst_id]
    s, e = span["src"]
    assert src.text[s:e] in quoted
    s, e = span["dst"]
    assert dst.text[s:e] in quoted
    assert span["words"] >= len(quoted.split()) - 2


def test_scattered_stock_phrases_are_not_a_quotation() -> None:
    """Shingle overlap alone would call this a quote; the shared-passage check does not."""
    phrases = [
        "the regional governor said on Tuesday",
        "according to local sources in the province",
        "in the north of the province near the border",
        "the river authority has asked residents",
    ]
    first = make_doc(
        "a", " ".join(f"Story {i}: {p} that the alpha{i} plan went ahead." for i, p in enumerate(phrases * 3))
    )
    second = make_doc(
        "b",
        " ".join(f"Item {i} notes {p} while the beta{i} project stalled." for i, p in enumerate(phrases * 3)),
    )
    ov = overlap(signature_of(first), signature_of(second))
    assert classify(ov, load_config()) == "quotes"  # what the index alone would say
    link = Link("b", "a", "quotes", ov.containment, {"shared_shingles": ov.shared})
    assert verify_quote(link, {"a": first, "b": second}, load_config().quote_min_words) is None
    assert dedup_corpus([first, second]).links == []
