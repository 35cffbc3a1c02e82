import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/model/index.js';
import { lineText, wordsToLines } from '../../src/parse/text-lines.js';

const w = (text: string, x0: number, y0: number, y1: number): Word => ({ text, bbox: { x0, x1: x0 + 30, y0, y1 }, conf: 0.9, bold: false });

describe('wordsToLines', () => {
  it('a speck OCR read as a mark does not set a line of its own that splits the words around it', () => {
    // "›" a quarter point high, at the middle of a header line whose boxes differ in height.
    const words = [w('Мил', 64, 85.9, 92.6), w('›', 230, 87.1, 87.4), w('Перечень', 244, 85.9, 94.3), w('за', 641, 87.6, 94.8), w('Ответственные', 575, 83.8, 100.8), w('Срок', 720, 84.7, 99.8)];
    const lines = wordsToLines(words, 0.5);
    expect(lines.map(lineText)).toEqual(['Мил › Перечень Ответственные за Срок']);
  });
});
