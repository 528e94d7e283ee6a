// The map page: MapLibre over layoutd's tiles, zoomed to the metropolitan area, with a legend,
// popups from /api/v1/locate, a search box and a 中/EN switch. Everything is served by layoutd.
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';

import { Map as MapLibreMap, NavigationControl, Popup, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

import { addImageOnDemand } from './icons.js';
import { buildLegend } from './legend.js';
import { errorContent, locate, locatePopupContent } from './locate.js';
import { loadNames } from './names.js';
import { setUpSearch } from './search.js';
import { buildStyle, labelLayerIds } from './style.js';

// Bundled, MapLibre cannot find its worker beside itself: it is an asset of the build.
setWorkerUrl(workerUrl);

// Chinese glyphs are drawn by the browser from a local font: no CJK glyph ranges to download.
const LOCAL_CJK_FONTS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

function unionBounds(boxes) {
  return boxes.reduce((b, x) => [Math.min(b[0], x[0]), Math.min(b[1], x[1]), Math.max(b[2], x[2]), Math.max(b[3], x[3])]);
}

async function start() {
  const { layers: catalogue } = await fetchJson('/api/v1/layers');
  const titles = Object.fromEntries(catalogue.map((l) => [l.id, l.title_zh]));
  const plan = catalogue.find((l) => l.id === 'planning_area') ?? { bbox: unionBounds(catalogue.map((l) => l.bbox)) };
  const style = buildStyle({ origin: window.location.origin });
  const narrow = window.matchMedia('(max-width: 640px)').matches;

  const map = new MapLibreMap({
    container: 'map',
    style,
    bounds: plan.bbox,
    // Room for the bar above and, on wide screens, the legend on the left.
    fitBoundsOptions: { padding: narrow ? { top: 90, bottom: 40, left: 10, right: 10 } : { top: 70, bottom: 30, left: 270, right: 30 } },
    minZoom: 4,
    maxZoom: 14,
    localIdeographFontFamily: LOCAL_CJK_FONTS,
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  window.layoutdMap = map;  // for the console and the browser test
  // User Timing marks (devtools, and the browser test's time to first render).
  map.once('render', () => performance.mark('layoutd:first-render'));
  map.once('load', () => performance.mark('layoutd:load'));
  map.once('idle', () => performance.mark('layoutd:idle'));
  addImageOnDemand(map);
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

  // Popups: one at a time, filled from locate. On a wide screen it opens beside the site, on the
  // side with more room, so the map around the site stays in view.
  let popup = null;
  function openPopup(lngLat, content) {
    popup?.remove();
    popup = new Popup({ maxWidth: 'min(340px, 92vw)', className: 'locate-popup', focusAfterOpen: false,
      anchor: narrow ? undefined : sideAnchor(map, lngLat) });
    popup.setLngLat(lngLat).setDOMContent(content).addTo(map);
    keepClearOfBar(map, popup.getElement());
  }
  async function showLocate(lon, lat, crs = 'EPSG:4326', fly = false) {
    let answer;
    try {
      answer = await locate(lon, lat, crs);
    } catch (error) {
      openPopup(crs === 'EPSG:4326' ? [lon, lat] : map.getCenter(), errorContent(error.message));
      return;
    }
    const site = [answer.site.lon, answer.site.lat];
    const open = () => openPopup(site, locatePopupContent(answer, titles));
    if (!fly) return open();
    map.once('moveend', open);
    map.flyTo({ center: site, zoom: Math.max(map.getZoom(), 10), speed: 1.6 });
    return undefined;
  }
  map.on('click', (e) => showLocate(e.lngLat.lng, e.lngLat.lat));

  // 中/EN: labels, legend and headings switch language; the popup shows both.
  const langButton = document.getElementById('lang');
  langButton.addEventListener('click', () => {
    const english = document.body.classList.toggle('lang-en');
    langButton.setAttribute('aria-pressed', String(english));
    langButton.textContent = english ? '中' : 'EN';
    for (const id of labelLayerIds(style)) {
      const field = map.getLayoutProperty(id, 'text-field');
      if (field !== undefined) map.setLayoutProperty(id, 'text-field', swapLanguage(field, english));
    }
  });

  const legend = document.getElementById('legend');
  if (narrow) legend.classList.add('collapsed');
  document.getElementById('legend-toggle').addEventListener('click', () => legend.classList.toggle('collapsed'));
  const addMembers = buildLegend({ container: document.getElementById('legend-body'), map, catalogue });
  let namesLoading = null;
  const names = () => (namesLoading ??= loadNames(catalogue).catch((error) => {
    namesLoading = null;  // try again next time
    throw error;
  }));

  setUpSearch({
    form: document.getElementById('search'),
    input: document.getElementById('search-input'),
    crs: document.getElementById('search-crs'),
    results: document.getElementById('search-results'),
    names,
    showSite: (lon, lat, crs) => showLocate(lon, lat, crs, true),
    showFeature: (feature) => {
      map.once('moveend', () => showLocate(feature.point[0], feature.point[1]));
      map.fitBounds(feature.bbox, { padding: 60, maxZoom: 11, speed: 1.6 });
    },
  });

  // Names: polygon labels, the legend's members and the search box. Loaded beside the first tiles.
  const placesReady = new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));
  Promise.all([names(), placesReady]).then(([list]) => {
    map.getSource('places').setData(placePoints(list, catalogue));
    addMembers(list);
  }).catch((error) => console.warn('place names:', error.message));
}

// MapLibre's anchor is the popup's side that touches the site: 'left' opens it to the right.
function sideAnchor(map, lngLat) {
  const { x, y } = map.project(lngLat);
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  const side = x < width * 0.62 ? 'left' : 'right';
  if (y < height * 0.35) return `top-${side}`;
  return y > height * 0.65 ? `bottom-${side}` : side;
}

// Pans the map down when the popup opened under the title, the search box or the collapsed legend
// button (an open legend is a column the user chose to keep open).
function keepClearOfBar(map, element) {
  const box = element.getBoundingClientRect();
  const panels = [...document.getElementById('bar').children, document.querySelector('#legend.collapsed')]
    .filter(Boolean);
  const covering = panels.map((panel) => panel.getBoundingClientRect())
    .filter((bar) => bar.width > 0 && bar.left < box.right && bar.right > box.left);
  const overlap = Math.max(0, ...covering.map((bar) => bar.bottom + 8 - box.top));
  if (overlap > 0) map.panBy([0, -overlap], { duration: 250 });
}

// A point per polygon feature, for its label.
function placePoints(names, catalogue) {
  const polygonLayers = new Set(catalogue.filter((l) => l.geometry_type === 'polygon').map((l) => l.id));
  return {
    type: 'FeatureCollection',
    features: names.filter((n) => polygonLayers.has(n.layer)).map(({ point, bbox, weight, ...properties }) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties,
    })),
  };
}

// ['get', 'name_zh'] <-> ['get', 'name_en'], inside whatever expression holds it.
function swapLanguage(expression, english) {
  if (!Array.isArray(expression)) return expression;
  if (expression[0] === 'get' && (expression[1] === 'name_zh' || expression[1] === 'name_en')) {
    return ['get', english ? 'name_en' : 'name_zh'];
  }
  return expression.map((part) => swapLanguage(part, english));
}

start().catch((error) => {
  const message = document.getElementById('fatal');
  message.textContent = `地图无法加载 / the map cannot load: ${error.message}`;
  message.hidden = false;
  throw error;
});
