import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as roadmaps, RoadmapsExit } from '../../src/roadmaps-cli.js';
import { openDatabase } from '../../src/store/index.js';
import { runIngest } from '../helpers/cli.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { sink } from './helpers.js';

/*
 * `ingest --vocabulary FILE` teaches the pipeline a party; a hand correction of a responsible
 * cell must code that party the same way, from the vocabulary stored with the document, even
 * once the file itself is gone.
 */

let tmp: ReturnType<typeof tempDir>;
let plan: string;
let vocabulary: string;
const VOCABULARY = JSON.stringify({ codes: { КУРАТОР: 'куратор проекта «500+»' }, entries: [{ code: 'КУРАТОР', phrases: ['куратор проекта'] }] });

beforeAll(() => {
  tmp = tempDir('correct-vocabulary-');
  plan = tmp.file('plan.txt');
  fs.writeFileSync(plan, 'План мероприятий («дорожная карта»)\n№\tМероприятие\tОтветственные\tСроки\tРезультат\n'
    + '1.\tСопровождение школ\tКураторы проекта, управление образования\tв течение года\tОтчёт\n'
    + '2.\tМониторинг\tРуководители ОО\tежегодно\tСправка\n');
  vocabulary = tmp.file('vocabulary.json');
  fs.writeFileSync(vocabulary, `\uFEFF${VOCABULARY}`);
});
afterAll(() => tmp.cleanup());

async function run(db: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await roadmaps(['--db', db, ...argv], { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

function one<T>(db: string, sql: string): T {
  const d = openDatabase(db);
  try {
    return d.prepare(sql).get() as T;
  } finally {
    d.close();
  }
}

/** Ingests the plan (with the vocabulary when given), corrects row 2's responsible cell; its codes. */
async function correctedCodes(name: string, ingestArgs: string[], beforeCorrecting: () => void = () => {}): Promise<string | null> {
  const db = tmp.file(`${name}.sqlite`);
  const ingested = await runIngest([plan, '--db', db, ...ingestArgs]);
  expect(ingested.code, ingested.err).toBe(0);
  beforeCorrecting();
  const id = one<{ id: number }>(db, 'SELECT activity_id AS id FROM v_activities WHERE seq = 2').id;
  const r = await run(db, 'correct', String(id), '--field', 'responsible', '--value', 'Куратор проекта, руководители ОО');
  expect(r.code, r.err).toBe(RoadmapsExit.ok);
  return one<{ codes: string | null }>(db, 'SELECT actor_codes AS codes FROM v_activities WHERE seq = 2').codes;
}

describe('roadmaps correct with the vocabulary the document was ingested with', () => {
  it('codes a corrected responsible cell with the user\'s vocabulary file, stored at ingest', async () => {
    expect(await correctedCodes('without', [])).toBe('UNKNOWN,ОО');
    // The file is moved away before correcting: what counts is the content ingest used.
    const moved = `${vocabulary}.moved`;
    expect(await correctedCodes('with', ['--vocabulary', vocabulary], () => fs.renameSync(vocabulary, moved))).toBe('КУРАТОР,ОО');
    fs.renameSync(moved, vocabulary);
    const stored = one<{ sha256: string; content: string }>(tmp.file('with.sqlite'),
      'SELECT v.sha256, v.content FROM documents d JOIN vocabularies v ON v.sha256 = d.vocabulary_sha256');
    // The text as written (byte-order mark aside), keyed by its SHA-256.
    expect(stored).toEqual({ sha256: createHash('sha256').update(VOCABULARY).digest('hex'), content: VOCABULARY });
  });

  it('refuses, applying nothing, when the stored vocabulary no longer loads', async () => {
    const db = tmp.file('with.sqlite');
    const d = openDatabase(db);
    // A stored file that no longer merges with the vocabulary shipped now (here: a code it
    // uses is no longer declared; in life, a code the shipped vocabulary came to define otherwise).
    const broken = JSON.stringify({ entries: [{ code: 'КУРАТОР', phrases: ['куратор проекта'] }] });
    const sha = createHash('sha256').update(broken).digest('hex');
    d.prepare('INSERT INTO vocabularies (sha256, content) VALUES (?, ?)').run(sha, broken);
    d.prepare('UPDATE documents SET vocabulary_sha256 = ?').run(sha);
    d.close();
    const id = one<{ id: number }>(db, 'SELECT activity_id AS id FROM v_activities WHERE seq = 1').id;
    const r = await run(db, 'correct', String(id), '--field', 'responsible', '--value', 'Куратор проекта');
    expect(r.code).toBe(RoadmapsExit.usage);
    expect(r.err).toMatch(/vocabulary file stored with document \d+ \(sha256 [0-9a-f]{12}…\): .*КУРАТОР/);
    expect(r.err).toContain('nothing was applied');
  });
});
