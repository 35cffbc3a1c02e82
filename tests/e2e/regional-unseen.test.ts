import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type KindScores } from '../helpers/corpus.js';
import { headerFieldShare, ingestRegionalSet } from '../helpers/regional-set.js';

/**
 * Plans of regions neither the corpus nor the other fixtures hold, rebuilt from the text public
 * pages print (fixtures/regional-unseen, sources in its README; rebuilt by
 * scripts/generate/regional-unseen.ts), ingested as DOCX and digital PDFs by the real CLI and
 * scored by score.py against their gold. The bar of issue #12: actors ≥ 0.95 and metadata
 * ≥ 0.95 on documents of other regions. Also the header blocks of acts of those regions,
 * read by the metadata stage alone.
 */
const DIR = path.join(ROOT, 'fixtures/regional-unseen');
const BAR = { rows: 0.95, actors: 0.95, meta: 0.95, headers: 0.95 };

describe('plans of regions not seen before (DOCX and digital PDFs) against their gold', () => {
  let summary: Record<string, KindScores>;
  let results: { path: string; status: string }[];
  beforeAll(async () => {
    ({ summary, results } = await ingestRegionalSet(DIR));
  }, 120_000);

  it('stores the DOCX of every document', () => {
    const docx = results.filter((r) => r.path.endsWith('.docx'));
    expect(docx.length).toBe(fs.readdirSync(path.join(DIR, 'gold')).length);
    expect(docx.filter((r) => r.status === 'failed').map((r) => r.path)).toEqual([]);
  });

  it('stores every file with its rows: the DOCX and both PDFs of each plan', () => {
    expect(results.filter((r) => r.status === 'failed').map((r) => r.path)).toEqual([]);
    expect(summary.ALL!.rows_f1).toBeGreaterThanOrEqual(BAR.rows);
  });

  it(`actors ≥ ${BAR.actors} and metadata ≥ ${BAR.meta} over the DOCX and PDFs (score.py, all kinds)`, () => {
    const all = summary.ALL!;
    expect(all.actors_f1).toBeGreaterThanOrEqual(BAR.actors);
    expect(all.meta).toBeGreaterThanOrEqual(BAR.meta);
  });
});

describe('header blocks of acts of regions not seen before', () => {
  it(`reads at least ${BAR.headers} of region, municipality, act type, number and date`, () => {
    const { share, misses } = headerFieldShare(path.join(DIR, 'headers'));
    expect(share, misses.join('\n')).toBeGreaterThanOrEqual(BAR.headers);
  });
});
