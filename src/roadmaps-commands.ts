import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Database } from 'better-sqlite3';
import { actorCounts, unknownActors } from './compare/actor-counts.js';
import { compareCsvFiles, type OutputFile } from './compare/compare-csv.js';
import { EXCEL_RU, RFC4180 } from './compare/csv.js';
import { exportActivities } from './compare/export.js';
import { htmlReport } from './compare/html-report.js';
import { linkDocuments, type CompareSettings, type LinkSummary } from './compare/link.js';
import { coverageMatrix } from './compare/matrix.js';
import { reportExtras } from './compare/report-data.js';
import { refreshPlans } from './compare/plan-store.js';
import { findDocument, listDocuments, listPlans, markPlanReference } from './compare/plans.js';
import { searchActivities } from './compare/search.js';
import { exportWorkbook } from './compare/xlsx-export.js';
import { UsageError } from './errors.js';
import type { RoadmapsArgs } from './roadmaps-options.js';
import { correct, show } from './roadmaps-row-commands.js';
import { resolveSettings } from './settings.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Command = Exclude<RoadmapsArgs, { command: null }>;

/** Runs one command on an open database; returns the exit code (see RoadmapsExit). */
export async function runCommand(db: Database, args: Command, io: Io): Promise<number> {
  // Every command counts plans, so the files are grouped first (idempotent; it writes only
  // when the grouping changed: a database from before migration 009, a file deleted by
  // hand). Links made before a regrouping may describe a file that no longer stands for
  // its plan, so they are made again; link and compare make them anyway.
  const { changed } = refreshPlans(db);
  if (changed && args.command !== 'link' && args.command !== 'compare') linkDocuments(db, compareSettings(undefined));
  switch (args.command) {
    case 'plans': return plans(db, args, io);
    case 'reference': return reference(db, args, io);
    case 'link': return link(db, args, io);
    case 'compare': return compare(db, args, io);
    case 'export': return exportCommand(db, args, io);
    case 'actors': return actors(db, args, io);
    case 'search': return search(db, args, io);
    case 'show': return show(db, args, io);
    case 'correct': return correct(db, args, io);
  }
}

function compareSettings(threshold: number | undefined): CompareSettings {
  return resolveSettings(threshold === undefined ? {} : { compare: { linkThreshold: threshold } }).compare;
}

function linkLine(s: LinkSummary): string {
  if (s.references === 0) return 'no reference plan is marked: nothing linked (mark one with "roadmaps reference <id>")';
  return `linked ${s.documents} plan(s) to ${s.references} reference plan(s): ${s.linked} of ${s.activities} activities have a counterpart (${(s.seconds * 1000).toFixed(0)} ms)`;
}

/** The name a reader knows a plan by, with what tells two plans of one territory apart. */
function planName(p: { municipality: string | null; region: string | null; actNumber?: string | null; actDate: string | null }): string {
  const where = p.municipality === null ? p.region ?? '(territory unknown)' : `${p.municipality}${p.region ? `, ${p.region}` : ''}`;
  const act = [p.actNumber ? `№ ${p.actNumber}` : '', p.actDate ?? ''].filter(Boolean).join(' от ');
  return act ? `${where} (${act})` : where;
}

function plans(db: Database, args: Extract<Command, { command: 'plans' }>, io: Io): number {
  if (args.files) return listFiles(db, io);
  const list = listPlans(db);
  if (list.length === 0) {
    io.stderr.write('no plans stored yet\n');
    return 0;
  }
  io.stdout.write(`${'plan'.padStart(4)}  ref  ${'level'.padEnd(9)}  ${'rows'.padStart(4)}  territory (act)\n`);
  for (const p of list) {
    io.stdout.write(`${String(p.id).padStart(4)}  ${p.isReference ? 'REF' : '   '}  ${(p.level ?? '?').padEnd(9)}  ${String(p.sources[0]?.activities ?? 0).padStart(4)}  ${planName(p)}\n`);
    p.sources.forEach((f, i) => {
      io.stdout.write(`        ${i === 0 ? '*' : ' '} #${String(f.id).padEnd(4)} ${f.kind.padEnd(10)} ${String(f.activities).padStart(4)} rows  ${f.sourcePath}\n`);
    });
  }
  const files = list.reduce((n, p) => n + p.sources.length, 0);
  io.stderr.write(`${list.length} plan(s) from ${files} file(s); * = the file each plan is read through\n`);
  return 0;
}

function listFiles(db: Database, io: Io): number {
  const rows = listDocuments(db);
  if (rows.length === 0) io.stderr.write('no documents stored yet\n');
  else io.stdout.write(`${'id'.padStart(4)}  ref  ${'status'.padEnd(7)}  ${'rows'.padStart(4)}       ${'plan'.padStart(4)}  territory, act date  source\n`);
  const referencePlans = new Set(listPlans(db).filter((p) => p.isReference).map((p) => p.id));
  for (const d of rows) {
    const name = d.municipality ?? d.region ?? '(territory unknown)';
    // REF marks the file a reference plan is read through; "ref" its other files.
    const ref = d.planId !== null && referencePlans.has(d.planId) ? (d.sourceRank === 1 ? 'REF' : 'ref') : d.planId === null && d.isReference && d.status !== 'failed' ? 'REF' : '   ';
    const plan = d.planId === null ? '-' : `${d.planId}${d.sourceRank === 1 ? '*' : ' '}`;
    io.stdout.write(`${String(d.id).padStart(4)}  ${ref}  ${d.status.padEnd(7)}  ${String(d.activities).padStart(4)} act.  ${plan.padStart(5)} ${name}${d.actDate ? `, ${d.actDate}` : ''}  ${d.sourcePath}\n`);
  }
  return 0;
}

function reference(db: Database, args: Extract<Command, { command: 'reference' }>, io: Io): number {
  if (args.target === null) return listFiles(db, io);
  const doc = findDocument(db, args.target);
  if (doc === undefined) throw new UsageError(`no stored document "${args.target}" (run "roadmaps plans --files" for the list)`);
  if (doc.status === 'failed') throw new UsageError(`document ${doc.id} failed to ingest and has no activities; it cannot be a reference`);
  const files = markPlanReference(db, doc.id, !args.off);
  const summary = linkDocuments(db, compareSettings(args.threshold));
  const plan = listPlans(db).find((p) => p.sources.some((s) => s.id === doc.id));
  const through = plan?.sources[0];
  io.stderr.write(`plan ${plan?.id ?? doc.id} (${plan ? planName(plan) : `document ${doc.id}`}, ${files.length} file(s)) is ${args.off ? 'no longer' : 'now'} a reference plan`
    + `${!args.off && through ? `, read through document ${through.id} (${through.sourcePath})` : ''}\n`);
  io.stderr.write(linkLine(summary) + '\n');
  return 0;
}

function link(db: Database, args: Extract<Command, { command: 'link' }>, io: Io): number {
  const summary = linkDocuments(db, compareSettings(args.threshold));
  io.stderr.write(linkLine(summary) + '\n');
  return summary.references === 0 ? 1 : 0;
}

function compare(db: Database, args: Extract<Command, { command: 'compare' }>, io: Io): number {
  // Linking takes milliseconds per plan: done every time, so the report never shows links
  // made before the last ingest or under other settings.
  const summary = linkDocuments(db, compareSettings(args.threshold));
  io.stderr.write(linkLine(summary) + '\n');
  const matrix = coverageMatrix(db, { region: args.region, documentIds: args.documentIds });
  if (matrix.blocks.length === 0) {
    io.stderr.write(summary.references === 0 ? 'nothing to compare\n' : 'nothing to compare: no plan matches the filters\n');
    return 1;
  }
  const files: OutputFile[] = [];
  if (args.formats.includes('csv')) files.push(...compareCsvFiles(matrix, args.excel ? EXCEL_RU : RFC4180));
  if (args.formats.includes('html')) {
    const beside = files.map((f) => f.name);
    files.push({ name: 'report.html', content: htmlReport(matrix, { lang: args.lang, extras: reportExtras(db, matrix), files: beside }) });
  }
  fs.mkdirSync(args.out, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(args.out, f.name), f.content);
  const compared = matrix.blocks.reduce((n, b) => n + b.rows.length, 0);
  const sourceFiles = matrix.blocks.reduce((n, b) => n + 1 + b.reference.otherSources.length + b.rows.reduce((m, r) => m + 1 + r.document.otherSources.length, 0), 0);
  io.stderr.write(`${matrix.blocks.length + compared} plan(s) from ${sourceFiles} file(s): ${matrix.blocks.length} reference, ${compared} compared; each plan read through its best source\n`);
  for (const b of matrix.blocks) {
    const others = b.reference.otherSources.length === 0 ? '' : `; also as ${b.reference.otherSources.map((o) => o.kind).join(', ')}`;
    io.stderr.write(`reference plan ${b.reference.planId} (${b.reference.label}) from ${b.reference.sourcePath}${others}, ${b.activities.length} activities:\n`);
    for (const r of b.rows) {
      // A plan of another region (or of none known) measured against this region's plan: the
      // figure is still computed, but it must not read as a like-for-like comparison.
      const elsewhere = r.document.region !== b.reference.region
        ? `  [region ${r.document.region ?? 'unknown'}, not the reference's ${b.reference.region ?? 'unknown'}]` : '';
      const sources = r.document.otherSources.length === 0 ? '' : ` (+${r.document.otherSources.length} file(s))`;
      io.stderr.write(`  ${r.summary.coveragePct.toFixed(1).padStart(5)}%  ${r.document.label}${sources}: ${r.summary.counts.present} present, ${r.summary.counts.changed_responsible + r.summary.counts.changed_deadline + r.summary.counts.changed_both} changed, ${r.summary.counts.missing} missing, ${r.summary.extra.length} own${elsewhere}\n`);
    }
  }
  io.stderr.write(`wrote ${files.map((f) => path.join(args.out, f.name)).join(', ')}\n`);
  return 0;
}

async function exportCommand(db: Database, args: Extract<Command, { command: 'export' }>, io: Io): Promise<number> {
  const filter = { region: args.region, documentIds: args.documentIds, allSources: args.allSources };
  const filtered = args.region !== undefined || args.documentIds !== undefined;
  // A filter that matches nothing is a mistyped name more often than an empty region: say so.
  const nothing = (rows: number): number => {
    if (rows > 0 || !filtered) return 0;
    io.stderr.write(`no activity matches the filters${args.region !== undefined ? ` (region "${args.region}" as stored; see "roadmaps reference")` : ''}\n`);
    return 1;
  };
  if (args.format === 'xlsx') return exportXlsx(db, { ...args, out: args.out! }, filter, io, nothing);
  if (args.out === null) {
    const { rows } = await exportActivities(db, io.stdout as Writable, args.format, filter, { bom: args.excel, excel: args.excel });
    return nothing(rows);
  }
  // Written beside the target and renamed at the end: an interrupted export leaves no
  // half-written file under the name a spreadsheet would open.
  const partial = `${args.out}.partial`;
  const out = fs.createWriteStream(partial);
  try {
    const { rows } = await exportActivities(db, out, args.format, filter, { bom: true, excel: args.excel });
    out.end();
    await finished(out);
    fs.renameSync(partial, args.out);
    io.stderr.write(`wrote ${rows} activities to ${args.out}\n`);
    return nothing(rows);
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

function exportXlsx(db: Database, args: { out: string }, filter: Parameters<typeof exportWorkbook>[1], io: Io, nothing: (rows: number) => number): number {
  const book = exportWorkbook(db, filter);
  // Same rule as the other formats: the file appears under its name only when complete.
  const partial = `${args.out}.partial`;
  try {
    fs.writeFileSync(partial, book.bytes);
    fs.renameSync(partial, args.out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  io.stderr.write(`wrote ${book.activities} activities of ${book.plans} plan(s) to ${args.out} (sheets: ${book.sheets.join(', ')})\n`);
  return nothing(book.activities);
}

/** Enough of a cell to recognise the row in the plan. */
const EXAMPLE_CHARS = 80;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function actors(db: Database, args: Extract<Command, { command: 'actors' }>, io: Io): number {
  if (!args.unknown) {
    for (const a of actorCounts(db)) io.stdout.write(`${a.code.padEnd(12)} ${String(a.activities).padStart(6)} activities  ${String(a.documents).padStart(4)} plan(s)\n`);
    return 0;
  }
  const unknown = unknownActors(db);
  if (unknown.length === 0) io.stderr.write('every responsible party was recognised\n');
  for (const u of unknown) {
    io.stdout.write(`${String(u.activities).padStart(5)}  ${u.raw}  — ${u.documents.map((d) => `${d.id} (${d.label})`).join(', ')}\n`);
    const e = u.example;
    io.stdout.write(`       e.g. #${e.documentId} row ${e.seq}: «${clip(e.activity, EXAMPLE_CHARS)}» — responsible: «${clip(e.responsible, EXAMPLE_CHARS)}»\n`);
  }
  return 0;
}

function search(db: Database, args: Extract<Command, { command: 'search' }>, io: Io): number {
  let hits;
  try {
    hits = searchActivities(db, args.query, args.limit);
  } catch (err) {
    // A malformed FTS5 query (an unbalanced quote, a bare operator) is the user's to fix.
    throw new UsageError(`search query ${JSON.stringify(args.query)}: ${(err as Error).message}`);
  }
  if (hits.length === 0) {
    io.stderr.write(`nothing matches ${JSON.stringify(args.query)}\n`);
    return 1;
  }
  for (const h of hits) {
    const where = h.municipality ?? h.region ?? '';
    io.stdout.write(`${String(h.activityId).padStart(6)}  #${h.documentId} row ${h.seq}${where ? ` (${where})` : ''}: ${h.snippet.replace(/\s+/g, ' ')}\n`);
  }
  return 0;
}
