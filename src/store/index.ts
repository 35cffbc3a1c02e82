export { openDatabase, type Database, type OpenDatabaseOptions } from './open-database.js';
export { migrateToLatest, schemaVersion } from './migrate.js';
export { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';
export {
  findStoredDocument, markReference, noteSourcePath, writeDocument, writeFailure,
  type StoredDocument, type WriteDocumentInput, type WriteFailureInput, type WriteFailureResult,
} from './write-document.js';
export { documentStatus } from './document-to-rows.js';
export * from './errors.js';
export {
  correctActivities, listCorrections, reapplyCorrections,
  type AppliedCorrection, type CorrectionRequest, type CorrectionStatus, type CorrectionTarget, type ReappliedCorrections, type StoredCorrection,
} from './corrections.js';
export { CORRECTABLE_FIELDS, isCorrectableField, type CellDeriver, type CorrectableField, type CorrectedRow, type DerivedCell } from './correction-cells.js';
