import BetterSqlite3 from 'better-sqlite3';
import { DatabaseOutdatedError, DatabaseTooNewError, DatabaseUnopenableError, sqliteCode, toStoreError } from './errors.js';
import { migrateToLatest, schemaVersion } from './migrate.js';
import { LATEST_VERSION } from './migrations/index.js';
import { TUNING } from '../settings.js';

export type Database = BetterSqlite3.Database;

const D = TUNING.store;

export interface OpenDatabaseOptions {
  /** Open an existing database for reading only: no pragmas that write, no migration. */
  readonly?: boolean;
  busyTimeoutMs?: number;
}

/** The busy timeout a connection was opened with, so errors can say how long they waited. */
const busyTimeouts = new WeakMap<Database, number>();

export function busyTimeoutOf(db: Database): number {
  return busyTimeouts.get(db) ?? D.busyTimeoutMs;
}

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas and migrates it to the latest
 * schema. The only place that opens the database. The caller owns the handle and closes it.
 * Throws StoreError subclasses: DatabaseCorruptError for a file that is not SQLite,
 * DatabaseBusyError when another process holds the lock past the timeout,
 * DatabaseTooNewError / DatabaseOutdatedError for schema versions it cannot use.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database {
  const readonly = opts.readonly ?? false;
  const busyTimeoutMs = opts.busyTimeoutMs ?? D.busyTimeoutMs;
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (err) {
    const mapped = toStoreError(err, path, busyTimeoutMs);
    if (mapped !== err) throw mapped;
    throw new DatabaseUnopenableError(path, err instanceof Error ? err.message : String(err), err);
  }
  busyTimeouts.set(db, busyTimeoutMs);
  try {
    configure(db, readonly, busyTimeoutMs);
    if (readonly) {
      const version = schemaVersion(db);
      if (version > LATEST_VERSION) throw new DatabaseTooNewError(path, version, LATEST_VERSION);
      if (version < LATEST_VERSION) throw new DatabaseOutdatedError(path, version, LATEST_VERSION);
    } else {
      migrateToLatest(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, path, busyTimeoutMs);
  }
}

function configure(db: Database, readonly: boolean, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  // SQLite opens lazily: a file that is not a database fails only on the first page read.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  // Refused before anything is written: switching to WAL would already change the file.
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) throw new DatabaseTooNewError(db.name, version, LATEST_VERSION);
  if (!readonly) {
    // WAL lets analysts read while an ingest writes; it is persistent, so readers inherit it.
    const mode = switchToWal(db, busyTimeoutMs);
    // Some network filesystems refuse WAL; concurrent runs would then corrupt each other's view.
    if (mode !== 'wal') throw new DatabaseUnopenableError(db.name, `the file system refused WAL journaling (journal_mode=${String(mode)})`);
  }
  // Per connection, not stored in the file: cascades and references hold only when it is on.
  db.pragma('foreign_keys = ON');
  // Safe in WAL mode (a power cut may lose the last commits, never corrupt the file) and
  // avoids an fsync per document.
  db.pragma('synchronous = NORMAL');
}

/**
 * Two processes opening one fresh file at once both try to switch it to WAL. The switch takes
 * an exclusive lock and SQLite reports BUSY immediately (no busy handler, to avoid a deadlock
 * between two readers upgrading), so the loser retries here until the busy timeout.
 */
function switchToWal(db: Database, busyTimeoutMs: number): unknown {
  if (db.pragma('journal_mode', { simple: true }) === 'wal') return 'wal';
  const deadline = Date.now() + busyTimeoutMs;
  for (let pause: number = D.walRetryFirstMs; ; pause = Math.min(pause * 2, D.walRetryMaxMs)) {
    try {
      return db.pragma('journal_mode = WAL', { simple: true });
    } catch (err) {
      if (!(sqliteCode(err) ?? '').startsWith('SQLITE_BUSY') || Date.now() + pause > deadline) throw err;
      // Opening is synchronous throughout (better-sqlite3), so the pause blocks like the busy handler does.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}
