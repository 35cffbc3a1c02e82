import type { Database, Statement } from 'better-sqlite3';

/*
 * The user's vocabulary file a document's actors were coded with (migration 012), kept once
 * per content and named by the document, so `roadmaps correct` codes a cell as ingest did.
 * Its statements are prepared on first use, not with the writer's others: a document coded
 * with the shipped vocabulary alone never touches the table.
 */

interface VocabularyStatements {
  insert: Statement<[{ sha256: string; content: string }]>;
  name: Statement<[{ id: number; sha256: string }]>;
}

const cache = new WeakMap<Database, VocabularyStatements>();

/** Stores the vocabulary (once per content) and names it on the document just written; the caller's transaction holds. */
export function noteVocabulary(db: Database, documentId: number, vocabulary: { sha256: string; content: string }): void {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      insert: db.prepare('INSERT INTO vocabularies (sha256, content) VALUES (@sha256, @content) ON CONFLICT (sha256) DO NOTHING'),
      name: db.prepare('UPDATE documents SET vocabulary_sha256 = @sha256 WHERE id = @id'),
    };
    cache.set(db, s);
  }
  s.insert.run(vocabulary);
  s.name.run({ id: documentId, sha256: vocabulary.sha256 });
}
