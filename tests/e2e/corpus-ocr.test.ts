import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { corpusFolder, score, sink, tempDir, type KindScores } from '../helpers/corpus.js';


// Thresholds of the issue "Scanned PDFs and photos". Scans: the whole table must come back.
// Photos show page 1 only, so only precision counts: every row found must be a real row.
const SCAN = { rows_f1: 0.95, cer: 0.03, section: 0.9 };
// Measured 0.896: the misses are last rows cut by the bottom of the photographed page (their
// rest is on page 2), kept and flagged needs_review (may_continue) rather than dropped.
const PHOTO_PRECISION = 0.85;
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

  it('photos: the rows found are real rows', () => {
    const photos = documents.filter((d) => d.kind === 'p1.jpg');
    expect(photos).toHaveLength(5);
    const matched = photos.reduce((n, d) => n + d.matched, 0);
    const predicted = photos.reduce((n, d) => n + d.pred_rows, 0);
    expect(predicted).toBeGreaterThanOrEqual(20);
    expect(matched / predicted).toBeGreaterThanOrEqual(PHOTO_PRECISION);
    expect(summary['p1.jpg']!.rows_p).toBeGreaterThanOrEqual(PHOTO_PRECISION);
    expect(summary['p1.jpg']!.section).toBeGreaterThanOrEqual(PHOTO_SECTION);
  });
});
