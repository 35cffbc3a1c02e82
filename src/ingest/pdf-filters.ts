import { Unzlib } from 'fflate';

/**
 * The PDF stream filters that can expand data (Flate, LZW, RunLength) and the two text
 * encodings that may wrap them (ASCIIHex, ASCII85), decoded with a cut-off: output stops one
 * byte past `limit`, so a decompression bomb behind any chain of them costs at most the
 * limit, never what it claims. pdf.js decodes the same filters, but whole and internally.
 */

/** Decoded bytes (at most limit + 1: more means over the limit); null when the data does not decode. */
export type Decoded = Uint8Array | null;

/** Compressed bytes per inflate step: deflate expands at most ~1032:1, so ~16 MB per step. */
const STEP_BYTES = 16 * 1024;

class Sink {
  private readonly chunks: Uint8Array[] = [];
  size = 0;
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.size > this.limit;
  }
  push(chunk: Uint8Array): void {
    if (this.full) return;
    const room = this.limit + 1 - this.size;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part.slice());
    this.size += part.length;
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

export function flate(input: Uint8Array, limit: number): Decoded {
  const sink = new Sink(limit);
  const inflater = new Unzlib((chunk) => sink.push(chunk));
  try {
    for (let at = 0; at < input.length && !sink.full; at += STEP_BYTES) inflater.push(input.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= input.length);
  } catch {
    // Not zlib data after all (encrypted, raw deflate, damaged): the part decoded still counts.
    if (sink.size === 0) return null;
  }
  return sink.bytes();
}

/** LZW as PDF defines it (ISO 32000-1 §7.4.4), `early` = the EarlyChange parameter. */
export function lzw(input: Uint8Array, limit: number, early = 1): Decoded {
  const sink = new Sink(limit);
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  const scratch = new Uint8Array(4096);
  // Strings are collected in a block, not pushed one by one (a bomb is millions of them).
  const block = new Uint8Array(256 * 1024);
  let used = 0;
  const emit = (n: number) => {
    if (used + n > block.length) {
      sink.push(block.subarray(0, used));
      used = 0;
    }
    block.set(scratch.subarray(0, n), used);
    used += n;
  };
  const done = () => {
    sink.push(block.subarray(0, used));
    return sink.bytes();
  };
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let prev = -1;
  let acc = 0;
  let bits = 0;
  const out = (code: number): number => {
    const n = length[code]!;
    for (let i = n - 1, c = code; i >= 0; i--, c = prefix[c]!) scratch[i] = suffix[c]!;
    emit(n);
    return scratch[0]!;
  };
  for (let i = 0; i < input.length && !sink.full; i++) {
    acc = ((acc << 8) | input[i]!) & 0xffffff;
    bits += 8;
    while (bits >= width && !sink.full) {
      const code = (acc >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      if (code === 256) {
        next = 258;
        width = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return done();
      if (prev < 0) {
        if (code > 255) return null;
        out(code);
        prev = code;
        continue;
      }
      let first: number;
      if (code < next) first = out(code);
      else if (code === next) {
        // The KwKwK case: the code being defined is the previous string plus its first byte.
        const n = length[prev]!;
        for (let k = n - 1, c = prev; k >= 0; k--, c = prefix[c]!) scratch[k] = suffix[c]!;
        scratch[n] = scratch[0]!;
        emit(n + 1);
        first = scratch[0]!;
      } else return sink.size + used > 0 ? done() : null;
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = first;
        length[next] = Math.min(length[prev]! + 1, 4095);
        next++;
      }
      if (next + early >= 1 << width && width < 12) width++;
      prev = code;
    }
    if (used > limit) break;
  }
  return done();
}

export function runLength(input: Uint8Array, limit: number): Decoded {
  const sink = new Sink(limit);
  // Runs are at most 128 bytes: collected in a block, not pushed one by one.
  const block = new Uint8Array(64 * 1024);
  let used = 0;
  const flush = () => {
    sink.push(block.subarray(0, used));
    used = 0;
  };
  for (let i = 0; i < input.length && !sink.full;) {
    const n = input[i++]!;
    if (n === 128) break;
    if (used + 128 > block.length) flush();
    if (n < 128) {
      const run = input.subarray(i, i + n + 1);
      block.set(run, used);
      used += run.length;
      i += n + 1;
    } else {
      block.fill(input[i++] ?? 0, used, used + 257 - n);
      used += 257 - n;
    }
  }
  flush();
  return sink.bytes();
}

export function asciiHex(input: Uint8Array): Decoded {
  const text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  const end = text.indexOf('>');
  const hex = (end < 0 ? text : text.slice(0, end)).replace(/[^0-9a-fA-F]/g, '');
  return new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
}

export function ascii85(input: Uint8Array): Decoded {
  const out: number[] = [];
  const group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const d of group) v = v * 85 + d;
    for (let k = 0; k < n - 1; k++) out.push((v >>> (24 - 8 * k)) & 0xff);
    group.length = 0;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === 0x7e) break; // "~>" ends the data
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group.push(c - 33);
    if (group.length === 5) flush(5);
  }
  if (group.length > 0) flush(group.length);
  return Uint8Array.from(out);
}

/** Filter names pdf.js accepts, abbreviations (inline images) included, to one spelling. */
export const FILTER_ALIASES: Record<string, string> = {
  Fl: 'FlateDecode', LZW: 'LZWDecode', RL: 'RunLengthDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode',
  DCT: 'DCTDecode', CCF: 'CCITTFaxDecode',
};

/** One filter applied; undefined for one that is not decoded here (images, Crypt, unknown). */
export function decodeFilter(name: string, input: Uint8Array, limit: number, early?: number): Decoded | undefined {
  switch (FILTER_ALIASES[name] ?? name) {
    case 'FlateDecode': return flate(input, limit);
    case 'LZWDecode': return lzw(input, limit, early);
    case 'RunLengthDecode': return runLength(input, limit);
    case 'ASCIIHexDecode': return asciiHex(input);
    case 'ASCII85Decode': return ascii85(input);
    default: return undefined;
  }
}
