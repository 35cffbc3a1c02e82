import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { corpusFolder, score, sink, tempDir, type KindScores } from '../helpers/corpus.js';


// Thresholds of the issue "Ingest digital documents end to end", asserted per kind.
const DIGITAL = { rows_f1: 0.98, cer: 0.02, section: 0.95, meta: 0.9 };

describe('digital corpus (DOCX and text-layer PDF) against the gold records', () => {
  let summary: Record<string, KindScores>;
  let cli: { stored: number; failed: number; activities: number; filesMissingRows: number; results: { path: string; missingRows: number; warnings: string[] }[] };
  beforeAll(async () => {
    const db = path.join(tempDir('e2e-digital-'), 'roadmaps.sqlite');
    const out = sink();
    const err = sink();
    const code = await main([corpusFolder(['.pdf', '.docx']), '--db', db, '--json'], { stdout: out.stream, stderr: err.stream });
    expect(code, err.text()).toBe(0);
    cli = JSON.parse(out.text());
    summary = score(db).summary;
  }, 120_000);

  it('stores all ten files', () => {
    expect(cli.stored).toBe(10);
    expect(cli.failed).toBe(0);
  });

  it('no document is said to have lost rows (the corpus files are complete: zero false alarms)', () => {
    expect(cli.filesMissingRows).toBe(0);
    for (const r of cli.results) {
      expect(r.missingRows, r.path).toBe(0);
      expect(r.warnings.filter((w) => /may be missing/.test(w)), r.path).toEqual([]);
    }
  });

  for (const kind of ['pdf', 'docx'] as const) {
    it(`${kind}: row F1, field CER, sections and metadata meet the thresholds`, () => {
      const s = summary[kind]!;
      expect(s.rows_f1).toBeGreaterThanOrEqual(DIGITAL.rows_f1);
      for (const f of ['cer_number', 'cer_activity', 'cer_responsible', 'cer_deadline', 'cer_result']) {
        expect(s[f], f).toBeLessThanOrEqual(DIGITAL.cer);
      }
      expect(s.section).toBeGreaterThanOrEqual(DIGITAL.section);
      expect(s.meta).toBeGreaterThanOrEqual(DIGITAL.meta);
    });
  }
});
