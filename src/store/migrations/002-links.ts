import type { Migration } from './migration.js';

// Same SQL dialect limits as 001 (SQLite 3.35+). Window functions (3.25) are fine.

const ACTIVITY_LINKS = `
-- One row per activity of a plan compared with a reference plan: its counterpart there, or
-- none. Written only by src/compare/link.ts, which replaces all rows at once.
CREATE TABLE activity_links (
  activity_id           INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  -- The reference plan this activity was compared with (one per document).
  reference_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  -- The counterpart; NULL when no reference activity reached the threshold. A re-ingested
  -- reference gets new activity ids, so its old links go (CASCADE) until the next linking.
  reference_activity_id INTEGER REFERENCES activities(id) ON DELETE CASCADE,
  -- The most similar reference activity by text, even below the threshold (for review).
  nearest_activity_id   INTEGER REFERENCES activities(id) ON DELETE CASCADE,
  score                 REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
  threshold             REAL NOT NULL CHECK (threshold BETWEEN 0 AND 1),
  method                TEXT NOT NULL,
  responsible_changed   INTEGER CHECK (responsible_changed IN (0, 1)),
  deadline_changed      INTEGER CHECK (deadline_changed IN (0, 1)),
  linked_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- The change flags describe a link, so they are set exactly when there is one.
  CHECK ((reference_activity_id IS NULL) = (responsible_changed IS NULL)),
  CHECK ((reference_activity_id IS NULL) = (deadline_changed IS NULL))
);
CREATE INDEX activity_links_reference_activity ON activity_links(reference_activity_id);
CREATE INDEX activity_links_reference_document ON activity_links(reference_document_id);
`;

// Per compared plan × activity of its reference plan. A reference activity several rows of
// the plan link to is shown by the row closest to it: unchanged before changed, then the
// higher score, then the earlier row.
const V_COVERAGE = `
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
  IFNULL(k.linked_activities, 0) AS linked_activities
FROM compared c
JOIN documents d ON d.id = c.document_id
JOIN activities r ON r.document_id = c.reference_document_id
LEFT JOIN ranked k ON k.document_id = c.document_id AND k.reference_activity_id = r.id AND k.rank = 1
WHERE d.status IN ('ok', 'partial');
`;

export const links: Migration = {
  version: 2,
  name: 'links',
  up(db) {
    db.exec(ACTIVITY_LINKS + V_COVERAGE);
  },
};
