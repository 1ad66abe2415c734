/**
 * Draws the bundle icon (assets/icon.png): a cloud over a shield-blue rounded square. Written with
 * node:zlib so the icon is reproducible from source; run `pnpm tsx scripts/icon.ts` to redraw.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const px = Buffer.alloc(SIZE * SIZE * 4);
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) =>
  (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRounded = (x: number, y: number, m: number, r: number) => {
  const lo = m + r;
  const hi = SIZE - m - r;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    if (!inRounded(x, y, 8, 44)) continue; // transparent corners
    const shade = 1 - y / (SIZE * 3);
    let [r, g, b] = [Math.round(24 * shade), Math.round(92 * shade), Math.round(168 * shade)];
    const cloud =
      inCircle(x, y, 100, 130, 42) ||
      inCircle(x, y, 150, 118, 52) ||
      inCircle(x, y, 190, 146, 32) ||
      (y >= 130 && y <= 178 && x >= 70 && x <= 205);
    const arrow = x >= 122 && x <= 134 && y >= 128 && y <= 168;
    const head = y >= 160 && y <= 184 && Math.abs(x - 128) <= 184 - y;
    if (cloud) [r, g, b] = [245, 248, 252];
    if (cloud && (arrow || head)) [r, g, b] = [24, 92, 168];
    px.set([r, g, b, 255], i);
  }
}
const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++)
  px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../assets/icon.png', import.meta.url), png);
process.stdout.write(`assets/icon.png: ${png.length} bytes\n`);
