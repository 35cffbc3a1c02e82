import { describe, expect, it } from 'vitest';
import type { ActivityRow, PlanRow } from '../../src/model/index.js';
import type { GridColumn, GridRow } from '../../src/parse/grid.js';
import { gridToPlanRows } from '../../src/parse/rows-to-plan.js';

const COLUMNS: GridColumn[] = [
  { role: 'activity', header: 'Мероприятие' },
  { role: 'deadline', header: 'Срок' },
  { role: 'responsible', header: 'Исполнитель' },
  { role: 'result', header: 'Результат' },
];
const row = (cells: string[], page: number, extra: Partial<GridRow> = {}): GridRow =>
  ({ cells, spans: false, bold: false, page, bbox: null, conf: 0.9, ocr: true, pageStart: false, ...extra });
const span = (text: string, page: number, extra: Partial<GridRow> = {}): GridRow => row([text, '', '', ''], page, { spans: true, ...extra });
const acts = (rows: PlanRow[]) => rows.filter((r): r is ActivityRow => r.kind === 'activity');

describe('gridToPlanRows on OCR rows', () => {
  it('drops a speck line read as letters across the table, and the row it interrupted still continues over the page', () => {
    const rows = gridToPlanRows(COLUMNS, [
      span('V. Мониторинговые исследования', 4),
      row(['Мониторинг дефицитов в', 'ноябрь', 'Управление', 'Аналитическая'], 4),
      span('т ох ИС', 5, { pageStart: true }),
      row(['области общепедагогической компетенции', '', 'образования', 'справка'], 5),
    ]);
    expect(rows.filter((r) => r.kind === 'section').map((r) => (r.kind === 'section' ? r.text : ''))).toEqual(['V. Мониторинговые исследования']);
    expect(acts(rows)).toHaveLength(1);
    expect(acts(rows)[0]).toMatchObject({
      activity: 'Мониторинг дефицитов в области общепедагогической компетенции',
      responsible: 'Управление образования',
      result: 'Аналитическая справка',
      provenance: { pages: [4, 5] },
    });
  });

  it('keeps short headings that have a word or a year, and every heading of a digital page', () => {
    const rows = gridToPlanRows(COLUMNS, [
      span('2021 год', 1),
      row(['Семинар', 'май', 'ОО', 'Протокол'], 1),
      span('Итоги', 1),
      row(['Отчёт', 'июнь', 'ОО', 'Отчёт'], 1),
      span('I. А', 2, { conf: 1, ocr: false }),
      row(['Анализ', 'июль', 'ОО', 'Справка'], 2, { conf: 1, ocr: false }),
    ]);
    expect(rows.filter((r) => r.kind === 'section').map((r) => (r.kind === 'section' ? r.text : ''))).toEqual(['2021 год', 'Итоги', 'I. А']);
  });
});

describe('a row that opens a page of a plan without numbers', () => {
  const at = (cells: string[], page: number, extra: Partial<GridRow> = {}) => row(cells, page, { ocr: false, conf: 1, ...extra });

  it('is a row of its own where its activity and another cell begin with a capitalised word, though the responsible party merged down from the page before leaves its cell empty', () => {
    const rows = gridToPlanRows(COLUMNS, [
      at(['Проведение мониторинга реализации антирисковых программ', 'по итогам оценочных процедур', 'Муниципальный координатор проекта', 'Повышение квалификации'], 1),
      at(['Корректировка программ развития ОО с учётом рисковых профилей', 'апрель 2026 г.', '', 'Заполнены анкеты, проведён анализ'], 2, { pageStart: true }),
    ]);
    expect(acts(rows).map((a) => a.activity)).toEqual([
      'Проведение мониторинга реализации антирисковых программ',
      'Корректировка программ развития ОО с учётом рисковых профилей',
    ]);
  });

  it('goes on with the row split at the break where its activity goes on in lower case, though every cell ran over', () => {
    const rows = gridToPlanRows(COLUMNS, [
      at(['Организация наставничества:', 'ноябрь -', 'Отдел образования', 'Заполнены анкеты,'], 2),
      at(['закрепление за каждой школой с низкими результатами школы-партнёра', 'декабрь 2025 г.', 'администрации района', 'проведён анализ'], 3, { pageStart: true }),
    ]);
    expect(acts(rows)).toHaveLength(1);
    expect(acts(rows)[0]).toMatchObject({ deadline: 'ноябрь - декабрь 2025 г.', responsible: 'Отдел образования администрации района' });
  });

  it('takes a cell left alone at the foot of the page (a deadline) as the top of the row the next page opens', () => {
    const rows = gridToPlanRows(COLUMNS, [
      at(['Разработка критериев эффективности', 'сентябрь 2025 г.', 'Школы-лидеры, ШНОР', 'Отчёт'], 2),
      at(['', 'ежеквартально', '', ''], 2),
      at(['Обновление материально-технической базы', '', 'Руководители ОУ', 'Модель ВСОКО внедрена'], 3, { pageStart: true }),
    ]);
    expect(acts(rows).map((a) => [a.activity, a.deadline])).toEqual([
      ['Разработка критериев эффективности', 'сентябрь 2025 г.'],
      ['Обновление материально-технической базы', 'ежеквартально'],
    ]);
  });

  it('goes on with the row split at the break where its cells go on mid-sentence', () => {
    const rows = gridToPlanRows(COLUMNS, [
      at(['Проведение мониторинга реализации', 'по итогам оценочных', 'Муниципальный координатор проекта', 'Повышение квалификации'], 1),
      at(['антирисковых программ (1 раз в полугодие)', 'процедур', '', 'Отчёт представлен'], 2, { pageStart: true }),
    ]);
    expect(acts(rows)).toHaveLength(1);
    expect(acts(rows)[0]!.activity).toBe('Проведение мониторинга реализации антирисковых программ (1 раз в полугодие)');
  });
});

describe('a row of a numbered plan whose number OCR lost', () => {
  const COLS: GridColumn[] = [{ role: 'number', header: '№' }, ...COLUMNS];
  it('is a row of its own where its activity and two more cells begin anew; the rest of it over the page break still joins it', () => {
    const rows = gridToPlanRows(COLS, [
      row(['1.', 'Мониторинг реализации антирисковых программ', 'по мере', 'Руководители школ', 'Сертификаты'], 2),
      row(['', 'Формирование муниципальной рабочей группы', 'IV квартал', 'Методическая служба', 'Проведены собрания'], 2),
      row(['', 'по сопровождению школ', '', 'ОО', 'во всех ШНОР'], 3, { pageStart: true }),
      row(['3.', 'Повышение квалификации руководителей', 'до 25 мая', 'ШНОР', 'Снижение доли'], 3),
    ]);
    expect(acts(rows).map((a) => [a.number, a.activity])).toEqual([
      ['1.', 'Мониторинг реализации антирисковых программ'],
      ['', 'Формирование муниципальной рабочей группы по сопровождению школ'],
      ['3.', 'Повышение квалификации руководителей'],
    ]);
  });
});
