import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SquishedDawg } from '../../src/lexicon/dawg.js';
import { foldWord, readWordDawg, russianDictionary } from '../../src/lexicon/dictionary.js';
import { OCR_MODEL, readModelFile } from '../../src/lexicon/model-file.js';
import { parseUnicharset } from '../../src/lexicon/unicharset.js';
import { OcrUnavailableError } from '../../src/errors.js';
import { editDistance } from '../../src/normalize/text-tokens.js';

/** One edge record: letter bits, then the three flags, then the next node (dawg.h). */
function edge(letter: number, flags: { last?: boolean; end?: boolean }, next: number, letterBits: number): bigint {
  const f = (flags.last ? 1 : 0) | (flags.end ? 4 : 0);
  return BigInt(letter) | (BigInt(f) << BigInt(letterBits)) | (BigInt(next) << BigInt(letterBits + 3));
}

function squished(unicharsetSize: number, edges: bigint[]): Uint8Array {
  const buf = Buffer.alloc(10 + edges.length * 8);
  buf.writeInt16LE(42, 0);
  buf.writeInt32LE(unicharsetSize, 2);
  buf.writeInt32LE(edges.length, 6);
  edges.forEach((e, i) => buf.writeBigUInt64LE(e, 10 + i * 8));
  return buf;
}

describe('SquishedDawg on a hand-built graph', () => {
  // Unichars: space, a, b, c → 3 letter bits (ceil(log2(4 + 1))). Words: ab, abc, b.
  const unichars = [' ', 'a', 'b', 'c'];
  const bits = 3;
  const bytes = squished(4, [
    edge(1, {}, 2, bits), // root: a → node 2
    edge(2, { last: true, end: true }, 0, bits), // root: b (a word)
    edge(2, { last: true, end: true }, 3, bits), // node 2: b ends "ab", goes on to node 3
    edge(3, { last: true, end: true }, 0, bits), // node 3: c ends "abc"
  ]);
  const dawg = SquishedDawg.parse(bytes, unichars);

  it('lists its words depth-first', () => {
    expect([...dawg.words()]).toEqual(['ab', 'abc', 'b']);
  });

  it('knows words, not prefixes or extensions', () => {
    expect(dawg.has('ab')).toBe(true);
    expect(dawg.has('abc')).toBe(true);
    expect(dawg.has('b')).toBe(true);
    expect(dawg.has('a')).toBe(false);
    expect(dawg.has('abcc')).toBe(false);
    expect(dawg.has('')).toBe(false);
  });

  it('finds words within an edit distance', () => {
    expect(dawg.near('ac', 1).sort((x, y) => x.word.localeCompare(y.word))).toEqual([
      { word: 'ab', distance: 1 },
      { word: 'abc', distance: 1 },
    ]);
    expect(dawg.near('bc', 0)).toEqual([]);
  });

  it('refuses data that is not a dawg', () => {
    const wrongMagic = Buffer.from(bytes);
    wrongMagic.writeInt16LE(7, 0);
    expect(() => SquishedDawg.parse(wrongMagic, unichars)).toThrow(/magic/);
    expect(() => SquishedDawg.parse(bytes, unichars.slice(0, 3))).toThrow(/unicharset/);
    expect(() => SquishedDawg.parse(bytes.subarray(0, 20), unichars)).toThrow(/do not fit/);
    const pastEnd = squished(4, [edge(1, { last: true }, 9, bits)]);
    expect(() => SquishedDawg.parse(pastEnd, unichars)).toThrow(/past the end/);
  });
});

describe('parseUnicharset', () => {
  it('reads the first field of each line and turns "NULL" into the space', () => {
    expect(parseUnicharset('3\nNULL 0 Common 0\nК 5 0,255 Cyrillic 101 0 3 К\t# К\nа 3 0,255 Cyrillic 1 0 2 а\n')).toEqual([' ', 'К', 'а']);
    expect(() => parseUnicharset('5\nNULL 0\n')).toThrow(/count/);
  });
});

describe('the vendored model’s word dictionary', () => {
  let dawg: SquishedDawg;
  beforeAll(() => {
    dawg = readWordDawg();
  });

  it('holds the 293,898 words that dawg2wordlist lists', () => {
    let count = 0;
    for (const _ of dawg.words()) count++;
    expect(count).toBe(293_898);
  });

  it('knows words in the forms they are listed in', () => {
    for (const w of ['нормативно', 'правовое', 'правовой', 'обеспечение', 'сопровождение', 'куратор', 'Куратор', 'КУРАТОР', 'Нормативно', 'НОРМАТИВНО']) {
      expect(dawg.has(w), w).toBe(true);
    }
    // Hyphenated compounds are listed by part; OCR slips and fragments are not words.
    for (const w of ['нормативно-правовое', 'номативно', 'нормативио', 'мативно', 'эмативно', 'КУРАТОРА', 'отключенными']) {
      expect(dawg.has(w), w).toBe(false);
    }
  });

  it('finds "нормативно" one edit from "номативно"', () => {
    expect(dawg.near('номативно', 1)).toContainEqual({ word: 'нормативно', distance: 1 });
    expect(dawg.near('Номативно', 1, foldWord)).toContainEqual({ word: 'нормативно', distance: 1 });
  });

  it('finds exactly the words an exhaustive comparison finds', () => {
    const all = [...dawg.words()].map(foldWord);
    for (const [probe, k] of [['образоватеьных', 2], ['мероприятии', 1], ['сеитября', 1]] as const) {
      const want = new Map<string, number>();
      for (const w of all) {
        if (Math.abs(w.length - probe.length) > k) continue;
        const d = editDistance(probe, w);
        if (d <= k) want.set(w, Math.min(d, want.get(w) ?? d));
      }
      const got = new Map(dawg.near(probe, k, foldWord).map((c) => [c.word, c.distance]));
      expect(got, probe).toEqual(want);
    }
  });

  it('is shared by the process and reads case-insensitively', () => {
    const dict = russianDictionary();
    expect(russianDictionary()).toBe(dict);
    // Listed in lower case only, known in capitals too; ё and е are one letter.
    expect(dict.knows('КУРАТОРА')).toBe(true);
    expect(dict.knows('Куратора')).toBe(true);
    expect(dict.knows('отключенными')).toBe(true);
    expect(dict.knows('Номативно')).toBe(false);
  });
});

describe('readModelFile', () => {
  it('reports a truncated model as damaged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-'));
    try {
      fs.writeFileSync(path.join(dir, OCR_MODEL.fileName), gzipSync(Buffer.from([24, 0, 0, 0, 1, 2])));
      expect(() => readModelFile(dir)).toThrow(OcrUnavailableError);
      expect(() => readModelFile(dir)).toThrow(/damaged \(bad header\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
