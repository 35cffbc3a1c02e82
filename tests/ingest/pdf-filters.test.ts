import { describe, expect, it } from 'vitest';
import { ascii85, asciiHex, decodeFilter, flate, lzw, runLength } from '../../src/ingest/pdf-filters.js';
import { ascii85 as encode85, asciiHex as encodeHex, lzwEncode, runLengthOf } from '../../scripts/bad-inputs/unseen-encoders.js';
import { deflateSync } from 'node:zlib';

const MB = 1024 * 1024;
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('latin1');

describe('bounded PDF filter decoders', () => {
  it('LZW decodes the example of ISO 32000-1 §7.4.4.2 exactly', () => {
    expect(text(lzw(Uint8Array.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]), 1000))).toBe('-----A---B');
  });

  it('LZW, RunLength, ASCIIHex and ASCII85 give back what was encoded', () => {
    const data = Buffer.from('План мероприятий («дорожная карта») '.repeat(300), 'utf8');
    expect(Buffer.from(lzw(lzwEncode(data), MB)!).equals(data)).toBe(true);
    expect(Buffer.from(asciiHex(encodeHex(data))!).equals(data)).toBe(true);
    expect(Buffer.from(ascii85(encode85(data))!).equals(data)).toBe(true);
    expect(text(runLength(runLengthOf(0x41, 256), MB))).toBe('A'.repeat(256));
    expect(text(runLength(Uint8Array.from([2, 0x61, 0x62, 0x63, 0xfe, 0x78, 0x80]), MB))).toBe('abcxxx');
  });

  it('stops one byte past the limit, however far the data would expand', () => {
    const spaces = Buffer.alloc(40 * MB, 0x20);
    for (const [name, data] of [['FlateDecode', deflateSync(spaces)], ['LZWDecode', lzwEncode(spaces)], ['RunLengthDecode', runLengthOf(0x20, 40 * MB)]] as const) {
      expect(decodeFilter(name, data, 4 * MB)?.length, name).toBe(4 * MB + 1);
    }
  });

  it('takes the abbreviated names of inline images; leaves image codecs undecoded', () => {
    expect(text(decodeFilter('Fl', deflateSync(Buffer.from('abc')), 100))).toBe('abc');
    expect(decodeFilter('DCTDecode', new Uint8Array(10), 100)).toBeUndefined();
    expect(flate(Uint8Array.from([1, 2, 3, 4]), 100)).toBeNull();
  });
});
