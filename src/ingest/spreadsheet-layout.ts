import type { Range } from '@e965/xlsx';
import { TooLargeError } from '../errors.js';
import type { StructBlock, StructCell } from '../model/document.js';
import { isPlanHeader } from './spreadsheet-header.js';
import type { SheetContent, SheetRow } from './spreadsheet-workbook.js';

type TableBlock = Extract<StructBlock, { kind: 'table' }>;

/**
 * Rows with text one sheet may pass on. A plan has tens to hundreds; a sheet of 100 000 is a
 * data dump (or a crafted file), and its blocks would dwarf every real document.
 */
export const MAX_SHEET_ROWS = 100_000;
/** Columns with text one table may have; a plan has five to ten. */
export const MAX_TABLE_COLUMNS = 200;

/**
 * Position in `sheet.rows` of the plan table's header: a row naming the plan's columns, or a
 * row whose labels do so together with the row right under it (a two-level header, where
 * «Организация исполнения» spans «Ответственный» | «Срок»). -1 when the sheet has none.
 */
export function findPlanHeader(sheet: SheetContent): number {
  const rows = sheet.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (isPlanHeader(row.cells.map((c) => c.text))) return i;
    const next = rows[i + 1];
    if (next && next.index === row.index + 1 && isPlanHeader(stacked(row, next))) return i;
  }
  return -1;
}

/** Each column's labels of two rows read top to bottom. */
function stacked(upper: SheetRow, lower: SheetRow): string[] {
  const byCol = new Map<number, string>();
  for (const c of [...upper.cells, ...lower.cells]) byCol.set(c.col, `${byCol.get(c.col) ?? ''} ${c.text}`.trim());
  return [...byCol.values()];
}

/**
 * A plan sheet as a document: the rows above the header (the act's heading typed into one
 * cell per row, usually merged across the table) as paragraphs, the header and the rows under
 * it as one table, and what follows the table after an empty row (signatures) as paragraphs
 * again. Inside the table a row of one cell is a section heading («1. Организационные
 * мероприятия»); an empty row followed by more rows of several cells is just dropped.
 */
export function planSheetBlocks(sheet: SheetContent, header: number): StructBlock[] {
  checkRowCount(sheet);
  const rows = sheet.rows;
  let end = header + 1;
  while (end < rows.length) {
    const gap = rows[end]!.index > rows[end - 1]!.index + 1;
    if (gap && rows[end]!.cells.length === 1) break;
    end++;
  }
  return [
    ...looseBlocks(rows.slice(0, header), sheet.merges),
    tableBlock(rows.slice(header, end), sheet.merges),
    ...looseBlocks(rows.slice(end), sheet.merges),
  ];
}

/** A sheet without a plan header, laid out the same way minus the table rule. */
export function otherSheetBlocks(sheet: SheetContent): StructBlock[] {
  checkRowCount(sheet);
  return looseBlocks(sheet.rows, sheet.merges);
}

function checkRowCount(sheet: SheetContent): void {
  if (sheet.rows.length > MAX_SHEET_ROWS) {
    throw new TooLargeError(`sheet «${sheet.name}» has ${sheet.rows.length.toLocaleString('en')} rows with text (at most ${MAX_SHEET_ROWS.toLocaleString('en')} are read)`);
  }
}

/** Rows of one cell become paragraphs; runs of rows of several cells become tables. */
function looseBlocks(rows: readonly SheetRow[], merges: readonly Range[]): StructBlock[] {
  const blocks: StructBlock[] = [];
  let run: SheetRow[] = [];
  const flush = (): void => {
    if (run.length > 0) blocks.push(tableBlock(run, merges));
    run = [];
  };
  for (const row of rows) {
    if (row.cells.length > 1) {
      run.push(row);
      continue;
    }
    flush();
    blocks.push({ kind: 'paragraph', text: row.cells[0]!.text, bold: false });
  }
  flush();
  return blocks;
}

/** Where a merged range lands on a table: positions in its rows and kept columns, end exclusive. */
interface Placed {
  range: Range;
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/**
 * Rows of a sheet as a table over the columns that hold text in them: empty columns (a margin
 * column, trailing columns) are dropped, as a word processor's table has none. A merged range
 * is one cell spanning its kept columns, 'restart' on its first row in the table and
 * 'continue' (empty) on the rows below, as DOCX writes vertical merges.
 */
function tableBlock(rows: readonly SheetRow[], merges: readonly Range[]): TableBlock {
  const cols = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.col)))].sort((a, b) => a - b);
  if (cols.length > MAX_TABLE_COLUMNS) {
    throw new TooLargeError(`a table of ${cols.length} columns with text (at most ${MAX_TABLE_COLUMNS} are read)`);
  }
  const owner = placeMerges(rows.map((r) => r.index), cols, merges);
  const width = cols.length;
  return {
    kind: 'table',
    rows: rows.map((row, rp) => {
      const text = new Map(row.cells.map((c) => [c.col, c.text]));
      const out: StructCell[] = [];
      for (let cp = 0; cp < width; cp++) {
        const m = owner.get(rp * width + cp);
        if (!m) {
          out.push({ text: text.get(cols[cp]!) ?? '', span: 1, vmerge: null, bold: false });
        } else if (cp === m.c0) {
          const first = rp === m.r0;
          // The merged value sits in the range's top-left cell, which may lie above the table.
          const value = first && row.index === m.range.s.r ? text.get(m.range.s.c) ?? '' : '';
          const vmerge = m.r1 - m.r0 > 1 ? (first ? 'restart' : 'continue') : null;
          out.push({ text: value, span: m.c1 - m.c0, vmerge, bold: false });
        }
      }
      return out;
    }),
  };
}

/**
 * Table positions (row position × width + column position) each merged range covers. Only the
 * table's own rows and kept columns are visited, so a range declared over the whole sheet
 * costs the table's size; ranges overlapping one already placed (which no office suite
 * writes) are left where they collide, so the work stays within one pass over the table.
 */
function placeMerges(rowIndexes: readonly number[], cols: readonly number[], merges: readonly Range[]): Map<number, Placed> {
  const owner = new Map<number, Placed>();
  const width = cols.length;
  for (const range of merges) {
    const placed: Placed = {
      range,
      r0: lowerBound(rowIndexes, range.s.r),
      r1: lowerBound(rowIndexes, range.e.r + 1),
      c0: lowerBound(cols, range.s.c),
      c1: lowerBound(cols, range.e.c + 1),
    };
    if (placed.r0 >= placed.r1 || placed.c0 >= placed.c1) continue;
    if ((placed.r1 - placed.r0) * (placed.c1 - placed.c0) === 1) continue; // one visible cell: no merge to report
    cover: for (let rp = placed.r0; rp < placed.r1; rp++) {
      for (let cp = placed.c0; cp < placed.c1; cp++) {
        const key = rp * width + cp;
        if (owner.has(key)) break cover;
        owner.set(key, placed);
      }
    }
  }
  return owner;
}

/** First position in an ascending array whose value is >= `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
