import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, UTF8_BOM } from '../../src/compare/csv.js';
import { main, RoadmapsExit } from '../../src/roadmaps-cli.js';
import { openDatabase } from '../../src/store/index.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { roadmapsBin, sink } from './helpers.js';
import { TEXT, writeSyntheticPlans } from './synthetic.js';

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
let ids: ReturnType<typeof writeSyntheticPlans>;

beforeAll(() => {
  tmp = tempDir('roadmaps-cli-');
  dbPath = tmp.file('r.sqlite');
  const db = openDatabase(dbPath);
  ids = writeSyntheticPlans(db, { otherRegion: true });
  db.close();
});
afterAll(() => tmp.cleanup());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

describe('roadmaps: usage errors exit 2 with a message naming the problem', () => {
  const cases: [string[], RegExp][] = [
    [[], /no command given/],
    [['bogus'], /unknown command "bogus"/],
    [['compare', '--bogus'], /unknown option --bogus for roadmaps compare/],
    [['export', '--unknown'], /unknown option --unknown for roadmaps export/],
    [['compare', '--format', 'pdf'], /--format must be csv, html or csv,html \(got "pdf"\)/],
    [['export', '--format', 'xls'], /--format must be csv, jsonl or xlsx \(got "xls"\)/],
    // A workbook is binary: never to standard output.
    [['export', '--format', 'xlsx'], /--format xlsx writes a file: give it with --out FILE/],
    [['link', '--threshold', '1.5'], /--threshold must be a number from 0 to 1/],
    [['link', '--threshold'], /--threshold needs a value/],
    [['compare', '--document', 'lysva'], /--document must be document ids/],
    [['compare', '--excel', '--format', 'html'], /--excel applies to the CSV files/],
    [['actors', '--unknown=yes'], /--unknown takes no value/],
    [['link', 'extra'], /"link" takes no arguments/],
    [['reference', '1', '2'], /"reference" takes one argument/],
    [['--version', 'link'], /--version takes no command/],
  ];
  for (const [argv, message] of cases) {
    it(`roadmaps ${argv.join(' ')}`, async () => {
      const r = await run('--db', dbPath, ...argv);
      expect(r.code).toBe(RoadmapsExit.usage);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  }

  it('refuses a database that does not exist instead of creating an empty one', async () => {
    const missing = tmp.file('nope.sqlite');
    const r = await run('--db', missing, 'link');
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toMatch(/no database at .*nope\.sqlite/);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('names a document that is not stored', async () => {
    const r = await run('--db', dbPath, 'reference', '999');
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toMatch(/no stored document "999"/);
  });

  it('exits 3 on a file that is not a database', async () => {
    const bad = tmp.file('bad.sqlite');
    fs.writeFileSync(bad, 'not a database, just text long enough to fill a header of sqlite '.repeat(20));
    const r = await run('--db', bad, 'link');
    expect(r.code).toBe(RoadmapsExit.database);
  });
});

describe('roadmaps: help', () => {
  it('lists every command and explains every option of each', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    for (const c of ['plans', 'reference', 'link', 'compare', 'export', 'actors', '--db']) expect(top.out).toContain(c);
    const compare = await run('compare', '--help');
    for (const o of ['--out DIR', '--format LIST', '--region NAME', '--document', '--threshold X', '--db FILE']) expect(compare.out).toContain(o);
    const exp = await run('export', '-h');
    expect(exp.out).toMatch(/--format FORMAT +csv, jsonl or xlsx \(default: csv\)/);
    expect(exp.out).toMatch(/--all-sources +every file's rows/);
    const plans = await run('plans', '--help');
    expect(plans.out).toMatch(/--files +list the stored files/);
  });
});

describe('roadmaps: commands', () => {
  it('reference lists the files, then marks and unmarks a plan, re-linking each time', async () => {
    const list = await run('--db', dbPath, 'reference');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`^ +${ids.reference} +REF +ok`, 'm'));
    expect(list.out.split('\n')[0]).toMatch(/^ +id +ref +status +rows +plan +territory, act date +source$/);
    const off = await run('--db', dbPath, 'reference', String(ids.reference), '--off');
    expect(off.code).toBe(0);
    expect(off.err).toMatch(/no longer a reference/);
    expect((await run('--db', dbPath, 'link')).code).toBe(RoadmapsExit.nothing);
    // By the path it was ingested from.
    const on = await run('--db', dbPath, 'reference', 'reference.docx');
    expect(on.code).toBe(0);
    expect(on.err).toMatch(/linked 2 plan\(s\) to 1 reference plan\(s\): 6 of 7 activities have a counterpart/);
  });

  it('compare writes the CSV files and the report into --out', async () => {
    const out = tmp.file('cmp');
    const r = await run('--db', dbPath, 'compare', '--out', out);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['coverage.csv', `matrix-ref${ids.reference}.csv`, 'report.html', 'summary.csv']);
    expect(r.err).toMatch(/80\.0% +Тестовский район: 1 present, 3 changed, 1 missing, 1 own$/m);
    // A plan of another region measured against this region's plan says so on its line.
    expect(r.err).toMatch(/Другой район: .* own {2}\[region Другая область, not the reference's Тестовый край\]$/m);
    const onlyHtml = tmp.file('cmp-html');
    expect((await run('--db', dbPath, 'compare', '--out', onlyHtml, '--format', 'html', '--region', 'Тестовый край')).code).toBe(0);
    expect(fs.readdirSync(onlyHtml)).toEqual(['report.html']);
    const excel = tmp.file('cmp-excel');
    expect((await run('--db', dbPath, 'compare', '--out', excel, '--format', 'csv', '--excel')).code).toBe(0);
    for (const f of ['coverage.csv', 'summary.csv', `matrix-ref${ids.reference}.csv`]) {
      const [plain, russian] = [out, excel].map((d) => fs.readFileSync(path.join(d, f), 'utf8'));
      expect(russian!.startsWith(UTF8_BOM), f).toBe(true);
      expect(parseCsv(russian!, ';')[0], f).toEqual(parseCsv(plain!)[0]);
    }
    const none = await run('--db', dbPath, 'compare', '--out', tmp.file('cmp-none'), '--region', 'Нет такого');
    expect(none.code).toBe(RoadmapsExit.nothing);
  });

  it('export writes CSV to stdout and JSON Lines to a file', async () => {
    const csv = await run('--db', dbPath, 'export');
    expect(csv.code).toBe(0);
    // No byte-order mark on standard output: `export | csvkit` must see "activity_id".
    expect(csv.out.startsWith('activity_id,')).toBe(true);
    expect(parseCsv(csv.out)).toHaveLength(1 + 5 + 6 + 1);
    const excel = await run('--db', dbPath, 'export', '--excel');
    expect(excel.out.startsWith(`${UTF8_BOM}activity_id;document_id;`)).toBe(true);
    expect((await run('--db', dbPath, 'export', '--excel', '--format', 'jsonl')).code).toBe(2);
    const none = await run('--db', dbPath, 'export', '--region', 'Пермскй край');
    expect(none.code).toBe(RoadmapsExit.nothing);
    expect(none.err).toMatch(/no activity matches the filters \(region "Пермскй край"/);
    const file = tmp.file('a.jsonl');
    const j = await run('--db', dbPath, 'export', '--format', 'jsonl', '--out', file, '--document', String(ids.municipal));
    expect(j.code).toBe(0);
    expect(j.err).toMatch(/wrote 6 activities/);
    const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.activity)).toContain(TEXT.own);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('actors --unknown lists the unrecognised responsible texts with their plans', async () => {
    const r = await run('--db', dbPath, 'actors', '--unknown');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^ +1 +попечительский совет +— ${ids.municipal} \\(Тестовский район\\)$`, 'm'));
    // An example row each, so the analyst sees the party in its plan.
    expect(r.out).toMatch(new RegExp(`^ +e\\.g\\. #${ids.municipal} row \\d+: «.+» — responsible: «.*попечительский совет.*»$`, 'im'));
    const all = await run('--db', dbPath, 'actors');
    expect(all.out).toMatch(/^МОУО +\d+ activities +\d+ plan\(s\)$/m);
  });
});

describe('roadmaps search', () => {
  it('finds activities by word starts in any case, «ё» as «е», best first, and says when nothing matches', async () => {
    const hits = await run('--db', dbPath, 'search', 'СПОРТИВН*');
    expect(hits.code).toBe(0);
    expect(hits.out).toMatch(new RegExp(`^ +\\d+  #${ids.municipal} row \\d+ \\(Тестовский район\\): Закупка «спортивного» инвентаря`, 'm'));
    expect((await run('--db', dbPath, 'search', 'попечительский')).out).toContain('«попечительский»');
    const none = await run('--db', dbPath, 'search', 'ёлка');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/nothing matches/);
    expect((await run('--db', dbPath, 'search', '"unbalanced')).code).toBe(2);
    expect((await run('--db', dbPath, 'search')).code).toBe(2);
  });

  it('keeps the index in step with every write: inserts, a document replaced, a fix in SQL', () => {
    // A copy: the other tests read the shared database as written.
    const copy = tmp.file('search-copy.sqlite');
    const src = openDatabase(dbPath);
    src.exec(`VACUUM INTO '${copy}'`);
    src.close();
    const db = openDatabase(copy);
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) n FROM activities_fts')).toBe(count('SELECT count(*) n FROM activities'));
      const id = (db.prepare("SELECT id FROM activities WHERE activity LIKE 'Закупка%' LIMIT 1").get() as { id: number }).id;
      db.prepare("UPDATE activities SET activity = 'Закупка ёлочных игрушек' WHERE id = ?").run(id);
      const found = db.prepare("SELECT rowid FROM activities_fts WHERE activities_fts MATCH 'елочн*'").all() as { rowid: number }[];
      expect(found.map((r) => r.rowid)).toEqual([id]);
      db.prepare('DELETE FROM documents WHERE id = (SELECT document_id FROM activities WHERE id = ?)').run(id);
      expect(count('SELECT count(*) n FROM activities_fts')).toBe(count('SELECT count(*) n FROM activities'));
    } finally {
      db.close();
    }
  });
});

describe('roadmaps: the compiled launcher', () => {
  it('runs, prints help, and exits 2 on a usage error', () => {
    const bin = roadmapsBin();
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: roadmaps/);
    const bad = spawnSync(process.execPath, [bin, '--db', dbPath, 'compare', '--format', 'xml'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format must be/);
    const exp = spawnSync(process.execPath, [bin, '--db', dbPath, 'export', '--format', 'jsonl'], { encoding: 'utf8', cwd: path.dirname(dbPath) });
    expect(exp.status).toBe(0);
    expect(exp.stdout.trim().split('\n')).toHaveLength(12);
  });
});
