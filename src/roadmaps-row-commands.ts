import { deriveCorrection } from './compare/derive-correction.js';
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { parseCorrectionsCsv } from './compare/corrections-csv.js';
import { linkDocuments } from './compare/link.js';
import { cropRow } from './compare/row-crop.js';
import { rowProvenance, type RowProvenance } from './compare/row-provenance.js';
import { locateSourceFile, type SourceFileState } from './compare/source-file.js';
import { CropError, UsageError } from './errors.js';
import type { RoadmapsArgs } from './roadmaps-options.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { correctActivities, listCorrections, type AppliedCorrection, type StoredCorrection } from './store/corrections.js';

/*
 * `roadmaps show` and `roadmaps correct`: one row at a time — where it comes from, and the
 * hand corrections made to it.
 */

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Show = Extract<RoadmapsArgs, { command: 'show' }>;
type Correct = Extract<RoadmapsArgs, { command: 'correct' }>;

const quote = (s: string): string => (s === '' ? '—' : `«${s.replace(/\s*\n\s*/g, ' / ')}»`);

function territory(p: RowProvenance['plan']): string {
  if (p === undefined) return '';
  const where = p.municipality ?? p.region ?? '(territory unknown)';
  const act = [p.actNumber ? `№ ${p.actNumber}` : '', p.actDate ?? ''].filter(Boolean).join(' от ');
  return `${where}${p.municipality && p.region ? `, ${p.region}` : ''}${act ? ` (${act})` : ''}`;
}

function fileLine(f: SourceFileState): string {
  if (f.recorded === 'present') return 'present, unchanged';
  const what = f.recorded === 'missing' ? 'MISSING at that path' : `CHANGED since ingest (sha256 now ${f.currentSha256})`;
  return `${what}${f.usablePath ? `; the same content is at ${f.usablePath}` : '; no copy of the stored content was found'}`;
}

function deadlineDetail(r: RowProvenance): string {
  const parts = [r.deadlineKind];
  if (r.deadlineFrom || r.deadlineTo) parts.push(`${r.deadlineFrom ?? '…'} – ${r.deadlineTo ?? '…'}`);
  if (r.deadlineYears) parts.push(`years ${r.deadlineYears}`);
  if (r.deadlineMonths) parts.push(`months ${r.deadlineMonths}`);
  if (r.deadlineRecurrence) parts.push(r.deadlineRecurrence);
  return parts.join(', ');
}

const pt = (n: number): string => n.toFixed(1);

export async function show(db: Database, args: Show, io: Io): Promise<number> {
  const r = rowProvenance(db, args.activityId);
  if (r === undefined) throw new UsageError(`no stored activity ${args.activityId} (ids as "roadmaps search" and "export" print them)`);
  const corrected = new Map<string, StoredCorrection>(r.corrections.filter((c) => c.status === 'applied').map((c) => [c.field, c]));
  const mark = (field: string): string => (corrected.has(field) ? '  ✎ corrected' : '');
  const out: string[] = [
    `activity ${r.activityId}: row ${r.seq} of document ${r.documentId}${r.plan ? `, plan ${r.plan.id} ${territory(r.plan)}` : ''}`,
    `  section:      ${quote(r.section)}${mark('section')}`,
    `  number:       ${r.number || '—'}${mark('number')}`,
    `  activity:     ${quote(r.activity)}${mark('activity')}`,
    `  responsible:  ${quote(r.responsible)}${mark('responsible')}`,
    `  actor codes:  ${r.actorCodes.join(', ') || '—'}`,
    `  deadline:     ${quote(r.deadline)} (${deadlineDetail(r)})${mark('deadline')}`,
    `  result:       ${quote(r.result)}${mark('result')}`,
    `  page:         ${r.page ?? '— (no pages: structured file)'}${r.pages.length > 1 ? ` (spans pages ${r.pages.join(', ')})` : ''}`,
    `  confidence:   ${r.confidence.toFixed(2)}${r.confidence < 1 ? ' (OCR)' : ''}`,
    `  needs review: ${r.reviewReasons.join(', ') || 'no'}`,
  ];
  if (r.corrections.length > 0) {
    out.push('corrections:');
    for (const c of r.corrections) out.push(`  ${correctionLine(c)}`);
  }
  const file = locateSourceFile(db, r.document.sha256, r.document.sourcePath);
  out.push('sources:');
  out.push(`  document ${r.document.id}: ${r.document.sourcePath}`);
  out.push(`    format ${r.document.format ?? '?'}${r.document.pages !== null ? `, ${r.document.pages} page(s)` : ''}, status ${r.document.status}`);
  out.push(`    sha256 ${r.document.sha256}`);
  out.push(`    file: ${fileLine(file)}`);
  if (r.page !== null) {
    out.push(`    page(s) ${r.pages.length > 0 ? r.pages.join(', ') : r.page}${r.bbox ? `; box on page ${r.page}: x ${pt(r.bbox.x0)}–${pt(r.bbox.x1)}, y ${pt(r.bbox.y0)}–${pt(r.bbox.y1)} pt from the top-left corner` : '; no box stored'}`);
  } else {
    out.push('    no page geometry (a structured file: rows are found by their order, seq)');
  }
  for (const p of file.otherPaths) out.push(`    also met at: ${p}`);
  if (r.plan !== undefined) {
    out.push(`  plan ${r.plan.id}${r.plan.isReference ? ' (reference)' : ''}: ${r.plan.sources.length} file(s), * = the file the plan is read through`);
    r.plan.sources.forEach((s, i) => {
      out.push(`    ${i === 0 ? '*' : ' '} #${String(s.id).padEnd(4)} ${s.kind.padEnd(10)} ${String(s.activities).padStart(4)} rows  ${s.sourcePath}${s.id === r.documentId ? '  (this row\'s file)' : ''}`);
    });
  }
  io.stdout.write(out.join('\n') + '\n');
  if (args.crop === null) return 0;
  return writeCrop(r, file, args.crop, io);
}

async function writeCrop(r: RowProvenance, file: SourceFileState, target: string, io: Io): Promise<number> {
  if (r.page === null) {
    throw new CropError('no_page_image', `document ${r.documentId} is a ${(r.document.format ?? 'structured').toUpperCase()} file: it has no page image, so there is nothing to crop`,
      'crop a row of a PDF, scan or photo of the same plan (its files are listed above)');
  }
  if (file.usablePath === null) {
    throw new CropError('source_unavailable',
      `cannot crop: the source file ${file.recordedPath} is ${file.recorded === 'missing' ? 'missing' : 'changed since it was ingested (its sha256 differs)'}, and no copy of the stored content was found`,
      'put the original file back at that path (or ingest it again from where it is now)');
  }
  if (file.usablePath !== file.recordedPath) io.stderr.write(`note: ${file.recordedPath} is ${file.recorded}; cropping the same content at ${file.usablePath}\n`);
  const crop = await cropRow(fs.readFileSync(file.usablePath), { format: r.document.format, page: r.page, pages: r.pages, bbox: r.bbox, confidence: r.confidence }, DEFAULT_SETTINGS);
  for (const n of crop.notes) io.stderr.write(`note: ${n}\n`);
  fs.writeFileSync(target, crop.png);
  io.stderr.write(`wrote ${target} (${crop.width}×${crop.height} px, page ${r.page} of ${file.usablePath})\n`);
  return 0;
}

function correctionLine(c: StoredCorrection): string {
  const state = c.status === 'applied' ? 'applied' : c.status === 'stale_row' ? 'STALE: the row is gone' : 'STALE: the cell reads otherwise now';
  return `${c.field}: ${quote(c.oldValue)} → ${quote(c.newValue)}  [${state}; ${c.updatedAt}]`;
}

export function correct(db: Database, args: Correct, io: Io): number {
  const mode = args.mode;
  if (mode.kind === 'list') return listStored(db, mode.activityId, io);
  const requests = mode.kind === 'one'
    ? [{ target: { activityId: mode.activityId }, field: mode.field, value: mode.value }]
    : parseCorrectionsCsv(readText(mode.file), mode.file);
  const done = correctActivities(db, requests, deriveCorrection);
  // Links compare the cells' words and actor codes: made again so they describe the corrected text.
  const linked = db.prepare('SELECT EXISTS (SELECT 1 FROM activity_links)').pluck().get() === 1;
  if (linked) linkDocuments(db, DEFAULT_SETTINGS.compare);
  for (const c of done) io.stdout.write(appliedLine(c) + '\n');
  const withdrawn = done.filter((c) => c.withdrawn).length;
  io.stderr.write(`${done.length - withdrawn} correction(s) applied${withdrawn ? `, ${withdrawn} withdrawn (the extracted text was given again)` : ''}; they are applied again whenever the same file is ingested${linked ? '; links refreshed' : ''}\n`);
  return 0;
}

function appliedLine(c: AppliedCorrection): string {
  return c.withdrawn
    ? `activity ${c.activityId} ${c.field}: back to the extracted ${quote(c.oldValue)}`
    : `activity ${c.activityId} ${c.field}: ${quote(c.oldValue)} → ${quote(c.newValue)}`;
}

function listStored(db: Database, activityId: number | null, io: Io): number {
  const list = listCorrections(db, activityId === null ? {} : { activityId });
  if (list.length === 0) {
    io.stderr.write(activityId === null ? 'no corrections stored\n' : `no corrections of activity ${activityId}\n`);
    return 0;
  }
  for (const c of list) {
    const row = c.activityId !== null ? `activity ${c.activityId} (document ${c.documentId} row ${c.seq})` : `row ${c.seq} of ${c.sha256.slice(0, 12)}… (${c.documentId === null ? 'content not stored' : `document ${c.documentId}`})`;
    io.stdout.write(`${row}  ${correctionLine(c)}\n`);
  }
  const stale = list.filter((c) => c.status !== 'applied').length;
  io.stderr.write(`${list.length} correction(s)${stale ? `, ${stale} stale (kept, not applied: check them with "roadmaps show")` : ''}\n`);
  return 0;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
