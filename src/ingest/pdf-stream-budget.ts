import { TooLargeError } from '../errors.js';
import { decodeFilter, FILTER_ALIASES } from './pdf-filters.js';
import { isDict, isName, isRef, PdfLexer, type PdfDict, type PdfValue } from './pdf-lexer.js';
import { encodedImageSize } from './pdf-image-size.js';

const MB = 1024 * 1024;
/** References followed from one value: a chain (or loop) of indirect objects ends here. */
const MAX_REF_HOPS = 8;

export interface PdfStreamLimits {
  /** Decoded bytes one non-image stream may reach. */
  maxStreamMb: number;
  /** Pixels one image (XObject or inline) may declare or hold (its decoded size is width × height × components). */
  maxImageMegapixels: number;
}

interface RawStream {
  /** Byte offset of the `stream` keyword. */
  at: number;
  dict: PdfDict;
  data: Uint8Array;
}

/**
 * Refuses a PDF before pdf.js decodes a stream whole into memory: a non-image stream (page
 * content, font, form, object stream) that decodes beyond the limit through any chain of the
 * expanding filters (Flate, LZW, RunLength, behind ASCIIHex/ASCII85 or not), and an image —
 * an XObject, or inline in a content stream — larger than the pixel limit by its dictionary or
 * by the JPEG/JPEG 2000 header inside its data (which pdf.js trusts over the dictionary).
 * Dictionaries are parsed as pdf.js parses them (comments, #xx name escapes, indirect values,
 * objects inside object streams), so spelling cannot hide a key. Decoding is streamed with a
 * cut-off, so the check costs at most the limit per stream. A stream that does not decode
 * (encrypted, damaged) is left to pdf.js to judge.
 */
export function checkPdfStreamSizes(bytes: Uint8Array, limits: PdfStreamLimits): void {
  const limit = limits.maxStreamMb * MB;
  const maxPixels = limits.maxImageMegapixels * 1e6;
  const streams = rawStreams(bytes);
  const objects = new ObjectTable(bytes);
  // Object streams first: the values of the other streams' dictionaries may live in them.
  const objectStreams = streams.filter((s) => nameOf(objects.resolve(s.dict.dict.get('Type'))) === 'ObjStm');
  for (const s of objectStreams) {
    const decoded = decodeChain(s, objects, limit);
    if (decoded === 'over') throw bomb(s.at, limits.maxStreamMb);
    if (decoded) objects.addObjectStream(s.dict, decoded);
  }
  for (const s of streams) {
    if (objectStreams.includes(s)) continue;
    const d = (key: string) => objects.resolve(s.dict.dict.get(key));
    if (nameOf(d('Subtype')) === 'Image') {
      checkImage(d('Width'), d('Height'), s.at, maxPixels, limits.maxImageMegapixels);
      const filters = filterNames(d('Filter'), objects);
      const last = filters.at(-1);
      if (last === 'DCTDecode' || last === 'JPXDecode') {
        const encoded = filters.length > 1 ? decodeChain({ ...s, dict: { dict: new Map(s.dict.dict).set('Filter', filters.slice(0, -1).map((name) => ({ name }))) } }, objects, limit) : s.data;
        const size = encoded && encoded !== 'over' ? encodedImageSize(encoded, last) : null;
        if (size) checkImage(size.width, size.height, s.at, maxPixels, limits.maxImageMegapixels);
      }
      continue;
    }
    const decoded = decodeChain(s, objects, limit);
    if (decoded === 'over') throw bomb(s.at, limits.maxStreamMb);
    // Page and form content may hold inline images (BI … ID … EI), which no stream dictionary declares.
    checkInlineImages(decoded ?? s.data, s.at, maxPixels, limits.maxImageMegapixels);
    checkNesting(decoded ?? s.data, s.at);
  }
}

/**
 * Graphics states saved within each other (`q` … `Q`) far past what any reader keeps: PDF
 * readers stop at 28 levels, and pdf.js's time grows faster than the depth (a 755-byte page
 * nested 30,000 deep ran 38 s, then into the batch's timeout). Strings are passed over, so a
 * «q» in a text is no operator.
 */
function checkNesting(content: Uint8Array, at: number): void {
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i]!;
    if (b === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let open = 1;
      for (i++; i < content.length && open > 0; i++) {
        const c = content[i]!;
        if (c === 0x5c) i++;
        else if (c === 0x28) open++;
        else if (c === 0x29) open--;
      }
      i--;
      continue;
    }
    if ((b !== 0x71 && b !== 0x51) || !isDelimiter(content[i - 1]) || !isDelimiter(content[i + 1])) continue;
    depth = b === 0x71 ? depth + 1 : Math.max(0, depth - 1);
    if (depth > MAX_GRAPHICS_NESTING) throw new TooLargeError(`a content stream at byte ${at} nests the graphics state more than ${MAX_GRAPHICS_NESTING} deep (readers stop at 28)`);
  }
}
/** Nesting of saved graphics states taken: ten times what PDF readers keep. */
const MAX_GRAPHICS_NESTING = 280;
const isDelimiter = (b: number | undefined): boolean =>
  b === undefined || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00 || b === 0x5b || b === 0x5d || b === 0x3c || b === 0x3e || b === 0x2f || b === 0x28 || b === 0x29 || b === 0x7b || b === 0x7d || b === 0x25;

function bomb(at: number, mb: number): TooLargeError {
  return new TooLargeError(`a compressed stream at byte ${at} decodes beyond ${mb} MB (a decompression bomb?)`);
}

function checkImage(width: PdfValue | undefined, height: PdfValue | undefined, at: number, maxPixels: number, maxMp: number): void {
  const w = typeof width === 'number' ? Math.abs(width) : 0;
  const h = typeof height === 'number' ? Math.abs(height) : 0;
  if (w * h > maxPixels) {
    throw new TooLargeError(`an image at byte ${at} is ${w}×${h} px (${((w * h) / 1e6).toFixed(0)} MP, limit ${maxMp} MP)`);
  }
}

const nameOf = (v: PdfValue | undefined): string | undefined => (isName(v) ? v.name : undefined);

function filterNames(filter: PdfValue | undefined, objects: ObjectTable): string[] {
  const list = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  return list.map((f) => nameOf(objects.resolve(f)) ?? '?').map((n) => FILTER_ALIASES[n] ?? n);
}

/**
 * The stream's data through its filter chain, stopping at the first filter not decoded here
 * (an image codec, Crypt): 'over' past the limit, null when the data does not decode.
 */
function decodeChain(s: RawStream, objects: ObjectTable, limit: number): Uint8Array | 'over' | null {
  const filters = filterNames(objects.resolve(s.dict.dict.get('Filter')), objects);
  const parms = objects.resolve(s.dict.dict.get('DecodeParms') ?? s.dict.dict.get('DP'));
  let data: Uint8Array = s.data;
  for (const [i, name] of filters.entries()) {
    const p = objects.resolve(Array.isArray(parms) ? parms[i] : parms);
    const early = isDict(p) ? objects.resolve(p.dict.get('EarlyChange')) : undefined;
    const next = decodeFilter(name, data, limit, typeof early === 'number' ? early : undefined);
    if (next === undefined) return data;
    if (next === null) return null;
    if (next.length > limit) return 'over';
    data = next;
  }
  return data;
}

/** Inline images in content: their dictionary between BI and ID, with the abbreviated keys. */
function checkInlineImages(content: Uint8Array, at: number, maxPixels: number, maxMp: number): void {
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  for (let bi = buf.indexOf('BI', 0, 'latin1'); bi >= 0; bi = buf.indexOf('BI', bi + 2, 'latin1')) {
    const before = bi === 0 ? 0x20 : buf[bi - 1]!;
    const after = buf[bi + 2] ?? 0x20;
    if (!isSeparator(before) || !isSeparator(after)) continue;
    const lexer = new PdfLexer(content, bi + 2, Math.min(content.length, bi + 4096));
    const dict = new Map<string, PdfValue>();
    for (let k = 0; k < 64; k++) {
      lexer.skipSpace();
      if (content[lexer.at] !== 0x2f) break;
      const key = lexer.name();
      const v = lexer.value();
      if (v === undefined) break;
      dict.set(key, v);
    }
    checkImage(dict.get('W') ?? dict.get('Width'), dict.get('H') ?? dict.get('Height'), at, maxPixels, maxMp);
  }
}

const isSeparator = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00 || c === 0x2f || c === 0x5d || c === 0x3e || c === 0x29;

/** Every `stream … endstream` with the dictionary before it, found in the raw bytes. */
function rawStreams(bytes: Uint8Array): RawStream[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: RawStream[] = [];
  for (let at = buf.indexOf('stream', 0, 'latin1'); at >= 0; at = buf.indexOf('stream', at + 6, 'latin1')) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    const objAt = buf.lastIndexOf('obj', at, 'latin1');
    if (objAt < 0) continue;
    const lexer = new PdfLexer(bytes, objAt + 3, at);
    lexer.skipSpace();
    if (bytes[lexer.at] !== 0x3c || bytes[lexer.at + 1] !== 0x3c) continue;
    const dict = lexer.dictionary();
    if (!dict) continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start, 'latin1');
    out.push({ at, dict, data: bytes.subarray(start, end < 0 ? bytes.length : end) });
  }
  return out;
}

/** Indirect objects by number: `N G obj` in the raw bytes, then those inside object streams. */
class ObjectTable {
  private readonly offsets = new Map<number, { bytes: Uint8Array; at: number }>();

  constructor(private readonly bytes: Uint8Array) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = buf.indexOf('obj', 0, 'latin1'); at >= 0; at = buf.indexOf('obj', at + 3, 'latin1')) {
      const m = /(\d+)\s+\d+\s+$/.exec(buf.toString('latin1', Math.max(0, at - 24), at));
      // A later definition of the same number wins, as an incremental update's does.
      if (m) this.offsets.set(Number(m[1]), { bytes, at: at + 3 });
    }
  }

  addObjectStream(dict: PdfDict, data: Uint8Array): void {
    const n = this.resolve(dict.dict.get('N'));
    const first = this.resolve(dict.dict.get('First'));
    if (typeof n !== 'number' || typeof first !== 'number') return;
    const lexer = new PdfLexer(data, 0, Math.min(first, data.length));
    for (let i = 0; i < n; i++) {
      const num = lexer.value();
      const off = lexer.value();
      if (typeof num !== 'number' || typeof off !== 'number') break;
      if (!this.offsets.has(num)) this.offsets.set(num, { bytes: data, at: first + off });
    }
  }

  /** The value, with indirect references followed (a few hops; a loop or a miss gives undefined). */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    for (let hop = 0; isRef(v); hop++) {
      const where = hop < MAX_REF_HOPS ? this.offsets.get(v.ref) : undefined;
      if (!where) return undefined;
      v = new PdfLexer(where.bytes, where.at).value();
    }
    return v;
  }
}
