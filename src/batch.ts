import PQueue from 'p-queue';
import type { Settings } from './settings.js';
import { IngestError } from './errors.js';
import { documentJobs, type DocumentJob } from './batch-jobs.js';
import { sha256 } from './ingest/hash-file.js';
import type { OcrEngine } from './ingest/ocr-engine.js';
import { createTesseractEngine } from './ingest/ocr-tesseract.js';
import { FilePool } from './file-pool.js';
import { refreshLinks, type LinkSummary } from './compare/link.js';
import { findStoredDocument, noteSourcePath, openDatabase, StoreError, writeDocument, writeFailure, type Database, type ReappliedCorrections } from './store/index.js';

export type FileOutcome =
  | { kind: 'stored'; path: string; pages: number; activities: number; review: number; fragments: number; missingRows: number; method: string; status: string; warnings: string[]; corrections: ReappliedCorrections }
  | { kind: 'skipped'; path: string; reason: string }
  | { kind: 'failed'; path: string; code: string; message: string; hint?: string; stack?: string };

export interface BatchOptions {
  files: readonly string[];
  /** Names in `files` that are not UTF-8, to the bytes that open them (inputs.ts). */
  rawPaths?: ReadonlyMap<string, Buffer>;
  dbPath: string;
  settings: Settings;
  force: boolean;
  forceOcr: boolean;
  concurrency: number;
  /** Keep every file's outcome for the summary (the CLI's --json); otherwise only counts. */
  keepOutcomes?: boolean;
  /**
   * Called as each document finishes, in completion order. `total` grows when an archive
   * turns out to hold several documents.
   */
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
  onPage?: (path: string, done: number, total: number) => void;
  /** Set to stop taking new files (SIGINT); files under way finish and are stored. */
  signal?: AbortSignal;
  /** Test hook: replaces the Tesseract engine. */
  ocrFactory?: () => Promise<OcrEngine>;
}

export interface BatchSummary {
  /** Documents processed: input files, with each ZIP archive counted by its entries. */
  files: number;
  stored: number;
  skipped: number;
  failed: number;
  pages: number;
  activities: number;
  review: number;
  /** Rows cut off by the bottom of a one-page file, stored in `fragments`, not counted above. */
  fragments: number;
  /** Files whose plan may lack rows of the source (documents.missing_rows > 0). */
  filesMissingRows: number;
  /** Hand corrections stored for the contents written again (`roadmaps correct`): re-applied, or kept as stale. */
  corrections: ReappliedCorrections;
  seconds: number;
  interrupted: boolean;
  /** Links to the reference plan refreshed at the end (null: no reference plan stored). */
  links: LinkSummary | null;
  /** Every outcome, in completion order: only with `keepOutcomes`. */
  outcomes?: FileOutcome[];
}

/**
 * Runs every file through the pipeline and stores each in its own transaction. A failing
 * file is recorded and the batch goes on; content already stored is skipped (by SHA-256)
 * unless forced, so an interrupted run resumes where it stopped. Memory does not grow with
 * the batch: files are queued a few at a time, and the summary is counted as files finish.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const { settings } = opts;
  const db: Database = openDatabase(opts.dbPath);
  let engine: Promise<OcrEngine> | null = null;
  const ocr = () => (engine ??= (opts.ocrFactory ?? (() => createTesseractEngine(settings.ocr)))());
  const summary: BatchSummary = {
    files: opts.files.length, stored: 0, skipped: 0, failed: 0, pages: 0, activities: 0, review: 0, fragments: 0, filesMissingRows: 0,
    corrections: { applied: 0, stale: 0 }, seconds: 0, interrupted: false, links: null,
    ...(opts.keepOutcomes ? { outcomes: [] } : {}),
  };
  const pool = new FilePool(opts.concurrency, ocr);
  const queue = new PQueue({ concurrency: opts.concurrency });
  let done = 0;
  // Files not yet opened count one each; an archive adds its entries as it is opened.
  let total = opts.files.length;
  let jobs = 0;
  const finish = (o: FileOutcome) => {
    summary[o.kind]++;
    if (o.kind === 'stored') {
      summary.pages += o.pages;
      summary.activities += o.activities;
      summary.review += o.review;
      summary.fragments += o.fragments;
      if (o.missingRows > 0) summary.filesMissingRows++;
      summary.corrections.applied += o.corrections.applied;
      summary.corrections.stale += o.corrections.stale;
    }
    summary.outcomes?.push(o);
    opts.onFile?.(o, ++done, total);
  };
  // A database failure stops the batch (nothing more could be stored) and reaches the caller.
  let fatal: { error: unknown } | null = null;
  const onAbort = () => queue.clear();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    for await (const job of documentJobs(opts.files, settings, opts.rawPaths)) {
      total = Math.max(total, ++jobs + opts.files.length - job.fileIndex - 1);
      await queue.onSizeLessThan(opts.concurrency);
      if (opts.signal?.aborted || fatal) break;
      queue.add(async () => finish(await processFile(job, db, opts, pool))).catch((error: unknown) => {
        fatal ??= { error };
        queue.clear();
      });
    }
    await queue.onIdle();
    summary.files = total;
    // New plans are linked to the reference plan at once, so v_coverage is never stale.
    if (!fatal && summary.stored > 0) summary.links = refreshLinks(db, opts.settings.compare);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await pool.close();
    const pending = engine as Promise<OcrEngine> | null;
    if (pending) await (await pending.catch(() => null))?.close();
    db.close();
  }
  if (fatal) throw (fatal as { error: unknown }).error;
  summary.seconds = (performance.now() - started) / 1000;
  summary.interrupted = Boolean(opts.signal?.aborted);
  return summary;
}

async function processFile(
  job: DocumentJob,
  db: Database,
  opts: BatchOptions,
  pool: FilePool,
): Promise<FileOutcome> {
  const { settings } = opts;
  const { path } = job;
  let hash: string | null = null;
  let format: string | null = null;
  let pages: number | null = null;
  try {
    const bytes = await job.read();
    hash = sha256(bytes);
    const stored = findStoredDocument(db, hash);
    if (stored && stored.status !== 'failed' && !opts.force) {
      noteSourcePath(db, hash, path);
      return { kind: 'skipped', path, reason: `already stored (same content as ${stored.sourcePath})` };
    }
    const result = await pool.run({
      path, sha256: hash, bytes, settings, forceOcr: opts.forceOcr,
      onPage: (d, t) => opts.onPage?.(path, d, t),
    });
    format = result.format;
    pages = result.pageCount;
    const doc = result.document;
    const { activities, review, fragments, missingRows, corrections } = writeDocument(db, {
      sourcePath: path,
      sha256: hash,
      format: result.format,
      pages: result.pageCount,
      doc,
      reviewBelow: settings.ocr.reviewBelow,
    });
    const warnings = doc.issues.map((i) => (i.page ? `p.${i.page}: ` : '') + i.message);
    return {
      kind: 'stored', path, pages: result.pageCount, activities, review, fragments, missingRows, method: doc.method,
      status: doc.issues.length ? 'partial' : 'ok', warnings, corrections,
    };
  } catch (err) {
    // The database failing (disk full, lock lost) is not this file's fault: the batch stops.
    if (err instanceof StoreError) throw err;
    const known = err instanceof IngestError;
    const code = known ? err.code : 'internal_error';
    const message = known ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
    // If the database itself fails here (busy, corrupt) the error propagates and stops the
    // batch: nothing more could be stored anyway.
    writeFailure(db, { sourcePath: path, sha256: hash, format, pages, code, message });
    return {
      kind: 'failed', path, code, message,
      ...(known && err.hint ? { hint: err.hint } : {}),
      ...(!known && err instanceof Error && err.stack ? { stack: err.stack } : {}),
    };
  }
}
