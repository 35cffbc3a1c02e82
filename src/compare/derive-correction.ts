import type { Database } from 'better-sqlite3';
import type { Level } from '../model/plan.js';
import { collectInlineAbbreviations, extractActors } from '../normalize/actors.js';
import { parseDeadline, yearOfSection } from '../normalize/deadlines.js';
import { deadlineColumns } from '../store/document-to-rows.js';
import type { CellDeriver, DerivedCell } from '../store/index.js';
import { storedVocabularyOf } from './stored-vocabulary.js';

interface DocumentContext {
  level: Level | null;
  period_from: number | null;
  period_to: number | null;
  preamble_json: string;
}

/**
 * What a corrected cell implies, derived the way ingest derives it (the same normalizers, with
 * what the stored document still knows): a responsible cell's actor codes, a deadline's
 * structured columns, a section's year for the deadline under it. The actors are coded with
 * the vocabulary the document was ingested with — the shipped one, with the user's file when
 * `ingest --vocabulary` gave one (stored with the document, migration 012) — and the
 * abbreviations the document defines itself.
 */
export const deriveCorrection: CellDeriver = (db, row, field, value): DerivedCell => {
  switch (field) {
    case 'responsible': {
      const doc = documentOf(db, row.document_id);
      const cells = db.prepare<[number, number], string>('SELECT responsible FROM activities WHERE document_id = ? AND id <> ?').pluck().all(row.document_id, row.id);
      const preamble = JSON.parse(doc.preamble_json) as unknown[];
      const texts = [...preamble.filter((p): p is string => typeof p === 'string'), ...cells, value];
      const vocabulary = storedVocabularyOf(db, row.document_id);
      const withVocabulary = vocabulary === undefined ? {} : { vocabulary };
      const abbreviations = collectInlineAbbreviations(texts, { level: doc.level, ...withVocabulary });
      return { actors: extractActors(value, { abbreviations, level: doc.level, ...withVocabulary }).map((a) => ({ actor_code: a.code, raw: a.raw })) };
    }
    case 'deadline':
      return { deadline: deadlineOf(db, row.document_id, value, row.section) };
    case 'section':
      // "2021 год" as a heading dates the rows under it, so their deadlines are read again.
      return { deadline: deadlineOf(db, row.document_id, row.deadline, value) };
    default:
      return {};
  }
};

function documentOf(db: Database, documentId: number): DocumentContext {
  return db.prepare<[number], DocumentContext>('SELECT level, period_from, period_to, preamble_json FROM documents WHERE id = ?').get(documentId)!;
}

function deadlineOf(db: Database, documentId: number, deadline: string, section: string) {
  const doc = documentOf(db, documentId);
  return deadlineColumns(parseDeadline(deadline, { sectionYear: yearOfSection(section), periodFrom: doc.period_from, periodTo: doc.period_to }));
}
