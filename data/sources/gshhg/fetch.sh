#!/usr/bin/env bash
# Reproduce the GSHHG 2.3.7 (WDBII) river and lake extracts for the Changchun /
# central Jilin area into this script's own folder.
# Needs: Debian packages gmt (6.4.0+dfsg-2) and gmt-gshhg-full (2.3.7-6),
# installed by this script if missing (needs root); python3 (stdlib only).
set -euo pipefail

REGION=122.5/128.5/42/46          # W/E/S/N requested from gmt coast
WANT_GMT=6.4.0+dfsg-2
WANT_GSHHG=2.3.7-6

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

need=()
for p in gmt gmt-gshhg-full; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "please: sudo apt-get install -y ${need[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null
fi
have_gmt=$(dpkg-query -W -f='${Version}' gmt)
have_gshhg=$(dpkg-query -W -f='${Version}' gmt-gshhg-full)
if [ "$have_gmt" != "$WANT_GMT" ] || [ "$have_gshhg" != "$WANT_GSHHG" ]; then
  msg="gmt $have_gmt / gmt-gshhg-full $have_gshhg installed; extracts were made with gmt $WANT_GMT / gmt-gshhg-full $WANT_GSHHG"
  if [ "${ALLOW_OTHER_VERSIONS:-0}" = 1 ]; then echo "warning: $msg (output may differ)" >&2
  else echo "error: $msg; set ALLOW_OTHER_VERSIONS=1 to proceed anyway" >&2; exit 1; fi
fi

# Run GMT in an empty dir with an empty HOME so no gmt.conf / history can
# change the output; pin the output number format and segment marker.
GMTOPTS=(--GMT_HISTORY=false --FORMAT_FLOAT_OUT=%.12g --IO_SEGMENT_MARKER='>' --IO_COL_SEPARATOR=tab)
mkdir -p "$TMP/home"
(
  cd "$TMP"
  export HOME="$TMP/home"
  unset GMT_USERDIR GMT_SESSION_NAME GMT_TMPDIR || true
  # all river classes (0-10), full resolution, multisegment dump
  gmt coast -R"$REGION" -Df -Ia -M "${GMTOPTS[@]}" > rivers.gmt
  # level-2 shorelines (lakes and river-lakes), full resolution
  gmt coast -R"$REGION" -Df -A0/2/2 -W2/default -M "${GMTOPTS[@]}" > lakes.gmt
)

python3 "$HERE/gmt2geojson.py" river "$TMP/rivers.gmt" "$TMP/rivers.geojson" "$TMP/segments.tsv"
python3 "$HERE/gmt2geojson.py" lake  "$TMP/lakes.gmt"  "$TMP/lakes.geojson"  "$TMP/segments.tsv"

for f in rivers.gmt lakes.gmt rivers.geojson lakes.geojson segments.tsv; do
  cp "$TMP/$f" "$HERE/$f.tmp" && mv -f "$HERE/$f.tmp" "$HERE/$f"
done

( cd "$HERE" && sha256sum rivers.gmt lakes.gmt rivers.geojson lakes.geojson segments.tsv )
