/**
 * Failures of the database itself (not of an input file). They stop a batch, so the CLI
 * prints `message` and `hint` and exits; they belong beside IngestError in src/errors.ts.
 */
export type StoreErrorCode =
  | 'database_busy'
  | 'database_corrupt'
  | 'database_unopenable'
  | 'database_too_new'
  | 'database_outdated'
  | 'database_full'
  | 'database_readonly';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class DatabaseBusyError extends StoreError {
  constructor(path: string, waitedMs: number, cause?: unknown) {
    super(
      'database_busy',
      `database is busy: ${path} is locked by another process (waited up to ${waitedMs} ms)`,
      'wait for the other ingest to finish, or raise the busy timeout',
      { cause },
    );
  }
}

export class DatabaseCorruptError extends StoreError {
  constructor(path: string, detail: string, cause?: unknown) {
    super(
      'database_corrupt',
      `not a usable SQLite database: ${path} (${detail})`,
      'point --db at a new file, or restore this one from a backup',
      { cause },
    );
  }
}

export class DatabaseUnopenableError extends StoreError {
  constructor(path: string, detail: string, cause?: unknown) {
    super('database_unopenable', `cannot open database ${path}: ${detail}`, 'check that the folder exists and is writable', { cause });
  }
}

export class DatabaseTooNewError extends StoreError {
  constructor(path: string, found: number, supported: number) {
    super(
      'database_too_new',
      `database ${path} has schema version ${found}, newer than the ${supported} this program knows`,
      'upgrade this program, or use another database file',
    );
  }
}

export class DatabaseOutdatedError extends StoreError {
  constructor(path: string, found: number, latest: number) {
    super(
      'database_outdated',
      `database ${path} has schema version ${found}; version ${latest} is needed and a read-only connection cannot migrate`,
      'open it once for writing (any ingest run) to migrate it',
    );
  }
}

export class DatabaseFullError extends StoreError {
  constructor(path: string, detail: string, cause?: unknown) {
    super(
      'database_full',
      `cannot write to database ${path}: ${detail}; the batch stopped, every document stored before is intact`,
      'free disk space (or point --db at another disk) and run the same command again: stored files are skipped',
      { cause },
    );
  }
}

/**
 * The database (or the folder SQLite keeps its -wal and -shm files in) may not be written:
 * a read-only file system, a file of another user, an immutable file. openDatabase raises it
 * before the first write, so the file is left exactly as it was; raised later (the file system
 * turned read-only mid-batch), what was committed before stays.
 */
export class DatabaseReadOnlyError extends StoreError {
  constructor(path: string, why: string, cause?: unknown) {
    super(
      'database_readonly',
      `database ${path} is read-only: ${why}`,
      'make the file and its folder writable for this user, or point --db at a writable copy of it',
      { cause },
    );
  }
}

/** better-sqlite3 throws SqliteError with an extended result code such as SQLITE_BUSY_SNAPSHOT. */
export function sqliteCode(err: unknown): string | undefined {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SQLITE_')) {
    return err.code;
  }
  return undefined;
}

/**
 * Turns SQLite's lock and corruption errors into StoreErrors; anything else (a CHECK failure
 * is a bug upstream) is returned unchanged so it keeps its stack.
 */
export function toStoreError(err: unknown, path: string, busyTimeoutMs: number): unknown {
  if (err instanceof StoreError) return err;
  const code = sqliteCode(err);
  if (code === undefined) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new DatabaseBusyError(path, busyTimeoutMs, err);
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) return new DatabaseCorruptError(path, detail, err);
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) return new DatabaseFullError(path, detail, err);
  // SQLite opens a file it may not write read-only without a word, and says so at the first write.
  if (code.startsWith('SQLITE_READONLY')) return new DatabaseReadOnlyError(path, `SQLite could open it for reading only (${detail})`, err);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new DatabaseUnopenableError(path, detail, err);
  }
  return err;
}
