/**
 * Records OCR Pages for the replay engine (src/ingest/ocr-fake.ts): every page of a PDF
 * (rendered as a scan would be) or of an image file is recognised with the real engine and
 * written as `<out>/<name>.p<N>.json`.
 *
 *   npx tsc -p tsconfig.json --outDir .tmp/ocr-build
 *   node .tmp/ocr-build/scripts/ocr-dump.js FILE... [--out fixtures/ocr] [--dpi 300] [--workers 2]
 *
 * The name is the file name without its last extension (lysva-2021.scan.pdf → lysva-2021.scan,
 * lysva-2021.p1.jpg → lysva-2021.p1), so recordings keep the corpus names.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { resolveSettings } from '../src/settings.js';
import { decodeImagePages } from '../src/ingest/image.js';
import type { GrayImage } from '../src/ingest/ocr-engine.js';
import { recordingPath } from '../src/ingest/ocr-fake.js';
import { createTesseractEngine } from '../src/ingest/ocr-tesseract.js';
import { renderPdfPage } from '../src/ingest/pdf-render.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function pageImages(file: string, dpi: number, maxMegapixels: number): Promise<GrayImage[]> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    return decodeImagePages(bytes, { maxMegapixels, dpiFallback: dpi });
  }
  const doc = await pdfjs.getDocument({ data: bytes, verbosity: 0, isEvalSupported: false }).promise;
  const out: GrayImage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    out.push(await renderPdfPage(page, dpi, maxMegapixels));
    page.cleanup();
  }
  await doc.destroy();
  return out;
}

async function main(): Promise<void> {
  const settings = resolveSettings();
  const out = option('out', 'fixtures/ocr');
  const dpi = Number(option('dpi', String(settings.ocr.dpi)));
  const workers = Number(option('workers', String(settings.ocr.workers)));
  const valueFlags = new Set(['--out', '--dpi', '--workers']);
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valueFlags.has(all[i - 1] ?? ''));
  if (files.length === 0) throw new Error('usage: ocr-dump FILE... [--out DIR] [--dpi N] [--workers N]');
  fs.mkdirSync(out, { recursive: true });
  const engine = await createTesseractEngine({ workers, recycleAfterPages: settings.ocr.recycleAfterPages, loadTimeoutSeconds: settings.ocr.loadTimeoutSeconds });
  try {
    for (const file of files) {
      const name = path.basename(file).replace(/\.[^.]+$/, '');
      const images = await pageImages(file, dpi, settings.limits.maxImageMegapixels);
      await Promise.all(
        images.map(async (img, i) => {
          const page = await engine.recognize(img, i + 1);
          const target = recordingPath(out, name, i + 1);
          fs.writeFileSync(target, JSON.stringify(page) + '\n');
          console.log(`${target}: ${page.words.length} words, ${page.rules.length} rules, conf ${page.conf.toFixed(3)}`);
        }),
      );
    }
  } finally {
    await engine.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
