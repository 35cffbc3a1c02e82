import type { Database } from 'better-sqlite3';
import { CorrectionError } from '../errors.js';
import { parseVocabularyFile, VocabularyFileError } from '../normalize/vocabulary-file.js';
import type { Vocabulary } from '../normalize/vocabulary.js';

/** Parsed vocabularies by content hash: a corrections file may name many rows of one document. */
const parsed = new Map<string, Vocabulary>();

/**
 * The vocabulary a stored document's actors were coded with (migration 012): the user's file
 * given to ingest, merged into the vocabulary shipped now, as ingest merged it; undefined for
 * the shipped vocabulary alone. A stored file that no longer merges (the shipped vocabulary
 * has since defined one of its codes otherwise) is a CorrectionError: coding the cell without
 * it would silently disagree with the rest of the document.
 */
export function storedVocabularyOf(db: Database, documentId: number): Vocabulary | undefined {
  const row = db.prepare<[number], { sha256: string; content: string }>(
    `SELECT v.sha256, v.content FROM documents d JOIN vocabularies v ON v.sha256 = d.vocabulary_sha256 WHERE d.id = ?`).get(documentId);
  if (row === undefined) return undefined;
  let vocabulary = parsed.get(row.sha256);
  if (vocabulary === undefined) {
    try {
      vocabulary = parseVocabularyFile(row.content, `stored with document ${documentId} (sha256 ${row.sha256.slice(0, 12)}…)`);
    } catch (err) {
      if (!(err instanceof VocabularyFileError)) throw err;
      throw new CorrectionError([`${err.message}; ingest the document again with a vocabulary file that loads (ingest --force --vocabulary FILE)`]);
    }
    parsed.set(row.sha256, vocabulary);
  }
  return vocabulary;
}
