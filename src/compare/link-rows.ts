import type { Database } from 'better-sqlite3';
import type { DeadlineFacts } from './changes.js';

/** A stored plan as the linker needs it. */
export interface PlanDocument {
  id: number;
  sourcePath: string;
  region: string | null;
  municipality: string | null;
  level: string | null;
  title: string | null;
  actDate: string | null;
  isReference: boolean;
}

/** A stored activity as the linker needs it. */
export interface PlanActivity {
  id: number;
  documentId: number;
  seq: number;
  number: string;
  activity: string;
  result: string;
  actors: string[];
  deadline: DeadlineFacts;
}

/** Stored extractions (ok or partial), oldest first. */
export function loadPlanDocuments(db: Database): PlanDocument[] {
  return db.prepare<[], { id: number; source_path: string; region: string | null; municipality: string | null; level: string | null; title: string | null; act_date: string | null; is_reference: number }>(
    `SELECT id, source_path, region, municipality, level, title, act_date, is_reference
     FROM documents WHERE status IN ('ok', 'partial') ORDER BY id`,
  ).all().map((r) => ({
    id: r.id, sourcePath: r.source_path, region: r.region, municipality: r.municipality, level: r.level,
    title: r.title, actDate: r.act_date, isReference: r.is_reference === 1,
  }));
}

interface ActivityRecord {
  id: number; document_id: number; seq: number; number: string; activity: string; result: string;
  actor_codes: string | null; deadline_kind: string; deadline_years: string | null; deadline_months: string | null;
  deadline_recurrence: string | null; deadline_year_inferred: number;
}

/** Every activity of the stored extractions, in document and row order. */
export function loadPlanActivities(db: Database): PlanActivity[] {
  return db.prepare<[], ActivityRecord>(
    `SELECT a.id, a.document_id, a.seq, a.number, a.activity, a.result,
            (SELECT group_concat(DISTINCT x.actor_code) FROM activity_actors x WHERE x.activity_id = a.id) AS actor_codes,
            a.deadline_kind, a.deadline_years, a.deadline_months, a.deadline_recurrence, a.deadline_year_inferred
     FROM activities a JOIN documents d ON d.id = a.document_id
     WHERE d.status IN ('ok', 'partial')
     ORDER BY a.document_id, a.seq`,
  ).all().map((r) => ({
    id: r.id, documentId: r.document_id, seq: r.seq, number: r.number, activity: r.activity, result: r.result,
    actors: r.actor_codes === null ? [] : r.actor_codes.split(',').sort(),
    deadline: {
      kind: r.deadline_kind,
      years: numbers(r.deadline_years),
      months: numbers(r.deadline_months),
      recurrence: r.deadline_recurrence,
      yearInferred: r.deadline_year_inferred === 1,
    },
  }));
}

const numbers = (list: string | null): number[] => (list === null || list === '' ? [] : list.split(',').map(Number));
