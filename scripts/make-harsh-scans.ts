/**
 * Harsher scans than the corpus has, for measuring how OCR accuracy degrades: every page of
 * each image-only PDF is rendered, turned by a random small angle, blurred, brought down to a
 * low resolution, given sensor noise and heavy JPEG compression, and the pages of a document
 * are written as one multi-page TIFF named `<id>.harsh.tif` (score.py reads the kind from
 * the name).
 *
 *   npx tsx scripts/make-harsh-scans.ts [--corpus DIR] [--out .tmp/harsh] [--dpi 200]
 *       [--rotate 3] [--blur 0.8] [--noise 14] [--jpeg 35] [--seed 7]
 *   node bin/ingest.js .tmp/harsh --db harsh.sqlite && python3 scripts/score.py harsh.sqlite fixtures/corpus/gold
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { rotateSmall } from '../src/ingest/image-gray.js';
import type { GrayImage } from '../src/ingest/ocr-engine.js';
import { renderPdfPage } from '../src/ingest/pdf-render.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const corpus = option('corpus', 'fixtures/corpus/docs');
const out = option('out', '.tmp/harsh');
const dpi = Number(option('dpi', '200'));
const maxRotate = Number(option('rotate', '3'));
const blur = Number(option('blur', '0.8'));
const noise = Number(option('noise', '14'));
const jpeg = Number(option('jpeg', '35'));
let seed = Number(option('seed', '7'));

// mulberry32: a seeded generator, so the same flags give the same files.
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

async function degrade(page: GrayImage): Promise<Buffer> {
  const angle = (random() * 2 - 1) * maxRotate;
  const scale = dpi / 300;
  // The frame is kept (as a tilted sheet on a scanner glass): pages of a file keep one size.
  const tilted = rotateSmall(page, angle);
  const { data, info } = await sharp(tilted.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .blur(blur)
    .resize(Math.round(page.width * scale))
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const noisy = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    // Sum of uniforms ≈ Gaussian noise of the given spread.
    const n = (random() + random() + random() - 1.5) * noise * 2;
    noisy[i] = Math.max(0, Math.min(255, Math.round(data[i]! + n)));
  }
  return sharp(noisy, { raw: { width: info.width, height: info.height, channels: 1 } })
    .jpeg({ quality: jpeg })
    .toBuffer();
}

fs.mkdirSync(out, { recursive: true });
for (const file of fs.readdirSync(corpus).filter((f) => f.endsWith('.scan.pdf')).sort()) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(path.join(corpus, file))) }).promise;
  const pages: Buffer[] = [];
  for (let n = 1; n <= doc.numPages; n++) pages.push(await degrade(await renderPdfPage(await doc.getPage(n), 300)));
  // A multi-page TIFF written by sharp needs pages of one size: a landscape page among
  // portrait ones is written to a file of its own.
  const sizes = await Promise.all(pages.map(async (p) => { const m = await sharp(p).metadata(); return `${m.width}x${m.height}`; }));
  if (new Set(sizes).size > 1) throw new Error(`${file}: pages of different sizes (${[...new Set(sizes)].join(', ')})`);
  await doc.destroy();
  const target = path.join(out, file.replace(/\.scan\.pdf$/, '.harsh.tif'));
  await sharp(pages, { join: { animated: true } }).withMetadata({ density: dpi }).tiff({ compression: 'jpeg', quality: jpeg }).toFile(target);
  console.log(`${target}: ${pages.length} page(s)`);
}
