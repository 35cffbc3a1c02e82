import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../src/store/migrations/index.js';
import { openDatabase, writeDocument, type Database } from '../../src/store/index.js';
import { fakeSha, makeDocument } from './helpers/make-document.js';
import { tempDir } from './helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir('recurrence-migration-'); });
afterEach(() => tmp.cleanup());

const BEFORE = 10;
const OLD_CHECK = `deadline_recurrence IN ('annual', 'quarterly', 'monthly', 'weekly')`;
const NEW_CHECK = `deadline_recurrence IN ('annual', 'semiannual', 'trimester', 'quarterly', 'monthly', 'weekly')`;

/** A version-10 file holding a row in every table: two plans, links, fragments, corrections, the search index. */
function versionTenDatabase(file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('foreign_keys = ON');
  migrateToLatest(db, MIGRATIONS.slice(0, BEFORE));
  expect(schemaVersion(db)).toBe(BEFORE);
  const write = (name: string, level: 'regional' | 'municipal', recurrence: 'annual' | 'quarterly' | null) => writeDocument(db, {
    sourcePath: `${name}.docx`, sha256: fakeSha(name), format: 'docx', pages: 2, reviewBelow: 0.75,
    doc: makeDocument({
      meta: { region: 'Пермский край', municipality: level === 'regional' ? null : 'Лысьва', level, actNumber: '1', actDate: '2021-10-28', periodFrom: 2021, periodTo: 2024 },
      issues: [{ stage: 'parse', severity: 'warning', message: 'тест' }],
      sections: [
        { title: '1. Методическая работа', activities: [
          { activity: 'Мониторинг результатов ёлочкой', deadline: 'ежегодно', confidence: 0.6, bbox: { x0: 1, y0: 2, x1: 3, y1: 4 }, pages: [1, 2], extra: { Примечание: 'да' },
            deadlineParsed: { kind: 'recurring', recurrence, years: [2021, 2022], months: [], from: '2021-01-01', to: '2022-12-31', yearInferred: true } },
          { activity: 'Семинар для руководителей', actors: [{ code: 'ИРО', raw: 'ИРО' }, { code: 'UNKNOWN', raw: 'куратор' }] },
        ] },
        { title: '2. Контроль', activities: [{ activity: 'Анализ', page: 2 }] },
      ],
    }),
  });
  const reference = write('krai', 'regional', 'annual');
  const municipal = write('lysva', 'municipal', 'quarterly');
  const ids = (doc: number) => db.prepare('SELECT id FROM activities WHERE document_id = ? ORDER BY seq').pluck().all(doc) as number[];
  const [r1, r2] = ids(reference.documentId);
  const [m1, m2, m3] = ids(municipal.documentId);
  db.exec(`UPDATE documents SET is_reference = (id = ${reference.documentId});
    INSERT INTO plans (id, region, sources, grouped_by, best_document_id) VALUES (${reference.documentId}, 'Пермский край', 1, 'single', ${reference.documentId});
    UPDATE documents SET plan_id = ${reference.documentId}, source_rank = 1 WHERE id = ${reference.documentId};
    INSERT INTO fragments (document_id, seq, after_seq, reason, section, number, activity, responsible, deadline, result, confidence)
      VALUES (${municipal.documentId}, 1, 3, 'cut_off', '', '4.', 'Обрезанная строка', '', '', '', 0.5);
    INSERT INTO corrections (sha256, seq, field, old_value, new_value) VALUES ('${fakeSha('lysva')}', 2, 'result', 'Результат 2', 'Исправлено');`);
  const link = db.prepare(`INSERT INTO activity_links (activity_id, reference_document_id, reference_activity_id, nearest_activity_id, score, threshold, method, responsible_changed, deadline_changed, linked_at)
    VALUES (?, ?, ?, ?, ?, 0.2, 'tfidf-cosine/v1', ?, ?, '2026-12-07T00:00:00Z')`);
  link.run(m1, reference.documentId, r1, r1, 0.9, 0, 1);
  link.run(m2, reference.documentId, r2, r2, 0.8, 1, 0);
  link.run(m3, reference.documentId, null, r2, 0.1, null, null);
  db.close();
}

type Row = Record<string, unknown>;

/** Every row of every table (the search index's own tables included) and of every view. */
function contents(db: Database): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const name of names) {
    if (name === 'activities_fts') continue; // a virtual table: its rows are those of its shadow tables below
    out[name] = (db.prepare(`SELECT * FROM "${name}"`).all() as Row[]).map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Buffer ? v.toString('hex') : v))).sort();
  }
  return out;
}

/** Everything SQLite knows of the schema, table by table: columns, indexes, references, triggers, views. */
function schema(db: Database) {
  const entries = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as Row[];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const detail = Object.fromEntries(tables.map((t) => [t, {
    columns: db.pragma(`table_xinfo("${t}")`),
    indexes: (db.pragma(`index_list("${t}")`) as Row[]).map((i) => ({ ...i, columns: db.pragma(`index_xinfo("${i.name as string}")`) })),
    references: db.pragma(`foreign_key_list("${t}")`),
  }]));
  return { entries, detail };
}

describe('migration 11 (half-year and trimester recurrences)', () => {
  it('rebuilds activities with the wider CHECK and keeps every row, column, index, reference, trigger and view as it was', () => {
    const file = tmp.file('v10.sqlite');
    versionTenDatabase(file);
    const raw = new BetterSqlite3(file, { readonly: true });
    const before = { contents: contents(raw), schema: schema(raw) };
    raw.close();
    expect(before.contents.activities).toHaveLength(6);
    expect(before.contents.activity_actors!.length).toBeGreaterThan(6);
    expect(before.contents.activity_links).toHaveLength(3);
    expect(before.contents.v_coverage!.length).toBeGreaterThan(0);

    // Migration 11 alone: later steps add tables and columns of their own.
    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    migrateToLatest(db, MIGRATIONS.slice(0, BEFORE + 1));
    expect(schemaVersion(db)).toBe(BEFORE + 1);
    const after = { contents: contents(db), schema: schema(db) };
    expect(after.contents).toEqual(before.contents);
    // The stored definition differs by the IN list alone.
    const sqlOf = (s: typeof before.schema) => s.entries.find((e) => e.type === 'table' && e.name === 'activities')!.sql as string;
    expect(sqlOf(before.schema)).toContain(OLD_CHECK);
    // (A renamed table's name is stored quoted.)
    expect(sqlOf(after.schema)).toBe(sqlOf(before.schema).replace(OLD_CHECK, NEW_CHECK).replace('CREATE TABLE activities (', 'CREATE TABLE "activities" ('));
    const withoutActivitiesSql = (s: typeof before.schema) => ({ ...s, entries: s.entries.filter((e) => !(e.type === 'table' && e.name === 'activities')) });
    expect(withoutActivitiesSql(after.schema)).toEqual(withoutActivitiesSql(before.schema));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('after it the new cadences are stored, a wrong one is refused, and the triggers and cascades work on the new table', () => {
    const file = tmp.file('v10.sqlite');
    versionTenDatabase(file);
    const db = openDatabase(file);
    const search = (q: string) => db.prepare('SELECT rowid FROM activities_fts WHERE activities_fts MATCH ? ORDER BY rowid').pluck().all(q);
    expect(search('мониторинг')).toHaveLength(2);
    const { documentId } = writeDocument(db, {
      sourcePath: 'new.docx', sha256: fakeSha('new'), format: 'docx', pages: 1, reviewBelow: 0.75,
      doc: makeDocument({ sections: [{ title: '', activities: [
        { activity: 'Отчёт о полугодии', deadlineParsed: { kind: 'recurring', recurrence: 'semiannual', years: [], months: [], from: null, to: null } },
        { activity: 'Отчёт о триместре', deadlineParsed: { kind: 'recurring', recurrence: 'trimester', years: [], months: [], from: null, to: null } },
      ] }] }),
    });
    expect(db.prepare('SELECT deadline_recurrence FROM activities WHERE document_id = ? ORDER BY seq').pluck().all(documentId)).toEqual(['semiannual', 'trimester']);
    expect(db.prepare('SELECT deadline_recurrence FROM v_activities WHERE document_id = ? ORDER BY seq').pluck().all(documentId)).toEqual(['semiannual', 'trimester']);
    expect(search('полугодии')).toHaveLength(1); // the insert trigger of migration 7 is back
    expect(() => db.prepare("UPDATE activities SET deadline_recurrence = 'fortnightly' WHERE document_id = ?").run(documentId)).toThrow(/CHECK constraint/);

    // Deleting the reference plan cascades through the rebuilt table to links and actors, and
    // the delete trigger empties its part of the search index.
    const reference = db.prepare('SELECT id FROM documents WHERE is_reference = 1').pluck().get() as number;
    db.prepare('UPDATE documents SET plan_id = NULL WHERE plan_id = ?').run(reference);
    db.prepare('DELETE FROM plans WHERE id = ?').run(reference);
    db.prepare('DELETE FROM documents WHERE id = ?').run(reference);
    expect(db.prepare('SELECT COUNT(*) FROM activity_links').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM activity_actors WHERE activity_id NOT IN (SELECT id FROM activities)').pluck().get()).toBe(0);
    expect(search('мониторинг')).toHaveLength(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('a run that fails after the rebuild leaves the version-10 file as it was, enforcement back on', () => {
    const file = tmp.file('v10.sqlite');
    versionTenDatabase(file);
    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    const before = { contents: contents(db), schema: schema(db) };
    const failing: Migration = { version: LATEST_VERSION + 1, name: 'fails', up: () => { throw new Error('step failed'); } };
    expect(() => migrateToLatest(db, [...MIGRATIONS, failing])).toThrow('step failed');
    expect(schemaVersion(db)).toBe(BEFORE);
    expect({ contents: contents(db), schema: schema(db) }).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('a step run with enforcement off that leaves a reference dangling is rolled back', () => {
    const file = tmp.file('v10.sqlite');
    versionTenDatabase(file);
    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    const activities = db.prepare('SELECT COUNT(*) FROM activities').pluck().get();
    const orphaning: Migration = {
      version: BEFORE + 1, name: 'orphans', foreignKeysOff: true,
      up: (d) => { d.exec('DELETE FROM documents WHERE is_reference = 0'); },
    };
    expect(() => migrateToLatest(db, [...MIGRATIONS.slice(0, BEFORE), orphaning])).toThrow(/migration 11 \(orphans\) broke \d+ foreign key reference/);
    expect(schemaVersion(db)).toBe(BEFORE);
    expect(db.prepare('SELECT COUNT(*) FROM activities').pluck().get()).toBe(activities);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
