# shellcheck shell=bash
# The benchmarks' tile set: every XYZ tile z0-zMAX whose Web Mercator bounds intersect the envelope
# of the store's planning_area layer (the tiles a map of the metropolitan area requests). Sourced by
# bench/run_tile_peers.sh and bench/run_wrk.sh after scripts/lib/common.sh; needs ogrinfo.
#   write_tile_set STORE MAXZ CSV   writes `z,x,y` lines (no header, ordered by z, x, y) to CSV and
#                                   sets area_minx, area_miny, area_maxx, area_maxy (EPSG:4326)
area_minx="" area_miny="" area_maxx="" area_maxy=""

write_tile_set() {
  local store="$1" max_zoom="$2" csv="$3"
  read -r area_minx area_miny area_maxx area_maxy < <(ogrinfo -ro -q "$store" -sql \
    "SELECT MIN(ST_MinX(geom)) AS minx, MIN(ST_MinY(geom)) AS miny, MAX(ST_MaxX(geom)) AS maxx,
            MAX(ST_MaxY(geom)) AS maxy FROM planning_area" |
    awk -F' = ' '/minx|miny|maxx|maxy/ {v[++n] = $2} END {print v[1], v[2], v[3], v[4]}')
  [ -n "$area_maxy" ] || { say "no planning_area envelope in $store"; return 1; }
  awk -v minx="$area_minx" -v miny="$area_miny" -v maxx="$area_maxx" -v maxy="$area_maxy" -v maxz="$max_zoom" '
    function floor_(v,  f) { f = int(v); return f > v ? f - 1 : f }
    function clamp(v, n) { return v < 0 ? 0 : (v > n - 1 ? n - 1 : v) }
    function tx(lon, n) { return clamp(floor_((lon + 180) / 360 * n), n) }
    function ty(lat, n,  pi, r, t) {
      pi = atan2(0, -1); r = lat * pi / 180; t = sin(r) / cos(r)
      return clamp(floor_((1 - log(t + sqrt(t * t + 1)) / pi) / 2 * n), n)  # asinh(tan(lat))
    }
    BEGIN {
      for (z = 0; z <= maxz; z++) {
        n = 2 ^ z
        for (x = tx(minx, n); x <= tx(maxx, n); x++)
          for (y = ty(maxy, n); y <= ty(miny, n); y++) printf "%d,%d,%d\n", z, x, y
      }
    }' >"$csv"
}
