import type { ActivityRow, Page, PlanRow } from '../model/index.js';
import { parseRowNumber, type RowNumber } from '../model/row-number.js';
import { TUNING, type Settings } from '../settings.js';
import type { GridRow, TableGrid } from './grid.js';
import { findHeader, headerColumns } from './page-header.js';
import { median, type PageColumn } from './page-columns.js';
import { lineText, medianWordHeight, wordsToLines, type TextLine } from './text-lines.js';

/** A place where the stored plan may lack rows of the source, and how many. */
export interface MissingRows {
  /** Estimated rows missing there (at least 1). */
  count: number;
  message: string;
  page?: number;
  /** Indexes into the plan rows of the activities on either side of the loss. */
  around: number[];
}

/** A lone page number or "Страница 2 из 5" in the page margin. */
const PAGE_NUMBER = /^([-–—]?\s*\d{1,4}\s*[-–—]?|(стр\.?|страница)\s*\d+(\s*(из|\/)\s*\d+)?)$/i;
/** What separates the numbers of rows sharing one number cell ("5.-6.", "5, 6"). */
const NUMBER_LIST = /[-–—,;]+/;

interface Numbered {
  index: number;
  /** The first and the last number the cell names (the same for a single number). */
  first: RowNumber;
  last: RowNumber;
  ocr: boolean;
}

/**
 * Finds rows the parser may have lost, whatever lost them: numbered lines (or lines set out
 * in the table's columns) that go on after the table's end, and gaps in the stored rows'
 * own numbering. Built to stay silent on what plans legitimately do — restart numbering in
 * each section, repeat a number, share one number cell between rows, end with signatures or
 * a second table numbered from 1 (target indicators) — and on what OCR does to numbers.
 */
export function findMissingRows(input: {
  pages: readonly Page[];
  grid: TableGrid;
  rows: readonly PlanRow[];
  ocrPages: ReadonlySet<number>;
  settings: Settings['table'];
}): MissingRows[] {
  const { rows } = input;
  const numbered = numberedActivities(rows, input.ocrPages);
  const activities = rows.filter((r) => r.kind === 'activity').length;
  const out = [...glued(numbered, rows), ...gaps(numbered, rows)];
  if (input.pages.length > 0) {
    const after = numbered.length >= TUNING.parse.missingRows.numberedShare * activities
      ? numberedAfterEnd(input, numbered)
      : columnarAfterEnd(input);
    if (after) out.push(after);
  }
  return out;
}

function numberedActivities(rows: readonly PlanRow[], ocrPages: ReadonlySet<number>): Numbered[] {
  const out: Numbered[] = [];
  rows.forEach((r, index) => {
    if (r.kind !== 'activity' || r.number === '') return;
    const ocr = r.provenance.page !== null && ocrPages.has(r.provenance.page);
    const single = parseRowNumber(r.number);
    if (single) return out.push({ index, first: single, last: single, ocr });
    // Rows sharing one number cell ("5.-6."): the sequence goes on from the last of them.
    const list = r.number.split(NUMBER_LIST).filter(Boolean).map(parseRowNumber);
    if (list.length >= 2 && list.every((n) => n !== null)) out.push({ index, first: list[0]!, last: list.at(-1)!, ocr });
    // Anything else is no number to go by: it breaks the sequence rather than bridging it.
    else out.push({ index, first: { parts: [], closer: '' }, last: { parts: [], closer: '' }, ocr });
  });
  return out;
}

/** The depth most of the stored numbers have: the depth of an activity row. */
function rowDepth(numbered: readonly Numbered[]): number {
  const counts = new Map<number, number>();
  for (const n of numbered) if (n.last.parts.length) counts.set(n.last.parts.length, (counts.get(n.last.parts.length) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
}

const show = (n: RowNumber) => n.parts.join('.') + (n.closer || '');

/**
 * Rows missing between two numbers of a plan, or null when their order says nothing clear
 * (a restart, a repeated number, numbers of other levels).
 * - 1.2 → 1.5: 2 (1.3, 1.4); 3 → 5: 1;
 * - 1.4 → 2.3: 2 (2.1, 2.2; how many section 1 still had is unknown);
 * - 2. (a heading row) → 2.3: 2;
 * - 4 → 1 (a section numbered from 1 again), 1.4 → 1.4: nothing.
 */
function missingBetween(a: RowNumber, b: RowNumber): number | null {
  const pa = a.parts, pb = b.parts;
  if (pa.length === 0 || pb.length === 0) return null;
  const lastA = pa.at(-1)!, lastB = pb.at(-1)!;
  const samePrefix = (n: number) => pa.slice(0, n).every((x, k) => x === pb[k]);
  if (pa.length === pb.length) {
    const d = pa.length;
    if (samePrefix(d - 1)) return lastB > lastA ? lastB - lastA - 1 : null;
    // The next section's rows: its number one up, its rows from 1.
    if (d >= 2 && samePrefix(d - 2) && pb[d - 2] === pa[d - 2]! + 1) return lastB - 1;
    return null;
  }
  if (pb.length === pa.length + 1 && samePrefix(pa.length)) return lastB - 1;
  return null;
}

/**
 * Gaps in the stored numbering. A number OCR read may be wrong ("7." for "17."), so around a
 * row from OCR a gap counts only when the sequence confirms both sides: the row before the
 * gap follows its own predecessor, the row after it is followed by its successor.
 */
function gaps(numbered: readonly Numbered[], rows: readonly PlanRow[]): MissingRows[] {
  const out: MissingRows[] = [];
  const clean = (x: Numbered | undefined, y: Numbered | undefined) => x !== undefined && y !== undefined && missingBetween(x.last, y.first) === 0;
  for (let i = 1; i < numbered.length; i++) {
    const a = numbered[i - 1]!, b = numbered[i]!;
    const flat = a.last.parts.length === 1 && b.first.parts.length === 1;
    let missing = missingBetween(a.last, b.first);
    if (missing === null || missing <= 0) continue;
    // Flat numbers across a section heading: the new section may number from 1 again, so
    // "3." after "4." there would have lost 1. and 2.; either way rows are gone, at least this many.
    if (flat && sectionBetween(rows, a.index, b.index)) missing = Math.min(missing, b.first.parts[0]! - 1);
    if (missing <= 0) continue;
    if ((a.ocr || b.ocr) && !((clean(numbered[i - 2], a) || a.last.parts.at(-1) === 1) && clean(b, numbered[i + 1]))) continue;
    out.push({
      count: missing,
      message: `${missing} row(s) may be missing: row numbers skip from ${show(a.last)} to ${show(b.first)}`,
      page: pageOf(rows[b.index]),
      around: [a.index, b.index],
    });
  }
  return out;
}

/**
 * Two rows glued into one: a number cell of twice the plan's depth made of two consecutive
 * numbers ("5.6." in a plan numbered 1., 2. …, "1.2.1.3." in one numbered 1.1., 1.2. …) —
 * the number column's words of two rows joined.
 */
function glued(numbered: readonly Numbered[], rows: readonly PlanRow[]): MissingRows[] {
  const d = rowDepth(numbered);
  const out: MissingRows[] = [];
  numbered.forEach((n, i) => {
    if (n.first !== n.last || n.first.parts.length !== 2 * d) return;
    const head: RowNumber = { parts: n.first.parts.slice(0, d), closer: n.first.closer };
    const tail: RowNumber = { parts: n.first.parts.slice(d), closer: n.first.closer };
    if (missingBetween(head, tail) !== 0) return;
    // A sub-row "1.2." of a plan numbered 1., 2. reads the same; glued rows sit in the plan's
    // own sequence, the row before leading into the first number and the row after going on
    // from the second.
    const before = numbered[i - 1], after = numbered[i + 1];
    if (before && missingBetween(before.last, head) !== 0) return;
    if (after && missingBetween(tail, after.first) !== 0) return;
    out.push({
      count: 1,
      message: `1 row(s) may be missing: row number ${(rows[n.index] as ActivityRow).number} reads as ${show(head)} and ${show(tail)} glued into one row`,
      page: pageOf(rows[n.index]),
      around: [n.index],
    });
  });
  return out;
}

function sectionBetween(rows: readonly PlanRow[], from: number, to: number): boolean {
  return rows.slice(from + 1, to).some((r) => r.kind === 'section');
}

const pageOf = (r: PlanRow | undefined): number | undefined => r?.provenance.page ?? undefined;

interface AfterLine {
  page: Page;
  line: TextLine;
}

/** Where the stored table ends: its last row's page and the bottom of its rows there. */
function tableEnd(rows: readonly GridRow[]): { page: number; y: number } | null {
  const last = rows.findLast((r) => r.page !== null && r.bbox !== null);
  if (!last) return null;
  const y = Math.max(...rows.filter((r) => r.page === last.page && r.bbox).map((r) => r.bbox!.y1));
  return { page: last.page!, y };
}

/** Lines below the table's end on its last page and on every later page, margins' page numbers left out. */
function linesAfterEnd(pages: readonly Page[], end: { page: number; y: number }, settings: Settings['table']): AfterLine[] {
  const out: AfterLine[] = [];
  for (const page of pages) {
    if (page.number < end.page) continue;
    const m = page.height * settings.marginShare;
    for (const line of wordsToLines(page.words, settings.lineMergeRatio)) {
      if (page.number === end.page && (line.y0 + line.y1) / 2 <= end.y) continue;
      if ((line.y1 < m || line.y0 > page.height - m) && PAGE_NUMBER.test(lineText(line))) continue;
      out.push({ page, line });
    }
  }
  return out;
}

/**
 * Numbered lines after the table's end that go on with its numbering: the first continues
 * the last stored number, each next one the one before. The scan stops at the first number
 * that does not (a second table numbered from 1, a list in a note), so what follows another
 * numbering is never counted.
 */
function numberedAfterEnd(
  input: { pages: readonly Page[]; grid: TableGrid; ocrPages: ReadonlySet<number>; settings: Settings['table'] },
  numbered: readonly Numbered[],
): MissingRows | null {
  const { grid, settings } = input;
  const end = tableEnd(grid.rows);
  const lastStored = numbered.findLast((n) => n.last.parts.length > 0);
  const iNum = grid.columns.findIndex((c) => c.role === 'number');
  if (!end || !lastStored || iNum < 0) return null;
  // Where the stored rows' numbers stand: a grid row's box begins at its number cell — or,
  // in a table with the № column last, ends there.
  const numberLast = iNum > 0 && iNum === grid.columns.length - 1;
  const edge = (b: { x0: number; x1: number }) => (numberLast ? b.x1 : b.x0);
  const xs = grid.rows.filter((r) => r.bbox && parseRowNumber((r.cells[iNum] ?? '').replace(/\s+/g, ''))).map((r) => edge(r.bbox!));
  if (xs.length === 0) return null;
  const numberX = median(xs);
  const closers = numbered.map((n) => n.last.closer);
  const closer = mostCommon(closers);
  const depth = rowDepth(numbered);
  const { numberColumnSlack, maxSequenceStep } = TUNING.parse.missingRows;

  let tail = lastStored.last;
  let count = 0;
  let misread = false;
  const pages: number[] = [];
  for (const { page, line } of linesAfterEnd(input.pages, end, settings)) {
    const first = numberLast ? line.words.at(-1)! : line.words[0]!;
    if (Math.abs(edge(first.bbox) - numberX) > numberColumnSlack) continue;
    const n = parseRowNumber(first.text);
    if (!n) continue;
    // The plan's own style: "8." after "7.", not a "2)" item or a plain "3" of another list.
    // OCR drops and adds dots, so on its pages only the bracket tells another style.
    const ocr = input.ocrPages.has(page.number);
    if (ocr ? (n.closer === ')') !== (closer === ')') : n.closer !== closer) continue;
    const step = sequenceStep(tail, n, depth, maxSequenceStep);
    // A list numbered from 1 again is another table's; on an OCR'd page one other number that
    // does not go on from the last is a misread one ("5." for "9."), not the end of the rows
    // (two in a row are another list: "1." misread, then "2.", "3.").
    if (step === null && ocr && !misread && !(n.parts.length === 1 && n.parts[0] === 1)) {
      misread = true;
      continue;
    }
    if (step === null) break;
    misread = false;
    count += step;
    tail = n;
    if (!pages.includes(page.number)) pages.push(page.number);
  }
  if (count === 0) return null;
  const span = pages.length === 1 ? `page ${pages[0]}` : `pages ${pages[0]}–${pages.at(-1)}`;
  return {
    count,
    message: `${count} row(s) may be missing: stored rows end at ${show(lastStored.last)}, the text goes on to ${show(tail)} (${span})`,
    page: pages[0],
    around: [lastStored.index],
  };
}

/**
 * Rows a number after `tail` stands for when it continues the sequence (0 for a heading of
 * the next section, "2." after "1.7."), or null when it does not.
 */
function sequenceStep(tail: RowNumber, n: RowNumber, depth: number, maxStep: number): number | null {
  const pt = tail.parts, pn = n.parts;
  const rows = (k: number) => (pn.length >= depth ? k : 0);
  const startsLevels = (rest: readonly number[]) => rest.every((x) => x >= 1 && x <= maxStep);
  const i = pn.findIndex((x, k) => k < pt.length && x !== pt[k]);
  if (i < 0) {
    // The first rows under a heading ("2.1." after the row "2."); the same number again is no step.
    return pn.length > pt.length && startsLevels(pn.slice(pt.length)) ? rows(pn.at(-1)!) : null;
  }
  const step = pn[i]! - pt[i]!;
  // Levels below the one that moved start again from 1: "2.1." after "1.7.", not "2.5.".
  if (step < 1 || step > maxStep || !startsLevels(pn.slice(i + 1))) return null;
  if (i < pn.length - 1) return rows(pn.at(-1)!);
  // "1.9." after "1.7." stands for 1.8 too; "2." after "1.7." is the next section's heading.
  return rows(i === pt.length - 1 ? step : 1);
}

/**
 * A plan without row numbers: lines after the table's end set out in its columns, up to a
 * second table's own header. Each run of such lines is counted as one row.
 */
function columnarAfterEnd(input: { pages: readonly Page[]; grid: TableGrid; rows: readonly PlanRow[]; settings: Settings['table'] }): MissingRows | null {
  const { pages, grid, settings } = input;
  const end = tableEnd(grid.rows);
  if (!end) return null;
  const columns = tableColumns(pages, settings);
  if (!columns) return null;
  const bounds = columns.slice(1).map((c) => c.x0).filter(Number.isFinite);
  const after = linesAfterEnd(pages, end, settings);
  let count = 0;
  let inRun = false;
  const pageSet: number[] = [];
  let stopPage = Infinity, stopY = Infinity;
  for (const p of new Set(after.map((a) => a.page))) {
    const lines = after.filter((a) => a.page === p).map((a) => a.line);
    const other = findHeader(lines, p.rules, settings);
    if (other) {
      stopPage = p.number;
      stopY = lines[other.first]!.y0;
      break;
    }
  }
  for (const { page, line } of after) {
    if (page.number > stopPage || (page.number === stopPage && line.y0 >= stopY)) break;
    const lineH = medianWordHeight(line.words);
    const straddles = line.words.some((w) => bounds.some((b) => w.bbox.x0 < b - 2 && w.bbox.x1 > b + 2));
    const cells = new Set(line.words.map((w) => columns.findIndex((c) => (w.bbox.x0 + w.bbox.x1) / 2 >= c.x0 && (w.bbox.x0 + w.bbox.x1) / 2 < c.x1)));
    cells.delete(-1);
    const columnar = !straddles && cells.size >= TUNING.parse.missingRows.minColumnarCells && lineH > 0;
    if (columnar && !inRun) {
      count++;
      if (!pageSet.includes(page.number)) pageSet.push(page.number);
    }
    inRun = columnar;
  }
  if (count === 0) return null;
  const span = pageSet.length === 1 ? `page ${pageSet[0]}` : `pages ${pageSet[0]}–${pageSet.at(-1)}`;
  const lastActivity = input.rows.findLastIndex((r) => r.kind === 'activity');
  return {
    count,
    message: `${count} row(s) may be missing: ${count} line(s) set out in the table's columns follow its end (${span})`,
    page: pageSet[0],
    around: lastActivity >= 0 ? [lastActivity] : [],
  };
}

/** The table's columns as its header page sets them out (the header is found as the parser found it). */
function tableColumns(pages: readonly Page[], settings: Settings['table']): PageColumn[] | null {
  for (const page of pages) {
    const lines = wordsToLines(page.words, settings.lineMergeRatio);
    const header = findHeader(lines, page.rules, settings);
    if (!header) continue;
    const cols = headerColumns(header, lines, page.rules, lines.slice(header.last + 1), settings);
    // Open outer edges are the page's: a word past the last boundary is in the last column.
    return cols.map((c, k) => ({ ...c, x0: k === 0 ? -Infinity : c.x0, x1: k === cols.length - 1 ? Infinity : c.x1 }));
  }
  return null;
}

function mostCommon<T>(xs: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
