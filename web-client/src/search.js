// The search box: a coordinate pair (WGS84, or GCJ-02 as copied from 高德/腾讯 maps: layoutd
// converts) or a place name from the catalogue. Either way the map flies there and the popup opens.
import { findNames } from './names.js';

// "125.66,43.52", "125.66 43.52", "43.52, 125.66" (latitude first is recognised: |lat| <= 90 < |lon|).
export function parseCoordinates(text) {
  const match = text.trim().match(/^(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)$/);
  if (!match) return null;
  const a = Number(match[1]);
  const b = Number(match[2]);
  return Math.abs(a) <= 90 && Math.abs(b) > 90 ? { lon: b, lat: a } : { lon: a, lat: b };
}

// `names()` resolves to the place index (names.js), loaded once and shared with the legend.
export function setUpSearch({ form, input, crs, results, names, showSite, showFeature }) {

  const clear = () => { results.replaceChildren(); results.hidden = true; };
  const choose = (feature) => { clear(); input.value = feature.name_zh; showFeature(feature); };
  const say = (text) => {
    const item = document.createElement('li');
    item.className = 'search-note';
    item.textContent = text;
    results.replaceChildren(item);
    results.hidden = false;
  };

  input.addEventListener('input', async () => {
    const text = input.value;
    if (!text.trim() || parseCoordinates(text)) return clear();
    const found = findNames(await names(), text);
    if (input.value !== text) return undefined;  // typed on meanwhile
    if (found.length === 0) return say('没有匹配的地名 / no matching place');
    results.replaceChildren(...found.map((feature) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      const zh = document.createElement('strong');
      zh.textContent = feature.name_zh;
      const en = document.createElement('span');
      en.textContent = feature.name_en;
      button.append(zh, en);
      button.addEventListener('click', () => choose(feature));
      item.append(button);
      return item;
    }));
    results.hidden = false;
    return undefined;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value;
    const site = parseCoordinates(text);
    if (site) {
      clear();
      showSite(site.lon, site.lat, crs.value);
      return;
    }
    const [first] = findNames(await names(), text, 1);
    if (first) choose(first);
    else say('请输入地名或“经度,纬度” / a place name or “lon,lat”');
  });

  document.addEventListener('click', (event) => { if (!form.contains(event.target)) clear(); });
  input.addEventListener('keydown', (event) => { if (event.key === 'Escape') clear(); });
}
