/**
 * Row numbers of a plan table as text ("1.", "2.3.", "4)", "12") — pure helpers shared by
 * parse (rows that may be missing) and normalize (OCR repairs of the numbers).
 */

/** A dotted, bracketed or plain number of one to four levels: "1", "1.", "1)", "2.3", "2.3.". */
export const ROW_NUMBER = /^(\d{1,2})((?:\.\d{1,2})*)[.)]?$/;

/** A number as its levels and the mark that closes it. */
export interface RowNumber {
  parts: number[];
  /** "." for "2.3.", ")" for "4)", "" for "2.3" or "12". */
  closer: '.' | ')' | '';
}

const PARSED = /^(\d{1,2}(?:\.\d{1,2}){0,3})([.)]?)$/;

/** The levels of a row number, or null when the text is not one (a range, a word, a year). */
export function parseRowNumber(text: string): RowNumber | null {
  const m = PARSED.exec(text.trim());
  if (!m) return null;
  return { parts: m[1]!.split('.').map(Number), closer: m[2] as RowNumber['closer'] };
}

export const undotted = (n: string): string => n.replace(/[.)]$/, '');
/** The mark closing a number: "." for "2.3.", ")" for "4)", "" for "12". */
export const closerOf = (n: string): string => /[.)]$/.exec(n)?.[0] ?? '';
export const depth = (n: string): number => undotted(n).split('.').length;

/** Order of two row numbers of the same depth, level by level. */
export function compareNumbers(a: string, b: string): number {
  const pa = undotted(a).split('.').map(Number), pb = undotted(b).split('.').map(Number);
  for (let k = 0; k < pa.length; k++) if (pa[k] !== pb[k]) return pa[k]! - pb[k]!;
  return 0;
}
