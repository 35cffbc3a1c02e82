/**
 * Reproducible benchmark: pages per second per path (DOCX, text-layer PDF, OCR), the cost
 * split by stage, and peak memory, written to bench-results/ so runs can be compared.
 * Side by side in the same run: poppler's pdftotext and native tesseract, where installed.
 *
 *   npm run bench -- [--digital-pages 300] [--ocr-pages 30] [--no-ocr] [--only pdf|docx|ocr] [--out FILE]
 *
 * --only runs one path (e.g. `--only docx` to time the DOCX reader back to back with a change).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSettings } from '../src/settings.js';
import { ingestBytes } from '../src/ingest/index.js';
import { sha256 } from '../src/ingest/hash-file.js';
import { openPdf } from '../src/ingest/pdf-document.js';
import { renderPdfPage } from '../src/ingest/pdf-render.js';
import { createTesseractEngine, createTesseractRecognizer } from '../src/ingest/ocr-tesseract.js';
import type { OcrEngine } from '../src/ingest/ocr-engine.js';
import { parseDocument } from '../src/parse/index.js';
import { normalizeDocument } from '../src/normalize/index.js';
import { openDatabase, writeDocument } from '../src/store/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('npm run bench -- [--digital-pages 300] [--ocr-pages 30] [--ocr-rounds 3] [--no-ocr] [--only pdf|docx|ocr] [--out FILE]');
  process.exit(0);
}
const arg = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const digitalPages = arg('digital-pages', 300);
const ocrPagesWanted = arg('ocr-pages', 30);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
if (only !== undefined && !['pdf', 'docx', 'ocr'].includes(only)) throw new Error(`--only takes pdf, docx or ocr, not ${only}`);
const runs = (p: 'pdf' | 'docx' | 'ocr') => only === undefined || only === p;
const noOcr = args.includes('--no-ocr') || !runs('ocr');
// The OCR rates are taken in rounds, the three engines one after another in each, and the
// medians reported: on a shared machine one run of the same code moved by 15 %.
const ocrRounds = Math.max(1, arg('ocr-rounds', 3));
const outIdx = args.indexOf('--out');
const outFile = outIdx >= 0 ? args[outIdx + 1]! : path.join(ROOT, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);

const settings = resolveSettings();
const cores = os.availableParallelism();
const docsDir = fs.existsSync(path.resolve(ROOT, '../shared/corpus/docs')) ? path.resolve(ROOT, '../shared/corpus/docs') : path.join(ROOT, 'fixtures/corpus/docs');
const listFiles = (pred: (f: string) => boolean) => {
  const out: string[] = [];
  const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : pred(e.name) && out.push(path.join(d, e.name)); };
  walk(docsDir);
  return out.sort();
};
const has = (cmd: string) => { try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'pipe' }); return true; } catch { return false; } };

interface StageTimes { extract: number; ocr: number; parse: number; normalize: number; store: number }
const zero = (): StageTimes => ({ extract: 0, ocr: 0, parse: 0, normalize: 0, store: 0 });

async function runPath(files: string[], targetPages: number, ocr?: () => Promise<OcrEngine>) {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const db = openDatabase(path.join(dbDir, 'bench.sqlite'));
  const t = zero();
  let pages = 0, docs = 0, activities = 0;
  const started = performance.now();
  for (let round = 0; pages < targetPages; round++) {
    for (const f of files) {
      if (pages >= targetPages) break;
      const bytes = new Uint8Array(fs.readFileSync(f));
      // A distinct hash per round so every copy is really stored, as a new document would be.
      const hash = sha256(bytes) + `-${round}`;
      let ocrMs = 0;
      const timedOcr = ocr && (async () => {
        const engine = await ocr();
        return { ...engine, workers: engine.workers, close: () => engine.close(), recognize: async (img: Parameters<OcrEngine['recognize']>[0], n: number) => { const s = performance.now(); const p = await engine.recognize(img, n); ocrMs += performance.now() - s; return p; } } as OcrEngine;
      });
      let s = performance.now();
      const ing = await ingestBytes(f, bytes, hash, settings, { ocr: timedOcr ?? (() => { throw new Error('unexpected OCR'); }) });
      const extractMs = performance.now() - s;
      t.ocr += ocrMs;
      t.extract += Math.max(0, extractMs - ocrMs);
      s = performance.now();
      const parsed = parseDocument(ing, settings);
      t.parse += performance.now() - s;
      s = performance.now();
      const doc = normalizeDocument(parsed, { ocrPages: new Set(ing.pages.filter((p) => p.source === 'ocr').map((p) => p.number)) });
      t.normalize += performance.now() - s;
      s = performance.now();
      const w = writeDocument(db, { sourcePath: f, sha256: hash, format: ing.format, pages: ing.pageCount, doc, reviewBelow: settings.ocr.reviewBelow });
      t.store += performance.now() - s;
      pages += ing.pageCount;
      docs++;
      activities += w.activities;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  fs.rmSync(dbDir, { recursive: true, force: true });
  const ms = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));
  // Extraction alone per file read (for DOCX: unzip, XML check, parse, blocks).
  const extractMsPerFile = round3(t.extract / Math.max(1, docs));
  return { files: docs, pages, activities, seconds: round3(seconds), pagesPerSecond: round3(pages / seconds), stageMs: ms, extractMsPerFile };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function pdftotextRate(files: string[]) {
  if (!has('pdftotext')) return null;
  let pages = 0;
  const s = performance.now();
  for (const f of files) {
    execFileSync('pdftotext', ['-layout', f, '-'], { stdio: 'pipe' });
    pages += Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f]).toString())?.[1] ?? 0);
  }
  const seconds = (performance.now() - s) / 1000;
  return { pages, seconds: round3(seconds), pagesPerSecond: round3(pages / seconds) };
}

/** Renders the scan pages once; both engines then OCR the very same images. */
async function renderScanPages(files: string[], want: number) {
  const images = [];
  for (let round = 0; images.length < want && files.length; round++) {
    for (const f of files) {
      const doc = await openPdf(new Uint8Array(fs.readFileSync(f)));
      for (let n = 1; n <= doc.numPages && images.length < want; n++) images.push(await renderPdfPage(await doc.getPage(n), settings.ocr.dpi, settings.limits.maxImageMegapixels));
      await doc.destroy();
      if (images.length >= want) break;
    }
  }
  return images;
}

async function ocrThroughput(images: Awaited<ReturnType<typeof renderScanPages>>, workers: number) {
  const engine = await createTesseractEngine({ ...settings.ocr, workers });
  const s = performance.now();
  await Promise.all(images.map((img, i) => engine.recognize(img, i + 1)));
  const seconds = (performance.now() - s) / 1000;
  await engine.close();
  return { workers, pages: images.length, seconds: round3(seconds), pagesPerMinute: round3((images.length / seconds) * 60) };
}

/**
 * The recogniser alone on the same rendered pages (one page-layout pass, no preparation, no
 * re-reading of doubtful words): the same work native tesseract does below, so the two
 * rates compare the engines; ocrTesseractJs above is what a page costs in the pipeline.
 */
async function bareRecognition(images: Awaited<ReturnType<typeof renderScanPages>>, workers: number) {
  const recognizer = await createTesseractRecognizer({ ...settings.ocr, workers });
  const s = performance.now();
  await Promise.all(images.map((img) => recognizer.recognizeWords(img, 'page')));
  const seconds = (performance.now() - s) / 1000;
  await recognizer.close();
  return { workers, pages: images.length, seconds: round3(seconds), pagesPerMinute: round3((images.length / seconds) * 60) };
}

async function nativeTesseract(images: Awaited<ReturnType<typeof renderScanPages>>, procs: number) {
  if (!has('tesseract')) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pgm-'));
  const files = images.map((img, i) => {
    const f = path.join(dir, `p${i}.pgm`);
    fs.writeFileSync(f, Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`), Buffer.from(img.data)]));
    return f;
  });
  let next = 0;
  const s = performance.now();
  const one = (f: string) => new Promise<void>((res, rej) => {
    const p = spawn('tesseract', [f, '-', '-l', 'rus', '--oem', '1', '--psm', '3', '--dpi', String(settings.ocr.dpi), 'tsv'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore' });
    p.on('exit', (c) => (c === 0 ? res() : rej(new Error(`tesseract exit ${c}`))));
  });
  await Promise.all(Array.from({ length: procs }, async () => { while (next < files.length) await one(files[next++]!); }));
  const seconds = (performance.now() - s) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  return { processes: procs, pages: images.length, seconds: round3(seconds), pagesPerMinute: round3((images.length / seconds) * 60) };
}

const pdfs = listFiles((f) => f.endsWith('.pdf') && !f.endsWith('.scan.pdf'));
const docxs = listFiles((f) => f.endsWith('.docx'));
const scans = listFiles((f) => f.endsWith('.scan.pdf'));
const result: Record<string, unknown> = {
  date: new Date().toISOString(), node: process.version, cores, cpu: os.cpus()[0]?.model, corpus: docsDir,
};
if (runs('pdf')) {
  console.error(`text-layer PDF: ${digitalPages} pages from ${pdfs.length} files …`);
  result.textPdf = await runPath(pdfs, digitalPages);
  result.pdftotext = await pdftotextRate(pdfs);
}
if (runs('docx')) {
  console.error(`DOCX: ${digitalPages} "pages" from ${docxs.length} files …`);
  result.docx = await runPath(docxs, digitalPages);
}
if (!noOcr && scans.length) {
  console.error(`OCR: rendering ${ocrPagesWanted} scan pages …`);
  const images = await renderScanPages(scans, ocrPagesWanted);
  type Rate = { pagesPerMinute: number };
  const rounds: Array<{ js: Rate; bare: Rate; native: Rate | null }> = [];
  for (let r = 1; r <= ocrRounds; r++) {
    console.error(`OCR round ${r}/${ocrRounds}: tesseract.js with ${cores} workers, the recogniser alone, native tesseract …`);
    rounds.push({ js: await ocrThroughput(images, cores), bare: await bareRecognition(images, cores), native: await nativeTesseract(images, cores) });
  }
  const median = (xs: number[]): number => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  const medianRate = (pick: (x: (typeof rounds)[number]) => Rate | null): { pagesPerMinute: number; rounds: number[] } | null => {
    const rates = rounds.map(pick).filter((x): x is Rate => x !== null).map((x) => x.pagesPerMinute);
    return rates.length ? { pagesPerMinute: round3(median(rates)), rounds: rates } : null;
  };
  result.ocrPages = images.length;
  result.ocrTesseractJs = medianRate((x) => x.js);
  result.ocrTesseractJsBare = medianRate((x) => x.bare);
  result.ocrNative = medianRate((x) => x.native);
  if (rounds.every((x) => x.native)) {
    // Each round's engines ran minutes apart at most, so the ratio is taken per round.
    const jsRatios = rounds.map((x) => x.js.pagesPerMinute / x.native!.pagesPerMinute);
    const bareRatios = rounds.map((x) => x.bare.pagesPerMinute / x.native!.pagesPerMinute);
    result.ocrRatioToNative = round3(median(jsRatios));
    result.ocrRatioToNativeRounds = jsRatios.map(round3);
    result.ocrBareRatioToNative = round3(median(bareRatios));
  }
  console.error('OCR: whole scan pipeline (render, OCR, parse, normalize, store) …');
  let engine: Promise<OcrEngine> | null = null;
  const ocr = () => (engine ??= createTesseractEngine({ ...settings.ocr, workers: cores }));
  result.scanPdf = await runPath(scans, ocrPagesWanted, ocr);
  await (await (engine as Promise<OcrEngine> | null))?.close();
}
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
console.error(`written to ${path.relative(process.cwd(), outFile)}`);
