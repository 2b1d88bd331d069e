#!/usr/bin/env bash
# Install PostgreSQL + PostGIS from Debian's packages, start a throwaway cluster on
# loopback and create the `frontline_test` database with the PostGIS extension.
#
# Prints one line on stdout, for `eval`:
#   export FRONTLINE_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/frontline_test
# Everything else goes to stderr.  Idempotent: a second call reuses the running cluster.
#
# Environment: FRONTLINE_PG_DIR (cluster directory, default /tmp/frontline-pg),
#              FRONTLINE_PG_PORT (default 55432).
set -euo pipefail

PGDIR="${FRONTLINE_PG_DIR:-/tmp/frontline-pg}"
PORT="${FRONTLINE_PG_PORT:-55432}"
DB=frontline_test
log() { echo "ci_postgres: $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bindir() {
  local v
  for v in $(ls -1 /usr/lib/postgresql 2>/dev/null | sort -rn); do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return 0; fi
  done
  return 1
}

has_postgis() {
  local bindir="$1" share
  share="$("$bindir/pg_config" --sharedir 2>/dev/null || true)"
  [ -n "$share" ] && ls "$share"/extension/postgis.control >/dev/null 2>&1
}

install_packages() {
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    log "cannot install packages (need apt-get as root)"; return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=900 -y -qq)
  "${apt[@]}" update >&2 || true
  "${apt[@]}" install --no-install-recommends postgresql postgresql-contrib >&2
  local bindir ver
  bindir="$(pg_bindir)"
  ver="$(basename "$(dirname "$bindir")")"
  if ! has_postgis "$bindir"; then
    # Debian names the extension package after the server's major version.
    local pkg
    pkg="$(apt-cache search --names-only "^postgresql-${ver}-postgis-[0-9]+\$" | awk '{print $1}' | sort -V | tail -1)"
    [ -n "$pkg" ] || { log "no PostGIS package for PostgreSQL $ver"; return 1; }
    "${apt[@]}" install --no-install-recommends "$pkg" >&2
  fi
}

BINDIR="$(pg_bindir || true)"
if [ -z "$BINDIR" ] || ! has_postgis "$BINDIR"; then
  install_packages
  BINDIR="$(pg_bindir)"
fi

if ! "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -f "$PGDIR/PG_VERSION" ]; then
    log "initdb $PGDIR"
    mkdir -p "$PGDIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
    as_postgres "$BINDIR/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  # Throwaway settings: durability matters less than speed here, but we keep fsync on
  # so the fault tests exercise real commit behaviour.
  as_postgres "$BINDIR/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PORT -k /tmp -c max_connections=200 -c shared_buffers=128MB" start >&2
fi

PSQL=("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$DB'")" != 1 ]; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >&2
fi
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2
log "PostgreSQL $("${PSQL[@]}" -d "$DB" -c 'SHOW server_version') with PostGIS $("${PSQL[@]}" -d "$DB" -c 'SELECT postgis_lib_version()') on 127.0.0.1:$PORT"
echo "export FRONTLINE_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
