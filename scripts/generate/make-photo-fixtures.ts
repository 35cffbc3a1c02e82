/**
 * The committed photo fixtures, fixtures/photos/: one phone photo per degradation the issue on
 * phone photos names, each of the first table page of one of the layout fixtures' plans
 * (fixtures/layouts), so every case has its gold. A photo carries a mild everyday baseline
 * (slight tilt and keystone, some vignetting, a little defocus) plus its own case, pushed to
 * the strong end of the generator's range; the sweep over random mixes is photos.ts's job.
 *
 *   npx tsx scripts/generate/make-photo-fixtures.ts [--out fixtures/photos]
 *
 * Files are named <plan id>.<case>.p1.jpg: score.py reads the plan from the name and scores a
 * '.p1.jpg' by precision (one page of the plan).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFlags, runScript } from '../lib/flags.js';
import { drawPhotoTraits, photographPage, traitBuckets, type PhotoTraits } from './photo.js';
import { firstRowPage, renderPage } from './photos.js';

const BASE: Partial<PhotoTraits> = {
  longSide: 2200, quality: 75, fill: 0.86, keystone: 0.03, rotation: 2, curl: 0, shadow: 0, vignette: 0.15,
  cast: 'none', blur: 0.5, motion: 0, background: 'wood', cut: 'none', exif: 1,
};

/** Case → plan (fixtures/layouts seed and producer) and the traits that make the case. */
export const PHOTO_CASES: { name: string; plan: string; producer: string; traits: Partial<PhotoTraits> }[] = [
  { name: 'keystone-rotation', plan: 'gen-0001', producer: 'lo', traits: { keystone: 0.1, rotation: -7 } },
  { name: 'shadow', plan: 'gen-0002', producer: 'chromium', traits: { shadow: 0.45 } },
  { name: 'curl', plan: 'gen-0003', producer: 'lo', traits: { curl: 0.011 } },
  { name: 'pale-table', plan: 'gen-0004', producer: 'chromium', traits: { background: 'light' } },
  { name: 'cut-edge', plan: 'gen-0005', producer: 'lo', traits: { cut: 'right' } },
  { name: 'exif6', plan: 'gen-0006', producer: 'chromium', traits: { exif: 6 } },
  { name: 'exif8-warm', plan: 'gen-0007', producer: 'lo', traits: { exif: 8, cast: 'warm' } },
  { name: 'blur-motion', plan: 'gen-0008', producer: 'chromium', traits: { blur: 1.3, motion: 3 } },
  { name: 'coarse', plan: 'gen-0009', producer: 'lo', traits: { longSide: 1500, quality: 55 } },
  { name: 'cloth-vignette-cool', plan: 'gen-0020', producer: 'chromium', traits: { background: 'cloth', vignette: 0.35, cast: 'cool' } },
];

async function main(): Promise<void> {
  const f = parseFlags('npx tsx scripts/generate/make-photo-fixtures.ts', 'Writes the committed photo fixtures: one photo per degradation of a layout fixture plan, with gold and traits.', {
    out: { type: 'string', default: 'fixtures/photos', help: 'output folder' },
    layouts: { type: 'string', default: 'fixtures/layouts', help: 'the layout fixtures the plans come from' },
  });
  const files = path.join(f.out, 'files');
  const gold = path.join(f.out, 'gold');
  fs.rmSync(f.out, { recursive: true, force: true });
  fs.mkdirSync(files, { recursive: true });
  fs.mkdirSync(gold, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'photo-fixtures-'));
  const made: { file: string; page: number; traits: PhotoTraits }[] = [];
  try {
    for (const [i, c] of PHOTO_CASES.entries()) {
      const pdf = path.join(f.layouts, 'files', `${c.plan}.${c.producer}.pdf`);
      const goldFile = path.join(f.layouts, 'gold', `${c.plan}.gold.json`);
      const page = firstRowPage(pdf, goldFile);
      const traits = drawPhotoTraits(1000 + i, { ...BASE, ...c.traits });
      const { jpeg, corners } = await photographPage(renderPage(pdf, page, 250, path.join(tmp, c.name)), traits);
      const name = `${c.plan}.${c.name}.p1.jpg`;
      fs.writeFileSync(path.join(files, name), jpeg);
      fs.copyFileSync(goldFile, path.join(gold, `${c.plan}.gold.json`));
      fs.writeFileSync(path.join(gold, `${c.plan}.${c.name}.photo.json`), `${JSON.stringify({ ...traits, producer: c.producer, page, corners: corners.map(([x, y]) => [Math.round(x), Math.round(y)]), buckets: traitBuckets(traits) }, null, 2)}\n`);
      made.push({ file: `files/${name}`, page, traits });
      console.log(`${name}  ${(jpeg.length / 1024).toFixed(0)} KB, page ${page}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(f.out, 'MANIFEST.json'), `${JSON.stringify({ command: 'npx tsx scripts/generate/make-photo-fixtures.ts', flags: f, files: made }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) void runScript(main);
