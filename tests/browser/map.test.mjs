// The web client in a real browser: Debian's chromium, driven by playwright-core, against a real
// layoutd serving the dataset and the built client (web-client/dist) on a free port. One layoutd
// and one browser for the whole file. Run by ctest (tests/CMakeLists.txt) as
//   node --test tests/browser/map.test.mjs
// with LAYOUTD_BIN, LAYOUTD_TEST_STORE, LAYOUTD_WEB_ROOT and LAYOUTD_BROWSER_OUT (screenshots and
// page-weight numbers) in the environment. Fails, naming the fix, when something is missing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} is not set (ctest sets it; see tests/CMakeLists.txt)`);
  return value;
};
const CHROMIUM = process.env.LAYOUTD_CHROMIUM ?? '/usr/bin/chromium';
const SHUANGYANG = [125.6646, 43.5253];  // 双阳区: in 长吉组团 and 长辽组团
const GCJ_SITE = '126.5587,43.8401';     // 吉林市 centre as a Chinese web map gives it (GCJ-02)

let playwright;
let layoutd;
let base;
let browser;
let desktop;  // { page, problems, sizes }
const out = env('LAYOUTD_BROWSER_OUT');

// What layoutd's access log says it sent: {target, bytes} (bytes of the body as sent, gzip where the
// browser accepted it; headers not counted). Workers' requests are in it too, which the page's own
// network events miss.
const served = [];

function startLayoutd() {
  const child = spawn(env('LAYOUTD_BIN'), ['--store', env('LAYOUTD_TEST_STORE'), '--listen', '127.0.0.1:0',
    '--web-root', env('LAYOUTD_WEB_ROOT'), '--threads', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`layoutd did not start in 60 s:\n${log}`)), 60000);
    const read = (chunk) => {
      log += chunk;
      for (const access of String(chunk).matchAll(/access id=\S+ method=GET target=(\S+) status=\d+ bytes=(\d+)/g)) {
        served.push({ target: access[1], bytes: Number(access[2]) });
      }
      const match = log.match(/listening on (http:\/\/[^/\s]+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`layoutd exited with ${code}:\n${log}`)));
  });
}

// A page that records what went wrong (console errors, page errors, failed or 4xx/5xx requests) and
// what was transferred.
async function openPage(viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // MapLibre cancels the tiles a flight leaves behind: the page's own choice, not a failure.
    const error = request.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const first = served.length;
  await page.goto(base);
  await page.waitForFunction(() => performance.getEntriesByName('layoutd:idle').length > 0, null, { timeout: 45000 });
  await page.waitForTimeout(200);  // the last access lines reach us asynchronously
  return { page, problems, firstLoad: served.slice(first) };
}

async function clickAt(page, lonLat) {
  const { x, y } = await page.evaluate((ll) => window.layoutdMap.project(ll), lonLat);
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
}

async function closePopup(page) {
  await page.locator('.locate-popup .maplibregl-popup-close-button').click();
  await page.locator('.locate-popup').waitFor({ state: 'detached' });
}

// Waits until the map has stopped and a popup is open; its title ("县 · 市 · 省").
async function popupTitleAfterFlight(page) {
  await page.waitForFunction(() => !window.layoutdMap.isMoving() && document.querySelector('.locate-popup .locate-title'),
    null, { timeout: 15000 });
  return page.locator('.locate-popup .locate-title').innerText();
}

async function popupText(page) {
  const popup = page.locator('.locate-popup .locate');
  await popup.waitFor({ state: 'visible', timeout: 15000 });
  return popup.innerText();
}

function pageWeight(sizes) {
  const kinds = { js: /\.m?js(\?|$)/, css: /\.css(\?|$)/, tiles: /\/tiles\/\d+\/|\/tiles\.json/, glyphs: /\/fonts\//,
    api: /\/api\//, html: /\/(index\.html)?(\?|$)/ };
  const weight = { total: 0 };
  for (const { target, bytes } of sizes) {
    const kind = Object.keys(kinds).find((k) => kinds[k].test(target)) ?? 'other';
    weight[kind] = (weight[kind] ?? 0) + bytes;
    weight.total += bytes;
  }
  return weight;
}

// A client built before its sources changed would test old code.
function assertClientIsFresh(webRoot) {
  const stamp = join(webRoot, '.build-stamp');  // written by scripts/lib/common.sh ensure_web_client
  if (!existsSync(stamp)) return;
  const built = statSync(stamp).mtimeMs;
  const sources = fileURLToPath(new URL('../../web-client/', import.meta.url));
  const newer = ['index.html', 'vite.config.js', ...readdirSync(join(sources, 'src')).map((f) => join('src', f))]
    .filter((file) => statSync(join(sources, file)).mtimeMs > built);
  assert.deepEqual(newer, [], `${webRoot} is older than these sources: rebuild it (scripts/test does)`);
}

describe('web client', () => {
  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; scripts/test does)`);
    const modules = new URL('./node_modules/playwright-core/package.json', import.meta.url);
    assert.ok(existsSync(modules), 'playwright-core is missing: run `npm ci` in tests/browser (scripts/test does)');
    assert.ok(existsSync(join(env('LAYOUTD_WEB_ROOT'), 'index.html')),
      `no built client in ${env('LAYOUTD_WEB_ROOT')}: build it (scripts/test and scripts/serve do: npm ci + vite build in web-client)`);
    assertClientIsFresh(env('LAYOUTD_WEB_ROOT'));
    playwright = await import('playwright-core');
    mkdirSync(out, { recursive: true });
    const started = await startLayoutd();
    layoutd = started.child;
    base = started.url;
    browser = await playwright.chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // No network but loopback is needed; WebGL through SwiftShader (no GPU on test machines).
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    desktop = await openPage({ width: 1440, height: 900 });
  });

  after(async () => {
    await browser?.close();
    layoutd?.kill('SIGTERM');
  });

  test('the map loads every layer of the catalogue, zoomed to the metropolitan area', async () => {
    const { page } = desktop;
    const catalogue = await (await fetch(`${base}/api/v1/layers`)).json();
    // Polygon names are placed once the place index (zoom-4 tiles) has loaded, maybe after idle.
    await page.waitForFunction(() => window.layoutdMap.querySourceFeatures('places').length > 0, null, { timeout: 15000 });
    const report = await page.evaluate((ids) => {
      const map = window.layoutdMap;
      const styled = new Set(map.getStyle().layers.map((l) => l.metadata?.['layoutd:layer']));
      return {
        missingStyle: ids.filter((id) => !styled.has(id)),
        featureCounts: Object.fromEntries(ids.map((id) => [id, map.querySourceFeatures('layout', { sourceLayer: id }).length])),
        bounds: map.getBounds().toArray(),
      };
    }, catalogue.layers.map((l) => l.id));
    assert.deepEqual(report.missingStyle, [], 'every catalogue layer has a style');
    for (const [id, count] of Object.entries(report.featureCounts)) assert.ok(count > 0, `no features of ${id} loaded`);
    // The whole planning area is in view.
    const plan = catalogue.layers.find((l) => l.id === 'planning_area').bbox;
    const [[west, south], [east, north]] = report.bounds;
    assert.ok(west <= plan[0] && south <= plan[1] && east >= plan[2] && north >= plan[3],
      `view ${report.bounds} does not hold the planning area ${plan}`);
  });

  test('a click in 双阳区 shows both of its groups with the plan\'s sentences', async () => {
    const { page } = desktop;
    await clickAt(page, SHUANGYANG);
    const text = await popupText(page);
    assert.match(text, /双阳区/);
    assert.match(text, /长吉组团/);
    assert.match(text, /长辽组团/);
    assert.match(text, /打造长吉组团：包括长春市九台区、双阳区/, 'the plan\'s sentence for 长吉组团');
    assert.match(text, /最近水脉/, 'the nearest water vein');
    assert.match(text, /\d+(\.\d)? (m|km)/, 'with its distance');
    await page.screenshot({ path: join(out, 'map.png') });
  });

  test('the search box flies to a GCJ-02 coordinate', async () => {
    const { page } = desktop;
    const [lon, lat] = GCJ_SITE.split(',').map(Number);
    const expected = await (await fetch(`${base}/api/v1/locate?lon=${lon}&lat=${lat}&crs=GCJ02`)).json();
    await closePopup(page);
    await page.selectOption('#search-crs', 'GCJ02');
    await page.fill('#search-input', GCJ_SITE);
    await page.press('#search-input', 'Enter');
    assert.equal(await popupTitleAfterFlight(page), `${expected.admin.county} · ${expected.admin.city} · ${expected.admin.province}`);
    assert.match(await popupText(page), /GCJ02/, 'the popup shows the input as GCJ-02');
    // The popup stands on the converted WGS84 site (not on the raw GCJ-02 numbers, ~0.006° away here)...
    const site = `WGS84 ${expected.site.lon.toFixed(5)}, ${expected.site.lat.toFixed(5)}`;
    assert.match(await page.locator('.locate-popup .locate-site').innerText(), new RegExp(`^${site} `));
    assert.ok(Math.abs(expected.site.lon - lon) > 2e-3, 'the GCJ-02 offset was applied');
    // ...and the map flew there: zoomed in, the site near the middle of the view.
    const view = await page.evaluate((ll) => {
      const map = window.layoutdMap;
      const { x, y } = map.project(ll);
      const { width, height } = map.getCanvas().getBoundingClientRect();
      return { zoom: map.getZoom(), dx: Math.abs(x / width - 0.5), dy: Math.abs(y / height - 0.5) };
    }, [expected.site.lon, expected.site.lat]);
    assert.ok(view.zoom >= 10 && view.dx < 0.2 && view.dy < 0.3, `not flown to the site: ${JSON.stringify(view)}`);
  });

  test('a place name from the catalogue is found and shown', async () => {
    const { page } = desktop;
    await closePopup(page);
    await page.fill('#search-input', '双阳');
    const choice = page.locator('#search-results button', { hasText: '双阳区' });
    await choice.waitFor({ timeout: 10000 });
    await choice.click();
    assert.equal(await popupTitleAfterFlight(page), '双阳区 · 长春市 · 吉林省');
  });

  test('labels switch to English and layers toggle from the legend', async () => {
    const { page } = desktop;
    await page.click('#lang');
    const field = await page.evaluate(() => window.layoutdMap.getLayoutProperty('groups-label', 'text-field'));
    assert.deepEqual(field, ['get', 'name_en']);
    await page.click('#lang');
    await page.uncheck('#legend input[data-layer="belts"]');
    const visibility = await page.evaluate(() => window.layoutdMap.getStyle().layers
      .filter((l) => l.metadata?.['layoutd:layer'] === 'belts').map((l) => l.layout?.visibility));
    assert.ok(visibility.length > 0 && visibility.every((v) => v === 'none'), `belts still shown: ${visibility}`);
    await page.check('#legend input[data-layer="belts"]');
  });

  test('usable at phone width', async () => {
    const phone = await openPage({ width: 390, height: 844 }, { isMobile: true, hasTouch: true });
    const { page } = phone;
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      search: document.querySelector('#search-input').getBoundingClientRect().width,
      legendCollapsed: document.querySelector('#legend').classList.contains('collapsed'),
      canvas: window.layoutdMap.getCanvas().getBoundingClientRect().width,
    }));
    assert.ok(layout.scrollWidth <= 390, `the page scrolls sideways (${layout.scrollWidth} px)`);
    assert.ok(layout.search >= 200, `search box ${layout.search} px wide`);
    assert.ok(layout.legendCollapsed, 'the legend starts collapsed on a phone');
    assert.equal(Math.round(layout.canvas), 390);
    const { x, y } = await page.evaluate((ll) => window.layoutdMap.project(ll), SHUANGYANG);
    await page.touchscreen.tap(x, y);
    assert.match(await popupText(page), /长辽组团/);
    await page.waitForFunction(() => !window.layoutdMap.isMoving());
    const popupBox = await page.locator('.locate-popup').boundingBox();
    const barBox = await page.locator('#search').boundingBox();
    assert.ok(popupBox.width <= 390, `popup ${popupBox.width} px wide`);
    assert.ok(popupBox.y >= barBox.y + barBox.height, 'the popup is not hidden under the search box');
    await page.screenshot({ path: join(out, 'map-phone.png') });
    assert.deepEqual(phone.problems, []);
  });

  test('no failed requests or console errors; page weight and first render reported', async () => {
    assert.deepEqual(desktop.problems, []);
    const timing = await desktop.page.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
      return {
        firstRenderMs: Math.round(mark('layoutd:first-render')),  // the first frame (background and outlines)
        loadMs: Math.round(mark('layoutd:load')),                 // the first complete frame
        idleMs: Math.round(mark('layoutd:idle')),                 // everything drawn, labels placed
      };
    });
    // The first load only: what had arrived by the time the map was idle.
    const weight = pageWeight(desktop.firstLoad);
    const report = { ...timing, weightBytes: weight, requests: desktop.firstLoad.length };
    writeFileSync(join(out, 'page-weight.json'), `${JSON.stringify({ ...report, urls: desktop.firstLoad }, null, 2)}\n`);
    console.log(`first render ${timing.firstRenderMs} ms, complete ${timing.loadMs} ms, idle ${timing.idleMs} ms after navigation start; ` +
      `first load ${report.requests} requests, ${Object.entries(weight).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KiB`).join(', ')}`);
    assert.ok(timing.firstRenderMs > 0 && timing.loadMs >= timing.firstRenderMs && timing.idleMs >= timing.loadMs);
  });
});
