import { deriveCorrection } from '../../src/compare/derive-correction.js';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import { correctActivities, openDatabase, writeDocument } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir('corrections-migration-'); });
afterEach(() => tmp.cleanup());

describe('migration 10 (corrections)', () => {
  it('upgrades a version-9 database with its documents, rows, search index and plans in place', () => {
    const file = tmp.file('v9.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = ON');
    migrateToLatest(raw, MIGRATIONS.slice(0, 9));
    expect(schemaVersion(raw)).toBe(9);
    raw.exec(`INSERT INTO documents (id, source_path, sha256, format, status, level, region) VALUES (1, 'r.docx', '${fakeSha('r')}', 'docx', 'ok', 'regional', 'Пермский край');
      INSERT INTO plans (id, region, sources, grouped_by) VALUES (1, 'Пермский край', 1, 'single');
      UPDATE documents SET plan_id = 1, source_rank = 1;
      INSERT INTO activities (document_id, seq, number, activity, responsible, deadline, result, confidence, needs_review, deadline_kind)
      VALUES (1, 1, '1', 'Первое мероприятие', 'ИРО', '', '', 1, 0, 'unknown'), (1, 2, '2', 'Второе', '', '', '', 1, 0, 'unknown')`);
    const columnsBefore = (raw.prepare('SELECT * FROM v_activities LIMIT 1').columns()).map((c) => c.name);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT COUNT(*) FROM activities').pluck().get()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM corrections').pluck().get()).toBe(0);
    const columns = db.prepare('SELECT * FROM v_activities LIMIT 1').columns().map((c) => c.name);
    // Old columns keep their places; the new one comes after them.
    expect(columns.slice(0, columnsBefore.length)).toEqual(columnsBefore);
    expect(columns).toContain('corrected_fields');
    expect(db.prepare('SELECT plan_id, best_source, corrected_fields FROM v_activities WHERE seq = 1').get()).toEqual({ plan_id: 1, best_source: 1, corrected_fields: null });
    expect(db.prepare("SELECT rowid FROM activities_fts WHERE activities_fts MATCH 'первое'").pluck().all()).toHaveLength(1);
    db.close();
  });

  it('refuses a correction the table does not know, and one cell has one correction', () => {
    const db = openDatabase(tmp.file('c.sqlite'));
    const doc = makeDocument({ meta: { level: 'regional' }, sections: [{ title: '', activities: [{}, {}] }] });
    writeDocument(db, { sourcePath: 'r.docx', sha256: fakeSha('r'), format: 'docx', pages: 1, doc, reviewBelow: 0.75 });
    const insert = db.prepare("INSERT INTO corrections (sha256, seq, field, old_value, new_value) VALUES (?, 1, ?, 'a', 'b')");
    expect(() => insert.run(fakeSha('r'), 'page')).toThrow(/CHECK constraint/);
    const id = db.prepare('SELECT id FROM activities WHERE seq = 1').pluck().get() as number;
    correctActivities(db, [{ target: { activityId: id }, field: 'result', value: 'первый' }], deriveCorrection);
    correctActivities(db, [{ target: { activityId: id }, field: 'result', value: 'второй' }], deriveCorrection);
    const rows = db.prepare('SELECT old_value, new_value FROM corrections').all() as { old_value: string; new_value: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.new_value).toBe('второй');
    // The text as extracted, not the first correction's.
    expect(rows[0]!.old_value).not.toBe('первый');
    db.close();
  });
});
