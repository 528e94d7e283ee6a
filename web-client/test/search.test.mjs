// The search box's pure parts under node's test runner (ctest web_client.search): reading a
// coordinate pair as people paste it, and ranking place names.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { findNames } from '../src/names.js';
import { parseCoordinates } from '../src/search.js';

test('coordinate pairs as pasted from web maps and GPS apps', () => {
  assert.deepEqual(parseCoordinates('125.6646,43.5253'), { lon: 125.6646, lat: 43.5253 });
  assert.deepEqual(parseCoordinates(' 125.6646 43.5253 '), { lon: 125.6646, lat: 43.5253 });
  assert.deepEqual(parseCoordinates('125.6646，43.5253'), { lon: 125.6646, lat: 43.5253 });  // full-width comma
  // Latitude first is recognised when only the second number can be a longitude.
  assert.deepEqual(parseCoordinates('43.5253, 125.6646'), { lon: 125.6646, lat: 43.5253 });
  assert.deepEqual(parseCoordinates('-70.5,-33.4'), { lon: -70.5, lat: -33.4 });
  for (const text of ['双阳区', '125.66', '125.66,43.52,7', 'lon,lat', '', '125.6.6,43']) {
    assert.equal(parseCoordinates(text), null, text);
  }
});

test('names: exact, then prefix, then substring, then English', () => {
  const names = [
    { layer: 'groups', name_zh: '长吉组团', name_en: 'Changchun–Jilin Group' },
    { layer: 'admin', name_zh: '双阳区', name_en: 'Shuangyang District, Changchun' },
    { layer: 'admin', name_zh: '吉林市', name_en: 'Jilin' },
    { layer: 'water_veins', name_zh: '长春至吉林北线', name_en: 'Changchun–Jilin Northern Line' },
    { layer: 'admin', name_zh: '吉林', name_en: 'Jilin Province' },
  ];
  assert.deepEqual(findNames(names, '吉林').map((n) => n.name_zh), ['吉林', '吉林市', '长春至吉林北线']);
  assert.deepEqual(findNames(names, 'jilin g').map((n) => n.name_zh), ['长吉组团']);
  assert.deepEqual(findNames(names, 'shuangyang').map((n) => n.name_zh), ['双阳区']);
  assert.deepEqual(findNames(names, '吉林', 2).length, 2);
  assert.deepEqual(findNames(names, '  '), []);
  assert.deepEqual(findNames(names, '哈尔滨'), []);
});
