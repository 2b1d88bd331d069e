"""Database URLs, engines and migrations.

SQLite is the default (a file in WAL mode, foreign keys enforced, so readers
such as the web map never block the ingest writer); PostgreSQL is selected by
URL.  The schema is always created by Alembic so both backends run the same
migrations.
"""

from __future__ import annotations

import os
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

DEFAULT_URL = "sqlite:///frontline.db"


def resolve_url(url: str | None) -> str:
    """``--db`` first, then ``FRONTLINE_DATABASE_URL``, then the local SQLite file."""
    url = url or os.environ.get("FRONTLINE_DATABASE_URL") or DEFAULT_URL
    if url.startswith(("postgres://", "postgresql://")):
        # psycopg 3 is the driver we ship; accept the common short forms.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None) -> Engine:
    url = resolve_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("frontline.store") / "migrations"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    cfg = _alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
