import type { Migration } from './migration.js';

// The municipality's code in the classifier of municipal territories (ОКТМО), where the
// gazetteer knows it: names drift («Верещагинский муниципальный район» → «… городской
// округ»), a code joins plans to other statistics and tells namesakes of two regions apart.
const SQL = `
ALTER TABLE documents ADD COLUMN oktmo TEXT;
CREATE INDEX documents_oktmo ON documents(oktmo);
`;

export const oktmo: Migration = {
  version: 6,
  name: 'oktmo',
  up(db) {
    db.exec(SQL);
  },
};
