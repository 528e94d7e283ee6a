#!/usr/bin/env bash
# HTTP throughput of layoutd with wrk on loopback, 64 keep-alive connections:
#   locate  GET /api/v1/locate for random sites (a different site per request, bench/random_requests.lua),
#           the same against nginx serving one locate answer from a file (the floor: what a static
#           file server does with the same requests on the same machine, access log on in both), and
#           GET /healthz;
#   tiles   GET /tiles/{z}/{x}/{y}.mvt for random tiles of the set a map of the planning area asks
#           for (z0-z12, bench/lib_tile_set.sh; bench/random_requests.lua), all requested once before
#           (so every answer comes from the tile cache), without and with Accept-Encoding: gzip.
# Reports wrk's req/s, latency percentiles, bytes per answer and the CPU the server used (from
# /proc: user+system seconds per wall second; 2.0 = both cores), and layoutd/nginx as a ratio.
# wrk shares the machine.
# Usage: bench/run_wrk.sh [STORE] [SECONDS] [locate|tiles|all]   (defaults: data/layout.gpkg, 20, all)
# Environment:
#   LAYOUTD_WRK_BASELINE=BINARY  also runs the locate benchmark against this layoutd (an older build
#                                kept aside), in the same rounds: before/after under the same load
#   LAYOUTD_WRK_ROUNDS=N         locate rounds (layoutd, baseline, nginx back to back), default 1
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
seconds="${2:-20}"
what="${3:-all}"
case "$what" in locate | tiles | all) ;; *) say "unknown benchmark '$what' (locate, tiles or all)"; exit 1 ;; esac
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
baseline="${LAYOUTD_WRK_BASELINE:-}"
[ -z "$baseline" ] || [ -x "$baseline" ] || { say "LAYOUTD_WRK_BASELINE=$baseline is not an executable"; exit 1; }
rounds="${LAYOUTD_WRK_ROUNDS:-1}"
ensure_apt "${LAYOUTD_APT_BUILD[@]}" wrk curl bc nginx-light
# Only the server is run: the rest of the tree (tests, benchmarks) need not be built for it.
build_tree "$LAYOUTD_BUILD" Release "${LAYOUTD_RELEASE_ARGS[@]}" --target layoutd

nginx="$(command -v nginx || echo /usr/sbin/nginx)"  # /usr/sbin is not on every user's PATH
port="${LAYOUTD_WRK_PORT:-18181}"
threads="${LAYOUTD_WRK_SERVER_THREADS:-$(nproc)}"
work="$(mktemp -d /tmp/layoutd-wrk.XXXXXX)"
servers=()  # pids of the servers started here
stop_servers() {
  local pid
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap stop_servers EXIT

# start_layoutd BINARY PORT LOG: starts a layoutd on the store, waits for it to listen; its pid in $started.
started=""
start_layoutd() {
  "$1" --store "$store" --listen "127.0.0.1:$2" --threads "$threads" 2>"$3" &
  started=$!
  servers+=("$started")
  for _ in $(seq 100); do grep -q "listening on" "$3" && return 0; sleep 0.2; done
  cat "$3"
  exit 1
}
start_layoutd "$LAYOUTD_BUILD/bin/layoutd" "$port" "$work/layoutd.log"
server=$started

cpu_seconds() {  # user + system seconds of the pids given
  local pid total=0
  for pid in "$@"; do
    total="$(awk -v hz="$(getconf CLK_TCK)" -v t="$total" '{ printf "%.2f", t + ($14 + $15) / hz }' "/proc/$pid/stat")"
  done
  echo "$total"
}

# run NAME PIDS WRK_ARGUMENTS...: one wrk run; PIDS (space-separated) are the server's processes,
# whose CPU is reported. Leaves the req/s in $last_rps.
last_rps=""
run() {
  local name="$1" pids
  read -r -a pids <<<"$2"
  shift 2
  local before after out
  before="$(cpu_seconds "${pids[@]}")"
  out="$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")"
  after="$(cpu_seconds "${pids[@]}")"
  local rps p50 p99 errors bytes
  rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  # Bytes per answer, headers included (wrk's Transfer/sec in binary units over req/s).
  bytes="$(awk -v rps="$rps" '/Transfer\/sec/ {
    v = $2; u = substr(v, length(v) - 1); n = v + 0
    m = u == "GB" ? 2 ^ 30 : u == "MB" ? 2 ^ 20 : u == "KB" ? 2 ^ 10 : 1
    printf "%.0f", n * m / rps }' <<<"$out")"
  errors="$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)"
  printf '%-44s %10s req/s   p50 %-8s p99 %-8s %6s B/answer   server CPU %.2f cores %s\n' "$name" "$rps" "$p50" \
    "$p99" "$bytes" "$(awk -v a="$after" -v b="$before" -v s="$seconds" 'BEGIN { print (a - b) / s }')" \
    "${errors:+  !! $errors}"
  last_rps="$rps"
}

# start_nginx PORT: nginx serving the body of one locate answer (central 长春, one of the larger
# answers) as a file for every request, configured as a plain production server would be: two
# workers (the cores), keep-alive, sendfile, the access log on (nginx writes each line at once:
# one write() per request). Pids of its master and workers in $nginx_pids.
nginx_pids=""
start_nginx() {
  local dir="$work/nginx"
  mkdir -p "$dir/temp"
  curl -sf "$url/api/v1/locate?lon=125.3245&lat=43.9070" -o "$dir/locate.json"
  # Started by root, nginx's workers run as another user: they must be able to read the file.
  chmod 755 "$work" "$dir"
  chmod 644 "$dir/locate.json"
  cat >"$dir/nginx.conf" <<CONF
daemon off;
$([ "$(id -u)" -eq 0 ] && echo "user www-data;")
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  sendfile on;
  tcp_nopush on;
  # layoutd never closes a keep-alive connection after N requests; nginx does after 1000 by default.
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$1;
    root $dir;
    location / {
      default_type "application/json; charset=utf-8";
      try_files /locate.json =404;
    }
  }
}
CONF
  "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  servers+=("$!")
  local master=$!
  for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/api/v1/locate" && break
    sleep 0.1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$1/api/v1/locate" || { cat "$dir/error.log"; exit 1; }
  nginx_pids="$master $(cat "/proc/$master/task/$master/children")"
}

url="http://127.0.0.1:$port"
say "layoutd on 127.0.0.1:$port with $threads threads; wrk -t2 -c64 for ${seconds}s per run; load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$what" != tiles ]; then
  nginx_port=$((port + 1))
  start_nginx "$nginx_port"
  targets=("layoutd|$server|$url")
  if [ -n "$baseline" ]; then
    start_layoutd "$baseline" $((port + 2)) "$work/baseline.log"
    targets+=("baseline|$started|http://127.0.0.1:$((port + 2))")
  fi
  targets+=("nginx (one file)|$nginx_pids|http://127.0.0.1:$nginx_port")
  say "nginx $("$nginx" -v 2>&1 | cut -d/ -f2) on 127.0.0.1:$nginx_port serving $(stat -c %s "$work/nginx/locate.json") bytes;" \
    "${baseline:+baseline: $baseline; }$rounds round(s), each target back to back"
  for round in $(seq "$rounds"); do
    declare -A rps=()
    for target in "${targets[@]}"; do
      IFS='|' read -r name pids base <<<"$target"
      locate=(-s "$LAYOUTD_ROOT/bench/random_requests.lua" "$base" -- locate)
      # Warm-up: first touches of the snapshot's indexes, and wrk's connections.
      wrk -t2 -c64 -d3s "${locate[@]}" >/dev/null
      run "$name: GET /api/v1/locate (random sites)" "$pids" "${locate[@]}"
      rps[$name]="$last_rps"
      printf '%s\t%s\n' "$name" "$last_rps" >>"$work/rounds.tsv"
    done
    ratios=""
    for target in "${targets[@]}"; do
      name="${target%%|*}"
      [ "${name#nginx}" = "$name" ] || continue
      ratios+="$(awk -v a="${rps[$name]}" -v b="${rps["nginx (one file)"]}" -v n="$name" \
        'BEGIN { printf "   %s/nginx %.2fx", n, a / b }')"
    done
    printf 'round %d:%s\n' "$round" "$ratios"
    unset rps
  done
  if [ "$rounds" -gt 1 ]; then
    # The machine's speed drifts with the other builds on it: the median of the rounds per target.
    for target in "${targets[@]}"; do
      name="${target%%|*}"
      awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$work/rounds.tsv" | sort -n |
        awk -v n="$name" '{ v[NR] = $1 } END { printf "median of %d rounds, %-20s %10.0f req/s\n", NR, n ":", \
          NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
    done
  fi
  run "layoutd: GET /healthz" "$server" "$url/healthz"
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
  run "layoutd: GET /tiles (random, cached)" "$server" "${tiles[@]}"
  run "layoutd: GET /tiles (random, cached, gzip)" "$server" -H "Accept-Encoding: gzip" "${tiles[@]}"
fi
