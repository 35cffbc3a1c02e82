import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../src/store/migrations/index.js';
import { tempDir } from './helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
let db: BetterSqlite3.Database;
beforeEach(() => {
  tmp = tempDir();
  db = new BetterSqlite3(tmp.file('m.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const tableExists = (name: string): boolean =>
  db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(name) === 1;

describe('migrateToLatest', () => {
  it('numbers the shipped migrations 1..n', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('applies every migration to an empty database and is a no-op the second time', () => {
    expect(migrateToLatest(db)).toBe(LATEST_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    expect(migrateToLatest(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get()).toBe(objects);
  });

  it('step 3 gives rows flagged before it their reason and shows it in v_activities', () => {
    migrateToLatest(db, MIGRATIONS.slice(0, 2));
    db.exec(`INSERT INTO documents (id, source_path, sha256, format, status) VALUES (1, 'a.jpg', 'ab', 'image', 'ok');
      INSERT INTO activities (document_id, seq, number, activity, responsible, deadline, result, confidence, needs_review, deadline_kind)
      VALUES (1, 1, '1', 'Текст', '', '', '', 0.5, 1, 'unknown'), (1, 2, '2', ' ', '', '', '', 1, 1, 'unknown'), (1, 3, '3', 'Текст', '', '', '', 1, 0, 'unknown')`);
    expect(migrateToLatest(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT review_reasons FROM v_activities ORDER BY seq').pluck().all()).toEqual(['low_confidence', 'empty_activity', null]);
  });

  it('applies only the pending steps to an existing database and keeps its data', () => {
    migrateToLatest(db);
    db.prepare("INSERT INTO documents (source_path, sha256, status) VALUES ('a.pdf', 'h', 'ok')").run();
    let calls = 0;
    const next: Migration = {
      version: LATEST_VERSION + 1,
      name: 'add-note',
      up(d) { calls += 1; d.exec('ALTER TABLE documents ADD COLUMN note TEXT'); },
    };
    expect(migrateToLatest(db, [...MIGRATIONS, next])).toBe(LATEST_VERSION + 1);
    expect(calls).toBe(1);
    expect(db.prepare('SELECT source_path, note FROM documents').get()).toEqual({ source_path: 'a.pdf', note: null });
  });

  it('rolls back every step of a run when one step throws', () => {
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up(d) { d.exec('CREATE TABLE half_done (x)'); throw new Error('boom'); },
    };
    expect(() => migrateToLatest(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tableExists('documents')).toBe(false);
    expect(tableExists('half_done')).toBe(false);
  });

  it('fails loudly on a database newer than the list', () => {
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    expect(() => migrateToLatest(db)).toThrow(expect.objectContaining({ code: 'database_too_new' }));
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 3);
  });

  it('rejects a list with a gap rather than skipping a step', () => {
    const gap: Migration = { version: LATEST_VERSION + 2, name: 'gap', up() {} };
    expect(() => migrateToLatest(db, [...MIGRATIONS, gap])).toThrow(/out of order/);
    expect(schemaVersion(db)).toBe(0);
  });
});
