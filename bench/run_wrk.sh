#!/usr/bin/env bash
# HTTP throughput of layoutd with wrk on loopback, 64 keep-alive connections:
#   locate  GET /api/v1/locate for random sites (a different site per request, bench/random_requests.lua)
#           and GET /healthz as the server's floor;
#   tiles   GET /tiles/{z}/{x}/{y}.mvt for random tiles of the set a map of the planning area asks
#           for (z0-z12, bench/lib_tile_set.sh; bench/random_requests.lua), all requested once before
#           (so every answer comes from the tile cache), without and with Accept-Encoding: gzip.
# Reports wrk's req/s and latency percentiles and the CPU layoutd used (from /proc: user+system
# seconds per wall second; 2.0 = both cores). wrk shares the machine.
# Usage: bench/run_wrk.sh [STORE] [SECONDS] [locate|tiles|all]   (defaults: data/layout.gpkg, 20, all)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
seconds="${2:-20}"
what="${3:-all}"
case "$what" in locate | tiles | all) ;; *) say "unknown benchmark '$what' (locate, tiles or all)"; exit 1 ;; esac
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
ensure_apt "${LAYOUTD_APT_BUILD[@]}" wrk curl bc
build_tree "$LAYOUTD_BUILD" Release "${LAYOUTD_RELEASE_ARGS[@]}"

port="${LAYOUTD_WRK_PORT:-18181}"
threads="${LAYOUTD_WRK_SERVER_THREADS:-$(nproc)}"
log="$(mktemp /tmp/layoutd-wrk.XXXXXX.log)"
"$LAYOUTD_BUILD/bin/layoutd" --store "$store" --listen "127.0.0.1:$port" --threads "$threads" 2>"$log" &
server=$!
work="$(mktemp -d /tmp/layoutd-wrk.XXXXXX)"
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"; rm -rf "$work"' EXIT
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

url="http://127.0.0.1:$port"
say "layoutd on 127.0.0.1:$port with $threads threads; wrk -t2 -c64 for ${seconds}s per run; load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$what" != tiles ]; then
  # Warm-up: first touches of the snapshot's indexes, and wrk's connections.
  locate=(-s "$LAYOUTD_ROOT/bench/random_requests.lua" "$url" -- locate)
  wrk -t2 -c64 -d3s "${locate[@]}" >/dev/null
  run "GET /api/v1/locate (random sites)" "${locate[@]}"
  run "GET /healthz" "$url/healthz"
fi
if [ "$what" != locate ]; then
  # shellcheck source=bench/lib_tile_set.sh
  source "$LAYOUTD_ROOT/bench/lib_tile_set.sh"
  write_tile_set "$store" 12 "$work/tiles.csv"
  # Every tile once (the first ones wait for their zoom's preparation), over one connection.
  start=$(date +%s.%N)
  awk -F, -v url="$url" '{printf "url = \"%s/tiles/%s/%s/%s.mvt\"\noutput = /dev/null\n", url, $1, $2, $3}' \
    "$work/tiles.csv" >"$work/warm.curl"
  # The tile cache (--tile-cache-mb, 256 MiB by default) holds each tile twice (plain and gzip):
  # the total says whether every tile stays cached.
  bytes=$(curl -sf -K "$work/warm.curl" -w '%{size_download}\n' | awk '{s += $1} END {print s}')
  say "tile cache warmed: $(wc -l <"$work/tiles.csv") tiles z0-z12, $bytes bytes uncompressed, in" \
    "$(echo "$(date +%s.%N) - $start" | bc -l | cut -c1-5) s"
  tiles=(-s "$LAYOUTD_ROOT/bench/random_requests.lua" "$url" -- tiles "$work/tiles.csv")
  run "GET /tiles (random, cached)" "${tiles[@]}"
  run "GET /tiles (random, cached, gzip)" -H "Accept-Encoding: gzip" "${tiles[@]}"
fi
