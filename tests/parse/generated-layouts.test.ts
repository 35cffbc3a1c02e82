import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../src/model/index.js';
import { ingestBytes } from '../../src/ingest/index.js';
import { parseDocument } from '../../src/parse/index.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';

// Cases the layout generator found (fixtures/layouts, scripts/generate/): each pinned on the
// generated file that showed it, against that plan's gold.
async function parse(file: string) {
  const path = `fixtures/layouts/files/${file}`;
  const doc = await ingestBytes(path, new Uint8Array(fs.readFileSync(path)), 'x', DEFAULT_SETTINGS, { ocr: async () => { throw new Error('text-layer PDFs need no OCR'); } });
  return parseDocument(doc, DEFAULT_SETTINGS);
}
const acts = (rows: ReturnType<typeof parseDocument>['rows']) => rows.filter((r): r is ActivityRow => r.kind === 'activity');
type GoldRow = { section?: string; number?: string; activity?: string; responsible?: string; deadline?: string; result?: string };
const goldActs = (id: string) => (JSON.parse(fs.readFileSync(`fixtures/layouts/gold/${id}.gold.json`, 'utf8')) as { rows: GoldRow[] }).rows.filter((r) => r.activity !== undefined);
const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('generated layouts: header structure', () => {
  it.each(['lo', 'chromium', 'weasy'])('two-level header without column borders (%s): the labels under "Организация исполнения" name their columns', async (producer) => {
    const parsed = await parse(`gen-0001.${producer}.pdf`);
    expect(parsed.columns.map((c) => c.role)).toEqual(['number', 'activity', 'deadline', 'responsible', 'result']);
    expect(acts(parsed.rows).map((a) => clean(a.result))).toEqual(goldActs('gen-0001').map((g) => clean(g.result)));
  });

  it.each(['gen-0001.lo.pdf', 'gen-0007.chromium.pdf'])('responsible cells merged down in a table ruled under its rows only give their text to every row, over a page break too (%s)', async (file) => {
    const got = acts((await parse(file)).rows).map((a) => clean(a.responsible));
    expect(got).toEqual(goldActs(file.slice(0, 8)).map((g) => clean(g.responsible)));
  });
});

describe('generated layouts: borderless tables', () => {
  it.each(['chromium', 'weasy'])('labels set closer than a word gap are parted where the body leaves a river (%s)', async (producer) => {
    // «Источник финансирования» runs into «Сроки исполнения»: one header group, two body columns.
    const parsed = await parse(`gen-0003.${producer}.pdf`);
    expect(parsed.columns.map((c) => c.role)).toEqual(['number', 'activity', 'extra', 'deadline', 'responsible', 'result']);
    expect(acts(parsed.rows).map((a) => clean(a.deadline))).toEqual(goldActs('gen-0003').map((g) => clean(g.deadline)));
  });

  it('a borderless plan ending above a ruled table of indicators keeps its last rows and not the other table\'s', async () => {
    const rows = acts((await parse('gen-0003.lo.pdf')).rows);
    expect(rows.map((a) => a.number)).toEqual(goldActs('gen-0003').map((g) => g.number));
  });
});

describe('generated layouts: tables ruled under their rows only', () => {
  it('a row split at the page break, with no closing rule and no side borders, does not end the table (AbiWord)', async () => {
    const rows = acts((await parse('gen-0020.abiword.pdf')).rows);
    expect(rows.map((a) => a.number)).toEqual(goldActs('gen-0020').map((g) => g.number));
  });
});
