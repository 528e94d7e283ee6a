// Reads one Mapbox Vector Tile with Mapbox's own decoder (npm @mapbox/vector-tile + pbf) and prints
// one JSON object: per layer its version, extent and features (id, type, properties, and per ring
// or part its vertex count and signed area in tile units as the decoder returns the vertices).
// layoutd's tests compare it with what the server meant to send, a reader sharing no code with it.
//   node read_mvt.mjs TILE.mvt
import { readFile } from "node:fs/promises";
import { VectorTile } from "@mapbox/vector-tile";
import Pbf from "pbf";

function signedArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j].x - ring[i].x) * (ring[i].y + ring[j].y);
  }
  return sum / 2;  // the spec's surveyor's formula: positive for an exterior ring (y down)
}

const bytes = await readFile(process.argv[2]);
const tile = new VectorTile(new Pbf(bytes));
const out = {};
for (const [name, layer] of Object.entries(tile.layers)) {
  const features = [];
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const parts = f.loadGeometry().map((ring) => ({ vertices: ring.length, area: signedArea(ring) }));
    features.push({ id: f.id, type: f.type, properties: f.properties, parts });
  }
  out[name] = { version: layer.version, extent: layer.extent, features };
}
process.stdout.write(JSON.stringify(out));
