import type { Migration } from './migration.js';

// Full-text search over the cells analysts look for words in. SQLite's LIKE folds only ASCII
// case, so «Методическ» never finds «методическое»; FTS5's unicode61 tokenizer folds the case
// of every script. It does not fold «ё» into «е» (a Cyrillic letter, not a Latin diacritic),
// so the indexed text writes «е» for «ё» and `roadmaps search` does the same to the query.
// The index is kept in step by triggers, so every writer — ingest, a hand fix in SQL — keeps
// it current; it stores its own copy of the (folded) text.
const FOLD = (col: string) => `replace(replace(coalesce(${col}, ''), 'ё', 'е'), 'Ё', 'Е')`;
const VALUES = (row: string) => `${row}.id, ${FOLD(`${row}.activity`)}, ${FOLD(`${row}.responsible`)}, ${FOLD(`${row}.result`)}`;

const SQL = `
CREATE VIRTUAL TABLE activities_fts USING fts5(activity, responsible, result, tokenize = 'unicode61');
INSERT INTO activities_fts(rowid, activity, responsible, result) SELECT ${VALUES('a')} FROM activities a;
CREATE TRIGGER activities_fts_insert AFTER INSERT ON activities BEGIN
  INSERT INTO activities_fts(rowid, activity, responsible, result) VALUES (${VALUES('new')});
END;
CREATE TRIGGER activities_fts_delete AFTER DELETE ON activities BEGIN
  DELETE FROM activities_fts WHERE rowid = old.id;
END;
CREATE TRIGGER activities_fts_update AFTER UPDATE OF activity, responsible, result ON activities BEGIN
  DELETE FROM activities_fts WHERE rowid = old.id;
  INSERT INTO activities_fts(rowid, activity, responsible, result) VALUES (${VALUES('new')});
END;
`;

export const search: Migration = {
  version: 7,
  name: 'search',
  up(db) {
    db.exec(SQL);
  },
};
