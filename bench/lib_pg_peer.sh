# shellcheck shell=bash
# A throw-away PostgreSQL 15 + PostGIS cluster for the peer benchmarks, removed at exit. Sourced
# by bench/run_peers.sh and bench/run_tile_peers.sh after scripts/lib/common.sh.
#   start_peer_cluster PORT PREFIX   sets $work (socket + data dir), starts the server with
#                                    parallel query off (per-core numbers), creates database
#                                    `layout` with postgis; psql_layout runs psql in it.
pgbin=/usr/lib/postgresql/15/bin
work=""       # set by start_peer_cluster
peer_port=""
as_pg() { runuser -u postgres -- "$@"; }

start_peer_cluster() {
  local port="$1" prefix="$2"
  peer_port="$port"
  work="$(mktemp -d "/tmp/$prefix.XXXXXX")"
  chmod 755 "$work"
  chown postgres "$work"
  trap 'as_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  say "starting a throw-away PostgreSQL on port $port"
  as_pg "$pgbin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-p $port -k $work -c listen_addresses='' -c max_parallel_workers_per_gather=0 -c shared_buffers=512MB" \
    start >/dev/null
  psql -X -q -h "$work" -p "$port" -U postgres -d postgres -c "CREATE DATABASE layout"
  psql_layout -c "CREATE EXTENSION postgis"
}

psql_layout() { psql -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$peer_port" -U postgres -d layout "$@"; }
