import { crc32, deflateSync } from 'node:zlib';

/**
 * Images whose header promises far more pixels than the file holds: the reader must refuse
 * them from the header, before a decoder allocates width × height bytes.
 */

/** A PNG chunk: length, type, data, CRC-32 (shared with unseen-images.ts). */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = 1; // bit depth: 1-bit gray keeps the honest variant's pixel data small
  d[9] = 0; // colour type: grayscale
  return pngChunk('IHDR', d);
}

/** A PNG of a hundred bytes whose IHDR says width × height but whose pixel data stops after one row. */
export function pngClaimingSize(width: number, height: number): Uint8Array {
  const firstRow = Buffer.alloc(Math.ceil(width / 8) + 1);
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), pngChunk('IDAT', deflateSync(firstRow)), pngChunk('IEND', new Uint8Array(0))]);
}

/**
 * A complete, valid 1-bit PNG of width × height white pixels: every row is a filter byte and
 * zeros, which deflate shrinks about a thousandfold (20000 × 20000 is ~50 KB on disk).
 */
export function pngBlank(width: number, height: number): Uint8Array {
  const row = Math.ceil(width / 8) + 1;
  const raw = Buffer.alloc(row * height); // filter 0, all pixels 0
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array(0))]);
}

/**
 * A baseline JPEG header (SOI, quantisation table, SOF0 for one gray component of
 * width × height, Huffman tables, SOS) followed by a few bytes of scan data and EOI.
 */
export function jpegHeaderOnly(width: number, height: number): Uint8Array {
  const seg = (marker: number, body: number[]) => [0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff, ...body];
  const dqt = seg(0xdb, [0x00, ...Array.from({ length: 64 }, () => 1)]);
  const sof = seg(0xc0, [8, (height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff, 1, 1, 0x11, 0]);
  // DC table 0 with a single 1-bit code for category 0; AC table 0 with one code for EOB.
  const dhtDc = seg(0xc4, [0x00, 1, ...Array.from({ length: 15 }, () => 0), 0]);
  const dhtAc = seg(0xc4, [0x10, 1, ...Array.from({ length: 15 }, () => 0), 0]);
  const sos = seg(0xda, [1, 1, 0x00, 0, 63, 0]);
  return Uint8Array.from([0xff, 0xd8, ...dqt, ...sof, ...dhtDc, ...dhtAc, ...sos, 0x00, 0x00, 0x00, 0x00, 0xff, 0xd9]);
}

/**
 * A little-endian TIFF of `pages` tiny gray pages (8×8, uncompressed): a few hundred KB that a
 * reader decoding every page before counting them would turn into a long, growing batch.
 */
export function tiffPages(pages: number, size = 8): Uint8Array {
  const ENTRIES = 9;
  const ifdBytes = 2 + ENTRIES * 12 + 4;
  const pageBytes = ifdBytes + size * size;
  const out = Buffer.alloc(8 + pages * pageBytes);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  for (let p = 0; p < pages; p++) {
    const at = 8 + p * pageBytes;
    const pixels = at + ifdBytes;
    out.writeUInt16LE(ENTRIES, at);
    // Tags in ascending order, as TIFF requires: type 3 = SHORT, 4 = LONG.
    const tags: [number, number, number][] = [
      [256, 3, size], // ImageWidth
      [257, 3, size], // ImageLength
      [258, 3, 8], // BitsPerSample
      [259, 3, 1], // Compression: none
      [262, 3, 1], // PhotometricInterpretation: black is zero
      [273, 4, pixels], // StripOffsets
      [277, 3, 1], // SamplesPerPixel
      [278, 3, size], // RowsPerStrip
      [279, 4, size * size], // StripByteCounts
    ];
    tags.forEach(([tag, type, value], i) => {
      const e = at + 2 + i * 12;
      out.writeUInt16LE(tag, e);
      out.writeUInt16LE(type, e + 2);
      out.writeUInt32LE(1, e + 4);
      if (type === 3) out.writeUInt16LE(value, e + 8);
      else out.writeUInt32LE(value, e + 8);
    });
    out.writeUInt32LE(p + 1 < pages ? at + pageBytes : 0, at + 2 + ENTRIES * 12);
    out.fill(0xff, pixels, pixels + size * size);
  }
  return new Uint8Array(out);
}
