import type { ActivityRow, IngestedDocument, Issue, Page, ParsedDocument } from '../model/index.js';
import type { Settings } from '../settings.js';
import { IllegiblePageError, NoPlanTableError } from '../errors.js';
import type { MetaLine, TableGrid } from './grid.js';
import { pagesToGrid } from './page-table.js';
import { blocksToGrid } from './struct-table.js';
import { gridToPlanRows } from './rows-to-plan.js';
import { extractMetadata } from './metadata.js';
import { findMissingRows } from './missing-rows.js';

/**
 * Ingested pages or blocks → the plan table and the document's metadata. Pages of words
 * (text layer, OCR) go through the geometric table finder; DOCX and text blocks already
 * have their table structure.
 */
export function parseDocument(doc: IngestedDocument, settings: Settings): ParsedDocument {
  let grid: TableGrid;
  let meta: MetaLine[];
  const { legible, illegible } = byLegibility(doc.pages, settings.table.minLegibleConf);
  if (doc.pages.length > 0 && legible.length === 0) {
    throw new IllegiblePageError(`OCR read ${describe(illegible)} with a mean word confidence of ${illegible.map((p) => p.conf.toFixed(2)).join(', ')} (a page is read from ${settings.table.minLegibleConf} up): too blurred, shaken or coarse to tell the words`);
  }
  if (doc.pages.length > 0) ({ grid, meta } = pagesToGrid(legible, settings.table));
  else if (doc.blocks.length > 0) ({ grid, meta } = blocksToGrid(doc.blocks, settings.table, doc.format === 'txt' ? 'text' : 'structure'));
  else throw new NoPlanTableError('the document has no text');

  const rows = gridToPlanRows(grid.columns, grid.rows);
  const lastIndex = rows.findLastIndex((r) => r.kind === 'activity');
  // A file of one page whose table runs into its bottom is one sheet of a longer plan (a phone
  // photo, a single scanned page): renderers split a tall row at the page break, so its last
  // row is most likely cut mid-text and is kept apart. On the last page of a file of several
  // pages the table is far more often simply complete, so that row stays, flagged.
  // The row itself is flagged, not only the document: analysts filter rows by needs_review.
  const onlyPage = doc.pageCount === 1;
  if (grid.openEnd && lastIndex >= 0) {
    rows[lastIndex] = { ...(rows[lastIndex] as ActivityRow), mayContinue: true, ...(onlyPage ? { cutOff: true } : {}) };
  }
  const activities = rows.filter((r) => r.kind === 'activity');
  if (activities.length === 0) throw new NoPlanTableError('the plan table has a header but no activity rows');

  const issues: Issue[] = [];
  for (const p of illegible) {
    issues.push({ stage: 'parse', severity: 'warning', page: p.number, message: `page ${p.number} could not be read (OCR's mean word confidence ${p.conf.toFixed(2)}): its rows, if it has any, are not stored` });
  }
  const missing = (['number', 'responsible', 'deadline', 'result'] as const).filter((r) => !grid.columns.some((c) => c.role === r));
  if (missing.length) issues.push({ stage: 'parse', severity: 'warning', message: `plan table has no column for: ${missing.join(', ')}` });
  const last = activities.at(-1)!;
  if (grid.openEnd && last.kind === 'activity') {
    issues.push({
      stage: 'parse',
      severity: 'warning',
      page: last.provenance.page ?? undefined,
      message: onlyPage
        ? `the table runs off the bottom of the file's only page: row ${last.number || activities.length} is kept apart as a fragment (table fragments), not as an activity`
        : `the table runs to the end of the file: row ${last.number || activities.length} may continue on a page this file does not have`,
    });
  }
  // Rows the table walk may have lost (a row split at a page break that ended the table, rows
  // glued together): the file must not pass for complete. The rows on either side are
  // flagged, since analysts filter rows by needs_review.
  const ocrPages = new Set(doc.pages.filter((p) => p.source === 'ocr').map((p) => p.number));
  const losses = findMissingRows({ pages: doc.pages, grid, rows, ocrPages, settings: settings.table });
  for (const loss of losses) {
    issues.push({ stage: 'parse', severity: 'warning', ...(loss.page ? { page: loss.page } : {}), message: loss.message });
    for (const k of loss.around) rows[k] = { ...(rows[k] as ActivityRow), rowsMissing: true };
  }
  const missingRows = losses.reduce((n, l) => n + l.count, 0);
  // The table's own text names what the header may not: a regional institute (region), the
  // year sections (period).
  const tableText = grid.rows.map((r) => r.cells.join(' | ')).join('\n');
  const { meta: documentMeta, preamble } = extractMetadata(meta, { tableText });
  return {
    meta: documentMeta,
    preamble,
    columns: grid.columns,
    rows,
    method: grid.method,
    issues,
    ...(missingRows > 0 ? { missingRows } : {}),
  };
}

/**
 * OCR'd pages whose words came back mostly unrecognised are left out of the table: read,
 * they give rows of noise (glued, in the wrong columns) that would pass for the plan's.
 */
function byLegibility(pages: readonly Page[], minConf: number): { legible: Page[]; illegible: Page[] } {
  const illegible = pages.filter((p) => p.source === 'ocr' && p.words.length > 0 && p.conf < minConf);
  return { legible: pages.filter((p) => !illegible.includes(p)), illegible };
}

function describe(pages: readonly Page[]): string {
  return pages.length === 1 ? `page ${pages[0]!.number}` : `pages ${pages.map((p) => p.number).join(', ')}`;
}
