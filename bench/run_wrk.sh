#!/usr/bin/env bash
# HTTP throughput of layoutd with wrk on loopback: GET /api/v1/locate for random sites (a
# different site per request, bench/locate_sites.lua) and GET /healthz as the server's floor,
# 64 keep-alive connections. Reports wrk's req/s and latency percentiles and the CPU layoutd used
# (from /proc: user+system seconds per wall second; 2.0 = both cores). wrk shares the machine, so
# its own CPU is reported too.
# Usage: bench/run_wrk.sh [STORE] [SECONDS]   (defaults: data/layout.gpkg, 20)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
seconds="${2:-20}"
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
ensure_apt "${LAYOUTD_APT_BUILD[@]}" wrk
build_tree "$LAYOUTD_BUILD" Release

port="${LAYOUTD_WRK_PORT:-18181}"
threads="${LAYOUTD_WRK_SERVER_THREADS:-$(nproc)}"
log="$(mktemp /tmp/layoutd-wrk.XXXXXX.log)"
"$LAYOUTD_BUILD/bin/layoutd" --store "$store" --listen "127.0.0.1:$port" --threads "$threads" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.2; done
grep -q "listening on" "$log" || { cat "$log"; exit 1; }

cpu_seconds() {  # user + system seconds of a pid
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

run() {  # name, then wrk arguments
  local name="$1"
  shift
  local before after out
  before="$(cpu_seconds $server)"
  out="$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")"
  after="$(cpu_seconds $server)"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)"
  printf '%-34s %10s req/s   p50 %-8s p99 %-8s layoutd CPU %.2f cores %s\n' "$name" "$rps" "$p50" "$p99" \
    "$(awk -v a="$after" -v b="$before" -v s="$seconds" 'BEGIN { print (a - b) / s }')" "${errors:+  !! $errors}"
}

say "layoutd on 127.0.0.1:$port with $threads threads; wrk -t2 -c64 for ${seconds}s per run"
# Warm-up: first touches of the snapshot's indexes, and wrk's connections.
wrk -t2 -c64 -d3s -s "$LAYOUTD_ROOT/bench/locate_sites.lua" "http://127.0.0.1:$port" >/dev/null
run "GET /api/v1/locate (random sites)" -s "$LAYOUTD_ROOT/bench/locate_sites.lua" "http://127.0.0.1:$port"
run "GET /healthz" "http://127.0.0.1:$port/healthz"
