import type { Database } from 'better-sqlite3';
import { documentToRows, type DocumentRows, type DocumentRowsInput } from './document-to-rows.js';
import { reapplyCorrections, type ReappliedCorrections } from './corrections.js';
import { toStoreError } from './errors.js';
import { busyTimeoutOf } from './open-database.js';
import type { DocumentStatus, StoredDocumentRow } from './rows.js';
import { statementsFor } from './statements.js';
import { noteVocabulary } from './vocabularies.js';

export type WriteDocumentInput = DocumentRowsInput;

export interface WriteFailureInput {
  sourcePath: string;
  /** NULL when the file could not even be read; the failure is then keyed on its path. */
  sha256: string | null;
  format: string | null;
  pages: number | null;
  code: string;
  message: string;
}

export interface WriteFailureResult {
  documentId: number;
  /** True when a stored extraction of the same content exists and was left as it was. */
  keptStored: boolean;
}

export interface StoredDocument {
  id: number;
  status: DocumentStatus;
  sourcePath: string;
}

/**
 * Stores one document in one IMMEDIATE transaction (waiting for other writers up to the busy
 * timeout): replaces any row of the same content (its activities, sections and actors go with
 * it; id, first ingest time and reference flag are kept), clears failures recorded for the
 * same path, then inserts the document and its activities with seq 1..n in document order
 * (rows cut off by the end of a one-page file go to `fragments` instead), and applies the
 * hand corrections stored for that content (store/corrections.ts).
 * Either all of it is stored or none of it. Status rule: see documentStatus().
 */
export function writeDocument(db: Database, input: WriteDocumentInput): { documentId: number; activities: number; review: number; fragments: number; missingRows: number; corrections: ReappliedCorrections } {
  const rows = documentToRows(input); // outside the transaction: the lock is held only for I/O
  return guarded(db, () => transactionsFor(db).writeDocument.immediate(input.sha256, rows));
}

/**
 * Records a failed file as status 'failed' with error "code: message" on one line.
 * One failure row per content hash (or per path when the hash is unknown), replaced on each
 * retry. A failure never overwrites a stored extraction of the same content: that row is
 * kept and `keptStored` is true. Documents of other content are never touched.
 */
export function writeFailure(db: Database, input: WriteFailureInput): WriteFailureResult {
  return guarded(db, () => transactionsFor(db).writeFailure.immediate(input));
}

/** The row stored for this content, if any. Skip re-processing when status is not 'failed'. */
export function findStoredDocument(db: Database, sha256: string): StoredDocument | undefined {
  const row = guarded(db, () => statementsFor(db).selectByHash.get(sha256));
  return row === undefined ? undefined : { id: row.id, status: row.status, sourcePath: row.source_path };
}

/** Notes that this content was also met at this path (call it when a re-run is skipped). */
export function noteSourcePath(db: Database, sha256: string, sourcePath: string): void {
  guarded(db, () => statementsFor(db).noteSource.run({ sha256, source_path: sourcePath }));
}

/**
 * Marks a document as the reference plan the others are compared with. Regional plans are
 * references by default; the flag survives re-ingesting the same content.
 */
export function markReference(db: Database, documentId: number, isReference: boolean): void {
  guarded(db, () => statementsFor(db).setReference.run({ id: documentId, is_reference: isReference ? 1 : 0 }));
}

function guarded<T>(db: Database, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err, db.name, busyTimeoutOf(db));
  }
}

interface Transactions {
  writeDocument: ReturnType<typeof makeWriteDocument>;
  writeFailure: ReturnType<typeof makeWriteFailure>;
}

const transactions = new WeakMap<Database, Transactions>();

function transactionsFor(db: Database): Transactions {
  let t = transactions.get(db);
  if (t === undefined) {
    t = { writeDocument: makeWriteDocument(db), writeFailure: makeWriteFailure(db) };
    transactions.set(db, t);
  }
  return t;
}

function makeWriteDocument(db: Database) {
  const s = statementsFor(db);
  return db.transaction((sha256: string, rows: DocumentRows) => {
    const previous: StoredDocumentRow | undefined = s.selectByHash.get(sha256);
    s.deleteByHash.run(sha256);
    s.deleteFailedByPath.run(rows.document.source_path);
    const stored = previous !== undefined && previous.status !== 'failed' ? previous : undefined;
    const documentId = Number(s.insertDocument.run({
      ...rows.document,
      id: previous?.id ?? null,
      ingested_at: previous?.ingested_at ?? null,
      is_reference: stored !== undefined ? stored.is_reference : rows.document.level === 'regional' ? 1 : 0,
    }).lastInsertRowid);

    const sectionIds = rows.sections.map((sec) =>
      Number(s.insertSection.run({ document_id: documentId, ...sec }).lastInsertRowid));
    const activityIds = rows.activities.map((a, i) => {
      const sectionIndex = rows.activitySections[i];
      const sectionId = sectionIndex === null || sectionIndex === undefined ? null : sectionIds[sectionIndex] ?? null;
      return Number(s.insertActivity.run({ document_id: documentId, section_id: sectionId, ...a }).lastInsertRowid);
    });
    for (const actor of rows.actors) {
      const activityId = activityIds[actor.activityIndex];
      if (activityId !== undefined) s.insertActor.run({ activity_id: activityId, actor_code: actor.actor_code, raw: actor.raw });
    }
    for (const f of rows.fragments) s.insertFragment.run({ document_id: documentId, ...f });
    if (rows.vocabulary !== null) noteVocabulary(db, documentId, rows.vocabulary);
    s.noteSource.run({ sha256, source_path: rows.document.source_path });
    // Hand corrections of this content (migration 010), in this transaction: no reader ever
    // sees the re-extracted text without them.
    const corrections = reapplyCorrections(db, sha256, documentId);
    const review = corrections.applied > 0 ? reviewCount(db, documentId) : rows.document.review_count;
    return { documentId, activities: activityIds.length, review, fragments: rows.fragments.length, missingRows: rows.document.missing_rows, corrections };
  });
}

function makeWriteFailure(db: Database) {
  const s = statementsFor(db);
  return db.transaction((input: WriteFailureInput): WriteFailureResult => {
    const previous = input.sha256 === null ? undefined : s.selectByHash.get(input.sha256);
    if (input.sha256 !== null) s.noteSource.run({ sha256: input.sha256, source_path: input.sourcePath });
    if (previous !== undefined && previous.status !== 'failed') return { documentId: previous.id, keptStored: true };
    s.deleteFailedByHashOrPath.run({ sha256: input.sha256, source_path: input.sourcePath });
    const documentId = Number(s.insertDocument.run({
      id: previous?.id ?? null,
      source_path: input.sourcePath,
      sha256: input.sha256,
      format: input.format,
      pages: input.pages,
      region: null, municipality: null, oktmo: null, level: null, issuer: null, act_type: null, act_number: null,
      act_date: null, title: null, period_from: null, period_to: null,
      status: 'failed',
      error: oneLine(`${input.code}: ${input.message}`),
      parse_method: null,
      ingested_at: previous?.ingested_at ?? null,
      issues_json: '[]', preamble_json: '[]', columns_json: '[]',
      activity_count: 0, review_count: 0, fragment_count: 0, missing_rows: 0, is_reference: 0,
    }).lastInsertRowid);
    return { documentId, keptStored: false };
  });
}

const reviewCount = (db: Database, documentId: number): number =>
  db.prepare<[number], number>('SELECT review_count FROM documents WHERE id = ?').pluck().get(documentId) ?? 0;

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
