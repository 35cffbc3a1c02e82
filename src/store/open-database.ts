import fs from 'node:fs';
import nodePath from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  DatabaseOutdatedError, DatabaseReadOnlyError, DatabaseTooNewError, DatabaseUnopenableError, sqliteCode, toStoreError,
} from './errors.js';
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
 * DatabaseTooNewError / DatabaseOutdatedError for schema versions it cannot use,
 * DatabaseReadOnlyError (before any file is touched) when it may not be written.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database {
  const readonly = opts.readonly ?? false;
  const busyTimeoutMs = opts.busyTimeoutMs ?? D.busyTimeoutMs;
  if (!readonly) refuseUnwritable(path);
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
      probeWrite(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, path, busyTimeoutMs);
  }
}

/**
 * SQLite opens a file it may not write for reading without a word (creating -wal and -shm
 * files beside it to read it), and a folder it may not write fails only at the first write,
 * after the batch has spent minutes on its first file. The kernel is asked first instead:
 * access(2) answers for this process's user, root included (a read-only mount, an immutable
 * file), so the reason is named and no file is created or changed.
 */
function refuseUnwritable(file: string): void {
  if (file === ':memory:' || file === '') return;
  // SQLite follows a symbolic link and keeps the -wal and -shm files beside its target.
  const real = fs.existsSync(file) ? fs.realpathSync(file) : nodePath.resolve(file);
  const dir = nodePath.dirname(real);
  let isDir: boolean;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch (err) {
    const code = errnoCode(err);
    const why = code === 'ENOENT' ? `the folder ${dir} does not exist`
      : code === 'ENOTDIR' ? `a part of the path ${dir} is a file, not a folder`
      : `the folder ${dir} cannot be read (${code ?? String(err)})`;
    throw new DatabaseUnopenableError(file, why, err);
  }
  if (!isDir) throw new DatabaseUnopenableError(file, `${dir} is a file, not a folder`);
  // The -wal and -shm files are written by every transaction; another user's copies block it.
  for (const [f, what] of [[real, 'the file'], [`${real}-wal`, `its journal ${real}-wal`], [`${real}-shm`, `its shared-memory file ${real}-shm`]] as const) {
    if (!fs.existsSync(f)) continue;
    try {
      fs.accessSync(f, fs.constants.W_OK);
    } catch (err) {
      throw new DatabaseReadOnlyError(file, unwritable(err, what), err);
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new DatabaseReadOnlyError(file, unwritable(err, `its folder ${dir}, where SQLite creates the -wal and -shm files of every write`), err);
  }
}

function unwritable(err: unknown, what: string): string {
  const code = errnoCode(err);
  if (code === 'EROFS') return `the file system it is on is mounted read-only (EROFS)`;
  const uid = process.getuid?.();
  if (code === 'EACCES') return `this user${uid === undefined ? '' : ` (uid ${uid})`} may not write ${what} (EACCES)`;
  // Linux answers EPERM for a write to an immutable or append-only file, even to root.
  if (code === 'EPERM') return `writing ${what} is not permitted (EPERM: an immutable or append-only file)`;
  return `${what} cannot be written (${code ?? String(err)})`;
}

function errnoCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * What the kernel allows, SQLite may still refuse (a -shm file it cannot create makes the
 * connection read-only), and it says so only at the first write: one is made here and rolled
 * back, which changes no byte of the file (WAL: an uncommitted page never reaches the log).
 */
function probeWrite(db: Database): void {
  const version = schemaVersion(db);
  db.exec('BEGIN IMMEDIATE');
  try {
    // user_version takes no bound parameters; the value is the integer just read.
    db.pragma(`user_version = ${version}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
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
