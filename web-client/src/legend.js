// The legend: one row per catalogue layer with a swatch in the map's own colours and a toggle for
// every style layer that draws it; the groups and belts list their members once names are known.
import { imageUrl } from './icons.js';
import { palette } from './style.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fill(colour, opacity, border = colour, dashed = false) {
  const swatch = el('span', 'swatch');
  swatch.style.background = `color-mix(in srgb, ${colour} ${Math.round(opacity * 100)}%, transparent)`;
  swatch.style.border = `1.5px ${dashed ? 'dashed' : 'solid'} ${border}`;
  return swatch;
}

function line(colour, width, dashed = false, halo = false) {
  const swatch = el('span', 'swatch swatch-line');
  swatch.style.borderTop = `${width}px ${dashed ? 'dashed' : 'solid'} ${colour}`;
  if (halo) swatch.style.boxShadow = `0 0 0 3px color-mix(in srgb, ${colour} 20%, transparent)`;
  return swatch;
}

function image(id, className = 'swatch swatch-image') {
  const img = el('img', className);
  img.src = imageUrl(id);
  img.alt = '';
  return img;
}

function hatched(id, border) {
  const swatch = el('span', 'swatch');
  swatch.style.backgroundImage = `url(${imageUrl(id)})`;
  swatch.style.backgroundSize = '8px 8px';
  swatch.style.border = `1.5px dashed ${border}`;
  return swatch;
}

// Per layer: its swatch and the kinds it distinguishes ([swatch, 中文, English]).
const legendOf = {
  admin: () => [fill(palette.county, 1, palette.countyLine, true), [[fill(palette.neighbour, 1, palette.countyLine, true), '邻省城市', 'neighbouring cities']]],
  planning_area: () => [line(palette.plan, 2, true, true), []],
  centre: () => [image('centre-star'), []],
  groups: () => [fill(palette.groups.changji, 0.3), []],
  belts: () => [line(palette.belts['energy-belt'], 5), []],
  corridor: () => [line(palette.corridor, 8), []],
  transport: () => [line(palette.transport, 3), [
    [line(palette.transport, 3), '轴 · 走廊 · 线', 'axis, corridor, lines'],
    [line(palette.transport, 3, true), '规划通道', 'planned channels']]],
  water_veins: () => [line(palette.vein, 3), [
    [line(palette.vein, 3), '经 · 纵向水脉', 'longitudinal veins'],
    [line(palette.weft, 3, true), '纬 · 横向水脉', 'latitudinal veins']]],
  protected_zones: () => [hatched('hatch-green', palette.protected), [
    [hatched('hatch-green', palette.protected), '自然保护地 · 河源', 'reserves, river sources'],
    [hatched('hatch-water', '#00838f'), '饮用水水源地', 'drinking-water sources'],
    [fill(palette.protected, 0.2, palette.protected, true), '生态屏障 · 廊道', 'ecological belts'],
    [fill('#ffffff', 0, palette.protected, true), '生态分区', 'ecological zones']]],
  city_layouts: () => [fill(palette.cityLayout, 0.1, palette.cityLayout), []],
  policy_zones: () => [fill('#ffffff', 0, palette.policy, true), []],
  nodes: () => [image('node-passenger'), [
    [image('node-airport'), '机场', 'airport'],
    [image('node-passenger'), '客运枢纽', 'passenger hub'],
    [image('node-logistics'), '物流枢纽', 'logistics hub'],
    [image('node-platform'), '开放平台', 'open platform'],
    [image('node-town'), '特色小镇', 'characteristic town']]],
};

function item(swatch, zh, en) {
  const li = el('li', 'legend-kind');
  li.append(swatch, el('span', 'zh', zh), el('span', 'en', en));
  return li;
}

export function buildLegend({ container, map, catalogue }) {
  const list = el('ul', 'legend-layers');
  const kindLists = {};
  for (const layer of catalogue) {
    const [swatch, kinds] = (legendOf[layer.id] ?? (() => [fill('#999', 0.3), []]))();
    const row = el('li', 'legend-layer');
    const label = el('label');
    const toggle = el('input');
    toggle.type = 'checkbox';
    toggle.checked = true;
    toggle.dataset.layer = layer.id;
    toggle.addEventListener('change', () => {
      for (const styleLayer of map.getStyle().layers) {
        if (styleLayer.metadata?.['layoutd:layer'] === layer.id) {
          map.setLayoutProperty(styleLayer.id, 'visibility', toggle.checked ? 'visible' : 'none');
        }
      }
      row.classList.toggle('off', !toggle.checked);
    });
    label.append(toggle, swatch, el('span', 'zh', layer.title_zh), el('span', 'en', layer.title_en));
    const sub = el('ul', 'legend-kinds');
    for (const [kindSwatch, zh, en] of kinds) sub.append(item(kindSwatch, zh, en));
    kindLists[layer.id] = sub;
    row.append(label, sub);
    list.append(row);
  }
  container.append(list);

  // Members of the groups and belts, in their colours, once the names are loaded.
  return (names) => {
    for (const [layerId, colours, make] of [
      ['groups', palette.groups, (c) => fill(c, 0.3, c, true)],
      ['belts', palette.belts, (c) => line(c, 5)],
    ]) {
      for (const feature of names.filter((n) => n.layer === layerId && colours[n.id])) {
        kindLists[layerId].append(item(make(colours[feature.id]), feature.name_zh, feature.name_en));
      }
    }
  };
}
