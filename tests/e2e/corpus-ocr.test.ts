import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { corpusFolder, score, sink, tempDir, type KindScores } from '../helpers/corpus.js';


// Thresholds of the issue "Scanned PDFs and photos". Scans: the whole table must come back.
// Photos show page 1 only, so only precision counts: every row found must be a real row.
const SCAN = { rows_f1: 0.95, cer: 0.03, section: 0.9 };
// Measured 1.00. Each photo's last row runs off the bottom of the sheet (its rest is on page 2):
// it is stored in `fragments`, not `activities` (0.896 while it was kept as an activity).
const PHOTO_PRECISION = 0.9;
// Section headings of the photos: exact after the dictionary repair of torn words (1.00 measured).
const PHOTO_SECTION = 0.9;

/**
 * Real recognition with tesseract.js and the vendored model, offline: the five image-only
 * PDFs (22 pages) and five phone photos of the development corpus. About a minute on two cores.
 */
describe('scans and photos against the gold records (real OCR)', () => {
  let summary: Record<string, KindScores>;
  let documents: { gold: string; kind: string; matched: number; pred_rows: number }[];
  let cli: { stored: number; failed: number };
  let db: string;
  beforeAll(async () => {
    db = path.join(tempDir('e2e-ocr-'), 'roadmaps.sqlite');
    const out = sink();
    const err = sink();
    const code = await main([corpusFolder(['.scan.pdf', '.p1.jpg']), '--db', db, '--json'], { stdout: out.stream, stderr: err.stream });
    expect(code, err.text()).toBe(0);
    cli = JSON.parse(out.text());
    ({ summary, documents } = score(db));
  }, 600_000);

  it('stores all ten files', () => {
    expect(cli.stored).toBe(10);
    expect(cli.failed).toBe(0);
  });

  it('scanned PDFs: row F1, CER of activity, responsible and result, and sections meet the thresholds', () => {
    const s = summary['scan.pdf']!;
    expect(s.rows_f1).toBeGreaterThanOrEqual(SCAN.rows_f1);
    for (const f of ['cer_activity', 'cer_responsible', 'cer_result']) expect(s[f], f).toBeLessThanOrEqual(SCAN.cer);
    expect(s.section).toBeGreaterThanOrEqual(SCAN.section);
    expect(s.meta).toBeGreaterThanOrEqual(0.9);
  });

  it('every scanned document keeps every row (no table lost on a page)', () => {
    for (const d of documents.filter((x) => x.kind === 'scan.pdf')) {
      expect(d.matched / d.pred_rows, `${d.gold} precision`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('no scan or photo is said to have lost rows (the corpus files are complete: zero false alarms)', () => {
    const con = new Database(db, { readonly: true });
    try {
      expect(con.prepare('SELECT source_path, missing_rows FROM documents WHERE missing_rows > 0').all()).toEqual([]);
      expect(con.prepare("SELECT count(*) FROM activities WHERE review_reasons LIKE '%rows_missing%'").pluck().get()).toBe(0);
    } finally {
      con.close();
    }
    expect(cli).toMatchObject({ filesMissingRows: 0 });
  });

  it('photos: the rows found are real rows', () => {
    const photos = documents.filter((d) => d.kind === 'p1.jpg');
    expect(photos).toHaveLength(5);
    const matched = photos.reduce((n, d) => n + d.matched, 0);
    const predicted = photos.reduce((n, d) => n + d.pred_rows, 0);
    expect(predicted).toBeGreaterThanOrEqual(18);
    expect(matched / predicted).toBeGreaterThanOrEqual(PHOTO_PRECISION);
    expect(summary['p1.jpg']!.rows_p).toBeGreaterThanOrEqual(PHOTO_PRECISION);
    expect(summary['p1.jpg']!.section).toBeGreaterThanOrEqual(PHOTO_SECTION);
  });

  it('photos: a row cut off by the bottom of the sheet is kept, apart from the activities', () => {
    const con = new Database(db, { readonly: true });
    try {
      const rows = con.prepare(`SELECT d.source_path, d.activity_count, d.fragment_count, f.after_seq, f.activity
        FROM documents d LEFT JOIN fragments f ON f.document_id = d.id WHERE d.source_path LIKE '%.jpg'`).all() as
        { source_path: string; activity_count: number; fragment_count: number; after_seq: number | null; activity: string | null }[];
      expect(rows).toHaveLength(5);
      for (const r of rows) {
        expect(r.fragment_count, r.source_path).toBeLessThanOrEqual(1);
        if (r.fragment_count === 1) {
          expect(r.after_seq, r.source_path).toBe(r.activity_count);
          expect(r.activity!.length, r.source_path).toBeGreaterThan(20);
        }
      }
    } finally {
      con.close();
    }
  });
});
