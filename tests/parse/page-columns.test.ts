import { describe, expect, it } from 'vitest';
import type { Rule, Word } from '../../src/model/index.js';
import { groupHeaderWords, groupText, registerColumns, type PageColumn } from '../../src/parse/page-columns.js';

describe('registerColumns', () => {
  const columns: PageColumn[] = [
    { role: 'number', header: '№', x0: 60, x1: 90 },
    { role: 'activity', header: 'Мероприятие', x0: 90, x1: 254 },
    { role: 'responsible', header: 'Ответственный', x0: 254, x1: 356 },
    { role: 'deadline', header: 'Сроки', x0: 356, x1: 439 },
    { role: 'result', header: 'Результат', x0: 439, x1: 570 },
  ];
  const v = (at: number): Rule => ({ orientation: 'v', at, from: 50, to: 780 });

  it('a sheet lying 2 pt off, within the rule match at no shift, still has its boundaries put on its own rules', () => {
    const rules = [58, 88, 252, 354, 437, 568].map(v);
    const out = registerColumns(columns, rules, 20);
    expect(out.map((c) => c.x0)).toEqual([58, 88, 252, 354, 437]);
    expect(out.at(-1)!.x1).toBe(568);
  });

  it('without enough rules to agree on, the columns stay as they are', () => {
    expect(registerColumns(columns, [v(88)], 20)).toEqual(columns);
  });
});

describe('groupHeaderWords', () => {
  // Words laid out as a producer sets them: 11 pt high, x0..x1 given, one line every 13 pt.
  const w = (text: string, x0: number, x1: number, line: number): Word => ({ text, bbox: { x0, x1, y0: 100 + 13 * line, y1: 111 + 13 * line }, conf: 1, bold: true });
  const labels = (words: Word[]) => groupHeaderWords(words, []).map(groupText);

  it('a two-level header without column borders: the upper label over two labels names neither', () => {
    // "Организация исполнения" centred over "Период" and "Показатель" (LibreOffice, frame only).
    expect(labels([
      w('Ответственные', 297, 372, 0), w('Организация', 615, 680, 0), w('исполнения', 685, 750, 0),
      w('Период', 586, 620, 1), w('Показатель', 692, 750, 1),
    ])).toEqual(['Ответственные', 'Период', 'Показатель']);
  });

  it('a lower label wrapped on its own line stays whole under a wider upper label', () => {
    expect(labels([
      w('Организация', 575, 639, 0), w('исполнения', 645, 703, 0),
      w('Срок', 495, 518, 1), w('реализации', 524, 582, 1), w('Результат', 645, 693, 1), w('(продукт)', 698, 746, 1),
    ])).toEqual(['Срок реализации', 'Результат (продукт)']);
  });

  it('narrow columns whose first label words run as close as a space part where their broken ends below do', () => {
    // LibreOffice breaks "Источник", "Ответственные", "Примечание" to fit 50-pt columns.
    expect(labels([
      w('Источни', 368, 411, 0), w('Ответственны', 420, 492, 0), w('Примеча', 500, 545, 0),
      w('к', 386, 393, 1), w('е', 447, 452, 1), w('за', 456, 465, 1), w('ние', 514, 532, 1),
      w('финанси', 368, 411, 2), w('исполнение', 427, 485, 2),
      w('рования', 369, 410, 3),
    ])).toEqual(['Источни к финанси рования', 'Ответственны е за исполнение', 'Примеча ние']);
  });

  it('a label wrapped under a gap inside its own first line is not cut', () => {
    // OCR set "Мероприятие (содержание" and "деятельности)" apart; the line below spans them.
    expect(labels([
      w('Мероприятие', 100, 170, 0), w('(содержание', 175, 240, 0), w('деятельности)', 260, 330, 0),
      w('по', 200, 212, 1), w('плану', 216, 250, 1), w('работы', 254, 300, 1),
    ])).toEqual(['Мероприятие (содержание деятельности) по плану работы']);
  });
});
