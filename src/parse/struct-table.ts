import type { ColumnRole, StructBlock } from '../model/index.js';
import type { Settings } from '../settings.js';
import { NoPlanTableError } from '../errors.js';
import { headerRole, mapHeaderRow, MAX_HEADER_CELL_WORDS } from './header-roles.js';
import { cleanText } from './cell-text.js';
import { SECTION_TEXT, holdsRowNumbers, isColumnNumbering, type GridRow, type MetaLine, type TableGrid } from './grid.js';

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
  let closed = false;
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
        // A one-row table of paragraphs side by side is a two-column header (the letterhead
        // beside the approval stamp): its lines go on with a tab between the columns, as
        // metadata reads tab stops (a leading tab: the right column alone).
        const cells = rows.length === 1 ? rows[0]!.map((c) => c.text.split('\n').map(cleanText).filter(Boolean)) : [];
        if (cells.filter((c) => c.length > 0).length >= 2 && cells.some((c) => c.length >= 2)) {
          const used = cells.filter((c) => c.length > 0);
          const height = Math.max(...used.map((c) => c.length));
          for (let k = 0; k < height; k++) meta.push({ text: used.map((c) => c[k] ?? '').join('\t').replace(/\t+$/, ''), page: null, bold: false, centered: false });
          continue;
        }
        for (const r of rows) {
          const t = cleanText(r.map((c) => c.text).filter(Boolean).join(' '));
          if (t) meta.push({ text: t, page: null, bold: r.every((c) => c.bold || !c.text), centered: false });
        }
        continue;
      }
      width = rows[found.index]!.length;
      const body = rows.slice(found.end);
      grid = {
        columns: numberColumnByCells(found.roles, found.texts, body),
        rows: [],
        method,
      };
      grid.rows.push(...toGridRows(rows.slice(found.end), width));
    } else if (!closed && rows.length > 0 && rows[0]!.length === width) {
      const again = findHeaderRow(rows, settings.minHeaderRoles);
      // A table of the same width that opens with a header of other columns ("№ | Показатель
      // | 2024 | 2025": target indicators) is another table: the plan ended before it.
      if (!again && isOtherHeader(rows[0]!)) {
        closed = true;
        continue;
      }
      if (between.length <= MAX_HEADINGS_BETWEEN && between.every((p) => p.text.length <= MAX_HEADING_CHARS)) {
        for (const p of between) {
          grid.rows.push({ cells: [p.text, ...Array.from({ length: width - 1 }, () => '')], spans: true, bold: p.bold, page: null, bbox: null, conf: 1, ocr: false, pageStart: false });
        }
      }
      grid.rows.push(...toGridRows(again ? rows.slice(again.end) : rows, width));
    }
    between = [];
  }
  if (!grid) {
    const tables = blocks.filter((b) => b.kind === 'table').length;
    throw new NoPlanTableError(tables === 0 ? 'the document has no table' : `none of its ${tables} table(s) has a header naming an activity and ${settings.minHeaderRoles - 1}+ other plan columns`);
  }
  return { grid, meta };
}

/**
 * The header's columns, the № column found by its cells where its label is blank or garbled
 * (holdsRowNumbers): the first or last column, when no other is named so.
 */
function numberColumnByCells(roles: readonly ColumnRole[], texts: readonly string[], body: readonly GridCell[][]): { role: ColumnRole; header: string }[] {
  const cols = roles.map((role, k) => ({ role, header: texts[k]! }));
  if (cols.some((c) => c.role === 'number')) return cols;
  const k = [0, cols.length - 1].find((i) => cols[i]!.role === 'extra' && holdsRowNumbers(cols[i]!.header, body.filter((r) => !r.some((c) => c.full)).map((r) => r[i]?.text ?? '')));
  return k === undefined ? cols : cols.map((c, i) => (i === k ? { ...c, role: 'number' } : c));
}

interface GridCell {
  text: string;
  bold: boolean;
  /** The cell covers every column of the row. */
  full: boolean;
  /** Covered by the cell to its left (gridSpan). */
  covered: boolean;
  /** The cell spans more than one column (the first of them). */
  wide: boolean;
  /** The lower part of a cell merged down (vMerge continue): its text is the one above. */
  continued: boolean;
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
      cells.push({ text, bold: c.bold, full: c.span >= width && width > 1, covered: false, wide: c.span > 1, continued: c.vmerge === 'continue' });
      for (let s = 1; s < c.span; s++) cells.push({ text: '', bold: c.bold, full: false, covered: true, wide: false, continued: false });
    }
    while (cells.length < width) cells.push({ text: '', bold: false, full: false, covered: false, wide: false, continued: false });
    out.push(cells);
    above = cells;
  }
  return out;
}

function findHeaderRow(rows: readonly GridCell[][], minRoles: number): { index: number; end: number; roles: ColumnRole[]; texts: string[] } | null {
  for (let i = 0; i < Math.min(rows.length, MAX_HEADER_ROW + 1); i++) {
    const roles = mapHeaderRow(rows[i]!.map((c) => c.text), minRoles);
    if (!roles) continue;
    // A two-level header: the labels under a merged upper cell ("Организация исполнения" over
    // "Ответственный" | "Результат") name the columns the upper row left unnamed.
    let texts = rows[i]!.map((c) => c.text);
    let best = { roles, texts, end: i + 1 };
    for (let j = i + 1; j < Math.min(rows.length, i + 1 + MAX_LOWER_HEADER_ROWS); j++) {
      if (!isLowerHeaderRow(rows[j]!, rows[j - 1]!)) break;
      texts = texts.map((upper, k) => lowerLabel(rows[j - 1]!, rows[j]!, k, upper));
      const lower = mapHeaderRow(texts, minRoles);
      if (!lower) break;
      best = { roles: lower, texts, end: j + 1 };
    }
    return { index: i, end: best.end, roles: best.roles, texts: best.texts };
  }
  return null;
}

/** Rows of a multi-level header under its first row. */
const MAX_LOWER_HEADER_ROWS = 2;

/**
 * A header row's lower level: only labels (short, no row number) sitting under a merged upper
 * cell or naming a column themselves, every other cell the lower part of a cell merged down.
 */
function isLowerHeaderRow(row: readonly GridCell[], above: readonly GridCell[]): boolean {
  const own = row.map((c, k) => ({ c, k })).filter(({ c }) => c.text && !c.continued);
  if (own.length === 0) return false;
  return own.every(({ c, k }) => {
    // A section heading across the table is the body's first row, not a label.
    if (c.full || SECTION_TEXT.test(c.text)) return false;
    if (c.text.split(/\s+/).length > MAX_HEADER_CELL_WORDS || /^\d+(\.\d+)*\.?$/.test(c.text)) return false;
    const a = above[k];
    return headerRole(c.text) !== null || !a || a.covered || a.wide || a.text === '';
  });
}

/** A column's header text with its lower-level label: the lower label alone under a merged cell. */
function lowerLabel(aboveRow: readonly GridCell[], row: readonly GridCell[], k: number, upper: string): string {
  const c = row[k]!;
  if (!c.text || c.continued) return upper;
  const a = aboveRow[k];
  return a && (a.covered || a.wide) ? c.text : cleanText(`${upper} ${c.text}`);
}

function toGridRows(rows: readonly GridCell[][], width: number): GridRow[] {
  return rows
    .filter((r) => !isColumnNumbering(r.map((c) => c.text)))
    .map((r) => {
      const filled = r.filter((c) => c.text);
      // Word often draws a heading as one cell spanning the row, or repeats a merged text.
      const spans = r.some((c) => c.full) || (filled.length === width && width > 2 && new Set(filled.map((c) => c.text)).size === 1);
      // …or as its number in the № cell beside one cell merged across the rest ("I." |
      // "Кадровые условия"): one heading, the number first wherever its cell stands.
      const labelled = !spans && labelledHeading(r, width);
      if (labelled) {
        return { cells: [labelled, ...Array.from({ length: width - 1 }, () => '')], spans: true, bold: filled.every((c) => c.bold), page: null, bbox: null, conf: 1, ocr: false, pageStart: false };
      }
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

/** Longest number label beside a heading cell merged across the rest of the row ("Раздел 2."). */
const MAX_HEADING_LABEL_WORDS = 3;

/** "I. Кадровые условия" for a row drawn as a number cell and one cell spanning all the others. */
function labelledHeading(r: readonly GridCell[], width: number): string | null {
  if (width < 3) return null;
  const own = r.filter((c) => !c.covered);
  if (own.length !== 2) return null;
  const wide = own.find((c) => c.wide && c.text);
  const label = own.find((c) => c !== wide);
  if (!wide || !label || label.wide || label.continued) return null;
  if (label.text.split(/\s+/).length > MAX_HEADING_LABEL_WORDS) return null;
  return cleanText(`${label.text} ${wide.text}`);
}

/** Longest label of a table's header row, in words; plan rows say more in their activity. */
const MAX_OTHER_LABEL_WORDS = 4;

/** A row of short labels, bold or naming a column, that is no heading: another table's header. */
function isOtherHeader(row: readonly GridCell[]): boolean {
  const own = row.filter((c) => c.text && !c.covered);
  if (own.length < 2 || row.some((c) => c.full) || labelledHeading(row, row.length) !== null) return false;
  if (own.some((c) => SECTION_TEXT.test(c.text))) return false;
  if (own.some((c) => c.text.split(/\s+/).length > MAX_OTHER_LABEL_WORDS)) return false;
  return own.every((c) => c.bold) || own.some((c) => headerRole(c.text) !== null);
}
