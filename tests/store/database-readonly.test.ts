import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseReadOnlyError, DatabaseUnopenableError } from '../../src/store/errors.js';
import { openDatabase } from '../../src/store/open-database.js';
import { ingestBin, roadmapsBin } from '../helpers/bin.js';
import { runIngest } from '../helpers/cli.js';
import { CORPUS_DOCS } from '../helpers/corpus.js';
import { tempDir } from './helpers/temp-db.js';

const tmp = tempDir('store-readonly-');
fs.chmodSync(tmp.dir, 0o755); // mkdtemp's 0700 would keep the other user out of every case
afterAll(() => {
  // A test may fail before giving its folders their write bit back.
  for (const e of fs.readdirSync(tmp.dir)) fs.chmodSync(path.join(tmp.dir, e), 0o777);
  tmp.cleanup();
});

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** Everything in the folder and what it holds: no -wal, -shm or journal may appear or change. */
const snapshot = (dir: string) => fs.readdirSync(dir).sort().map((f) => `${f} ${digest(path.join(dir, f))}`);

/**
 * Root writes through permission bits, so the read-only runs are made as `nobody`: the kernel
 * then refuses the write for real. Another user's own chmod is enough.
 */
const AS_OTHER_USER: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const UID = process.getuid?.() === 0 ? 65534 : process.getuid?.();

/** A folder with a stored plan in `db.sqlite` and a second plan to ingest, readable by all. */
async function storedDatabase(name: string): Promise<{ dir: string; db: string; input: string }> {
  const dir = tmp.file(name);
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o777);
  const db = path.join(dir, 'db.sqlite');
  fs.copyFileSync(path.join(CORPUS_DOCS, 'perm-krai-2021.docx'), path.join(dir, 'first.docx'));
  const first = await runIngest([path.join(dir, 'first.docx'), '--db', db, '--quiet']);
  expect(first.code, first.err).toBe(0);
  expect(fs.existsSync(`${db}-wal`)).toBe(false); // closed cleanly: the snapshot is the file alone
  const input = path.join(dir, 'second.docx');
  fs.copyFileSync(path.join(CORPUS_DOCS, 'lysva-2021.docx'), input);
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  return { dir, db, input };
}

function run(bin: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { ...AS_OTHER_USER, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, err: String(r.stderr) };
}

/** One line naming the file and the reason, the usual hint under it, nothing else. */
function expectOneClearLine(err: string, prefix: string, db: string, why: RegExp): void {
  const lines = err.trimEnd().split('\n');
  expect(lines, err).toHaveLength(2);
  expect(lines[0]).toContain(`${prefix}: database ${db} is read-only: `);
  expect(lines[0]).toMatch(why);
  expect(lines[1]).toMatch(/^ {2}hint: make the file and its folder writable/);
}

describe('a database that may not be written', () => {
  it('a file this user may not write: ingest and roadmaps say so in one line, exit 3, and change no byte', async () => {
    const { dir, db, input } = await storedDatabase('file-ro');
    fs.chmodSync(db, 0o444);
    const before = snapshot(dir);

    const ingest = run(ingestBin(), [input, '--db', db]);
    expect(ingest.code, ingest.err).toBe(3);
    expectOneClearLine(ingest.err, 'ingest', db, new RegExp(`this user \\(uid ${UID}\\) may not write the file \\(EACCES\\)$`));

    const search = run(roadmapsBin(), ['search', 'мониторинг', '--db', db]);
    expect(search.code, search.err).toBe(3);
    expectOneClearLine(search.err, 'roadmaps', db, /may not write the file \(EACCES\)$/);

    expect(snapshot(dir)).toEqual(before);
  }, 120_000);

  it('a folder this user may not write (SQLite keeps its -wal and -shm there): refused the same way', async () => {
    const { dir, db, input } = await storedDatabase('dir-ro');
    fs.chmodSync(db, 0o666);
    fs.chmodSync(dir, 0o555);
    const before = snapshot(dir);
    try {
      const ingest = run(ingestBin(), [input, '--db', db]);
      expect(ingest.code, ingest.err).toBe(3);
      expectOneClearLine(ingest.err, 'ingest', db, new RegExp(`may not write its folder ${dir}, where SQLite creates the -wal and -shm files`));
      expect(snapshot(dir)).toEqual(before);
    } finally {
      fs.chmodSync(dir, 0o777);
    }
  }, 120_000);

  // A read-only bind mount in a private user and mount namespace: the real EROFS, no privilege
  // needed where unprivileged user namespaces are allowed, and nothing seen outside the namespace.
  const unshare = spawnSync('unshare', ['-r', '-m', '--propagation', 'private', 'true']);
  it.skipIf(unshare.status !== 0)('a read-only file system (bind mount): EROFS named, exit 3, no byte changed', async () => {
    const { dir, db, input } = await storedDatabase('fs-ro');
    const before = snapshot(dir);
    const script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"';
    const r = spawnSync('unshare', ['-r', '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', dir, process.execPath, ingestBin(), input, '--db', db], {
      encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(3);
    expectOneClearLine(r.stderr, 'ingest', db, /the file system it is on is mounted read-only \(EROFS\)$/);
    expect(snapshot(dir)).toEqual(before);
  }, 120_000);

  it('a connection SQLite could open only for reading (its -shm cannot be created) is refused at open, not at the first write', () => {
    const db = tmp.file('shm.sqlite');
    openDatabase(db).close();
    // A folder where the -shm file goes: SQLite falls back to a read-only connection, as root too.
    fs.mkdirSync(`${db}-shm`);
    const before = digest(db);
    let caught: unknown;
    try { openDatabase(db).close(); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(DatabaseReadOnlyError);
    expect((caught as DatabaseReadOnlyError).code).toBe('database_readonly');
    expect((caught as Error).message).toBe(`database ${db} is read-only: SQLite could open it for reading only (attempt to write a readonly database)`);
    expect(digest(db)).toBe(before);
  });

  it('a path whose folder is a file is named as such, and nothing is created', () => {
    const notDir = tmp.file('plain-file');
    fs.writeFileSync(notDir, 'x');
    expect(() => openDatabase(path.join(notDir, 'db.sqlite'))).toThrow(DatabaseUnopenableError);
    expect(() => openDatabase(path.join(notDir, 'db.sqlite'))).toThrow(`${notDir} is a file, not a folder`);
    expect(() => openDatabase(path.join(notDir, 'sub', 'db.sqlite'))).toThrow('is a file, not a folder');
    expect(fs.readFileSync(notDir, 'utf8')).toBe('x');
  });

  it('the check costs nothing to a writable database: it opens, and a rolled-back probe leaves its bytes alone', () => {
    const db = tmp.file('ok.sqlite');
    openDatabase(db).close();
    const before = digest(db);
    const again = openDatabase(db);
    again.close();
    expect(digest(db)).toBe(before);
  });
});
