"""Throwaway PostgreSQL databases for tests and benchmarks.

Each test or measurement gets its own database, created on the server of a
given URL and dropped afterwards, so runs never see each other's rows and a
failed run leaves nothing behind that breaks the next.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def server_url(url: str, database: str = "postgres") -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


@contextmanager
def fresh_database(url: str, *, postgis: bool = True, prefix: str = "frontline_tmp") -> Iterator[str]:
    """Create an empty database beside ``url``'s (with PostGIS if available); yield its URL; drop it."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        new_url = server_url(url, name)
        if postgis:
            eng = create_engine(new_url, isolation_level="AUTOCOMMIT")
            with eng.connect() as conn:
                available = conn.scalar(text("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'"))
                if available:
                    conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            eng.dispose()
        yield new_url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
