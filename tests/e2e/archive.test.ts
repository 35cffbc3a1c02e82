import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../helpers/cli.js';
import { CORPUS_DOCS, CORPUS_IDS, score, tempDir } from '../helpers/corpus.js';
import { cp866, renameEntry } from '../helpers/zip.js';

const run = runIngest;

const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(CORPUS_DOCS, f)));
/** The same PDF with different bytes (a comment after %%EOF), so it is not skipped as a copy. */
const copyOf = (f: string, n: number) => new Uint8Array([...read(f), ...new TextEncoder().encode(`\n% copy ${n}\n`)]);

describe('a ZIP archive of plans (a year of orders as one download)', () => {
  it('ingests every entry as its own document, nested archives too, each failure on its own line', async () => {
    const dir = tempDir('archive-');
    const entries: Zippable = {};
    for (const id of CORPUS_IDS) {
      entries[`2021/docx/${id}.docx`] = read(`${id}.docx`);
      entries[`2021/pdf/${id}.pdf`] = read(`${id}.pdf`);
    }
    entries['inner.zip'] = zipSync({ 'copy/lysva-2021.pdf': copyOf('lysva-2021.pdf', 1) });
    entries['XXXX.pdf'] = copyOf('vereshchagino-2021.pdf', 2); // renamed below to a CP866 name
    entries['../outside.pdf'] = read('lysva-2021.pdf');
    entries['broken.pdf'] = read('lysva-2021.pdf').subarray(0, 2000);
    entries['__MACOSX/2021/._lysva-2021.pdf'] = new Uint8Array([0, 5, 22, 7]);
    const zip = renameEntry(zipSync(entries), 'XXXX.pdf', cp866('План.pdf'));
    const archive = path.join(dir, 'orders.zip');
    fs.writeFileSync(archive, zip);
    const db = path.join(dir, 'out.sqlite');

    const first = await run([archive, '--db', db]);
    expect(first.code).toBe(1);
    const failed = first.err.split('\n').filter((l) => l.includes('FAILED'));
    expect(failed).toHaveLength(2);
    expect(failed.find((l) => l.includes('outside.pdf'))).toMatch(/unsafe name/);
    expect(failed.find((l) => l.includes('broken.pdf'))).toMatch(/orders\.zip!\/broken\.pdf: corrupt/);
    expect(first.err).toMatch(/14 file\(s\) — 12 stored/);

    const con = new Database(db, { readonly: true });
    const paths = (con.prepare('SELECT source_path FROM documents').all() as { source_path: string }[]).map((r) => r.source_path);
    con.close();
    expect(paths).toHaveLength(14); // every entry has its row: the two failures too
    expect(paths).toContain(`${archive}!/inner.zip!/copy/lysva-2021.pdf`);
    expect(paths).toContain(`${archive}!/План.pdf`);

    // The archive's documents are read exactly as the same files on disk are.
    const { summary } = score(db);
    expect(summary.docx!.rows_f1).toBe(1);
    expect(summary.pdf!.rows_f1).toBe(1);

    // A second run finds every entry stored already (content hash) and reads nothing again.
    const second = await run([archive, '--db', db, '--verbose']);
    expect(second.err).toMatch(/12 skipped/);
  }, 240_000);
});
