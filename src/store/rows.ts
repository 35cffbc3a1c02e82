/**
 * Row shapes of the tables, as bound to and read from SQLite (snake_case, 0/1 booleans,
 * JSON as text). Schema documentation: SCHEMA.md.
 */

export type DocumentStatus = 'ok' | 'partial' | 'failed';

export interface DocumentInsert {
  /** Reused when a document is replaced, so ids stay stable across forced re-runs. */
  id: number | null;
  source_path: string;
  sha256: string | null;
  format: string | null;
  pages: number | null;
  region: string | null;
  municipality: string | null;
  /** ОКТМО code of the municipality (migration 006). */
  oktmo: string | null;
  level: string | null;
  issuer: string | null;
  act_type: string | null;
  act_number: string | null;
  act_date: string | null;
  title: string | null;
  period_from: number | null;
  period_to: number | null;
  status: DocumentStatus;
  error: string | null;
  parse_method: string | null;
  /** NULL means now; kept from the replaced row so it records the first ingest. */
  ingested_at: string | null;
  issues_json: string;
  preamble_json: string;
  columns_json: string;
  activity_count: number;
  review_count: number;
  /** Rows kept apart in `fragments` (migration 004). */
  fragment_count: number;
  /** Estimated rows of the source the plan may lack; 0 when no sign of any (migration 005). */
  missing_rows: number;
  is_reference: 0 | 1;
}

export interface SectionInsert {
  document_id: number;
  seq: number;
  title: string;
  page: number | null;
}

export interface ActivityInsert {
  document_id: number;
  seq: number;
  section_id: number | null;
  section: string;
  number: string;
  activity: string;
  responsible: string;
  deadline: string;
  result: string;
  page: number | null;
  confidence: number;
  needs_review: 0 | 1;
  /** Comma list of low_confidence, empty_activity, may_continue, rows_missing; null when not flagged. */
  review_reasons: string | null;
  extra_json: string;
  bbox_json: string | null;
  pages_json: string;
  deadline_kind: string;
  deadline_from: string | null;
  deadline_to: string | null;
  deadline_years: string | null;
  deadline_months: string | null;
  deadline_recurrence: string | null;
  deadline_year_inferred: 0 | 1;
}

/** Cells and provenance of a plan-table row, as activities and fragments store them. */
export type RowCells = Pick<ActivityInsert,
  'section' | 'number' | 'activity' | 'responsible' | 'deadline' | 'result' | 'page' | 'confidence' | 'extra_json' | 'bbox_json'>;

/** A row cut off by the bottom of a one-page file: kept, but not an activity. */
export interface FragmentInsert extends RowCells {
  document_id: number;
  /** 1-based among the document's fragments. */
  seq: number;
  /** `activities.seq` of the activity it follows (0 when it comes first). */
  after_seq: number;
  /** Why it is not an activity: `cut_off`. */
  reason: string;
}

export interface ActorInsert {
  activity_id: number;
  actor_code: string;
  raw: string;
}

export interface StoredDocumentRow {
  id: number;
  status: DocumentStatus;
  source_path: string;
  is_reference: 0 | 1;
  ingested_at: string;
}
