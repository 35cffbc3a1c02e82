import type { Migration } from './migration.js';

// A row cut off by the bottom of a one-page file (a photo of one sheet) is not an activity of
// the plan: its text stops mid-cell. It is kept here, in the same shape, so nothing read is
// lost and a reviewer can complete it; `after_seq` places it among the document's activities.
const SQL = `
CREATE TABLE fragments (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  after_seq INTEGER NOT NULL,
  reason TEXT NOT NULL,
  section TEXT NOT NULL DEFAULT '',
  number TEXT NOT NULL DEFAULT '',
  activity TEXT NOT NULL DEFAULT '',
  responsible TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  page INTEGER,
  confidence REAL NOT NULL,
  extra_json TEXT NOT NULL DEFAULT '{}',
  bbox_json TEXT,
  UNIQUE (document_id, seq)
);
ALTER TABLE documents ADD COLUMN fragment_count INTEGER NOT NULL DEFAULT 0;
`;

export const fragments: Migration = {
  version: 4,
  name: 'fragments',
  up(db) {
    db.exec(SQL);
  },
};
