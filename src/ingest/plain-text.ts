import type { StructBlock, StructCell } from '../model/document.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.plainText;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | (typeof D.legacyEncodings)[number];

/**
 * Reads plain text as blocks: runs of lines containing tabs become one table (cells split on
 * tabs; blank lines inside the run are page breaks of the exporter and are skipped), other
 * lines become paragraphs. A tab run in which no line has two filled cells is one cell per
 * line (an exporter that interleaves cells), not a table: its cells become paragraphs.
 * Lines or cells wrapped in **…** or <b>…</b> (markup left by converters) are bold.
 */
export function readPlainText(bytes: Uint8Array): { blocks: StructBlock[] } {
  const { text } = decodeText(bytes);
  const blocks: StructBlock[] = [];
  let run: string[][] = [];
  let boldSpan = false;

  for (const line of text.split(/\r\n|\r|\n|\f/)) {
    if (line.includes('\t')) {
      run.push(line.split('\t').map((cell) => cell.trim()));
      continue;
    }
    if (!line.trim()) continue;
    flushRun(run, blocks);
    run = [];
    const marked = readBoldSpan(line.trim(), boldSpan);
    boldSpan = marked.openAfter;
    if (marked.text) blocks.push({ kind: 'paragraph', text: marked.text, bold: marked.bold });
  }
  flushRun(run, blocks);
  return { blocks };
}

function flushRun(run: string[][], blocks: StructBlock[]): void {
  if (run.length === 0) return;
  const isTable = run.some((cells) => cells.filter((c) => c !== '').length >= 2);
  if (isTable) {
    const rows: StructCell[][] = run.map((cells) => cells.map((c) => ({ ...stripBold(c), span: 1, vmerge: null })));
    blocks.push({ kind: 'table', rows });
    return;
  }
  for (const cell of run.flat()) {
    if (cell) blocks.push({ kind: 'paragraph', ...stripBold(cell) });
  }
}

/**
 * UTF-32 (with its byte-order mark, which is kept out of the text): TextDecoder has no such
 * encoding. A unit past U+10FFFF, a surrogate or a cut last unit reads as U+FFFD.
 */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let at = 4; at < bytes.length; at += 4) {
    const cp = at + 4 <= bytes.length ? view.getUint32(at, littleEndian) : 0xfffd;
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/**
 * Decodes bytes by their BOM, else as UTF-16 when the bytes are laid out as UTF-16 text
 * (utf16Layout), else as UTF-8 when valid, else as the legacy Cyrillic code page whose decoding
 * reads most like Russian (share of Russian letters among non-ASCII characters). UTF-16 is
 * tried before UTF-8: ASCII in UTF-16 (every other byte NUL) is valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  }
  // UTF-32's little-endian mark opens with UTF-16's: asked first, or the text reads as NULs.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { text: decodeUtf32(bytes, true), encoding: 'utf-32le' };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { text: decodeUtf32(bytes, false), encoding: 'utf-32be' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  const utf16 = utf16Layout(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: fall through to the legacy code pages.
  }
  let best: { text: string; encoding: TextEncodingName; score: number } | undefined;
  for (const encoding of D.legacyEncodings) {
    const text = new TextDecoder(encoding).decode(bytes);
    const score = russianScore(text);
    if (!best || score > best.score) best = { text, encoding, score };
  }
  // legacyEncodings is non-empty, so best is set; the fallback only satisfies the compiler.
  return best ? { text: best.text, encoding: best.encoding } : { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}

/**
 * UTF-16 without a byte-order mark, told by how its bytes are laid out (Notepad and .NET write
 * it so when asked for "Unicode" without a signature; exports of old registries too). Every
 * 16-bit unit of Russian text has a high byte of 0x00 (ASCII: digits, spaces, tabs, line
 * ends) or 0x04 (Cyrillic) — at odd offsets in UTF-16LE, at even ones in UTF-16BE — and the
 * other reading has no such pattern. The first `utf16SampleBytes` are judged; the shares
 * required (TUNING.ingest.plainText) leave no room for binary data: random bytes, 16-bit
 * samples or integers (NULs, 0xFFxx), UTF-32 (half its units NUL). A cut file's odd last byte
 * is ignored here (decoded as U+FFFD).
 */
export function utf16Layout(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = Math.min(bytes.length, D.utf16SampleBytes) >> 1;
  if (units < D.utf16MinUnits) return undefined;
  // Unless the sample ends before the file, its last unit may be the first half of a pair.
  const cut = bytes.length > 2 * units + 1;
  const le = utf16Shares(bytes, units, true, cut);
  const be = utf16Shares(bytes, units, false, cut);
  const fits = (s: Utf16Shares): boolean =>
    s.core >= D.utf16MinCoreShare && s.text >= D.utf16MinTextShare && s.control <= D.utf16MaxControlShare;
  if (fits(le) && (!fits(be) || le.core >= be.core)) return 'utf-16le';
  if (fits(be)) return 'utf-16be';
  return undefined;
}

interface Utf16Shares {
  /** Basic Latin and Cyrillic characters, control characters not counted. */
  core: number;
  /** Core and typographic characters. */
  text: number;
  /** Control characters, NULs, lone surrogates and non-characters. */
  control: number;
}

/**
 * Characters a Russian text holds beside ASCII and Cyrillic: Latin-1 («», NBSP), Latin
 * Extended, Greek, General Punctuation (— “” …), currency, Letterlike (№), arrows, math (−),
 * box drawing and shapes (■), the BOM of files joined mid-text, Symbol-font bullets (U+F0B7).
 */
const TYPOGRAPHIC: readonly (readonly [number, number])[] = [
  [0x00a0, 0x05ff], [0x2000, 0x22ff], [0x2500, 0x25ff], [0xf000, 0xf0ff], [0xfeff, 0xfeff],
];

function utf16Shares(bytes: Uint8Array, units: number, littleEndian: boolean, cut: boolean): Utf16Shares {
  const unitAt = (i: number): number => littleEndian
    ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8)
    : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!;
  let core = 0;
  let typographic = 0;
  let control = 0;
  for (let i = 0; i < units; i++) {
    const unit = unitAt(i);
    if (isControlUnit(unit)) {
      control++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      // A surrogate pair (an emoji, a rare symbol) is text of neither kind; half of one is not text.
      const paired = unit <= 0xdbff && (i + 1 < units ? isLowSurrogate(unitAt(i + 1)) : cut);
      if (paired) i++;
      else control++;
    } else if (unit >> 8 === 0x00 || unit >> 8 === 0x04) {
      core++;
    } else if (TYPOGRAPHIC.some(([from, to]) => unit >= from && unit <= to)) {
      typographic++;
    }
  }
  return { core: core / units, text: (core + typographic) / units, control: control / units };
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** NUL, C0 controls but tab and line ends (LF, CR, FF), DEL, C1 controls, U+FFFE and U+FFFF. */
function isControlUnit(unit: number): boolean {
  if (unit < 0x20) return unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c;
  return (unit >= 0x7f && unit <= 0x9f) || unit === 0xfffe || unit === 0xffff;
}

/**
 * Letter frequencies of Russian prose (per mille). Every Cyrillic code page maps Russian
 * letters to Russian letters of some other code page (KOI8-R read as CP1251 is all Cyrillic,
 * case-swapped and scrambled), so "is it Cyrillic" cannot choose; how Russian the letters
 * are, and whether capitals sit inside words, can.
 */
const RUSSIAN_FREQ: Readonly<Record<string, number>> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30, п: 28,
  у: 26, я: 20, ы: 19, ь: 17, г: 17, з: 16, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7, ю: 6, ц: 5, щ: 4,
  э: 3, ф: 2.6, ъ: 0.4, ё: 0.4,
};
/** Log-score of a non-ASCII character that is not a Russian letter (box drawing, Serbian Ђ …). */
const FOREIGN_SCORE = -10;
/** A capital right after a small letter: "ПрИКАЗ" is how a wrong code page reads "Приказ". */
const INNER_CAPITAL_SCORE = -4;

/** Mean log-likelihood of the non-ASCII characters as Russian text; higher is more Russian. */
function russianScore(text: string): number {
  let n = 0;
  let sum = 0;
  let prevLower = false;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      prevLower = /[a-z]/.test(ch);
      continue;
    }
    n++;
    const lower = ch.toLowerCase();
    const freq = RUSSIAN_FREQ[lower];
    if (freq === undefined) {
      sum += FOREIGN_SCORE;
      prevLower = false;
      continue;
    }
    sum += Math.log(freq / 1000);
    const isUpper = lower !== ch;
    if (isUpper && prevLower) sum += INNER_CAPITAL_SCORE;
    prevLower = !isUpper;
  }
  return n === 0 ? 0 : sum / n;
}

const BOLD_WRAPPERS: readonly (readonly [string, string])[] = [['**', '**'], ['<b>', '</b>'], ['<strong>', '</strong>']];

function stripBold(cell: string): { text: string; bold: boolean } {
  for (const [open, close] of BOLD_WRAPPERS) {
    if (cell.length <= open.length + close.length || !cell.startsWith(open) || !cell.endsWith(close)) continue;
    const inner = cell.slice(open.length, cell.length - close.length);
    // "**a** and **b**" is partly bold, not one bold span.
    if (!inner.includes(open) && !inner.includes(close)) return { text: inner.trim(), bold: true };
  }
  return { text: cell, bold: false };
}

/**
 * Bold markup may span lines ("**Title line 1" … "line 3**"). Tracks whether a span is open
 * and strips the markers at the ends of lines.
 */
function readBoldSpan(line: string, openBefore: boolean): { text: string; bold: boolean; openAfter: boolean } {
  const whole = stripBold(line);
  if (whole.bold) return { text: whole.text, bold: true, openAfter: openBefore };
  let text = line;
  let opens = false;
  let closes = false;
  for (const [open, close] of BOLD_WRAPPERS) {
    if (!openBefore && text.startsWith(open) && !text.slice(open.length).includes(close)) {
      text = text.slice(open.length).trim();
      opens = true;
    }
    if ((openBefore || opens) && text.endsWith(close)) {
      text = text.slice(0, text.length - close.length).trim();
      closes = true;
    }
  }
  const bold = openBefore || opens;
  return { text, bold, openAfter: bold && !closes };
}
