/**
 * Just enough of a PDF object parser (ISO 32000-1 §7.2–7.3) to read stream dictionaries the
 * way pdf.js will: comments are white space, names may hide letters behind #xx escapes,
 * numbers may carry a sign, any value may be an indirect reference. Reading a dictionary with
 * regular expressions missed each of these, and pdf.js then decoded what the check had let by.
 */

export interface PdfRef {
  ref: number;
}
export type PdfValue = number | string | boolean | null | PdfRef | { name: string } | PdfValue[] | PdfDict;
export interface PdfDict {
  dict: Map<string, PdfValue>;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
/** Nesting deeper than any real dictionary: a hostile one cannot exhaust the stack. */
const MAX_DEPTH = 64;

export const isName = (v: PdfValue | undefined): v is { name: string } => typeof v === 'object' && v !== null && 'name' in v;
export const isRef = (v: PdfValue | undefined): v is PdfRef => typeof v === 'object' && v !== null && 'ref' in v;
export const isDict = (v: PdfValue | undefined): v is PdfDict => typeof v === 'object' && v !== null && 'dict' in v;

export class PdfLexer {
  constructor(private readonly b: Uint8Array, public at: number, private readonly end = b.length) {}

  skipSpace(): void {
    while (this.at < this.end) {
      const c = this.b[this.at]!;
      if (WHITE.has(c)) this.at++;
      else if (c === 0x25) {
        while (this.at < this.end && this.b[this.at] !== 0x0a && this.b[this.at] !== 0x0d) this.at++;
      } else break;
    }
  }

  /** The next object, or undefined where the bytes hold none (damage, end of data). */
  value(depth = 0): PdfValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.skipSpace();
    if (this.at >= this.end) return undefined;
    const c = this.b[this.at]!;
    if (c === 0x2f) return { name: this.name() };
    if (c === 0x3c && this.b[this.at + 1] === 0x3c) return this.dictionary(depth);
    if (c === 0x3c) return this.hexString();
    if (c === 0x28) return this.literalString();
    if (c === 0x5b) {
      this.at++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.at >= this.end) return undefined;
        if (this.b[this.at] === 0x5d) {
          this.at++;
          return items;
        }
        const v = this.value(depth + 1);
        if (v === undefined) return undefined;
        items.push(v);
      }
    }
    const word = this.word();
    if (word === '') {
      this.at++;
      return undefined;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const n = Number(word);
      // "N G R" is a reference: look ahead without consuming on a miss.
      if (/^\d+$/.test(word)) {
        const save = this.at;
        this.skipSpace();
        const gen = this.word();
        this.skipSpace();
        if (/^\d+$/.test(gen) && this.word() === 'R') return { ref: n };
        this.at = save;
      }
      return n;
    }
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return word; // a keyword (obj, stream, ID …): the caller decides
  }

  dictionary(depth = 0): PdfDict | undefined {
    this.at += 2;
    const dict = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.at >= this.end) return undefined;
      if (this.b[this.at] === 0x3e && this.b[this.at + 1] === 0x3e) {
        this.at += 2;
        return { dict };
      }
      if (this.b[this.at] !== 0x2f) return undefined;
      const key = this.name();
      const v = this.value(depth + 1);
      if (v === undefined) return undefined;
      dict.set(key, v);
    }
  }

  /** A name with its #xx escapes decoded (the leading slash dropped). */
  name(): string {
    this.at++;
    let out = '';
    while (this.at < this.end) {
      const c = this.b[this.at]!;
      if (WHITE.has(c) || DELIM.has(c)) break;
      if (c === 0x23 && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(this.b[this.at + 1] ?? 0, this.b[this.at + 2] ?? 0))) {
        out += String.fromCharCode(Number.parseInt(String.fromCharCode(this.b[this.at + 1]!, this.b[this.at + 2]!), 16));
        this.at += 3;
      } else {
        out += String.fromCharCode(c);
        this.at++;
      }
    }
    return out;
  }

  word(): string {
    const start = this.at;
    while (this.at < this.end && !WHITE.has(this.b[this.at]!) && !DELIM.has(this.b[this.at]!)) this.at++;
    return String.fromCharCode(...this.b.subarray(start, Math.min(this.at, start + 64)));
  }

  private hexString(): string {
    const close = this.b.indexOf(0x3e, this.at);
    this.at = close < 0 ? this.end : close + 1;
    return '';
  }

  private literalString(): string {
    let depth = 0;
    for (; this.at < this.end; this.at++) {
      const c = this.b[this.at]!;
      if (c === 0x5c) this.at++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        this.at++;
        break;
      }
    }
    return '';
  }
}
