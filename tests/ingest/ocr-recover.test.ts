import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Word } from '../../src/model/index.js';
import { decodeImagePages } from '../../src/ingest/image.js';
import type { WordRecognizer } from '../../src/ingest/ocr-engine.js';
import { recognizePage } from '../../src/ingest/ocr-page.js';
import { readingScore, wordsBySlot } from '../../src/ingest/ocr-recover.js';
import { createTesseractRecognizer } from '../../src/ingest/ocr-tesseract.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';

const word = (text: string, x0: number, x1: number, conf = 0.9): Word => ({ text, bbox: { x0, y0: 0, x1, y1: 10 }, conf, bold: false });

describe('second readings of missed ink, per blob', () => {
  it('maps words to their slot and back onto the page; a word spilling over two slots is dropped', () => {
    // 72 dpi: points and pixels agree. Slot 0 spans 0–50 px and came from page x 500, y 300.
    const slots = [{ left: 0, right: 50, pageX: 500, pageY: 300 }, { left: 60, right: 110, pageX: 140, pageY: 100 }];
    const got = wordsBySlot([word('1.1.', 10, 30), word('2.1.', 70, 90), word('4', 45, 65), word('шум', 72, 80, 0.2)], slots, 72);
    expect(got.map((ws) => ws.map((w) => w.text))).toEqual([['1.1.'], ['2.1.']]);
    expect(got[0]![0]!.bbox).toEqual({ x0: 510, y0: 300, x1: 530, y1: 310 });
  });

  it('scores a reading by confidence per character, nothing read as 0', () => {
    expect(readingScore([])).toBe(0);
    expect(readingScore([word('1.', 0, 1, 0.5), word('2.1.', 0, 1, 0.8)])).toBeCloseTo((0.5 * 2 + 0.8 * 4) / 6);
  });
});

/**
 * Real tesseract.js on a 150-dpi scan of a plan whose № column is the last one: the page pass
 * skips most of its numbers, and one composite line of all of them came back as "53 52 бе".
 */
describe('row numbers of a last № column on a 150-dpi scan (real recognition)', () => {
  let recognizer: WordRecognizer;
  beforeAll(async () => {
    recognizer = await createTesseractRecognizer({ ...DEFAULT_SETTINGS.ocr, workers: 1 });
  }, 120_000);
  afterAll(() => recognizer.close());

  it('reads every row number', async () => {
    const file = path.resolve(import.meta.dirname, '../../fixtures/images/number-column-last-scan-150dpi.png');
    const [image] = await decodeImagePages(new Uint8Array(fs.readFileSync(file)), { maxMegapixels: 50, dpiFallback: 150 });
    const page = await recognizePage(recognizer, image!, 1);
    const right = page.words.filter((w) => w.bbox.x0 > page.width * 0.75).map((w) => w.text);
    const want = ['1.1.', '2.1.', '3.1.', '3.2.', '4.1.', '5.1.', '5.2.', '5.3.', '6.1.'];
    expect(want.filter((n) => right.includes(n)).length).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
