/**
 * Measures the OCR path on the corpus: word accuracy of OCR'd scan pages and photos against
 * the text layer of the same document's digital PDF, speed with 1 and 2 workers, and native
 * Tesseract on the same rendered pages for comparison.
 *
 *   npx tsc -p tsconfig.json --outDir .tmp/ocr-build
 *   node .tmp/ocr-build/scripts/ocr-measure.js [--corpus DIR] [--workers 1,2] [--native] [--docs id,id] [--no-photos] [--dpi 300|native] [--diff]
 *
 * Accuracy is a bag of words per page (reading order does not matter): recall = GT words
 * found / GT words, precision = OCR words that match / OCR words; "loose" ignores case and
 * punctuation. Geometry: median distance (pt) between centres of words that occur once on
 * both sides, after the median offset is removed (scan margins shift the page).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from '../src/model/index.js';
import { decodeImagePages } from '../src/ingest/image.js';
import { encodePgm } from '../src/ingest/image-gray.js';
import type { GrayImage } from '../src/ingest/ocr-engine.js';
import { createTesseractEngine } from '../src/ingest/ocr-tesseract.js';
import { renderPdfPage, scanResolution } from '../src/ingest/pdf-render.js';

const run = promisify(execFile);

interface GtWord {
  text: string;
  cx: number;
  cy: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

async function openPdf(file: string) {
  return pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
}

/** Words of a digital page's text layer with approximate centres (points, top-left origin). */
async function textLayerWords(file: string): Promise<GtWord[][]> {
  const doc = await openPdf(file);
  const pages: GtWord[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const words: GtWord[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , d, e, f] = item.transform as number[];
      const chars = [...item.str];
      const charW = item.width / Math.max(1, chars.length);
      const h = Math.abs(d ?? item.height) || item.height;
      let i = 0;
      for (const m of item.str.matchAll(/\S+/gu)) {
        const start = [...item.str.slice(0, m.index)].length;
        const len = [...m[0]].length;
        const cx = (e ?? 0) + (start + len / 2) * charW;
        const cy = vp.height - (f ?? 0) - h * 0.35;
        words.push({ text: m[0], cx, cy });
        i++;
      }
    }
    pages.push(words);
  }
  await doc.destroy();
  return pages;
}

const strict = (w: string): string => w;
const loose = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function bagScore(gt: readonly string[], ocr: readonly string[], key: (w: string) => string): { hit: number; gt: number; ocr: number } {
  const count = new Map<string, number>();
  let gtN = 0;
  for (const w of gt) {
    const k = key(w);
    if (!k) continue;
    gtN++;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  let hit = 0;
  let ocrN = 0;
  for (const w of ocr) {
    const k = key(w);
    if (!k) continue;
    ocrN++;
    const c = count.get(k) ?? 0;
    if (c > 0) {
      hit++;
      count.set(k, c - 1);
    }
  }
  return { hit, gt: gtN, ocr: ocrN };
}

/** GT words the OCR missed and OCR words not in the GT (multiset difference). */
function wordDiff(gt: readonly string[], ocr: readonly string[]): string {
  const left = new Map<string, number>();
  for (const w of gt) left.set(w, (left.get(w) ?? 0) + 1);
  const extra: string[] = [];
  for (const w of ocr) {
    const c = left.get(w) ?? 0;
    if (c > 0) left.set(w, c - 1);
    else extra.push(w);
  }
  const missed = [...left].flatMap(([w, c]) => Array<string>(c).fill(w));
  return `missed [${missed.join(' ')}] extra [${extra.join(' ')}]`;
}

/** Median centre distance of words unique on both sides, after removing the median shift. */
function geometryError(gt: readonly GtWord[], page: Page): { pairs: number; dx: number; dy: number; err: number } {
  const once = <T>(items: readonly T[], key: (t: T) => string): Map<string, T> => {
    const m = new Map<string, T | null>();
    for (const it of items) {
      const k = key(it);
      if (k.length < 4) continue;
      m.set(k, m.has(k) ? null : it);
    }
    return new Map([...m].filter((e): e is [string, T] => e[1] !== null));
  };
  const g = once(gt, (w) => w.text);
  const o = once(page.words, (w) => w.text);
  const d: Array<[number, number]> = [];
  for (const [k, gw] of g) {
    const ow = o.get(k);
    if (ow) d.push([(ow.bbox.x0 + ow.bbox.x1) / 2 - gw.cx, (ow.bbox.y0 + ow.bbox.y1) / 2 - gw.cy]);
  }
  if (d.length === 0) return { pairs: 0, dx: NaN, dy: NaN, err: NaN };
  const med = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const dx = med(d.map((p) => p[0]));
  const dy = med(d.map((p) => p[1]));
  return { pairs: d.length, dx, dy, err: med(d.map(([x, y]) => Math.hypot(x - dx, y - dy))) };
}

interface Job {
  doc: string;
  kind: 'scan' | 'photo';
  pageIndex: number;
  image: GrayImage;
}

/** `--dpi N` renders scans at N; `--dpi native` at the scan's own resolution, capped at 300. */
async function renderDpi(page: Parameters<typeof scanResolution>[0]): Promise<number> {
  const want = arg('dpi', '300');
  if (want !== 'native') return Number(want);
  return Math.min(300, (await scanResolution(page)) ?? 300);
}

async function collectJobs(corpus: string, docs: string[], photos: boolean): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const doc of docs) {
    const scan = await openPdf(path.join(corpus, doc, `${doc}.scan.pdf`));
    for (let n = 1; n <= scan.numPages; n++) {
      const page = await scan.getPage(n);
      jobs.push({ doc, kind: 'scan', pageIndex: n - 1, image: await renderPdfPage(page, await renderDpi(page), 150) });
      page.cleanup();
    }
    await scan.destroy();
    if (photos) {
      const [img] = await decodeImagePages(new Uint8Array(fs.readFileSync(path.join(corpus, doc, `${doc}.p1.jpg`))), { maxMegapixels: 150, dpiFallback: 300 });
      if (img) jobs.push({ doc, kind: 'photo', pageIndex: -1, image: img });
    }
  }
  return jobs;
}

async function ocrAll(jobs: readonly Job[], workers: number): Promise<{ pages: Page[]; seconds: number; perPage: number[] }> {
  const engine = await createTesseractEngine({ workers, recycleAfterPages: 40, loadTimeoutSeconds: 60 });
  const t0 = performance.now();
  const perPage: number[] = [];
  const pages = await Promise.all(
    jobs.map(async (j, i) => {
      const s = performance.now();
      const p = await engine.recognize(j.image, i + 1);
      perPage.push((performance.now() - s) / 1000);
      return p;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await engine.close();
  return { pages, seconds, perPage };
}

async function nativeTesseract(jobs: readonly Job[], parallel: number): Promise<{ seconds: number; words: string[][] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-measure-'));
  const files = jobs.map((j, i) => {
    const f = path.join(dir, `p${i}.pgm`);
    fs.writeFileSync(f, encodePgm(j.image));
    return f;
  });
  const words: string[][] = files.map(() => []);
  const t0 = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      const { stdout } = await run(
        'tesseract',
        [files[i]!, 'stdout', '-l', 'rus', '--oem', '1', '--psm', '3', '--dpi', String(Math.round(jobs[i]!.image.dpi)), '-c', 'tessedit_create_tsv=1'],
        { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 << 20 },
      );
      words[i] = stdout
        .split('\n')
        .map((l) => l.split('\t'))
        .filter((c) => c[0] === '5' && (c[11] ?? '').trim() !== '')
        .map((c) => c[11]!.trim());
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  const seconds = (performance.now() - t0) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  return { seconds, words };
}

function pct(a: number, b: number): string {
  return b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`;
}

async function main(): Promise<void> {
  const corpus = arg('corpus', '/work/shared/corpus/docs');
  const docs = arg('docs', fs.readdirSync(corpus).sort().join(',')).split(',');
  const workerCounts = arg('workers', '1,2').split(',').map(Number);
  const jobs = await collectJobs(corpus, docs, !flag('no-photos'));
  const gt = new Map<string, GtWord[][]>();
  for (const doc of docs) gt.set(doc, await textLayerWords(path.join(corpus, doc, `${doc}.pdf`)));

  /** The GT page a job is compared with: same index for scans, best overlap for photos. */
  const gtFor = (j: Job, words: readonly string[]): GtWord[] => {
    const pages = gt.get(j.doc)!;
    if (j.kind === 'scan') return pages[j.pageIndex] ?? [];
    let best = pages[0] ?? [];
    let bestHit = -1;
    for (const p of pages) {
      const s = bagScore(p.map((w) => w.text), words, loose).hit;
      if (s > bestHit) {
        bestHit = s;
        best = p;
      }
    }
    return best;
  };

  let reported = false;
  for (const workers of workerCounts) {
    const { pages, seconds, perPage } = await ocrAll(jobs, workers);
    const scanPages = jobs.filter((j) => j.kind === 'scan').length;
    console.log(`\n## tesseract.js, ${workers} worker(s): ${jobs.length} pages in ${seconds.toFixed(1)} s = ${((jobs.length / seconds) * 60).toFixed(1)} pages/min (${(seconds / jobs.length).toFixed(2)} s/page wall; per-page latency median ${[...perPage].sort((a, b) => a - b)[Math.floor(perPage.length / 2)]!.toFixed(2)} s; ${scanPages} scan pages)`);
    if (reported) continue;
    reported = true;
    const rows: string[] = ['| doc | kind | pages | GT words | recall strict | recall loose | precision strict | mean conf | geo pairs | geo err pt | shift pt |', '|---|---|---|---|---|---|---|---|---|---|---|'];
    const totals = new Map<string, { s: ReturnType<typeof bagScore>; l: ReturnType<typeof bagScore>; n: number }>();
    const byDocKind = new Map<string, { s: ReturnType<typeof bagScore>; l: ReturnType<typeof bagScore>; n: number; conf: number; geo: ReturnType<typeof geometryError>[] }>();
    jobs.forEach((j, i) => {
      const page = pages[i]!;
      const ocrWords = page.words.map((w) => w.text);
      const g = gtFor(j, ocrWords);
      const s = bagScore(g.map((w) => w.text), ocrWords, strict);
      const l = bagScore(g.map((w) => w.text), ocrWords, loose);
      if (flag('diff')) console.log(`${j.doc} ${j.kind} p${j.pageIndex + 1}: ${wordDiff(g.map((w) => w.text), ocrWords)}`);
      const key = `${j.doc}|${j.kind}`;
      const acc = byDocKind.get(key) ?? { s: { hit: 0, gt: 0, ocr: 0 }, l: { hit: 0, gt: 0, ocr: 0 }, n: 0, conf: 0, geo: [] };
      for (const [a, b] of [[acc.s, s], [acc.l, l]] as const) {
        a.hit += b.hit;
        a.gt += b.gt;
        a.ocr += b.ocr;
      }
      acc.n++;
      acc.conf += page.conf;
      acc.geo.push(geometryError(g, page));
      byDocKind.set(key, acc);
      const t = totals.get(j.kind) ?? { s: { hit: 0, gt: 0, ocr: 0 }, l: { hit: 0, gt: 0, ocr: 0 }, n: 0 };
      for (const [a, b] of [[t.s, s], [t.l, l]] as const) {
        a.hit += b.hit;
        a.gt += b.gt;
        a.ocr += b.ocr;
      }
      t.n++;
      totals.set(j.kind, t);
    });
    for (const [key, a] of byDocKind) {
      const [doc, kind] = key.split('|');
      const pairs = a.geo.reduce((x, g) => x + g.pairs, 0);
      const err = a.geo.filter((g) => g.pairs > 0).map((g) => g.err);
      const shift = a.geo.filter((g) => g.pairs > 0).map((g) => Math.hypot(g.dx, g.dy));
      const medOf = (v: number[]): string => (v.length ? [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!.toFixed(1) : '—');
      rows.push(`| ${doc} | ${kind} | ${a.n} | ${a.s.gt} | ${pct(a.s.hit, a.s.gt)} | ${pct(a.l.hit, a.l.gt)} | ${pct(a.s.hit, a.s.ocr)} | ${(a.conf / a.n).toFixed(3)} | ${pairs} | ${medOf(err)} | ${medOf(shift)} |`);
    }
    for (const [kind, t] of totals) {
      rows.push(`| **all** | ${kind} | ${t.n} | ${t.s.gt} | ${pct(t.s.hit, t.s.gt)} | ${pct(t.l.hit, t.l.gt)} | ${pct(t.s.hit, t.s.ocr)} | | | | |`);
    }
    console.log(rows.join('\n'));
  }

  if (flag('native')) {
    const scans = jobs.filter((j) => j.kind === 'scan');
    for (const parallel of workerCounts) {
      const { seconds, words } = await nativeTesseract(scans, parallel);
      let s = { hit: 0, gt: 0, ocr: 0 };
      let l = { hit: 0, gt: 0, ocr: 0 };
      scans.forEach((j, i) => {
        const g = (gt.get(j.doc)![j.pageIndex] ?? []).map((w) => w.text);
        const a = bagScore(g, words[i]!, strict);
        const b = bagScore(g, words[i]!, loose);
        s = { hit: s.hit + a.hit, gt: s.gt + a.gt, ocr: s.ocr + a.ocr };
        l = { hit: l.hit + b.hit, gt: l.gt + b.gt, ocr: l.ocr + b.ocr };
      });
      console.log(`\n## native tesseract 5.3 psm 3 on the raw renders, ${parallel} process(es), OMP_THREAD_LIMIT=1: ${scans.length} pages in ${seconds.toFixed(1)} s = ${((scans.length / seconds) * 60).toFixed(1)} pages/min; recall strict ${pct(s.hit, s.gt)}, loose ${pct(l.hit, l.gt)}, precision ${pct(s.hit, s.ocr)}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
