import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the PRAGMA user_version the database has after `up`; the
 * runner calls `up` inside a transaction, so a step that throws leaves no trace.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * The step rebuilds a table other tables reference (SQLite changes a CHECK constraint no
   * other way): dropping the old table would cascade to its children's rows if foreign keys
   * were enforced, and SQLite ignores `PRAGMA foreign_keys` inside a transaction, so the runner
   * switches enforcement off around it and checks every reference before committing.
   */
  readonly foreignKeysOff?: boolean;
  up(db: Database): void;
}
