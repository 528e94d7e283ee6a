#!/usr/bin/env bash
# Query-engine throughput side by side with its peer, PostgreSQL + PostGIS, in one run:
#   1. a throw-away PostgreSQL 15 cluster on a local port (removed at exit), loaded with the same
#      store through ogr2ogr (GiST indexes; geography indexes on the line layers);
#   2. the same 100 000 random sites over the planning area (exported by query_bench);
#   3. PostGIS answering them three ways — one set-based ST_Covers join over the polygon layers,
#      one prepared query per point on one connection (pgbench), and the full locate per point
#      (ST_Covers + ST_DWithin bands on geography + KNN nearest per line layer);
#   4. build/bin/query_bench on the same store and sites; a summary with ratios.
# Per core on both sides: PostgreSQL parallel query is off, query_bench runs single-threaded
# (plus its batches). layoutd answers into one reused result buffer (locate_into), and by value
# (locate) alongside. Usage: bench/run_peers.sh [STORE]   (default data/layout.gpkg)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

store="$(realpath "${1:-$LAYOUTD_ROOT/data/layout.gpkg}")"
[ -f "$store" ] || { say "no store at $store (scripts/serve builds it)"; exit 1; }
ensure_apt "${LAYOUTD_APT_BUILD[@]}" postgresql-15 postgresql-15-postgis-3
build_tree "$LAYOUTD_BUILD" Release "${LAYOUTD_RELEASE_ARGS[@]}"

# shellcheck source=bench/lib_pg_peer.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib_pg_peer.sh"
port="${LAYOUTD_PEER_PORT:-55432}"
start_peer_cluster "$port" layoutd-peer

say "loading $store with ogr2ogr"
ogr2ogr -f PostgreSQL "PG:host=$work port=$port dbname=layout user=postgres" "$store" \
  -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -lco FID=fid >/dev/null
polygon_layers=(admin planning_area centre groups protected_zones city_layouts policy_zones)
line_layers=(belts corridor transport water_veins)
for l in "${line_layers[@]}"; do
  psql_layout -c "CREATE INDEX ON $l USING gist ((geom::geography))"
done

LAYOUTD_STORE="$store" LAYOUTD_DUMP_SITES="$work/sites.csv" "$LAYOUTD_BUILD/bin/query_bench"
chmod 644 "$work/sites.csv"
psql_layout <<SQL
CREATE TABLE sites (id integer PRIMARY KEY, lon float8, lat float8);
\copy sites FROM '$work/sites.csv' WITH (FORMAT csv)
ALTER TABLE sites ADD COLUMN geom geometry(Point, 4326);
UPDATE sites SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
CREATE INDEX ON sites USING gist (geom);
VACUUM ANALYZE;
SQL
sites=$(psql_layout -At -c "SELECT count(*) FROM sites")

# --- PostGIS form 1: one set-based join per polygon layer (polygons outer), summed.
join_sql="SELECT 0"
for l in "${polygon_layers[@]}"; do
  join_sql+=" + (SELECT count(*) FROM $l f JOIN sites s ON ST_Covers(f.geom, s.geom))"
done
psql_layout -At -c "$join_sql" >/dev/null  # warm the caches
start=$(date +%s.%N)
pg_matches=$(psql_layout -At -c "$join_sql")
end=$(date +%s.%N)
pg_join_rate=$(echo "$sites / ($end - $start)" | bc -l)

# --- PostGIS forms 2 and 3: one prepared query per point, pgbench on one connection.
# write_point_script FILE "EXPR + EXPR ...": a pgbench script evaluating the sum for a random site p.
write_point_script() {
  printf '\\set id random(1, %s)\nSELECT %s FROM sites p WHERE p.id = :id;\n' "$sites" "$2" >"$1"
}
covers_sql="0"
for l in "${polygon_layers[@]}"; do
  covers_sql+=" + (SELECT count(*) FROM $l f WHERE ST_Covers(f.geom, p.geom))"
done
full_sql="$covers_sql"
for l in "${line_layers[@]}"; do
  full_sql+=" + (SELECT count(*) FROM $l f WHERE ST_DWithin(f.geom::geography, p.geom::geography, f.band_m))"
  full_sql+=" + (SELECT count(*) FROM (SELECT fid FROM $l f ORDER BY f.geom::geography <-> p.geom::geography LIMIT 1) n)"
done
write_point_script "$work/covers.sql" "$covers_sql"
write_point_script "$work/full.sql" "$full_sql"
pgbench_tps() {
  pgbench -n -M prepared -c 1 -j 1 -T "${LAYOUTD_PEER_SECONDS:-10}" -h "$work" -p "$port" -U postgres -f "$1" layout 2>/dev/null |
    awk '/^tps/ {print $3; exit}'
}
pg_covers_rate=$(pgbench_tps "$work/covers.sql")
pg_full_rate=$(pgbench_tps "$work/full.sql")

# --- layoutd, same store and sites, same machine, right after.
csv="$work/query_bench.csv"
LAYOUTD_STORE="$store" "$LAYOUTD_BUILD/bin/query_bench" --benchmark_format=csv --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_min_time=1 \
  --benchmark_filter='BM_Locate|BM_Batch100k|BM_BatchPolygonLayers100k' >"$csv" 2>/dev/null
rate_of() { awk -F, -v name="\"$1_median\"" '$1 == name {print $7}' "$csv"; }
ours_polygons=$(rate_of BM_LocatePolygonLayers)
ours_full=$(rate_of BM_LocateFull)
ours_polygons_returned=$(rate_of BM_LocatePolygonLayersReturned)
ours_full_returned=$(rate_of BM_LocateFullReturned)
ours_batch=$(rate_of BM_Batch100k/2/real_time)
ours_batch1=$(rate_of BM_Batch100k/1/real_time)
ours_batch_polygons=$(rate_of BM_BatchPolygonLayers100k/real_time)
# The batch answers each of the sites exactly once per iteration (the per-site benchmarks cycle
# through them and stop anywhere), so its count is the one to set against PostGIS's.
ours_matches=$(awk -F, '$1 == "\"BM_BatchPolygonLayers100k/real_time_median\"" {printf "%.5f", $NF}' "$csv")

printf '\n%-58s %14s\n' "form (same store, same $sites sites)" "sites/s"
printf '%-58s %14.0f\n' "PostGIS: set-based ST_Covers join, polygon layers" "$pg_join_rate"
printf '%-58s %14.0f\n' "PostGIS: prepared query per point, polygon layers" "$pg_covers_rate"
printf '%-58s %14.0f\n' "PostGIS: prepared query per point, full locate" "$pg_full_rate"
printf '%-58s %14.0f\n' "layoutd: locate, polygon layers, 1 core" "$ours_polygons"
printf '%-58s %14.0f\n' "  the same, each answer returned by value" "$ours_polygons_returned"
printf '%-58s %14.0f\n' "layoutd: locate, full (bands + nearest), 1 core" "$ours_full"
printf '%-58s %14.0f\n' "  the same, each answer returned by value" "$ours_full_returned"
printf '%-58s %14.0f\n' "layoutd: batch of 100 000, polygon layers, 1 thread" "$ours_batch_polygons"
printf '%-58s %14.0f\n' "layoutd: batch of 100 000 full locates, 1 thread" "$ours_batch1"
printf '%-58s %14.0f\n' "layoutd: batch of 100 000 full locates, 2 threads" "$ours_batch"
best_pg_polygons=$(awk -v a="$pg_join_rate" -v b="$pg_covers_rate" 'BEGIN {print (a > b ? a : b)}')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }  # the CSV may use 1e+06 notation
printf '\nratio polygon layers: %sx the best PostGIS form (%sx the per-point form); as one batch against the set-based join: %sx; full locate: %sx PostGIS per point\n' \
  "$(ratio "$ours_polygons" "$best_pg_polygons")" "$(ratio "$ours_polygons" "$pg_covers_rate")" \
  "$(ratio "$ours_batch_polygons" "$pg_join_rate")" "$(ratio "$ours_full" "$pg_full_rate")"
printf 'matches per site over the polygon layers: PostGIS %s, layoutd %s (must agree)\n' \
  "$(awk -v a="$pg_matches" -v b="$sites" 'BEGIN {printf "%.5f", a / b}')" "$ours_matches"
