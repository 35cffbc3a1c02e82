import { describe, expect, it } from 'vitest';
import { wordsFromBlocks, type TessWord } from '../../src/ingest/ocr-words.js';

const tw = (text: string, x0: number, y0: number, x1: number, y1: number): TessWord => ({ text, confidence: 90, bbox: { x0, y0, x1, y1 } });
// 72 dpi: pixels are points.
const frame = { dpi: 72, offsetX: 0, offsetY: 0 };

describe('words from Tesseract lines', () => {
  it('trims a box Tesseract ran down into the line below to its own line\'s band', () => {
    // A title over a bold header set close under it: "поддержке" took in the header's ink.
    const line = { words: [tw('План', 59, 71, 80, 78), tw('мероприятий', 83, 71, 137, 80), tw('поддержке', 235, 70.5, 277, 88.3), tw('школ', 279, 73, 301, 78)] };
    const words = wordsFromBlocks([{ paragraphs: [{ lines: [line] }] }], frame);
    const w = words.find((x) => x.text === 'поддержке')!;
    expect(w.bbox.y1).toBeLessThan(84);
    expect(w.bbox.y0).toBe(70.5);
    // The others keep their boxes.
    expect(words.find((x) => x.text === 'мероприятий')!.bbox).toEqual({ x0: 83, y0: 71, x1: 137, y1: 80 });
  });

  it('leaves lines of one or two words as read', () => {
    const line = { words: [tw('Ожидаемые', 439, 85, 488, 104), tw('за', 641, 88, 650, 95)] };
    const words = wordsFromBlocks([{ paragraphs: [{ lines: [line] }] }], frame);
    expect(words.map((w) => w.bbox.y1)).toEqual([104, 95]);
  });
});
