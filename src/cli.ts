import path from 'node:path';
import { createRequire } from 'node:module';
import cliProgress from 'cli-progress';
import { helpText, parseCli, type CliOptions } from './cli-options.js';
import { UsageError } from './errors.js';
import { resolveSettings } from './settings.js';
import { loadVocabularyFile, VocabularyFileError } from './normalize/vocabulary-file.js';
import { expandInputs } from './inputs.js';
import { runBatch, type BatchSummary, type FileOutcome } from './batch.js';
import { StoreError } from './store/index.js';

/** Exit codes (OCRmyPDF-style: one name per outcome). */
export const ExitCode = {
  ok: 0,
  someFailed: 1,
  usage: 2,
  database: 3,
  interrupted: 130,
} as const;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The CLI: argv → options → batch → exit code. The only module that talks to the terminal. */
export async function main(argv: readonly string[], io: Io = process, signal?: AbortSignal): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCli(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`ingest: ${err.message}\n`);
      return ExitCode.usage;
    }
    throw err;
  }
  if (opts.help) {
    io.stdout.write(helpText() + '\n');
    return ExitCode.ok;
  }
  if (opts.version) {
    const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
    io.stdout.write(`${pkg.version}\n`);
    return ExitCode.ok;
  }
  if (opts.inputs.length === 0) {
    io.stderr.write('ingest: no input files or folders given (see --help)\n');
    return ExitCode.usage;
  }
  let vocabularyFile: string | null = null;
  if (opts.vocabulary) {
    // Checked once here, so a bad file is one usage error rather than a failure per document.
    try {
      loadVocabularyFile(opts.vocabulary);
    } catch (err) {
      if (!(err instanceof VocabularyFileError)) throw err;
      io.stderr.write(`ingest: ${err.message}\n`);
      return ExitCode.usage;
    }
    vocabularyFile = path.resolve(opts.vocabulary);
  }
  const settings = resolveSettings({
    limits: { timeoutSeconds: opts.timeout, maxPages: opts['max-pages'], maxFileMb: opts['max-file-mb'] },
    ocr: { workers: opts['ocr-workers'] },
    batch: { concurrency: opts.concurrency },
    normalize: { vocabularyFile },
  });
  const expanded = await expandInputs(opts.inputs);
  // The database may live inside the folder being ingested: never read it as an input.
  const dbFiles = new Set(['', '-wal', '-shm', '-journal'].map((s) => path.resolve(opts.db) + s));
  const files = expanded.files.filter((f) => !dbFiles.has(path.resolve(f)));
  const { missing, special, unreadable } = expanded;
  for (const m of missing) io.stderr.write(`ingest: ${printable(m)}: no such file or folder\n`);
  for (const m of special) io.stderr.write(`ingest: ${printable(m)}: not a regular file (a FIFO, socket or device); not read\n`);
  for (const u of unreadable) io.stderr.write(`ingest: ${shownPath(u.path)}: ${u.reason}; not read\n`);
  const unread = missing.length + special.length + unreadable.length;
  if (files.length === 0) {
    io.stderr.write('ingest: no files to process\n');
    return unread ? ExitCode.usage : ExitCode.ok;
  }

  const interactive = Boolean(io.stderr.isTTY) && !opts.json && !opts.quiet;
  const bar = interactive
    ? new cliProgress.SingleBar({ format: ' {bar} {value}/{total} files | {file}', hideCursor: true, clearOnComplete: true, stream: io.stderr }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(files.length, 0, { file: '' });
  const log = (line: string) => {
    if (!opts.json) io.stderr.write(line + '\n');
  };
  let summary: BatchSummary;
  try {
    summary = await runBatch({
      files,
      rawPaths: expanded.rawPaths,
      dbPath: opts.db,
      settings,
      force: opts.force,
      forceOcr: opts['force-ocr'],
      concurrency: settings.batch.concurrency,
      keepOutcomes: opts.json,
      signal,
      onFile: (o, done) => {
        bar?.update(done, { file: printable(path.basename(o.path)) });
        const line = describe(o, opts);
        if (line && (!opts.quiet || o.kind === 'failed')) {
          if (bar) {
            bar.stop();
            io.stderr.write(line + '\n');
            if (done < files.length) bar.start(files.length, done, { file: '' });
          } else log(line);
        }
      },
      onPage: bar ? (p, d, t) => bar.update({ file: `${printable(path.basename(p))} p.${d}/${t}` }) : undefined,
    });
  } catch (err) {
    bar?.stop();
    if (err instanceof StoreError) {
      io.stderr.write(`ingest: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}\n`);
      return ExitCode.database;
    }
    throw err;
  }
  bar?.stop();
  if (opts.json) io.stdout.write(JSON.stringify({ ...toJson(summary, opts.db), unread }, null, 2) + '\n');
  else io.stderr.write(summaryText(summary, opts.db) + (unread ? `\n${unread} path(s) named could not be read (no such file, not a regular file, or not readable): listed above.` : '') + '\n');
  if (summary.interrupted) return ExitCode.interrupted;
  return summary.failed > 0 || unread > 0 ? ExitCode.someFailed : ExitCode.ok;
}

/**
 * A name or message as one visible line: control characters (a newline in a file name could
 * print a forged `ok` line), invisible bidirectional overrides and line separators escaped.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r'
      : code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A name stored with `\xHH` bytes (not UTF-8: inputs.ts) is unreadable as such; Russian
 * archives write CP1251, so that reading is shown beside it to help find the file.
 */
function shownPath(p: string): string {
  if (!LEGACY_BYTES.test(p)) return printable(p);
  const cp1251 = new TextDecoder('windows-1251');
  const guess = p.replace(/(?:\\x[89a-f][0-9a-f])+/g, (run) =>
    cp1251.decode(Uint8Array.from(run.match(/[0-9a-f]{2}/g)!, (h) => Number.parseInt(h, 16))));
  return `${printable(p)} (name not UTF-8; in CP1251: ${printable(path.basename(guess))})`;
}
const LEGACY_BYTES = /\\x[89a-f][0-9a-f]/;

function describe(o: FileOutcome, opts: CliOptions): string {
  switch (o.kind) {
    case 'stored': {
      const review = (o.review ? `, ${o.review} to review` : '') + (o.fragments ? `, ${o.fragments} cut-off row kept apart` : '') +
        (o.missingRows ? `, ${o.missingRows} rows may be missing` : '');
      const warn = opts.verbose && o.warnings.length ? o.warnings.map((w) => `\n    warning: ${w}`).join('') : '';
      // A plan that may have lost rows is stored, but must not read as a clean one.
      const label = o.missingRows ? 'WARN  ' : 'ok    ';
      return `  ${label}  ${shownPath(o.path)}: ${o.activities} activities, ${o.pages} page(s), ${o.method}${review}${warn}`;
    }
    case 'skipped':
      return opts.verbose ? `  skip    ${shownPath(o.path)}: ${printable(o.reason)}` : '';
    case 'failed':
      return `  FAILED  ${shownPath(o.path)}: ${printable(o.message)}${o.hint ? ` — ${o.hint}` : ''}${opts.verbose && o.stack ? `\n${o.stack}` : ''}`;
  }
}

function summaryText(s: BatchSummary, db: string): string {
  return [
    `${s.interrupted ? 'Interrupted' : 'Done'} in ${s.seconds.toFixed(1)} s: ${s.files} file(s) — ${s.stored} stored, ${s.skipped} skipped (already stored), ${s.failed} failed.`,
    `${s.pages} page(s), ${s.activities} activities${s.review ? `, ${s.review} flagged for review (low OCR confidence, empty or possibly cut rows)` : ''}` +
      `${s.fragments ? `; ${s.fragments} row(s) cut off by the bottom of a one-page file kept apart in table fragments` : ''} → ${db}`,
    ...(s.filesMissingRows ? [`${s.filesMissingRows} file(s) may be missing rows of their plan (WARN above; documents.missing_rows, review reason rows_missing).`] : []),
    ...(s.corrections.applied || s.corrections.stale ? [correctionsLine(s.corrections)] : []),
    ...(s.links ? [`Linked ${s.links.linked} of ${s.links.activities} activities of ${s.links.documents} plan(s) to the reference plan (see: roadmaps compare).`] : []),
  ].join('\n');
}

/** Hand corrections of the files written again: they were applied anew, or no longer fit. */
function correctionsLine(c: BatchSummary['corrections']): string {
  const stale = c.stale ? `, ${c.stale} stale (the row is gone or reads otherwise now; see: roadmaps correct --list)` : '';
  return `${c.applied} hand correction(s) re-applied${stale}.`;
}

function toJson(s: BatchSummary, db: string) {
  return {
    database: db,
    files: s.files, stored: s.stored, skipped: s.skipped, failed: s.failed,
    pages: s.pages, activities: s.activities, review: s.review, fragments: s.fragments, filesMissingRows: s.filesMissingRows, corrections: s.corrections,
    seconds: Number(s.seconds.toFixed(3)), interrupted: s.interrupted,
    links: s.links ? { references: s.links.references, documents: s.links.documents, activities: s.links.activities, linked: s.links.linked } : null,
    results: (s.outcomes ?? []).map((o) => {
      const { stack: _stack, ...rest } = o as FileOutcome & { stack?: string };
      return rest;
    }),
  };
}
