import { describe, expect, it } from 'vitest';
import type { ActivityRow, IngestedDocument, Page } from '../../src/model/index.js';
import { parseDocument } from '../../src/parse/index.js';
import { findMissingRows } from '../../src/parse/missing-rows.js';
import { pagesToGrid } from '../../src/parse/page-table.js';
import { gridToPlanRows } from '../../src/parse/rows-to-plan.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { layoutTable, type TableSpec } from '../helpers/layout.js';

const COLUMNS = [
  { header: '№ п/п', width: 40 },
  { header: 'Мероприятие', width: 200 },
  { header: 'Ответственные', width: 100 },
  { header: 'Срок', width: 70 },
  { header: 'Результат', width: 80 },
];
const row = (number: string, k = 0) => ({
  cells: [number, `Проведение методического семинара для педагогов школ с низкими результатами, тема ${k + 1}`, 'Управление образования', '2022 г.', 'Справка'],
});
const flat = (n: number) => Array.from({ length: n }, (_, i) => row(`${i + 1}.`, i));

function ingested(pages: Page[]): IngestedDocument {
  return { sourcePath: 'x.pdf', sha256: 'x', format: 'pdf', pageCount: pages.length, pages, blocks: [], issues: [] };
}
const parse = (pages: Page[]) => parseDocument(ingested(pages), DEFAULT_SETTINGS);
const parseSpec = (spec: Omit<TableSpec, 'columns'>) => parse(layoutTable({ columns: COLUMNS, ruled: true, ...spec }));
const warnings = (doc: ReturnType<typeof parse>) => doc.issues.filter((i) => /may be missing/.test(i.message)).map((i) => i.message);
const flagged = (doc: ReturnType<typeof parse>) => doc.rows.filter((r): r is ActivityRow => r.kind === 'activity' && r.rowsMissing === true).map((r) => r.number);

/**
 * The parser's walk stopping after `keepPages` pages (as a row split at a page break used to
 * end the table): the grid keeps only those pages' rows, the document has all of them.
 */
function stoppedAfter(pages: Page[], keepPages: number) {
  const { grid } = pagesToGrid(pages, DEFAULT_SETTINGS.table);
  const kept = { ...grid, rows: grid.rows.filter((r) => (r.page ?? 0) <= keepPages) };
  const rows = gridToPlanRows(kept.columns, kept.rows);
  return { rows, found: findMissingRows({ pages, grid: kept, rows, ocrPages: new Set(), settings: DEFAULT_SETTINGS.table }) };
}

describe('rows after the end of the stored table', () => {
  it('a table ending early with numbered rows on the later pages: warned, with the estimate from the numbering', () => {
    const pages = layoutTable({ columns: COLUMNS, rows: flat(49), ruled: true });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const { rows, found } = stoppedAfter(pages, 1);
    const stored = rows.filter((r): r is ActivityRow => r.kind === 'activity');
    const last = stored.at(-1)!.number;
    expect(found).toHaveLength(1);
    expect(found[0]!.count).toBe(49 - Number.parseInt(last, 10));
    expect(found[0]!.message).toBe(`${found[0]!.count} row(s) may be missing: stored rows end at ${last}, the text goes on to 49. (pages 2–${pages.length})`);
    expect(found[0]!.around).toEqual([rows.indexOf(stored.at(-1)!)]);
  });

  it('hierarchical numbering going on into the next sections: the section headings are not counted as rows', () => {
    const spec: TableSpec = {
      columns: COLUMNS,
      ruled: true,
      rows: [1, 2, 3].flatMap((s) => [{ section: `${s}. Раздел плана номер ${s}` }, ...Array.from({ length: 8 }, (_, i) => row(`${s}.${i + 1}.`, i))]),
    };
    const pages = layoutTable(spec);
    const { rows, found } = stoppedAfter(pages, 1);
    const stored = rows.filter((r): r is ActivityRow => r.kind === 'activity');
    expect(found).toHaveLength(1);
    expect(found[0]!.count).toBe(24 - stored.length);
    expect(found[0]!.message).toMatch(/the text goes on to 3\.8\./);
  });

  it('a table with the № column last ending early: warned from the numbers at the rows\' right end', () => {
    const cols = [...COLUMNS.slice(1), COLUMNS[0]!];
    const pages = layoutTable({ columns: cols, rows: flat(49).map((r) => ({ cells: [...r.cells.slice(1), r.cells[0]!] })), ruled: true });
    const { rows, found } = stoppedAfter(pages, 1);
    const last = rows.filter((r): r is ActivityRow => r.kind === 'activity').at(-1)!.number;
    expect(found).toHaveLength(1);
    expect(found[0]!.count).toBe(49 - Number.parseInt(last, 10));
  });

  it('on an OCR\'d page, one misread number under the break ("5." for "9.") does not hide the rows after it', () => {
    const pages = layoutTable({ columns: COLUMNS, rows: flat(49), ruled: true });
    const { grid } = pagesToGrid(pages, DEFAULT_SETTINGS.table);
    const kept = { ...grid, rows: grid.rows.filter((r) => (r.page ?? 0) <= 1) };
    const rows = gridToPlanRows(kept.columns, kept.rows);
    const last = Number.parseInt(rows.filter((r): r is ActivityRow => r.kind === 'activity').at(-1)!.number, 10);
    // The first number on page 2 misread.
    const p2 = pages[1]!;
    const firstNumber = p2.words.filter((w) => w.text === `${last + 1}.`)[0]!;
    const misread = { ...p2, words: p2.words.map((w) => (w === firstNumber ? { ...w, text: '5.' } : w)) };
    const all = [pages[0]!, misread, ...pages.slice(2)];
    const found = findMissingRows({ pages: all, grid: kept, rows, ocrPages: new Set(all.map((p) => p.number)), settings: DEFAULT_SETTINGS.table });
    expect(found).toHaveLength(1);
    expect(found[0]!.count).toBe(49 - last);
  });

  it('a second table after the plan, numbered from 1 (target indicators): no warning', () => {
    const plan = layoutTable({ columns: COLUMNS, rows: flat(7), ruled: true });
    const indicators = layoutTable({
      title: ['Целевые показатели реализации плана'],
      columns: [{ header: '№ п/п', width: 40 }, { header: 'Наименование показателя', width: 250 }, { header: '2021 год', width: 100 }, { header: '2022 год', width: 100 }],
      rows: Array.from({ length: 12 }, (_, i) => ({ cells: [`${i + 1}.`, `Доля обучающихся, достигших базового уровня, показатель ${i + 1}`, '10 %', '15 %'] })),
      ruled: true,
    });
    const doc = parse([...plan, ...indicators.map((p, i) => ({ ...p, number: plan.length + i + 1 }))]);
    expect(doc.rows.filter((r) => r.kind === 'activity')).toHaveLength(7);
    expect(warnings(doc)).toEqual([]);
    expect(doc.missingRows).toBeUndefined();
  });

  it('signatures, a date and page numbers after the table: no warning', () => {
    const doc = parseSpec({
      rows: flat(30),
      pageNumbers: true,
      after: ['Начальник управления образования                     И.И. Иванов', '1 сентября 2021 г.', 'Приложение 2 к приказу от 01.09.2021 № 15'],
    });
    expect(doc.rows.filter((r) => r.kind === 'activity')).toHaveLength(30);
    expect(warnings(doc)).toEqual([]);
  });

  it('a plan without row numbers: rows set out in its columns after the end are counted', () => {
    const cols = COLUMNS.slice(1);
    const pages = layoutTable({ columns: cols, rows: Array.from({ length: 40 }, (_, i) => ({ cells: row('', i).cells.slice(1) })), ruled: true });
    const { found } = stoppedAfter(pages, 1);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/line\(s\) set out in the table's columns follow its end/);
    expect(found[0]!.count).toBeGreaterThan(0);
  });
});

describe('gaps in the stored numbering', () => {
  it('1.1, 1.2, 1.5: two rows missing, the rows on either side flagged', () => {
    const doc = parseSpec({ rows: [{ section: '1. Нормативное обеспечение' }, row('1.1.'), row('1.2.'), row('1.5.'), row('1.6.')] });
    expect(warnings(doc)).toEqual(['2 row(s) may be missing: row numbers skip from 1.2. to 1.5.']);
    expect(doc.missingRows).toBe(2);
    expect(flagged(doc)).toEqual(['1.2.', '1.5.']);
  });

  it('3., 5.: one row missing', () => {
    const doc = parseSpec({ rows: [row('1.'), row('2.'), row('3.'), row('5.')] });
    expect(warnings(doc)).toEqual(['1 row(s) may be missing: row numbers skip from 3. to 5.']);
    expect(doc.missingRows).toBe(1);
  });

  it('numbering that restarts in each section, hierarchical or flat, repeated numbers: no warning', () => {
    const hierarchical = parseSpec({
      rows: [{ section: '1. Нормативное' }, row('1.1.'), row('1.2.'), row('1.3.'), row('1.3.'), { section: '2. Методическое' }, row('2.1.'), row('2.2.'), { section: '3. Мониторинг' }, row('3.1.')],
    });
    expect(warnings(hierarchical)).toEqual([]);
    const restarting = parseSpec({
      rows: [{ section: 'I. Нормативное' }, row('1.'), row('2.'), row('3.'), row('4.'), { section: 'II. Методическое' }, row('1.'), row('2.'), { section: 'III. Мониторинг' }, row('1.'), row('2.'), row('3.')],
    });
    expect(warnings(restarting)).toEqual([]);
    const unnumbered = parseSpec({ rows: [row('1.'), row(''), row('2.'), row('3.')] });
    expect(warnings(unnumbered)).toEqual([]);
  });

  it('rows sharing one number cell ("4.-5.") bridge the sequence', () => {
    const doc = parseSpec({ rows: [row('1.'), row('2.'), row('3.'), row('4.-5.'), row('6.')] });
    expect(warnings(doc)).toEqual([]);
  });

  it('two rows glued into one number cell ("5. 6." in a plan numbered 1., 2. …): one row missing', () => {
    const doc = parseSpec({ rows: [row('3.'), row('4.'), row('5. 6.'), row('7.')] });
    expect(warnings(doc)).toEqual(['1 row(s) may be missing: row number 5.6. reads as 5. and 6. glued into one row']);
  });

  it('a sub-row "1.2." of a plan numbered 1., 2. is not a glued row', () => {
    const doc = parseSpec({ rows: [row('1.'), row('1.1.'), row('1.2.'), row('2.'), row('3.')] });
    expect(warnings(doc)).toEqual([]);
  });

  it('on OCR pages, a skip the neighbours do not confirm is a misread number, not a gap', () => {
    const pages = layoutTable({ columns: COLUMNS, rows: [row('15.'), row('16.'), row('7.'), row('18.'), row('19.')], ruled: true });
    const ocr = pages.map((p) => ({ ...p, source: 'ocr' as const }));
    expect(warnings(parse(ocr))).toEqual([]);
    // Both sides confirmed by their neighbours: a real skip, on OCR pages too.
    const skip = layoutTable({ columns: COLUMNS, rows: [row('1.'), row('2.'), row('3.'), row('6.'), row('7.')], ruled: true }).map((p) => ({ ...p, source: 'ocr' as const }));
    expect(warnings(parse(skip))).toEqual(['2 row(s) may be missing: row numbers skip from 3. to 6.']);
  });
});
