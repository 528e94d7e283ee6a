// Place names for the search box: every feature of every layer, read from the zoom-4 vector tiles
// (the ones the label source loads too, so usually from the browser cache). At zoom 4 a tile unit
// is about 0.5 km here: good enough to fly to a feature and pick a point inside it.
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import polylabel from 'polylabel';

const ZOOM = 4;

function tilesCovering([west, south, east, north], z) {
  const n = 2 ** z;
  const x = (lon) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const y = (lat) => {
    const r = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)));
  };
  const tiles = [];
  for (let tx = x(west); tx <= x(east); tx += 1) {
    for (let ty = y(north); ty <= y(south); ty += 1) tiles.push([tx, ty]);
  }
  return tiles;
}

function ringArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum / 2);
}

// A point on the feature and its weight (area or length in degrees, to keep the biggest piece of
// a feature that several tiles hold a part of).
function anchor(geometry) {
  const { type, coordinates } = geometry;
  if (type === 'Point') return { point: coordinates, weight: 0 };
  if (type === 'MultiPoint') return { point: coordinates[0], weight: 0 };
  if (type === 'LineString' || type === 'MultiLineString') {
    const lines = type === 'LineString' ? [coordinates] : coordinates;
    const longest = lines.reduce((a, b) => (b.length > a.length ? b : a));
    return { point: longest[Math.floor(longest.length / 2)], weight: longest.length };
  }
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  const largest = polygons.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
  return { point: [...polylabel(largest, 0.005)].slice(0, 2), weight: ringArea(largest[0]) };
}

function extend(bbox, geometry) {
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      bbox[0] = Math.min(bbox[0], c[0]); bbox[1] = Math.min(bbox[1], c[1]);
      bbox[2] = Math.max(bbox[2], c[0]); bbox[3] = Math.max(bbox[3], c[1]);
    } else c.forEach(visit);
  };
  visit(geometry.coordinates);
}

// [{layer, id, name_zh, name_en, kind, point: [lon, lat], bbox}] in catalogue order.
export async function loadNames(catalogue) {
  const bounds = catalogue.reduce((b, l) => [Math.min(b[0], l.bbox[0]), Math.min(b[1], l.bbox[1]),
    Math.max(b[2], l.bbox[2]), Math.max(b[3], l.bbox[3])], [180, 90, -180, -90]);
  const byKey = new Map();
  await Promise.all(tilesCovering(bounds, ZOOM).map(async ([x, y]) => {
    const response = await fetch(`/tiles/${ZOOM}/${x}/${y}.mvt`);
    if (response.status === 204) return;
    if (!response.ok) throw new Error(`tile ${ZOOM}/${x}/${y}: ${response.status}`);
    const tile = new VectorTile(new Pbf(await response.arrayBuffer()));
    for (const { id: layer } of catalogue) {
      const source = tile.layers[layer];
      for (let i = 0; source && i < source.length; i += 1) {
        const feature = source.feature(i).toGeoJSON(x, y, ZOOM);
        const key = `${layer}/${feature.properties.id}`;
        const { point, weight } = anchor(feature.geometry);
        let entry = byKey.get(key);
        if (!entry) {
          entry = { layer, ...feature.properties, point, weight, bbox: [180, 90, -180, -90] };
          byKey.set(key, entry);
        } else if (weight > entry.weight) {
          Object.assign(entry, { point, weight });
        }
        extend(entry.bbox, feature.geometry);
      }
    }
  }));
  const order = new Map(catalogue.map((l, i) => [l.id, i]));
  return [...byKey.values()].sort((a, b) => order.get(a.layer) - order.get(b.layer));
}

// Best matches first: exact Chinese name, then prefix, then substring, then English substring.
export function findNames(names, query, limit = 8) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (n) => {
    const zh = String(n.name_zh ?? '');
    if (zh === query.trim()) return 0;
    if (zh.startsWith(query.trim())) return 1;
    if (zh.includes(query.trim())) return 2;
    return String(n.name_en ?? '').toLowerCase().includes(q) ? 3 : -1;
  };
  return names.map((n) => [rank(n), n]).filter(([r]) => r >= 0)
    .sort((a, b) => a[0] - b[0] || String(a[1].name_zh).length - String(b[1].name_zh).length)
    .slice(0, limit).map(([, n]) => n);
}
