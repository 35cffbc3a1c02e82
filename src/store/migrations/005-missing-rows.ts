import type { Migration } from './migration.js';

// How many rows of the source a stored plan may lack (numbered text after the table's end,
// skips in its numbering): an estimate, 0 when there is no sign of any, so analysts can leave
// such plans out of counts or send them back for a look.
const SQL = `
ALTER TABLE documents ADD COLUMN missing_rows INTEGER NOT NULL DEFAULT 0;
`;

export const missingRows: Migration = {
  version: 5,
  name: 'missing-rows',
  up(db) {
    db.exec(SQL);
  },
};
