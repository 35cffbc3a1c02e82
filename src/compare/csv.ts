/**
 * CSV as RFC 4180 describes it: CRLF line ends, fields quoted when they hold a comma, a
 * quote, CR or LF, quotes doubled inside. Files start with a UTF-8 byte-order mark, without
 * which Excel reads UTF-8 as the local code page and Cyrillic turns to mojibake; pandas
 * (`encoding='utf-8-sig'`) and LibreOffice read it either way.
 */

export const UTF8_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * The dialect: RFC 4180 (comma, decimal point) by default; Russian Excel's, where the list
 * separator is ";" and the decimal separator ",", so that a double-click opens columns and
 * numbers rather than one column of text.
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimalComma: boolean;
}
export const RFC4180: CsvDialect = { separator: ',', decimalComma: false };
export const EXCEL_RU: CsvDialect = { separator: ';', decimalComma: true };

/** One field: null and undefined are empty, booleans 1/0, numbers as JavaScript prints them. */
export function csvField(value: CsvValue, dialect: CsvDialect = RFC4180): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  if (typeof value === 'number' && dialect.decimalComma) s = s.replace('.', ',');
  const special = dialect.separator === ';' ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its line end. */
export function csvLine(values: readonly CsvValue[], dialect: CsvDialect = RFC4180): string {
  return values.map((v) => csvField(v, dialect)).join(dialect.separator) + CSV_EOL;
}

/** A whole file: BOM, header, records. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>, dialect: CsvDialect = RFC4180): string {
  let out = UTF8_BOM + csvLine(header, dialect);
  for (const r of rows) out += csvLine(r, dialect);
  return out;
}

/**
 * Reads RFC 4180 text back into records (BOM skipped; CRLF or LF line ends; ";" for files
 * from Russian Excel). For tests, for tools that check a file they wrote, and for the small
 * corrections files of `roadmaps correct --csv`; not a general-purpose CSV reader.
 */
export function parseCsv(text: string, separator: string = RFC4180.separator): string[][] {
  const s = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
