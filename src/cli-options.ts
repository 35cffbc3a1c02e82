import { UsageError } from './errors.js';
import { DEFAULT_SETTINGS } from './settings.js';

const MAX_TIMEOUT_SECONDS = 86_400;
/**
 * Files (and OCR workers) at once: each is a worker thread of up to settings' workerHeapMb
 * plus its file, so memory grows with this; far past the cores it only adds memory.
 */
const MAX_PARALLEL = 64;

/** Every flag, declared once: the parser and `--help` are both generated from this table. */
export const OPTIONS = {
  db: { type: 'string', default: './roadmaps.sqlite', arg: 'FILE', help: 'SQLite database to create or update' },
  force: { type: 'boolean', default: false, help: 'process files again even when their content is already stored' },
  concurrency: { type: 'number', default: DEFAULT_SETTINGS.batch.concurrency, arg: 'N', help: 'files processed at once (the default is the CPU cores here)' },
  'ocr-workers': { type: 'number', default: DEFAULT_SETTINGS.ocr.workers, arg: 'N', help: 'parallel OCR workers for scans and photos (~150 MB each)' },
  'force-ocr': { type: 'boolean', default: false, help: 'OCR every PDF page, even pages with a usable text layer' },
  timeout: { type: 'number', default: DEFAULT_SETTINGS.limits.timeoutSeconds, arg: 'SECONDS', help: 'per-file time limit; a file over it is recorded as failed' },
  'max-pages': { type: 'number', default: DEFAULT_SETTINGS.limits.maxPages, arg: 'N', help: 'refuse documents with more pages' },
  'max-file-mb': { type: 'number', default: DEFAULT_SETTINGS.limits.maxFileMb, arg: 'MB', help: 'refuse files larger than this' },
  vocabulary: { type: 'string', default: '', arg: 'FILE', help: 'JSON file of extra responsible-party codes and variants (README: "Extending the vocabulary")' },
  json: { type: 'boolean', default: false, help: 'print the summary as JSON on stdout (no progress output)' },
  quiet: { type: 'boolean', default: false, help: 'print only failures and the summary' },
  verbose: { type: 'boolean', default: false, help: 'print warnings per file and stack traces of unexpected errors' },
  help: { type: 'boolean', default: false, short: 'h', help: 'show this help' },
  version: { type: 'boolean', default: false, help: 'show the version' },
} as const satisfies Record<string, { type: 'string' | 'number' | 'boolean'; default: unknown; help: string; arg?: string; short?: string }>;

type Opt = typeof OPTIONS;
export type CliOptions = {
  [K in keyof Opt]: Opt[K]['type'] extends 'boolean' ? boolean : Opt[K]['type'] extends 'number' ? number : string;
} & { inputs: string[] };

/** argv (without node and script) → options. Pure: throws UsageError naming the flag and value. */
export function parseCli(argv: readonly string[]): CliOptions {
  const out: Record<string, unknown> = { inputs: [] };
  for (const [k, o] of Object.entries(OPTIONS)) out[k] = o.default;
  const byShort = new Map(Object.entries(OPTIONS).filter(([, o]) => 'short' in o).map(([k, o]) => [(o as { short: string }).short, k]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      (out.inputs as string[]).push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      (out.inputs as string[]).push(a);
      continue;
    }
    let name: string;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      value = eq > 0 ? a.slice(eq + 1) : undefined;
    } else {
      name = byShort.get(a.slice(1)) ?? a;
    }
    let negate = false;
    if (!(name in OPTIONS) && name.startsWith('no-') && name.slice(3) in OPTIONS) {
      negate = true;
      name = name.slice(3);
    }
    const spec = (OPTIONS as Record<string, { type: string }>)[name];
    if (!spec) throw new UsageError(`unknown option ${a} (see --help)`);
    if (spec.type === 'boolean') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value (got "${value}")`);
      out[name] = !negate;
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
    }
    if (spec.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number (got "${value}")`);
      out[name] = n;
    } else out[name] = value;
  }
  for (const k of ['concurrency', 'ocr-workers', 'max-pages'] as const) {
    if (!Number.isInteger(out[k])) throw new UsageError(`--${k} must be a whole number (got "${String(out[k])}")`);
  }
  for (const k of ['concurrency', 'ocr-workers'] as const) {
    if ((out[k] as number) > MAX_PARALLEL) throw new UsageError(`--${k} must be at most ${MAX_PARALLEL} (got "${String(out[k])}"): each runs a worker thread with its own memory`);
  }
  if (!(out.db as string).trim()) throw new UsageError('--db needs a file name (got an empty one)');
  // Node's timers hold at most 2^31-1 ms (~24.8 days); a larger value would fire at once and
  // fail every file. A day per file is more than any real document needs.
  if ((out.timeout as number) > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout must be at most ${MAX_TIMEOUT_SECONDS} seconds (one day; got "${String(out.timeout)}")`);
  }
  return out as CliOptions;
}

export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([k, o]) => {
    const flag = `${'short' in o ? `-${o.short}, ` : ''}--${k}${'arg' in o ? ` ${o.arg}` : ''}`;
    const def = o.type === 'boolean' ? '' : ` (default: ${String(o.default)})`;
    return `  ${flag.padEnd(26)} ${o.help}${def}`;
  });
  return [
    'Usage: ingest [options] <file or folder>...',
    '',
    'Reads school-support roadmaps ("План мероприятий («дорожная карта»)") and stores every plan',
    'activity as a row in SQLite. Read: PDF (text or scanned), Word (.docx, .doc 97-2003), RTF,',
    'OpenDocument text (.odt), spreadsheets (.xlsx, .xls, .ods), images (PNG, JPEG, TIFF, WebP)',
    'and plain text; ZIP archives of these are opened and each entry is ingested as',
    '"archive.zip!/inner/name". Refused with a reason: encrypted files, PowerPoint, GIF/BMP,',
    'RAR/7-Zip. Folders are walked recursively; the format is detected from the content, never',
    'the extension. Files whose content is already stored are skipped, so an interrupted run',
    'resumes where it stopped.',
    '',
    'Options:',
    ...rows,
    '',
    'Exit codes: 0 all files stored or skipped, 1 some files failed, 2 usage error,',
    '            3 database unusable (busy, corrupt, newer schema), 130 interrupted.',
    '',
    'Example: ingest ./scans --db roadmaps.sqlite',
  ].join('\n');
}
