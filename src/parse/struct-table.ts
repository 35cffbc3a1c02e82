import type { StructBlock } from '../model/index.js';
import type { Settings } from '../settings.js';
import { NoPlanTableError } from '../errors.js';
import { mapHeaderRow } from './header-roles.js';
import { cleanText } from './cell-text.js';
import { isColumnNumbering, type GridRow, type MetaLine, type TableGrid } from './grid.js';

type TableBlock = Extract<StructBlock, { kind: 'table' }>;

/** Paragraphs between two parts of a table read as headings only when few and short. */
const MAX_HEADINGS_BETWEEN = 2;
const MAX_HEADING_CHARS = 150;

/** How many leading rows of a table may precede its header (a caption row, a merged title). */
const MAX_HEADER_ROW = 3;

/**
 * The plan table of a document that has real table structure (DOCX, tab-separated text):
 * the first table whose header row names the plan's columns. Later tables with the same
 * columns continue it (a table broken by a page break or a note). Paragraphs before it are
 * the metadata lines.
 */
export function blocksToGrid(blocks: readonly StructBlock[], settings: Settings['table'], method: 'structure' | 'text'): { grid: TableGrid; meta: MetaLine[] } {
  const meta: MetaLine[] = [];
  let grid: TableGrid | null = null;
  let width = 0;
  // Short paragraphs between two parts of the plan table are headings set outside it
  // ("2021 год" typed between two tables); they become section rows if the table goes on.
  let between: { text: string; bold: boolean }[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      if (!grid && block.text.trim()) meta.push({ text: block.text, page: null, bold: block.bold, centered: false });
      else if (grid && block.text.trim()) between.push({ text: cleanText(block.text), bold: block.bold });
      continue;
    }
    const rows = expandGrid(block);
    if (!grid) {
      const found = findHeaderRow(rows, settings.minHeaderRoles);
      if (!found) {
        // A table before the plan (a signature block, an approval stamp) is text for metadata.
        for (const r of rows) {
          const t = cleanText(r.map((c) => c.text).filter(Boolean).join(' '));
          if (t) meta.push({ text: t, page: null, bold: r.every((c) => c.bold || !c.text), centered: false });
        }
        continue;
      }
      width = rows[found.index]!.length;
      grid = {
        columns: found.roles.map((role, k) => ({ role, header: cleanText(rows[found.index]![k]!.text) })),
        rows: [],
        method,
      };
      grid.rows.push(...toGridRows(rows.slice(found.index + 1), width));
    } else if (rows.length > 0 && rows[0]!.length === width) {
      const again = findHeaderRow(rows, settings.minHeaderRoles);
      if (between.length <= MAX_HEADINGS_BETWEEN && between.every((p) => p.text.length <= MAX_HEADING_CHARS)) {
        for (const p of between) {
          grid.rows.push({ cells: [p.text, ...Array.from({ length: width - 1 }, () => '')], spans: true, bold: p.bold, page: null, bbox: null, conf: 1, ocr: false, pageStart: false });
        }
      }
      grid.rows.push(...toGridRows(again ? rows.slice(again.index + 1) : rows, width));
    }
    between = [];
  }
  if (!grid) {
    const tables = blocks.filter((b) => b.kind === 'table').length;
    throw new NoPlanTableError(tables === 0 ? 'the document has no table' : `none of its ${tables} table(s) has a header naming an activity and ${settings.minHeaderRoles - 1}+ other plan columns`);
  }
  return { grid, meta };
}

interface GridCell {
  text: string;
  bold: boolean;
  /** The cell covers every column of the row. */
  full: boolean;
  /** Covered by the cell to its left (gridSpan). */
  covered: boolean;
}

/** Cells laid on the table grid: gridSpan expanded, vertically merged cells given the text above. */
function expandGrid(table: TableBlock): GridCell[][] {
  const width = Math.max(0, ...table.rows.map((r) => r.reduce((n, c) => n + c.span, 0)));
  const out: GridCell[][] = [];
  let above: GridCell[] = [];
  for (const row of table.rows) {
    const cells: GridCell[] = [];
    for (const c of row) {
      const text = c.vmerge === 'continue' ? (above[cells.length]?.text ?? '') : cleanText(c.text);
      cells.push({ text, bold: c.bold, full: c.span >= width && width > 1, covered: false });
      for (let s = 1; s < c.span; s++) cells.push({ text: '', bold: c.bold, full: false, covered: true });
    }
    while (cells.length < width) cells.push({ text: '', bold: false, full: false, covered: false });
    out.push(cells);
    above = cells;
  }
  return out;
}

function findHeaderRow(rows: readonly GridCell[][], minRoles: number) {
  for (let i = 0; i < Math.min(rows.length, MAX_HEADER_ROW + 1); i++) {
    const roles = mapHeaderRow(rows[i]!.map((c) => c.text), minRoles);
    if (roles) return { index: i, roles };
  }
  return null;
}

function toGridRows(rows: readonly GridCell[][], width: number): GridRow[] {
  return rows
    .filter((r) => !isColumnNumbering(r.map((c) => c.text)))
    .map((r) => {
      const filled = r.filter((c) => c.text);
      // Word often draws a heading as one cell spanning the row, or repeats a merged text.
      const spans = r.some((c) => c.full) || (filled.length === width && width > 2 && new Set(filled.map((c) => c.text)).size === 1);
      return {
        cells: spans ? [filled[0]?.text ?? '', ...Array.from({ length: width - 1 }, () => '')] : r.map((c) => c.text),
        spans: spans ? true : null,
        bold: filled.length > 0 && filled.every((c) => c.bold),
        page: null,
        bbox: null,
        conf: 1,
        ocr: false,
        pageStart: false,
      };
    });
}
