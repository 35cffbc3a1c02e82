import * as XLSX from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/*
 * Plain tables as an .xlsx workbook: typed cells (numbers as numbers, dates as dates with a
 * Russian date format), column widths from the content, the header row frozen and filtered.
 * SheetJS Community Edition writes cells, widths and filters but not frozen panes (its writer
 * emits a bare <sheetView/>), so the pane is added to each sheet's XML after writing.
 */

export type XlsxValue = string | number | boolean | Date | null | undefined;

export interface SheetSpec {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rule). */
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxValue[])[];
}

/** How Russian Excel shows a date; the cell holds the date serial, so it sorts and filters as one. */
export const DATE_FORMAT = 'dd.mm.yyyy';
/** Excel refuses longer text in a cell. */
const MAX_CELL_CHARS = 32_767;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Rows looked at to size a column: enough to see its usual width, cheap on a large sheet. */
const WIDTH_SAMPLE_ROWS = 500;

/** The workbook as the bytes of an .xlsx file. */
export function buildWorkbook(sheets: readonly SheetSpec[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const spec of sheets) XLSX.utils.book_append_sheet(wb, worksheet(spec), spec.name);
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return freezeHeaderRows(bytes);
}

/** An ISO date (YYYY-MM-DD) as a Date at UTC midnight, which SheetJS stores as that day's serial. */
export function isoDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function worksheet(spec: SheetSpec): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  const widths = spec.header.map((h) => h.length);
  spec.header.forEach((h, c) => { ws[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: h }; });
  spec.rows.forEach((row, i) => {
    row.forEach((value, c) => {
      const cell = toCell(value);
      if (cell === null) return;
      ws[XLSX.utils.encode_cell({ r: i + 1, c })] = cell;
      if (i < WIDTH_SAMPLE_ROWS) widths[c] = Math.max(widths[c] ?? 0, displayWidth(cell));
    });
  });
  const lastColumn = Math.max(spec.header.length, ...spec.rows.map((r) => r.length)) - 1;
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: spec.rows.length, c: Math.max(0, lastColumn) } });
  ws['!cols'] = widths.map((w) => ({ wch: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)) }));
  if (spec.header.length > 0) {
    ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: spec.rows.length, c: spec.header.length - 1 } }) };
  }
  return ws;
}

function toCell(value: XlsxValue): XLSX.CellObject | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return { t: 'd', v: value, z: DATE_FORMAT };
  if (typeof value === 'number') return Number.isFinite(value) ? { t: 'n', v: value } : null;
  if (typeof value === 'boolean') return { t: 'b', v: value };
  return { t: 's', v: value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS - 1)}…` : value };
}

/** Characters the cell shows on its longest line. */
function displayWidth(cell: XLSX.CellObject): number {
  if (cell.t === 'd') return DATE_FORMAT.length;
  if (cell.t === 'n') return String(cell.v).length;
  if (cell.t === 'b') return 5;
  return Math.max(...String(cell.v).split('\n').map((l) => l.length));
}

/**
 * Freezes the first row of every worksheet: the header stays in view while scrolling. The
 * <pane> element of SpreadsheetML (ECMA-376 §18.3.1.66) goes inside <sheetView>.
 */
export function freezeHeaderRows(xlsx: Uint8Array): Buffer {
  const files = unzipSync(xlsx);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]!);
    const frozen = xml.replace(/<sheetView([^>]*?)\/>/, (_m, attrs: string) =>
      `<sheetView${attrs}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`
      + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>');
    if (frozen === xml) throw new Error(`${name}: no <sheetView/> to freeze the header in (SheetJS output changed?)`);
    files[name] = strToU8(frozen);
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
