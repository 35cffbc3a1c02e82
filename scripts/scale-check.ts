/**
 * Scale check: runs the built CLI over N distinct small files (default 2000) while sampling
 * the process tree's resident memory, and reports throughput and whether memory stays flat
 * as the batch progresses (late samples no higher than early ones).
 *
 *   npx tsx scripts/scale-check.ts [--files N] [--out result.json] [--concurrency N] [--no-build]
 *
 * Inputs are copies of the corpus's digital PDFs and DOCX files, each made distinct (so the
 * content hash differs and nothing is skipped) without changing the document: PDFs get a
 * comment after %%EOF, DOCX files a ZIP archive comment.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RssSampler, type RssSample } from './process-tree-rss.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'fixtures/corpus/docs');
/** Progress points at which memory is reported, and the half-width of the window around each. */
const CHECKPOINTS = [0.1, 0.5, 0.9] as const;
const WINDOW = 0.05;

interface Options {
  files: number;
  out: string | null;
  concurrency: number | null;
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { files: 2000, out: null, concurrency: null, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--files') opts.files = Number(argv[++i]);
    else if (a === '--out') opts.out = argv[++i] ?? null;
    else if (a === '--concurrency') opts.concurrency = Number(argv[++i]);
    else if (a === '--no-build') opts.build = false;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.files) || opts.files < 1) throw new Error('--files must be a positive integer');
  return opts;
}

/** Sets the ZIP archive comment (end-of-central-directory record): the documents are untouched. */
function withZipComment(zip: Uint8Array, comment: string): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const text = Buffer.from(comment, 'latin1');
    const out = Buffer.concat([zip.subarray(0, at + 22), text]);
    out.writeUInt16LE(text.length, at + 20);
    return out;
  }
  throw new Error('no end-of-central-directory record');
}

/** Writes `n` distinct inputs cycling over the corpus's digital files; returns their count per source. */
function makeInputs(dir: string, n: number): Record<string, number> {
  const sources = fs.readdirSync(CORPUS)
    .filter((f) => (f.endsWith('.pdf') && !f.endsWith('.scan.pdf')) || f.endsWith('.docx'))
    .sort();
  const bytes = sources.map((f) => new Uint8Array(fs.readFileSync(path.join(CORPUS, f))));
  const used: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const k = i % sources.length;
    const name = sources[k]!;
    const tag = `scale-check copy ${i}`;
    const data = name.endsWith('.pdf') ? Buffer.concat([bytes[k]!, Buffer.from(`\n% ${tag}\n`)]) : withZipComment(bytes[k]!, tag);
    fs.writeFileSync(path.join(dir, `${String(i).padStart(5, '0')}-${name}`), data);
    used[name] = (used[name] ?? 0) + 1;
  }
  return used;
}

interface ProgressSample extends RssSample {
  done: number;
}

const MB = 1024 * 1024;
const mb = (b: number) => Math.round(b / MB);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] }); // stdout is the report
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-check-'));
  const inDir = path.join(work, 'in');
  fs.mkdirSync(inDir);
  const sources = makeInputs(inDir, opts.files);
  const db = path.join(work, 'scale.sqlite');
  console.error(`${opts.files} files in ${inDir}`);

  const args = [path.join(ROOT, 'bin/ingest.js'), inDir, '--db', db];
  if (opts.concurrency) args.push('--concurrency', String(opts.concurrency));
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // Without a terminal the CLI writes one line per finished file: that is the progress.
  let done = 0;
  let failed = 0;
  let pending = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      if (l.startsWith('  ok ') || l.startsWith('  FAILED ')) done++;
      if (l.startsWith('  FAILED ')) {
        failed++;
        if (failed <= 5) console.error(l);
      }
    }
  });
  const sampler = new RssSampler(child.pid!, 500);
  const samples: ProgressSample[] = [];
  const tick = setInterval(() => {
    const s = sampler.samples.at(-1);
    if (s && samples.at(-1)?.t !== s.t) samples.push({ ...s, done });
    if (s) process.stderr.write(`\r${done}/${opts.files} files, RSS ${mb(s.bytes)} MB   `);
  }, 500);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(tick);
  sampler.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');

  const con = new Database(db, { readonly: true });
  const totals = con.prepare("SELECT count(*) files, sum(status != 'failed') stored, coalesce(sum(pages), 0) pages, coalesce(sum(activity_count), 0) activities FROM documents").get() as {
    files: number; stored: number; pages: number; activities: number;
  };
  con.close();

  const rssAt = (p: number): number | null => {
    const near = samples.filter((s) => Math.abs(s.done / opts.files - p) <= WINDOW).map((s) => s.bytes);
    return near.length ? mb(median(near)) : null;
  };
  const at = Object.fromEntries(CHECKPOINTS.map((p) => [`${p * 100}%`, rssAt(p)]));
  const early = rssAt(CHECKPOINTS[0]);
  const late = rssAt(CHECKPOINTS[CHECKPOINTS.length - 1]!);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism(),
    concurrency: opts.concurrency ?? os.availableParallelism(),
    exitCode: code,
    files: opts.files,
    sources,
    stored: totals.stored,
    failed,
    pages: totals.pages,
    activities: totals.activities,
    seconds: Number(seconds.toFixed(1)),
    filesPerSecond: Number((opts.files / seconds).toFixed(2)),
    pagesPerSecond: Number((totals.pages / seconds).toFixed(2)),
    peakRssMb: mb(sampler.peak),
    /** Median RSS (MB) of the samples taken within ±5% of each point of progress. */
    rssMbAtProgress: at,
    /** Late minus early: flat memory keeps this near zero. */
    rssGrowthMb: early !== null && late !== null ? late - early : null,
    samples: samples.map((s) => ({ t: Number(s.t.toFixed(1)), done: s.done, rssMb: mb(s.bytes) })),
  };
  const { samples: _samples, ...shown } = result;
  console.log(JSON.stringify(shown, null, 2));
  if (opts.out) fs.writeFileSync(opts.out, JSON.stringify(result, null, 2) + '\n');
  fs.rmSync(work, { recursive: true, force: true });
  if (code !== 0) process.exitCode = 1;
}

await main();
