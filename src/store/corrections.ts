import type { Database } from 'better-sqlite3';
import { CorrectionError } from '../errors.js';
import { cellUpdate, type CellDeriver, type CellUpdate, type CorrectableField, type CorrectedRow, type DerivedCell } from './correction-cells.js';

/*
 * Hand corrections of activity cells (migration 010). Kept by the document's content hash and
 * the row's seq, so they outlive the activity ids a re-ingest renews; written to the row at
 * once, and again by writeDocument whenever the same content is stored again.
 */

/** A row as the user names it: its activity id now, or its file's content hash and its seq. */
export type CorrectionTarget = { activityId: number } | { sha256: string; seq: number };

export interface CorrectionRequest {
  target: CorrectionTarget;
  field: CorrectableField;
  value: string;
  /** Where the request came from ("line 4"), for messages. */
  origin?: string;
}

export interface AppliedCorrection {
  activityId: number;
  documentId: number;
  sha256: string;
  seq: number;
  field: CorrectableField;
  /** The cell as extracted. */
  oldValue: string;
  newValue: string;
  /** True when the value given was the extracted text again: the correction was withdrawn. */
  withdrawn: boolean;
}

export type CorrectionStatus = 'applied' | 'stale_row' | 'stale_value';

export interface StoredCorrection {
  id: number;
  sha256: string;
  seq: number;
  field: CorrectableField;
  oldValue: string;
  newValue: string;
  status: CorrectionStatus;
  createdAt: string;
  updatedAt: string;
  /** The document of that content and the row, when they are stored. */
  documentId: number | null;
  sourcePath: string | null;
  activityId: number | null;
}

interface RowWithCells extends CorrectedRow {
  sha256: string;
  number: string;
  activity: string;
  responsible: string;
  result: string;
}

const ROW_SELECT = `SELECT a.id, a.document_id, a.seq, a.section, a.number, a.activity, a.responsible, a.deadline, a.result,
  a.review_reasons, d.sha256 FROM activities a JOIN documents d ON d.id = a.document_id`;

function rowOf(db: Database, target: CorrectionTarget): RowWithCells | undefined {
  return 'activityId' in target
    ? db.prepare<[number], RowWithCells>(`${ROW_SELECT} WHERE a.id = ?`).get(target.activityId)
    : db.prepare<[string, number], RowWithCells>(`${ROW_SELECT} WHERE d.sha256 = ? AND a.seq = ?`).get(target.sha256, target.seq);
}

const describe = (t: CorrectionTarget): string => ('activityId' in t ? `activity ${t.activityId}` : `row ${t.seq} of ${t.sha256.slice(0, 12)}…`);

/**
 * Applies corrections in one IMMEDIATE transaction: each is recorded and written to its row
 * (FTS index by its triggers, actor codes and deadline columns re-derived). Every request is
 * checked first: when any names no stored row, nothing is applied and the CorrectionError
 * lists them all.
 */
export function correctActivities(db: Database, requests: readonly CorrectionRequest[], derive: CellDeriver): AppliedCorrection[] {
  const run = db.transaction((): AppliedCorrection[] => {
    const rows = requests.map((r) => rowOf(db, r.target));
    const problems = requests.flatMap((r, i) => (rows[i] === undefined ? [`${r.origin ? `${r.origin}: ` : ''}no stored ${describe(r.target)}`] : []));
    if (problems.length > 0) throw new CorrectionError(problems);
    return requests.map((r, i) => correctOne(db, rows[i]!, r.field, r.value, derive));
  });
  return run.immediate();
}

function correctOne(db: Database, target: RowWithCells, field: CorrectableField, value: string, derive: CellDeriver): AppliedCorrection {
  // An earlier request of the same batch may have changed the row: read it again.
  const row = rowOf(db, { activityId: target.id })!;
  const existing = db.prepare<[string, number, string], { old_value: string }>(
    'SELECT old_value FROM corrections WHERE sha256 = ? AND seq = ? AND field = ?').get(row.sha256, row.seq, field);
  const oldValue = existing?.old_value ?? row[field];
  const withdrawn = value === oldValue;
  const derived = derive(db, row, field, value);
  if (withdrawn) {
    db.prepare('DELETE FROM corrections WHERE sha256 = ? AND seq = ? AND field = ?').run(row.sha256, row.seq, field);
  } else {
    db.prepare(`INSERT INTO corrections (sha256, seq, field, old_value, new_value, derived_json) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (sha256, seq, field) DO UPDATE SET new_value = excluded.new_value, derived_json = excluded.derived_json,
        status = 'applied', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`).run(row.sha256, row.seq, field, oldValue, value, JSON.stringify(derived));
  }
  writeCell(db, row, cellUpdate(db, row, field, value, derived));
  return { activityId: row.id, documentId: row.document_id, sha256: row.sha256, seq: row.seq, field, oldValue, newValue: value, withdrawn };
}

function writeCell(db: Database, row: CorrectedRow, update: CellUpdate): void {
  const names = Object.keys(update.columns);
  // Column names come from cellUpdate's fixed set, never from the user.
  db.prepare(`UPDATE activities SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({ ...update.columns, id: row.id });
  if (update.actors !== undefined) {
    db.prepare('DELETE FROM activity_actors WHERE activity_id = ?').run(row.id);
    const insert = db.prepare('INSERT OR IGNORE INTO activity_actors (activity_id, actor_code, raw) VALUES (?, ?, ?)');
    for (const a of update.actors) insert.run(row.id, a.actor_code, a.raw);
  }
  if ('needs_review' in update.columns) {
    db.prepare('UPDATE documents SET review_count = (SELECT COUNT(*) FROM activities WHERE document_id = @id AND needs_review = 1) WHERE id = @id')
      .run({ id: row.document_id });
  }
}

export interface ReappliedCorrections {
  applied: number;
  stale: number;
}

/**
 * Writes the stored corrections of one content to the rows just stored for it; the caller's
 * transaction (writeDocument) holds. A correction applies when its cell still reads as it
 * did when it was made (or already reads the corrected text); otherwise it is kept, left
 * out and marked stale: its row is gone (`stale_row`) or reads otherwise now (`stale_value`).
 */
export function reapplyCorrections(db: Database, sha256: string, documentId: number): ReappliedCorrections {
  const stored = db.prepare<[string], { id: number; seq: number; field: CorrectableField; old_value: string; new_value: string; derived_json: string }>(
    'SELECT id, seq, field, old_value, new_value, derived_json FROM corrections WHERE sha256 = ? ORDER BY seq, id').all(sha256);
  const result = { applied: 0, stale: 0 };
  if (stored.length === 0) return result;
  const setStatus = db.prepare<[CorrectionStatus, number]>('UPDATE corrections SET status = ? WHERE id = ?');
  for (const c of stored) {
    const row = db.prepare<[number, number], RowWithCells>(`${ROW_SELECT} WHERE a.document_id = ? AND a.seq = ?`).get(documentId, c.seq);
    let status: CorrectionStatus = 'applied';
    if (row === undefined) status = 'stale_row';
    else if (row[c.field] === c.old_value) writeCell(db, row, cellUpdate(db, row, c.field, c.new_value, JSON.parse(c.derived_json) as DerivedCell));
    else if (row[c.field] !== c.new_value) status = 'stale_value';
    setStatus.run(status, c.id);
    if (status === 'applied') result.applied += 1;
    else result.stale += 1;
  }
  return result;
}

/** Every stored correction, newest first, with the row it applies to when that is stored. */
export function listCorrections(db: Database, filter: { activityId?: number } = {}): StoredCorrection[] {
  const where = filter.activityId === undefined ? '' : 'WHERE a.id = ?';
  return db.prepare<number[], {
    id: number; sha256: string; seq: number; field: CorrectableField; old_value: string; new_value: string; status: CorrectionStatus;
    created_at: string; updated_at: string; document_id: number | null; source_path: string | null; activity_id: number | null;
  }>(`SELECT c.id, c.sha256, c.seq, c.field, c.old_value, c.new_value, c.status, c.created_at, c.updated_at,
        d.id AS document_id, d.source_path, a.id AS activity_id
      FROM corrections c
      LEFT JOIN documents d ON d.sha256 = c.sha256 AND d.status <> 'failed'
      LEFT JOIN activities a ON a.document_id = d.id AND a.seq = c.seq
      ${where}
      ORDER BY c.updated_at DESC, c.id DESC`).all(...(filter.activityId === undefined ? [] : [filter.activityId]))
    .map((r) => ({
      id: r.id, sha256: r.sha256, seq: r.seq, field: r.field, oldValue: r.old_value, newValue: r.new_value, status: r.status,
      createdAt: r.created_at, updatedAt: r.updated_at, documentId: r.document_id, sourcePath: r.source_path, activityId: r.activity_id,
    }));
}
