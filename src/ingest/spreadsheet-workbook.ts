import { createRequire } from 'node:module';
import * as XLSX from '@e965/xlsx';
import { CorruptFileError, IngestError, UnsupportedFormatError } from '../errors.js';

/** One sheet's cells with text, in reading order. */
export interface SheetContent {
  name: string;
  /** Rows holding at least one cell with visible text, by ascending sheet row. */
  rows: SheetRow[];
  /** Merged ranges as the file declares them (0-based, inclusive); may reach far past the text. */
  merges: XLSX.Range[];
}

export interface SheetRow {
  /** 0-based sheet row. */
  index: number;
  /** Cells with visible text by ascending 0-based column. */
  cells: { col: number; text: string }[];
}

/**
 * Date format for Excel's built-in format 14, which Excel shows in the reader's locale: the
 * documents are Russian, so a date typed in a Russian Excel shows as 01.09.2021, not 9/1/21.
 * The dots are quoted: a bare "." is a decimal point to SheetJS's formatter, which then fails
 * and leaves the cell without its displayed text.
 */
const LOCALE_DATE_FORMAT = 'dd"."mm"."yyyy';

/**
 * Parses a workbook with SheetJS. Styles are not read: SheetJS CE exposes only cell fills, never
 * the font (so no bold), and asking for styles makes it store a stub for every empty cell.
 */
export function parseWorkbook(bytes: Uint8Array, format: 'XLSX' | 'XLS' | 'ODS', codePageText: boolean): XLSX.WorkBook {
  if (codePageText) loadCodePages();
  try {
    return XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
      dense: true,
      cellStyles: false,
      sheetStubs: false,
      cellHTML: false,
      cellFormula: false,
      cellNF: false,
      cellDates: false,
      dateNF: LOCALE_DATE_FORMAT,
      bookVBA: false,
      bookFiles: false,
      bookDeps: false,
      WTF: false,
    });
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      throw new UnsupportedFormatError(`password-protected ${format} workbook (remove the password and save again)`);
    }
    throw new CorruptFileError(format, `the workbook cannot be read (${message})`);
  }
}

let codePagesLoaded = false;

/**
 * Excel 95 and older store text in the workbook's Windows code page (1251 for Russian);
 * SheetJS decodes it only with its code page tables installed. They take ~0.2 s to load, so
 * only workbooks that need them pay for it (the CommonJS build loads synchronously).
 */
function loadCodePages(): void {
  if (codePagesLoaded) return;
  const require = createRequire(import.meta.url);
  XLSX.set_cptable(require('@e965/xlsx/dist/cpexcel.js') as Parameters<typeof XLSX.set_cptable>[0]);
  codePagesLoaded = true;
}

/**
 * The cells of one sheet that show text. Only cells that exist are visited (Object.keys of
 * SheetJS's sparse rows), so a sheet whose used range claims A1:XFD1048576 costs what its
 * cells cost, not its range.
 */
export function sheetContent(workbook: XLSX.WorkBook, name: string): SheetContent {
  const sheet = workbook.Sheets[name];
  const data = (sheet?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: SheetRow[] = [];
  for (const r of indexesOf(data)) {
    const row = data[r];
    if (!row) continue;
    const cells: SheetRow['cells'] = [];
    for (const c of indexesOf(row)) {
      const text = cellText(row[c]);
      if (text) cells.push({ col: c, text });
    }
    if (cells.length > 0) rows.push({ index: r, cells });
  }
  return { name, rows, merges: sheet?.['!merges'] ?? [] };
}

/** Own indexes of a possibly sparse array, ascending (holes are not visited). */
function indexesOf(array: readonly unknown[]): number[] {
  return Object.keys(array).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
}

/**
 * The text a cell shows: its formatted value (dates and numbers as displayed), else its raw
 * value. Line breaks inside a cell stay as "\n"; a cell of only spaces shows nothing.
 */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  const shown = cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
  return shown.replace(/\r\n?/g, '\n').trim();
}
