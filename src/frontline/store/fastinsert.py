"""Many-row inserts without SQLAlchemy's per-row parameter handling.

A batch of 50 reports is ~4,000 rows (sentences, mentions, spans).  Through
``conn.execute(insert(table), rows)`` SQLAlchemy builds and type-processes a
parameter dict per row, which cost more than SQLite's own work.  Here the
statement is compiled once per (table, columns, dialect), each column's bind
processor (JSON → text, datetime → ISO text, …) is looked up once, and the
rows go to the driver's ``executemany`` as plain tuples — the same values the
ORM-free Core path would send, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

_Compiled = tuple[str, list[str], list[Callable[[Any], Any] | None]]
_CACHE: dict[tuple[str, str, tuple[str, ...]], _Compiled] = {}


def _compiled(conn: Connection, table: Table, keys: tuple[str, ...]) -> _Compiled:
    dialect = conn.dialect
    cache_key = (dialect.name, table.name, keys)
    hit = _CACHE.get(cache_key)
    if hit is None:
        stmt = insert(table).compile(dialect=dialect, column_keys=list(keys))
        order = list(stmt.positiontup or keys)
        procs = [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in order]
        hit = _CACHE[cache_key] = (str(stmt), order, procs)
    return hit


def insert_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` with one ``executemany`` per distinct key set.

    Only for positional-parameter drivers (SQLite); other backends keep the
    Core path, whose bulk "insertmanyvalues" already batches well.
    """
    if not rows:
        return
    if not conn.dialect.positional:
        conn.execute(insert(table), list(rows))
        return
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:  # rows normally share their keys; a row with other keys gets its own statement
        groups.setdefault(tuple(row), []).append(row)
    for keys, group in groups.items():
        sql, order, procs = _compiled(conn, table, keys)
        pairs = list(zip(order, procs, strict=True))
        conn.exec_driver_sql(sql, [tuple(p(row[k]) if p is not None else row[k] for k, p in pairs) for row in group])
