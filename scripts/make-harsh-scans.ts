/**
 * Harsher scans than the corpus has, for measuring how OCR accuracy degrades: every page of
 * each image-only PDF is turned by a random small angle, blurred, brought down to a low
 * resolution, given sensor noise and heavy JPEG compression (scripts/harsh-scan.ts), and the
 * pages of a document are written as one multi-page TIFF named `<id>.harsh.tif` (score.py
 * reads the kind from the name).
 *
 *   npx tsx scripts/make-harsh-scans.ts [--corpus DIR] [--out .tmp/harsh] [--dpi 200]
 *       [--rotate 3] [--blur 0.8] [--noise 14] [--jpeg 35] [--seed 7]
 *   npx ingest .tmp/harsh --db harsh.sqlite && python3 scripts/score.py harsh.sqlite fixtures/corpus/gold
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_HARSHNESS, writeHarshScan, type Harshness } from './harsh-scan.js';

function option(name: keyof Harshness | 'corpus' | 'out', fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const corpus = option('corpus', 'fixtures/corpus/docs');
const out = option('out', '.tmp/harsh');
const harshness = Object.fromEntries(
  (Object.keys(DEFAULT_HARSHNESS) as (keyof Harshness)[]).map((k) => [k, Number(option(k, String(DEFAULT_HARSHNESS[k])))]),
) as unknown as Harshness;

fs.mkdirSync(out, { recursive: true });
for (const file of fs.readdirSync(corpus).filter((f) => f.endsWith('.scan.pdf')).sort()) {
  const target = path.join(out, file.replace(/\.scan\.pdf$/, '.harsh.tif'));
  const pages = await writeHarshScan(path.join(corpus, file), target, harshness);
  console.log(`${target}: ${pages} page(s)`);
}
