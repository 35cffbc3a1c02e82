import { describe, expect, it } from 'vitest';
import type { Rule, Word } from '../../src/model/index.js';
import { columnsFromHeader, registerColumns, type PageColumn } from '../../src/parse/page-columns.js';
import type { TextLine } from '../../src/parse/text-lines.js';

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

describe('columnsFromHeader on an unruled table', () => {
  const word = (text: string, x0: number, x1: number, y: number): Word => ({ text, bbox: { x0, y0: y, x1, y1: y + 10 }, conf: 1, bold: false });
  const line = (y: number, ...ws: [string, number, number][]): TextLine => {
    const words = ws.map(([t, a, b]) => word(t, a, b, y));
    return { words, x0: words[0]!.bbox.x0, x1: words.at(-1)!.bbox.x1, y0: y, y1: y + 10 };
  };
  const header = [
    { x0: 99, x1: 160, words: [word('Мероприятие', 99, 160, 50)] },
    { x0: 279, x1: 345, words: [word('Ответственный', 279, 345, 50)] },
    { x0: 400, x1: 425, words: [word('Срок', 400, 425, 50)] },
    { x0: 470, x1: 515, words: [word('Результат', 470, 515, 50)] },
  ];

  it('a section heading across the columns does not lend the white beside it to the river', () => {
    const body = [
      // Centred over the columns, from the activity's gap to the result's.
      line(70, ['Этап', 255, 281], ['1.', 286, 295], ['Нормативно-правовое', 300, 395], ['обеспечение', 400, 480]),
      line(90, ['Проведение', 99, 149], ['семинара', 154, 194], ['МОУО,', 279, 309], ['март', 400, 420], ['Отчёт', 470, 500]),
      line(102, ['руководителей', 99, 164], ['общеобразовательных', 169, 272], ['ОО', 279, 292], ['2026', 400, 420]),
      line(120, ['Анализ', 99, 129], ['ВПР', 134, 150], ['ИРО', 279, 295], ['май', 400, 415], ['Справка', 470, 505]),
    ];
    const cols = columnsFromHeader(header, [], body);
    // Left of the heading (194–255) only one activity line runs; the columns' own gap, 272–279,
    // lies under the heading's first word.
    expect(cols[1]!.x0).toBeGreaterThanOrEqual(272);
    expect(cols[1]!.x0).toBeLessThanOrEqual(279);
  });
});
