import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as ingest } from '../../src/cli.js';
import { parseCorrectionsCsv } from '../../src/compare/corrections-csv.js';
import { cropRow } from '../../src/compare/row-crop.js';
import { parseCsv } from '../../src/compare/csv.js';
import { CorrectionError } from '../../src/errors.js';
import { main, RoadmapsExit } from '../../src/roadmaps-cli.js';
import { roadmapsHelp } from '../../src/roadmaps-options.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { openDatabase } from '../../src/store/index.js';
import { CORPUS_DOCS, tempDir } from '../helpers/corpus.js';
import { sink } from './helpers.js';

// One digital PDF (rows with page boxes) and one DOCX (no geometry), ingested by the real
// pipeline without OCR: a few seconds. Each test works on its own copy of that database.
const PDF = 'lysva-2021.pdf';
const DOCX = 'perm-krai-2021.docx';
let inputs: string;
let base: string;

async function runIngest(db: string, ...argv: string[]): Promise<void> {
  const err = sink();
  const code = await ingest([...argv, '--db', db, '--quiet'], { stdout: sink().stream, stderr: err.stream });
  if (code !== 0) throw new Error(`ingest failed (${code}): ${err.text()}`);
}

beforeAll(async () => {
  inputs = tempDir('show-correct-in-');
  for (const f of [PDF, DOCX]) fs.copyFileSync(path.join(CORPUS_DOCS, f), path.join(inputs, f));
  base = path.join(tempDir('show-correct-db-'), 'base.sqlite');
  await runIngest(base, inputs);
}, 60_000);
afterAll(() => fs.rmSync(inputs, { recursive: true, force: true }));

/** A fresh copy of the ingested database (closed cleanly, so the main file holds everything). */
function fresh(): string {
  const file = path.join(tempDir('show-correct-'), 'r.sqlite');
  fs.copyFileSync(base, file);
  return file;
}

async function run(db: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(['--db', db, ...argv], { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const d = openDatabase(db);
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

interface Row { activity_id: number; seq: number; sha256: string; activity: string; responsible: string; deadline: string; actor_codes: string | null; deadline_years: string | null; corrected_fields: string | null; pages_json: string }

/** A row of the PDF by seq, as v_activities shows it now (ids change on re-ingest). */
function pdfRow(db: string, seq: number): Row {
  return query<Row>(db, `SELECT v.*, d.sha256 FROM v_activities v JOIN documents d ON d.id = v.document_id
    WHERE v.source_path LIKE ? AND v.seq = ?`, `%${PDF}`, seq)[0]!;
}
const docxRowId = (db: string): number => query<{ id: number }>(db, 'SELECT activity_id AS id FROM v_activities WHERE source_path LIKE ? AND seq = 1', `%${DOCX}`)[0]!.id;

describe('roadmaps show', () => {
  it('prints the row with its actor codes, page, box, and its sources: file, sha256, plan and the plan\'s files', async () => {
    const db = fresh();
    const row = pdfRow(db, 4);
    const r = await run(db, 'show', String(row.activity_id));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`activity ${row.activity_id}: row 4 of document`);
    expect(r.out).toMatch(/actor codes: +МОУО/);
    expect(r.out).toMatch(/page: +2 \(spans pages 2, 3\)/);
    expect(r.out).toContain(`sha256 ${row.sha256}`);
    expect(r.out).toContain('file: present, unchanged');
    expect(r.out).toMatch(/box on page 2: x [\d.]+–[\d.]+, y [\d.]+–[\d.]+ pt/);
    expect(r.out).toMatch(/plan \d+: 1 file\(s\)/);
    expect(r.out).toContain(`${PDF}  (this row's file)`);
  });

  it('says so when the source file moved, and --crop then fails with exit 1', async () => {
    const db = fresh();
    const row = pdfRow(db, 1);
    const moved = path.join(inputs, 'moved.bin');
    fs.renameSync(path.join(inputs, PDF), moved);
    try {
      const r = await run(db, 'show', String(row.activity_id), '--crop', path.join(path.dirname(db), 'x.png'));
      expect(r.out).toContain('file: MISSING at that path');
      expect(r.code).toBe(RoadmapsExit.nothing);
      expect(r.err).toMatch(/source file .* is missing/);
    } finally {
      fs.renameSync(moved, path.join(inputs, PDF));
    }
  });

  it('--crop of a digital PDF row writes a PNG of the row: a plausible size, with dark text pixels', async () => {
    const db = fresh();
    const row = pdfRow(db, 2);
    const png = path.join(path.dirname(db), 'row.png');
    const r = await run(db, 'show', String(row.activity_id), '--crop', png);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote .*row\.png \(\d+×\d+ px, page 2 of /);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(info.format ?? 'raw').toBeTruthy();
    // A row of an A4 table at 150 dpi: most of the page's width, a few lines high.
    expect(info.width).toBeGreaterThan(500);
    expect(info.width).toBeLessThan(1300);
    expect(info.height).toBeGreaterThan(40);
    expect(info.height).toBeLessThan(800);
    let dark = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 100) dark += 1;
    expect(dark / (info.width * info.height)).toBeGreaterThan(0.01);
    expect(dark / (info.width * info.height)).toBeLessThan(0.5);
  });

  it('--crop of a row running onto the next page crops its first part and says so', async () => {
    const db = fresh();
    const row = pdfRow(db, 4);
    expect(JSON.parse(row.pages_json)).toEqual([2, 3]);
    const r = await run(db, 'show', String(row.activity_id), '--crop', path.join(path.dirname(db), 'r4.png'));
    expect(r.code).toBe(0);
    expect(r.err).toContain('the row continues on page 3; the crop shows its first part, on page 2');
  });

  it('--crop of a DOCX row says it has no page image and exits 2', async () => {
    const db = fresh();
    const png = path.join(path.dirname(db), 'docx.png');
    const r = await run(db, 'show', String(docxRowId(db)), '--crop', png);
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toContain('is a DOCX file: it has no page image');
    expect(fs.existsSync(png)).toBe(false);
  });

  it('an unknown activity id is a usage error', async () => {
    const r = await run(fresh(), 'show', '99999');
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toContain('no stored activity 99999');
  });
});

describe('roadmaps correct', () => {
  it('changes the row: actor codes and deadline columns derived again, the search finds the new text', async () => {
    const db = fresh();
    const row = pdfRow(db, 4);
    expect(row.actor_codes).toBe('МОУО');
    const id = String(row.activity_id);
    expect((await run(db, 'correct', id, '--field', 'responsible', '--value', 'Управление образования, образовательные организации')).code).toBe(0);
    expect((await run(db, 'correct', id, '--field', 'deadline', '--value', 'до 01.09.2022')).code).toBe(0);
    const r = await run(db, 'correct', id, '--field', 'activity', '--value', 'Согласование перечня шефских пар');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`activity ${id} activity: «Разработка и утверждение плана`);
    const now = pdfRow(db, 4);
    expect(now.actor_codes).toBe('МОУО,ОО');
    expect(now.deadline_years).toBe('2022');
    expect(now.corrected_fields).toBe('activity,deadline,responsible');
    const hit = await run(db, 'search', 'шефских');
    expect(hit.code).toBe(0);
    expect(hit.out).toMatch(new RegExp(`^ +${id} `));
    // The old text left the index with the old cell.
    expect((await run(db, 'search', '"аналитическим отчетам федерального"')).out).not.toMatch(new RegExp(`^ +${id} `, 'm'));
    const shown = await run(db, 'show', id);
    expect(shown.out).toMatch(/activity: +«Согласование перечня шефских пар» +✎ corrected/);
    expect(shown.out).toMatch(/corrections:\n {2}activity: «Разработка/);
    const list = await run(db, 'correct', '--list');
    expect(list.out.trimEnd().split('\n')).toHaveLength(3);
    expect(list.out).toContain('[applied;');
  });

  it('survives ingest --force of the same file: applied again to the new rows in the same write', async () => {
    const db = fresh();
    const before = pdfRow(db, 5);
    expect((await run(db, 'correct', String(before.activity_id), '--field', 'responsible', '--value', 'ИРО')).code).toBe(0);
    const written = () => query<{ updated_at: string }>(db, 'SELECT updated_at FROM documents WHERE sha256 = ?', before.sha256)[0]!.updated_at;
    const first = written();
    await runIngest(db, path.join(inputs, PDF), '--force');
    // The document and its rows were written anew (ids may be reused: SQLite hands out max+1).
    expect(written()).not.toBe(first);
    const after = pdfRow(db, 5);
    expect(after.responsible).toBe('ИРО');
    expect(after.actor_codes).toBe('ИРО');
    expect(after.corrected_fields).toBe('responsible');
    expect(query(db, 'SELECT status FROM corrections')).toEqual([{ status: 'applied' }]);
  });

  it('survives deleting the document and ingesting the file again', async () => {
    const db = fresh();
    const before = pdfRow(db, 7);
    await run(db, 'correct', String(before.activity_id), '--field', 'section', '--value', '2. Организационно-методическое обеспечение');
    const d = openDatabase(db);
    d.prepare('DELETE FROM documents WHERE sha256 = ?').run(before.sha256);
    d.close();
    expect(query(db, 'SELECT COUNT(*) AS n FROM v_activities WHERE source_path LIKE ?', `%${PDF}`)).toEqual([{ n: 0 }]);
    await runIngest(db, path.join(inputs, PDF));
    const after = query<{ section: string; corrected_fields: string }>(db, 'SELECT section, corrected_fields FROM v_activities WHERE activity_id = ?', pdfRow(db, 7).activity_id)[0];
    expect(after).toEqual({ section: '2. Организационно-методическое обеспечение', corrected_fields: 'section' });
  });

  it('keeps but does not apply a correction whose cell reads otherwise after a re-ingest (stale)', async () => {
    const db = fresh();
    const row = pdfRow(db, 6);
    await run(db, 'correct', String(row.activity_id), '--field', 'result', '--value', 'Отчет');
    // As if a newer pipeline read the cell differently from when the correction was made.
    const d = openDatabase(db);
    d.prepare("UPDATE corrections SET old_value = 'иначе прочитанный текст'").run();
    d.close();
    await runIngest(db, path.join(inputs, PDF), '--force');
    const after = query<{ result: string; corrected_fields: string | null }>(db, 'SELECT result, corrected_fields FROM v_activities WHERE activity_id = ?', pdfRow(db, 6).activity_id)[0]!;
    expect(after.result).not.toBe('Отчет');
    expect(after.corrected_fields).toBeNull();
    const list = await run(db, 'correct', '--list');
    expect(list.out).toContain('STALE: the cell reads otherwise now');
    expect(list.err).toContain('1 stale');
  });

  it('ingest says how many corrections it applied again and how many no longer fit', async () => {
    const db = fresh();
    const [a, b] = [pdfRow(db, 2), pdfRow(db, 3)];
    for (const [row, field, value] of [[a, 'result', 'Отчет'], [a, 'deadline', 'до 31.12.2021'], [b, 'result', 'Протокол']] as const) {
      expect((await run(db, 'correct', String(row.activity_id), '--field', field, '--value', value)).code).toBe(0);
    }
    // As if a newer pipeline read row 3's result otherwise: that correction no longer fits.
    const d = openDatabase(db);
    d.prepare("UPDATE corrections SET old_value = 'иначе прочитанный текст' WHERE seq = 3").run();
    d.close();
    const ingestRun = async (...argv: string[]) => {
      const out = sink();
      const err = sink();
      const code = await ingest([path.join(inputs, PDF), '--db', db, '--force', ...argv], { stdout: out.stream, stderr: err.stream });
      return { code, out: out.text(), err: err.text() };
    };
    const text = await ingestRun();
    expect(text.code).toBe(0);
    expect(text.err).toMatch(/^2 hand correction\(s\) re-applied, 1 stale \(the row is gone or reads otherwise now; see: roadmaps correct --list\)\.$/m);
    const json = await ingestRun('--json');
    expect(JSON.parse(json.out)).toMatchObject({ stored: 1, corrections: { applied: 2, stale: 1 } });
  });

  it('a CSV with one bad line applies nothing and names every bad line', async () => {
    const db = fresh();
    const a = pdfRow(db, 1);
    const b = pdfRow(db, 2);
    const csv = path.join(path.dirname(db), 'fixes.csv');
    fs.writeFileSync(csv, [
      'activity_id,sha256,seq,field,value',
      `${a.activity_id},,,result,Новый результат`,
      `,${b.sha256},2,colour,синий`,
      `,,,number,1`,
    ].join('\n'));
    const r = await run(db, 'correct', '--csv', csv);
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toContain('fixes.csv line 3: field must be one of activity, responsible, deadline, result, section, number');
    expect(r.err).toContain('fixes.csv line 4: name the row by activity_id, or by sha256 and seq');
    expect(r.err).toContain('nothing was applied');
    expect(query(db, 'SELECT COUNT(*) AS n FROM corrections')).toEqual([{ n: 0 }]);
    expect(pdfRow(db, 1).corrected_fields).toBeNull();
  });

  it('a CSV naming a row that is not stored applies nothing either (checked in the transaction)', async () => {
    const db = fresh();
    const a = pdfRow(db, 1);
    const csv = path.join(path.dirname(db), 'fixes.csv');
    fs.writeFileSync(csv, `activity_id;field;value\n${a.activity_id};result;Новый результат\n99999;result;x\n`);
    const r = await run(db, 'correct', '--csv', csv);
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toContain('fixes.csv line 3: no stored activity 99999');
    expect(pdfRow(db, 1).corrected_fields).toBeNull();
  });

  it('a good CSV applies every line in one go, rows named by id or by sha256 and seq; exports mark the cells', async () => {
    const db = fresh();
    const a = pdfRow(db, 1);
    const b = pdfRow(db, 2);
    const csv = path.join(path.dirname(db), 'fixes.csv');
    fs.writeFileSync(csv, `activity_id,sha256,seq,field,value\n${a.activity_id},,,number,1.1\n,${b.sha256},2,result,"Критерии, показатели"\n`);
    const r = await run(db, 'correct', '--csv', csv);
    expect(r.code).toBe(0);
    expect(r.err).toContain('2 correction(s) applied');

    const out = path.join(path.dirname(db), 'a.csv');
    expect((await run(db, 'export', '--out', out, '--all-sources')).code).toBe(0);
    const [header, ...records] = parseCsv(fs.readFileSync(out, 'utf8'));
    const col = (name: string) => header!.indexOf(name);
    expect(header![header!.length - 1]).toBe('corrected_fields');
    const byId = new Map(records.map((rec) => [Number(rec[col('activity_id')]), rec]));
    expect(byId.get(a.activity_id)![col('corrected_fields')]).toBe('number');
    expect(byId.get(b.activity_id)![col('result')]).toBe('Критерии, показатели');
    expect(byId.get(b.activity_id)![col('corrected_fields')]).toBe('result');
    expect(records.filter((rec) => rec[col('corrected_fields')] !== '')).toHaveLength(2);

    const xlsx = path.join(path.dirname(db), 'a.xlsx');
    expect((await run(db, 'export', '--format', 'xlsx', '--out', xlsx, '--all-sources')).code).toBe(0);
    const sheet = XLSX.read(fs.readFileSync(xlsx)).Sheets.activities!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows.find((x) => x.activity_id === b.activity_id)?.corrected_fields).toBe('result');
  });

  it('the HTML report marks a corrected cell with a tooltip giving the file\'s text', async () => {
    const db = fresh();
    const linked = query<{ activity_id: number; responsible: string }>(db,
      'SELECT l.activity_id, a.responsible FROM activity_links l JOIN activities a ON a.id = l.activity_id WHERE l.reference_activity_id IS NOT NULL LIMIT 1')[0]!;
    expect((await run(db, 'correct', String(linked.activity_id), '--field', 'responsible', '--value', 'ИРО, ММС')).code).toBe(0);
    const dir = path.join(path.dirname(db), 'cmp');
    expect((await run(db, 'compare', '--out', dir, '--format', 'html')).code).toBe(0);
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!.replace(/\\u003c/g, '<'));
    const newId = query<{ id: number }>(db, "SELECT a.id FROM activities a JOIN corrections c ON c.seq = a.seq JOIN documents d ON d.id = a.document_id AND d.sha256 = c.sha256")[0]!.id;
    expect(data.extras.corrected[newId]).toEqual({ responsible: linked.responsible });
    expect(html).toContain("'class': 'corrected'");
  });

  it('giving the extracted text again withdraws the correction', async () => {
    const db = fresh();
    const row = pdfRow(db, 3);
    await run(db, 'correct', String(row.activity_id), '--field', 'number', '--value', '9.9.');
    const r = await run(db, 'correct', String(row.activity_id), '--field', 'number', '--value', query<{ number: string }>(base, 'SELECT number FROM activities WHERE id = ?', row.activity_id)[0]!.number);
    expect(r.err).toContain('1 withdrawn');
    expect(query(db, 'SELECT COUNT(*) AS n FROM corrections')).toEqual([{ n: 0 }]);
    expect(pdfRow(db, 3).corrected_fields).toBeNull();
  });

  it('rejects a field it cannot correct and a mix of modes, before opening anything', async () => {
    const db = fresh();
    expect((await run(db, 'correct', '1', '--field', 'page', '--value', '2')).err).toContain('--field must be one of activity, responsible, deadline, result, section, number (got "page")');
    expect((await run(db, 'correct', '1', '--list', '--field', 'number')).code).toBe(RoadmapsExit.usage);
    expect((await run(db, 'correct', '1', '--field', 'number')).err).toContain('correct needs --field and --value');
  });
});

describe('crop of an OCR\'d page', () => {
  it('cuts a photo\'s row from the page as the pipeline straightens it, and says so', async () => {
    const bytes = fs.readFileSync(path.join(CORPUS_DOCS, 'perm-krai-2021.p1.jpg'));
    const crop = await cropRow(bytes, { format: 'image', page: 1, pages: [1], bbox: { x0: 50, y0: 300, x1: 550, y1: 360 }, confidence: 0.8 }, DEFAULT_SETTINGS);
    expect(crop.notes.join('\n')).toContain('the page was OCR\'d: the crop is cut from the page as the pipeline straightened it');
    const meta = await sharp(crop.png).metadata();
    expect(meta.format).toBe('png');
    // 524 × 84 pt at 150 dpi, give or take the page's edges.
    expect(meta.width).toBeGreaterThan(900);
    expect(meta.width).toBeLessThan(1200);
    expect(meta.height).toBeGreaterThan(120);
    expect(meta.height).toBeLessThan(220);
  }, 60_000);
});

describe('corrections file', () => {
  it('reads ";"-separated files as Russian Excel saves them and reports each bad line once', () => {
    const sha = 'a'.repeat(64);
    expect(parseCorrectionsCsv(`\uFEFFsha256;seq;field;value\n${sha};3;deadline;до 1 сентября\n`, 'f.csv'))
      .toEqual([{ target: { sha256: sha, seq: 3 }, field: 'deadline', value: 'до 1 сентября', origin: 'f.csv line 2' }]);
    let problems: readonly string[] = [];
    try {
      parseCorrectionsCsv(`activity_id,field,value\n0,number,1\nx,number,1\n5,number\n7,activity,ok\n`, 'f.csv');
    } catch (err) {
      problems = (err as CorrectionError).problems;
    }
    expect(problems).toEqual([
      'f.csv line 2: activity_id must be a positive whole number',
      'f.csv line 3: activity_id must be a positive whole number',
      'f.csv line 4: value is missing',
    ]);
    expect(() => parseCorrectionsCsv('id,field\n1,number\n', 'f.csv')).toThrow(/header lacks activity_id \(or sha256 and seq\), value/);
  });

  it('--help of show and correct explains every option', () => {
    const show = roadmapsHelp('show');
    expect(show).toMatch(/--crop FILE +write a PNG/);
    expect(show).toContain('has no page image');
    const correct = roadmapsHelp('correct');
    for (const o of ['--field FIELD', '--value TEXT', '--csv FILE', '--list']) expect(correct).toContain(o);
    expect(roadmapsHelp()).toMatch(/show <activity id> +show one activity row/);
  });
});
