import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Page, type ActivityRow, type IngestedDocument, type PlanRow } from '../../src/model/index.js';
import { parseDocument } from '../../src/parse/index.js';
import { IllegiblePageError } from '../../src/errors.js';
import { pagesToGrid } from '../../src/parse/page-table.js';
import { gridToPlanRows } from '../../src/parse/rows-to-plan.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { editDistance } from '../../src/lexicon/edit-distance.js';

/** Pages as the OCR engine gave them for real scans (scripts/ocr-dump.ts), parsed as is. */
const DIR = path.resolve(import.meta.dirname, '../../fixtures/ocr-pages');
const pagesOf = (name: string): Page[] =>
  fs.readdirSync(DIR).filter((f) => f.startsWith(`${name}.p`)).sort().map((f) => Page.parse(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'))));
const rowsOf = (pages: Page[]): PlanRow[] => {
  const { grid } = pagesToGrid(pages, DEFAULT_SETTINGS.table);
  return gridToPlanRows(grid.columns, grid.rows);
};
const acts = (rows: PlanRow[]) => rows.filter((r): r is ActivityRow => r.kind === 'activity');

describe('recorded OCR pages of generated scans', () => {
  it('a frame-only plan, № column last: page 2 repeats the header with "п/п" read as page 1 did not, and its one row lost its number', () => {
    // gen-0603 printed by Chromium, scanned harshly at 200 dpi. Page 1 read the label "пт";
    // page 2 "п/п", and "6.1." of its only row was lost.
    const rows = rowsOf(pagesOf('frame-number-last-repeated-header-200dpi'));
    const a = acts(rows);
    expect(a).toHaveLength(9);
    expect(a.at(-1)!.activity).toMatch(/^Внедрение цифровой образовательной платформы/);
    expect(a.at(-1)!.section).toMatch(/Сетевое взаимодействие/);
    expect(a.every((x) => !/Наименование|Ответственные за/.test(x.activity + x.responsible))).toBe(true);
  });
});

describe('a responsible party merged down in a borderless OCR\'d table', () => {
  it('names every row it spans, though a heading alone in the activity cell shares the page', () => {
    // gen-0702 LibreOffice scan, 200 dpi: «Руководители ОУ, школьные проектные команды» spans
    // rows 4)–8); the page also holds the heading «1. Диагностика …» in the activity cell.
    const a = acts(rowsOf(pagesOf('borderless-roman-sections-in-activity-cell-200dpi')));
    const merged = a.filter((x) => ['4)', '5)', '6)', '7)', '8)'].includes(x.number)).map((x) => x.responsible);
    expect(merged).toHaveLength(5);
    for (const r of merged) expect(r).toMatch(/^Руководители ОУ/);
  });
});

describe('a borderless OCR\'d table without numbers', () => {
  it('opens a row where the deadline begins in lower case and the responsible party is merged down from the row above', () => {
    // gen-0814 Chromium scan, 200 dpi: «июнь – август 2026 г.» | (merged) | «Создана …» |
    // «Тьюторское …», spaced no wider than the lines of a cell; the rows were glued in pairs.
    const a = acts(rowsOf(pagesOf('borderless-no-numbers-merged-responsible-lowercase-deadlines-200dpi')));
    expect(a).toHaveLength(21);
    expect(a.some((x) => x.activity.startsWith('Корректировка программ развития'))).toBe(true);
    expect(a.some((x) => x.activity.startsWith('Выездное совещание'))).toBe(true);
  });

  it('under the tail of a row the page break split («профилей» alone), opens the next row where its cells first begin', () => {
    // gen-0814 LibreOffice scan, 200 dpi: page 2 opens with «профилей», then «сентябрь 2025 г.» |
    // (merged) | «Протокол совещания» | «Проведение родительских собраний …».
    const a = acts(rowsOf(pagesOf('borderless-no-numbers-row-split-at-break-tail-one-cell-200dpi')));
    expect(a).toHaveLength(21);
    expect(a.find((x) => x.activity.startsWith('Корректировка программ'))!.activity).toMatch(/рисковых профилей$/);
    expect(a.some((x) => x.activity.startsWith('Проведение родительских собраний'))).toBe(true);
  });
});

describe('a grid OCR\'d with row numbers "2.1." wrapped in the narrow № cell', () => {
  it('keeps a row whose number\'s first part OCR misread ("." or "№" over "1.") whole, and a row "2." read as "№" is no second table', () => {
    // gen-0713 Chromium scan, 150 dpi: "№" in the № cell under «Раздел 2.» ended the table
    // after its first row; "." | "1." split a row in two.
    const a = acts(rowsOf(pagesOf('grid-dotted-sub-numbers-wrapped-first-part-misread-150dpi')));
    expect(a).toHaveLength(8);
    expect(a.filter((x) => x.activity.startsWith('Мониторинг кадрового обеспечения'))).toHaveLength(1);
  });
});

describe('a frame-only OCR\'d table with «Раздел N.» spelled down its narrow № cell', () => {
  it('reads each label broken letter-wise («Р» | «аз» | «де» | «л» | «1.») as its heading\'s, and «1.» over «1.» as one row 1.1.', () => {
    // gen-0902 LibreOffice scan, 150 dpi (no gold here: rows whose lines OCR ran together still
    // lose their number, see the issue notes).
    const rows = rowsOf(pagesOf('frame-razdel-label-spelled-down-number-cell-150dpi'));
    const headings = rows.flatMap((r) => (r.kind === 'section' ? [r.text] : []));
    expect(headings.filter((h) => /^Раздел \d\. /.test(h))).toEqual([
      'Раздел 1. Подведение итогов', 'Раздел 2. Нормативно-правовое обеспечение', 'Раздел 3. Работа с обучающимися и родителями',
    ]);
    // Chromium's print of the same plan at 200 dpi: the label «Раздел» | «2.» ends page 2 low
    // in its margin, where a lone mark reads as a misread folio — but not a number.
    const chromium = rowsOf(pagesOf('frame-razdel-label-number-in-bottom-margin-200dpi'));
    expect(chromium.some((r) => r.kind === 'section' && r.text === 'Раздел 2. Нормативно-правовое обеспечение')).toBe(true);
    expect(acts(chromium).filter((a) => a.activity.startsWith('Взаимопосещение уроков'))[0]!.number).toBe('1.7');
    const numbers = acts(rows).map((a) => a.number);
    expect(numbers.slice(0, 3)).toEqual(['1.1.', '1.2.', expect.stringMatching(/^1\.3\./)]);
    expect(numbers.filter((n) => /^2\.\d\.$/.test(n))).toHaveLength(8);
  });
});

describe('a grid OCR\'d with a border stroke read as «—» between «№» and «Мероприятие»', () => {
  it('keeps the № column its own, and the rows their numbers', () => {
    // gen-0913 LibreOffice scan, 200 dpi: the stroke glued the labels into «№ — Мероприятие … п/п»
    // and the numbers into the activities. (No gold here: «III.» read as «11.» is still lost.)
    const { grid } = pagesToGrid(pagesOf('grid-number-label-glued-by-border-stroke-200dpi'), DEFAULT_SETTINGS.table);
    expect(grid.columns.map((c) => c.role).slice(0, 2)).toEqual(['number', 'activity']);
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a.filter((x) => /^\d\.\d{1,2}\.$/.test(x.number)).length).toBeGreaterThanOrEqual(45);
  });
});

/**
 * Every recorded scan here against its plan's gold: as many rows (within 5 %), and 95 % of
 * the gold's activities found by their opening words (OCR misreads a letter here and there).
 * The cases are scans that lost their table or rows before (see fixtures/README.md).
 */
describe('recorded OCR pages against their gold', () => {
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '').slice(0, 40);
  const close = (a: string, b: string) => editDistance(key(a), key(b)) <= 0.2 * Math.max(key(a).length, key(b).length);
  for (const gold of fs.readdirSync(DIR).filter((f) => f.endsWith('.gold.json'))) {
    const name = gold.replace(/\.gold\.json$/, '');
    it(name, () => {
      const goldRows = (JSON.parse(fs.readFileSync(path.join(DIR, gold), 'utf8')) as { rows: { section?: string; activity?: string }[] }).rows;
      const want = goldRows.filter((r) => r.activity !== undefined);
      const rows = rowsOf(pagesOf(name));
      const got = acts(rows);
      // Every heading is one (its number as OCR read it: normalize repairs "П." to "II.").
      expect(rows.filter((r) => r.kind === 'section')).toHaveLength(goldRows.filter((r) => r.activity === undefined).length);
      expect(Math.abs(got.length - want.length)).toBeLessThanOrEqual(Math.max(1, 0.05 * want.length));
      const found = want.filter((w) => got.some((g) => close(w.activity!, g.activity))).length;
      expect(found / want.length).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe('recorded OCR pages of generated phone photos', () => {
  it('two header labels naming different columns stay two columns though the border between them was lost', () => {
    // gen-1012 by LibreOffice, photographed at 1,740 px (keystone 3 %): the rule between
    // «Содержание мероприятия» and «Ответственные исполнители» was not found while the other
    // borders were, and the two labels were read as one cell's words — every activity landed
    // in the responsible column and the activity column stayed empty.
    const a = acts(rowsOf(pagesOf('photo-grid-column-rule-lost-labels-apart')));
    expect(a).toHaveLength(6);
    expect(a[0]!.activity).toMatch(/^Проведение педагогических советов по теме/);
    expect(a[0]!.responsible).toMatch(/^Управление образования, методический центр/);
    expect(a.every((x) => x.activity !== '' && !/^(Управление|Руководители|Отдел)/.test(x.activity))).toBe(true);
  });

  it('a header whose narrow labels wrap letter-wise («отчётност» | «и») is one header, and the table starts under it', () => {
    // gen-1128 by LibreOffice, borderless, 3,550 px: the header's third line holds only the
    // broken labels' ends in three cells; read as the first body row, the gap under it ended
    // the table there — one row of «ия» stored, the plan's seven lost.
    const a = acts(rowsOf(pagesOf('photo-borderless-header-labels-wrapped-letterwise')));
    expect(a.length).toBeGreaterThanOrEqual(6);
    expect(a[0]!.activity).toMatch(/^Проведение круглого стола «Школа равных возможностей»/);
    expect(a.some((x) => x.activity === '' || [x.deadline, x.result, ...Object.values(x.extra)].some((v) => /^(и|ия|ования|я|ти)$/.test(v)))).toBe(false);
  });

  it('rows whose numbers OCR did not read, under row rules a shadow hid, are told apart by their fresh cells', () => {
    // gen-0002 (a fixtures/photos photo, strong shadow): only «1.» was read in the № column
    // and the rules under the last rows are lost, so «Анализ результатов ВПР …» and
    // «Обеспечение участия школ …» were glued into one row.
    const a = acts(rowsOf(pagesOf('photo-shadow-numbers-unread-row-rules-lost')));
    expect(a).toHaveLength(5);
    expect(a[3]!.activity).toMatch(/^Анализ результатов ВПР .* низкими результатами$/);
    expect(a[4]!.activity).toMatch(/^Обеспечение участия школ в региональном проекте/);
  });

  it('a gap under a section heading above the first row is no end of the table', () => {
    // gen-0902 by Chromium, photographed for the unseen set (seed 23): «Подведение итогов»
    // straddles two columns, then 78 pt of its band before the first row; the table ended
    // at the gap and the photo was refused as having a header but no rows.
    const a = acts(rowsOf(pagesOf('photo-heading-band-gap-above-first-row')));
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(a[0]!.activity).toMatch(/^Корректировка рабочих программ учебных предметов/);
    expect(a[0]!.section).toBe('Подведение итогов');
  });

  it('a section heading under a header whose bottom rule the photo lost stays a heading, not a header line', () => {
    // gen-1104 by LibreOffice (development set): 2,000 px, 9 % keystone, motion blur. The rule
    // under the header was not found, so the first rule across the table lay under «Раздел 1.
    // Кадровые условия», and the header took the heading's words into its labels.
    const { grid } = pagesToGrid(pagesOf('photo-heading-under-header-rule-lost'), DEFAULT_SETTINGS.table);
    expect(grid.columns.find((c) => c.role === 'responsible')!.header).toBe('Ответственный');
    expect(grid.columns.some((c) => /Раздел|Кадровые|условия/.test(c.header))).toBe(false);
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a[0]!.activity).toMatch(/^Взаимопосещение уроков/);
    expect(a[0]!.section).toBe('Раздел 1. Кадровые условия');
  });

  it('a heading whose label OCR broke in the narrow № cell is no wrapped header label', () => {
    // gen-1002 by Chromium (hold-out set): «Раз / дел / 1.» in the № cell beside «Подведение
    // итогов» centred over the table, no rule found above the first row: the heading was
    // read as the ends of the «Срок выполнения» and «Ответственные» labels.
    const { grid } = pagesToGrid(pagesOf('photo-heading-label-broken-in-number-cell'), DEFAULT_SETTINGS.table);
    expect(grid.columns.some((c) => /Подведение|итогов/.test(c.header))).toBe(false);
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a).toHaveLength(10);
    expect(a[0]!.activity).toMatch(/^Формирование муниципальной рабочей группы/);
    for (const x of a) expect(x.section).toBe('Раздел 1. Подведение итогов');
  });

  it('rows whose numbers OCR lost, between numbers read that skip them, open where their cells do', () => {
    // gen-1219 by Chromium (second unseen photo set, salt 41): a borderless table numbered
    // «1)» … «11)»; OCR read «1)», «3)», «3)», «10)», «11)». Rows 2 and 4–9 were glued to
    // the row above; each opens with fresh cells (activity, party, deadline, result at once).
    const a = acts(rowsOf(pagesOf('photo-borderless-row-numbers-lost')));
    // The eleventh, cut by the page's foot, is set apart as a fragment later (parseDocument).
    expect(a).toHaveLength(11);
    expect(a[1]!.activity).toMatch(/^Тьюторское сопровождение учителей/);
    expect(a[1]!.deadline).toBe('март, октябрь');
    expect(a[4]!.activity).toMatch(/^Апробация единых подходов/);
    expect(a[8]!.activity).toMatch(/^Оснащение кабинетов школ/);
    expect(a[9]!.activity).toMatch(/^Организация наставничества/);
  });

  it('a «№ мероприятия» label set letter by letter down its narrow cell is the header\'s, and names the № column', () => {
    // gen-1406 by LibreOffice (fourth unseen photo set, salt 71): «ме», «ро», «пр», «ия», «ти»,
    // «я» under «№», beside the broken ends of the other labels, ran past the header window
    // and were read as six rows; the label's joined pieces then claimed the activity role.
    const { grid } = pagesToGrid(pagesOf('photo-number-label-set-down-narrow-cell'), DEFAULT_SETTINGS.table);
    expect(grid.columns[0]!.role).toBe('number');
    expect(grid.columns.find((c) => c.role === 'activity')!.header).toBe('Содержание работы');
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a).toHaveLength(8);
    expect(a.map((x) => x.number)).toEqual(['1.1.', '1.2.', '1.3.', '1.4.', '1.5.', '1.6.', '1.7.', '1.8.']);
    expect(a[0]!.activity).toMatch(/^Мониторинг посещаемости учебных занятий/);
    for (const x of a) expect(x.section).toBe('1. Материально-техническое обеспечение');
  });

  it('row numbers left of every label make the № column whose label OCR lost, and the first row lost its number too', () => {
    // gen-1406 by Chromium (same set): the letter-wise «№ мероприятия» came back as «2359352»
    // and the first row's «1.1.» as «— . —»; the numbers stood in no column, the first row
    // swallowed the heading above it, and the table ended at the gap under the header.
    const a = acts(rowsOf(pagesOf('photo-number-label-lost-numbers-left-of-labels')));
    expect(a).toHaveLength(8);
    expect(a[0]!.activity).toMatch(/^Мониторинг посещаемости учебных занятий/);
    expect(a[1]!.number).toBe('1.2');
    for (const x of a) expect(x.section).toBe('1. Материально-техническое обеспечение');
  });

  it('the next heading number alone in the activity cell is a heading where the rows\' numbers stand in a № column', () => {
    // gen-1408 by Chromium (same set): «2. Подведение итогов» under «1. Нормативно-правовое
    // обеспечение», the № column last; OCR tells no bold, and the heading was glued to row 3.
    const a = acts(rowsOf(pagesOf('photo-number-last-next-heading-in-activity-cell')));
    expect(a).toHaveLength(4);
    expect(a.slice(0, 3).every((x) => x.section === '1. Нормативно-правовое обеспечение')).toBe(true);
    expect(a[3]!.section).toBe('2. Подведение итогов');
    expect(a[2]!.activity).not.toMatch(/Подведение итогов/);
  });

  it('a centred «Раздел 2.» in the band of the row above (its rules lost) is a heading, and the row under it its own', () => {
    // gen-1402 by LibreOffice (same set): ruled, but the photo lost the rules around the second
    // heading: it was glued to the row under it, and a rule's marks («———_ о») to the first.
    const a = acts(rowsOf(pagesOf('photo-headings-in-ruled-bands-rules-lost')));
    expect(a[0]!.section).toBe('Раздел 1. Диагностика и мониторинг');
    expect(a[1]!.section).toBe('Раздел 1. Диагностика и мониторинг');
    expect(a[2]!.section).toBe('Раздел 2. Организационно-методическое сопровождение');
    expect(a[2]!.activity).toMatch(/^Индивидуальные консультации для педагогов/);
  });

  it('a heading whose number\'s stop OCR read as a comma is a heading, and «( роки» names the deadline column', () => {
    // gen-1308 by Chromium (third unseen photo set, salt 57): «1, Матернально-техническое
    // обеспечение» was stored as an activity, and «Сроки проведения» read «( роки проведения»
    // left the plan without deadlines.
    const { grid } = pagesToGrid(pagesOf('photo-heading-number-stop-read-as-comma'), DEFAULT_SETTINGS.table);
    expect(grid.columns.find((c) => c.role === 'deadline')?.header).toBe('( роки проведения');
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a[0]!.activity).toMatch(/^Индивидуальные консультации для педагогов/);
    expect(a[0]!.section).toMatch(/^1\. Мат/);
    // (OCR's «1У» for IV is put back by normalize.)
    expect(a[1]!.deadline).toMatch(/^1У квартал 2025 года$/);
  });

  it('«Эта» | «п 1.» broken in a № cell set last, beside its title under the header, is the heading\'s label, not the header\'s', () => {
    // gen-1305 by Chromium (same set): «п» read as the «п/п» of the № label kept the header
    // open over «Информационное сопровождение», whose words became labels; no section was stored.
    const { grid } = pagesToGrid(pagesOf('photo-number-last-etap-label-broken-beside-heading'), DEFAULT_SETTINGS.table);
    expect(grid.columns.some((c) => /сопровождение|Эта/.test(c.header))).toBe(false);
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a).toHaveLength(5);
    for (const x of a) expect(x.section).toBe('Этап 1. Информационное сопровождение');
  });

  it('«Разд» | «Кадровые условия» right under a borderless header is the heading\'s label broken in the № cell, not a header line', () => {
    // gen-1503 by LibreOffice (fifth unseen photo set, seeds 1500–1509, salt 83, read blind):
    // the header took «Разд» into its «№» label and «Кадровые условия» into «Показатель», and
    // the number column, its label so garbled, lost its role: no section, no row numbers.
    const { grid } = pagesToGrid(pagesOf('photo-borderless-razdel-broken-beside-title-under-header'), DEFAULT_SETTINGS.table);
    expect(grid.columns.some((c) => /Разд|Кадровые/.test(c.header))).toBe(false);
    expect(grid.columns[0]!.role).toBe('number');
    const a = acts(gridToPlanRows(grid.columns, grid.rows));
    expect(a[0]!.number).toBe('1)');
    expect(a[0]!.activity).toMatch(/^Организация обучения управленческих команд ШНОР/);
    expect(a[0]!.section).toBe('Раздел 1. Кадровые условия');
  });

  it('a lower-case line of label ends is the header\'s, and a row\'s wrapped line set close across a border opens no heading', () => {
    // gen-1109 by LibreOffice (development set, photo salt 1): «тзяполиения (действия)
    // финзисирова исполнитель» under the labels was stored as a row of its own, and
    // «фуикционирующими в | сформирован баик лучших» as a section heading splitting a row.
    const { grid } = pagesToGrid(pagesOf('photo-lowercase-label-ends-and-wrapped-row-across-border'), DEFAULT_SETTINGS.table);
    expect(grid.columns.find((c) => c.role === 'responsible')!.header).toBe('Ответственный исполнитель');
    const rows = gridToPlanRows(grid.columns, grid.rows);
    expect(rows.some((r) => r.kind === 'section')).toBe(false);
    const a = acts(rows);
    expect(a[0]!.activity).toMatch(/^Заключение договоров о сетевом взаимодействии/);
    expect(a[3]!.activity).toMatch(/^Публичный отчёт о результатах работы со штолами, фуикционирующими в неблагоприятных социальных условиях$/);
    expect(a).toHaveLength(5);
  });

  it('a page OCR could not read is refused with the reason, not parsed into rows of noise', () => {
    // gen-1108 by Chromium: 79 dpi of sheet, shaken (motion blur 4 px), mean word confidence
    // 0.25. Parsed, it gave 3 rows, none of them a row of the plan.
    const pages = pagesOf('photo-motion-blur-79dpi-illegible');
    const doc = { sourcePath: 'x.jpg', sha256: 'x', format: 'image', pageCount: 1, pages, blocks: [], issues: [] } as unknown as IngestedDocument;
    expect(() => parseDocument(doc, DEFAULT_SETTINGS)).toThrow(IllegiblePageError);
    expect(() => parseDocument(doc, DEFAULT_SETTINGS)).toThrow(/cannot be read: OCR read page 1 with a mean word confidence of 0\.25/);
  });

  it('an illegible page among legible ones is left out and named in a warning', () => {
    const good = pagesOf('photo-grid-column-rule-lost-labels-apart');
    const bad = pagesOf('photo-motion-blur-79dpi-illegible').map((p) => ({ ...p, number: 2 }));
    const doc = { sourcePath: 'x.pdf', sha256: 'x', format: 'pdf', pageCount: 2, pages: [...good, ...bad], blocks: [], issues: [] } as unknown as IngestedDocument;
    const parsed = parseDocument(doc, DEFAULT_SETTINGS);
    expect(acts(parsed.rows)).toHaveLength(6);
    expect(parsed.issues.map((i) => i.message)).toContain('page 2 could not be read (OCR\'s mean word confidence 0.25): its rows, if it has any, are not stored');
  });
});
