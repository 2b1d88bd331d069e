"""`frontline serve` passes its options to frontline.api.serve (uvicorn itself is not started)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import frontline.api
from frontline.cli import app


def test_serve_passes_db_host_port_and_token(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(frontline.api, "serve", lambda url, **kw: calls.append((url, kw)))
    monkeypatch.delenv("FRONTLINE_API_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", "sqlite:///x.db", "--host", "0.0.0.0", "--port", "9001", "--token", "tk"])
    assert result.exit_code == 0, result.output
    assert calls == [("sqlite:///x.db", {"host": "0.0.0.0", "port": 9001, "token": "tk"})]
    assert "http://0.0.0.0:9001/" in result.output


def test_serve_rejects_a_bad_port() -> None:
    assert CliRunner().invoke(app, ["serve", "--port", "70000"]).exit_code != 0
