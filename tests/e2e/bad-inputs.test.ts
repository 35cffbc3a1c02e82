import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/errors.js';
import { BAD_INPUT_MAX_PAGES, makeBadInputs } from '../../scripts/make-bad-inputs.js';
import { RssSampler } from '../../scripts/process-tree-rss.js';
import { CORPUS_DOCS, tempDir } from '../helpers/corpus.js';
import { ingestBin } from '../helpers/bin.js';

/** Per-file limit of the run: a file still busy after it fails as `timeout`, not as expected. */
const TIMEOUT_SECONDS = 20;
/** The whole folder (~40 files, two zip bombs, a thousand-page PDF) on a 2-core machine. */
const RUN_BOUND_SECONDS = 60;
/** Peak memory of the CLI's process tree: the bombs must be refused, not inflated. */
const PEAK_RSS_BOUND = 1.5 * 1024 ** 3;

const GOOD = { 'perm-krai-2021.docx': 13, 'vereshchagino-2021.pdf': 8 } as const;

/** Words each failure's message must use, so the user learns what is wrong with the file. */
const REASON: Record<ErrorCode, RegExp> = {
  empty_file: /empty/,
  unsupported_format: /^unsupported format: /,
  corrupt_file: /^(corrupt or truncated |unsafe name in the ZIP archive)/,
  encrypted_pdf: /password/,
  no_plan_table: /^no plan table found: /,
  too_large: /^too large: .*\d/,
  timeout: /longer than/,
  ocr_unavailable: /OCR/,
  illegible: /^the page cannot be read: /,
};

function runCli(args: string[]): Promise<{ code: number | null; stderr: string; seconds: number; peakRss: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [ingestBin(), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const rss = new RssSampler(child.pid!, 200);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // A hung run must fail the test, not the test runner.
    const kill = setTimeout(() => child.kill('SIGKILL'), 2 * RUN_BOUND_SECONDS * 1000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(kill);
      rss.stop();
      resolve({ code, stderr, seconds: (performance.now() - started) / 1000, peakRss: rss.supported ? rss.peak : null });
    });
  });
}

describe('generated bad inputs through the CLI', () => {
  it('every bad file fails alone with one clear line and its error code, in time; the good files are stored', async () => {
    const dir = tempDir('bad-inputs-');
    const inDir = path.join(dir, 'in');
    const cases = makeBadInputs(inDir, { seed: 1, symlinkLoop: true });
    for (const f of Object.keys(GOOD)) fs.copyFileSync(path.join(CORPUS_DOCS, f), path.join(inDir, f));
    const db = path.join(dir, 'bad.sqlite');

    const run = await runCli([inDir, '--db', db, '--timeout', String(TIMEOUT_SECONDS), '--max-pages', String(BAD_INPUT_MAX_PAGES)]);

    expect(run.code, run.stderr).toBe(1);
    expect(run.seconds).toBeLessThan(RUN_BOUND_SECONDS);
    if (run.peakRss !== null) expect(run.peakRss).toBeLessThan(PEAK_RSS_BOUND);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stderr).not.toMatch(/undefined|null|\[object|unexpected error|internal_error/i);
    // The symbolic link back to the folder is neither walked again nor reported missing.
    expect(run.stderr).not.toContain('no such file');
    // An archive counts as its entries.
    const documents = cases.reduce((n, c) => n + (c.entries?.length ?? 1), 0) + Object.keys(GOOD).length;
    expect(run.stderr).toContain(`${documents} file(s)`);

    const lines = run.stderr.split('\n');
    const con = new Database(db, { readonly: true });
    const rows = con.prepare('SELECT source_path, status, error, activity_count, issues_json FROM documents').all() as {
      source_path: string; status: string; error: string | null; activity_count: number; issues_json: string;
    }[];
    con.close();
    expect(rows).toHaveLength(documents);
    const rowOf = (file: string) => rows.find((r) => r.source_path === file);

    const expectFailed = (file: string, expected: ErrorCode, what: string, message?: string) => {
      const mine = lines.filter((l) => l.includes(`${file}:`));
      expect(mine, `${file}: ${what}`).toHaveLength(1);
      const prefix = `  FAILED  ${file}: `;
      expect(mine[0]!.startsWith(prefix), `${file}: ${mine[0]}`).toBe(true);
      expect(mine[0]!.slice(prefix.length), `${file}: ${what}`).toMatch(REASON[expected]);
      if (message) expect(mine[0], `${file}: ${what}`).toContain(message);
      const row = rowOf(file);
      expect(row?.status, file).toBe('failed');
      expect(row!.error, `${file} (${what})`).toMatch(new RegExp(`^${expected}: `));
    };

    for (const c of cases) {
      const file = path.join(inDir, c.name);
      if (c.expected === 'archive') {
        for (const e of c.entries!) expectFailed(`${file}!/${e.name}`, e.expected, c.what, e.message);
        continue;
      }
      if (c.expected !== 'stored') {
        expectFailed(file, c.expected, c.what, c.message);
        continue;
      }
      const mine = lines.filter((l) => l.includes(`${file}:`));
      expect(mine, `${c.name}: ${c.what}`).toHaveLength(1);
      expect(mine[0], c.name).toMatch(new RegExp(`^ {2}ok {6}.*: ${c.activities} activities`));
      const row = rowOf(file);
      if (c.warning) {
        // Damage that lost nothing is reported as a warning.
        expect(row!.status, c.name).toBe('partial');
        expect(row!.issues_json, c.name).toContain(c.warning);
      } else expect(row!.status, c.name).toBe('ok');
    }
    for (const [name, activities] of Object.entries(GOOD)) {
      expect(rowOf(path.join(inDir, name))).toMatchObject({ status: 'ok', activity_count: activities });
    }
  }, 3 * RUN_BOUND_SECONDS * 1000);
});
