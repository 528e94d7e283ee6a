#!/usr/bin/env python3
"""List every feature of the raw echarts-china-cities GeoJSON files as TSV.

Usage: python3 list_units.py RAW_DIR > units.tsv
Python 3 standard library only. Output is deterministic (files sorted by the
fixed order below, features in file order).

Columns:
  file            raw file name
  province        province of the file (Chinese)
  city            prefecture-level city of the file (Chinese, as of the data)
  feature_index   0-based index of the feature in the file's "features" array
  id              the feature's "id" member (6-digit GB/T 2260 division code)
  name            properties.name
  cp_lon, cp_lat  properties.cp (label point given by the data, GCJ-02 degrees)
  childNum        properties.childNum
  geom_type       Polygon | MultiPolygon
  n_polygons      1 for Polygon, number of member polygons for MultiPolygon
  n_rings         total rings (outer + holes)
  n_holes         rings that are not the first ring of their polygon
  n_vertices      total coordinate pairs (the closing vertex counted)
  n_consec_dup    vertices equal to the previous vertex of the same ring
  n_unclosed      rings whose last vertex differs from the first
  n_repeat_edges  extra traversals of a non-zero-length edge (undirected) that
                  the feature already used: > 0 means zero-width spikes / rings
                  running back over themselves (a side effect of the 1/1024
                  degree quantization), i.e. not a valid simple polygon as is
  min_lon, min_lat, max_lon, max_lat   bounding box (GCJ-02 degrees)
"""
import json
import os
import sys

# file -> (province, city). Order = order of output.
FILES = [
    ("ji2_lin2_chang2_chun1.geojson", "吉林省", "长春市"),
    ("ji2_lin2_ji2_lin2.geojson", "吉林省", "吉林市"),
    ("ji2_lin2_si4_ping2.geojson", "吉林省", "四平市"),
    ("ji2_lin2_liao2_yuan2.geojson", "吉林省", "辽源市"),
    ("ji2_lin2_tong1_hua4.geojson", "吉林省", "通化市"),
    ("ji2_lin2_bai2_shan1.geojson", "吉林省", "白山市"),
    ("ji2_lin2_song1_yuan2.geojson", "吉林省", "松原市"),
    ("ji2_lin2_bai2_cheng2.geojson", "吉林省", "白城市"),
    ("ji2_lin2_yan2_bian1_zhao1_xian1_zu2_zi4_zhi4_zhou1.geojson", "吉林省", "延边朝鲜族自治州"),
    ("hei1_long2_jiang1_ha1_er3_bin1.geojson", "黑龙江省", "哈尔滨市"),
    ("liao2_ning2_shen3_yang2.geojson", "辽宁省", "沈阳市"),
    ("liao2_ning2_da4_lian2.geojson", "辽宁省", "大连市"),
    ("nei4_meng2_gu3_tong1_liao2.geojson", "内蒙古自治区", "通辽市"),
]

COLS = ["file", "province", "city", "feature_index", "id", "name", "cp_lon", "cp_lat",
        "childNum", "geom_type", "n_polygons", "n_rings", "n_holes", "n_vertices",
        "n_consec_dup", "n_unclosed", "n_repeat_edges", "min_lon", "min_lat", "max_lon", "max_lat"]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v).replace("\t", " ").replace("\n", " ")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    raw = sys.argv[1]
    out = sys.stdout
    out.write("\t".join(COLS) + "\n")
    for fname, prov, city in FILES:
        with open(os.path.join(raw, fname), encoding="utf-8") as fh:
            fc = json.load(fh)
        for i, ft in enumerate(fc["features"]):
            g = ft["geometry"]
            p = ft.get("properties") or {}
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            n_rings = n_holes = n_v = n_dup = n_unclosed = 0
            xs, ys = [], []
            seen = set()
            n_rep = 0
            for poly in polys:
                for k, ring in enumerate(poly):
                    n_rings += 1
                    if k > 0:
                        n_holes += 1
                    n_v += len(ring)
                    for j in range(1, len(ring)):
                        a, b = tuple(ring[j - 1]), tuple(ring[j])
                        if a == b:
                            n_dup += 1
                            continue
                        e = (a, b) if a < b else (b, a)
                        if e in seen:
                            n_rep += 1
                        seen.add(e)
                    if ring and ring[0] != ring[-1]:
                        n_unclosed += 1
                    xs.extend(c[0] for c in ring)
                    ys.extend(c[1] for c in ring)
            cp = p.get("cp") or [None, None]
            row = [fname, prov, city, i, ft.get("id"), p.get("name"), cp[0], cp[1],
                   p.get("childNum"), g["type"], len(polys), n_rings, n_holes, n_v,
                   n_dup, n_unclosed, n_rep, min(xs), min(ys), max(xs), max(ys)]
            out.write("\t".join(fmt(v) for v in row) + "\n")


if __name__ == "__main__":
    main()
