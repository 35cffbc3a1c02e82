import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { rotateSmall } from '../src/ingest/image-gray.js';
import type { GrayImage } from '../src/ingest/ocr-engine.js';
import { renderPdfPage } from '../src/ingest/pdf-render.js';

/** How hard a scan is made: the defaults are a cheap office scanner's 200-dpi JPEG. */
export interface Harshness {
  dpi: number;
  /** Largest tilt of a page on the glass, degrees either way. */
  rotate: number;
  blur: number;
  /** Spread of the sensor noise, grey levels. */
  noise: number;
  jpeg: number;
  seed: number;
}

export const DEFAULT_HARSHNESS: Harshness = { dpi: 200, rotate: 3, blur: 0.8, noise: 14, jpeg: 35, seed: 7 };

/** mulberry32: a seeded generator, so the same settings give the same file. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function degrade(page: GrayImage, h: Harshness, random: () => number): Promise<Buffer> {
  // The frame is kept (a tilted sheet on the glass), so the pages of a file keep one size.
  const tilted = rotateSmall(page, (random() * 2 - 1) * h.rotate);
  const { data, info } = await sharp(tilted.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .blur(h.blur)
    .resize(Math.round((page.width * h.dpi) / 300))
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const noisy = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    // A sum of uniforms is close enough to Gaussian noise.
    const n = (random() + random() + random() - 1.5) * h.noise * 2;
    noisy[i] = Math.max(0, Math.min(255, Math.round(data[i]! + n)));
  }
  return sharp(noisy, { raw: { width: info.width, height: info.height, channels: 1 } }).jpeg({ quality: h.jpeg }).toBuffer();
}

/**
 * Every page of an image-only PDF rendered at 300 dpi, tilted, blurred, brought down to
 * `dpi`, given noise and JPEG compression, and written to `target` as one multi-page TIFF.
 */
export async function writeHarshScan(pdfFile: string, target: string, harshness: Partial<Harshness> = {}): Promise<number> {
  const h = { ...DEFAULT_HARSHNESS, ...harshness };
  // Each file its own sequence (seed and name), so files differ and one can be made alone.
  let nameHash = 0;
  for (const c of path.basename(pdfFile)) nameHash = (Math.imul(nameHash, 31) + c.charCodeAt(0)) | 0;
  const random = generator(h.seed ^ nameHash);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdfFile)) }).promise;
  const pages: Buffer[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) pages.push(await degrade(await renderPdfPage(await doc.getPage(n), 300), h, random));
  } finally {
    await doc.destroy();
  }
  // sharp writes a multi-page TIFF only from pages of one size.
  const sizes = new Set(await Promise.all(pages.map(async (p) => { const m = await sharp(p).metadata(); return `${m.width}x${m.height}`; })));
  if (sizes.size > 1) throw new Error(`${pdfFile}: pages of different sizes (${[...sizes].join(', ')})`);
  // sharp joins two or more images only: a one-page plan is written as the page itself.
  await sharp(pages.length === 1 ? pages[0]! : pages, pages.length === 1 ? {} : { join: { animated: true } }).withMetadata({ density: h.dpi }).tiff({ compression: 'jpeg', quality: h.jpeg }).toFile(target);
  return pages.length;
}
