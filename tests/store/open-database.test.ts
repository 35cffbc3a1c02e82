import { readFileSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseBusyError, StoreError } from '../../src/store/errors.js';
import { LATEST_VERSION } from '../../src/store/migrations/index.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { TUNING } from '../../src/settings.js';
import { writeDocument } from '../../src/store/write-document.js';
import { fakeSha, makeDocument } from './helpers/make-document.js';
import { tempDir } from './helpers/temp-db.js';

const CONTRACT_TABLES = ['documents', 'activities', 'activity_actors'];
const VIEWS = ['v_activities', 'v_actor_counts', 'v_documents_summary'];

let tmp: ReturnType<typeof tempDir>;
const open: Database[] = [];
const track = (db: Database): Database => { open.push(db); return db; };

beforeEach(() => { tmp = tempDir(); });
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  tmp.cleanup();
});

const schemaSql = (db: Database): string[] =>
  db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all().map((r) => r.sql);

function writeOne(db: Database, label: string): number {
  const doc = makeDocument({ sections: [{ title: '1. Раздел', activities: [{}, {}] }] });
  return writeDocument(db, { sourcePath: `${label}.pdf`, sha256: fakeSha(label), format: 'pdf', pages: 1, doc, reviewBelow: 0.75 }).documentId;
}

describe('openDatabase', () => {
  it('creates and migrates an empty file to the latest version with the pragmas set', () => {
    const db = track(openDatabase(tmp.file('new.sqlite')));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(TUNING.store.busyTimeoutMs);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const names = db.prepare<[], { name: string }>('SELECT name FROM sqlite_master').all().map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([...CONTRACT_TABLES, 'sections', 'document_sources', ...VIEWS]));
  });

  it('re-opens an up-to-date file without changing its schema or data', () => {
    const path = tmp.file('reopen.sqlite');
    const first = openDatabase(path);
    const id = writeOne(first, 'kept');
    const before = schemaSql(first);
    first.close();

    const again = track(openDatabase(path));
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(schemaSql(again)).toEqual(before);
    expect(again.prepare('SELECT id FROM documents').pluck().all()).toEqual([id]);
  });

  it('honours a custom busy timeout', () => {
    const db = track(openDatabase(tmp.file('t.sqlite'), { busyTimeoutMs: 1234 }));
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
  });

  it('refuses a database written by a newer schema and leaves it untouched', () => {
    const path = tmp.file('newer.sqlite');
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'database_too_new' }));
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").pluck().get()).toBe(0);
    check.close();
  });

  it('reports a file that is not SQLite as a corrupt database and does not modify it', () => {
    const path = tmp.file('notes.sqlite');
    const bytes = Buffer.from('План мероприятий — это не база данных\n'.repeat(200), 'utf8');
    writeFileSync(path, bytes);
    let caught: unknown;
    try { openDatabase(path); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('database_corrupt');
    expect((caught as StoreError).message).toContain(path);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('reports a path in a missing folder as unopenable', () => {
    expect(() => openDatabase(tmp.file('no/such/dir/x.sqlite'))).toThrow(expect.objectContaining({ code: 'database_unopenable' }));
  });

  describe('read-only', () => {
    it('reads a migrated file and refuses writes', () => {
      const path = tmp.file('ro.sqlite');
      const rw = openDatabase(path);
      writeOne(rw, 'one');
      rw.close();
      const ro = track(openDatabase(path, { readonly: true }));
      expect(ro.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
      expect(() => writeOne(ro, 'two')).toThrow();
    });

    it('does not create a missing file', () => {
      expect(() => openDatabase(tmp.file('absent.sqlite'), { readonly: true })).toThrow(expect.objectContaining({ code: 'database_unopenable' }));
    });

    it('refuses an outdated schema it may not migrate', () => {
      const path = tmp.file('old.sqlite');
      new BetterSqlite3(path).close();
      expect(() => openDatabase(path, { readonly: true })).toThrow(expect.objectContaining({ code: 'database_outdated' }));
    });
  });

  it('surfaces a lock held past the busy timeout as DatabaseBusyError, then works once released', () => {
    const path = tmp.file('busy.sqlite');
    const holder = track(openDatabase(path));
    const waiter = track(openDatabase(path, { busyTimeoutMs: 50 }));
    holder.exec('BEGIN IMMEDIATE');
    let caught: unknown;
    const started = Date.now();
    try { writeOne(waiter, 'blocked'); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(DatabaseBusyError);
    expect((caught as DatabaseBusyError).code).toBe('database_busy');
    expect((caught as Error).message).toMatch(/^database is busy/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40); // it waited rather than failing at once
    holder.exec('ROLLBACK');
    expect(writeOne(waiter, 'released')).toBeGreaterThan(0);
  });
});
