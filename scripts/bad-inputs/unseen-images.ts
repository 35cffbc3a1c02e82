import { deflateSync } from 'node:zlib';
import { pngChunk } from './image-bombs.js';

/**
 * Image files whose headers promise more than a reader may decode, in containers and
 * encodings the first bad-input generator does not write (8/16-bit colour PNG, big-endian
 * TIFF, IFD chains and loops, progressive and arithmetic JPEG, WebP canvases, GIF, BMP).
 */


/** A PNG header of width × height at `depth` bits and `colour` type, pixel data for one row. */
export function pngHeader(width: number, height: number, depth: number, colour: number): Uint8Array {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = depth;
  d[9] = colour;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colour as 0 | 2 | 4 | 6] ?? 1;
  const row = Buffer.alloc(Math.min(1 + Math.ceil((width * channels * depth) / 8), 1 << 20));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', d), pngChunk('IDAT', deflateSync(row)), pngChunk('IEND', new Uint8Array(0))]);
}

/** A complete 8-bit gray PNG of white pixels (valid, compresses ~1000:1). */
export function pngGrayBlank(width: number, height: number): Uint8Array {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = 8;
  d[9] = 0;
  const raw = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', d), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array(0))]);
}

export interface TiffIfd {
  width: number;
  height: number;
}

/**
 * A TIFF of one IFD per entry of `pages` (8-bit gray, one strip of one shared row of pixels),
 * big- or little-endian. `loopTo` makes the last IFD point back at IFD number `loopTo`.
 */
export function tiffChain(pages: readonly TiffIfd[], opts: { bigEndian?: boolean; loopTo?: number } = {}): Uint8Array {
  const ENTRIES = 8;
  const ifdBytes = 2 + ENTRIES * 12 + 4;
  const pixelsAt = 8;
  const pixelBytes = 64;
  const first = pixelsAt + pixelBytes;
  const out = Buffer.alloc(first + pages.length * ifdBytes);
  const be = opts.bigEndian === true;
  const u16 = (v: number, at: number) => (be ? out.writeUInt16BE(v, at) : out.writeUInt16LE(v, at));
  const u32 = (v: number, at: number) => (be ? out.writeUInt32BE(v, at) : out.writeUInt32LE(v, at));
  out.write(be ? 'MM' : 'II', 0, 'latin1');
  u16(42, 2);
  u32(first, 4);
  out.fill(0xff, pixelsAt, pixelsAt + pixelBytes);
  pages.forEach((p, i) => {
    const at = first + i * ifdBytes;
    u16(ENTRIES, at);
    const tags: [number, number, number][] = [
      [256, 4, p.width], [257, 4, p.height], [258, 3, 8], [259, 3, 1], [262, 3, 1],
      [273, 4, pixelsAt], [278, 4, p.height], [279, 4, pixelBytes],
    ];
    tags.forEach(([tag, type, value], k) => {
      const e = at + 2 + k * 12;
      u16(tag, e);
      u16(type, e + 2);
      u32(1, e + 4);
      if (type === 3) u16(value, e + 8);
      else u32(value, e + 8);
    });
    const last = i === pages.length - 1;
    const next = !last ? at + ifdBytes : opts.loopTo !== undefined ? first + opts.loopTo * ifdBytes : 0;
    u32(next, at + 2 + ENTRIES * 12);
  });
  return new Uint8Array(out);
}

const seg = (marker: number, body: number[]) => [0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff, ...body];

/**
 * A JPEG header whose frame marker is `sof` (0xC2 progressive, 0xC9 arithmetic …) for
 * `components` components of width × height, after an APP segment of `padding` bytes
 * (a thumbnail, an ICC profile) that a header reader must skip to reach the frame.
 */
export function jpegFrame(width: number, height: number, sof: number, components = 3, padding = 0): Uint8Array {
  const app: number[] = [];
  for (let left = padding; left > 0; left -= 65000) app.push(...seg(0xe2, Array.from({ length: Math.min(left, 65000) }, () => 0x20)));
  const dqt = seg(0xdb, [0x00, ...Array.from({ length: 64 }, () => 1)]);
  const comps = Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]).flat();
  const frame = seg(sof, [8, (height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff, components, ...comps]);
  const dhtDc = seg(0xc4, [0x00, 1, ...Array.from({ length: 15 }, () => 0), 0]);
  const dhtAc = seg(0xc4, [0x10, 1, ...Array.from({ length: 15 }, () => 0), 0]);
  const sos = seg(0xda, [1, 1, 0x00, 0, 63, 0]);
  return Uint8Array.from([0xff, 0xd8, ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), ...app, ...dqt, ...frame, ...dhtDc, ...dhtAc, ...sos, 0, 0, 0, 0, 0xff, 0xd9]);
}

/** An extended WebP (VP8X) whose canvas is width × height; a 1×1 lossless bitstream follows. */
export function webpCanvas(width: number, height: number): Uint8Array {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1');
  vp8x.writeUInt32LE(10, 4);
  vp8x.writeUIntLE(width - 1, 12, 3);
  vp8x.writeUIntLE(height - 1, 15, 3);
  // VP8L: signature 0x2f, then 14-bit width-1 and height-1 (0 = 1 px), alpha, version.
  const vp8l = Buffer.from([0x56, 0x50, 0x38, 0x4c, 5, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, vp8l]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return new Uint8Array(Buffer.concat([head, body]));
}

/** A GIF logical screen of width × height with one 1×1 frame. */
export function gifScreen(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(13);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  b[10] = 0x80;
  const palette = [0, 0, 0, 255, 255, 255];
  const frame = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b];
  return Uint8Array.from([...b, ...palette, ...frame]);
}

/** A BMP header of width × height, 24 bits, with no pixel data. */
export function bmpHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(54);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(54, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return new Uint8Array(b);
}
