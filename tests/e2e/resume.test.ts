import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CORPUS_DOCS, tempDir } from '../helpers/corpus.js';
import { distinctPdfs, ingestBin } from '../helpers/bin.js';

const SRC = path.join(CORPUS_DOCS, 'perm-krai-2021.pdf'); // 13 activities per copy
const PER_DOC = 13;

function storedCount(db: string): number {
  if (!fs.existsSync(db)) return 0;
  try {
    const con = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (con.prepare("SELECT count(*) n FROM documents WHERE status = 'ok'").get() as { n: number }).n;
    } finally {
      con.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

/** Every stored document is whole: its activity count matches its rows, seq is 1..n. */
function checkConsistent(db: string): { docs: number; activities: number } {
  const con = new Database(db, { readonly: true });
  expect(con.pragma('integrity_check', { simple: true })).toBe('ok');
  const docs = con.prepare("SELECT id, activity_count FROM documents WHERE status = 'ok'").all() as { id: number; activity_count: number }[];
  for (const d of docs) {
    const a = con.prepare('SELECT count(*) n, min(seq) lo, max(seq) hi FROM activities WHERE document_id = ?').get(d.id) as { n: number; lo: number; hi: number };
    expect(a).toEqual({ n: d.activity_count, lo: 1, hi: d.activity_count });
  }
  const dup = con.prepare('SELECT count(*) n FROM (SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1)').get() as { n: number };
  expect(dup.n).toBe(0);
  const activities = (con.prepare('SELECT count(*) n FROM activities').get() as { n: number }).n;
  con.close();
  return { docs: docs.length, activities };
}

describe('interrupted and concurrent runs', () => {
  it('SIGKILL mid-batch loses nothing stored, leaves no half document, and the next run resumes', async () => {
    const dir = tempDir('resume-');
    const inDir = path.join(dir, 'in');
    fs.mkdirSync(inDir);
    const files = distinctPdfs(SRC, inDir, 60);
    const db = path.join(dir, 'r.sqlite');
    const child = spawn(process.execPath, [ingestBin(), inDir, '--db', db, '--quiet', '--concurrency', '2'], { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (storedCount(db) < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const before = checkConsistent(db);
    expect(before.docs).toBeGreaterThanOrEqual(5);
    expect(before.docs).toBeLessThan(files.length); // really interrupted
    const again = spawnSync(process.execPath, [ingestBin(), inDir, '--db', db, '--json'], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary.skipped).toBeGreaterThanOrEqual(before.docs);
    expect(summary.stored + summary.skipped).toBe(files.length);
    expect(checkConsistent(db)).toEqual({ docs: files.length, activities: files.length * PER_DOC });
  }, 120_000);

  it('SIGINT finishes the files under way, stores them whole and exits 130', async () => {
    const dir = tempDir('sigint-');
    const inDir = path.join(dir, 'in');
    fs.mkdirSync(inDir);
    distinctPdfs(SRC, inDir, 60);
    const db = path.join(dir, 'i.sqlite');
    const child = spawn(process.execPath, [ingestBin(), inDir, '--db', db, '--quiet'], { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (storedCount(db) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    const after = checkConsistent(db);
    expect(after.docs).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('two ingest processes on one database both succeed without corruption or duplicates', async () => {
    const dir = tempDir('concurrent-');
    const inDir = path.join(dir, 'in');
    fs.mkdirSync(inDir);
    const files = distinctPdfs(SRC, inDir, 30);
    const db = path.join(dir, 'c.sqlite');
    const run = () => new Promise<{ code: number | null; err: string }>((resolve) => {
      let err = '';
      const p = spawn(process.execPath, [ingestBin(), inDir, '--db', db, '--quiet', '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => resolve({ code, err }));
    });
    const [a, b] = await Promise.all([run(), run()]);
    for (const r of [a, b]) {
      // Either both succeed, or one is told the database is busy — never anything else.
      if (r.code !== 0) {
        expect(r.code, r.err).toBe(3);
        expect(r.err).toContain('database is busy');
      }
    }
    expect(a.code === 0 || b.code === 0).toBe(true);
    expect(checkConsistent(db)).toEqual({ docs: files.length, activities: files.length * PER_DOC });
  }, 120_000);
});
