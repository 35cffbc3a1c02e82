import { describe, expect, it } from 'vitest';
import type { ActivityRow, IngestedDocument, Page } from '../../src/model/index.js';
import { parseDocument } from '../../src/parse/index.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { layoutTable } from '../helpers/layout.js';

const COLUMNS = [
  { header: '№ п/п', width: 40 },
  { header: 'Мероприятие', width: 200 },
  { header: 'Ответственные', width: 100 },
  { header: 'Срок', width: 70 },
  { header: 'Результат', width: 80 },
];
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({
  cells: [`${i + 1}.`, `Проведение мониторинга образовательных результатов школ с низкими результатами обучения, этап ${i + 1}`, 'Управление образования', '2022 г.', 'Аналитическая справка'],
}));

function ingested(pages: Page[]): IngestedDocument {
  return { sourcePath: 'x.jpg', sha256: 'x', format: 'image', pageCount: pages.length, pages, blocks: [], issues: [] };
}
const activities = (pages: Page[]) => parseDocument(ingested(pages), DEFAULT_SETTINGS).rows.filter((r): r is ActivityRow => r.kind === 'activity');

describe('a table that runs into the bottom of the last page the file has', () => {
  const pages = layoutTable({ columns: COLUMNS, rows: rows(30), ruled: true });

  it('on a file of one page (a photo of one sheet), keeps its last row apart as cut off, and says so', () => {
    expect(pages.length).toBeGreaterThan(1);
    const firstOnly = [pages[0]!];
    const a = activities(firstOnly);
    expect(a.at(-1)).toMatchObject({ mayContinue: true, cutOff: true });
    expect(a.slice(0, -1).every((r) => r.mayContinue === undefined && r.cutOff === undefined)).toBe(true);
    const doc = parseDocument(ingested(firstOnly), DEFAULT_SETTINGS);
    expect(doc.issues.map((i) => i.message).join('\n')).toMatch(/runs off the bottom of the file's only page: row \d+\. is kept apart as a fragment/);
  });

  it('on the last page of a file of several pages, keeps its last row as an activity, flagged', () => {
    const long = layoutTable({ columns: COLUMNS, rows: rows(80), ruled: true });
    expect(long.length).toBeGreaterThan(2);
    const firstTwo = long.slice(0, 2);
    const a = activities(firstTwo);
    expect(a.at(-1)!.mayContinue).toBe(true);
    expect(a.at(-1)!.cutOff).toBeUndefined();
    const doc = parseDocument(ingested(firstTwo), DEFAULT_SETTINGS);
    expect(doc.issues.map((i) => i.message).join('\n')).toMatch(/may continue on a page this file does not have/);
  });

  it('leaves a table that ends above the bottom margin alone', () => {
    const a = activities(layoutTable({ columns: COLUMNS, rows: rows(3), ruled: true }));
    expect(a).toHaveLength(3);
    expect(a.every((r) => r.mayContinue === undefined)).toBe(true);
  });

  it('does not flag the last row of the whole file when the table ends on its last page', () => {
    const a = activities(pages);
    expect(a).toHaveLength(30);
    expect(a.every((r) => r.mayContinue === undefined)).toBe(true);
  });
});
