import { TooLargeError } from '../errors.js';
import type { StructBlock, StructCell } from '../model/document.js';

export type VMerge = 'restart' | 'continue' | null;

/** One \cellx of a row definition, with the merge flags written before it. */
interface CellDef {
  /** Right edge of the cell, twips. */
  right: number;
  vmerge: VMerge;
  /** \clmrg: legacy horizontal merge into the cell on the left. */
  mergesLeft: boolean;
}

interface RowDef {
  /** \trleft: left edge of the row's first cell, twips. */
  left: number;
  cells: CellDef[];
}

interface ReadCell {
  text: string;
  bold: boolean;
}

interface ReadRow {
  def: RowDef;
  cells: ReadCell[];
}

/** Counts of runs with visible characters and of the bold ones (DOCX reader's rule for bold). */
interface Runs {
  text: number;
  bold: number;
}

/** Word's grid has at most 63 columns; larger spans are corrupt and clamped (as in DOCX). */
const MAX_SPAN = 64;
/**
 * Cell edges closer than this are one grid line: writers round widths independently per row
 * (LibreOffice converts from its own units), and a 1-twip sliver column would turn ordinary
 * cells into spans. 20 twips is 0.35 mm, far narrower than any real column.
 */
const EDGE_TOLERANCE_TWIPS = 20;
/**
 * Memory a paragraph, cell or cell definition costs beyond its text, counted against the decode
 * budget so a file of bare `\cell` or `\cellx` words cannot build millions of objects.
 */
const ITEM_OVERHEAD_BYTES = 64;

const isBold = (runs: Runs): boolean => runs.text > 0 && runs.bold === runs.text;

/**
 * Turns the parser's paragraph, cell and row events into the block model: paragraphs, and
 * tables whose spans come from mapping each row's cell edges onto the table's union of edges.
 * Nested tables (levels ≥ 2) become lines of the enclosing cell, as the DOCX reader does.
 */
export class RtfBlockBuilder {
  private readonly blocks: StructBlock[] = [];
  private text = '';
  private label: string | undefined;
  private runs: Runs = { text: 0, bold: 0 };
  private lines: string[] = [];
  private cellRuns: Runs = { text: 0, bold: 0 };
  private rowCells: ReadCell[] = [];
  private rows: ReadRow[] = [];
  private rowDef: RowDef = { left: 0, cells: [] };
  private pendingVmerge: VMerge = null;
  private pendingMergesLeft = false;
  private used = 0;

  constructor(private readonly budgetBytes: number) {}

  addText(text: string, bold: boolean): void {
    this.text += text;
    if (/\S/.test(text)) {
      this.runs.text++;
      if (bold) this.runs.bold++;
    }
  }

  /** Text of a list label group (\listtext, \pntext) of the current paragraph. */
  addLabel(text: string): void {
    this.label = (this.label ?? '') + text;
  }

  /** \par or \sect: the paragraph ends at table nesting `level` (0 = body). */
  endParagraph(level: number): void {
    const text = this.takeParagraph();
    if (level === 0) {
      this.closeTable();
      if (text.text) this.push({ kind: 'paragraph', text: text.text, bold: isBold(text.runs) }, text.text);
      return;
    }
    if (text.text) this.lines.push(text.text);
    this.cellRuns.text += text.runs.text;
    this.cellRuns.bold += text.runs.bold;
  }

  /** \cell: ends the paragraph and the cell of the outer table. */
  endCell(): void {
    this.endParagraph(1);
    const cell = { text: this.lines.join('\n'), bold: isBold(this.cellRuns) };
    this.charge(cell.text);
    this.rowCells.push(cell);
    this.lines = [];
    this.cellRuns = { text: 0, bold: 0 };
  }

  /** \row: the cells read since the last row form a row laid out by the current definition. */
  endRow(): void {
    // Text after a row's last \cell has no cell of its own; it is kept as one rather than lost.
    if (this.hasOpenCell()) this.endCell();
    // A snapshot: a writer may extend the definition (\cellx without \trowd) for the next row.
    if (this.rowCells.length > 0) this.rows.push({ def: { ...this.rowDef, cells: [...this.rowDef.cells] }, cells: this.rowCells });
    this.rowCells = [];
  }

  /** \trowd: a new row definition (cells and merges) starts. */
  startRowDef(): void {
    this.rowDef = { left: 0, cells: [] };
    this.pendingVmerge = null;
    this.pendingMergesLeft = false;
  }

  setRowLeft(twips: number): void {
    this.rowDef.left = twips;
  }

  setCellVmerge(vmerge: VMerge): void {
    this.pendingVmerge = vmerge;
  }

  setCellMergesLeft(): void {
    this.pendingMergesLeft = true;
  }

  /** \cellx: closes the definition of the next cell of the row. */
  addCellEdge(right: number): void {
    this.charge('');
    this.rowDef.cells.push({ right, vmerge: this.pendingVmerge, mergesLeft: this.pendingMergesLeft });
    this.pendingVmerge = null;
    this.pendingMergesLeft = false;
  }

  /** True while a paragraph, cell or row has been started but not ended. */
  hasPendingContent(): boolean {
    return this.hasOpenCell() || this.label !== undefined || this.rowCells.length > 0;
  }

  /** The blocks read; a last paragraph without its \par ends at `level`. */
  finish(level: number): StructBlock[] {
    if (this.text.trim() || this.label !== undefined) this.endParagraph(level);
    this.closeTable();
    return this.blocks;
  }

  private hasOpenCell(): boolean {
    return this.text.trim() !== '' || this.lines.length > 0;
  }

  private takeParagraph(): { text: string; runs: Runs } {
    const body = this.text.trim();
    const label = this.label;
    let text = body;
    if (label !== undefined) {
      // The label group ends with the separator the list level asks for (\tab or a space);
      // the DOCX reader renders either as one space.
      const separator = /\s$/.test(label) ? ' ' : '';
      text = (body ? label.trim() + separator + body : label).trim();
    }
    const runs = this.runs;
    this.text = '';
    this.label = undefined;
    this.runs = { text: 0, bold: 0 };
    return { text, runs };
  }

  private closeTable(): void {
    if (this.hasOpenCell() || this.rowCells.length > 0) this.endRow();
    if (this.rows.length === 0) return;
    this.blocks.push({ kind: 'table', rows: layoutTable(this.rows) });
    this.rows = [];
  }

  private push(block: StructBlock, text: string): void {
    this.charge(text);
    this.blocks.push(block);
  }

  private charge(text: string): void {
    this.used += ITEM_OVERHEAD_BYTES + 2 * text.length;
    if (this.used > this.budgetBytes) {
      throw new TooLargeError(`the RTF's text and table cells exceed ${Math.round(this.budgetBytes / 1024 / 1024)} MB once decoded`);
    }
  }
}

/** Rows of read cells → rows of StructCell with spans on the table's grid of cell edges. */
function layoutTable(rows: ReadRow[]): StructCell[][] {
  const column = gridColumns(rows);
  const out: StructCell[][] = [];
  for (const row of rows) {
    const cells: StructCell[] = [];
    let at = column(row.def.left);
    // A row that starts right of the table's left edge keeps its alignment through an empty
    // placeholder, as the DOCX reader does for w:gridBefore.
    if (at > 0) cells.push({ text: '', span: Math.min(MAX_SPAN, at), vmerge: null, bold: false });
    row.cells.forEach((read, i) => {
      const def = row.def.cells[i];
      let span = 1;
      if (def) {
        const end = column(def.right);
        if (end > at) {
          span = end - at;
          at = end;
        }
      }
      const previous = cells[cells.length - 1];
      if (def?.mergesLeft && previous && i > 0) {
        previous.span = Math.min(MAX_SPAN, previous.span + span);
        if (read.text) previous.text = previous.text ? `${previous.text}\n${read.text}` : read.text;
        return;
      }
      cells.push({ text: read.text, span: Math.min(MAX_SPAN, span), vmerge: def?.vmerge ?? null, bold: read.bold });
    });
    out.push(cells);
  }
  return out;
}

/** Maps each row edge (twips) to its grid line index among all rows' edges, merging near ones. */
function gridColumns(rows: ReadRow[]): (twips: number) => number {
  const edges = [...new Set(rows.flatMap((r) => [r.def.left, ...r.def.cells.map((c) => c.right)]))].sort((a, b) => a - b);
  const index = new Map<number, number>();
  let line = -1;
  let lineAt = Number.NEGATIVE_INFINITY;
  for (const e of edges) {
    if (e - lineAt > EDGE_TOLERANCE_TWIPS) {
      line++;
      lineAt = e;
    }
    index.set(e, line);
  }
  return (twips) => index.get(twips) ?? 0;
}
