import type { BBox, ColumnRole } from '../model/index.js';

/**
 * The table as rows of cell texts, whatever it was rebuilt from (page geometry, DOCX
 * structure, plain text). Turning this into plan rows is shared by every source.
 */
export interface GridColumn {
  role: ColumnRole;
  header: string;
}

export interface GridRow {
  /** One text per column, in column order. */
  cells: string[];
  /** True when the row is known to span the table (merged cell); null when unknown. */
  spans: boolean | null;
  /** True when every word of the row is bold. */
  bold: boolean;
  page: number | null;
  bbox: BBox | null;
  /** Mean word confidence 0..1. */
  conf: number;
  /** True when the row's words were recognised from an image (OCR), not read from text. */
  ocr: boolean;
  /** First row of a page that continues the table from the page before. */
  pageStart: boolean;
  /**
   * Columns whose cell is the lower part of a cell merged down from the page before (a
   * responsible party shared by rows on both sides of a page break): left empty here, the
   * text is the previous activity's.
   */
  inherit?: number[];
}

export interface TableGrid {
  columns: GridColumn[];
  rows: GridRow[];
  /**
   * The table runs to the bottom of the file's last page with nothing after it: the file may
   * be the first pages of a longer document (a photo of page 1), so the last row may go on.
   */
  openEnd?: boolean;
  method: 'lattice' | 'stream' | 'structure' | 'text';
}

/** Text before the table, for metadata: one entry per visual line (PDF) or paragraph. */
export interface MetaLine {
  text: string;
  page: number | null;
  bold: boolean;
  centered: boolean;
}

/** A line that opens a body row: a row number ("1.", "1.1.", "I.") or a year heading. */
/** A capitalised word opens the text: how a row's own cell starts, where a wrapped line goes on in lower case. */
export const CAPITALISED = /^\p{Lu}\p{Ll}/u;

export const ROW_START = /^(\d{1,2}(\.\d{1,2}){0,3}[.)]?|[IVXLC]{1,5}\.?|\d{4}\s*(г\.?|год))$/;

/**
 * Section headings: "1. Нормативно-правовое обеспечение", "III. Совершенствование …", "2021
 * год", "Раздел 2 …", "Этап 1. Диагностика", "Направление 3. …".
 */
export const SECTION_TEXT = /^((\d{1,2}|[IVXLC]{1,5})\.?\s+\p{Lu}|(\d{1,2}|[IVXLC]{1,5})\.\s*\p{Lu}|\d{4}\s*(г\.?|год)|(раздел|блок|этап|направление)\s)/iu;

/**
 * A line that can only begin a section heading, never go on with a cell's text: "Этап 2.
 * …", "Раздел III …", "IV. …", "2025 год". Capitalised, with its number: a wrapped cell line
 * may well start with "направление" or "этап".
 */
/**
 * A heading's Roman number as OCR reads it: "П.", "п.", "ИП." or "НП." for II., "Ш." for III., "1У." or "ГУ." for
 * IV. (at least one letter: "1." alone is an item of a list as often as a heading). For
 * OCR'd pages; normalize puts the numeral back (section-numbers.ts).
 */
export const OCR_ROMAN_START = ocrRoman(String.raw`[^.\s]`, String.raw`\.\s*\p{Lu}`, '');

/**
 * A Roman section label alone in the № cell, as OCR reads it: "г.", "п.", "И.", "и.", "Ш.",
 * "1У.". Alone in a cell, lower-case «г.» (I.) and «и.» (II.) are labels too; at the start of
 * running text they are «г. Пермь» (город) and a conjunction, so OCR_ROMAN_START leaves them out.
 */
export const OCR_ROMAN_LABEL = ocrRoman('[^.]', String.raw`\.$`, 'ги');

/** Glyphs OCR makes of I, V and X in a heading's number; "1" only beside a letter. */
function ocrRoman(lookaheadChar: string, tail: string, extra: string): RegExp {
  const letters = `IVXТTІПШУХГИНпш${extra}`;
  return new RegExp(`^(?=${lookaheadChar}*[${letters}])[${letters}1]{1,4}${tail}`, 'u');
}

export const SECTION_START = /^((Раздел|Блок|Этап|Направление|РАЗДЕЛ|ЭТАП)\s+(\d{1,2}|[IVXLC]{1,5})\b|[IVXLC]{1,5}\.\s*\p{Lu}|\d{4}\s*(г\.?|год)\s*$)/u;

/** The "1 | 2 | 3 | 4 | 5" row under a header that numbers the columns. */
/** Longest label (letters and signs, no spaces) an OCR-garbled "№ п/п" still fits in. */
const MAX_NUMBER_LABEL = 5;
/** Share of a column's filled cells that must be row numbers for it to be the № column. */
const MIN_NUMBERED_SHARE = 0.7;
/** Filled cells a short-labelled column needs before its numbers vouch for it. */
const MIN_NUMBERED_CELLS = 3;

/**
 * Whether a column the header did not name is the № column, by what its cells hold (the
 * filled ones, top to bottom): under a short label (a "№ п/п" garbled by OCR), nearly all row
 * numbers; under no label at all (a blank «№» cell), nothing but row numbers, however few.
 */
export function holdsRowNumbers(label: string, cells: readonly string[]): boolean {
  const short = label.replace(/\s+/g, '');
  // A label of signs without a letter is what OCR made of one it could not read («2359352»
  // for «№ мероприятия» set letter-wise down the cell): as garbled as a short one, however long.
  if (short.length > MAX_NUMBER_LABEL && /[\p{L}№]/u.test(short)) return false;
  const { filled, numbered } = countNumbered(cells);
  return short === '' ? filled > 0 && numbered === filled : mostly(filled, numbered);
}

/** Enough filled cells, nearly all of them row numbers: what vouches for a № column whose label is short, garbled or lost. */
export function mostlyRowNumbers(cells: readonly string[]): boolean {
  const { filled, numbered } = countNumbered(cells);
  return mostly(filled, numbered);
}

const mostly = (filled: number, numbered: number): boolean => filled >= MIN_NUMBERED_CELLS && numbered >= MIN_NUMBERED_SHARE * filled;

function countNumbered(cells: readonly string[]): { filled: number; numbered: number } {
  const filled = cells.filter((c) => c.trim() !== '');
  return { filled: filled.length, numbered: filled.filter((c) => ROW_START.test(c.trim())).length };
}

export function isColumnNumbering(texts: readonly string[]): boolean {
  const filled = texts.filter((t) => t !== '');
  return filled.length >= 3 && texts.every((t, k) => t === '' || t === String(k + 1) || t === `${k + 1}.`);
}
