#!/usr/bin/env bash
# Load and soak of layoutd on a store (default: the dataset), one layoutd process throughout:
#   1. mix     the four kinds of request at once for LAYOUTD_SOAK_MIX_SECONDS (60): locate, cached
#              tiles, OGC items and overlap (POST), one wrk per route with a quarter of the
#              connections each (256 in all), so that wrk measures each route's latency on its own
#              while the four load the server together (one wrk rotating over the routes would
#              give one latency distribution for them all);
#   2. soak    one wrk rotating over the four routes (bench/soak_requests.lua mix) on all the
#              connections for LAYOUTD_SOAK_SECONDS (600);
#   3. reload  the same again, with POST /admin/reload?wait=1 every LAYOUTD_SOAK_RELOAD_EVERY
#              seconds (30).
# layoutd's resident memory (VmRSS) is sampled every second throughout into rss.csv
# (seconds,rss_kib,phase) and drawn in rss.png (gnuplot). Reports, per phase, req/s, non-2xx
# answers and socket errors, latency percentiles, RSS at its start and end and its peak; the run
# fails when any answer was not 2xx, a socket failed or a reload did not succeed.
# Usage: bench/soak.sh [STORE]   (outputs in LAYOUTD_SOAK_OUT, default build/soak)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
mix_seconds="${LAYOUTD_SOAK_MIX_SECONDS:-60}"
soak_seconds="${LAYOUTD_SOAK_SECONDS:-600}"
reload_every="${LAYOUTD_SOAK_RELOAD_EVERY:-30}"
connections="${LAYOUTD_SOAK_CONNECTIONS:-256}"
out="${LAYOUTD_SOAK_OUT:-$LAYOUTD_BUILD/soak}"
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
ensure_apt "${LAYOUTD_APT_BUILD[@]}" wrk curl gnuplot-nox
build_tree "$LAYOUTD_BUILD" Release "${LAYOUTD_RELEASE_ARGS[@]}" --target layoutd
mkdir -p "$out"
rm -f "$out"/*.wrk "$out/rss.csv" "$out/reloads.log"

work="$(mktemp -d /tmp/layoutd-soak.XXXXXX)"
background=()  # pids of what this script started
stop_all() {
  local pid
  for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap stop_all EXIT

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/token"
port="${LAYOUTD_SOAK_PORT:-18183}"
url="http://127.0.0.1:$port"
: >"$out/layoutd.log"
# The watch is off: the only reloads are the ones phase 3 asks for.
# The heavy queue holds every connection: the soak measures the server under its full load. With
# the default (16) a quarter of 256 connections sending overlaps overflows it and the excess is
# shed with 503 + Retry-After by design (43 of ~13 000 overlaps in a 30 s mix here), which this
# script would count as failures. LAYOUTD_SOAK_HEAVY_QUEUE=16 shows the shedding.
"$LAYOUTD_BUILD/bin/layoutd" --store "$store" --listen "127.0.0.1:$port" --threads "$(nproc)" --watch-interval 0 \
  --heavy-queue "${LAYOUTD_SOAK_HEAVY_QUEUE:-$connections}" --admin-token-file "$work/token" 2>"$out/layoutd.log" &
server=$!
background+=("$server")
for _ in $(seq 150); do grep -q "listening on" "$out/layoutd.log" && break; sleep 0.2; done
grep -q "listening on" "$out/layoutd.log" || { cat "$out/layoutd.log"; exit 1; }

# RSS every second, tagged with the phase named in $work/phase, until layoutd exits. Builtins only
# (no process per sample but sleep), and the next sample a second after the last one began, so
# the samples stay a second apart on a loaded machine.
echo start >"$work/phase"
echo "seconds,rss_kib,phase" >"$out/rss.csv"
(
  started=${EPOCHREALTIME/./}
  while [ -r "/proc/$server/status" ]; do
    sleep 1 &
    tick=$!
    rss=""
    while read -r key value _; do [ "$key" = "VmRSS:" ] && rss=$value; done <"/proc/$server/status" 2>/dev/null || true
    read -r phase <"$work/phase"
    elapsed=$(((${EPOCHREALTIME/./} - started) / 100000))  # tenths of a second
    [ -n "$rss" ] && printf '%d.%d,%s,%s\n' $((elapsed / 10)) $((elapsed % 10)) "$rss" "$phase"
    wait "$tick"
  done >>"$out/rss.csv"
) &
background+=("$!")

# shellcheck source=bench/lib_tile_set.sh
source "$LAYOUTD_ROOT/bench/lib_tile_set.sh"
write_tile_set "$store" 12 "$work/tiles.csv"
# Every tile once (the first ones wait for their zoom's preparation), so phase 1's tiles come from
# the cache, as a map's do once it has been looked at.
awk -F, -v url="$url" '{printf "url = \"%s/tiles/%s/%s/%s.mvt\"\noutput = /dev/null\n", url, $1, $2, $3}' \
  "$work/tiles.csv" >"$work/warm.curl"
curl -sf -K "$work/warm.curl"
script="$LAYOUTD_ROOT/bench/soak_requests.lua"
say "layoutd on $url ($(nproc) threads), $connections connections; mix ${mix_seconds}s, soak ${soak_seconds}s," \
  "soak with a reload every ${reload_every}s ${soak_seconds}s; load: $(cut -d' ' -f1-3 /proc/loadavg); out: $out"

# summary NAME WRK_OUTPUT_FILE: one line of wrk's figures; counts failures in $failures.
failures=0
summary() {
  local non2xx socket
  non2xx="$(awk '/Non-2xx/ { print $NF }' "$2")"
  socket="$(awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i; print s }' "$2")"
  awk -v name="$1" -v n="${non2xx:-0}" -v s="${socket:-0}" '
    /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "90%" { p90 = $2 } $1 == "99%" { p99 = $2 }
    END { printf "  %-8s %9.0f req/s   non-2xx %-6d socket errors %-6d p50 %-9s p90 %-9s p99 %s\n", name, rps, n, s, p50, p90, p99 }' "$2"
  failures=$((failures + ${non2xx:-0} + ${socket:-0}))
}
# rss_summary PHASE: RSS at the phase's first and last sample and its peak, in MiB.
rss_summary() {
  awk -F, -v p="$1" '$3 == p { if (!n++) first = $2; last = $2; if ($2 > peak) peak = $2 }
    END { printf "  RSS %-7s start %4.0f MiB   end %4.0f MiB   peak %4.0f MiB   (%d samples)\n", p, first / 1024, last / 1024, peak / 1024, n }' \
    "$out/rss.csv"
}

echo mix >"$work/phase"
echo "1. mix: one wrk per route, $((connections / 4)) connections each, ${mix_seconds}s"
pids=()
for route in locate tiles ogc overlap; do
  wrk -t1 -c$((connections / 4)) -d"${mix_seconds}s" --timeout 10s --latency -s "$script" "$url" -- "$route" "$work/tiles.csv" \
    >"$out/mix-$route.wrk" &
  pids+=("$!")
done
wait "${pids[@]}"
total=0
for route in locate tiles ogc overlap; do
  summary "$route" "$out/mix-$route.wrk"
  total=$(awk -v t="$total" '/Requests\/sec/ { print t + $2 }' "$out/mix-$route.wrk")
done
printf '  all      %9.0f req/s\n' "$total"
rss_summary mix

echo "2. soak: the four routes in turn on $connections connections, ${soak_seconds}s"
echo soak >"$work/phase"
wrk -t2 -c"$connections" -d"${soak_seconds}s" --timeout 10s --latency -s "$script" "$url" -- mix "$work/tiles.csv" \
  >"$out/soak.wrk"
summary soak "$out/soak.wrk"
rss_summary soak

echo "3. soak with POST /admin/reload every ${reload_every}s, ${soak_seconds}s"
echo reload >"$work/phase"
(
  token="$(cat "$work/token")"
  # A reload every $reload_every seconds from the start of the last one (a reload under load takes
  # seconds: ?wait=1 returns when it is done).
  while sleep $((reload_every - (SECONDS - ${last:-SECONDS}) > 0 ? reload_every - (SECONDS - ${last:-SECONDS}) : 0)); do
    last=$SECONDS
    printf '%s %s\n' "$(date +%T)" \
      "$(curl -s -w ' %{http_code}' -X POST -H "Authorization: Bearer $token" "$url/admin/reload?wait=1")"
  done >>"$out/reloads.log"
) &
reloader=$!
background+=("$reloader")
wrk -t2 -c"$connections" -d"${soak_seconds}s" --timeout 10s --latency -s "$script" "$url" -- mix "$work/tiles.csv" \
  >"$out/reload.wrk"
kill "$reloader"
wait "$reloader" 2>/dev/null || true
echo end >"$work/phase"
summary reload "$out/reload.wrk"
reloads_ok=$(grep -c ' 200$' "$out/reloads.log" || true)
reloads=$(wc -l <"$out/reloads.log")
echo "  reloads: $reloads_ok of $reloads answered 200 ($(grep -o '"duration_ms":[0-9]*' "$out/reloads.log" |
  cut -d: -f2 | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%d-%d ms", v[1], v[NR]; else printf "none" }'))"
failures=$((failures + reloads - reloads_ok))
rss_summary reload
sleep 2
rss_summary end
# What the caches hold at the end (the tile cache keeps a replaced snapshot's tiles until they age out).
curl -sf "$url/metrics" >"$out/metrics.txt" || true

gnuplot <<PLOT
set terminal pngcairo size 1000,500
set output "$out/rss.png"
set datafile separator ","
set title "layoutd resident memory (VmRSS), $connections connections: mix ${mix_seconds}s, soak ${soak_seconds}s, soak + reload every ${reload_every}s"
set xlabel "seconds"
set ylabel "MiB"
set key top left
set grid
set yrange [0:*]
plot for [p in "start mix soak reload end"] "$out/rss.csv" using 1:(strcol(3) eq p ? \$2 / 1024 : NaN) \
  with lines linewidth 2 title p
PLOT
echo "RSS samples: $out/rss.csv, plot: $out/rss.png, wrk outputs: $out/*.wrk, layoutd log: $out/layoutd.log"
[ "$failures" -eq 0 ] || { say "FAILED: $failures answers were not 2xx, sockets failed or reloads failed"; exit 1; }
