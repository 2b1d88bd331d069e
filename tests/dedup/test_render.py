import datetime as dt

from rich.console import Console

from frontline.dedup import dedup_corpus
from frontline.dedup.render import render_clusters

from .helpers import make_doc
from .texts import ARTICLE, OTHER_ARTICLE


def render(renderable) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return console.export_text()


def test_clusters_show_original_copies_and_changes() -> None:
    orig = make_doc("aaa-orig", ARTICLE, outlet="Valley Herald")
    copy = make_doc(
        "bbb-copy",
        ARTICLE.replace("drainage canal", "drainage channel"),
        outlet="World Digest",
        title="Floods",
        date=dt.date(2021, 3, 2),
        original_source="Valley Herald",
    )
    other = make_doc("ccc-other", OTHER_ARTICLE)
    res = dedup_corpus([copy, other, orig])
    out = render(render_clusters(res.documents, [x.to_dict() for x in res.links]))
    assert "aaa-orig" in out and "original" in out
    assert "bbb-copy" in out and "republication" in out
    assert "canal" in out and "channel" in out  # the word the copy changed
    assert "original-source-statement" in out
    assert "ccc-other" not in out  # singletons hidden by default
    assert "ccc-other" in render(render_clusters(res.documents, res.links, include_singletons=True))


def test_no_clusters_message() -> None:
    res = dedup_corpus([make_doc("a", ARTICLE), make_doc("b", OTHER_ARTICLE)])
    assert "No republications" in render(render_clusters(res.documents, res.links))
