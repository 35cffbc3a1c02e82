import type { Migration } from './migration.js';

// Same SQL dialect limits as 001 (SQLite 3.35+; JSON1 as in 001's json_valid checks).
//
// One roadmap arrives as several files (DOCX, PDF, scan, photo); each stays a document, and
// the files of one plan share a `plans` row. The grouping is not done by the document writer:
// whether two files are one plan depends on every other stored file (a photo that knows no
// territory joins the plan whose rows it shows), so it is recomputed over the whole store by
// src/compare/plan-store.ts — at the end of every ingest batch (with the links) and by every
// `roadmaps` command before it reads — and rewritten only when it changed. Until then a new
// document has plan_id NULL and counts as a plan of its own, so the views below are right
// for a database that was never grouped too.
const PLANS = `
CREATE TABLE plans (
  id               INTEGER PRIMARY KEY,
  region           TEXT,
  municipality     TEXT,
  oktmo            TEXT,
  level            TEXT,
  act_number       TEXT,
  act_date         TEXT,
  title            TEXT,
  best_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  sources          INTEGER NOT NULL CHECK (sources >= 1),
  grouped_by       TEXT NOT NULL CHECK (grouped_by IN ('single', 'act', 'rows', 'act,rows')),
  is_reference     INTEGER NOT NULL DEFAULT 0 CHECK (is_reference IN (0, 1))
);
ALTER TABLE documents ADD COLUMN plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL;
-- 1 for the file the plan is read through, 2… for its other files, best first.
ALTER TABLE documents ADD COLUMN source_rank INTEGER CHECK (source_rank IS NULL OR source_rank >= 1);
CREATE INDEX documents_plan ON documents(plan_id);
`;

// A document stands for its plan when it is the plan's best source, or not grouped yet.
const BEST = (d: string) => `(${d}.plan_id IS NULL OR ${d}.source_rank = 1)`;

// Columns are appended after the old ones, so queries selecting them by position still work.
const VIEWS = `
DROP VIEW v_activities;
CREATE VIEW v_activities AS
SELECT
  a.id AS activity_id, a.document_id, d.source_path, d.region, d.municipality, d.level,
  d.issuer, d.act_type, d.act_number, d.act_date, d.title AS document_title, d.is_reference,
  a.seq, a.section, a.number, a.activity, a.responsible, a.deadline, a.result,
  (SELECT group_concat(actor_code, ',') FROM
     (SELECT DISTINCT actor_code FROM activity_actors x WHERE x.activity_id = a.id ORDER BY actor_code)
  ) AS actor_codes,
  a.deadline_kind, a.deadline_from, a.deadline_to, a.deadline_years, a.deadline_months,
  a.deadline_recurrence, a.page, a.confidence, a.needs_review, a.review_reasons,
  d.format AS source_format, a.pages_json, a.bbox_json, d.oktmo,
  IFNULL(d.plan_id, d.id) AS plan_id, ${BEST('d')} AS best_source
FROM activities a
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial');

-- Counts plans, each through its best source: four files of one plan are one plan.
DROP VIEW v_actor_counts;
CREATE VIEW v_actor_counts AS
SELECT
  d.region, d.municipality, d.level, x.actor_code,
  COUNT(DISTINCT x.activity_id) AS activities,
  COUNT(DISTINCT d.id) AS documents,
  COUNT(DISTINCT IFNULL(d.plan_id, d.id)) AS plans
FROM activity_actors x
JOIN activities a ON a.id = x.activity_id
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial') AND ${BEST('d')}
GROUP BY d.region, d.municipality, d.level, x.actor_code;

DROP VIEW v_documents_summary;
CREATE VIEW v_documents_summary AS
SELECT
  d.id AS document_id, d.source_path, d.status, d.error, d.format, d.pages, d.parse_method,
  d.region, d.municipality, d.level, d.issuer, d.act_type, d.act_number, d.act_date,
  d.period_from, d.period_to, d.is_reference,
  d.activity_count, d.review_count,
  (SELECT COUNT(*) FROM sections s WHERE s.document_id = d.id) AS section_count,
  (SELECT COUNT(DISTINCT x.actor_code) FROM activity_actors x
     JOIN activities a ON a.id = x.activity_id WHERE a.document_id = d.id) AS distinct_actors,
  (SELECT COUNT(*) FROM activities a WHERE a.document_id = d.id AND a.deadline_years IS NOT NULL) AS dated_activities,
  json_array_length(d.issues_json) AS issue_count,
  d.ingested_at, d.updated_at,
  d.plan_id, d.source_rank
FROM documents d;

-- One row per plan compared with a reference plan, read through the plan's best source (the
-- linker links only those; the condition also hides links made before the grouping).
DROP VIEW v_coverage;
CREATE VIEW v_coverage AS
WITH compared AS (
  SELECT DISTINCT a.document_id, l.reference_document_id
  FROM activity_links l JOIN activities a ON a.id = l.activity_id
),
ranked AS (
  SELECT a.document_id, l.reference_activity_id, l.activity_id, a.seq, l.score,
         l.responsible_changed, l.deadline_changed,
         COUNT(*) OVER (PARTITION BY a.document_id, l.reference_activity_id) AS linked_activities,
         ROW_NUMBER() OVER (PARTITION BY a.document_id, l.reference_activity_id
                            ORDER BY l.responsible_changed + l.deadline_changed, l.score DESC, a.seq) AS rank
  FROM activity_links l JOIN activities a ON a.id = l.activity_id
  WHERE l.reference_activity_id IS NOT NULL
)
SELECT
  c.document_id, d.source_path, d.region, d.municipality, d.level,
  c.reference_document_id, r.id AS reference_activity_id, r.seq AS reference_seq,
  r.number AS reference_number, r.section AS reference_section, r.activity AS reference_activity,
  CASE
    WHEN k.activity_id IS NULL THEN 'missing'
    WHEN k.responsible_changed = 1 AND k.deadline_changed = 1 THEN 'changed_both'
    WHEN k.responsible_changed = 1 THEN 'changed_responsible'
    WHEN k.deadline_changed = 1 THEN 'changed_deadline'
    ELSE 'present'
  END AS status,
  k.activity_id, k.seq AS activity_seq, k.score,
  IFNULL(k.linked_activities, 0) AS linked_activities,
  IFNULL(d.plan_id, d.id) AS plan_id
FROM compared c
JOIN documents d ON d.id = c.document_id
JOIN activities r ON r.document_id = c.reference_document_id
LEFT JOIN ranked k ON k.document_id = c.document_id AND k.reference_activity_id = r.id AND k.rank = 1
WHERE d.status IN ('ok', 'partial') AND ${BEST('d')};

-- The plans with the file each is read through and its other files (paths, best first).
CREATE VIEW v_plans AS
SELECT
  p.id AS plan_id, p.region, p.municipality, p.oktmo, p.level, p.act_number, p.act_date, p.title,
  p.is_reference, p.sources, p.grouped_by,
  p.best_document_id, b.source_path AS best_source_path, b.format AS best_format, b.activity_count AS activities,
  (SELECT json_group_array(source_path) FROM
     (SELECT o.source_path FROM documents o WHERE o.plan_id = p.id AND o.source_rank > 1 ORDER BY o.source_rank)
  ) AS other_sources_json
FROM plans p LEFT JOIN documents b ON b.id = p.best_document_id;
`;

export const plans: Migration = {
  version: 9,
  name: 'plans',
  up(db) {
    db.exec(PLANS + VIEWS);
  },
};
