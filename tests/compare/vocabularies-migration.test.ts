import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import { openDatabase, writeDocument } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir('vocabularies-migration-'); });
afterEach(() => tmp.cleanup());

const VOCABULARY = JSON.stringify({ codes: { КУРАТОР: 'куратор проекта' }, entries: [{ code: 'КУРАТОР', phrases: ['куратор проекта'] }] });

describe('migration 12 (vocabularies)', () => {
  it('upgrades a version-11 database in place: its documents read as coded with the shipped vocabulary', () => {
    const file = tmp.file('v11.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = ON');
    migrateToLatest(raw, MIGRATIONS.slice(0, 11));
    expect(schemaVersion(raw)).toBe(11);
    raw.exec(`INSERT INTO documents (id, source_path, sha256, format, status, level) VALUES (1, 'r.docx', '${fakeSha('r')}', 'docx', 'ok', 'regional');
      INSERT INTO activities (document_id, seq, number, activity, responsible, deadline, result, confidence, needs_review, deadline_kind)
      VALUES (1, 1, '1', 'Первое', 'ИРО', '', '', 1, 0, 'unknown')`);
    raw.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT id, vocabulary_sha256 FROM documents').all()).toEqual([{ id: 1, vocabulary_sha256: null }]);
    expect(db.prepare('SELECT COUNT(*) FROM vocabularies').pluck().get()).toBe(0);
    // A document names only a vocabulary that is stored, and a stored one is JSON.
    expect(() => db.prepare("UPDATE documents SET vocabulary_sha256 = ? WHERE id = 1").run(fakeSha('none'))).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO vocabularies (sha256, content) VALUES (?, ?)').run(fakeSha('v'), '{ not json')).toThrow(/CHECK/);
    db.close();
  });

  it('stores the vocabulary a document was normalized with once, whatever the number of its documents', () => {
    const db = openDatabase(tmp.file('v.sqlite'));
    const vocabularyFile = { sha256: fakeSha(VOCABULARY), content: VOCABULARY };
    const write = (label: string, withVocabulary: boolean) => writeDocument(db, {
      sourcePath: `${label}.docx`, sha256: fakeSha(label), format: 'docx', pages: 1, reviewBelow: 0.75,
      doc: { ...makeDocument({ sections: [{ title: '', activities: [{}] }] }), ...(withVocabulary ? { vocabularyFile } : {}) },
    }).documentId;
    const a = write('a', true);
    const b = write('b', true);
    const plain = write('plain', false);
    write('a', true); // the same content again (ingest --force)
    expect(db.prepare('SELECT sha256, content FROM vocabularies').all()).toEqual([{ sha256: vocabularyFile.sha256, content: VOCABULARY }]);
    const named = db.prepare('SELECT id, vocabulary_sha256 AS v FROM documents ORDER BY id').all();
    expect(named).toEqual([{ id: a, v: vocabularyFile.sha256 }, { id: b, v: vocabularyFile.sha256 }, { id: plain, v: null }]);
    db.close();
  });
});
