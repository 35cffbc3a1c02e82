import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../helpers/cli.js';
import { OPTIONS } from '../../src/cli-options.js';
import { CORPUS_DOCS, ROOT, tempDir } from '../helpers/corpus.js';
import { ingestBin } from '../helpers/bin.js';

const run = runIngest;

const BAD: Record<string, string> = {
  'empty.pdf': 'empty_file',
  'random-bytes.bin': 'unsupported_format',
  'pdf-header-random-body.pdf': 'corrupt_file',
  'truncated.pdf': 'corrupt_file',
  'encrypted.pdf': 'encrypted_pdf',
  'zip-header-only.docx': 'corrupt_file',
  'not-a-plan.txt': 'no_plan_table',
  'no-plan-table.pdf': 'no_plan_table',
  'image.gif': 'unsupported_format',
};

describe('ingest CLI', () => {
  it('gives each bad file one clear line, records it, and stores the rest of the batch', async () => {
    const dir = tempDir('cli-bad-');
    for (const f of Object.keys(BAD)) fs.copyFileSync(path.join(ROOT, 'fixtures/bad', f), path.join(dir, f));
    fs.copyFileSync(path.join(CORPUS_DOCS, 'vereshchagino-2021.pdf'), path.join(dir, 'vereshchagino-2021.pdf'));
    fs.copyFileSync(path.join(ROOT, 'fixtures/docx/no-table.docx'), path.join(dir, 'no-table.docx'));
    const db = path.join(dir, 'out.sqlite');
    const { code, err } = await run([dir, '--db', db]);
    expect(code).toBe(1);
    const failedLines = err.split('\n').filter((l) => l.includes('FAILED'));
    expect(failedLines).toHaveLength(Object.keys(BAD).length + 1);
    expect(err).not.toMatch(/\n\s+at /); // no stack traces for expected failures
    const con = new Database(db, { readonly: true });
    const rows = con.prepare('SELECT source_path, status, error FROM documents').all() as { source_path: string; status: string; error: string | null }[];
    for (const [file, errCode] of Object.entries({ ...BAD, 'no-table.docx': 'no_plan_table' })) {
      const row = rows.find((r) => r.source_path.endsWith(`/${file}`));
      expect(row, file).toBeDefined();
      expect(row!.status, file).toBe('failed');
      expect(row!.error!.startsWith(`${errCode}:`), `${file}: ${row!.error}`).toBe(true);
      expect(row!.error).not.toContain('\n');
    }
    const good = rows.find((r) => r.source_path.endsWith('vereshchagino-2021.pdf'))!;
    expect(good.status).toBe('ok');
    expect((con.prepare('SELECT count(*) n FROM activities').get() as { n: number }).n).toBe(8);
    con.close();
  });

  it('a file that may have lost rows prints WARN, not ok, with the estimate; the summaries count it', async () => {
    const dir = tempDir('cli-missing-');
    const table = fs.readFileSync(path.join(ROOT, 'fixtures/txt/tab-separated-table.txt'), 'utf8');
    fs.writeFileSync(path.join(dir, 'complete.txt'), table);
    // The row 1.3. dropped: its neighbours' numbers skip from 1.2. to 1.4.
    fs.writeFileSync(path.join(dir, 'lossy.txt'), table.split('\n').filter((l) => !l.startsWith('1.3.\t')).join('\n'));
    const db = path.join(dir, 'out.sqlite');
    const { code, err } = await run([dir, '--db', db]);
    expect(code, err).toBe(0);
    const line = (name: string) => err.split('\n').find((l) => l.includes(`/${name}:`)) ?? '';
    expect(line('lossy.txt')).toMatch(/^ {2}WARN {4}\S+lossy\.txt: \d+ activities, .*, 1 rows may be missing$/);
    expect(line('complete.txt')).toMatch(/^ {2}ok {6}\S+complete\.txt: /);
    expect(line('complete.txt')).not.toMatch(/may be missing/);
    expect(err).toMatch(/1 file\(s\) may be missing rows of their plan/);
    const con = new Database(db, { readonly: true });
    expect(con.prepare("SELECT missing_rows FROM documents WHERE source_path LIKE '%lossy.txt'").pluck().get()).toBe(1);
    expect(con.prepare("SELECT number FROM activities a JOIN documents d ON d.id = a.document_id WHERE d.source_path LIKE '%lossy.txt' AND review_reasons LIKE '%rows_missing%' ORDER BY seq").pluck().all()).toEqual(['1.2.', '1.4.']);
    con.close();
    const json = await run([dir, '--db', path.join(dir, 'json.sqlite'), '--json']);
    const summary = JSON.parse(json.out);
    expect(summary.filesMissingRows).toBe(1);
    expect(summary.results.find((r: { path: string }) => r.path.endsWith('lossy.txt')).missingRows).toBe(1);
    expect(summary.results.find((r: { path: string }) => r.path.endsWith('complete.txt')).missingRows).toBe(0);
  });

  it('is idempotent: a re-run skips stored content, --force replaces it without duplicates', async () => {
    const dir = tempDir('cli-idem-');
    fs.copyFileSync(path.join(CORPUS_DOCS, 'lysva-2021.docx'), path.join(dir, 'lysva-2021.docx'));
    fs.copyFileSync(path.join(CORPUS_DOCS, 'lysva-2021.docx'), path.join(dir, 'copy-of-lysva.docx'));
    const db = path.join(dir, 'out.sqlite');
    const first = JSON.parse((await run([dir, '--db', db, '--json', '--concurrency', '1'])).out);
    expect(first).toMatchObject({ stored: 1, skipped: 1, failed: 0 });
    const second = JSON.parse((await run([dir, '--db', db, '--json'])).out);
    expect(second).toMatchObject({ stored: 0, skipped: 2, failed: 0 });
    const forced = JSON.parse((await run([dir, '--db', db, '--json', '--force', '--concurrency', '1'])).out);
    expect(forced.stored).toBe(2);
    const con = new Database(db, { readonly: true });
    expect(con.prepare('SELECT count(*) n FROM documents').get()).toEqual({ n: 1 });
    expect(con.prepare('SELECT count(*) n, count(DISTINCT seq) d, min(seq) lo, max(seq) hi FROM activities').get()).toEqual({ n: 18, d: 18, lo: 1, hi: 18 });
    con.close();
  });

  it('a file over the time limit is stopped and recorded; the batch goes on; a re-run retries it', async () => {
    const dir = tempDir('cli-timeout-');
    for (const id of ['lysva-2021', 'perm-krai-2021']) fs.copyFileSync(path.join(CORPUS_DOCS, `${id}.pdf`), path.join(dir, `${id}.pdf`));
    const db = path.join(dir, 'out.sqlite');
    const started = Date.now();
    // 10 ms is less than a worker needs to start: every file runs over and is cut off.
    const timed = await run([dir, '--db', db, '--json', '--timeout', '0.01']);
    expect(timed.code).toBe(1);
    const summary = JSON.parse(timed.out);
    expect(summary.failed).toBe(2);
    for (const r of summary.results) expect(r).toMatchObject({ kind: 'failed', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(20_000);
    const retry = JSON.parse((await run([dir, '--db', db, '--json'])).out);
    expect(retry).toMatchObject({ stored: 2, failed: 0 });
  });

  it('exits 2 on usage errors, naming the flag', async () => {
    expect((await run(['--bogus'])).code).toBe(2);
    expect((await run(['--bogus'])).err).toContain('--bogus');
    expect((await run(['--concurrency', 'zero', 'x'])).err).toContain('--concurrency');
    expect((await run([])).code).toBe(2);
    // Beyond a 32-bit millisecond timer every file would time out at once.
    const huge = await run(['--timeout', '3000000', 'x']);
    expect(huge.code).toBe(2);
    expect(huge.err).toContain('--timeout');
    // Each file at once is a worker thread with its own heap: far past the cores it is only memory.
    const wide = await run(['--concurrency', '100000', 'x']);
    expect(wide.code).toBe(2);
    expect(wide.err).toContain('--concurrency must be at most 64');
    expect((await run(['--ocr-workers', '65', 'x'])).code).toBe(2);
    const noDb = await run(['--db', '', 'x']);
    expect(noDb.code).toBe(2);
    expect(noDb.err).toContain('--db needs a file name');
  });

  it('--vocabulary adds party codes without touching the code; a bad file is one usage error', async () => {
    const dir = tempDir('cli-vocabulary-');
    const plan = path.join(dir, 'plan.txt');
    fs.writeFileSync(plan, 'План мероприятий («дорожная карта»)\n№\tМероприятие\tОтветственные\tСроки\tРезультат\n'
      + '1.\tСопровождение школ\tКураторы проекта, управление образования\tв течение года\tОтчёт\n'
      + '2.\tМониторинг\tРуководители ОО\tежегодно\tСправка\n');
    const vocabulary = path.join(dir, 'vocabulary.json');
    fs.writeFileSync(vocabulary, JSON.stringify({
      codes: { КУРАТОР: 'куратор проекта «500+»' },
      entries: [{ code: 'КУРАТОР', phrases: ['куратор проекта'] }],
    }));
    const codes = async (extra: string[]) => {
      const db = path.join(dir, `${extra.length}.sqlite`);
      const { code, err } = await run([plan, '--db', db, ...extra]);
      expect(code, err).toBe(0);
      const con = new Database(db, { readonly: true });
      const rows = con.prepare('SELECT actor_code FROM activity_actors ORDER BY actor_code').all() as { actor_code: string }[];
      con.close();
      return rows.map((r) => r.actor_code);
    };
    expect(await codes([])).toEqual(['UNKNOWN', 'МОУО', 'ОО']);
    expect(await codes(['--vocabulary', vocabulary])).toEqual(['КУРАТОР', 'МОУО', 'ОО']);

    fs.writeFileSync(vocabulary, JSON.stringify({ entries: [{ code: 'X', phrase: ['typo'] }] }));
    const bad = await run([plan, '--db', path.join(dir, 'bad.sqlite'), '--vocabulary', vocabulary]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/vocabulary file .*vocabulary\.json: .*phrase/);
  });

  it('counts a missing path among good ones in the summary, not only in the exit code', async () => {
    const dir = tempDir('cli-missing-path-');
    const { code, err } = await run([path.join(CORPUS_DOCS, 'vereshchagino-2021.docx'), path.join(dir, 'nope.pdf'), '--db', path.join(dir, 'x.sqlite')]);
    expect(code).toBe(1);
    expect(err).toContain('nope.pdf: no such file or folder');
    expect(err).toContain('1 path(s) named could not be read');
  });

  it('reports a FIFO named on the command line instead of reading it or ignoring it', async () => {
    const dir = tempDir('cli-fifo-');
    const fifo = path.join(dir, 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    const { code, err } = await run([fifo, '--db', path.join(dir, 'x.sqlite')]);
    expect(code).toBe(2);
    expect(err).toContain(`${fifo}: not a regular file`);
  });

  it('ingests a file whose name is CP1251 bytes (not UTF-8), in a folder and named directly', async () => {
    const dir = tempDir('cli-cp1251-');
    const name = Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0xcf, 0xeb, 0xe0, 0xed]), Buffer.from('.docx')]); // «План»
    fs.copyFileSync(path.join(CORPUS_DOCS, 'perm-krai-2021.docx'), name);
    const db = path.join(dir, 'x.sqlite');
    const { code, err } = await run([dir, '--db', db]);
    expect(code, err).toBe(0);
    expect(err).toContain('\\xcf\\xeb\\xe0\\xed.docx (name not UTF-8; in CP1251: План.docx): 13 activities');
    const con = new Database(db, { readonly: true });
    const stored = con.prepare('SELECT source_path FROM documents').all() as { source_path: string }[];
    con.close();
    // Lossless: the bytes can be rebuilt from the stored name.
    expect(stored).toEqual([{ source_path: `${dir}/\\xcf\\xeb\\xe0\\xed.docx` }]);

    // Named on the command line, the name reaches Node already decoded (U+FFFD for each bad
    // byte): the installed command recovers the bytes from /proc/self/cmdline.
    const bin = ingestBin();
    const r = spawnSync('bash', ['-c', `"$0" "$1" "$(printf '${dir}/\\xcf\\xeb\\xe0\\xed.docx')" --db "$2" --force`, process.execPath, bin, db], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('13 activities');
  });

  it('prints a file name holding a newline on one line, escaped, so it cannot forge an ok line', async () => {
    const dir = tempDir('cli-newline-');
    const name = path.join(dir, 'x\n  ok      forged.pdf');
    fs.writeFileSync(name, '%PDF-1.4 broken');
    const { err } = await run([name, '--db', path.join(dir, 'x.sqlite')]);
    const lines = err.split('\n');
    expect(lines.some((l) => l.startsWith('  ok'))).toBe(false);
    expect(err).toContain('x\\n  ok      forged.pdf: corrupt');
  });

  it('--help explains every option', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of Object.keys(OPTIONS)) expect(out).toContain(`--${name}`);
    expect(out).not.toMatch(/\(default:[^)]*\) \(default:/);
  });

  it('runs as the installed `ingest` command (compiled bin)', () => {
    if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    const dir = tempDir('cli-bin-');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ingest.js'), path.join(CORPUS_DOCS, 'perm-krai-2021.docx'), '--db', path.join(dir, 'x.sqlite'), '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 1, activities: 13 });
  });
});
