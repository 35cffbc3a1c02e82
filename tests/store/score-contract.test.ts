import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { writeDocument } from '../../src/store/write-document.js';
import { fakeSha } from './helpers/make-document.js';
import { goldToDocument, readGold } from './helpers/gold-to-document.js';
import { tempDir } from './helpers/temp-db.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The project's scorer lives beside the repository in the shared workspace, not in a clone.
const SCORER = path.resolve(REPO, '../shared/tools/score.py');
const GOLD_DIR = path.join(REPO, 'fixtures/store/gold');
const GOLD_ID = 'vereshchagino-2021';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const canScore = hasPython && existsSync(SCORER);

interface ScoreReport {
  contract_problems: string[];
  documents_scored: number;
  summary: Record<string, Record<string, number | null>>;
}

describe.skipIf(!canScore)('the schema as score.py reads it', () => {
  let tmp: ReturnType<typeof tempDir>;
  let report: ScoreReport;
  let goldRows: number;
  let dbPath: string;

  beforeAll(() => {
    tmp = tempDir('store-score-');
    const gold = readGold(path.join(GOLD_DIR, `${GOLD_ID}.gold.json`));
    const doc = goldToDocument(gold);
    goldRows = doc.activities.length;
    dbPath = tmp.file('scored.sqlite');
    const db = openDatabase(dbPath);
    // The file name decides which gold record and rendering kind the scorer matches.
    writeDocument(db, { sourcePath: `/anywhere/${GOLD_ID}.docx`, sha256: fakeSha(GOLD_ID), format: 'docx', pages: 3, doc, reviewBelow: 0.75 });
    db.close();
    const out = tmp.file('score.json');
    execFileSync('python3', [SCORER, dbPath, GOLD_DIR, '--json', out, '--quiet']);
    report = JSON.parse(readFileSync(out, 'utf8')) as ScoreReport;
  });
  afterAll(() => tmp.cleanup());

  it('finds every contract column', () => {
    expect(report.contract_problems).toEqual([]);
    expect(report.documents_scored).toBe(1);
  });

  it('leaves views an older SQLite (Python\'s) can query', () => {
    const views = ['v_activities', 'v_actor_counts', 'v_documents_summary', 'v_document_issues'];
    const script = 'import sqlite3, sys\ncon = sqlite3.connect(sys.argv[1])\n'
      + 'print(",".join(str(len(con.execute(f"SELECT * FROM {v}").fetchall())) for v in sys.argv[2:]))';
    const counts = execFileSync('python3', ['-c', script, dbPath, ...views], { encoding: 'utf8' }).trim().split(',').map(Number);
    expect(counts[0]).toBe(goldRows);
    expect(counts[2]).toBe(1);
  });

  it('scores a flawless extraction as perfect: fields, order, sections, actors and metadata land in the right columns', () => {
    expect(goldRows).toBeGreaterThan(0);
    const docx = report.summary.docx;
    expect(docx).toMatchObject({ rows_p: 1, rows_r: 1, exact: 1, section: 1, actors_f1: 1, meta: 1 });
    for (const field of ['number', 'activity', 'responsible', 'deadline', 'result']) expect(docx?.[`cer_${field}`]).toBe(0);
  });
});
