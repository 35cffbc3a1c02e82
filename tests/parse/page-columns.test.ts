import { describe, expect, it } from 'vitest';
import type { Rule, Word } from '../../src/model/index.js';
import { columnsFromHeader, groupHeaderWords, groupText, registerColumns, type PageColumn } from '../../src/parse/page-columns.js';
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

  it('"п/п" under "№" closes the number label: the lower-case word after it is the next column\'s', () => {
    // Chromium: "п/п" ends a space before "выполнении" of "Отметка о выполнении" beside it.
    expect(labels([
      w('№', 66, 79, 0), w('Отметка', 97, 144, 0), w('о', 151, 158, 0), w('Мероприятие', 226, 307, 0),
      w('п/п', 63, 82, 1), w('выполнении', 90, 164, 1),
    ])).toEqual(['№ п/п', 'Отметка о выполнении', 'Мероприятие']);
  });

  it('"№ п/" with its last letter wrapped below closes the number label too (OCR of a frame-only table)', () => {
    // The words as a 150-dpi scan read them: "п/" ends 10.5 pt before "Мероприятие".
    expect(labels([
      w('№', 63, 76, 0), w('п/', 80, 91, 0), w('Мероприятие', 101.5, 181.7, 0), w('(содержание', 185, 257, 0),
      w('п', 73, 80, 1),
    ])).toEqual(['№ п/ п', 'Мероприятие (содержание']);
  });

  it('a two-line label OCR read as one line of tall boxes keeps its short word between them; a speck is no label', () => {
    // The boxes as a 150-dpi scan gave them: 17 pt tall around "за" 7 pt high.
    const box = (text: string, x0: number, x1: number, y0: number, y1: number): Word => ({ text, bbox: { x0, x1, y0, y1 }, conf: 0.8, bold: false });
    expect(labels([
      box('Срок', 720, 738, 84.7, 99.8), box('Ответственные', 575, 637, 83.8, 100.8), box('за', 641, 650, 87.6, 94.8), box('выполнение', 654, 702, 83.8, 100.8),
      box('›', 560, 561, 87.1, 87.4),
    ])).toEqual(['Ответственные за выполнение', 'Срок']);
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

  it('rows set out in cells that open like a section heading ("2.   Анализ …") still show the river', () => {
    // A 150-dpi scan read "N п/п" as "М" over "плт", close to "Отметка о выполнении" beside it;
    // the numbered lines are most of those that reach under the glued label.
    const glued = { x0: 64, x1: 150, words: [word('М', 69, 80, 50), word('Отметкао', 97, 150, 50), word('плт', 64, 80, 62), word('выполнении', 91, 150, 62)] };
    const body = [
      line(90, ['1.', 62, 69], ['Разработка', 171, 230], ['МОУО', 279, 309], ['март', 400, 420]),
      line(102, ['программ', 171, 220], ['2026', 400, 420]),
      line(114, ['перехода', 171, 215]),
      line(126, ['2.', 62, 69], ['Совместно', 91, 140], ['Анализ', 171, 205], ['ИРО', 279, 295], ['май', 400, 415]),
      line(138, ['с', 91, 96], ['результатов', 171, 230]),
      line(150, ['ВПР', 171, 190]),
      line(162, ['3.', 62, 69], ['Проведение', 171, 230], ['ОО', 279, 292], ['июнь', 400, 420]),
    ];
    const cols = columnsFromHeader([glued, ...header.slice(0, 1).map((h) => ({ ...h, x0: 183, x1: 240, words: [word('Мероприятие', 183, 240, 50)] })), ...header.slice(1)], [], body);
    expect(cols.map((c) => c.header)).toEqual(['М плт', 'Отметкао выполнении', 'Мероприятие', 'Ответственный', 'Срок', 'Результат']);
  });

  it('«№» over «мероприятия» run wider than the № column is one label, not cut at the river beside the numbers', () => {
    const numberLabel = { x0: 60, x1: 110, words: [word('№', 71, 80, 50), word('мероприятия', 60, 110, 62)] };
    const body = [
      line(90, ['1.', 62, 69], ['Создание', 98, 140], ['банка', 145, 170], ['МОУО,', 279, 309], ['март', 400, 420]),
      line(102, ['слабоуспевающими', 98, 190], ['2026', 400, 420]),
      line(114, ['2.', 62, 69], ['Организация', 98, 160], ['ИРО', 279, 295], ['май', 400, 415]),
      line(126, ['преподавания', 98, 160], ['по', 166, 176]),
      line(138, ['3.', 62, 69], ['Проведение', 98, 150], ['ОО', 279, 292], ['июнь', 400, 420]),
      line(150, ['семинаров', 98, 150]),
    ];
    const activity = { x0: 173, x1: 260, words: [word('Содержание', 173, 230, 50), word('работы', 236, 260, 50)] };
    const cols = columnsFromHeader([numberLabel, activity, ...header.slice(1)], [], body);
    expect(cols.map((c) => c.header)).toEqual(['№ мероприятия', 'Содержание работы', 'Ответственный', 'Срок', 'Результат']);
  });

  it('a numbered heading whose title is centred over the columns lends them no white: the river is read without it', () => {
    // "1." in the № cell, "Диагностика и мониторинг" centred from 363; the activity's text runs
    // to 362 and the deadline's starts at 369 — the only gap the rows share.
    const groups = [
      { x0: 183, x1: 330, words: [word('Наименование', 183, 270, 50), word('мероприятия', 273, 330, 50)] },
      { x0: 388, x1: 415, words: [word('Период', 388, 415, 50)] },
    ];
    const body = [
      line(70, ['1.', 61, 69], ['Диагностика', 363, 438], ['и', 443, 450], ['мониторинг', 454, 500]),
      line(90, ['Разработка', 171, 230], ['утверждение', 245, 300], ['в', 370, 376], ['течение', 379, 410]),
      line(102, ['программ', 171, 220], ['в', 313, 318], ['года', 369, 390]),
      line(114, ['проверочных', 256, 330], ['работ', 333, 362], ['2026', 370, 390]),
      line(126, ['функционирования', 171, 245], ['И', 371, 376], ['квартал', 382, 410]),
    ];
    const cols = columnsFromHeader(groups, [], body);
    expect(cols[1]!.x0).toBeGreaterThan(362);
    expect(cols[1]!.x0).toBeLessThan(370);
  });
});

describe('header labels set close', () => {
  const at = (text: string, x0: number, x1: number, y0: number): Word => ({ text, bbox: { x0, y0, x1, y1: y0 + 13 }, conf: 1, bold: false });
  it('a capitalised label under a word height after a full one is a cell of its own; a label going on in lower case is not', () => {
    // gen-0805 printed by LibreOffice, 13 pt: "Перечень мероприятий" fills its cell, and
    // "Примеч" | "ание" of the narrow next one starts 12 pt after it.
    const groups = groupHeaderWords([at('Перечень мероприятий', 81, 219.4, 100), at('Примеч', 231.3, 278, 100), at('ание', 241.1, 268.3, 115)], []);
    expect(groups.map(groupText)).toEqual(['Перечень мероприятий', 'Примеч ание']);
    const one = groupHeaderWords([at('Ответственный', 81, 170, 100), at('исполнитель', 180, 250, 100)], []);
    expect(one.map(groupText)).toEqual(['Ответственный исполнитель']);
  });
});
