#!/usr/bin/env bash
# What a hot reload costs on a store (default: the dataset): layoutd is started with
# --warm-zooms N for each N given, reloaded RUNS times with POST /admin/reload?wait=1, and reports
#   - the reload's duration (read + validate + index + warming) and the warming alone,
#   - the latency of the first tile of each zoom 0-10 over 长春 right after the reload (what the
#     first map view after a reload waits for),
#   - layoutd's resident memory before and at its peak (VmHWM) across the reloads.
# Usage: bench/run_reload.sh [STORE] [RUNS] [WARM...]   (defaults: data/layout.gpkg, 3, "-1 8")
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
runs="${2:-3}"
shift $(($# > 2 ? 2 : $#))
warms=("$@")
[ "${#warms[@]}" -gt 0 ] || warms=(-1 8)
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
ensure_apt "${LAYOUTD_APT_BUILD[@]}" curl
build_tree "$LAYOUTD_BUILD" Release "${LAYOUTD_RELEASE_ARGS[@]}"

work="$(mktemp -d /tmp/layoutd-reload-bench.XXXXXX)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/token"
token="$(cat "$work/token")"
port="${LAYOUTD_RELOAD_PORT:-18182}"

# The tile containing 长春站 at zoom z.
tile_url() {
  awk -v z="$1" -v port="$port" 'BEGIN {
    lon = 125.3245; lat = 43.9070; pi = atan2(0, -1); n = 2 ^ z
    x = int((lon + 180) / 360 * n); r = lat * pi / 180
    y = int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / pi) / 2 * n)
    printf "http://127.0.0.1:%d/tiles/%d/%d/%d.mvt", port, z, x, y }'
}
kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server/status"; }

say "store $store; $runs reloads per setting; machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
for warm in "${warms[@]}"; do
  "$LAYOUTD_BUILD/bin/layoutd" --store "$store" --listen "127.0.0.1:$port" --threads 2 --watch-interval 0 \
    --warm-zooms "$warm" --admin-token-file "$work/token" 2>"$work/log" &
  server=$!
  for _ in $(seq 150); do grep -q "listening on" "$work/log" && break; sleep 0.2; done
  grep -q "listening on" "$work/log" || { cat "$work/log"; exit 1; }
  rss_start="$(kib VmRSS)"
  printf '\n--warm-zooms %s\n' "$warm"
  for run in $(seq "$runs"); do
    answer="$(curl -sf -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/admin/reload?wait=1")"
    duration="$(grep -o '"duration_ms":[0-9]*' <<<"$answer" | cut -d: -f2)"
    warmed="$(grep -o '"warm_ms":[0-9]*' <<<"$answer" | cut -d: -f2)"
    firsts=""
    for z in $(seq 0 10); do
      firsts+="$(curl -s -o /dev/null -w '%{time_total}' "$(tile_url "$z")" | awk '{ printf " %5.0f", $1 * 1000 }')"
    done
    printf '  reload %d: %6d ms (warming %5d ms); first tile z0..z10 ms:%s\n' "$run" "$duration" "$warmed" "$firsts"
  done
  printf '  memory: %d MiB resident after start, peak %d MiB\n' "$((rss_start / 1024))" "$(($(kib VmHWM) / 1024))"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
done
