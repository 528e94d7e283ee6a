// Symbols and hatch patterns drawn on a canvas at start-up: the style needs no sprite file, and
// every image is added when MapLibre first asks for it (the missing-image resolver).
import { palette } from './style.js';

const RATIO = 2;  // drawn at twice the CSS size, crisp on high-density screens

function canvasOf(id) {
  const [size, paint] = images[id];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * RATIO;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });  // read back once, on the CPU
  ctx.scale(RATIO, RATIO);
  paint(ctx, size);
  return canvas;
}

function outlined(ctx, fill, stroke = '#ffffff', width = 1.5) {
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = width;
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

function star(ctx, cx, cy, outer, inner) {
  ctx.beginPath();
  for (let i = 0; i < 10; i += 1) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.closePath();
}

function hatch(colour) {
  return (ctx, size) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.1;
    ctx.globalAlpha = 0.7;
    // Diagonals that continue across the pattern's edges.
    for (const offset of [-size, 0, size]) {
      ctx.beginPath();
      ctx.moveTo(offset, size);
      ctx.lineTo(offset + size, 0);
      ctx.stroke();
    }
  };
}

const images = {
  'centre-star': [22, (ctx, s) => { star(ctx, s / 2, s / 2 + 1, s / 2 - 1.5, s / 5); outlined(ctx, palette.centre); }],
  'node-airport': [16, (ctx, s) => {
    ctx.beginPath();
    ctx.arc(s / 2, s / 2, s / 2 - 1, 0, 2 * Math.PI);
    outlined(ctx, '#263238');
    // A plane seen from above.
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.moveTo(8, 2.5); ctx.lineTo(9, 6.5); ctx.lineTo(13.5, 9); ctx.lineTo(13.5, 10); ctx.lineTo(9, 8.8);
    ctx.lineTo(8.8, 11.8); ctx.lineTo(10.2, 13); ctx.lineTo(10.2, 13.6); ctx.lineTo(8, 13); ctx.lineTo(5.8, 13.6);
    ctx.lineTo(5.8, 13); ctx.lineTo(7.2, 11.8); ctx.lineTo(7, 8.8); ctx.lineTo(2.5, 10); ctx.lineTo(2.5, 9);
    ctx.lineTo(7, 6.5); ctx.closePath();
    ctx.fill();
  }],
  'node-passenger': [14, (ctx, s) => {
    ctx.beginPath();
    ctx.arc(s / 2, s / 2, s / 2 - 1, 0, 2 * Math.PI);
    outlined(ctx, '#b71c1c');
    ctx.beginPath();
    ctx.arc(s / 2, s / 2, s / 5, 0, 2 * Math.PI);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
  }],
  'node-logistics': [13, (ctx, s) => { ctx.beginPath(); ctx.rect(1.5, 1.5, s - 3, s - 3); outlined(ctx, '#6d4c41'); }],
  'node-platform': [15, (ctx, s) => {
    ctx.beginPath();
    ctx.moveTo(s / 2, 1); ctx.lineTo(s - 1, s / 2); ctx.lineTo(s / 2, s - 1); ctx.lineTo(1, s / 2); ctx.closePath();
    outlined(ctx, '#ef6c00');
  }],
  'node-town': [12, (ctx, s) => {
    ctx.beginPath();
    ctx.moveTo(s / 2, 1.5); ctx.lineTo(s - 1.5, s - 2); ctx.lineTo(1.5, s - 2); ctx.closePath();
    outlined(ctx, '#558b2f', '#ffffff', 1.2);
  }],
  'hatch-green': [8, hatch(palette.protected)],
  'hatch-water': [8, hatch('#00838f')],
};

export function addImageOnDemand(map) {
  map.setMissingStyleImageResolver((id) => {
    if (!(id in images) || map.hasImage(id)) return;
    const canvas = canvasOf(id);
    const image = canvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, canvas.width, canvas.height);
    map.addImage(id, image, { pixelRatio: RATIO });
  });
}

// The same drawings as data URLs, for the legend's swatches.
export function imageUrl(id) {
  return canvasOf(id).toDataURL();
}
