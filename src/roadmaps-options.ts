import { parseArgs } from 'node:util';
import { REPORT_LANGS, type ReportLang } from './compare/report-strings.js';
import { UsageError } from './errors.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { CORRECTABLE_FIELDS, isCorrectableField, type CorrectableField } from './store/correction-cells.js';

/*
 * The `roadmaps` command line, declared once: the parser and every --help text are generated
 * from these tables. Parsing is node:util parseArgs; this module adds the subcommands, the
 * value checks and messages that name the flag and the value.
 */

interface OptionSpec {
  type: 'string' | 'boolean';
  arg?: string;
  short?: string;
  default?: string | boolean;
  help: string;
}

export const GLOBAL_OPTIONS = {
  db: { type: 'string', arg: 'FILE', default: './roadmaps.sqlite', help: 'SQLite database written by ingest' },
  help: { type: 'boolean', short: 'h', help: 'show help (after a command: that command\'s help)' },
  version: { type: 'boolean', help: 'show the version' },
} as const satisfies Record<string, OptionSpec>;

const THRESHOLD: OptionSpec = {
  type: 'string', arg: 'X',
  help: `lowest similarity (0..1) at which an activity is linked to a reference activity (default: ${DEFAULT_SETTINGS.compare.linkThreshold})`,
};
const REGION: OptionSpec = { type: 'string', arg: 'NAME', help: 'only plans of this region, as stored (e.g. "Пермский край")' };
const DOCUMENT: OptionSpec = { type: 'string', arg: 'ID[,ID...]', help: 'only the plans of these documents (ids as listed by "roadmaps plans"; any file of a plan selects it)' };

export const COMMANDS = {
  plans: {
    args: '',
    summary: 'list the plans, each with its files (DOCX, PDF, scan, photo …)',
    description: [
      'The files of one plan — the same territory and approving act (number and date), or,',
      'where those are not known, mostly the same activity rows — are one plan with several',
      'sources. Each plan is read through its best source: a whole file before a partial one',
      '(a one-page photo, a file with rows cut off or missing), then DOCX and other structured',
      'formats, a PDF with a text layer, plain text, a scan, a photo; then more activity rows,',
      'then higher OCR confidence. Lists each plan (id, REF, level, territory, act) with its',
      'files, the one it is read through first (*). --files lists the stored files instead,',
      'failed ones too, with the plan each belongs to.',
    ],
    options: { files: { type: 'boolean', help: 'list the stored files (documents) instead of the plans' } },
  },
  reference: {
    args: '[<document id or path>]',
    summary: 'list the stored files, or mark a plan as the reference plan',
    description: [
      'Without an argument, lists the stored files with their ids, plans and which plans are',
      'references (as "plans --files"). With a document id (or the path the file was ingested',
      'from), marks the plan of that file as a reference plan (regional plans are references by',
      'default) and links every other plan to it again; --off unmarks every file of the plan.',
      'A plan is compared through its best source with the reference of the same region; a',
      'plan whose region has none, or is unknown, with the most recent reference. A reference',
      'known only from part of its plan (a photo of page 1) is used only where no whole one is.',
    ],
    options: {
      off: { type: 'boolean', help: 'unmark the plan instead (it is then compared like any other)' },
      threshold: THRESHOLD,
    },
  },
  link: {
    args: '',
    summary: 'link every activity to its counterpart in the reference plan',
    description: [
      'Compares each activity of each non-reference plan with the activities of its reference',
      'plan (TF-IDF over stemmed words of the activity and result cells) and stores the most',
      'similar one when it reaches the threshold, or none. Replaces all earlier links; ingest',
      'and compare run it themselves when links are missing or out of date.',
    ],
    options: { threshold: THRESHOLD },
  },
  compare: {
    args: '',
    summary: 'write the plans × reference activities matrix as CSV and an HTML report',
    description: [
      'Each plan is counted once, through its best source (see "roadmaps plans"); its other',
      'files are named beside it. For each plan and each activity of its reference plan: present (same responsible parties',
      'and deadline), changed_responsible, changed_deadline, changed_both, or missing. Writes',
      'coverage.csv (one row per cell), summary.csv (one row per plan: coverage, extra',
      'activities, top actors), matrix-ref<ID>.csv (the matrix as a spreadsheet) and',
      'report.html (one file, opens offline: the heatmap with totals, filters by region, level and',
      'municipality, each cell\'s two activities with the actor codes dropped and added, the plans\'',
      'summaries, the glossary of actor codes; in Russian unless --lang en; prints on A4 landscape,',
      'and links the CSV files written with it). CSV files are UTF-8 with a byte-order mark so',
      'Excel shows Cyrillic; --excel writes them in Russian Excel\'s dialect (";" between fields,',
      '"," in scores and percentages).',
    ],
    options: {
      out: { type: 'string', arg: 'DIR', default: './compare', help: 'folder to write into (created if missing)' },
      format: { type: 'string', arg: 'LIST', default: 'csv,html', help: 'what to write: csv, html or csv,html' },
      lang: { type: 'string', arg: 'LANG', default: 'ru', help: 'language of the HTML report: ru or en' },
      excel: { type: 'boolean', help: 'CSV files in Russian Excel\'s dialect: semicolons, decimal commas' },
      region: REGION,
      document: DOCUMENT,
      threshold: THRESHOLD,
    },
  },
  export: {
    args: '',
    summary: 'write every activity as CSV, JSON Lines or an Excel workbook',
    description: [
      'One row per activity with its plan\'s metadata, canonical actor codes, structured deadline',
      'and its link to the reference plan (reference_activity_id, link_score); each plan\'s rows',
      'once, from its best source (--all-sources: every file\'s rows). CSV is UTF-8 with',
      'RFC 4180 quoting (LibreOffice, pandas.read_csv), with a byte-order mark in a file and',
      'none on standard output; --excel writes what Russian Excel opens on a double-click',
      '(";" between fields, "," in numbers, a byte-order mark). JSON Lines is one object per',
      'line (pandas.read_json(path, lines=True)). XLSX is a workbook with the sheets',
      'activities, coverage (plans × reference activities), plans (with their files) and actors',
      '(the actor codes and what they mean): header rows frozen, dates as dates; it needs --out.',
    ],
    options: {
      format: { type: 'string', arg: 'FORMAT', default: 'csv', help: 'csv, jsonl or xlsx' },
      excel: { type: 'boolean', help: 'CSV in Russian Excel\'s dialect: semicolons, decimal commas, byte-order mark' },
      out: { type: 'string', arg: 'FILE', help: 'file to write (default: standard output; xlsx needs a file)' },
      region: REGION,
      document: DOCUMENT,
      'all-sources': { type: 'boolean', help: 'every file\'s rows, not only each plan\'s best source' },
    },
  },
  actors: {
    args: '',
    summary: 'count the responsible parties, or list the ones not recognised',
    description: [
      'Without --unknown: each canonical actor code with the number of activities and plans',
      'naming it. With --unknown: each responsible text that matched no code (kept as UNKNOWN),',
      'most frequent first, with how often it occurs, in which plans, and the first row naming it,',
      'to extend the vocabulary (ingest --vocabulary FILE).',
    ],
    options: { unknown: { type: 'boolean', help: 'list the unrecognised responsible texts' } },
  },
  search: {
    args: '<query>',
    summary: 'find activities by words of their activity, responsible or result cells',
    description: [
      'Full-text search (SQLite FTS5) with the case of Cyrillic folded and «ё» read as «е»:',
      '  roadmaps search "методическ*"          words starting so',
      '  roadmaps search \'"рабочая группа"\'     a phrase',
      '  roadmaps search "наставник AND ИРО"     both words; OR, NOT and parentheses work too',
      'Prints the best matches first: activity id, plan id and territory, the matched text.',
    ],
    options: { limit: { type: 'string', arg: 'N', default: '50', help: 'matches to print at most' } },
  },
  show: {
    args: '<activity id>',
    summary: 'show one activity row with where it comes from; --crop cuts its picture from the page',
    description: [
      'Prints the row (plan, document, seq, section, number, activity, responsible with its actor',
      'codes, deadline as read and as structured, result, page, confidence, why it needs review),',
      'the hand corrections applied to it, and its sources: the file it was read from (format,',
      'sha256, whether the file is still there unchanged, the page(s) and the row\'s box in points',
      'from the top-left corner), the other paths the same content was met at, and the plan it',
      'belongs to with the plan\'s other files. Activity ids are those of "search" and "export".',
      '--crop FILE writes a PNG of the source page around the row (with a small margin): a PDF',
      'page is rendered as drawn; an OCR\'d page (scan, photo) is cut from the page as the pipeline',
      'straightened it, since the row\'s box is in that frame. A row running onto the next page',
      'is shown by its first part. A DOCX (or other structured file) has no page image: --crop',
      'then fails with exit code 2; a source file that is gone or changed fails with exit code 1.',
    ],
    options: {
      crop: { type: 'string', arg: 'FILE', help: 'write a PNG of the row cut from its source page to FILE' },
    },
  },
  correct: {
    args: '[<activity id>]',
    summary: 'correct a cell of a row by hand; the correction is re-applied on every re-ingest',
    description: [
      'Changes one cell of an activity row and records the change, keyed by the file\'s content',
      '(sha256) and the row\'s position (seq), so it is applied again whenever the same file is',
      'ingested again (ingest --force, or after the row was deleted). Fields: activity,',
      'responsible (its actor codes are derived again), deadline (its structured columns are',
      'derived again), result, section, number. The search index follows at once; exports mark',
      'corrected cells (corrected_fields) and the report marks them with a ✎.',
      'A correction whose row is gone, or whose cell reads otherwise after a re-ingest, is kept',
      'but not applied, and listed as stale. Giving the extracted text again withdraws it.',
      '  roadmaps correct 42 --field responsible --value "МОУО, ОО"',
      '  roadmaps correct --csv fixes.csv     columns: activity_id or sha256 and seq, field, value',
      '  roadmaps correct --list              every stored correction, with its state',
      'A corrections file is checked whole first: any bad line is named (one line each) and',
      'nothing is applied (exit code 2); otherwise all of it is applied in one transaction.',
    ],
    options: {
      field: { type: 'string', arg: 'FIELD', help: 'cell to correct: activity, responsible, deadline, result, section or number' },
      value: { type: 'string', arg: 'TEXT', help: 'the corrected text of the cell (use "" for an empty cell)' },
      csv: { type: 'string', arg: 'FILE', help: 'apply every correction of a CSV file (UTF-8, "," or ";" separated, header row)' },
      list: { type: 'boolean', help: 'list the stored corrections (with an activity id: that row\'s)' },
    },
  },
} as const satisfies Record<string, { args: string; summary: string; description: readonly string[]; options: Record<string, OptionSpec> }>;

export type CommandName = keyof typeof COMMANDS;

export type RoadmapsArgs =
  | { command: null; db: string; help: boolean; version: boolean }
  | { command: 'plans'; db: string; help: boolean; files: boolean }
  | { command: 'reference'; db: string; help: boolean; target: string | null; off: boolean; threshold?: number }
  | { command: 'link'; db: string; help: boolean; threshold?: number }
  | { command: 'compare'; db: string; help: boolean; out: string; formats: ('csv' | 'html')[]; lang: ReportLang; excel: boolean; region?: string; documentIds?: number[]; threshold?: number }
  | { command: 'export'; db: string; help: boolean; format: 'csv' | 'jsonl' | 'xlsx'; excel: boolean; out: string | null; region?: string; documentIds?: number[]; allSources: boolean }
  | { command: 'actors'; db: string; help: boolean; unknown: boolean }
  | { command: 'search'; db: string; help: boolean; query: string; limit: number }
  | { command: 'show'; db: string; help: boolean; activityId: number; crop: string | null }
  | { command: 'correct'; db: string; help: boolean; mode: CorrectMode };

export type CorrectMode =
  | { kind: 'one'; activityId: number; field: CorrectableField; value: string }
  | { kind: 'csv'; file: string }
  | { kind: 'list'; activityId: number | null };

const isCommand = (s: string): s is CommandName => Object.hasOwn(COMMANDS, s);

/** argv (without node and script) → what to do. Pure: throws UsageError naming the problem. */
export function parseRoadmapsCli(argv: readonly string[]): RoadmapsArgs {
  // First pass, lenient: only to find the command among the words.
  const allOptions = { ...GLOBAL_OPTIONS, ...Object.assign({}, ...Object.values(COMMANDS).map((c) => c.options)) } as Record<string, OptionSpec>;
  const first = parseArgs({ args: [...argv], options: toParseArgs(allOptions), allowPositionals: true, strict: false });
  const name = first.positionals[0];
  if (name !== undefined && !isCommand(name)) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const spec: Record<string, OptionSpec> = name === undefined ? GLOBAL_OPTIONS : { ...GLOBAL_OPTIONS, ...COMMANDS[name].options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: toParseArgs(spec), allowPositionals: true, strict: true });
  } catch (err) {
    throw usageFrom(err, name);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : (spec[k]?.default as string | undefined));
  const db = str('db')!;
  const help = v.help === true;
  const rest = parsed.positionals.slice(1);
  if (name === undefined) return { command: null, db, help, version: v.version === true };
  if (v.version === true) throw new UsageError('--version takes no command');
  const maxArgs = name === 'reference' || name === 'search' || name === 'show' || name === 'correct' ? 1 : 0;
  if (rest.length > maxArgs && !help) throw new UsageError(`"${name}" takes ${maxArgs === 0 ? 'no arguments' : 'one argument'} (got ${rest.map((r) => `"${r}"`).join(' ')})`);
  const threshold = str('threshold') === undefined ? undefined : parseThreshold(str('threshold')!);
  switch (name) {
    case 'plans':
      return { command: name, db, help, files: v.files === true };
    case 'reference':
      return { command: name, db, help, target: rest[0] ?? null, off: v.off === true, threshold };
    case 'link':
      return { command: name, db, help, threshold };
    case 'compare': {
      const formats = parseFormats(str('format')!);
      if (v.excel === true && !formats.includes('csv')) throw new UsageError('--excel applies to the CSV files (--format csv or csv,html)');
      return { command: name, db, help, out: str('out')!, formats, lang: parseLang(str('lang')!), excel: v.excel === true, region: str('region'), documentIds: parseIds(str('document')), threshold };
    }
    case 'export': {
      const format = str('format')!;
      if (format !== 'csv' && format !== 'jsonl' && format !== 'xlsx') throw new UsageError(`--format must be csv, jsonl or xlsx (got "${format}")`);
      if (v.excel === true && format !== 'csv') throw new UsageError('--excel applies to --format csv only');
      const out = str('out') ?? null;
      // A workbook is a zip archive: on a terminal it is noise, in a pipe nothing reads it.
      if (format === 'xlsx' && out === null && !help) throw new UsageError('--format xlsx writes a file: give it with --out FILE (e.g. --out plans.xlsx)');
      return { command: name, db, help, format, excel: v.excel === true, out, region: str('region'), documentIds: parseIds(str('document')), allSources: v['all-sources'] === true };
    }
    case 'actors':
      return { command: name, db, help, unknown: v.unknown === true };
    case 'search': {
      const query = rest[0];
      if (query === undefined && !help) throw new UsageError('search needs a query (e.g. roadmaps search "методическ*")');
      const limit = Number(str('limit'));
      if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit must be a positive whole number (got "${str('limit')}")`);
      return { command: name, db, help, query: query ?? '', limit };
    }
    case 'show': {
      const activityId = help ? 0 : parseActivityId(rest[0], 'show');
      return { command: name, db, help, activityId, crop: str('crop') ?? null };
    }
    case 'correct':
      return { command: name, db, help, mode: help ? { kind: 'list', activityId: null } : parseCorrectMode(rest[0], v) };
  }
}

function parseActivityId(s: string | undefined, command: string): number {
  if (s === undefined) throw new UsageError(`${command} needs an activity id (as "roadmaps search" and "export" print them)`);
  if (!/^[1-9]\d*$/.test(s)) throw new UsageError(`the activity id must be a positive whole number (got "${s}")`);
  return Number(s);
}

function parseCorrectMode(id: string | undefined, v: Record<string, string | boolean | undefined>): CorrectMode {
  const field = typeof v.field === 'string' ? v.field : undefined;
  const value = typeof v.value === 'string' ? v.value : undefined;
  const csv = typeof v.csv === 'string' ? v.csv : undefined;
  const ways = [v.list === true, csv !== undefined, field !== undefined || value !== undefined].filter(Boolean).length;
  if (ways > 1) throw new UsageError('give one of: <activity id> --field F --value V, --csv FILE, or --list');
  if (v.list === true) return { kind: 'list', activityId: id === undefined ? null : parseActivityId(id, 'correct') };
  if (csv !== undefined) {
    if (id !== undefined) throw new UsageError('--csv takes no activity id: the file names the rows');
    return { kind: 'csv', file: csv };
  }
  const activityId = parseActivityId(id, 'correct');
  if (field === undefined || value === undefined) throw new UsageError('correct needs --field and --value (e.g. correct 42 --field deadline --value "до 01.09.2021")');
  if (!isCorrectableField(field)) throw new UsageError(`--field must be one of ${CORRECTABLE_FIELDS.join(', ')} (got "${field}")`);
  return { kind: 'one', activityId, field, value };
}

function toParseArgs(spec: Record<string, OptionSpec>) {
  return Object.fromEntries(Object.entries(spec).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
}

function usageFrom(err: unknown, command: CommandName | undefined): unknown {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const where = command === undefined ? 'roadmaps' : `roadmaps ${command}`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${flag} for ${where} (see ${where} --help)`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/argument missing/.test(message) ? `${flag} needs a value` : `${flag} takes no value`);
  }
  if (code?.startsWith('ERR_PARSE_ARGS')) return new UsageError(message);
  return err;
}

function parseThreshold(s: string): number {
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--threshold must be a number from 0 to 1 (got "${s}")`);
  return n;
}

function parseFormats(s: string): ('csv' | 'html')[] {
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = parts.filter((p) => p !== 'csv' && p !== 'html');
  if (parts.length === 0 || bad.length > 0) throw new UsageError(`--format must be csv, html or csv,html (got "${s}")`);
  return [...new Set(parts as ('csv' | 'html')[])];
}

function parseLang(s: string): ReportLang {
  if (!(REPORT_LANGS as readonly string[]).includes(s)) throw new UsageError(`--lang must be ${REPORT_LANGS.join(' or ')} (got "${s}")`);
  return s as ReportLang;
}

function parseIds(s: string | undefined): number[] | undefined {
  if (s === undefined) return undefined;
  const parts = s.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^[1-9]\d*$/.test(p))) throw new UsageError(`--document must be document ids separated by commas (got "${s}")`);
  return parts.map(Number);
}

function optionRows(spec: Record<string, OptionSpec>): string[] {
  return Object.entries(spec).map(([k, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${k}${o.arg ? ` ${o.arg}` : ''}`;
    const def = o.type === 'string' && o.default !== undefined ? ` (default: ${String(o.default)})` : '';
    return `  ${flag.padEnd(24)} ${o.help}${def}`;
  });
}

const EXIT_CODES = [
  'Exit codes: 0 done, 1 nothing to compare (no reference plan or no linked plan; show --crop:',
  '            the source file is gone or changed), 2 usage error (bad option, unknown document',
  '            or activity, a bad corrections file, --crop of a DOCX), 3 database unusable.',
];

/** Help for the whole program, or for one command. */
export function roadmapsHelp(command?: CommandName): string {
  if (command === undefined) {
    return [
      'Usage: roadmaps [--db FILE] <command> [options]',
      '',
      'Compares the roadmaps stored by `ingest` with a reference plan (the regional one):',
      'which plan has which reference activity, with the same responsible parties and deadline;',
      'exports the activities for spreadsheets and pandas.',
      '',
      'Commands:',
      ...Object.entries(COMMANDS).map(([k, c]) => `  ${`${k} ${c.args}`.padEnd(36)} ${c.summary}`),
      '',
      'Options of every command:',
      ...optionRows(GLOBAL_OPTIONS),
      '',
      ...EXIT_CODES,
      '',
      'Example: roadmaps --db roadmaps.sqlite compare --out report/',
      'Run "roadmaps <command> --help" for the options of a command.',
    ].join('\n');
  }
  const c = COMMANDS[command];
  return [
    `Usage: roadmaps [--db FILE] ${command}${c.args ? ` ${c.args}` : ''} [options]`,
    '',
    ...c.description,
    '',
    'Options:',
    ...optionRows(c.options),
    ...optionRows({ db: GLOBAL_OPTIONS.db, help: GLOBAL_OPTIONS.help }),
    '',
    ...EXIT_CODES,
  ].join('\n');
}
