"""PostGIS: point geometries with GiST indexes, so bbox and distance queries run in the database.

On PostgreSQL with the PostGIS extension, migration ``0002`` adds a ``geom``
column to ``events`` and ``place_mentions``.  It is a *generated* column
(``ST_MakePoint(longitude, latitude)``, SRID 4326), so the writers keep
writing plain latitude/longitude through the portable schema and the geometry
can never disagree with them.  On SQLite, or PostgreSQL without PostGIS,
nothing is added and the same queries fall back to latitude/longitude ranges
(using the ``ix_events_lat_lon`` B-tree), so callers never branch on the
backend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy import Column, Connection, Engine, MetaData, String, Table, column, func, insert, select, text
from sqlalchemy import table as sa_table

#: Tables that get a geometry column: table → (latitude column, longitude column).
SPATIAL_TABLES: dict[str, tuple[str, str]] = {"events": ("latitude", "longitude"), "place_mentions": ("lat", "lon")}
SRID = 4326
#: Mean Earth radius used by the non-PostGIS distance fallback (km).
EARTH_RADIUS_KM = 6371.0088


def postgis_available(conn: Connection) -> bool:
    """True on PostgreSQL when the PostGIS extension is installed or installable."""
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.scalar(text("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")))


def has_geometry(conn: Connection, table: str = "events") -> bool:
    if conn.dialect.name != "postgresql":
        return False
    q = text(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = :t AND column_name = 'geom'"
    )
    return bool(conn.scalar(q, {"t": table}))


def _events_geo() -> Table:
    """A GeoAlchemy2 view of ``events``: only what spatial queries need (not part of the portable schema)."""
    from geoalchemy2 import Geometry

    return Table(
        "events",
        MetaData(),
        Column("event_id", String(40), primary_key=True),
        Column("geom", Geometry("POINT", srid=SRID, spatial_index=False)),
    )


def add_spatial_columns(conn: Connection) -> list[str]:
    """Add the generated ``geom`` columns and their GiST indexes (idempotent); returns the tables changed."""
    if not postgis_available(conn):
        return []
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
    changed = []
    for table, (lat, lon) in SPATIAL_TABLES.items():
        conn.execute(
            text(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS geom geometry(Point, {SRID}) "
                f"GENERATED ALWAYS AS (CASE WHEN {lat} IS NOT NULL AND {lon} IS NOT NULL "
                f"THEN ST_SetSRID(ST_MakePoint({lon}, {lat}), {SRID}) END) STORED"
            )
        )
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{table}_geom ON {table} USING GIST (geom)"))
        changed.append(table)
    return changed


def drop_spatial_columns(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in SPATIAL_TABLES:
        conn.execute(text(f"DROP INDEX IF EXISTS ix_{table}_geom"))
        conn.execute(text(f"ALTER TABLE {table} DROP COLUMN IF EXISTS geom"))


def _connect(bind: Engine | Connection):
    return bind.connect() if isinstance(bind, Engine) else _Borrowed(bind)


class _Borrowed:
    """Use a caller's connection without closing it."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def __enter__(self) -> Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        return None


def events_in_bbox(bind: Engine | Connection, west: float, south: float, east: float, north: float) -> list[str]:
    """Ids of merged events inside the box (degrees), via the GiST index where there is one.

    A box with ``west > east`` crosses the antimeridian and is split in two.
    """
    if west > east:
        return sorted(set(events_in_bbox(bind, west, south, 180.0, north)) | set(events_in_bbox(bind, -180.0, south, east, north)))
    params = {"w": west, "s": south, "e": east, "n": north}
    with _connect(bind) as conn:
        if has_geometry(conn):
            ev = _events_geo()
            envelope = func.ST_MakeEnvelope(west, south, east, north, SRID)
            return list(conn.scalars(select(ev.c.event_id).where(ev.c.geom.intersects(envelope)).order_by(ev.c.event_id)))
        else:
            q = text(
                "SELECT event_id FROM events WHERE latitude BETWEEN :s AND :n AND longitude BETWEEN :w AND :e "
                "ORDER BY event_id"
            )
        return list(conn.scalars(q, params))


def event_points(bind: Engine | Connection, ids: Sequence[str]) -> dict[str, tuple[float, float]]:
    """(lon, lat) of events read back from the geometry column as shapely points (PostGIS only)."""
    from geoalchemy2.shape import to_shape

    ev = _events_geo()
    with _connect(bind) as conn:
        rows = conn.execute(select(ev.c.event_id, ev.c.geom).where(ev.c.event_id.in_(list(ids)), ev.c.geom.is_not(None)))
        out = {}
        for event_id, geom in rows:
            point = to_shape(geom)
            out[event_id] = (point.x, point.y)
        return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def events_within_km(bind: Engine | Connection, lat: float, lon: float, km: float) -> list[str]:
    """Ids of merged events within ``km`` of a point (great-circle distance)."""
    with _connect(bind) as conn:
        if has_geometry(conn):
            q = text(
                "SELECT event_id FROM events WHERE ST_DWithin(geom::geography, "
                f"ST_SetSRID(ST_MakePoint(:lon, :lat), {SRID})::geography, :m) ORDER BY event_id"
            )
            return list(conn.scalars(q, {"lat": lat, "lon": lon, "m": km * 1000.0}))
        # Fallback: a bounding-box prefilter on the lat/lon index, then the exact distance.
        dlat = math.degrees(km / EARTH_RADIUS_KM)
        dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
        rows = conn.execute(
            text(
                "SELECT event_id, latitude, longitude FROM events WHERE latitude BETWEEN :s AND :n "
                "AND longitude BETWEEN :w AND :e"
            ),
            {"s": lat - dlat, "n": lat + dlat, "w": lon - dlon, "e": lon + dlon},
        )
        return sorted(r.event_id for r in rows if haversine_km(lat, lon, r.latitude, r.longitude) <= km)


def explain(bind: Engine | Connection, sql: str, params: dict | None = None) -> str:
    """PostgreSQL's plan for a query (tests check the GiST index is used)."""
    with _connect(bind) as conn:
        return "\n".join(conn.scalars(text("EXPLAIN " + sql), params or {}))


def copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> int:
    """Bulk-insert rows: PostgreSQL ``COPY … FROM STDIN`` (binary-safe), executemany elsewhere.

    ``COPY`` moves rows in one stream instead of one round trip per
    statement batch; it is what makes PostgreSQL writes of the analyses
    (thousands of mention rows per batch) cheap.  JSON values must already be
    serialised to strings.
    """
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        cols = ", ".join(f'"{c}"' for c in columns)
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)
    target = sa_table(table, *(column(c) for c in columns))
    conn.execute(insert(target), [dict(zip(columns, row, strict=True)) for row in rows])
    return len(rows)
