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
      const brokenBefore = m.foreignKeysOff ? brokenReferences(db) : 0;
      m.up(db);
      if (m.foreignKeysOff) assertReferencesHold(db, m, brokenBefore);
      // user_version takes no bound parameters; the value is a checked integer.
      db.pragma(`user_version = ${m.version}`);
    }
  });
  // Decided from the version read before the lock: another process migrating meanwhile only
  // leaves fewer steps to run, never one that needs enforcement off and finds it on.
  const enforcementOff = migrations.slice(before).some((m) => m.foreignKeysOff) && db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforcementOff) db.pragma('foreign_keys = OFF');
  try {
    apply.immediate();
  } finally {
    if (enforcementOff) db.pragma('foreign_keys = ON');
  }
  return schemaVersion(db);
}

function brokenReferences(db: Database): number {
  return (db.pragma('foreign_key_check') as unknown[]).length;
}

/**
 * Step 10 of SQLite's table-rebuild procedure: a reference the step broke rolls the run back.
 * Counted against the references broken before it, so a file written once without enforcement
 * (by another tool) is not refused an upgrade for what it already held.
 */
function assertReferencesHold(db: Database, m: Migration, brokenBefore: number): void {
  const broken = brokenReferences(db);
  if (broken > brokenBefore) {
    throw new Error(`migration ${m.version} (${m.name}) broke ${broken - brokenBefore} foreign key reference(s)`);
  }
}

/** A gap or a duplicate in the list would silently skip a step on some databases. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version !== i + 1) {
      throw new Error(`migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
    }
  });
}
