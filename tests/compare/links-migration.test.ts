import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import { openDatabase, writeDocument } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir('links-migration-'); });
afterEach(() => tmp.cleanup());

describe('migration 2 (activity links, v_coverage)', () => {
  it('upgrades a version-1 database with its documents in place', () => {
    const file = tmp.file('v1.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = ON');
    migrateToLatest(raw, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(raw)).toBe(1);
    // Rows as version 1 stored them (today's writer knows later columns).
    raw.exec(`INSERT INTO documents (id, source_path, sha256, format, status, level, region) VALUES (1, 'r.docx', '${fakeSha('r')}', 'docx', 'ok', 'regional', 'Пермский край');
      INSERT INTO activities (document_id, seq, number, activity, responsible, deadline, result, confidence, needs_review, deadline_kind)
      VALUES (1, 1, '1', 'Первое', '', '', '', 1, 0, 'unknown'), (1, 2, '2', 'Второе', '', '', '', 1, 0, 'unknown')`);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT COUNT(*) FROM activities').pluck().get()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM activity_links').pluck().get()).toBe(0);
    expect(db.prepare('SELECT * FROM v_coverage').all()).toEqual([]);
    db.close();
  });

  it('keeps the change flags set exactly when a link has a counterpart', () => {
    const db = openDatabase(tmp.file('c.sqlite'));
    const doc = makeDocument({ meta: { level: 'regional' }, sections: [{ title: '', activities: [{}, {}] }] });
    const { documentId } = writeDocument(db, { sourcePath: 'r.docx', sha256: fakeSha('r'), format: 'docx', pages: 1, doc, reviewBelow: 0.75 });
    const [a, b] = db.prepare('SELECT id FROM activities ORDER BY seq').pluck().all() as number[];
    const insert = db.prepare(`INSERT INTO activity_links (activity_id, reference_document_id, reference_activity_id, score, threshold, method, responsible_changed, deadline_changed)
      VALUES (?, ?, ?, 0.5, 0.2, 'test', ?, ?)`);
    expect(() => insert.run(a, documentId, b, null, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run(a, documentId, null, 0, 0)).toThrow(/CHECK constraint/);
    expect(() => db.prepare(`INSERT INTO activity_links (activity_id, reference_document_id, score, threshold, method) VALUES (?, ?, 1.5, 0.2, 'x')`).run(a, documentId)).toThrow(/CHECK constraint/);
    insert.run(a, documentId, b, 1, 0);
    // A link goes with the activity it points to.
    db.prepare('DELETE FROM activities WHERE id = ?').run(b);
    expect(db.prepare('SELECT COUNT(*) FROM activity_links').pluck().get()).toBe(0);
    db.close();
  });
});
