import { describe, expect, it } from 'vitest';
import type { ActivityRow, Page, PlanRow, Rule, SectionRow, Word } from '../../src/model/index.js';
import { numbersSkipped, pagesToGrid } from '../../src/parse/page-table.js';
import { gridToPlanRows } from '../../src/parse/rows-to-plan.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { layoutTable, type TableSpec } from '../helpers/layout.js';

const COLUMNS = [
  { header: '№ п/п', width: 40 },
  { header: 'Мероприятие (содержание деятельности)', width: 180 },
  { header: 'Ответственные исполнители', width: 110 },
  { header: 'Сроки исполнения', width: 80 },
  { header: 'Планируемый результат', width: 110 },
];
const LONG = 'Разработка и утверждение критериев и показателей системы работы со школами с низкими результатами обучения и школами функционирующими в неблагоприятных социальных условиях';

function parse(spec: TableSpec): PlanRow[] {
  const { grid } = pagesToGrid(layoutTable(spec), DEFAULT_SETTINGS.table);
  return gridToPlanRows(grid.columns, grid.rows);
}
const acts = (rows: PlanRow[]) => rows.filter((r): r is ActivityRow => r.kind === 'activity');
const secs = (rows: PlanRow[]) => rows.filter((r): r is SectionRow => r.kind === 'section').map((s) => s.text);

function manyRows(n: number, text = LONG): { cells: string[] }[] {
  return Array.from({ length: n }, (_, i) => ({ cells: [`1.${i + 1}.`, `${text} ${i + 1}`, 'Управление образования, ОО', 'ежегодно (декабрь)', `Утверждена система критериев ${i + 1}`] }));
}

describe('page table reconstruction on synthetic layouts', () => {
  for (const ruled of [true, false]) {
    it(`${ruled ? 'ruled' : 'no-ruling-lines'}: the row of column numbers under the header («1 2 3 4») is the header's, not a row`, () => {
      // No № column: the «1» would open the activity cell of a row «1» | «2» | «3» | «4».
      const body = manyRows(3).map((r) => ({ cells: r.cells.slice(1) }));
      const rows = parse({ columns: COLUMNS.slice(1), rows: [{ cells: ['1', '2', '3', '4'] }, ...body], ruled });
      expect(acts(rows)).toHaveLength(3);
      expect(acts(rows)[0]!.activity).toBe(`${LONG} 1`);
      expect(acts(rows)[0]!.deadline).toBe('ежегодно (декабрь)');
    });
  }

  it('a numbered row of cells is no row of column numbers', () => {
    const rows = parse({ columns: COLUMNS, rows: [{ cells: ['1', 'Проведение семинара', 'МОУО', '2025', 'Протокол'] }, ...manyRows(2)], ruled: true });
    expect(acts(rows).map((a) => a.number)).toEqual(['1', '1.1.', '1.2.']);
  });

  it('ruled: a № column whose label was left blank keeps its numbers out of the activity', () => {
    const columns = [{ header: '', width: 40 }, ...COLUMNS.slice(1)];
    const rows = parse({ columns, rows: manyRows(2), ruled: true });
    expect(acts(rows).map((a) => a.number)).toEqual(['1.1.', '1.2.']);
    expect(acts(rows)[0]!.activity).toBe(`${LONG} 1`);
  });

  it('ruled: under a blank № label, the column numbers (five numbers, four labels) are no row', () => {
    // As the Tambov region's plan prints it: «1» stands in the cell no label names.
    const columns = [{ header: '', width: 40 }, ...COLUMNS.slice(1)];
    const rows = parse({ columns, rows: [{ cells: ['1', '2', '3', '4', '5'] }, { cells: ['1.', 'Утверждено должностное лицо', 'Управление образования', '10 ноября 2020 года', 'Приказ'] }], ruled: true });
    expect(acts(rows)).toHaveLength(1);
    expect(acts(rows)[0]).toMatchObject({ number: '1.', activity: 'Утверждено должностное лицо', deadline: '10 ноября 2020 года' });
  });

  for (const ruled of [true, false]) {
    const kind = ruled ? 'ruled' : 'no-ruling-lines';
    it(`${kind}: multi-line cells are joined into one row each`, () => {
      const rows = parse({ columns: COLUMNS, rows: manyRows(4), ruled, title: ['План мероприятий («дорожная карта»)'] });
      expect(acts(rows).map((a) => a.number)).toEqual(['1.1.', '1.2.', '1.3.', '1.4.']);
      expect(acts(rows)[2]!.activity).toBe(`${LONG} 3`);
      expect(acts(rows)[2]!.responsible).toBe('Управление образования, ОО');
      expect(acts(rows)[2]!.deadline).toBe('ежегодно (декабрь)');
    });

    it(`${kind}: a row continued across a page break is one row, repeated header skipped`, () => {
      const rows = parse({ columns: COLUMNS, rows: manyRows(14), ruled, repeatHeader: true, pageNumbers: true });
      const a = acts(rows);
      expect(a.map((x) => x.number)).toEqual(Array.from({ length: 14 }, (_, i) => `1.${i + 1}.`));
      const split = a.find((x) => x.provenance.pages.length > 1);
      expect(split, 'some row must straddle the page break').toBeDefined();
      expect(split!.activity).toMatch(/^Разработка .* условиях \d+$/);
      expect(a.every((x) => !/Мероприятие|исполнители/.test(x.activity + x.responsible))).toBe(true);
    });
  }

  for (const ruled of [true, false]) {
    it(`${ruled ? 'ruled' : 'no-ruling-lines'}: a № column whose label OCR garbled ("пт" for "п/п") is known by its numbers`, () => {
      const columns = [...COLUMNS.slice(1), { header: 'пт', width: 40 }];
      const rows = manyRows(5).map((r) => ({ cells: [...r.cells.slice(1), r.cells[0]!] }));
      const a = acts(parse({ columns, rows, ruled }));
      expect(a.map((x) => x.number)).toEqual(['1.1.', '1.2.', '1.3.', '1.4.', '1.5.']);
      expect(a.every((x) => !/\d\.\d\.$/.test(x.result))).toBe(true);
    });
  }

  it('ruled, header not repeated: the continuation joins its row', () => {
    const a = acts(parse({ columns: COLUMNS, rows: manyRows(14), ruled: true, repeatHeader: false }));
    expect(a).toHaveLength(14);
    expect(a.some((x) => x.provenance.pages.length === 2)).toBe(true);
  });

  it('scanned pages lying apart on the glass: a later page shifted by 7 pt is registered by its rules', () => {
    const pages = layoutTable({ columns: COLUMNS, rows: manyRows(14), ruled: true, repeatHeader: false });
    expect(pages.length).toBeGreaterThan(1);
    const shift = (x: number) => x + 7;
    const moved = pages.map((p, i) =>
      i === 0 ? p : {
        ...p,
        words: p.words.map((w) => ({ ...w, bbox: { ...w.bbox, x0: shift(w.bbox.x0), x1: shift(w.bbox.x1) } })),
        rules: p.rules.map((r) => (r.orientation === 'v' ? { ...r, at: shift(r.at) } : { ...r, from: shift(r.from), to: shift(r.to) })),
      });
    const { grid } = pagesToGrid(moved, DEFAULT_SETTINGS.table);
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a.map((x) => x.number)).toEqual(Array.from({ length: 14 }, (_, i) => `1.${i + 1}.`));
    expect(a.every((x) => x.responsible === 'Управление образования, ОО' && x.deadline === 'ежегодно (декабрь)')).toBe(true);
  });

  it('ruled: a header label OCR read with a wide gap inside it stays one column', () => {
    const wide = COLUMNS.map((c, i) => (i === 1 ? { ...c, width: 250 } : c));
    const pages = layoutTable({ columns: wide, rows: manyRows(3), ruled: true, landscape: true });
    // "деятельности)" pushed 30 pt right on its line, still inside its cell: two labels, no rule between.
    const moved = pages.map((p) => ({
      ...p,
      words: p.words.map((w) => (w.text === 'деятельности)' ? { ...w, bbox: { ...w.bbox, x0: w.bbox.x0 + 30, x1: w.bbox.x1 + 30 } } : w)),
    }));
    expect(moved[0]!.words.some((w) => w.text === 'деятельности)')).toBe(true);
    const { grid } = pagesToGrid(moved, DEFAULT_SETTINGS.table);
    expect(grid.columns.map((c) => c.role)).toEqual(['number', 'activity', 'responsible', 'deadline', 'result']);
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a.map((x) => x.number)).toEqual(['1.1.', '1.2.', '1.3.']);
    expect(a[1]!.activity).toBe(`${LONG} 2`);
  });

  it('ruled: a body line where a border broke (noisy scan) and text comes close to it stays a row', () => {
    const pages = layoutTable({ columns: COLUMNS, rows: manyRows(3), ruled: true });
    const page = pages[0]!;
    const start = page.words.find((w) => w.text === '1.2.')!;
    const onLine = (w: { bbox: { y0: number } }) => Math.abs(w.bbox.y0 - start.bbox.y0) < 1;
    // The border between the activity and responsible columns: the rule left of "Управление".
    const party = page.words.find((w) => onLine(w) && w.text === 'Управление')!;
    const b = page.rules.filter((r) => r.orientation === 'v' && r.at < party.bbox.x0).reduce((p, r) => Math.max(p, r.at), -Infinity);
    expect(party.bbox.x0 - b).toBeLessThan(6);
    // The activity words of the row's first line pushed right to end 4 pt before the border…
    const line = page.words.filter((w) => onLine(w) && w.bbox.x1 < b && w.bbox.x0 > start.bbox.x1);
    const shift = b - 4 - Math.max(...line.map((w) => w.bbox.x1));
    const words = page.words.map((w) => (line.includes(w) ? { ...w, bbox: { ...w.bbox, x0: w.bbox.x0 + shift, x1: w.bbox.x1 + shift } } : w));
    // …and the border there broken across that line, drawn above and below it.
    const rules = page.rules.flatMap((r) => (r.orientation === 'v' && Math.abs(r.at - b) < 1 && r.from < start.bbox.y0 && r.to > start.bbox.y1
      ? [{ ...r, to: start.bbox.y0 - 2 }, { ...r, from: start.bbox.y1 + 2 }]
      : [r]));
    expect(rules.length).toBe(page.rules.length + 1);
    const { grid } = pagesToGrid([{ ...page, words, rules }, ...pages.slice(1)], DEFAULT_SETTINGS.table);
    const rows = gridToPlanRows(grid.columns, grid.rows);
    expect(secs(rows)).toEqual([]);
    expect(acts(rows).map((x) => x.number)).toEqual(['1.1.', '1.2.', '1.3.']);
    expect(acts(rows)[1]!.responsible).toBe('Управление образования, ОО');
  });

  it('reordered columns are found by the meaning of their headers', () => {
    const cols = [COLUMNS[0]!, { header: 'Мероприятие', width: 180 }, { header: 'Сроки', width: 80 }, { header: 'Ответственные', width: 110 }, { header: 'Результат', width: 110 }];
    const a = acts(parse({ columns: cols, ruled: true, rows: [{ cells: ['1.', 'Назначение координатора', 'декабрь 2021 г.', 'Управление образования', 'Приказ'] }] }));
    expect(a[0]).toMatchObject({ number: '1.', activity: 'Назначение координатора', deadline: 'декабрь 2021 г.', responsible: 'Управление образования', result: 'Приказ' });
  });

  it('section rows (Roman, numbered, years) head the activities below them', () => {
    const rows = parse({
      columns: COLUMNS, ruled: true, rows: [
        { section: 'I. Нормативно-правовое сопровождение' }, ...manyRows(2, 'Разработка программы'),
        { section: '2021 год' }, ...manyRows(1, 'Анализ результатов'),
      ],
    });
    expect(secs(rows)).toEqual(['I. Нормативно-правовое сопровождение', '2021 год']);
    expect(acts(rows).map((a) => a.section)).toEqual(['I. Нормативно-правовое сопровождение', 'I. Нормативно-правовое сопровождение', '2021 год']);
  });

  it('stream table on landscape pages with year sections and a signature after it', () => {
    const wide = COLUMNS.map((c) => ({ ...c, width: c.width * 1.35 }));
    const rows = parse({
      columns: wide, ruled: false, landscape: true, after: ['Начальник управления образования И.И. Иванова'],
      rows: [{ section: '2020 год' }, ...manyRows(3), { section: '2021 год' }, ...manyRows(2, 'Проведение семинара')],
    });
    expect(secs(rows)).toEqual(['2020 год', '2021 год']);
    expect(acts(rows)).toHaveLength(5);
    expect(JSON.stringify(rows)).not.toContain('Иванова');
  });

  it('an extra column is kept by its header, not dropped', () => {
    const cols = [...COLUMNS.slice(0, 4), { header: 'Примечание', width: 70 }, COLUMNS[4]!];
    const a = acts(parse({ columns: cols, ruled: true, rows: [{ cells: ['1.', 'Семинар', 'ИРО', 'май', 'очно', 'Проведен'] }] }));
    expect(a[0]!.extra).toEqual({ Примечание: 'очно' });
    expect(a[0]!.result).toBe('Проведен');
  });

  it('a page with no plan table header is refused with a clear reason', () => {
    const page = layoutTable({ columns: [{ header: 'Фамилия', width: 100 }, { header: 'Телефон', width: 100 }], rows: [{ cells: ['Иванов', '123'] }] });
    expect(() => pagesToGrid(page, DEFAULT_SETTINGS.table)).toThrow(/no plan table found/);
  });
});

describe('noisy scans: borders lost, specks and misread marks', () => {
  const ocr = (pages: Page[]): Page[] => pages.map((p) => ({ ...p, source: 'ocr' as const }));
  /** The words of one printed line, found by a word on it. */
  const lineOf = (page: Page, w: Word) => page.words.filter((o) => Math.abs(o.bbox.y0 - w.bbox.y0) < 1);
  /** The row's n-th line (0 = the one with its number). */
  const rowLine = (page: Page, number: string, n: number): Word[] => {
    const start = page.words.find((w) => w.text === number)!;
    const ys = [...new Set(page.words.filter((w) => w.bbox.y0 >= start.bbox.y0 - 1).map((w) => w.bbox.y0))].sort((a, b) => a - b);
    return lineOf(page, page.words.find((w) => w.bbox.y0 === ys[n])!);
  };
  const vAt = (page: Page, x: number) => page.rules.filter((r) => r.orientation === 'v' && Math.abs(r.at - x) < 1);
  /** Cuts the vertical rules at x around one line, as a faint border on a scan breaks. */
  const breakBorder = (page: Page, x: number, line: Word[]): Rule[] => {
    const y0 = Math.min(...line.map((w) => w.bbox.y0)), y1 = Math.max(...line.map((w) => w.bbox.y1));
    return page.rules.flatMap((r) => (r.orientation === 'v' && Math.abs(r.at - x) < 1 && r.from < y0 && r.to > y1
      ? [{ ...r, to: y0 - 2 }, { ...r, from: y1 + 2 }]
      : [r]));
  };
  const rowsOf = (pages: Page[]) => {
    const { grid } = pagesToGrid(pages, DEFAULT_SETTINGS.table);
    return gridToPlanRows(grid.columns, grid.rows);
  };

  it('a ruled band with a line set out in the columns is a row, though another of its lines crosses a lost border', () => {
    const [page] = layoutTable({ columns: COLUMNS, rows: manyRows(3), ruled: true });
    // The №|activity border: a tilted scan puts a wrapped activity line's first word 4 pt over
    // it, where the border did not come out.
    const b = Math.min(...page!.rules.filter((r) => r.orientation === 'v').map((r) => r.at).filter((x) => x > 60));
    expect(vAt(page!, b).length).toBeGreaterThan(0);
    const line = rowLine(page!, '1.2.', 2);
    expect(line.every((w) => w.bbox.x0 > b)).toBe(true);
    const first = line.reduce((p, w) => (w.bbox.x0 < p.bbox.x0 ? w : p));
    const shift = b - 4 - first.bbox.x0;
    const words = page!.words.map((w) => (line.includes(w) ? { ...w, bbox: { ...w.bbox, x0: w.bbox.x0 + shift, x1: w.bbox.x1 + shift } } : w));
    const rows = rowsOf([{ ...page!, words, rules: breakBorder(page!, b, line) }]);
    expect(secs(rows)).toEqual([]);
    expect(acts(rows).map((x) => x.number)).toEqual(['1.1.', '1.2.', '1.3.']);
    expect(acts(rows)[1]!.activity).toBe(`${LONG} 2`);
    expect(acts(rows)[1]!.deadline).toBe('ежегодно (декабрь)');
  });

  it('without a № column or bold, "2. …" alone in the activity cell after a heading "1. …" is the next heading; activities numbered in their cell stay rows', () => {
    const cols = [{ header: 'Мероприятие', width: 220 }, { header: 'Ответственные', width: 100 }, { header: 'Срок', width: 70 }, { header: 'Результат', width: 80 }];
    const item = (k: number) => ({ cells: [`Проведение методического семинара для педагогов школ с низкими результатами, тема ${k}`, 'Управление образования', '2025 г.', 'Справка'] });
    const headed = ocr(layoutTable({ columns: cols, ruled: false, rows: [
      { cells: ['1. Диагностика и мониторинг', '', '', ''] }, item(1), item(2),
      { cells: ['2. Материально-техническое обеспечение', '', '', ''] }, item(3), item(4),
    ] }));
    const rows = rowsOf(headed);
    expect(secs(rows)).toEqual(['1. Диагностика и мониторинг', '2. Материально-техническое обеспечение']);
    expect(acts(rows)).toHaveLength(4);
    // Numbered in the activity cell, with the other cells beside: rows, however numbered.
    const numbered = ocr(layoutTable({ columns: cols, ruled: false, rows: [1, 2, 3, 4].map((k) => ({ cells: [`${k}. Проведение семинара для педагогов, тема ${k}`, 'Управление образования', '2025 г.', 'Справка'] })) }));
    const plain = rowsOf(numbered);
    expect(secs(plain)).toEqual([]);
    expect(acts(plain)).toHaveLength(4);
  });

  it('a speck of border ink between two cells stays out of both', () => {
    const [page] = ocr(layoutTable({ columns: COLUMNS, rows: manyRows(3), ruled: true }));
    const line = rowLine(page!, '1.2.', 0);
    const party = line.find((w) => w.text === 'Управление')!;
    const b = page!.rules.filter((r) => r.orientation === 'v' && r.at < party.bbox.x0).reduce((p, r) => Math.max(p, r.at), -Infinity);
    // OCR reads a blot of the border as "." standing on it, a little tall for a full stop.
    const speck: Word = { text: '.', bbox: { x0: b - 1, y0: party.bbox.y0, x1: b + 2, y1: party.bbox.y1 + 2 }, conf: 0.5, bold: false };
    const rows = rowsOf([{ ...page!, words: [...page!.words, speck] }]);
    expect(acts(rows).map((x) => x.number)).toEqual(['1.1.', '1.2.', '1.3.']);
    expect(acts(rows)[1]!.responsible).toBe('Управление образования, ОО');
    expect(acts(rows)[1]!.activity).toBe(`${LONG} 2`);
  });

  it('a mark without a letter or digit in the number column opens no row', () => {
    const [page] = ocr(layoutTable({ columns: COLUMNS, rows: manyRows(3), ruled: true }));
    const line = rowLine(page!, '1.2.', 2);
    const num = page!.words.find((w) => w.text === '1.2.')!;
    const mark: Word = { text: '__.', bbox: { x0: num.bbox.x0 + 8, y0: line[0]!.bbox.y0, x1: num.bbox.x0 + 20, y1: line[0]!.bbox.y1 }, conf: 0.4, bold: false };
    const rows = rowsOf([{ ...page!, words: [...page!.words, mark] }]);
    // The mark stays in row 1.2's number cell, for the number repair to clean.
    expect(acts(rows).map((x) => x.number.slice(0, 4))).toEqual(['1.1.', '1.2.', '1.3.']);
    expect(acts(rows)[1]!.activity).toBe(`${LONG} 2`);
  });

  it('a repeated header whose brackets OCR read differently is skipped whole', () => {
    // The activity label wraps to a line of its own under the others: "деятельности)".
    const cols = COLUMNS.map((c, i) => (i === 1 ? { ...c, header: 'Мероприятие (содержание деятельности)', width: 70 } : c));
    const pages = ocr(layoutTable({ columns: cols, rows: manyRows(30, 'Проведение семинара'), ruled: true, repeatHeader: true }));
    expect(pages.length).toBeGreaterThan(1);
    const label = pages[1]!.words.find((w) => w.text === 'деятельности)')!;
    expect(lineOf(pages[1]!, label)).toHaveLength(1);
    const misread = pages.map((p, i) => (i === 1 ? { ...p, words: p.words.map((w) => (w === label ? { ...w, text: 'деятельности}' } : w)) } : p));
    const a = acts(rowsOf(misread));
    expect(a).toHaveLength(30);
    expect(a.filter((x) => /деятельности/.test(x.activity))).toEqual([]);
  });
});

describe('a header whose labels wrap in narrow cells', () => {
  it('"п/п" under "N" takes the lines beside it into the header, however many cells they fill', () => {
    // Unruled: nothing but the words says where the header ends. The second line fills the
    // number, source and responsible cells ("п/п", "финансирования", "исполнение").
    const columns = [
      { header: 'N п/п', width: 27 },
      { header: 'Источник финансирования', width: 80 },
      { header: 'Наименование мероприятия', width: 200 },
      { header: 'Период', width: 70 },
      { header: 'Ответственные за исполнение', width: 80 },
    ];
    const rows = Array.from({ length: 3 }, (_, i) => ({ cells: [`${i + 1})`, 'Муниципальный бюджет', `Проведение семинара ${i + 1}`, 'март 2026 г.', 'МОУО, ОО'] }));
    const got = acts(parse({ columns, rows, ruled: false, bold: { header: false } }));
    expect(got.map((a) => a.number)).toEqual(['1)', '2)', '3)']);
    expect(got[0]!.activity).toBe('Проведение семинара 1');
  });
});

describe('lines of a body row that come close to reading as a heading', () => {
  const columns = [
    { header: '№ п/п', width: 40 },
    { header: 'Мероприятие', width: 180 },
    { header: 'Ответственный', width: 90 },
    { header: 'Срок', width: 80 },
    { header: 'Результат', width: 110 },
  ];
  const row = (i: number, responsible = 'МОУО, ОО', deadline = 'март 2026 г.') => ({ cells: [`${i}.`, `Проведение семинара для руководителей школ ${i}`, responsible, deadline, 'Проведён семинар'] });

  it('a long word run out of its fixed-width cell over the next one is no heading across them', () => {
    // "общеобразовательных" is wider than its column and is printed over "учебного года".
    const rows = [row(1), row(2, 'Руководители общеобразовательных организаций', 'в течение учебного года'), row(3)];
    const got = parse({ columns, rows, ruled: false });
    expect(secs(got)).toEqual([]);
    expect(acts(got).map((a) => a.number)).toEqual(['1.', '2.', '3.']);
    expect(acts(got)[1]!.deadline).toBe('в течение учебного года');
  });

  it('a border of another table far down the page does not make a row line a merged heading', () => {
    // The activity's second line fills its cell, so only a cell's padding parts it from the
    // responsible party's; a grid further down has a border at that very x.
    const long = (i: number) => ({ cells: [`${i}.`, `Проведение семинара с руководителями общеобразовательных организаций района ${i}`, 'Управление образования администрации', 'март 2026 г.', 'Проведён семинар'] });
    const pages = layoutTable({ columns, rows: [long(1), long(2), long(3)], ruled: false });
    const edge = 56 + 40 + 180;
    pages[0]!.rules.push({ orientation: 'v', at: edge, from: 700, to: 760 }, { orientation: 'v', at: 56, from: 700, to: 760 });
    const { grid } = pagesToGrid(pages, DEFAULT_SETTINGS.table);
    const got = gridToPlanRows(grid.columns, grid.rows);
    expect(secs(got)).toEqual([]);
    expect(acts(got).map((a) => a.number)).toEqual(['1.', '2.', '3.']);
  });
});

describe('a heading centred on the table that starts where a column\'s text does', () => {
  it('is a heading, not that cell\'s text: its phrase runs on into the next column', () => {
    // WeasyPrint/LibreOffice, frame only: "Этап 3. Кадровые условия" centred on the table
    // happened to start at the deadline column's text edge (gen-0302).
    const words: Word[] = [];
    const put = (y: number, ...ws: [string, number, number?][]) => {
      for (const [text, x0, x1] of ws) words.push({ text, bbox: { x0, y0: y, x1: x1 ?? x0 + text.length * 5, y1: y + 10 }, conf: 1, bold: false });
    };
    put(100, ['№', 58], ['Мероприятие', 84], ['Срок', 252], ['Исполнитель', 322], ['Результат', 422]);
    // The deadlines fill their column to 317; the responsible parties start at 322.
    const row = (y: number, n: number) => put(y, [`${n})`, 58], ['Проведение', 84], ['семинара', 139], ['ежеквартально', 252, 317], ['МОУО', 322], ['Проведён', 422], ['семинар', 467], ['для', 507], ['всех', 527, 549]);
    row(120, 1); put(132, ['для', 84], ['учителей', 104]);
    row(150, 2);
    // Word spaces of 4.5 pt; "Кадровые" ends at the column's edge and "условия" starts past it.
    put(170, ['Этап', 252, 266], ['3.', 270.5, 279], ['Кадровые', 283.5, 319.3], ['условия', 323.8, 355]);
    row(190, 3); put(202, ['для', 84], ['учителей', 104]);
    row(220, 4);
    const page: Page = { number: 1, width: 595, height: 842, source: 'text-layer', words, rules: [], conf: 1 };
    const { grid } = pagesToGrid([page], DEFAULT_SETTINGS.table);
    const rows = gridToPlanRows(grid.columns, grid.rows);
    expect(secs(rows)).toEqual(['Этап 3. Кадровые условия']);
    expect(acts(rows).map((a) => `${a.number} ${a.responsible}`)).toEqual(['1) МОУО', '2) МОУО', '3) МОУО', '4) МОУО']);
  });
});

describe('a responsible party merged down in a table without row rules', () => {
  it('names the rows below it also on a page where most rows show an empty cell, when the table as a whole names one on most', () => {
    const cols = [{ header: '№ п/п', width: 40 }, { header: 'Мероприятие', width: 220 }, { header: 'Ответственные', width: 100 }, { header: 'Срок', width: 70 }];
    const pages = layoutTable({ columns: cols, ruled: false, rows: Array.from({ length: 40 }, (_, i) => {
      // The last rows share three merged cells: only the first row of each names its party.
      const named = i < 28 || i === 28 || i === 33 || i === 37;
      return { cells: [`${i + 1}.`, `Проведение методического семинара для педагогов школ, тема ${i + 1}`, named ? `Ответственный ${i + 1}` : '', '2025 г.'] };
    }) });
    const lastPage = pages.at(-1)!.number;
    const { grid } = pagesToGrid(pages, DEFAULT_SETTINGS.table);
    const rows = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(rows).toHaveLength(40);
    // The last page's own rows mostly show nothing in the column.
    const onLast = grid.rows.filter((r) => r.page === lastPage);
    expect(onLast.filter((r) => r.cells[2]!.trim() !== '').length).toBeLessThan(0.6 * onLast.length);
    expect(rows.slice(28, 33).map((r) => r.responsible)).toEqual(Array(5).fill('Ответственный 29'));
    expect(rows.slice(37).map((r) => r.responsible)).toEqual(Array(3).fill('Ответственный 38'));
  });
});

describe('numbersSkipped', () => {
  it('marks the lines between two row numbers read that skip some', () => {
    expect(numbersSkipped(['1)', '', '3)', '', '', '10)', ''])).toEqual([false, true, false, true, true, false, false]);
    expect(numbersSkipped(['1.2.', '', '1.5.'])).toEqual([false, true, false]);
  });

  it('skips nothing across sections, in sequence, or where a garbled number fills the place', () => {
    expect(numbersSkipped(['1.8.', '', '2.1.'])).toEqual([false, false, false]);
    expect(numbersSkipped(['1.', '', '2.', ''])).toEqual([false, false, false, false]);
    // «д.» is OCR's 2.: the numbers 1 … 3 skip none.
    expect(numbersSkipped(['1.', '', 'д.', '', '3.'])).toEqual([false, false, false, false, false]);
  });
});

