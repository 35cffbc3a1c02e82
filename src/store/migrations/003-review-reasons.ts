import type { Migration } from './migration.js';

// Why a row is flagged: a comma list so `',' || review_reasons || ',' LIKE '%,may_continue,%'`
// works in any SQLite client. v_activities is recreated to carry it (views cannot be altered).
const SQL = `
ALTER TABLE activities ADD COLUMN review_reasons TEXT;
-- Rows flagged before this step were flagged for one of the two reasons then known.
UPDATE activities
SET review_reasons = CASE WHEN trim(activity) = '' THEN 'empty_activity' ELSE 'low_confidence' END
WHERE needs_review = 1;

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
  a.deadline_recurrence, a.page, a.confidence, a.needs_review, a.review_reasons
FROM activities a
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial');
`;

export const reviewReasons: Migration = {
  version: 3,
  name: 'review-reasons',
  up(db) {
    db.exec(SQL);
  },
};
