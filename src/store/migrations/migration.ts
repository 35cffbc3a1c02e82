import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the PRAGMA user_version the database has after `up`; the
 * runner calls `up` inside a transaction, so a step that throws leaves no trace.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
