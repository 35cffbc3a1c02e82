import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../helpers/cli.js';
import { CORPUS_IDS, ROOT, score, tempDir } from '../helpers/corpus.js';

/** The corpus DOCX re-saved by LibreOffice (scripts/generate/formats.ts). */
const FORMATS_DIR = path.join(ROOT, 'fixtures/formats');
const KINDS = ['doc', 'rtf', 'odt', 'xlsx', 'xls', 'ods'] as const;

const run = runIngest;

describe('the formats archives hold: the corpus saved as .doc, .rtf, .odt and as spreadsheets', () => {
  let db: string;
  let err: string;
  beforeAll(async () => {
    const dir = tempDir('formats-');
    db = path.join(dir, 'out.sqlite');
    const files = KINDS.flatMap((k) => CORPUS_IDS.map((id) => path.join(FORMATS_DIR, `${id}.${k}`)));
    ({ err } = await run([...files, '--db', db]));
  }, 300_000);

  it.each(KINDS)('%s scores as the DOCX does: rows, sections, actors and metadata all 1.000', (kind) => {
    expect(err).not.toContain('FAILED');
    const s = score(db).summary[kind]!;
    expect(s.rows_f1, kind).toBe(1);
    // Calc turned the typed labels «1.» into the number 1 (as Excel does): a sheet shows "1".
    if (!['xlsx', 'xls', 'ods'].includes(kind)) expect(s.exact, kind).toBe(1);
    expect(s.cer_activity, kind).toBe(0);
    expect(s.cer_responsible, kind).toBe(0);
    expect(s.section, kind).toBe(1);
    expect(s.actors_f1, kind).toBe(1);
    expect(s.meta, kind).toBe(1);
  });

  it('records the format found in the content', () => {
    const con = new Database(db, { readonly: true });
    const rows = con.prepare('SELECT source_path, format FROM documents').all() as { source_path: string; format: string }[];
    con.close();
    for (const r of rows) expect(r.format, r.source_path).toBe(path.extname(r.source_path).slice(1));
  });

  it('damaged and misnamed files of each format: one clear line each, the good ones stored', async () => {
    const dir = tempDir('formats-bad-');
    const expected: Record<string, RegExp> = {};
    for (const kind of KINDS) {
      const whole = new Uint8Array(fs.readFileSync(path.join(FORMATS_DIR, `lysva-2021.${kind}`)));
      fs.writeFileSync(path.join(dir, `cut.${kind}`), whole.subarray(0, Math.floor(whole.length * 0.6)));
      expected[`cut.${kind}`] = /corrupt|cut short|truncated/i;
      // A good file under another format's name: read by its content.
      fs.writeFileSync(path.join(dir, `misnamed-${kind}.pdf`), whole);
    }
    const garbage = new Uint8Array(fs.readFileSync(path.join(FORMATS_DIR, 'lysva-2021.doc')));
    garbage.fill(0x41, 512, garbage.length);
    fs.writeFileSync(path.join(dir, 'garbage.doc'), garbage);
    expected['garbage.doc'] = /corrupt|unsupported/i;
    const out = path.join(dir, 'out.sqlite');
    const { err: log } = await run([dir, '--db', out]);
    const failed = log.split('\n').filter((l) => l.includes('FAILED'));
    expect(failed, log).toHaveLength(Object.keys(expected).length);
    for (const [name, pattern] of Object.entries(expected)) {
      const line = failed.find((l) => l.includes(`/${name}:`));
      expect(line, name).toMatch(pattern);
    }
    const con = new Database(out, { readonly: true });
    const stored = con.prepare("SELECT source_path, format FROM documents WHERE status <> 'failed'").all() as { source_path: string; format: string }[];
    con.close();
    expect(stored.map((r) => r.format).sort()).toEqual([...KINDS].sort());
  }, 300_000);

  it('a ZIP of the corpus in every format ingests every entry', async () => {
    const dir = tempDir('formats-zip-');
    const entries: Record<string, Uint8Array> = {};
    for (const kind of KINDS) {
      for (const id of CORPUS_IDS) entries[`${kind}/${id}.${kind}`] = new Uint8Array(fs.readFileSync(path.join(FORMATS_DIR, `${id}.${kind}`)));
    }
    const archive = path.join(dir, 'plans.zip');
    fs.writeFileSync(archive, zipSync(entries));
    const out = path.join(dir, 'out.sqlite');
    const { code, err: log } = await run([archive, '--db', out]);
    expect(code, log).toBe(0);
    expect(log).toMatch(new RegExp(`${KINDS.length * CORPUS_IDS.length} file\\(s\\) — ${KINDS.length * CORPUS_IDS.length} stored`));
    const { summary } = score(out);
    for (const kind of KINDS) expect(summary[kind]!.rows_f1, kind).toBe(1);
  }, 300_000);
});
