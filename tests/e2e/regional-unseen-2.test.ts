import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type KindScores } from '../helpers/corpus.js';
import { headerFieldShare, ingestRegionalSet } from '../helpers/regional-set.js';

/**
 * The second blind set of issue #12 (fixtures/regional-unseen-2, sources in its README; rebuilt
 * by scripts/generate/regional-unseen.ts --spec fixtures/regional-unseen-2/documents.json):
 * plans and act headers of regions neither the corpus nor fixtures/regional-unseen hold,
 * ingested as DOCX and digital PDFs (LibreOffice, Chromium) by the real CLI and scored by
 * score.py against their gold.
 *
 * Measured blind (README): actors 1.000 (issue bar 0.95), metadata 0.917 and headers 0.825
 * (66/80). The parser misses behind those figures were then fixed in src/parse/metadata*
 * (a municipality named in typed quotes, an act cited in one title line, a number after a
 * tab or on a line of its own above the date), giving metadata 1.000 and headers 80/80. The
 * bars are those figures. They are no longer blind figures: the fixes were made while this
 * set was being looked at. A third set would measure them blind.
 */
const DIR = path.join(ROOT, 'fixtures/regional-unseen-2');
const BAR = { docxRows: 1, actors: 0.95, meta: 1, headers: 1 };

describe('second blind set: plans of regions not seen before (DOCX and digital PDFs) against their gold', () => {
  let summary: Record<string, KindScores>;
  let results: { path: string; status: string }[];
  beforeAll(async () => {
    ({ summary, results } = await ingestRegionalSet(DIR));
  }, 120_000);

  it('stores every file, the DOCX of every document with all its rows', () => {
    expect(results.filter((r) => r.status === 'failed').map((r) => r.path)).toEqual([]);
    expect(results.filter((r) => r.path.endsWith('.docx')).length).toBe(fs.readdirSync(path.join(DIR, 'gold')).length);
    expect(summary.docx!.rows_f1).toBeGreaterThanOrEqual(BAR.docxRows);
  });

  it(`actors ≥ ${BAR.actors} and metadata ≥ ${BAR.meta} over the DOCX and PDFs (score.py, all kinds)`, () => {
    const all = summary.ALL!;
    expect(all.actors_f1).toBeGreaterThanOrEqual(BAR.actors);
    expect(all.meta).toBeGreaterThanOrEqual(BAR.meta);
  });
});

describe('second blind set: header blocks of acts of regions not seen before', () => {
  it(`reads at least ${BAR.headers} of region, municipality, act type, number and date`, () => {
    const { share, misses } = headerFieldShare(path.join(DIR, 'headers'));
    expect(share, misses.join('\n')).toBeGreaterThanOrEqual(BAR.headers);
  });
});
