import { CorruptFileError } from '../errors.js';

/**
 * Kinds of RTF token: group braces, control words (\name with an optional numeric parameter),
 * control symbols (\ and one non-letter), `\'xx` escapes (one byte in the current code page),
 * and runs of plain text bytes (their code page is decided later, by the current font).
 */
export type RtfTokenKind = 'open' | 'close' | 'word' | 'symbol' | 'byte' | 'text';

const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;
const MINUS = 0x2d;
const QUOTE = 0x27;

/**
 * The spec caps control words at 32 letters and parameters at a signed 16-bit value; writers
 * exceed the latter (twips, rsids), so only the digit count is bounded, keeping numbers exact.
 */
const MAX_WORD_LETTERS = 32;
const MAX_PARAM_DIGITS = 10;

const isLetter = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

/**
 * Pull tokenizer over the raw bytes. It allocates nothing per token: `next()` says the kind and
 * the fields below describe the token until the next call (files run to tens of MB, mostly
 * control words). `\binN` payloads are stepped over by length here, so no later stage can
 * mistake binary data for braces or text.
 */
export class RtfTokenizer {
  /** Control word name (kind 'word'). */
  name = '';
  /** Control word parameter, if it has one (kind 'word'). */
  param: number | undefined;
  /** The character after the backslash (kind 'symbol'); '' for a lone or broken escape. */
  symbol = '';
  /** The byte of a `\'xx` escape (kind 'byte'). */
  byte = 0;
  /** Byte range of a text run (kind 'text'). */
  textStart = 0;
  textEnd = 0;
  private pos: number;

  constructor(readonly bytes: Uint8Array, start = 0) {
    this.pos = start;
  }

  /** Offset of the next unread byte. */
  get offset(): number {
    return this.pos;
  }

  /** Reads the next token; undefined at the end of the bytes. */
  next(): RtfTokenKind | undefined {
    const b = this.bytes;
    for (;;) {
      if (this.pos >= b.length) return undefined;
      const c = b[this.pos] as number;
      if (c === OPEN) {
        this.pos++;
        return 'open';
      }
      if (c === CLOSE) {
        this.pos++;
        return 'close';
      }
      if (c === BACKSLASH) return this.control();
      // Line breaks in RTF source are layout of the file, not of the text.
      if (c === CR || c === LF) {
        this.pos++;
        continue;
      }
      return this.text();
    }
  }

  private text(): RtfTokenKind {
    const b = this.bytes;
    this.textStart = this.pos;
    while (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (c === BACKSLASH || c === OPEN || c === CLOSE || c === CR || c === LF) break;
      if (c < SPACE && c !== TAB) {
        throw new CorruptFileError('RTF', `control byte 0x${c.toString(16).padStart(2, '0')} at offset ${this.pos}: RTF is text, so binary bytes there mean the file is damaged`);
      }
      this.pos++;
    }
    this.textEnd = this.pos;
    return 'text';
  }

  private control(): RtfTokenKind {
    const b = this.bytes;
    this.pos++; // the backslash
    if (this.pos >= b.length) {
      this.symbol = '';
      return 'symbol';
    }
    const c = b[this.pos] as number;
    if (!isLetter(c)) {
      this.pos++;
      if (c === QUOTE) return this.hexByte();
      // `\` before a line break is an old spelling of \par.
      if (c === CR || c === LF) {
        this.name = 'par';
        this.param = undefined;
        return 'word';
      }
      this.symbol = String.fromCharCode(c);
      return 'symbol';
    }
    let name = '';
    const nameStart = this.pos;
    while (this.pos < b.length && isLetter(b[this.pos] as number) && this.pos - nameStart < MAX_WORD_LETTERS) {
      name += String.fromCharCode(b[this.pos] as number);
      this.pos++;
    }
    this.name = name;
    const negative = b[this.pos] === MINUS && isDigit(b[this.pos + 1] ?? 0);
    if (negative) this.pos++;
    const digitsStart = this.pos;
    let value = 0;
    while (this.pos < b.length && isDigit(b[this.pos] as number) && this.pos - digitsStart < MAX_PARAM_DIGITS) {
      value = value * 10 + ((b[this.pos] as number) - 0x30);
      this.pos++;
    }
    this.param = this.pos > digitsStart ? (negative ? -value : value) : undefined;
    // A single space after a control word is its delimiter, not text.
    if (b[this.pos] === SPACE) this.pos++;
    if (name === 'bin') this.skipBinary(this.param ?? 0);
    return 'word';
  }

  private hexByte(): RtfTokenKind {
    const hi = hexValue(this.bytes[this.pos] ?? -1);
    const lo = hexValue(this.bytes[this.pos + 1] ?? -1);
    if (hi < 0 || lo < 0) {
      // A broken escape is dropped, as word processors do; the bytes after it read on as text.
      this.symbol = '';
      return 'symbol';
    }
    this.pos += 2;
    this.byte = hi * 16 + lo;
    return 'byte';
  }

  private skipBinary(length: number): void {
    if (length < 0 || this.pos + length > this.bytes.length) {
      throw new CorruptFileError('RTF', `\\bin${length} at offset ${this.pos} announces more binary data than the file holds (cut short)`);
    }
    this.pos += length;
  }
}
