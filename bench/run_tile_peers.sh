#!/usr/bin/env bash
# Vector-tile throughput of the peers of layoutd's tile encoder, in one run:
#   1. the tile set: every XYZ tile z0-z12 whose Web Mercator bounds intersect the envelope of the
#      planning_area layer, written as CSV lines `z,x,y` (no header, ordered by z, x, y) to
#      $LAYOUTD_BUILD/tile-peers/tiles.csv (exported as LAYOUTD_TILE_LIST, count as LAYOUTD_TILE_COUNT);
#   2. a throw-away PostgreSQL 15 cluster on a local port (removed at exit), loaded with the same store
#      through ogr2ogr (GiST indexes), plus a stored EPSG:3857 copy of every layer (<layer>_3857);
#   3. PostGIS ST_AsMVT, one statement per tile returning the layers concatenated, two ways:
#        A. from the EPSG:4326 tables, transformed per tile (what pg_tileserv / Martin do with 4326 data);
#        B. from the stored 3857 copies;
#      each timed with pgbench: one connection, prepared statements, the tile list walked in order,
#      every tile once; a set-based pass per form before it is the warm-up, and gives the sizes per
#      zoom (form B) and a check of A against B;
#   4. ogr2ogr -f MVT (GDAL's MVT writer) writing the z0-z12 pyramid of the same layers, with its
#      default threads (as many as cores) and with GDAL_NUM_THREADS=1; hyperfine when Debian has it;
#   5. $LAYOUTD_BUILD/bin/tile_bench (BM_ColdPyramid, median of 3) on the same store, layers and tile
#      list when it has been built (this script never builds); a summary with ratios and both sides'
#      tile sizes per zoom.
# The layers: all 12 of the store, or those LAYOUTD_TILE_PEER_LAYERS names (space or comma separated).
# What goes into a tile, for both peers: the feature id (fid; GDAL 3.6's writer leaves ids out) and
# the properties id, name_zh, name_en only. layoutd's encoder writes those plus more, which can only
# make it slower: the comparison favours the peers. MVT extent 4096, a 64-unit buffer, no compression.
# Per core for PostGIS (parallel query off). Usage: bench/run_tile_peers.sh [STORE] (default
# data/layout.gpkg). Env: LAYOUTD_BUILD, LAYOUTD_TILE_PEER_PORT (55433), LAYOUTD_TILE_PEER_OUT
# (output folder), LAYOUTD_OGR_RUNS (3 timed ogr2ogr runs, default threads), LAYOUTD_OGR_RUNS_1T (1,
# one thread), LAYOUTD_TILE_PEER_LAYERS. About 4 minutes on 2 idle cores with the test store.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
ensure_apt gdal-bin postgresql-15 postgresql-15-postgis-3
# hyperfine only when Debian offers it (apt-cache knows it); otherwise a best-of loop below.
if ! command -v hyperfine >/dev/null && apt-cache show hyperfine >/dev/null 2>&1; then
  ensure_apt hyperfine || say "hyperfine did not install; timing ogr2ogr with a best-of loop"
fi

layers=(admin planning_area centre groups protected_zones city_layouts policy_zones
  belts corridor transport water_veins nodes)
# LAYOUTD_TILE_PEER_LAYERS="admin groups water_veins" restricts every contender to those layers
# (the issue's reference set: counties, groups, rivers).
if [ -n "${LAYOUTD_TILE_PEER_LAYERS:-}" ]; then
  read -r -a layers <<<"${LAYOUTD_TILE_PEER_LAYERS//,/ }"
fi
attrs="id, name_zh, name_en"  # plus fid as the MVT feature id; see the header
max_zoom=12
out="${LAYOUTD_TILE_PEER_OUT:-$LAYOUTD_BUILD/tile-peers}"
mkdir -p "$out"

# --- 1. The tile set, from the exact envelope of planning_area (bench/lib_tile_set.sh).
# shellcheck source=bench/lib_tile_set.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib_tile_set.sh"
tiles_csv="$out/tiles.csv"
write_tile_set "$store" "$max_zoom" "$tiles_csv"
minx="$area_minx" miny="$area_miny" maxx="$area_maxx" maxy="$area_maxy"
say "planning_area envelope: $minx $miny - $maxx $maxy (EPSG:4326)"
tile_count=$(wc -l <"$tiles_csv")
export LAYOUTD_TILE_LIST="$tiles_csv" LAYOUTD_TILE_COUNT="$tile_count"
say "tile set: $tile_count tiles z0-z$max_zoom in $tiles_csv; per zoom:"
awk -F, '{c[$1]++} END {for (z = 0; z in c; z++) printf "  z%-2d %6d\n", z, c[z]}' "$tiles_csv" >&2

# --- 2. A throw-away PostgreSQL, loaded with the store, plus stored 3857 copies.
# shellcheck source=bench/lib_pg_peer.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib_pg_peer.sh"
port="${LAYOUTD_TILE_PEER_PORT:-55433}"
start_peer_cluster "$port" layoutd-tile-peer

say "loading $store with ogr2ogr"
ogr2ogr -f PostgreSQL "PG:host=$work port=$port dbname=layout user=postgres" "$store" "${layers[@]}" \
  -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -lco FID=fid >/dev/null
for l in "${layers[@]}"; do
  psql_layout -c "CREATE TABLE ${l}_3857 AS SELECT fid, $attrs, ST_Transform(geom, 3857) AS geom FROM $l" \
    -c "CREATE INDEX ON ${l}_3857 USING gist (geom)"
done
cp "$tiles_csv" "$work/tiles.csv"
chmod 644 "$work/tiles.csv"
psql_layout <<SQL
CREATE TABLE tiles (n serial PRIMARY KEY, z integer, x integer, y integer);
\copy tiles (z, x, y) FROM '$work/tiles.csv' WITH (FORMAT csv)
VACUUM ANALYZE;
SQL

# tile_sql FORM "Z, X, Y": one expression, the 12 layers' ST_AsMVT concatenated, for tile (Z, X, Y).
# FORM a: the 4326 tables, transformed per tile; FORM b: the stored 3857 copies. An empty layer
# gives no bytes (ST_AsMVT over no rows is NULL on some PostGIS versions, hence the COALESCE).
# Form A is kept as the 4326 tile servers write it, quirk included: where the margin pushes a tile
# envelope past x = 20037508 m (the east tiles of z1 and z2), ST_Transform wraps that edge to about
# -177 degrees, the 4326 box no longer covers the east, and the tile comes out empty; the A-B check
# reports those tiles.
tile_sql() {
  local form="$1" zxy="$2" l src geom filter sql=""
  for l in "${layers[@]}"; do
    if [ "$form" = a ]; then
      src="$l" geom="ST_Transform(geom, 3857)"
      filter="geom && ST_Transform(ST_TileEnvelope($zxy, margin => 64.0/4096), 4326)"
    else
      src="${l}_3857" geom="geom" filter="geom && ST_TileEnvelope($zxy, margin => 64.0/4096)"
    fi
    [ -z "$sql" ] || sql+=" || "
    sql+="COALESCE((SELECT ST_AsMVT(q, '$l', 4096, 'geom', 'fid') FROM (SELECT fid, $attrs,"
    sql+=" ST_AsMVTGeom($geom, ST_TileEnvelope($zxy), 4096, 64, true) AS geom FROM $src WHERE $filter) q), '')"
  done
  printf '%s' "$sql"
}

# --- 3. PostGIS, forms A and B. Warm-up: one set-based pass per form, SELECT ... FROM tiles t CROSS
# JOIN LATERAL (tile query for t.z, t.x, t.y OFFSET 0) (the OFFSET keeps the planner from pulling the
# tile expression up and computing it once per use), kept for the sizes and for comparing A with B.
# Form B walks the whole set (the sizes); form A only z0-z$check_zoom (its z0 tile alone reads every
# feature of every layer; the whole set would cost another minute).
check_zoom=10
declare -A pg_rate pg_set_seconds pg_set_tiles
for form in a b; do
  where=""
  [ "$form" = b ] || where="WHERE t.z <= $check_zoom"
  start=$(date +%s.%N)
  psql_layout -c "CREATE TABLE sizes_$form AS SELECT t.n, t.z, t.x, t.y, length(m) AS len, md5(m) AS md5
                  FROM tiles t CROSS JOIN LATERAL (SELECT $(tile_sql "$form" "t.z, t.x, t.y") AS m OFFSET 0) q $where"
  end=$(date +%s.%N)
  pg_set_seconds[$form]=$(echo "$end - $start" | bc -l)
  pg_set_tiles[$form]=$(psql_layout -At -c "SELECT count(*) FROM sizes_$form")
done
# Same bytes except for the order of the features within a layer (each form's index scan has its
# own order), so lengths are compared, and md5 only counted.
psql_layout -At -F ' ' -o "$work/a_vs_b.txt" -c "
  SELECT count(*) FILTER (WHERE a.len <> b.len), count(*) FILTER (WHERE a.md5 <> b.md5),
         coalesce(string_agg(format('%s/%s/%s (A %s B %s bytes)', a.z, a.x, a.y, a.len, b.len), ', ')
                  FILTER (WHERE a.len <> b.len), '')
  FROM sizes_a a JOIN sizes_b b USING (n)"
read -r a_b_len_differs a_b_md5_differs a_b_differing <"$work/a_vs_b.txt" || true

# The timed runs: pgbench, one client, prepared statements, -t = the tile count; the client variable
# n starts at 0 (-D) and goes up by one per transaction, so the tiles are walked in list order, each
# once. Per transaction: a primary-key lookup of tile n (\gset), then the prepared tile statement.
for form in a b; do
  {
    printf '\\set n :n + 1\n'
    printf 'SELECT z, x, y FROM tiles WHERE n = :n \\gset\n'
    printf 'SELECT length(%s) AS len;\n' "$(tile_sql "$form" ":z, :x, :y")"
  } >"$work/tile_$form.sql"
  pg_rate[$form]=$(pgbench -n -M prepared -c 1 -j 1 -t "$tile_count" -D n=0 -h "$work" -p "$port" -U postgres \
    -f "$work/tile_$form.sql" layout 2>"$work/pgbench_$form.log" | awk '/^tps/ {print $3; exit}')
  [ -n "${pg_rate[$form]}" ] || { cat "$work/pgbench_$form.log" >&2; exit 1; }
done
psql_layout -A -F, -P footer=off -o "$out/postgis_b_sizes.csv" -c "
  SELECT z, count(*) AS tiles, count(*) FILTER (WHERE len > 0) AS non_empty, sum(len) AS total_bytes,
         max(len) AS max_bytes, percentile_disc(0.95) WITHIN GROUP (ORDER BY len) AS p95_bytes
  FROM sizes_b GROUP BY ROLLUP (z) ORDER BY z NULLS LAST"
pg_bytes=$(psql_layout -At -c "SELECT sum(len) FROM sizes_b")
pg_non_empty=$(psql_layout -At -c "SELECT count(*) FROM sizes_b WHERE len > 0")

# --- 4. GDAL's MVT writer over the same 12 layers. -spat keeps the features that touch the
# envelope and -clipsrc spat_extent clips them to it, so GDAL writes the tiles of the same set
# (without the clip it would also write every tile the admin / line layers reach outside the planning
# area: ~2.8x as many tiles). GDAL writes no file for an empty tile. Its writer is multi-threaded in
# part, with as many threads as cores unless GDAL_NUM_THREADS says otherwise (GDAL MVT driver docs).
ogr_runs="${LAYOUTD_OGR_RUNS:-3}" ogr_runs_1t="${LAYOUTD_OGR_RUNS_1T:-1}"
cores=$(nproc)
ogr_cmd=(ogr2ogr -f MVT "$work/mvt" "$store" "${layers[@]}" -spat "$minx" "$miny" "$maxx" "$maxy"
  -clipsrc spat_extent -select "${attrs//, /,}"
  -dsco MINZOOM=0 -dsco MAXZOOM="$max_zoom" -dsco FORMAT=DIRECTORY -dsco COMPRESS=NO
  -dsco EXTENT=4096 -dsco BUFFER=64 -dsco MAX_SIZE=500000)
declare -A ogr_best ogr_mean
# time_ogr KEY RUNS [THREADS]: best and mean wall seconds of RUNS runs with GDAL_NUM_THREADS=THREADS,
# or with GDAL_NUM_THREADS unset (GDAL's default) when THREADS is not given.
time_ogr() {
  local key="$1" runs="$2" threads="${3:-}" cmd i start end env_arg="-u GDAL_NUM_THREADS"
  [ -z "$threads" ] || env_arg="GDAL_NUM_THREADS=$threads"
  # A script per variant, so that hyperfine's CSV has no commas in its command column.
  printf 'exec env %s %s >/dev/null\n' "$env_arg" "$(printf '%q ' "${ogr_cmd[@]}")" >"$work/ogr_$key.sh"
  cmd="bash $work/ogr_$key.sh"
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --prepare "rm -rf $work/mvt" --export-csv "$work/hf_$key.csv" "$cmd" \
      >"$work/hf_$key.log" 2>&1 || { cat "$work/hf_$key.log" >&2; exit 1; }
    ogr_best[$key]=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i} NR == 2 {print $c["min"]}' "$work/hf_$key.csv")
    ogr_mean[$key]=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i} NR == 2 {print $c["mean"]}' "$work/hf_$key.csv")
  else
    local times=()
    for ((i = 0; i < runs; i++)); do
      rm -rf "$work/mvt"
      start=$(date +%s.%N)
      $cmd
      end=$(date +%s.%N)
      times+=("$(echo "$end - $start" | bc -l)")
    done
    ogr_best[$key]=$(printf '%s\n' "${times[@]}" | sort -g | head -n 1)
    ogr_mean[$key]=$(printf '%s\n' "${times[@]}" | awk '{s += $1} END {print s / NR}')
  fi
}
say "ogr2ogr -f MVT z0-z$max_zoom: $ogr_runs runs with $cores threads (the default), $ogr_runs_1t with 1"
time_ogr default "$ogr_runs"
time_ogr single "$ogr_runs_1t" 1
ogr_tiles=$(find "$work/mvt" -name '*.pbf' | wc -l)
ogr_bytes=$(find "$work/mvt" -name '*.pbf' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

# --- 5. layoutd's tile_bench, when built. Counters are read by their header names.
ours_rate="" ours_seconds=""
bench_bin="$LAYOUTD_BUILD/bin/tile_bench"
if [ -x "$bench_bin" ]; then
  csv="$out/tile_bench.csv"
  layer_list="${layers[*]}"
  if LAYOUTD_STORE="$store" LAYOUTD_TILE_LIST="$tiles_csv" LAYOUTD_TILE_LAYERS="${layer_list// /,}" \
    LAYOUTD_TILE_STATS=1 "$bench_bin" --benchmark_filter='BM_ColdPyramid' \
    --benchmark_format=csv --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    >"$csv" 2>"$out/tile_bench.log"; then
    counter_of() {
      awk -F, -v col="$1" '
        /^name,/ {for (i = 1; i <= NF; i++) {h = $i; gsub(/"/, "", h); c[h] = i}; next}
        (col in c) && $1 ~ /^"BM_ColdPyramid.*_median"$/ {print $c[col]; exit}' "$csv"
    }
    ours_rate=$(counter_of tiles_per_second)
    ours_seconds=$(counter_of pyramid_seconds)
    if [ -z "$ours_rate" ] || [ -z "$ours_seconds" ]; then
      say "tile_bench ran, but its CSV has no BM_ColdPyramid median with tiles_per_second and pyramid_seconds ($csv)"
    fi
  else
    say "tile_bench failed; log: $out/tile_bench.log"
  fi
else
  say "no $bench_bin (build the tree first): peer numbers only"
fi

# --- Summary.
printf '\ntile set: %s tiles z0-z%s over the planning_area envelope (%s non-empty in PostGIS)\n' \
  "$tile_count" "$max_zoom" "$pg_non_empty"
printf '\nlayers: %s\n' "${layers[*]}"
printf '\nPostGIS form B tile sizes (uncompressed bytes; %s):\n' "$out/postgis_b_sizes.csv"
column -t -s, "$out/postgis_b_sizes.csv" | sed 's/^/  /'
if [ -n "$ours_rate" ]; then
  printf '\nlayoutd tile sizes (uncompressed bytes, from tile_bench LAYOUTD_TILE_STATS=1):\n'
  sed -n '/^zoom /,/^ *12 /p' "$out/tile_bench.log" | sed 's/^/  /'
fi
printf '\n%-64s %10s %10s\n' "form (same store, same tile set)" "tiles/s" "seconds"
rate_row() { awk -v l="$1" -v r="$2" -v s="$3" 'BEGIN {printf "%-64s %10.0f %10.2f\n", l, r, s}'; }
for form in a b; do
  if [ "$form" = a ]; then label="PostGIS A: 4326 tables, ST_Transform per tile"; else label="PostGIS B: stored 3857 copies"; fi
  rate_row "$label, pgbench" "${pg_rate[$form]}" "$(echo "$tile_count / ${pg_rate[$form]}" | bc -l)"
  rate_row "  same, set-based warm-up pass over ${pg_set_tiles[$form]} tiles" \
    "$(echo "${pg_set_tiles[$form]} / ${pg_set_seconds[$form]}" | bc -l)" "${pg_set_seconds[$form]}"
done
rate_row "ogr2ogr -f MVT, $cores threads (default), best of $ogr_runs, $ogr_tiles files" \
  "$(echo "$ogr_tiles / ${ogr_best[default]}" | bc -l)" "${ogr_best[default]}"
rate_row "ogr2ogr -f MVT, GDAL_NUM_THREADS=1, best of $ogr_runs_1t" \
  "$(echo "$ogr_tiles / ${ogr_best[single]}" | bc -l)" "${ogr_best[single]}"
if [ -n "$ours_rate" ] && [ -n "$ours_seconds" ]; then
  rate_row "layoutd tile_bench BM_ColdPyramid (median of 3)" "$ours_rate" "$ours_seconds"
fi
printf '
bytes: PostGIS B %s in %s non-empty tiles; ogr2ogr %s in %s files
' \
  "$pg_bytes" "$pg_non_empty" "$ogr_bytes" "$ogr_tiles"
printf 'PostGIS A vs B over z0-z%s (%s tiles): %s differ in length, %s in md5 (feature order)%s
' \
  "$check_zoom" "${pg_set_tiles[a]}" "$a_b_len_differs" "$a_b_md5_differs" "${a_b_differing:+: $a_b_differing}"
printf 'ogr2ogr mean seconds: %s (default threads), %s (1 thread)\n' "${ogr_mean[default]}" "${ogr_mean[single]}"
if [ -n "$ours_rate" ] && [ -n "$ours_seconds" ]; then
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }  # the CSV may use 1e+06 notation
  printf 'ratio layoutd / PostGIS B: %sx tiles/s; ogr2ogr seconds / layoutd pyramid seconds: %sx (%s threads), %sx (1 thread)\n' \
    "$(ratio "$ours_rate" "${pg_rate[b]}")" "$(ratio "${ogr_best[default]}" "$ours_seconds")" "$cores" \
    "$(ratio "${ogr_best[single]}" "$ours_seconds")"
else
  printf 'layoutd: not measured (no %s); peer numbers only\n' "$bench_bin"
fi
