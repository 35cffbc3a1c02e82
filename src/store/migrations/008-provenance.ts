import type { Migration } from './migration.js';

// Where each row comes from, in the view analysts query and export: the file and its format,
// the pages the row spans and its box on the first one (PDF points, top-left origin), so any
// figure can be checked against the paper; and the territory's ОКТМО code (migration 006).
// Columns are appended after the old ones, so queries selecting them by position still work.
const SQL = `
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
  d.format AS source_format, a.pages_json, a.bbox_json, d.oktmo
FROM activities a
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial');
`;

export const provenance: Migration = {
  version: 8,
  name: 'provenance',
  up(db) {
    db.exec(SQL);
  },
};
