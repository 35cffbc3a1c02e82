import { describe, expect, it } from 'vitest';
import { joinCellLines } from '../../src/parse/cell-text.js';

describe('a cell\'s lines joined into its text', () => {
  const vocabulary = new Set(['образования']);
  it.each([
    [['подготовке к ГИА-9 и ГИА-', '11'], 'подготовке к ГИА-9 и ГИА-11'],
    [['в течение 2025-', '2026 гг.'], 'в течение 2025-2026 гг.'],
    [['в течение 2025–', '2026 гг.'], 'в течение 2025–2026 гг.'],
    [['научно-', 'практической'], 'научно-практической'],
    [['образо-', 'вания'], 'образования'],
    [['июнь –', 'август'], 'июнь – август'],
    [['и/', 'или'], 'и/или'],
  ])('%j → %s', (lines, text) => {
    expect(joinCellLines(lines, vocabulary)).toBe(text);
  });
});
