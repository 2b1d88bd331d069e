import json

from typer.testing import CliRunner

from frontline.cli import app


def test_eval_dedup_prints_both_methods(eval_path) -> None:
    result = CliRunner().invoke(app, ["eval", "dedup", "--n", "15", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"frontline", "plain_lsh", "quotes", "recall_by_transform"} <= set(data)
    assert data["benchmark"]["originals"] == 15


def test_clusters_command_reads_the_store(tmp_path, monkeypatch) -> None:
    import frontline.store as store_mod
    from frontline.dedup import dedup_corpus

    from .helpers import make_doc
    from .texts import ARTICLE

    res = dedup_corpus(
        [
            make_doc("a", ARTICLE, outlet="Valley Herald"),
            make_doc("b", ARTICLE, outlet="World Digest", original_source="Valley Herald"),
        ]
    )

    class FakeStore:
        def load_documents(self):
            return res.documents

        def load_links(self):
            return [x.to_dict() for x in res.links]

    monkeypatch.setattr(store_mod, "open_store", lambda url=None: FakeStore())
    result = CliRunner().invoke(app, ["clusters", "--db", f"sqlite:///{tmp_path}/x.db"])
    assert result.exit_code == 0, result.output
    assert "original" in result.output and "republication" in result.output
