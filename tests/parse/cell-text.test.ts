import { describe, expect, it } from 'vitest';
import { cleanText, joinCellLines } from '../../src/parse/cell-text.js';

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
    // After a digit the hyphen binds the next line, whatever it starts with.
    [['2022-', '2023'], '2022-2023'],
    [['в 1-', 'м квартале'], 'в 1-м квартале'],
    [['сентябрь-', 'октябрь'], 'сентябрь-октябрь'],
    [['2022 -', '2023'], '2022 - 2023'],
  ])('%j → %s', (lines, text) => {
    expect(joinCellLines(lines, vocabulary)).toBe(text);
  });
});

describe('a cell\'s text with line breaks folded', () => {
  it.each([
    ['2022-\n2023', '2022-2023'],
    ['2022–\r\n2023 гг.', '2022–2023 гг.'],
    ['в 1- \nм квартале', 'в 1-м квартале'],
    ['июнь –\nавгуст', 'июнь – август'],
    ['2021-\n(ежегодно)', '2021- (ежегодно)'],
  ])('%j → %s', (text, clean) => {
    expect(cleanText(text)).toBe(clean);
  });
});
