import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import type { WriterReport } from './helpers/concurrent-writer.js';
import { tempDir } from './helpers/temp-db.js';
import { transpileForChild } from './helpers/transpile-for-child.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS_PER_WRITER = 50;

let tmp: ReturnType<typeof tempDir>;
let writerScript: string;

beforeAll(() => {
  tmp = tempDir('store-concurrency-');
  const build = tmp.file('build');
  transpileForChild(REPO, ['src/model', 'src/store', 'src/settings.ts', 'src/errors.ts', 'tests/store/helpers'], build);
  writerScript = path.join(build, 'tests/store/helpers/concurrent-writer.js');
});
afterAll(() => tmp.cleanup());

interface Writer { child: ChildProcessWithoutNullStreams; ready: Promise<void>; report: Promise<WriterReport> }

function startWriter(db: string, worker: string, busyTimeoutMs?: number): Writer {
  const args = [writerScript, db, worker, String(DOCS_PER_WRITER), ...(busyTimeoutMs === undefined ? [] : [String(busyTimeoutMs)])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  const report = new Promise<WriterReport>((resolve, reject) => {
    let last = '';
    lines.on('line', (l) => { last = l; });
    child.on('close', () => {
      try { resolve(JSON.parse(last) as WriterReport); } catch { reject(new Error(`writer ${worker} printed no report; stderr: ${stderr}`)); }
    });
  });
  return { child, ready, report };
}

const go = (writers: Writer[]): void => { for (const w of writers) w.child.stdin.end('go\n'); };

describe('two processes writing one database', () => {
  it('both create, migrate and fill a fresh file without losing a document', async () => {
    const db = tmp.file('fresh.sqlite');
    const writers = [startWriter(db, 'A'), startWriter(db, 'B')];
    await Promise.all(writers.map((w) => w.ready));
    go(writers);
    const reports = await Promise.all(writers.map((w) => w.report));
    for (const r of reports) expect(r, r.message).toMatchObject({ ok: true, written: DOCS_PER_WRITER });

    const check = openDatabase(db, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.pragma('foreign_key_check')).toEqual([]);
      const perWorker = check.prepare("SELECT substr(source_path, 1, 1) AS w, count(*) AS n FROM documents GROUP BY w ORDER BY w").all();
      expect(perWorker).toEqual([{ w: 'A', n: DOCS_PER_WRITER }, { w: 'B', n: DOCS_PER_WRITER }]);
      const activities = reports.reduce((s, r) => s + r.activities, 0);
      expect(check.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(activities);
      // seq must be dense per document even when commits interleave.
      expect(check.prepare('SELECT count(*) FROM documents d WHERE activity_count != (SELECT max(seq) FROM activities a WHERE a.document_id = d.id)').pluck().get()).toBe(0);
    } finally {
      check.close();
    }
  });

  it('a fresh file locked by another process is switched to WAL once the lock is released', async () => {
    // While another process holds a write lock on a file still in rollback-journal mode, SQLite
    // answers BUSY to the WAL switch at once, without the busy handler; before openDatabase
    // retried it, one of two ingests racing on a new file failed now and then.
    const db = tmp.file('rollback-locked.sqlite');
    const holder = new BetterSqlite3(db);
    holder.exec('CREATE TABLE probe(x); BEGIN IMMEDIATE');
    const writer = startWriter(db, 'R');
    await writer.ready;
    go([writer]);
    await new Promise((r) => setTimeout(r, 300));
    holder.exec('COMMIT');
    holder.close();
    expect(await writer.report).toMatchObject({ ok: true, written: DOCS_PER_WRITER });
  });

  it('a writer waits for a lock held by another process, and one with a short timeout reports busy', async () => {
    const db = tmp.file('held.sqlite');
    const holder = openDatabase(db);
    const patient = startWriter(db, 'P');
    const hasty = startWriter(db, 'H', 100);
    await Promise.all([patient.ready, hasty.ready]);
    holder.exec('BEGIN IMMEDIATE');
    go([patient, hasty]);
    const hastyReport = await hasty.report;
    const releasedAt = Date.now();
    holder.exec('COMMIT');
    const patientReport = await patient.report;
    holder.close();

    expect(hastyReport).toMatchObject({ ok: false, code: 'database_busy', written: 0 });
    expect(hastyReport.message).toMatch(/^database is busy/);
    expect(patientReport).toMatchObject({ ok: true, written: DOCS_PER_WRITER });
    expect(patientReport.firstCommitAt).toBeGreaterThanOrEqual(releasedAt);
  });
});
