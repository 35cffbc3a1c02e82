import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, RoadmapsExit } from '../../src/roadmaps-cli.js';
import { openDatabase } from '../../src/store/index.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { sink } from './helpers.js';
import { MUNICIPAL_ROWS, REGIONAL_ROWS, writeMultiSourcePlans } from './synthetic.js';

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
let ids: ReturnType<typeof writeMultiSourcePlans>;

// Written without grouping or links, as a database from before migration 009 would be: the
// commands must group the files themselves before they count anything.
beforeAll(() => {
  tmp = tempDir('plans-cli-');
  dbPath = tmp.file('p.sqlite');
  const db = openDatabase(dbPath);
  ids = writeMultiSourcePlans(db);
  db.close();
});
afterAll(() => tmp.cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(['--db', dbPath, ...argv], { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

describe('roadmaps plans', () => {
  it('lists each plan once with its files, the one it is read through first', async () => {
    const r = await run('plans');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^plan +ref +level +rows +territory \(act\)$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^ +${ids.photo} +REF +regional +${REGIONAL_ROWS.length} +Тестовый край$`)),
      expect.stringMatching(new RegExp(`^ +\\* #${ids.regionalDocx} +structured +${REGIONAL_ROWS.length} rows +regional\\.docx$`)),
      expect.stringMatching(new RegExp(`^ +#${ids.photo} +photo +3 rows +regional\\.p1\\.jpg$`)),
      expect.stringMatching(new RegExp(`^ +${ids.municipalPdf} +municipal +${MUNICIPAL_ROWS.length} +Тестовский район, Тестовый край \\(№ 15-п от 2021-09-01\\)$`)),
      expect.stringMatching(new RegExp(`^ +\\* #${ids.municipalDocx} +structured .* municipal\\.docx$`)),
      expect.stringMatching(new RegExp(`^ +#${ids.municipalPdf} +text_pdf .* municipal\\.pdf$`)),
    ]);
    expect(r.err).toMatch(/^2 plan\(s\) from 4 file\(s\)/);
  });

  it('lists the files with --files (and under "reference"), each with its plan', async () => {
    const files = await run('plans', '--files');
    expect(files.code).toBe(0);
    expect(files.out.split('\n')[0]).toMatch(/^ +id +ref +status +rows +plan +territory, act date +source$/);
    expect(files.out).toMatch(new RegExp(`^ +${ids.regionalDocx} +REF +ok +${REGIONAL_ROWS.length} act\\. +${ids.photo}\\* Тестовый край  regional\\.docx$`, 'm'));
    // The photo belongs to the reference plan but is not the file it is read through.
    expect(files.out).toMatch(new RegExp(`^ +${ids.photo} +ref +ok +3 act\\. +${ids.photo}  Тестовый край  regional\\.p1\\.jpg$`, 'm'));
    expect((await run('reference')).out).toBe(files.out);
  });

  it('compare counts plans, not files, and reads the reference from its DOCX', async () => {
    const r = await run('compare', '--out', tmp.file('cmp'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^linked 1 plan\(s\) to 1 reference plan\(s\)/m);
    expect(r.err).toMatch(/^2 plan\(s\) from 4 file\(s\): 1 reference, 1 compared/m);
    expect(r.err).toMatch(new RegExp(`^reference plan ${ids.photo} \\(Тестовый край\\) from regional\\.docx; also as photo, ${REGIONAL_ROWS.length} activities:$`, 'm'));
    expect(r.err).toMatch(/^ +\d+\.\d% +Тестовский район \(\+1 file\(s\)\): /m);
    const summary = fs.readFileSync(tmp.file('cmp/summary.csv'), 'utf8');
    expect(summary).toContain(`,${ids.municipalPdf},2,municipal.pdf\r\n`);
  });
});

describe('roadmaps export --format xlsx', () => {
  it('refuses to write a workbook to standard output', async () => {
    const r = await run('export', '--format', 'xlsx');
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toMatch(/--format xlsx writes a file: give it with --out FILE/);
    expect(r.out).toBe('');
  });

  it('writes the activities, coverage, plans and actor glossary sheets with typed cells and a frozen header', async () => {
    const file = tmp.file('plans.xlsx');
    const r = await run('export', '--format', 'xlsx', '--out', file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`wrote ${REGIONAL_ROWS.length + MUNICIPAL_ROWS.length} activities of 2 plan\\(s\\) to .*plans\\.xlsx \\(sheets: activities, coverage, plans, actors\\)`));
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const bytes = fs.readFileSync(file);
    const wb = XLSX.read(bytes, { cellDates: true, cellStyles: true });
    expect(wb.SheetNames).toEqual(['activities', 'coverage', 'plans', 'actors']);
    const rows = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, defval: null });

    const activities = rows('activities');
    const header = activities[0] as string[];
    expect(header.slice(0, 3)).toEqual(['activity_id', 'document_id', 'source_path']);
    expect(header).toEqual(expect.arrayContaining(['plan_id', 'best_source', 'reference_activity_id', 'link_score', 'act_date']));
    expect(activities).toHaveLength(1 + REGIONAL_ROWS.length + MUNICIPAL_ROWS.length); // each plan's rows once
    const sheet = wb.Sheets.activities!;
    const col = (name: string) => XLSX.utils.encode_col(header.indexOf(name));
    const firstMunicipal = activities.findIndex((r) => (r as unknown[])[header.indexOf('source_path')] === 'municipal.docx');
    const actDate = sheet[`${col('act_date')}${firstMunicipal + 1}`]!;
    expect(actDate.t).toBe('d'); // stored as a date serial with a date format, read back as a date
    expect((actDate.v as Date).toISOString()).toBe('2021-09-01T00:00:00.000Z');
    expect(XLSX.read(bytes, { cellNF: true }).Sheets.activities![`${col('act_date')}${firstMunicipal + 1}`]!.z).toBe('dd.mm.yyyy');
    expect(sheet[`${col('confidence')}2`]!.t).toBe('n');
    // Widths follow the content: the activity text is wider than its id, and capped.
    const widths = sheet['!cols']!.map((c) => c.wch ?? 0);
    expect(widths).toHaveLength(header.length);
    expect(widths[header.indexOf('activity')]!).toBeGreaterThan(widths[header.indexOf('activity_id')]! + 20);
    expect(Math.max(...widths)).toBeLessThanOrEqual(62);

    const coverage = rows('coverage');
    expect((coverage[0] as string[]).slice(0, 3)).toEqual(['plan_id', 'document_id', 'plan']);
    expect(coverage).toHaveLength(2);
    expect(coverage[1]!.slice(0, 3)).toEqual([ids.municipalPdf, ids.municipalDocx, 'Тестовский район']);
    expect(coverage[1]!.slice(-REGIONAL_ROWS.length)).toEqual(['present', 'present', 'missing', 'missing', 'missing']);

    const plans = rows('plans');
    expect(plans.slice(1).map((p) => [p[0], p[10], p[13], p[14]])).toEqual([
      [ids.photo, 'regional.docx', 2, 'regional.p1.jpg (photo)'],
      [ids.municipalPdf, 'municipal.docx', 2, 'municipal.pdf (text_pdf)'],
    ]);

    const actors = rows('actors');
    expect(actors[0]).toEqual(['code', 'meaning', 'meaning_en', 'activities', 'plans']);
    const moUo = actors.find((a) => a[0] === 'МОУО')!;
    expect(moUo[1]).toMatch(/муниципальный орган управления образованием/);
    expect(moUo.slice(3)).toEqual([REGIONAL_ROWS.length + MUNICIPAL_ROWS.length, 2]);
    expect(actors.map((a) => a[0])).toEqual(expect.arrayContaining(['РОИВ', 'ИРО', 'ШНОР', 'UNKNOWN']));

    // SheetJS CE reads no panes; the sheet XML shows the header row frozen on every sheet.
    const zip = unzipSync(bytes);
    const sheets = Object.keys(zip).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(4);
    for (const n of sheets) expect(strFromU8(zip[n]!)).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it('filters like the other formats, and says so when nothing matches', async () => {
    const file = tmp.file('one.xlsx');
    const r = await run('export', '--format', 'xlsx', '--out', file, '--document', String(ids.municipalPdf));
    expect(r.code).toBe(0);
    const wb = XLSX.read(fs.readFileSync(file));
    expect(XLSX.utils.sheet_to_json(wb.Sheets.activities!)).toHaveLength(MUNICIPAL_ROWS.length);
    expect(XLSX.utils.sheet_to_json(wb.Sheets.plans!)).toHaveLength(1);
    const none = await run('export', '--format', 'xlsx', '--out', tmp.file('none.xlsx'), '--region', 'Нет такого');
    expect(none.code).toBe(RoadmapsExit.nothing);
    expect(none.err).toMatch(/no activity matches the filters/);
  });
});
