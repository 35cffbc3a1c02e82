/**
 * Accuracy over generated variety: plans drawn by scripts/generate/layouts.ts (seeded layout
 * traits, four PDF producers, optional degraded scans) are ingested by the real pipeline and
 * scored against their gold with score.py's own measures, then broken down per producer
 * (rendering kind) and per layout trait, so a fault shows as "rowspan=true fails on
 * chromium" rather than as one lower average.
 *
 *   npm run sweep -- --quick                      committed fixtures (fixtures/layouts), < 1 min
 *   npm run sweep -- --seeds 200                  generate 200 plans, then measure them
 *   npm run sweep -- --seeds 40 --photos          …and phone photos of them (per degradation)
 *   npm run sweep -- --in .tmp/sweep              measure an already generated folder again
 *
 * Writes OUT/sweep.sqlite, OUT/sweep-docs.jsonl (one line per document) and
 * OUT/sweep-report.md (the tables printed), with the command that made them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseFlags, runScript } from '../lib/flags.js';
import { main as ingest } from '../../src/cli.js';

const FIELDS = ['number', 'activity', 'responsible', 'deadline', 'result'] as const;

/** The issue's bar for a generated document: rows F1, CER of every field, section. */
const BAR = { rowsF1: 0.98, cer: 0.01, section: 0.98 };

interface DocScore {
  gold: string;
  kind: string;
  status: string;
  error: string | null;
  pred_rows: number;
  gold_rows: number;
  rows_p: number;
  rows_r: number;
  rows_f1: number;
  exact: number;
  section: number | null;
  meta: number | null;
  [cer: `cer_${string}`]: number | null;
}

interface Scored extends DocScore {
  producer: string;
  degradation: string;
  traits: Record<string, unknown>;
  failures: string[];
}

const flagSpecs = {
  quick: { type: 'boolean', help: 'measure the committed fixtures (fixtures/layouts, digital files only) and stop: the check a stop runs, under a minute' },
  in: { type: 'string', help: 'measure this generated folder (files/, gold/) instead of generating one' },
  seeds: { type: 'number', default: 200, help: 'plans to generate (one per seed)' },
  seed: { type: 'number', default: 1, help: 'first seed' },
  producers: { type: 'string', list: true, default: 'lo,abiword,chromium,weasy', help: 'PDF producers to render each plan with' },
  scans: { type: 'string', list: true, default: '', help: 'scan degradations to make of each PDF too (e.g. 150,200: dpi of scripts/harsh-scan.ts); OCR costs ~1.5 s a page' },
  'with-scans': { type: 'boolean', help: 'with --quick: the committed scans too (OCR, several minutes)' },
  photos: { type: 'boolean', help: 'when generating: phone photos of each plan\'s first table page too (scripts/generate/photos.ts, from the lo and chromium PDFs), scored by precision and broken down per degradation' },
  out: { type: 'string', default: '.tmp/sweep', help: 'working folder: generated files, database, reports' },
  db: { type: 'string', help: 'with --in: score this database instead of ingesting (e.g. scans parsed from recorded OCR: scripts/ocr-dump.ts, then scripts/replay-parse.ts --db)' },
  worst: { type: 'number', default: 15, help: 'failing documents listed at the end' },
  json: { type: 'boolean', help: 'print the per-producer and per-trait summary as JSON instead of tables' },
} as const;

async function main(): Promise<void> {
  const flags = parseFlags('npm run sweep --', 'Scores the pipeline on generated plans, per producer and per layout trait.', flagSpecs);
  const root = path.resolve(new URL('../..', import.meta.url).pathname);
  let dataDir: string;
  if (flags.quick) dataDir = path.join(root, 'fixtures/layouts');
  else if (flags.in) dataDir = path.resolve(flags.in);
  else {
    dataDir = path.resolve(flags.out);
    const gen = ['tsx', path.join(root, 'scripts/generate/layouts.ts'), '--seed', String(flags.seed), '--count', String(flags.seeds), '--out', dataDir, '--producers', flags.producers.join(',')];
    if (flags.scans.length) gen.push('--scans', flags.scans.join(','));
    console.error(`sweep: generating ${flags.seeds} plans: npx ${gen.join(' ')}`);
    execFileSync('npx', gen, { stdio: 'inherit', cwd: root });
    if (flags.photos) {
      const shots = ['tsx', path.join(root, 'scripts/generate/photos.ts'), '--in', dataDir, '--out', dataDir, '--producers', 'lo,chromium', '--seed', String(flags.seed)];
      console.error(`sweep: photographing them: npx ${shots.join(' ')}`);
      execFileSync('npx', shots, { stdio: 'inherit', cwd: root });
    }
  }
  const filesDir = path.join(dataDir, 'files');
  const goldDir = path.join(dataDir, 'gold');
  if (!fs.existsSync(filesDir) || !fs.existsSync(goldDir)) throw new Error(`${dataDir}: no files/ and gold/ folders (make one with scripts/generate/layouts.ts)`);

  const work = path.resolve(flags.quick ? path.join(flags.out, 'quick') : flags.in ? path.join(flags.out, 'measured') : dataDir);
  fs.mkdirSync(work, { recursive: true });
  let db = path.join(work, 'sweep.sqlite');
  let inputs: string[] = [];
  let seconds = 0;
  if (flags.db) {
    if (!flags.in) throw new Error('--db scores a generated folder: give it with --in');
    db = path.resolve(flags.db);
  } else {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    // Only the kinds asked for: --quick keeps to the digital files (a scan's OCR is minutes).
    inputs = fs.readdirSync(filesDir).filter((f) => !f.startsWith('.')).filter((f) => !(flags.quick && !flags['with-scans'] && /\.scan\d*\.\w+$/.test(f)));
    const listDir = path.join(work, 'inputs');
    fs.rmSync(listDir, { recursive: true, force: true });
    fs.mkdirSync(listDir);
    for (const f of inputs) fs.symlinkSync(path.join(filesDir, f), path.join(listDir, f));

    const started = Date.now();
    const sink = new Writable({ write(_c, _e, cb) { cb(); } });
    const code = await ingest([listDir, '--db', db, '--quiet'], { stdout: sink, stderr: process.stderr } as never);
    seconds = (Date.now() - started) / 1000;
    if (code !== 0 && code !== 1) throw new Error(`ingest exited ${code}`);
  }

  const lines = execFileSync('python3', [path.join(root, 'scripts/measure/score_docs.py'), db, goldDir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const docs: Scored[] = lines.trim().split('\n').filter(Boolean).map((l) => {
    const d = JSON.parse(l) as DocScore;
    const { producer, degradation } = splitKind(d.kind);
    const traitsFile = path.join(goldDir, `${d.gold}.traits.json`);
    const traits = fs.existsSync(traitsFile) ? (JSON.parse(fs.readFileSync(traitsFile, 'utf8')) as Record<string, unknown>) : {};
    // A photo's own degradations (scripts/generate/photos.ts) are traits of that file alone.
    const photoFile = path.join(goldDir, `${d.gold}.${d.kind.replace(/\.?p1\.jpg$/, '') || 'pdf'}.photo.json`);
    if (degradation === 'photo' && fs.existsSync(photoFile)) {
      const buckets = (JSON.parse(fs.readFileSync(photoFile, 'utf8')) as { buckets: Record<string, string> }).buckets;
      for (const [k, v] of Object.entries(buckets)) traits[`photo.${k}`] = v;
    }
    return { ...d, producer, degradation, traits, failures: failuresOf(d) };
  });
  fs.writeFileSync(path.join(work, 'sweep-docs.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');

  const report = [
    `# Sweep ${new Date().toISOString().slice(0, 10)}: ${docs.length} documents from ${dataDir} (${flags.db ? `scored from ${db}` : `${inputs.length} files ingested in ${seconds.toFixed(0)} s`})`,
    '',
    `Command: npm run sweep -- ${process.argv.slice(2).join(' ')}`,
    `A document fails when rows F1 < ${BAR.rowsF1}, a field's CER > ${BAR.cer} or section < ${BAR.section} (digital); scans are held to the same bar here and judged on the table.`,
    '',
    '## Per producer and degradation',
    '',
    table(['kind', 'docs', 'rows F1 (photos: P)', 'exact', 'section', 'worst field CER', 'meta', 'failing'], groupBy(docs, (d) => d.kind).map(([kind, ds]) => [kind, ...summary(ds)])),
    '',
    '## Per layout trait (documents of every producer)',
    '',
    table(['trait', 'value', 'docs', 'rows F1', 'exact', 'section', 'worst field CER', 'meta', 'failing'], traitRows(docs)),
    '',
    `## Failing documents (worst ${flags.worst})`,
    '',
    table(['document', 'rows F1', 'gold/pred', 'section', 'why'], docs.filter((d) => d.failures.length).sort((a, b) => rowsOf(a) - rowsOf(b)).slice(0, flags.worst)
      .map((d) => [`${d.gold}.${d.kind}`, rowsOf(d).toFixed(3), `${d.gold_rows}/${d.pred_rows}`, fmt(d.section), d.error ?? d.failures.join('; ')])),
  ].join('\n');
  fs.writeFileSync(path.join(work, 'sweep-report.md'), report + '\n');
  if (flags.json) {
    console.log(JSON.stringify({ kinds: Object.fromEntries(groupBy(docs, (d) => d.kind).map(([k, ds]) => [k, summary(ds)])), failing: docs.filter((d) => d.failures.length).map((d) => `${d.gold}.${d.kind}`) }, null, 1));
  } else console.log(report);
  console.error(`sweep: ${docs.length} documents scored; report ${path.join(work, 'sweep-report.md')}`);
}

/** 'chromium.pdf' → chromium / digital; 'lo.scan150.tif' → lo / scan150; 'docx' → docx / digital; 'lo.p1.jpg' → lo / photo. */
function splitKind(kind: string): { producer: string; degradation: string } {
  const parts = kind.split('.');
  if (/(^|\.)p1\.jpg$/.test(kind)) return { producer: parts.length > 2 ? parts[0]! : 'pdf', degradation: 'photo' };
  if (parts.length === 1) return { producer: parts[0]!, degradation: 'digital' };
  const scan = parts.find((p) => /^scan/.test(p));
  return { producer: parts[0]!, degradation: scan ?? 'digital' };
}

/**
 * A photo holds one page of the plan: its rows are judged by precision (are the rows stored
 * real rows?), as score.py does, since the other pages' rows cannot be in it.
 */
function rowsOf(d: DocScore): number {
  return /p1\.jpg$/.test(d.kind) ? d.rows_p : d.rows_f1;
}

function failuresOf(d: DocScore): string[] {
  const out: string[] = [];
  if (d.status !== 'ok' && d.error) out.push(d.error);
  if (rowsOf(d) < BAR.rowsF1) out.push(`rows ${/p1\.jpg$/.test(d.kind) ? 'precision' : 'F1'} ${rowsOf(d).toFixed(3)} (${d.gold_rows} gold, ${d.pred_rows} stored)`);
  for (const f of FIELDS) {
    const c = d[`cer_${f}`];
    if (c !== null && c !== undefined && c > BAR.cer) out.push(`CER ${f} ${c.toFixed(3)}`);
  }
  if (d.section !== null && d.section < BAR.section) out.push(`section ${d.section.toFixed(3)}`);
  return out;
}

function mean(xs: (number | null | undefined)[]): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function summary(ds: Scored[]): string[] {
  const worstCer = Math.max(...FIELDS.map((f) => mean(ds.map((d) => d[`cer_${f}`])) ?? 0));
  const failing = ds.filter((d) => d.failures.length).length;
  return [String(ds.length), fmt(mean(ds.map(rowsOf))), fmt(mean(ds.map((d) => d.exact))), fmt(mean(ds.map((d) => d.section))), worstCer.toFixed(3), fmt(mean(ds.map((d) => d.meta))), `${failing}`];
}

/** Every trait value with its documents; the plain seed and id are not traits. */
function traitRows(docs: Scored[]): string[][] {
  const names = [...new Set(docs.flatMap((d) => Object.keys(d.traits)))].filter((n) => n !== 'seed' && n !== 'id').sort();
  const rows: string[][] = [];
  for (const name of names) {
    // A photo's degradations are traits of photos alone: the other files are not listed as "—".
    const of = name.startsWith('photo.') ? docs.filter((d) => d.degradation === 'photo') : docs;
    for (const [value, ds] of groupBy(of, (d) => String(d.traits[name] ?? '—'))) rows.push([name, value, ...summary(ds)]);
  }
  return rows;
}

function groupBy<T>(xs: T[], key: (x: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

function fmt(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

await runScript(main);
