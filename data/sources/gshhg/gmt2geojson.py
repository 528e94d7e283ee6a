#!/usr/bin/env python3
"""Convert a GMT multisegment ASCII file (as written by `gmt coast -M`) to GeoJSON,
and optionally append one TSV row per segment to a summary file.

Usage: python3 gmt2geojson.py river|lake IN.gmt OUT.geojson [SEGMENTS.tsv]
Python 3 standard library only; output is deterministic.

One Feature per GMT segment, in file order, nothing dropped, nothing moved:
  properties.segment_index  0-based ordinal of the segment in IN.gmt
                            (this is the index used by named_features.tsv)
  properties.header         the segment header text after "> ", verbatim,
                            e.g. "River Bin # 16685, Level 3"
  properties.kind           "River" | "Shore" (first word of the header)
  properties.bin            GMT/GSHHG bin number parsed from the header
  properties.level          level parsed from the header. Rivers: WDBII river
                            class (0 river-lake, 1 permanent major, 2 additional
                            major, 3 additional, 4 minor, 5-7 intermittent,
                            8-10 canals). Shores: 1 coast, 2 lake, 3 island in
                            lake, 4 pond in island in lake
  properties.n_points       number of points in the segment
  properties.closed         first point == last point (and n_points >= 4)
  properties.degenerate     all points identical (GMT emits 2-point stubs at
                            bin corners/edges); geometry still written
  properties.start_joins / end_joins
                            [[other_segment_index, vertex_index], ...] for every
                            vertex of another segment of the same file that has
                            exactly the coordinates of this segment's first /
                            last point (vertex_index 0-based; lets you chain
                            pieces that GMT split at 1-degree bin edges, and see
                            tributaries ending on an interior vertex)
geometry: LineString; for kind "Shore" a closed segment becomes a Polygon (one
ring). A segment with no points (GMT writes some empty ones) gets geometry null.
Bounding boxes etc. go to SEGMENTS.tsv if given (appended, with a header line
when the file is new/empty).
"""
import json
import os
import re
import sys

HDR = re.compile(r"^(\w+) Bin # (\d+), Level (\d+)$")


def read_gmt(path):
    segs = []
    with open(path, encoding="ascii") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith(">"):
                segs.append([line[1:].strip(), []])
            elif line.strip():
                if not segs:
                    raise SystemExit("data before first segment header in %s" % path)
                x, y = line.split()[:2]
                segs[-1][1].append([float(x), float(y)])
    return segs


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[1] not in ("river", "lake"):
        sys.exit(__doc__)
    layer, src, dst = sys.argv[1:4]
    tsv = sys.argv[4] if len(sys.argv) == 5 else None
    segs = read_gmt(src)

    where = {}  # (x, y) -> [(seg, vertex)]
    for i, (_, pts) in enumerate(segs):
        for k, p in enumerate(pts):
            where.setdefault((p[0], p[1]), []).append([i, k])

    def joins(i, p):
        return [w for w in where[(p[0], p[1])] if w[0] != i]

    feats, rows = [], []
    for i, (hdr, pts) in enumerate(segs):
        m = HDR.match(hdr)
        kind, binno, level = (m.group(1), int(m.group(2)), int(m.group(3))) if m else (None, None, None)
        n = len(pts)
        closed = n >= 4 and pts[0] == pts[-1]
        degenerate = n > 0 and all(p == pts[0] for p in pts)
        props = {"segment_index": i, "header": hdr, "kind": kind, "bin": binno, "level": level,
                 "n_points": n, "closed": closed, "degenerate": degenerate,
                 "start_joins": joins(i, pts[0]) if n else [],
                 "end_joins": joins(i, pts[-1]) if n else []}
        if n == 0:
            geom = None
        elif kind == "Shore" and closed:
            geom = {"type": "Polygon", "coordinates": [pts]}
        else:
            geom = {"type": "LineString", "coordinates": pts}
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
        if n:
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            bb = [min(xs), min(ys), max(xs), max(ys)]
        else:
            bb = ["", "", "", ""]
        rows.append([layer, i, hdr, level, n, int(closed), int(degenerate),
                     "%r,%r" % tuple(pts[0]) if n else "", "%r,%r" % tuple(pts[-1]) if n else "",
                     *bb,
                     ";".join("%d@%d" % tuple(w) for w in props["start_joins"]),
                     ";".join("%d@%d" % tuple(w) for w in props["end_joins"])])

    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        out.write('{"type":"FeatureCollection",\n"features":[\n')
        for i, ft in enumerate(feats):
            out.write(json.dumps(ft, ensure_ascii=False, separators=(",", ":")))
            out.write(",\n" if i + 1 < len(feats) else "\n")
        out.write("]}\n")

    if tsv:
        new = not os.path.exists(tsv) or os.path.getsize(tsv) == 0
        with open(tsv, "a", encoding="utf-8", newline="\n") as out:
            if new:
                out.write("\t".join(["layer", "segment_index", "header", "level", "n_points",
                                     "closed", "degenerate", "start_lonlat", "end_lonlat",
                                     "min_lon", "min_lat", "max_lon", "max_lat",
                                     "start_joins(seg@vertex)", "end_joins(seg@vertex)"]) + "\n")
            for r in rows:
                out.write("\t".join(str(v) if not isinstance(v, float) else repr(v) for v in r) + "\n")


if __name__ == "__main__":
    main()
