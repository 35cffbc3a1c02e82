export { openDatabase, type Database, type OpenDatabaseOptions } from './open-database.js';
export { migrateToLatest, schemaVersion } from './migrate.js';
export { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';
export {
  findStoredDocument, markReference, noteSourcePath, writeDocument, writeFailure,
  type StoredDocument, type WriteDocumentInput, type WriteFailureInput, type WriteFailureResult,
} from './write-document.js';
export { documentStatus } from './document-to-rows.js';
export * from './errors.js';
