"""The database goes away in the middle of a run: a clear error, then a re-run resumes.

PostgreSQL is made to go away for this test's database only (connections
refused and the run's sessions terminated), not by stopping the shared server
that other tests use.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from frontline.scale.pgtools import server_url
from tests.faults.conftest import assert_consistent, count_documents, start_run, unique_hashes, wait_for


def _set_reachable(url: str, reachable: bool) -> None:
    name = make_url(url).database
    admin = create_engine(server_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {"true" if reachable else "false"}'))
        if not reachable:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"),
                {"n": name},
            )
    admin.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_going_away_mid_run_gives_a_clear_error_and_rerun_resumes(pg_url: str, corpus150: Path) -> None:
    expected = len(unique_hashes(corpus150))
    proc = start_run(corpus150, pg_url)
    try:
        wait_for(lambda: count_documents(pg_url) > 0 or proc.poll() is not None)
        assert proc.poll() is None, "the run finished before the database could go away"
        _set_reachable(pg_url, False)
        _out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
        _set_reachable(pg_url, True)
    assert proc.returncode != 0
    # The error names the cause (the server ended the connection / refuses this database).
    assert any(cue in err for cue in ("terminating connection", "not currently accepting connections", "OperationalError"))
    partial = assert_consistent(pg_url)["documents"]
    assert 0 < partial < expected

    rerun = start_run(corpus150, pg_url)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err[-2000:]
    assert assert_consistent(pg_url)["documents"] == expected
