/**
 * Runs the unseen hostile suite (scripts/bad-inputs/unseen-suite.ts) as ONE batch through the
 * built CLI, sampling the whole process tree's RSS, then the flag and database cases as
 * separate runs, and checks every case against the outcomes its manifest allows. Prints a
 * table (case, expected, got, pass), the peak RSS and the wall time; exits 1 on any failure.
 *
 *   npx tsx scripts/measure/hostile-suite.ts [--subset fast] [--seed 7] [--keep]
 *
 * As root, the batch runs as uid 65534 so that a file with mode 000 is really unreadable.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ingestBin } from '../../tests/helpers/bin.js';
import { RssSampler } from '../process-tree-rss.js';
import { parseFlags, runScript } from '../lib/flags.js';
import { makeUnseenSuite, type Manifest, type Outcome, type SuiteCase, type SuiteInvocation } from '../bad-inputs/unseen-suite.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bar of issue #15: the whole batch's process tree. */
export const PEAK_RSS_BOUND = 1.5 * 1024 ** 3;
const OTHER_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

export interface CaseResult {
  id: string;
  expected: string;
  got: string;
  pass: boolean;
}

export interface SuiteRun {
  results: CaseResult[];
  peakRss: number | null;
  seconds: number;
  exitCode: number | null;
  stderr: string;
}

interface Row {
  source_path: string;
  sha256: string | null;
  status: string;
  error: string | null;
  activity_count: number;
  issues_json: string;
  texts: string | null;
}

const describeOutcome = (o: Outcome): string =>
  'failed' in o ? o.failed
    : 'stored' in o ? `${o.stored}${o.activities !== undefined ? `(${o.activities})` : o.minActivities !== undefined ? `(≥${o.minActivities})` : ''}`
      : 'line' in o ? `line "${o.line}"` : `archive, none stored`;

const describeRow = (r: Row): string => (r.status === 'failed' ? (r.error ?? '').split(':')[0]! : `${r.status}(${r.activity_count})`);

/** As the CLI prints a name: control characters escaped (src/cli.ts printable). */
const escaped = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
  const code = c.charCodeAt(0);
  return c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r'
    : code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
});

function spawnCli(args: string[], opts: SpawnOptions, during?: () => () => void): Promise<{ code: number | null; stderr: string; seconds: number; peak: number | null }> {
  const bin = ingestBin(); // may build first: not part of the run's time
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { ...opts, stdio: ['ignore', 'ignore', 'pipe'] });
    const rss = new RssSampler(child.pid!, 200);
    const stop = during?.();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      rss.stop();
      stop?.();
      resolve({ code, stderr, seconds: (performance.now() - started) / 1000, peak: rss.supported ? rss.peak : null });
    });
  });
}

function judgeCase(c: SuiteCase, dir: string, rows: Row[], lines: string[]): CaseResult {
  const full = `${dir}/${c.shown}`;
  // By content where it stays put (a file's row may name it escaped), else by path (a file
  // that grows while read, a file not read at all).
  const mine = rows.filter((r) => r.source_path === full || (c.sha256 !== null && c.runtime !== 'grows' && r.sha256 === c.sha256));
  const under = rows.filter((r) => r.source_path.startsWith(`${full}!/`));
  const printed = escaped(full);
  const mentions = lines.filter((l) => l.includes(`${printed}:`) || l.endsWith(printed));
  const got = mine.length ? mine.map(describeRow).join(', ')
    : under.length ? `archive: ${under.map(describeRow).join(', ')}`
      : mentions.length ? `line "${mentions[0]!.replace(printed, '…').trim()}"` : 'nothing';
  const holds = (o: Outcome): boolean => {
    if ('failed' in o) return mine.length === 1 && mine[0]!.status === 'failed' && (mine[0]!.error ?? '').startsWith(`${o.failed}: `);
    if ('stored' in o) {
      const r = mine[0];
      if (mine.length !== 1 || !r || r.status === 'failed') return false;
      if (o.stored !== 'any' && r.status !== o.stored) return false;
      if (o.activities !== undefined && r.activity_count !== o.activities) return false;
      if (o.minActivities !== undefined && r.activity_count < o.minActivities) return false;
      return o.contains === undefined || (r.texts ?? '').includes(o.contains);
    }
    if ('line' in o) return mine.length === 0 && mentions.length === 1 && mentions[0]!.includes(o.line);
    return under.length >= o.entries && under.every((r) => r.status === 'failed') && mine.length === 0;
  };
  // A case expecting nothing (a link loop) must stay silent.
  const pass = c.expect.length === 0 ? mine.length === 0 && mentions.length === 0 : c.expect.some(holds);
  return { id: c.id, expected: c.expect.length ? c.expect.map(describeOutcome).join(' | ') : 'nothing', got, pass };
}

const sha = (file: string): string => {
  const st = fs.statSync(file);
  if (st.isDirectory()) return `dir:${fs.readdirSync(file).sort().join(',')}`;
  return st.isFile() ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'special';
};

function prepareDb(kind: SuiteInvocation['db'], work: string, goodDocx: string): string {
  const db = path.join(work, `${kind}.sqlite`);
  switch (kind) {
    case 'fresh': return db;
    case 'directory': fs.mkdirSync(db); fs.writeFileSync(path.join(db, 'keep.txt'), 'x'); return db;
    case 'text-file': fs.writeFileSync(db, 'План мероприятий — не база данных\n'); return db;
    case 'missing-folder': return path.join(work, 'no-such-folder', 'db.sqlite');
    case 'dev-null': return '/dev/null';
    case 'newer-schema':
    case 'truncated-db': {
      const r = spawnSync(process.execPath, [ingestBin(), goodDocx, '--db', db, '--quiet'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`could not make a database: ${r.stderr}`);
      if (kind === 'newer-schema') {
        const con = new Database(db);
        con.pragma('journal_mode = DELETE');
        con.pragma('user_version = 99');
        con.close();
      } else fs.writeFileSync(db, fs.readFileSync(db).subarray(0, 3072));
      return db;
    }
  }
}

function judgeInvocation(inv: SuiteInvocation, dir: string, work: string, goodDocx: string): CaseResult {
  const db = prepareDb(inv.db, work, goodDocx);
  const fill = (s: string) => s.replaceAll('{in}', goodDocx).replaceAll('{db}', db).replaceAll('{dir}', dir);
  const before = inv.untouched ? sha(db) : '';
  const r = spawnSync(process.execPath, [ingestBin(), ...inv.args.map(fill)], { encoding: 'utf8', timeout: 120_000 });
  const stderr = String(r.stderr);
  const problems: string[] = [];
  if (!inv.exit.includes(r.status ?? -1)) problems.push(`exit ${r.status}`);
  if (!stderr.includes(fill(inv.stderr))) problems.push(`no "${fill(inv.stderr)}" in stderr`);
  if (/\n\s+at |unexpected error/i.test(stderr)) problems.push('stack trace or unexpected error');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(stderr)) problems.push('raw control character in stderr');
  if (inv.untouched) {
    if (sha(db) !== before) problems.push('database changed');
    for (const s of ['-wal', '-shm', '-journal']) if (fs.existsSync(db + s)) problems.push(`left ${path.basename(db + s)}`);
  }
  const first = stderr.split('\n').find((l) => l.trim()) ?? '';
  return {
    id: `run: ${inv.id}`,
    expected: `exit ${inv.exit.join('|')}, "${inv.stderr}"${inv.untouched ? ', db untouched' : ''}`,
    got: `exit ${r.status}: ${escaped(first).slice(0, 90)}${problems.length ? ` [${problems.join('; ')}]` : ''}`,
    pass: problems.length === 0,
  };
}

/** Generates the suite into `work`, runs it, and judges every case and run. */
export async function runHostileSuite(work: string, opts: { seed?: number; subset?: 'all' | 'fast' } = {}): Promise<SuiteRun & { manifest: Manifest }> {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const dir = path.join(work, 'in');
  const manifest = makeUnseenSuite(dir, opts);
  const dbDir = path.join(work, 'db');
  fs.mkdirSync(dbDir);
  const db = path.join(dbDir, 'hostile.sqlite');
  const fileOf = (c: SuiteCase) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(c.fileHex, 'hex')]);
  if (OTHER_USER) {
    // Everything readable and the database folder writable by the other user, then the one
    // file that must not be read taken away from it.
    spawnSync('chmod', ['-R', 'a+rX', work]);
    fs.chmodSync(dbDir, 0o777);
  }
  for (const c of manifest.cases) if (c.runtime === 'unreadable') fs.chmodSync(fileOf(c), 0o000);
  const grows = manifest.cases.filter((c) => c.runtime === 'grows').map(fileOf);
  const run = await spawnCli([dir, '--db', db, '--timeout', String(manifest.timeoutSeconds)], OTHER_USER ?? {}, () => {
    const t = setInterval(() => grows.forEach((f) => fs.appendFileSync(f, 'ещё одна строка\n')), 20);
    return () => clearInterval(t);
  });
  if (!fs.existsSync(db)) throw new Error(`the batch wrote no database (exit ${run.code}; its folder must be reachable by uid 65534 when run as root):\n${run.stderr}`);
  const con = new Database(db, { readonly: true });
  const rows = con.prepare(`SELECT d.source_path, d.sha256, d.status, d.error, d.activity_count, d.issues_json,
      (SELECT group_concat(a.activity, ' | ') FROM activities a WHERE a.document_id = d.id) AS texts FROM documents d`).all() as Row[];
  con.close();
  const lines = run.stderr.split('\n');
  const results = manifest.cases.map((c) => judgeCase(c, dir, rows, lines));
  // Whole-run checks: what a user reads must be honest and legible.
  const whole = (id: string, pass: boolean, got: string, expected: string) => results.push({ id: `batch: ${id}`, expected, got, pass });
  whole('exit code', run.code === 1, String(run.code), '1 (some files failed)');
  whole('no raw control characters', !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(run.stderr), /[\u0000-\u0009\u000b-\u001f\u007f]/.test(run.stderr) ? 'found' : 'none', 'none');
  const forged = lines.filter((l) => l.startsWith('  ok      forged'));
  whole('no forged line', forged.length === 0, forged.length ? forged[0]! : 'none', 'none');
  whole('no unexpected error', !/unexpected error|internal_error|\n\s+at /.test(run.stderr), (/.*(unexpected error|internal_error).*/.exec(run.stderr)?.[0] ?? 'none').slice(0, 100), 'none');
  const rowsOutside = rows.filter((r) => !manifest.cases.some((c) => (c.sha256 && r.sha256 === c.sha256) || r.source_path === `${dir}/${c.shown}` || r.source_path.startsWith(`${dir}/${c.shown}!/`)));
  whole('no stray rows', rowsOutside.length === 0, rowsOutside.map((r) => r.source_path).join(', ').slice(0, 100) || 'none', 'none');
  const peakOk = run.peak === null || run.peak < PEAK_RSS_BOUND;
  whole('peak RSS', peakOk, run.peak === null ? 'not measured' : `${(run.peak / 1024 ** 2).toFixed(0)} MB`, '< 1536 MB');
  const goodDocx = path.join(work, 'one-good.docx');
  fs.copyFileSync(path.join(ROOT, 'fixtures/corpus/docs/vereshchagino-2021.docx'), goodDocx);
  const invWork = path.join(work, 'runs');
  fs.mkdirSync(invWork);
  for (const inv of manifest.invocations) results.push(judgeInvocation(inv, dir, invWork, goodDocx));
  return { manifest, results, peakRss: run.peak, seconds: run.seconds, exitCode: run.code, stderr: run.stderr };
}

async function main(): Promise<void> {
  const flags = parseFlags('npx tsx scripts/measure/hostile-suite.ts', 'Runs the unseen hostile suite through the CLI as one batch and checks every case.', {
    seed: { type: 'number', default: 7, help: 'seed of the suite' },
    subset: { type: 'string', default: 'all', help: 'all, or fast (the e2e subset)' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'hostile'), help: 'scratch folder (emptied first)' },
    stderr: { type: 'string', help: 'also write the batch stderr to this file' },
  });
  const subset = flags.subset === 'fast' ? 'fast' : 'all';
  const r = await runHostileSuite(path.resolve(flags.work), { seed: flags.seed, subset });
  if (flags.stderr) fs.writeFileSync(flags.stderr, r.stderr);
  const w = Math.max(...r.results.map((x) => x.id.length));
  for (const x of r.results) console.log(`${x.pass ? 'pass' : 'FAIL'}  ${x.id.padEnd(w)}  expected ${x.expected.padEnd(36)} got ${x.got}`);
  const failed = r.results.filter((x) => !x.pass);
  console.log(`\n${r.manifest.cases.length} cases + ${r.manifest.invocations.length} separate runs: ${r.results.length - failed.length}/${r.results.length} checks pass.`);
  console.log(`Batch: ${r.seconds.toFixed(1)} s wall, exit ${r.exitCode}, peak RSS of the process tree ${r.peakRss === null ? 'not measured' : `${(r.peakRss / 1024 ** 2).toFixed(0)} MB`}.`);
  if (failed.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void runScript(main);
