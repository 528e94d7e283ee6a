// The map style: one MapLibre layer (or a few) per catalogue layer, in the visual language of the
// plan's 空间布局图 — planning-area boundary as a red dashed band, 一中心 as a star, the three groups as
// translucent overlapping fills, the five belts as parallel colour ribbons, the corridor as a broad
// band, transport channels as brown lines (planned ones dashed), water veins in blue (经 solid,
// 纬 dashed), protected areas hatched green, nodes as symbols, and county boundaries and names
// for context. No basemap: everything comes from layoutd.

export const FONT_REGULAR = ['Noto Sans CJK SC Regular'];
export const FONT_BOLD = ['Noto Sans CJK SC Bold'];

// Colours shared with the legend (legend.js draws its swatches from these).
export const palette = {
  paper: '#f4f1ea',
  county: '#fdfcf8',
  outside: '#efebe2',
  neighbour: '#e8e4da',
  countyLine: '#a9a293',
  plan: '#c62828',
  centre: '#d32f2f',
  groups: { changji: '#ef8a17', changping: '#1f78c8', changliao: '#8e44ad' },
  belts: {
    'advanced-manufacturing-belt': '#37474f',
    'modern-agriculture-belt': '#7cb342',
    'energy-belt': '#f2b705',
    'medicine-belt': '#00897b',
    'culture-tourism-belt': '#e0561b',
  },
  corridor: '#d84315',
  transport: '#5d4037',
  vein: '#1976d2',
  weft: '#00a0b4',
  protected: '#2e7d32',
  cityLayout: '#c2185b',
  policy: '#ef6c00',
  nodes: '#4e342e',
};

// The order belts are laid side by side where they share a road: the ribbons keep their place
// from 四平 through 长春 to 白城 and 辽源.
const BELT_ORDER = Object.keys(palette.belts);

const zoomed = (stops, base = 1.5) => ['interpolate', ['exponential', base], ['zoom'], ...stops.flat()];

// Every style layer names the catalogue layer it draws, so the legend can toggle them together.
function layer(catalogueId, spec) {
  return { ...spec, metadata: { 'layoutd:layer': catalogueId } };
}

const byId = (colours, fallback) => ['match', ['get', 'id'], ...Object.entries(colours).flat(), fallback];

// A text layer. Polygon names come from the 'places' source (one point per feature, placed by
// names.js), line names from the tiles along the lines.
function label(catalogueId, id, source, layout, paint, extra = {}) {
  const from = source === 'places'
    ? { source, filter: ['all', ['==', ['get', 'layer'], catalogueId], ...(extra.filter ? [extra.filter] : [])] }
    : { source, 'source-layer': catalogueId, ...(extra.filter ? { filter: extra.filter } : {}) };
  return layer(catalogueId, {
    id,
    type: 'symbol',
    ...from,
    ...(extra.minzoom !== undefined ? { minzoom: extra.minzoom } : {}),
    layout: { 'text-field': ['get', 'name_zh'], 'text-font': FONT_REGULAR, ...layout },
    paint: { 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.4, ...paint },
  });
}

// Counties of the four cities the planning area is made of (data/layout/planning_area.yaml).
const inPlanningArea = ['in', ['get', 'city'], ['literal', ['长春市', '吉林市', '四平市', '辽源市']]];

// 京哈轴 widest, then 珲乌走廊, then the 长吉 lines (kind: line).
const transportWidth = (base) => ['match', ['get', 'kind'], 'axis', base * 1.6, 'corridor', base * 1.3, base];

function iconImages() {
  return ['match', ['get', 'kind'],
    'airport', 'node-airport',
    'passenger_hub', 'node-passenger',
    'logistics_hub', 'node-logistics',
    'characteristic_town', 'node-town',
    'node-platform'];  // bonded_zone, open_platform
}

export function buildStyle({ origin }) {
  return {
    version: 8,
    name: '长春现代化都市圈空间布局',
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sources: {
      layout: { type: 'vector', url: `${origin}/tiles.json` },
      // One point per polygon feature for its name (filled by main.js from names.js): labelled
      // from the tiles, a polygon would get a name in every tile and every part it has.
      places: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.paper } },

      // Context: counties of 吉林省 and the neighbouring municipalities the corridor reaches.
      layer('admin', {
        id: 'admin-fill', type: 'fill', source: 'layout', 'source-layer': 'admin',
        paint: { 'fill-color': ['match', ['get', 'kind'], 'municipality', palette.neighbour, palette.outside] },
      }),
      layer('planning_area', {
        id: 'planning-area-fill', type: 'fill', source: 'layout', 'source-layer': 'planning_area',
        paint: { 'fill-color': palette.county },
      }),
      layer('admin', {
        id: 'admin-line', type: 'line', source: 'layout', 'source-layer': 'admin',
        paint: { 'line-color': palette.countyLine, 'line-width': zoomed([[5, 0.4], [10, 1.2]]), 'line-dasharray': [4, 2] },
      }),

      // 一中心: 长春市.
      layer('centre', {
        id: 'centre-fill', type: 'fill', source: 'layout', 'source-layer': 'centre',
        paint: { 'fill-color': palette.centre, 'fill-opacity': 0.06 },
      }),

      // 三组团: translucent, so that where two overlap (双阳区, 长春新区, 汽开区) both show.
      layer('groups', {
        id: 'groups-fill', type: 'fill', source: 'layout', 'source-layer': 'groups',
        paint: { 'fill-color': byId(palette.groups, '#999'), 'fill-opacity': 0.2 },
      }),
      layer('groups', {
        id: 'groups-line', type: 'line', source: 'layout', 'source-layer': 'groups',
        paint: { 'line-color': byId(palette.groups, '#999'), 'line-width': zoomed([[5, 1.2], [10, 3]]), 'line-opacity': 0.85, 'line-dasharray': [5, 2] },
      }),

      // Protected and ecological space: reserves and water sources hatched, belts tinted, the
      // three landform zones (which partition the whole area) only outlined.
      layer('protected_zones', {
        id: 'protected-hatch', type: 'fill', source: 'layout', 'source-layer': 'protected_zones',
        filter: ['in', ['get', 'kind'], ['literal', ['nature_reserve', 'water_source_protection', 'river_source_protection']]],
        paint: { 'fill-pattern': ['match', ['get', 'kind'], 'water_source_protection', 'hatch-water', 'hatch-green'] },
      }),
      layer('protected_zones', {
        id: 'protected-belt', type: 'fill', source: 'layout', 'source-layer': 'protected_zones',
        filter: ['==', ['get', 'kind'], 'ecological_belt'],
        paint: { 'fill-color': palette.protected, 'fill-opacity': 0.16 },
      }),
      layer('protected_zones', {
        id: 'protected-line', type: 'line', source: 'layout', 'source-layer': 'protected_zones',
        paint: {
          'line-color': palette.protected,
          'line-width': ['match', ['get', 'kind'], 'ecological_zone', 0.8, 1.2],
          'line-opacity': ['match', ['get', 'kind'], 'ecological_zone', 0.55, 0.9],
          'line-dasharray': [2, 2],
        },
      }),

      // Urban functional layouts and policy zones: fine detail, outlined.
      layer('city_layouts', {
        id: 'city-layouts-fill', type: 'fill', source: 'layout', 'source-layer': 'city_layouts', minzoom: 7.5,
        paint: { 'fill-color': palette.cityLayout, 'fill-opacity': zoomed([[7.5, 0.04], [11, 0.1]]) },
      }),
      layer('city_layouts', {
        id: 'city-layouts-line', type: 'line', source: 'layout', 'source-layer': 'city_layouts', minzoom: 7.5,
        paint: { 'line-color': palette.cityLayout, 'line-width': zoomed([[7.5, 0.5], [11, 1.2]]), 'line-opacity': 0.55 },
      }),
      layer('policy_zones', {
        id: 'policy-zones-line', type: 'line', source: 'layout', 'source-layer': 'policy_zones',
        paint: { 'line-color': palette.policy, 'line-width': zoomed([[6, 0.8], [11, 2]]), 'line-opacity': 0.7, 'line-dasharray': [1, 1.5] },
      }),

      // 规划范围: a red band with a dashed line on it, as boundaries are drawn on plan maps.
      layer('planning_area', {
        id: 'planning-area-halo', type: 'line', source: 'layout', 'source-layer': 'planning_area',
        paint: { 'line-color': palette.plan, 'line-width': zoomed([[5, 4], [10, 10]]), 'line-opacity': 0.18 },
      }),
      layer('planning_area', {
        id: 'planning-area-line', type: 'line', source: 'layout', 'source-layer': 'planning_area',
        paint: { 'line-color': palette.plan, 'line-width': zoomed([[5, 1.2], [10, 2.5]]), 'line-dasharray': [3, 1.5] },
      }),

      // 一廊: a broad band along the 哈大 channel with its axis.
      layer('corridor', {
        id: 'corridor-band', type: 'line', source: 'layout', 'source-layer': 'corridor',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': palette.corridor, 'line-width': zoomed([[5, 10], [7, 22], [10, 60]]), 'line-opacity': 0.16 },
      }),
      layer('corridor', {
        id: 'corridor-axis', type: 'line', source: 'layout', 'source-layer': 'corridor',
        paint: { 'line-color': palette.corridor, 'line-width': zoomed([[5, 1], [10, 2.5]]), 'line-opacity': 0.8, 'line-dasharray': [6, 3] },
      }),

      // 五带: ribbons side by side where belts share a channel.
      layer('belts', {
        id: 'belts-ribbon', type: 'line', source: 'layout', 'source-layer': 'belts',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': byId(palette.belts, '#777'),
          'line-width': zoomed([[5, 2.5], [7, 5], [10, 14]]),
          'line-offset': ['interpolate', ['exponential', 1.5], ['zoom'],
            5, ['*', 2.5, ['-', ['index-of', ['get', 'id'], ['literal', BELT_ORDER]], 2]],
            7, ['*', 5, ['-', ['index-of', ['get', 'id'], ['literal', BELT_ORDER]], 2]],
            10, ['*', 14, ['-', ['index-of', ['get', 'id'], ['literal', BELT_ORDER]], 2]]],
          'line-opacity': 0.62,
        },
      }),

      // 交通骨架: 京哈轴 strongest, 珲乌走廊, the three planned 通道 dashed, the 长吉 lines thinner.
      layer('transport', {
        id: 'transport-casing', type: 'line', source: 'layout', 'source-layer': 'transport',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-opacity': 0.8, 'line-width': zoomed([[5, 2.5], [10, 6]]) },
      }),
      layer('transport', {
        id: 'transport-line', type: 'line', source: 'layout', 'source-layer': 'transport',
        filter: ['!=', ['get', 'kind'], 'channel'],
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': palette.transport,
          'line-width': zoomed([[5, transportWidth(1.4)], [10, transportWidth(3.5)]]),
        },
      }),
      layer('transport', {
        id: 'transport-planned', type: 'line', source: 'layout', 'source-layer': 'transport',
        filter: ['==', ['get', 'kind'], 'channel'],
        paint: { 'line-color': palette.transport, 'line-width': zoomed([[5, 1.4], [10, 3.5]]), 'line-dasharray': [2, 1.2] },
      }),

      // 六经三纬: longitudinal veins solid blue, latitudinal (mostly planned diversions) dashed cyan.
      layer('water_veins', {
        id: 'water-veins-jing', type: 'line', source: 'layout', 'source-layer': 'water_veins',
        filter: ['==', ['get', 'kind'], '经'],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': palette.vein, 'line-width': zoomed([[5, 1.2], [10, 3.5]]) },
      }),
      layer('water_veins', {
        id: 'water-veins-wei', type: 'line', source: 'layout', 'source-layer': 'water_veins',
        filter: ['==', ['get', 'kind'], '纬'],
        paint: { 'line-color': palette.weft, 'line-width': zoomed([[5, 1.2], [10, 3.5]]), 'line-dasharray': [3, 1.5] },
      }),

      // Nodes: airport, hubs, open platforms, characteristic towns.
      layer('nodes', {
        id: 'nodes-symbol', type: 'symbol', source: 'layout', 'source-layer': 'nodes',
        layout: {
          'icon-image': iconImages(),
          'icon-allow-overlap': true,
          'icon-size': zoomed([[5, 0.7], [10, 1.1]]),
          'text-field': ['step', ['zoom'], '', 8, ['get', 'name_zh']],
          'text-font': FONT_REGULAR,
          'text-size': 11,
          'text-offset': [0, 1.1],
          'text-anchor': 'top',
          'text-optional': true,
          'symbol-sort-key': 20,
        },
        paint: { 'text-color': palette.nodes, 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.2 },
      }),

      // Labels, least important first (MapLibre places the last layers first).
      label('admin', 'admin-label', 'places',
        { 'text-size': zoomed([[6, 10], [10, 13]]), 'symbol-sort-key': 50 },
        { 'text-color': ['case', inPlanningArea, '#6b6458', '#a39b8c'] }, { minzoom: 6.5 }),
      label('city_layouts', 'city-layouts-label', 'places',
        { 'text-size': 11, 'text-max-width': 7 }, { 'text-color': palette.cityLayout }, { minzoom: 9 }),
      label('protected_zones', 'protected-label', 'places',
        { 'text-size': 11, 'text-max-width': 7 }, { 'text-color': palette.protected },
        { minzoom: 8.5, filter: ['!=', ['get', 'kind'], 'ecological_zone'] }),
      label('water_veins', 'water-veins-label', 'layout',
        { 'symbol-placement': 'line', 'text-size': 11, 'symbol-spacing': 500, 'text-max-angle': 30, 'text-letter-spacing': 0.1 },
        { 'text-color': '#0d5aa7' }, { minzoom: 7 }),
      label('transport', 'transport-label', 'layout',
        { 'symbol-placement': 'line', 'text-size': 11, 'symbol-spacing': 600, 'text-max-angle': 30 },
        { 'text-color': palette.transport }, { minzoom: 7.5 }),
      label('belts', 'belts-label', 'layout',
        { 'symbol-placement': 'line-center', 'text-size': 12, 'text-font': FONT_BOLD, 'text-max-angle': 35 },
        { 'text-color': byId(palette.belts, '#555') }, { minzoom: 6.5 }),
      label('corridor', 'corridor-label', 'layout',
        { 'symbol-placement': 'line', 'symbol-spacing': 700, 'text-size': 13, 'text-font': FONT_BOLD, 'text-max-angle': 30, 'text-letter-spacing': 0.15 },
        { 'text-color': palette.corridor }),
      label('centre', 'centre-label', 'places',
        { 'icon-image': 'centre-star', 'icon-size': zoomed([[5, 0.8], [10, 1.2]]), 'text-size': 14, 'text-font': FONT_BOLD, 'text-offset': [0, 1.2], 'text-anchor': 'top', 'icon-allow-overlap': true },
        { 'text-color': palette.centre }),
      label('groups', 'groups-label', 'places',
        { 'text-size': zoomed([[5, 13], [8, 18], [10, 22]]), 'text-font': FONT_BOLD, 'text-letter-spacing': 0.2, 'symbol-sort-key': 0 },
        { 'text-color': byId(palette.groups, '#555'), 'text-halo-width': 2 }),
    ],
  };
}

// The style layers that show text in the chosen language (toggled by the 中/EN button).
export function labelLayerIds(style) {
  return style.layers.filter((l) => l.type === 'symbol').map((l) => l.id);
}
