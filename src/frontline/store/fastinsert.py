"""Many-row inserts without SQLAlchemy's per-row parameter handling.

A batch of 50 reports is ~4,000 rows (sentences, mentions, spans).  Through
``conn.execute(insert(table), rows)`` SQLAlchemy builds and type-processes a
parameter dict per row, which cost more than SQLite's own work.  Here the
statement is compiled once per (table, columns, dialect), each column's bind
processor (JSON → text, datetime → ISO text, …) is looked up once, and the
rows go to the driver's ``executemany`` as plain tuples — the same values the
Core path would send, in the same transaction.

Encoding (:func:`encode_rows`) is separate from inserting
(:func:`insert_encoded`) so that Dask workers can encode their documents'
rows and the client, the one serial writer, only executes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Dialect, Table, insert

_Compiled = tuple[str, list[str], list[Callable[[Any], Any] | None]]
_CACHE: dict[tuple[str, str, tuple[str, ...]], _Compiled] = {}

#: Column names (in statement order) → driver-ready value tuples.
Encoded = dict[tuple[str, ...], list[tuple[Any, ...]]]


def compiled(dialect: Dialect, table: Table, keys: tuple[str, ...]) -> _Compiled:
    """The INSERT statement for these columns, its parameter order and each column's bind processor."""
    cache_key = (dialect.name, table.name, keys)
    hit = _CACHE.get(cache_key)
    if hit is None:
        stmt = insert(table).compile(dialect=dialect, column_keys=list(keys))
        order = list(stmt.positiontup or keys)
        procs = [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in order]
        hit = _CACHE[cache_key] = (str(stmt), order, procs)
    return hit


def encode_rows(dialect: Dialect, table: Table, rows: Sequence[dict[str, Any]]) -> Encoded:
    """Rows as driver parameters, grouped by key set (rows normally share their keys)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    out: Encoded = {}
    for keys, group in groups.items():
        _sql, order, procs = compiled(dialect, table, keys)
        pairs = list(zip(order, procs, strict=True))
        out[keys] = [tuple(p(row[k]) if p is not None else row[k] for k, p in pairs) for row in group]
    return out


def merge_encoded(into: Encoded, more: Encoded) -> None:
    for keys, values in more.items():
        into.setdefault(keys, []).extend(values)


def insert_encoded(conn: Connection, table: Table, encoded: Encoded) -> None:
    """Execute encoded rows: one ``executemany`` per key set."""
    for keys, values in encoded.items():
        if values:
            conn.exec_driver_sql(compiled(conn.dialect, table, keys)[0], values)


def insert_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``: encoded tuples on positional drivers (SQLite), else Core.

    Other backends keep the Core path, whose bulk "insertmanyvalues" already
    batches well.
    """
    if not rows:
        return
    if not conn.dialect.positional:
        conn.execute(insert(table), list(rows))
        return
    insert_encoded(conn, table, encode_rows(conn.dialect, table, rows))
