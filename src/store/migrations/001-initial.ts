import type { Migration } from './migration.js';

// Kept to SQL that SQLite 3.35+ understands (no STRICT tables, no ORDER BY inside aggregates,
// no ->> operator): analysts open the file with Python's or DB Browser's older SQLite, and a
// view it cannot parse makes the whole schema unreadable for it.

const ISO_DATE = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;

const DOCUMENTS = `
CREATE TABLE documents (
  id             INTEGER PRIMARY KEY,
  source_path    TEXT NOT NULL,
  -- NULL only for a file that could not be read at all.
  sha256         TEXT CHECK (sha256 IS NOT NULL OR status = 'failed'),
  format         TEXT,
  pages          INTEGER CHECK (pages IS NULL OR pages >= 0),
  region         TEXT,
  municipality   TEXT,
  level          TEXT CHECK (level IS NULL OR level IN ('regional', 'municipal', 'school')),
  issuer         TEXT,
  act_type       TEXT,
  act_number     TEXT,
  act_date       TEXT CHECK (act_date IS NULL OR act_date GLOB ${ISO_DATE}),
  title          TEXT,
  period_from    INTEGER,
  period_to      INTEGER,
  status         TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  -- "code: message" for a failed file, NULL otherwise.
  error          TEXT CHECK ((status = 'failed') = (error IS NOT NULL)),
  parse_method   TEXT CHECK (parse_method IS NULL OR parse_method IN ('lattice', 'stream', 'structure', 'text')),
  ingested_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  issues_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(issues_json)),
  preamble_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preamble_json)),
  columns_json   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(columns_json)),
  activity_count INTEGER NOT NULL DEFAULT 0 CHECK (activity_count >= 0),
  review_count   INTEGER NOT NULL DEFAULT 0 CHECK (review_count >= 0),
  is_reference   INTEGER NOT NULL DEFAULT 0 CHECK (is_reference IN (0, 1))
);
-- One row per content, whatever its status: the idempotency key of a re-run.
CREATE UNIQUE INDEX documents_sha256 ON documents(sha256);
-- One failure row per path, so retrying a broken file never piles up rows.
CREATE UNIQUE INDEX documents_failed_path ON documents(source_path) WHERE status = 'failed';
CREATE INDEX documents_region_municipality ON documents(region, municipality);
CREATE INDEX documents_municipality ON documents(municipality);
`;

const DOCUMENT_SOURCES = `
-- Every path a content hash was met at: the same file copied under two names is stored once
-- in documents, and this table still says where all the copies were.
CREATE TABLE document_sources (
  sha256        TEXT NOT NULL,
  source_path   TEXT NOT NULL,
  first_seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_seen_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (sha256, source_path)
) WITHOUT ROWID;
`;

const SECTIONS = `
CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  title       TEXT NOT NULL,
  page        INTEGER,
  UNIQUE (document_id, seq)
);
`;

const ACTIVITIES = `
CREATE TABLE activities (
  id                     INTEGER PRIMARY KEY,
  document_id            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq                    INTEGER NOT NULL CHECK (seq >= 1),
  section_id             INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  section                TEXT NOT NULL DEFAULT '',
  number                 TEXT NOT NULL,
  activity               TEXT NOT NULL,
  responsible            TEXT NOT NULL,
  deadline               TEXT NOT NULL,
  result                 TEXT NOT NULL,
  page                   INTEGER CHECK (page IS NULL OR page >= 1),
  confidence             REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  needs_review           INTEGER NOT NULL CHECK (needs_review IN (0, 1)),
  extra_json             TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra_json)),
  bbox_json              TEXT CHECK (bbox_json IS NULL OR json_valid(bbox_json)),
  pages_json             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pages_json)),
  deadline_kind          TEXT NOT NULL CHECK (deadline_kind IN
                           ('date', 'range', 'recurring', 'continuous', 'as_needed', 'schedule', 'event', 'unknown')),
  deadline_from          TEXT CHECK (deadline_from IS NULL OR deadline_from GLOB ${ISO_DATE}),
  deadline_to            TEXT CHECK (deadline_to IS NULL OR deadline_to GLOB ${ISO_DATE}),
  deadline_years         TEXT,
  deadline_months        TEXT,
  deadline_recurrence    TEXT CHECK (deadline_recurrence IS NULL OR deadline_recurrence IN ('annual', 'quarterly', 'monthly', 'weekly')),
  deadline_year_inferred INTEGER NOT NULL DEFAULT 0 CHECK (deadline_year_inferred IN (0, 1)),
  UNIQUE (document_id, seq)
);
CREATE INDEX activities_section ON activities(section_id);
`;

const ACTIVITY_ACTORS = `
CREATE TABLE activity_actors (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  actor_code  TEXT NOT NULL,
  raw         TEXT NOT NULL,
  PRIMARY KEY (activity_id, actor_code, raw)
) WITHOUT ROWID;
CREATE INDEX activity_actors_code ON activity_actors(actor_code, activity_id);
`;

// Views expose only stored extractions (ok/partial); failed rows have no activities anyway.
const VIEWS = `
CREATE VIEW v_activities AS
SELECT
  a.id AS activity_id, a.document_id, d.source_path, d.region, d.municipality, d.level,
  d.issuer, d.act_type, d.act_number, d.act_date, d.title AS document_title, d.is_reference,
  a.seq, a.section, a.number, a.activity, a.responsible, a.deadline, a.result,
  (SELECT group_concat(actor_code, ',') FROM
     (SELECT DISTINCT actor_code FROM activity_actors x WHERE x.activity_id = a.id ORDER BY actor_code)
  ) AS actor_codes,
  a.deadline_kind, a.deadline_from, a.deadline_to, a.deadline_years, a.deadline_months,
  a.deadline_recurrence, a.page, a.confidence, a.needs_review
FROM activities a
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial');

CREATE VIEW v_actor_counts AS
SELECT
  d.region, d.municipality, d.level, x.actor_code,
  COUNT(DISTINCT x.activity_id) AS activities,
  COUNT(DISTINCT d.id) AS documents
FROM activity_actors x
JOIN activities a ON a.id = x.activity_id
JOIN documents d ON d.id = a.document_id
WHERE d.status IN ('ok', 'partial')
GROUP BY d.region, d.municipality, d.level, x.actor_code;

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
  d.ingested_at, d.updated_at
FROM documents d;

CREATE VIEW v_document_issues AS
SELECT
  d.id AS document_id, d.source_path,
  json_extract(i.value, '$.stage') AS stage,
  json_extract(i.value, '$.severity') AS severity,
  json_extract(i.value, '$.page') AS page,
  json_extract(i.value, '$.message') AS message
FROM documents d, json_each(d.issues_json) i;
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(DOCUMENTS + DOCUMENT_SOURCES + SECTIONS + ACTIVITIES + ACTIVITY_ACTORS + VIEWS);
  },
};
