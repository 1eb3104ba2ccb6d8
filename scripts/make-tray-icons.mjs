// Draws the tray icons (assets/tray/*.png): a handset-blue disc whose ring says the state, and a
// red badge dot for missed calls. Plain Node (zlib) so anyone can regenerate them:
//   node scripts/make-tray-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SIZE = 32;
const STATES = {
  registered: [46, 160, 67],
  connecting: [230, 162, 35],
  offline: [150, 150, 150],
  loggedOut: [110, 110, 110],
};

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(pixel) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], y * (SIZE * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const dist = (x, y, cx, cy) => Math.hypot(x - cx, y - cy);
const cover = (d, radius) => Math.max(0, Math.min(1, radius - d + 0.5));

function icon(ring, badge) {
  return (x, y) => {
    const d = dist(x, y, 16, 16);
    let color = [0, 0, 0, 0];
    const ringA = cover(d, 15) - cover(d, 11);
    const disc = cover(d, 10.5);
    if (disc > 0) color = [38, 99, 235, Math.round(255 * disc)];
    if (ringA > 0) color = [...ring, Math.round(255 * Math.max(ringA, color[3] / 255))];
    if (badge) {
      const b = cover(dist(x, y, 25, 7), 6.5);
      if (b > 0) color = [220, 38, 38, Math.round(255 * Math.max(b, color[3] / 255))];
    }
    return color;
  };
}

const dir = join(import.meta.dirname, '..', 'assets', 'tray');
mkdirSync(dir, { recursive: true });
for (const [name, ring] of Object.entries(STATES)) {
  writeFileSync(join(dir, `${name}.png`), png(icon(ring, false)));
  writeFileSync(join(dir, `${name}-badge.png`), png(icon(ring, true)));
}
console.log(`tray icons written to ${dir}`);
