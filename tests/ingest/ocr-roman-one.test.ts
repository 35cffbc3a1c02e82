import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/model/index.js';
import type { InkMask } from '../../src/ingest/image-binarize.js';
import { flagOf, readRomanOnes } from '../../src/ingest/ocr-roman-one.js';

/** A 72-dpi mask (one pixel a point) with the numeral drawn at x 20–23, y 10–40, and its stop. */
function numeral(shape: 'digit' | 'sans-I' | 'serif-I'): InkMask {
  const width = 200, height = 60;
  const data = new Uint8Array(width * height);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = 1;
  };
  fill(20, 10, 23, 40);
  if (shape === 'digit') {
    // The flag: a stroke down and to the left from the stem's top, and the foot's serif.
    for (let i = 0; i < 8; i++) fill(19 - i, 11 + i, 20 - i, 12 + i);
    fill(16, 39, 27, 40);
  }
  if (shape === 'serif-I') {
    fill(16, 10, 27, 11);
    fill(16, 39, 27, 40);
  }
  fill(29, 37, 31, 40);
  return { data, width, height, dpi: 72 };
}

const word = (text: string, x0: number, x1: number): Word => ({ text, bbox: { x0, y0: 10, x1, y1: 41 }, conf: 0.9, bold: false });

describe('a heading number OCR read «1.» told apart by its glyph', () => {
  it('measures the digit\'s flag, and none on a plain or a serifed I', () => {
    const box = { x0: 11, y0: 10, x1: 32, y1: 41 };
    expect(flagOf(numeral('digit'), box)!).toBeGreaterThan(0.1);
    expect(flagOf(numeral('sans-I'), box)!).toBeCloseTo(0, 5);
    expect(flagOf(numeral('serif-I'), box)!).toBeCloseTo(0, 5);
  });

  it('reads «I.» where a flagless «1.» opens a capitalised title, and leaves the digit as read', () => {
    const title = word('Кадровые', 40, 120);
    expect(readRomanOnes([word('1.', 11, 32), title], numeral('sans-I'))[0]!.text).toBe('I.');
    expect(readRomanOnes([word('1.', 11, 32), title], numeral('serif-I'))[0]!.text).toBe('I.');
    expect(readRomanOnes([word('1.', 11, 32), title], numeral('digit'))[0]!.text).toBe('1.');
  });

  it('leaves a row number alone: its cell\'s text stands apart, or is not a capitalised title', () => {
    const mask = numeral('sans-I');
    expect(readRomanOnes([word('1.', 11, 32), word('Проведение', 90, 170)], mask)[0]!.text).toBe('1.');
    expect(readRomanOnes([word('1.', 11, 32), word('в', 40, 48)], mask)[0]!.text).toBe('1.');
    // «Раздел 1. Кадровые условия»: the number of a worded label is the label's, read as printed.
    expect(readRomanOnes([word('Раздел', 0, 10), word('1.', 11, 32), word('Кадровые', 40, 120)], mask)[1]!.text).toBe('1.');
  });

  it('does not measure a glyph too small or run into its neighbours', () => {
    const mask = numeral('sans-I');
    expect(flagOf(mask, { x0: 11, y0: 30, x1: 32, y1: 41 })).toBeNull();
    const blot = numeral('sans-I');
    for (let y = 10; y <= 40; y++) for (let x = 20; x <= 60; x++) blot.data[y * blot.width + x] = 1;
    expect(flagOf(blot, { x0: 11, y0: 10, x1: 62, y1: 41 })).toBeNull();
  });
});
