import { describe, expect, it } from 'vitest';
import type { StructBlock, StructCell } from '../../src/model/index.js';
import { blocksToGrid } from '../../src/parse/struct-table.js';
import { resolveSettings } from '../../src/settings.js';

const settings = resolveSettings().table;
const c = (text: string, more: Partial<StructCell> = {}): StructCell => ({ text, span: 1, vmerge: null, bold: false, ...more });
const b = (text: string, more: Partial<StructCell> = {}) => c(text, { bold: true, ...more });
const table = (...rows: StructCell[][]): StructBlock => ({ kind: 'table', rows });
const row = (n: string, what: string) => [c(n), c(what), c('ОО'), c('2025 г.'), c('Справка')];

describe('DOCX tables (real structure)', () => {
  it('reads a two-level header: the labels under a merged upper cell name their columns', () => {
    const { grid } = blocksToGrid([
      table(
        [b('№ п/п', { vmerge: 'restart' }), b('Мероприятие', { vmerge: 'restart' }), b('Срок реализации', { vmerge: 'restart' }), b('Организация исполнения', { span: 2 })],
        [b('', { vmerge: 'continue' }), b('', { vmerge: 'continue' }), b('', { vmerge: 'continue' }), b('Ответственный'), b('Результат (продукт)')],
        [c('1.'), c('Анализ результатов ВПР'), c('май 2025 г.'), c('МОУО'), c('Справка')],
      ),
    ], settings, 'structure');
    expect(grid.columns.map((k) => k.role)).toEqual(['number', 'activity', 'deadline', 'responsible', 'result']);
    expect(grid.rows.map((r) => r.cells)).toEqual([['1.', 'Анализ результатов ВПР', 'май 2025 г.', 'МОУО', 'Справка']]);
  });

  it('does not take a section heading under the header for a lower header level', () => {
    const { grid } = blocksToGrid([
      table(
        [b('№', { vmerge: 'restart' }), b('Мероприятие', { vmerge: 'restart' }), b('Сроки', { vmerge: 'restart' }), b('Исполнение', { span: 2 })],
        [b('', { vmerge: 'continue' }), b('', { vmerge: 'continue' }), b('', { vmerge: 'continue' }), b('Ответственные'), b('Результат')],
        [b('Раздел 1. Подведение итогов', { span: 5 })],
        row('1.1.', 'Анализ результатов ВПР'),
      ),
    ], settings, 'structure');
    expect(grid.columns[0]!.role).toBe('number');
    expect(grid.rows[0]).toMatchObject({ spans: true, cells: ['Раздел 1. Подведение итогов', '', '', '', ''] });
  });

  it('reads a heading drawn as its number in the № cell beside one cell merged across the rest', () => {
    const { grid } = blocksToGrid([
      table(
        [b('№'), b('Мероприятие'), b('Ответственный'), b('Срок'), b('Результат')],
        [b('II.'), b('Кадровые условия', { span: 4 })],
        row('1.', 'Анализ результатов ВПР'),
      ),
    ], settings, 'structure');
    expect(grid.rows[0]).toMatchObject({ spans: true, cells: ['II. Кадровые условия', '', '', '', ''] });
  });

  it('ends the plan at a later table of the same width that opens with other columns', () => {
    const header = [b('№'), b('Мероприятие'), b('Ответственный'), b('Срок'), b('Результат')];
    const { grid } = blocksToGrid([
      table(header, row('1.', 'Анализ результатов ВПР')),
      table(row('2.', 'Семинар для заместителей директоров')),
      { kind: 'paragraph', text: 'Целевые показатели реализации плана', bold: true },
      table([b('№'), b('Показатель'), b('2024'), b('2025'), b('2026')], [c('1'), c('Доля школ с низкими результатами, %'), c('27'), c('20'), c('15')]),
    ], settings, 'structure');
    expect(grid.rows.map((r) => r.cells[0])).toEqual(['1.', '2.']);
  });
});
