// What the plan says about a site: /api/v1/locate, shown as a popup. Text from the store goes in
// through textContent only, never as HTML.
import { palette } from './style.js';

export async function locate(lon, lat, crs = 'EPSG:4326') {
  const query = new URLSearchParams({ lon: String(lon), lat: String(lat) });
  if (crs !== 'EPSG:4326') query.set('crs', crs);
  const response = await fetch(`/api/v1/locate?${query}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail ?? `locate answered ${response.status}`);
  return body;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The feature's colour on the map where it has one of its own.
function chipColour({ layer, id }) {
  const own = { groups: palette.groups, belts: palette.belts }[layer]?.[id];
  const byLayer = {
    centre: palette.centre, corridor: palette.corridor, transport: palette.transport, water_veins: palette.vein,
    protected_zones: palette.protected, city_layouts: palette.cityLayout, policy_zones: palette.policy, planning_area: palette.plan,
  };
  return own ?? byLayer[layer] ?? '#8a8172';
}

function formatDistance(metres) {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(metres < 10000 ? 1 : 0)} km`;
}

// One feature the site is in (or near): its layer, names, the plan's sentence and reference.
function entry(match, title, note) {
  const item = element('li', 'match');
  const head = element('div', 'match-head');
  const chip = element('span', 'match-layer', title);
  chip.style.background = chipColour(match);
  head.append(chip, element('strong', 'match-name', match.name_zh));
  if (match.precision === 'schematic') {
    const badge = element('span', 'badge', '示意');
    badge.title = 'schematic: drawn from the plan text, geometry approximate';
    head.append(badge);
  }
  if (note) head.append(element('span', 'match-note', note));
  item.append(head, element('div', 'match-en', match.name_en));
  if (match.plan_text) {
    // Two lines until clicked: a site can be in ten features, each with a long sentence.
    const quote = element('blockquote', 'plan-text', match.plan_text);
    quote.title = '点击展开 / click to read all';
    quote.addEventListener('click', () => quote.classList.toggle('open'));
    item.append(quote);
  }
  if (match.plan_ref) item.append(element('div', 'plan-ref', match.plan_ref));
  return item;
}

const PRIORITY = ['groups', 'centre', 'belts', 'corridor', 'transport', 'water_veins', 'protected_zones',
  'city_layouts', 'policy_zones', 'nodes', 'planning_area'];

// `titles` maps catalogue layer ids to their Chinese titles.
export function locatePopupContent(answer, titles) {
  const root = element('div', 'locate');
  const { site, admin } = answer;
  const place = admin ? [admin.county, admin.city, admin.province].filter(Boolean).join(' · ') : '规划数据范围外';
  root.append(element('h2', 'locate-title', place));
  let where = `WGS84 ${site.lon.toFixed(5)}, ${site.lat.toFixed(5)}`;
  if (site.input && site.input.crs !== site.crs) {
    where += ` (${site.input.crs} ${site.input.lon}, ${site.input.lat})`;
  }
  root.append(element('div', 'locate-site', where));

  const list = element('ul', 'matches');
  // The county is the title; then the plan's structure first, the planning area (which every
  // site in the plan is in) last.
  const rank = (m) => (PRIORITY.includes(m.layer) ? PRIORITY.indexOf(m.layer) : PRIORITY.length);
  const matches = answer.matches.filter((m) => m.layer !== 'admin').sort((a, b) => rank(a) - rank(b));
  for (const match of matches) {
    const band = match.distance_m > 0 ? `轴线 ${formatDistance(match.distance_m)}` : undefined;
    list.append(entry(match, titles[match.layer] ?? match.layer, band));
  }
  if (list.children.length === 0) list.append(element('li', 'match-none', '不在任何规划要素内 / in no layer of the plan'));
  root.append(list);

  const vein = answer.nearest?.find((n) => n.layer === 'water_veins');
  if (vein) {
    root.append(element('h3', 'nearest-title', '最近水脉 / nearest water vein'));
    const nearest = element('ul', 'matches');
    nearest.append(entry(vein, titles.water_veins ?? 'water_veins', formatDistance(vein.distance_m)));
    root.append(nearest);
  }
  return root;
}

export function errorContent(message) {
  const root = element('div', 'locate');
  root.append(element('h2', 'locate-title', '无法查询 / cannot locate'), element('p', 'locate-error', message));
  return root;
}
