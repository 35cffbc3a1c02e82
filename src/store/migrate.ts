import type { Database } from 'better-sqlite3';
import { DatabaseTooNewError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the pending migrations in one IMMEDIATE transaction and sets PRAGMA user_version.
 * The version is read again inside the transaction, so two processes opening a fresh file
 * at once migrate it once. A database from a newer program throws DatabaseTooNewError
 * rather than being written by code that does not know its schema.
 * @returns the version the database is at afterwards.
 */
export function migrateToLatest(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  assertOrdered(migrations);
  const latest = migrations.length;
  const before = schemaVersion(db);
  if (before > latest) throw new DatabaseTooNewError(db.name, before, latest);
  if (before === latest) return before;
  const apply = db.transaction(() => {
    const current = schemaVersion(db);
    if (current > latest) throw new DatabaseTooNewError(db.name, current, latest);
    for (const m of migrations.slice(current)) {
      m.up(db);
      // user_version takes no bound parameters; the value is a checked integer.
      db.pragma(`user_version = ${m.version}`);
    }
  });
  apply.immediate();
  return schemaVersion(db);
}

/** A gap or a duplicate in the list would silently skip a step on some databases. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version !== i + 1) {
      throw new Error(`migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
    }
  });
}
