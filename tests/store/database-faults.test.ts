import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseFullError, DatabaseTooNewError } from '../../src/store/errors.js';
import { openDatabase } from '../../src/store/open-database.js';
import { writeFailure } from '../../src/store/write-document.js';
import { tempDir } from './helpers/temp-db.js';

const tmp = tempDir('store-faults-');
afterAll(() => tmp.cleanup());

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('database faults', () => {
  it('a full disk is a DatabaseFullError (one clear line, exit 3), not an unexpected error', () => {
    const db = openDatabase(tmp.file('full.sqlite'));
    // SQLite's page cap fails writes with SQLITE_FULL exactly as a full disk does.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const long = 'x'.repeat(64 * 1024);
    expect(() => {
      for (let i = 0; i < 50; i++) writeFailure(db, { sourcePath: `${long}${i}`, sha256: `h${i}`, format: null, pages: null, code: 'corrupt_file', message: long });
    }).toThrow(DatabaseFullError);
    db.close();
  });

  it('a database of a newer schema is refused before anything is written to it', () => {
    const file = tmp.file('newer.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE t(x)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = digest(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(digest(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith('newer'))).toEqual(['newer.sqlite']);
  });
});
