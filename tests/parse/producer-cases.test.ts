import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../src/model/index.js';
import { ingestBytes } from '../../src/ingest/index.js';
import { parseDocument } from '../../src/parse/index.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { CASES, expectedRows } from '../../scripts/make-pdf-case-fixtures.js';

// Browser-printed PDFs (scripts/make-pdf-case-fixtures.ts): every cell border its own
// segment, split rows without a closing rule, merged cells without the rules they span.
async function parseCase(name: string) {
  const file = `fixtures/pdf-cases/${name}.chromium.pdf`;
  const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('text-layer PDFs need no OCR'); } });
  return parseDocument(doc, DEFAULT_SETTINGS);
}
const acts = (rows: ReturnType<typeof parseDocument>['rows']) => rows.filter((r): r is ActivityRow => r.kind === 'activity');

describe('layouts drawn by a browser engine', () => {
  for (const name of Object.keys(CASES)) {
    it(`${name}: every row, with its number, activity and responsible party`, async () => {
      const parsed = await parseCase(name);
      const got = acts(parsed.rows).map((a) => ({ section: a.section, number: a.number, activity: a.activity, responsible: a.responsible }));
      expect(got).toEqual(expectedRows(CASES[name]!));
    });
  }

  it('row-split-no-closing-rule: pages after a row split at the break are read', async () => {
    const rows = acts((await parseCase('row-split-no-closing-rule')).rows);
    expect(new Set(rows.flatMap((r) => r.provenance.pages)).size).toBeGreaterThan(1);
  });

  it('rowspan-responsible-across-page: the merged cell crossing the page break gives its text to the row on the next page', async () => {
    const rows = acts((await parseCase('rowspan-responsible-across-page')).rows);
    const first = rows.find((r) => r.provenance.page === 2)!;
    expect(first.number).toBe('9.');
    expect(first.responsible).toBe('Руководители ШНОР');
  });

  it('two-line-header-extra-column: the header\'s second line is header, the extra column kept apart', async () => {
    const parsed = await parseCase('two-line-header-extra-column');
    expect(parsed.columns.map((c) => c.role)).toEqual(['number', 'activity', 'responsible', 'deadline', 'result', 'extra']);
    expect(parsed.columns[5]!.header).toBe('Форма отчётности');
    for (const a of acts(parsed.rows)) {
      expect(a.extra).toEqual({ 'Форма отчётности': 'Отчёт в МОУО' });
      expect(a.result).not.toMatch(/отч[её]т/i);
    }
  });

  it('signature-after-borderless-table: the signature is not a section heading', async () => {
    const parsed = await parseCase('signature-after-borderless-table');
    expect(parsed.rows.filter((r) => r.kind === 'section')).toEqual([]);
  });
});

describe('a word processor of another family (AbiWord, cairo)', () => {
  // AbiWord ends text runs at hyphens and slashes and starts the next run flush against them:
  // read run by run, "семинара-совещания" came out as "семинара - совещания" on 54 % of rows.
  for (const id of ['lysva-2021', 'krasnooktyabrsky-2020']) {
    it(`${id}: activities, results and sections read as the DOCX has them`, async () => {
      const gold = JSON.parse(fs.readFileSync(`fixtures/corpus/gold/${id}.gold.json`, 'utf8')) as { rows: { section?: string; activity?: string; result?: string }[] };
      const file = `fixtures/pdf-cases/${id}.abiword.pdf`;
      const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('no OCR'); } });
      const parsed = parseDocument(doc, DEFAULT_SETTINGS);
      expect(parsed.rows.filter((r) => r.kind === 'section').map((r) => r.text)).toEqual(gold.rows.filter((r) => r.section).map((r) => r.section));
      const got = acts(parsed.rows);
      const want = gold.rows.filter((r) => !r.section);
      expect(got.map((a) => a.activity)).toEqual(want.map((r) => r.activity));
      expect(got.map((a) => a.result)).toEqual(want.map((r) => r.result));
    });
  }
});

// Generated plans (scripts/generate/layouts.ts) whose header the parser once missed, with
// the generator's gold (fixtures/pdf-cases/<case>.gold.json).
describe('plan headers other producers draw', () => {
  interface Gold { columns: string[]; rows: { section?: string; number?: string; activity?: string; responsible?: string }[] }
  async function parseFile(file: string) {
    const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('no OCR'); } });
    return parseDocument(doc, DEFAULT_SETTINGS);
  }
  const gold = (name: string) => JSON.parse(fs.readFileSync(`fixtures/pdf-cases/${name}.gold.json`, 'utf8')) as Gold;
  const plainRoles = (parsed: Awaited<ReturnType<typeof parseFile>>) => parsed.columns.map((c) => c.role).filter((r) => r !== 'extra');

  it('latin-n-narrow-columns (LibreOffice): «N п/п» and labels broken in narrow columns still make the header', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/latin-n-narrow-columns.lo.pdf');
    const want = gold('latin-n-narrow-columns');
    expect(plainRoles(parsed)).toEqual(want.columns);
    expect(acts(parsed.rows).map((a) => a.number)).toEqual(want.rows.filter((r) => !r.section).map((r) => r.number));
  });

  it('two-level-header-frame (LibreOffice): the upper label over «Период» and «Показатель» gives each its column', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/two-level-header-frame.lo.pdf');
    const want = gold('two-level-header-frame');
    expect(plainRoles(parsed)).toEqual(want.columns);
    expect(acts(parsed.rows).map((a) => a.number)).toEqual(want.rows.filter((r) => !r.section).map((r) => r.number));
  });

  it('two-level-header-hrules (WeasyPrint): an upper label running over a column border is no part of the column beside', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/two-level-header-hrules.weasy.pdf');
    const want = gold('two-level-header-hrules');
    expect(parsed.columns.find((c) => c.role === 'responsible')!.header).toBe('Ответственный');
    expect(plainRoles(parsed)).toEqual(want.columns);
    const rows = acts(parsed.rows);
    expect(rows.length).toBeGreaterThanOrEqual(want.rows.filter((r) => !r.section).length - 1);
    expect(rows.map((a) => a.activity)).toContain(want.rows.find((r) => !r.section)!.activity);
  });

  it('rowspan-responsible-borderless (WeasyPrint): a responsible party merged down in a table without rules names every row it spans', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/rowspan-responsible-borderless.weasy.pdf');
    const want = gold('rowspan-responsible-borderless').rows.filter((r) => !r.section);
    const rows = acts(parsed.rows);
    // Rows 1–8 (the last two, glued in this unnumbered table, are another case).
    expect(rows.slice(0, 8).map((a) => a.responsible)).toEqual(want.slice(0, 8).map((r) => r.responsible));
  });

  it('narrow-columns-broken-words (LibreOffice): a row number wrapped in the № cell is one number; words broken letter-wise are whole again', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/narrow-columns-broken-words.lo.pdf');
    const want = gold('narrow-columns-broken-words').rows.filter((r) => !r.section);
    const rows = acts(parsed.rows);
    // "1." over "1." is row 1.1., not two rows (72 rows were stored for 36).
    expect(rows.slice(0, 8).map((a) => a.number)).toEqual(want.slice(0, 8).map((r) => r.number));
    const text = rows.map((a) => `${a.responsible} ${a.deadline}`).join(' ');
    expect(text).toContain('Муниципальный координатор проекта');
    expect(text).toContain('администрации района');
    expect(text).not.toMatch(/Муниципальн ый|ежемесяч но|01\.09\.202 5/);
    // A full line ending in a real word keeps the space before the next ("Руководители школ").
    expect(text).not.toMatch(/Руководителишкол/);
  });

  it('borderless-number-wrapped-in-number-cell (LibreOffice): without borders too, «1.» over «1.» is row 1.1., not two rows', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/borderless-number-wrapped-in-number-cell.lo.pdf');
    const want = gold('borderless-number-wrapped-in-number-cell').rows.filter((r) => !r.section);
    // 45 rows were stored for 20: each wrapped number opened a row of its own.
    expect(acts(parsed.rows).map((a) => a.number)).toEqual(want.map((r) => r.number));
  });

  for (const producer of ['lo', 'chromium'] as const) {
    it(`frame-two-level-header-labels-broken (${producer}): labels broken letter-wise in narrow cells («Примеча» | «ние») and set a word gap apart still make the header`, async () => {
      const parsed = await parseFile(`fixtures/pdf-cases/frame-two-level-header-labels-broken.${producer}.pdf`);
      const want = gold('frame-two-level-header-labels-broken');
      expect(plainRoles(parsed)).toEqual(want.columns);
      expect(acts(parsed.rows).map((a) => a.number)).toEqual(want.rows.filter((r) => !r.section).map((r) => r.number));
    });
  }

  it('second-table-under-unnumbered-plan (WeasyPrint): «№ Показатель 2022 2023» under a plan without numbers ends it', async () => {
    const parsed = await parseFile('fixtures/pdf-cases/second-table-under-unnumbered-plan.weasy.pdf');
    expect(parsed.columns.some((c) => c.role === 'number')).toBe(false);
    for (const a of acts(parsed.rows)) expect(a.activity).not.toMatch(/^(№|\d+ Доля|\d+ Количество)/);
    expect(parsed.rows.filter((r) => r.kind === 'section').map((r) => r.text)).not.toContain('Целевые показатели реализации плана');
  });
});

describe('section headings set in one cell (WeasyPrint, from the layout generator)', () => {
  // Each PDF is a generated plan printed by WeasyPrint; the figures are its DOCX's: every
  // heading in order with the number of activities under it.
  const CASES_SECTIONS: Record<string, [string, number][]> = {
    // A heading merged over the row (frame only) and centred: "Этап 3. Подведение итогов"
    // stays inside one column, so it crosses no border.
    'frame-centred-section-rows': [['Этап 1. Сетевое взаимодействие и партнёрство', 1], ['Этап 2. Кадровые условия', 3], ['Этап 3. Подведение итогов', 1], ['Этап 4. Информационное сопровождение', 2], ['Этап 5. Диагностика и мониторинг', 1]],
    // "2021 год" centred over a borderless table, right under the header.
    'borderless-year-sections-centred': [['2021 год', 8], ['2022 год', 5], ['2023 год', 7]],
    // "Раздел 2. …" alone in the activity cell of a table without numbers: the row under it
    // follows at the cells' own line step.
    'frame-section-in-activity-cell': [['Раздел 1. Подведение итогов', 12], ['Раздел 2. Работа с обучающимися и родителями', 5], ['Раздел 3. Сетевое взаимодействие и партнёрство', 9]],
    // "2. Работа с …" in bold alone in the activity cell, right under the last line of a row's
    // activity: a heading, not the next item of a list in that cell.
    'frame-numbered-bold-section-in-activity-cell': [['1. Сетевое взаимодействие и партнёрство', 4], ['2. Работа с обучающимися и родителями', 7], ['3. Кадровые условия', 9], ['4. Нормативно-правовое обеспечение', 4]],
  };
  it('borderless-header-tail-not-a-section: a repeated header\'s lower line left in the body is no heading', async () => {
    // "п/п … выполнении … результат" stands apart at several column boundaries like a row's
    // cells; only a section label in the № cell ("3.", "Этап 1.") makes its gap count once.
    const file = 'fixtures/pdf-cases/borderless-header-tail-not-a-section.weasy.pdf';
    const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('no OCR'); } });
    const sections = parseDocument(doc, DEFAULT_SETTINGS).rows.filter((r) => r.kind === 'section').map((r) => r.text);
    expect(sections.slice(0, 6)).toEqual(['1. Подведение итогов', '2. Организационно-методическое сопровождение', '3. Диагностика и мониторинг', '4. Сетевое взаимодействие и партнёрство', '5. Информационное сопровождение', '6. Работа с обучающимися и родителями']);
  });
  for (const [name, want] of Object.entries(CASES_SECTIONS)) {
    it(`${name}: every heading, each over its own activities`, async () => {
      const file = `fixtures/pdf-cases/${name}.weasy.pdf`;
      const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('no OCR'); } });
      const parsed = parseDocument(doc, DEFAULT_SETTINGS);
      const got: [string, number][] = [];
      for (const r of parsed.rows) {
        if (r.kind === 'section') got.push([r.text, 0]);
        else if (got.length) got.at(-1)![1]++;
      }
      expect(got).toEqual(want);
      expect(acts(parsed.rows).every((a) => !/^(Этап|Раздел)\s|^\d{4} год/.test(a.activity + a.responsible + a.deadline))).toBe(true);
    });
  }
});

describe('tables ruled round their rows, or not at all, but not between them', () => {
  async function parseFile(file: string) {
    const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('no OCR'); } });
    return parseDocument(doc, DEFAULT_SETTINGS);
  }

  it('frame-only-unnumbered-rows: an outer frame alone does not make the rows inside it one row', async () => {
    // LibreOffice, seed 359: no № column, only the frame's two side borders and its top and
    // bottom; every activity is a row of its own, as the stream rows are cut.
    const rows = acts((await parseFile('fixtures/pdf-cases/frame-only-unnumbered-rows.lo.pdf')).rows);
    expect(rows.map((r) => r.activity.split(' ')[0])).toEqual(['Разработка', 'Разработка', 'Тьюторское', 'Мониторинг', 'Участие', 'Проведение', 'Проведение']);
    expect(rows[0]!.deadline).toBe('март, октябрь');
  });

  it('frame-only-word-overflows-cell: a word running out of its narrow cell does not make the row a heading', async () => {
    // WeasyPrint, seed 327: «(декабрь)» in a fixed-width deadline column runs 3 pt past the
    // river at which the responsible column starts, the line's other cells stand wide apart.
    const parsed = await parseFile('fixtures/pdf-cases/frame-only-word-overflows-cell.weasy.pdf');
    expect(parsed.rows.filter((r) => r.kind === 'section').map((r) => r.text)).toEqual(['Раздел 1. Сетевое взаимодействие и партнёрство']);
    const row = acts(parsed.rows).find((r) => r.activity.startsWith('Мониторинг посещаемости'))!;
    expect(row.deadline).toBe('ежегодно (декабрь)');
    expect(acts(parsed.rows)).toHaveLength(13);
  });

  it('borderless-plan-ruled-indicators-next-page: a later page\'s indicator table does not move the plan\'s columns', async () => {
    // WeasyPrint, seed 310: the borderless plan's last rows open page 4, the ruled table of
    // indicators follows under them; its borders once pulled the plan's river columns 17 pt
    // right, and the page read as no continuation.
    const rows = acts((await parseFile('fixtures/pdf-cases/borderless-plan-ruled-indicators-next-page.weasy.pdf')).rows);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 25 }, (_, i) => `${i + 1}.`));
  });
});

// A section's label in the № cell and its title centred in one cell merged over the others
// ("numcol"), generated plans with the generator's gold: every heading, in order, over its rows.
describe('section labels in the № cell beside a merged title (other producers)', () => {
  interface Gold { rows: { section?: string; activity?: string }[] }
  const CASES_LABELS: Record<string, string> = {
    // LibreOffice breaks «Раздел» letter-wise in the narrow № cell: «Разде» | «л 1.».
    'grid-section-label-broken-in-number-cell': 'lo',
    // № column set last: the label right of its title still reads first («I. Кадровые условия»).
    'grid-section-label-number-last': 'weasy',
    // «Раздел» | «1.» wrapped in the № cell; the centred title starts by chance where the
    // activity column's text starts.
    'grid-section-label-title-at-activity-edge': 'abiword',
    // «Раз» | «дел» | «1.» and a title inside the activity column, row rules only.
    'hrules-section-label-broken-title-in-activity': 'abiword',
  };
  for (const [name, producer] of Object.entries(CASES_LABELS)) {
    it(`${name} (${producer}): every heading, each over its own activities`, async () => {
      const file = `fixtures/pdf-cases/${name}.${producer}.pdf`;
      const doc = await ingestBytes(file, new Uint8Array(fs.readFileSync(file)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('no OCR'); } });
      const parsed = parseDocument(doc, DEFAULT_SETTINGS);
      const count = (rows: { section: boolean; text: string }[]) => {
        const out: [string, number][] = [];
        for (const r of rows) {
          if (r.section) out.push([r.text, 0]);
          else if (out.length) out.at(-1)![1]++;
        }
        return out;
      };
      const gold = JSON.parse(fs.readFileSync(`fixtures/pdf-cases/${name}.gold.json`, 'utf8')) as Gold;
      const want = count(gold.rows.map((r) => ({ section: r.section !== undefined, text: r.section ?? '' })));
      const got = count(parsed.rows.map((r) => ({ section: r.kind === 'section', text: r.kind === 'section' ? r.text : '' })));
      expect(got).toEqual(want);
    });
  }
});
