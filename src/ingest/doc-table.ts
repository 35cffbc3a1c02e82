import type { StructCell } from '../model/document.js';
import { prls, SPRM } from './doc-sprm.js';

/** A cell as its row's TAP describes it. */
export interface CellDef {
  /** Legacy horizontal merge: the first cell of a merged run, or one merged into the previous. */
  hmerge: 'first' | 'merged' | null;
  vmerge: 'restart' | 'continue' | null;
}

/** Row layout from the grpprl of a row's end mark (TTP). */
export interface RowDef {
  /** Cell boundaries in twips, one more than the cells. */
  edges: number[];
  cells: CellDef[];
}

/** Text and bold tally of one cell, as the paragraph walk collected it. */
export interface RawCell {
  lines: string[];
  textRuns: number;
  boldRuns: number;
}

export interface RawRow {
  cells: RawCell[];
  def: RowDef | undefined;
}

const TC80_SIZE = 20;
const TC_FIRST_MERGED = 0x0001;
const TC_MERGED = 0x0002;
const TC_VERT_MERGE = 0x0020;
const TC_VERT_RESTART = 0x0040;
/** sprmTVertMerge values. */
const VMERGE_CONTINUE = 1;
const VMERGE_RESTART = 3;
/** Word has at most 63 cells a row; more in sprmTDefTable is corrupt and clamped. */
const MAX_CELLS = 64;
/**
 * Edges of different rows closer than this (twips; 1/20 pt) are one grid line: a .doc stores
 * each row's edges separately, and writers round them differently from row to row.
 */
const EDGE_TOLERANCE = 20;

/** Applies the table sprms of a TTP's grpprl in order: sprmTDefTable, then merges and splits. */
export function readRowDef(grpprl: Uint8Array): RowDef | undefined {
  let def: RowDef | undefined;
  const u8 = (k: number): number => grpprl[k] ?? 0;
  const i16 = (k: number): number => ((u8(k) | (u8(k + 1) << 8)) << 16) >> 16;
  for (const prl of prls(grpprl)) {
    if (prl.sprm === SPRM.tDefTable) {
      const count = Math.min(MAX_CELLS, u8(prl.at));
      if (prl.size < 1 + (count + 1) * 2) continue;
      const edges = Array.from({ length: count + 1 }, (_, k) => i16(prl.at + 1 + k * 2));
      const tcAt = prl.at + 1 + (count + 1) * 2;
      const tcs = Math.floor((prl.at + prl.size - tcAt) / TC80_SIZE);
      const cells = edges.slice(1).map((_, k): CellDef => {
        if (k >= tcs) return { hmerge: null, vmerge: null };
        const flags = u8(tcAt + k * TC80_SIZE) | (u8(tcAt + k * TC80_SIZE + 1) << 8);
        return {
          hmerge: flags & TC_FIRST_MERGED ? 'first' : flags & TC_MERGED ? 'merged' : null,
          vmerge: flags & TC_VERT_MERGE ? (flags & TC_VERT_RESTART ? 'restart' : 'continue') : null,
        };
      });
      def = { edges, cells };
    } else if (def && (prl.sprm === SPRM.tMerge || prl.sprm === SPRM.tSplit)) {
      const first = u8(prl.at);
      const lim = Math.min(u8(prl.at + 1), def.cells.length);
      for (let k = first; k < lim; k++) {
        def.cells[k]!.hmerge = prl.sprm === SPRM.tSplit ? null : k === first ? 'first' : 'merged';
      }
    } else if (def && prl.sprm === SPRM.tVertMerge && prl.size >= 2) {
      const cell = def.cells[u8(prl.at)];
      const value = u8(prl.at + 1);
      if (cell) cell.vmerge = value === VMERGE_RESTART ? 'restart' : value === VMERGE_CONTINUE ? 'continue' : null;
    }
  }
  return def;
}

/**
 * Rows of cells on the table's grid, as the DOCX reader gives them: a cell spans the grid
 * columns between its edges (the grid being every edge of every row), a row that starts or ends
 * inside the grid keeps its alignment through an empty placeholder cell (gridBefore/After), and
 * legacy merged cells widen the cell they merge into.
 */
export function buildRows(rows: readonly RawRow[]): StructCell[][] {
  const grid = gridLines(rows);
  const out: StructCell[][] = [];
  for (const row of rows) {
    const cells: StructCell[] = [];
    const def = row.def;
    const line = (x: number | undefined): number => (x === undefined ? -1 : nearest(grid, x));
    const first = line(def?.edges[0]);
    if (first > 0) cells.push(emptyCell(first));
    row.cells.forEach((raw, k) => {
      const left = line(def?.edges[k]);
      const right = line(def?.edges[k + 1]);
      const span = left >= 0 && right > left ? right - left : 1;
      const cellDef = def?.cells[k];
      const cell: StructCell = {
        text: raw.lines.join('\n'),
        span,
        vmerge: cellDef?.vmerge ?? null,
        bold: raw.textRuns > 0 && raw.boldRuns === raw.textRuns,
      };
      const previous = cells[cells.length - 1];
      if (cellDef?.hmerge === 'merged' && previous && k > 0) {
        previous.span += cell.span;
        if (cell.text) previous.text = previous.text ? `${previous.text}\n${cell.text}` : cell.text;
      } else {
        cells.push(cell);
      }
    });
    const last = line(def?.edges[Math.min(row.cells.length, (def?.edges.length ?? 1) - 1)]);
    if (last >= 0 && last < grid.length - 1 && cells.length > 0) cells.push(emptyCell(grid.length - 1 - last));
    if (cells.length > 0) out.push(cells);
  }
  return out;
}

/** Every cell edge of every row, with edges closer than the tolerance taken as one. */
function gridLines(rows: readonly RawRow[]): number[] {
  const edges = rows.flatMap((r) => r.def?.edges.slice(0, r.cells.length + 1) ?? []).sort((a, b) => a - b);
  const grid: number[] = [];
  for (const x of edges) {
    if (grid.length === 0 || x - grid[grid.length - 1]! > EDGE_TOLERANCE) grid.push(x);
  }
  return grid;
}

/** Index of the grid line nearest to x (the grid is ascending). */
function nearest(grid: readonly number[], x: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (grid[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - grid[lo - 1]! < grid[lo]! - x ? lo - 1 : lo;
}

function emptyCell(span: number): StructCell {
  return { text: '', span, vmerge: null, bold: false };
}
