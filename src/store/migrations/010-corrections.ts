import type { Migration } from './migration.js';

// Hand corrections that outlive a re-ingest. A row is named by its document's content hash
// and its seq, not by activities.id: ids change whenever a document is written again
// (`ingest --force`, or a file re-ingested after its row was deleted), the content hash and
// the row's place in it do not. The writer applies a document's corrections in the same
// transaction as its rows (src/store/write-document.ts), so a re-ingest never shows the
// uncorrected text, not even for a moment.
//
// One correction per cell: a second correction of the same cell replaces `new_value` and
// keeps `old_value` — the text as the pipeline extracted it, which is what a re-ingest is
// compared with. A correction whose row no longer exists, or whose extracted text is no
// longer `old_value` (a newer pipeline read the cell differently), is kept, not applied,
// and marked stale, so a reviewer decides instead of the correction silently overwriting a
// reading it was never made for.
const CORRECTIONS = `
CREATE TABLE corrections (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  field       TEXT NOT NULL CHECK (field IN ('activity', 'responsible', 'deadline', 'result', 'section', 'number')),
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL,
  -- What the corrected cell implies, derived when the correction was made (actor codes of a
  -- responsible cell, the structured columns of a deadline): applied again as it is, since
  -- the same content gives the normalizers the same document to read it in.
  derived_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(derived_json)),
  -- 'applied', or why it was not at the last write of its document.
  status      TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'stale_row', 'stale_value')),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (sha256, seq, field)
);
`;

// Columns are appended after the old ones, so queries selecting them by position still work.
// corrected_fields: comma list of the cells a correction changed, for exports and the report.
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
  IFNULL(d.plan_id, d.id) AS plan_id, (d.plan_id IS NULL OR d.source_rank = 1) AS best_source,
  (SELECT group_concat(field, ',') FROM
     (SELECT c.field FROM corrections c
      WHERE c.sha256 = d.sha256 AND c.seq = a.seq AND c.status = 'applied' ORDER BY c.field)
  ) AS corrected_fields
FROM activities a
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial');
`;

export const corrections: Migration = {
  version: 10,
  name: 'corrections',
  up(db) {
    db.exec(CORRECTIONS + VIEWS);
  },
};
