import type { Database } from 'better-sqlite3';
import type { BBox } from '../model/geometry.js';
import { listCorrections, type StoredCorrection } from '../store/corrections.js';
import { listPlans, type PlanListing } from './plans.js';

/** One activity row with everything that says where it comes from. */
export interface RowProvenance {
  activityId: number;
  documentId: number;
  seq: number;
  section: string;
  number: string;
  activity: string;
  responsible: string;
  actorCodes: string[];
  deadline: string;
  deadlineKind: string;
  deadlineFrom: string | null;
  deadlineTo: string | null;
  deadlineYears: string | null;
  deadlineMonths: string | null;
  deadlineRecurrence: string | null;
  result: string;
  page: number | null;
  pages: number[];
  bbox: BBox | null;
  confidence: number;
  reviewReasons: string[];
  document: { id: number; sourcePath: string; sha256: string; format: string | null; pages: number | null; status: string };
  /** The plan the document is a file of (with the plan's files, best first); undefined before any grouping. */
  plan: PlanListing | undefined;
  corrections: StoredCorrection[];
}

interface Row {
  activity_id: number; document_id: number; seq: number; section: string; number: string; activity: string; responsible: string;
  actor_codes: string | null; deadline: string; deadline_kind: string; deadline_from: string | null; deadline_to: string | null;
  deadline_years: string | null; deadline_months: string | null; deadline_recurrence: string | null; result: string;
  page: number | null; pages_json: string; bbox_json: string | null; confidence: number; review_reasons: string | null;
  source_path: string; sha256: string; format: string | null; doc_pages: number | null; status: string;
}

export function rowProvenance(db: Database, activityId: number): RowProvenance | undefined {
  const r = db.prepare<[number], Row>(`
    SELECT v.activity_id, v.document_id, v.seq, v.section, v.number, v.activity, v.responsible, v.actor_codes,
           v.deadline, v.deadline_kind, v.deadline_from, v.deadline_to, v.deadline_years, v.deadline_months,
           v.deadline_recurrence, v.result, v.page, v.pages_json, v.bbox_json, v.confidence, v.review_reasons,
           d.source_path, d.sha256, d.format, d.pages AS doc_pages, d.status
    FROM v_activities v JOIN documents d ON d.id = v.document_id WHERE v.activity_id = ?`).get(activityId);
  if (r === undefined) return undefined;
  const planId = db.prepare<[number], number>('SELECT IFNULL(plan_id, id) FROM documents WHERE id = ?').pluck().get(r.document_id);
  return {
    activityId: r.activity_id, documentId: r.document_id, seq: r.seq, section: r.section, number: r.number,
    activity: r.activity, responsible: r.responsible, actorCodes: r.actor_codes ? r.actor_codes.split(',') : [],
    deadline: r.deadline, deadlineKind: r.deadline_kind, deadlineFrom: r.deadline_from, deadlineTo: r.deadline_to,
    deadlineYears: r.deadline_years, deadlineMonths: r.deadline_months, deadlineRecurrence: r.deadline_recurrence,
    result: r.result, page: r.page, pages: JSON.parse(r.pages_json) as number[],
    bbox: r.bbox_json === null ? null : (JSON.parse(r.bbox_json) as BBox),
    confidence: r.confidence, reviewReasons: r.review_reasons ? r.review_reasons.split(',') : [],
    document: { id: r.document_id, sourcePath: r.source_path, sha256: r.sha256, format: r.format, pages: r.doc_pages, status: r.status },
    plan: listPlans(db).find((p) => p.id === planId),
    corrections: listCorrections(db, { activityId }),
  };
}
