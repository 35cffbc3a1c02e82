import type { Database } from 'better-sqlite3';
import type { DeadlineFacts } from './changes.js';
import { groupPlans, type PlanGroup } from './plan-identity.js';
import { loadSources } from './plan-store.js';
import { isPartialSource } from './source-rank.js';

/** A stored plan as the linker needs it: the plan's metadata, read through its best source. */
export interface PlanDocument {
  /** The best source's document id: the activities linked are this file's. */
  id: number;
  /** plans.id; the document id when the plan has one file. */
  planId?: number;
  /** Its best source holds only part of the plan (isPartialSource): a reference of last resort. */
  partial?: boolean;
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

/** Every plan, through its best source, oldest first. */
export function loadPlanDocuments(db: Database): PlanDocument[] {
  return planDocuments(groupPlans(loadSources(db)));
}

export function planDocuments(plans: readonly PlanGroup[]): PlanDocument[] {
  return plans.map((p) => {
    const best = p.sources[0]!;
    return {
      id: best.id, planId: p.id, partial: isPartialSource(best), sourcePath: best.sourcePath,
      region: p.region, municipality: p.municipality, level: p.level, title: p.title, actDate: p.actDate, isReference: p.isReference,
    };
  }).sort((a, b) => a.id - b.id);
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
