import type { Database } from 'better-sqlite3';
import type { DeadlineColumns } from './document-to-rows.js';

/** The cells a hand correction may change: the ones a reader sees in the plan table. */
export const CORRECTABLE_FIELDS = ['activity', 'responsible', 'deadline', 'result', 'section', 'number'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export const isCorrectableField = (s: string): s is CorrectableField => (CORRECTABLE_FIELDS as readonly string[]).includes(s);

/** What a correction needs to know of the row it changes. */
export interface CorrectedRow {
  id: number;
  document_id: number;
  seq: number;
  section: string;
  deadline: string;
  review_reasons: string | null;
}

/** Column values to write, and the row's actors when they are to be replaced. */
export interface CellUpdate {
  columns: Record<string, string | number | null>;
  actors?: { actor_code: string; raw: string }[];
}

/**
 * What a corrected cell implies beyond its text, derived where the normalizers are known (the
 * `roadmaps` commands): the responsible cell's actor codes, the deadline's structured columns
 * (a section's too: "2021 год" as a heading dates the rows under it). The store keeps and
 * applies it; it does not read cells itself.
 */
export interface DerivedCell {
  actors?: { actor_code: string; raw: string }[];
  deadline?: DeadlineColumns;
}

/** Derives what a corrected cell implies, from the row and its stored document. */
export type CellDeriver = (db: Database, row: CorrectedRow, field: CorrectableField, value: string) => DerivedCell;

/** The columns a corrected cell changes: its text, what was derived from it, and the review flags. */
export function cellUpdate(db: Database, row: CorrectedRow, field: CorrectableField, value: string, derived: DerivedCell): CellUpdate {
  switch (field) {
    case 'activity':
      return { columns: { activity: value, ...reviewAfter(row, value) } };
    case 'result':
    case 'number':
      return { columns: { [field]: value } };
    case 'responsible':
      return { columns: { responsible: value }, actors: derived.actors ?? [] };
    case 'deadline':
      return { columns: { deadline: value, ...(derived.deadline ?? {}) } };
    case 'section':
      return { columns: { section: value, section_id: sectionIdOf(db, row.document_id, value), ...(derived.deadline ?? {}) } };
  }
}

/** The stored heading of that title, so the row moves under it; none when the title is new. */
function sectionIdOf(db: Database, documentId: number, title: string): number | null {
  const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const wanted = squash(title);
  if (wanted === '') return null;
  const rows = db.prepare<[number], { id: number; title: string }>('SELECT id, title FROM sections WHERE document_id = ? ORDER BY seq').all(documentId);
  return rows.find((r) => squash(r.title) === wanted)?.id ?? null;
}

/**
 * An activity cell filled by hand is no longer a sign of a mis-split row; the other reasons
 * (low OCR confidence, rows missing nearby) still hold for the row's other cells.
 */
function reviewAfter(row: CorrectedRow, activity: string): { review_reasons: string | null; needs_review: 0 | 1 } {
  const reasons = (row.review_reasons ?? '').split(',').filter((r) => r !== '' && r !== 'empty_activity');
  if (activity.trim() === '') reasons.push('empty_activity');
  return { review_reasons: reasons.length > 0 ? reasons.join(',') : null, needs_review: reasons.length > 0 ? 1 : 0 };
}
