/**
 * Writes the synthetic image fixtures of the OCR path (fixtures/images/, fixtures/ocr/).
 * Deterministic: the same files come out on every run.
 *
 *   npx tsc -p tsconfig.json --outDir .tmp/ocr-build
 *   node .tmp/ocr-build/scripts/make-image-fixtures.js [--corpus /work/shared/corpus/docs]
 *
 * "Text" is drawn as rows of letter-sized blocks (no fonts needed, so the pictures are the
 * same on every machine); the page's ruling lines are known exactly and written next to it
 * as JSON (points, top-left origin) for the tests to compare with.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { Rule } from '../src/model/index.js';
import { grayFromSharp, rotateQuarter, rotateSmall, sharpFromGray } from '../src/ingest/image-gray.js';
import type { GrayImage } from '../src/ingest/ocr-engine.js';

const IMAGES = 'fixtures/images';
const OCR = 'fixtures/ocr';
const DPI = 150;
const A4 = { width: 1240, height: 1754 }; // 8.27 × 11.69 in at 150 dpi
const pt = (px: number): number => Math.round(((px * 72) / DPI) * 100) / 100;

/** Deterministic pseudo-random numbers (mulberry32), so fixtures never change between runs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines of letter-sized blocks: 1.5 × 2 mm letters, word gaps, 3.7 mm line pitch (10-11 pt text). */
function drawText(ctx: SKRSContext2D, x0: number, y0: number, width: number, lines: number, rnd: () => number): void {
  ctx.fillStyle = '#141414';
  for (let l = 0; l < lines; l++) {
    let x = x0;
    const y = y0 + l * 22;
    while (x < x0 + width - 60) {
      const letters = 2 + Math.floor(rnd() * 7);
      for (let i = 0; i < letters && x < x0 + width - 10; i++) {
        const tall = rnd() < 0.2;
        ctx.fillRect(x, tall ? y - 4 : y, 7, tall ? 16 : 12);
        x += 10;
      }
      x += 9;
    }
  }
}

interface Drawn {
  image: GrayImage;
  rules: Rule[];
}

/** A 5-column ruled plan table with a title, as rendered at 150 dpi. */
function ruledTable(): Drawn {
  const canvas = createCanvas(A4.width, A4.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, A4.width, A4.height);
  const rnd = random(7);
  drawText(ctx, 250, 150, 740, 2, rnd);
  const cols = [100, 172, 520, 760, 930, 1140];
  const rows = [300, 360, 520, 640, 820, 960, 1120, 1320];
  const thick = 2;
  ctx.fillStyle = '#000000';
  for (const y of rows) ctx.fillRect(cols[0]!, y, cols[cols.length - 1]! - cols[0]! + thick, thick);
  for (const x of cols) ctx.fillRect(x, rows[0]!, thick, rows[rows.length - 1]! - rows[0]! + thick);
  for (let r = 0; r + 1 < rows.length; r++) {
    const lines = Math.max(1, Math.floor((rows[r + 1]! - rows[r]! - 16) / 22));
    for (let c = 0; c + 1 < cols.length; c++) {
      const w = cols[c + 1]! - cols[c]! - 16;
      drawText(ctx, cols[c]! + 8, rows[r]! + 12, c === 0 ? 30 : w, c === 0 ? 1 : Math.min(lines, 1 + Math.floor(rnd() * lines)), rnd);
    }
  }
  const right = cols[cols.length - 1]! + thick;
  const bottom = rows[rows.length - 1]! + thick;
  const rules: Rule[] = [
    ...rows.map((y) => ({ orientation: 'h' as const, at: pt(y + thick / 2), from: pt(cols[0]!), to: pt(right) })),
    ...cols.map((x) => ({ orientation: 'v' as const, at: pt(x + thick / 2), from: pt(rows[0]!), to: pt(bottom) })),
  ];
  return { image: canvasToGray(canvas.data(), A4.width, A4.height), rules };
}

/** Dashed and broken lines among text rows that must not be taken for rules. */
function dashedRules(): Drawn {
  const canvas = createCanvas(A4.width, 700);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, A4.width, 700);
  const rnd = random(11);
  drawText(ctx, 120, 60, 1000, 5, rnd);
  ctx.fillStyle = '#000000';
  // Dashed horizontal rule: 8 px dashes, 4 px gaps (1.4 mm / 0.7 mm at 150 dpi).
  for (let x = 120; x < 1120; x += 12) ctx.fillRect(x, 250, 8, 2);
  // Scan-broken horizontal rule: solid with a few 3-px drop-outs.
  ctx.fillRect(120, 400, 1000, 2);
  ctx.fillStyle = '#ffffff';
  for (const x of [300, 520, 800, 990]) ctx.fillRect(x, 400, 3, 2);
  ctx.fillStyle = '#000000';
  // Broken vertical rule.
  ctx.fillRect(600, 430, 2, 240);
  ctx.fillStyle = '#ffffff';
  for (const y of [500, 590]) ctx.fillRect(600, y, 2, 3);
  drawText(ctx, 120, 450, 440, 9, rnd);
  const rules: Rule[] = [
    { orientation: 'h', at: pt(251), from: pt(120), to: pt(1120) },
    { orientation: 'h', at: pt(401), from: pt(120), to: pt(1120) },
    { orientation: 'v', at: pt(601), from: pt(430), to: pt(670) },
  ];
  return { image: canvasToGray(canvas.data(), A4.width, 700), rules };
}

function canvasToGray(rgba: Uint8Array, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]!;
  return { data, width, height, dpi: DPI };
}

/** Scan damage: blur, noise, JPEG — what the corpus scans went through, a little harsher. */
async function scanned(img: GrayImage, seed: number): Promise<Buffer> {
  const rnd = random(seed);
  const blurred = await grayFromSharp(sharpFromGray(img).blur(0.9), img.dpi);
  const noisy = new Uint8Array(blurred.data.length);
  for (let i = 0; i < noisy.length; i++) noisy[i] = Math.max(0, Math.min(255, blurred.data[i]! - 20 + Math.round((rnd() - 0.5) * 50)));
  return sharpFromGray({ ...blurred, data: noisy }).jpeg({ quality: 45 }).withMetadata({ density: img.dpi }).toBuffer();
}

/**
 * The page photographed on a dark table: the sheet's corners land on a known quad, the
 * lighting falls off to one side. Inverse mapping with the homography of the quad.
 */
function photographed(img: GrayImage, quad: Array<[number, number]>, width: number, height: number): GrayImage {
  // Homography unit square → quad (Heckbert's closed form); photo pixels are mapped back
  // to the sheet through its inverse (adjugate).
  const [p0, p1, p2, p3] = quad as [[number, number], [number, number], [number, number], [number, number]];
  const dx1 = p1[0] - p2[0], dx2 = p3[0] - p2[0], dx3 = p0[0] - p1[0] + p2[0] - p3[0];
  const dy1 = p1[1] - p2[1], dy2 = p3[1] - p2[1], dy3 = p0[1] - p1[1] + p2[1] - p3[1];
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / det;
  const h = (dx1 * dy3 - dx3 * dy1) / det;
  const a = p1[0] - p0[0] + g * p1[0], b = p3[0] - p0[0] + h * p3[0], c = p0[0];
  const d = p1[1] - p0[1] + g * p1[1], e = p3[1] - p0[1] + h * p3[1], f = p0[1];
  // Inverse of [[a b c][d e f][g h 1]] (adjugate).
  const A = e - f * h, B = c * h - b, C = b * f - c * e;
  const D = f * g - d, E = a - c * g, F = c * d - a * f;
  const G = d * h - e * g, H = b * g - a * h, I = a * e - b * d;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = G * x + H * y + I;
      const u = (A * x + B * y + C) / w;
      const v = (D * x + E * y + F) / w;
      const shade = 0.75 + 0.25 * (1 - x / width);
      if (u < 0 || u >= 1 || v < 0 || v >= 1) {
        out[y * width + x] = Math.round(55 * shade);
        continue;
      }
      const sx = Math.min(img.width - 1, Math.floor(u * img.width));
      const sy = Math.min(img.height - 1, Math.floor(v * img.height));
      out[y * width + x] = Math.round(img.data[sy * img.width + sx]! * 0.85 * shade);
    }
  }
  return { data: out, width, height, dpi: 72 };
}

/** A PNG that declares 20000 × 20000 pixels and holds no pixel data at all. */
function hugeHeaderOnlyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(tb));
    return Buffer.concat([len, tb, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0);
  ihdr.writeUInt32BE(20000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  // One tiny (wrong-sized) IDAT keeps the file well-formed at the chunk level.
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF, 200 × 100 pt, with a black bar at x 20..120, y 40..60 (top-left origin). */
function tinyPdf(): Buffer {
  const content = '0 0 0 rg 20 40 100 20 re f\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function writePng(file: string, img: GrayImage): Promise<void> {
  await sharpFromGray(img).png({ compressionLevel: 9, palette: false }).withMetadata({ density: img.dpi }).toFile(file);
  console.log(`${file} ${img.width}×${img.height}`);
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 1) + '\n');
  console.log(file);
}

async function main(): Promise<void> {
  fs.mkdirSync(IMAGES, { recursive: true });
  fs.mkdirSync(OCR, { recursive: true });

  const table = ruledTable();
  await writePng(path.join(IMAGES, 'ruled-table.png'), table.image);
  writeJson(path.join(IMAGES, 'ruled-table.rules.json'), table.rules);
  // Content turned 2° clockwise within the same frame, as a skewed scan.
  await writePng(path.join(IMAGES, 'ruled-table-skew-2deg.png'), await rotateSmall(table.image, 2));
  await writePng(path.join(IMAGES, 'ruled-table-turned-90.png'), await rotateQuarter(table.image, 1));
  fs.writeFileSync(path.join(IMAGES, 'ruled-table-scanned.jpg'), await scanned(await rotateSmall(table.image, -1.2), 3));
  console.log(path.join(IMAGES, 'ruled-table-scanned.jpg'));

  const dashed = dashedRules();
  await writePng(path.join(IMAGES, 'dashed-rules.png'), dashed.image);
  writeJson(path.join(IMAGES, 'dashed-rules.rules.json'), dashed.rules);

  // Photo 1000 × 800 px (landscape frame, portrait sheet) with the sheet's corners here:
  const quad: Array<[number, number]> = [[260, 60], [790, 95], [760, 760], [215, 730]];
  const photo = photographed(table.image, quad, 1000, 800);
  await sharpFromGray(photo).jpeg({ quality: 85 }).toFile(path.join(IMAGES, 'photo-page.jpg'));
  writeJson(path.join(IMAGES, 'photo-page.quad.json'), quad);

  fs.writeFileSync(path.join(IMAGES, 'huge-header-only.png'), hugeHeaderOnlyPng());
  console.log(path.join(IMAGES, 'huge-header-only.png'));

  // EXIF orientation 6 (stored sideways, shown turned 90° clockwise): a black block in the
  // stored top-left corner must end up top-right after decoding.
  const stored = new Uint8Array(60 * 40).fill(255);
  for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) stored[y * 60 + x] = 0;
  await sharp(stored, { raw: { width: 60, height: 40, channels: 1 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(path.join(IMAGES, 'exif-orientation-6.jpg'));
  console.log(path.join(IMAGES, 'exif-orientation-6.jpg'));

  // Two-page TIFF at 200 dpi (A4-sized pages would be large; the pages are A7-ish strips).
  const pageA = await sharp({ create: { width: 300, height: 420, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const pageB = await sharp({ create: { width: 300, height: 420, channels: 3, background: '#808080' } }).png().toBuffer();
  await sharp([pageA, pageB], { join: { animated: true } }).tiff({ compression: 'deflate', xres: 200 / 25.4, yres: 200 / 25.4 }).toFile(path.join(IMAGES, 'two-pages.tif'));
  console.log(path.join(IMAGES, 'two-pages.tif'));

  fs.writeFileSync(path.join(IMAGES, 'bar-200x100pt.pdf'), tinyPdf());
  console.log(path.join(IMAGES, 'bar-200x100pt.pdf'));

  // A real scan crop for the one test that runs Tesseract: the table head, a section row and
  // the first activity row of the Prigorodny scan (page 2, 300 dpi), about 1.7 MP.
  const corpusIdx = process.argv.indexOf('--corpus');
  const corpus = corpusIdx >= 0 ? process.argv[corpusIdx + 1]! : '/work/shared/corpus/docs';
  const scan = path.join(corpus, 'prigorodny-2021', 'prigorodny-2021.scan.pdf');
  if (fs.existsSync(scan)) {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const { renderPdfPage } = await import('../src/ingest/pdf-render.js');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(scan)), verbosity: 0 }).promise;
    const page = await renderPdfPage(await doc.getPage(2), 300);
    await doc.destroy();
    const crop = await grayFromSharp(sharpFromGray(page).extract({ left: 200, top: 380, width: 2150, height: 780 }), 300);
    // JPEG like the scan itself: scan noise does not compress in PNG (1.3 MB).
    await sharpFromGray(crop).jpeg({ quality: 80 }).withMetadata({ density: 300 }).toFile(path.join(OCR, 'prigorodny-2021.scan.p2-head.jpg'));
    console.log(path.join(OCR, 'prigorodny-2021.scan.p2-head.jpg'));
  } else {
    console.log(`skipped the scan crop: ${scan} not found`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
