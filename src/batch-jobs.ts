import fs from 'node:fs/promises';
import type { Settings } from './settings.js';
import { CorruptFileError, TooLargeError } from './errors.js';
import { sniffFormat } from './ingest/sniff-format.js';
import { openPath } from './inputs.js';
import { listArchive, readArchiveMember } from './ingest/zip-archive.js';
import type { ByteBudget } from './ingest/docx-zip.js';

/**
 * One document to ingest: a file, or an entry of a ZIP archive recorded as
 * `archive.zip!/inner/path.pdf`. `read` throws the error that the document's failure line
 * reports (too large, unsafe name, damaged entry) — every job ends as a stored row or a line.
 */
export interface DocumentJob {
  path: string;
  read: () => Promise<Uint8Array>;
  /** Index of the input file the job comes from (several jobs share it for an archive). */
  fileIndex: number;
}

const MB = 1024 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * The documents of the batch in order: each input file, except that a ZIP archive of
 * documents (not a DOCX/ODT/XLSX, which are ZIPs too) stands for its entries, opened lazily
 * and bounded by the archive limits. Only one archive's bytes are held at a time.
 */
export async function* documentJobs(
  files: readonly string[],
  settings: Settings,
  rawPaths?: ReadonlyMap<string, Buffer>,
): AsyncGenerator<DocumentJob> {
  for (const [fileIndex, path] of files.entries()) {
    for await (const job of fileJobs(path, openPath(path, rawPaths), settings)) yield { ...job, fileIndex };
  }
}

type Job = Omit<DocumentJob, 'fileIndex'>;

async function* fileJobs(path: string, fsPath: string | Buffer, settings: Settings): AsyncGenerator<Job> {
  const limits = settings.limits;
  let size: number;
  try {
    size = (await fs.stat(fsPath)).size;
  } catch (error) {
    yield failing(path, error);
    return;
  }
  if (size > limits.maxFileMb * MB) {
    yield failing(path, new TooLargeError(`${(size / MB).toFixed(0)} MB (limit ${limits.maxFileMb} MB)`, '--max-file-mb'));
    return;
  }
  // A copy, not a view: small reads share Node's buffer pool, and the bytes go to a worker.
  const read = async () => new Uint8Array(await fs.readFile(fsPath));
  if (!(await startsWithZipMagic(fsPath))) {
    yield { path, read };
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await read();
  } catch (error) {
    yield failing(path, error);
    return;
  }
  yield* bytesJobs(path, bytes, settings, 0, null);
}

/** A ZIP's bytes: one job when it is a document, its entries' jobs when it is an archive. */
function* bytesJobs(path: string, bytes: Uint8Array, settings: Settings, depth: number, budget: ByteBudget | null): Generator<Job> {
  let isArchive = false;
  try {
    isArchive = bytes.length > 0 && sniffFormat(bytes).format === 'archive';
  } catch {
    // The reader of whatever it is reports the damage when the job runs.
  }
  if (!isArchive || depth >= settings.limits.maxArchiveDepth) {
    yield { path, read: () => Promise.resolve(bytes) };
    return;
  }
  const limits = settings.limits;
  let listing;
  try {
    listing = listArchive(bytes, { maxEntries: limits.maxArchiveEntries, maxEntryMb: limits.maxFileMb });
  } catch (error) {
    yield failing(path, error);
    return;
  }
  // Nested archives share the outer one's budget: a bomb cannot multiply by nesting.
  const shared: ByteBudget = budget ?? { limit: limits.maxArchiveUnpackedMb * MB, used: 0 };
  if (listing.members.length === 0 && listing.dropped === 0) {
    yield failing(path, new CorruptFileError('ZIP archive', 'it holds no files'));
    return;
  }
  for (const member of listing.members) {
    const inner = `${path}!/${member.name}`;
    if (member.refusal) {
      yield failing(inner, member.refusal);
      continue;
    }
    let entry: Uint8Array;
    try {
      entry = readArchiveMember(bytes, member, shared);
    } catch (error) {
      yield failing(inner, error);
      // Past the total budget every later entry would fail the same way: one line says it.
      if (error instanceof TooLargeError && shared.used >= shared.limit) return;
      continue;
    }
    if (entry.length === 0) {
      yield { path: inner, read: () => Promise.resolve(entry) };
      continue;
    }
    yield* bytesJobs(inner, entry, settings, depth + 1, shared);
  }
  if (listing.dropped > 0) {
    yield failing(path, new TooLargeError(`the archive holds ${listing.members.length + listing.dropped} entries; only the first ${listing.members.length} were read (limit ${limits.maxArchiveEntries} entries)`));
  }
}

function failing(path: string, error: unknown): Job {
  return { path, read: () => Promise.reject(error) };
}

async function startsWithZipMagic(path: string | Buffer): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(path, 'r');
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_MAGIC.every((b, i) => head[i] === b);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
