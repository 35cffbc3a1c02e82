import type { Migration } from './migration.js';

// Issue #13: `ingest --vocabulary FILE` codes the responsible cells with the user's parties
// as well as the shipped ones, but only the codes were stored, so `roadmaps correct` coded a
// corrected cell with the shipped vocabulary alone — a party the file taught ingest came out
// UNKNOWN in that one cell. Each vocabulary file a document was normalized with is now kept,
// once per content, and the document names it; a correction loads it from there. The text is
// kept whole (not its path: the file may have moved or changed since), as the user wrote it,
// and it is checked again when loaded, against the vocabulary shipped then.
//
// NULL in `documents.vocabulary_sha256` is the shipped vocabulary alone — also for documents
// stored before this step, whose vocabulary was not recorded (ingest them again with --force
// and their --vocabulary to record it).
const VOCABULARIES = `
CREATE TABLE vocabularies (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  content    TEXT NOT NULL CHECK (json_valid(content)),
  stored_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
ALTER TABLE documents ADD COLUMN vocabulary_sha256 TEXT REFERENCES vocabularies (sha256);
`;

export const vocabularies: Migration = {
  version: 12,
  name: 'vocabularies',
  up(db) {
    db.exec(VOCABULARIES);
  },
};
