import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { canonicalPlaces } from '../../src/normalize/places.js';
import { extractMetadata, type MetaLine } from '../../src/parse/metadata.js';
import { ROOT, score, sink, tempDir, type KindScores } from '../helpers/corpus.js';

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
  let cli: { results: { path: string; status: string }[] };
  beforeAll(async () => {
    const dir = tempDir('regional-unseen-in-');
    for (const f of fs.readdirSync(path.join(DIR, 'files'))) {
      if (/\.(docx|pdf)$/.test(f)) fs.symlinkSync(path.join(DIR, 'files', f), path.join(dir, f));
    }
    const db = path.join(tempDir('e2e-regional-unseen-'), 'roadmaps.sqlite');
    const out = sink();
    const err = sink();
    const code = await main([dir, '--db', db, '--json'], { stdout: out.stream, stderr: err.stream });
    expect(code, err.text()).toBe(0);
    cli = JSON.parse(out.text());
    summary = score(db, path.join(DIR, 'gold')).summary;
  }, 120_000);

  it('stores the DOCX of every document', () => {
    const docx = cli.results.filter((r) => r.path.endsWith('.docx'));
    expect(docx.length).toBe(fs.readdirSync(path.join(DIR, 'gold')).length);
    expect(docx.filter((r) => r.status === 'failed').map((r) => r.path)).toEqual([]);
  });

  it('stores every file with its rows: the DOCX and both PDFs of each plan', () => {
    expect(cli.results.filter((r) => r.status === 'failed').map((r) => r.path)).toEqual([]);
    expect(summary.ALL!.rows_f1).toBeGreaterThanOrEqual(BAR.rows);
  });

  it(`actors ≥ ${BAR.actors} and metadata ≥ ${BAR.meta} over the DOCX and PDFs (score.py, all kinds)`, () => {
    const all = summary.ALL!;
    expect(all.actors_f1).toBeGreaterThanOrEqual(BAR.actors);
    expect(all.meta).toBeGreaterThanOrEqual(BAR.meta);
  });
});

const HEADERS = path.join(DIR, 'headers');
const FIELDS = ['region', 'municipality', 'act_type', 'act_number', 'act_date'] as const;

function headerLines(id: string): MetaLine[] {
  return fs.readFileSync(path.join(HEADERS, `${id}.txt`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^((?:\{[bc]\})*)(.*)$/.exec(l)!;
    return { text: m[2]!, page: 1, bold: m[1]!.includes('{b}'), centered: m[1]!.includes('{c}') };
  });
}

describe('header blocks of acts of regions not seen before', () => {
  it(`reads at least ${BAR.headers} of region, municipality, act type, number and date`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(HEADERS, 'expected.json'), 'utf8')) as Record<string, Record<(typeof FIELDS)[number], string | null>>;
    const ids = fs.readdirSync(HEADERS).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
    expect(Object.keys(expected).sort()).toEqual(ids);
    let right = 0;
    const misses: string[] = [];
    for (const id of ids) {
      const { meta } = extractMetadata(headerLines(id));
      const places = canonicalPlaces(meta.region, meta.municipality);
      const got = { region: places.region, municipality: places.municipality, act_type: meta.actType, act_number: meta.actNumber, act_date: meta.actDate };
      for (const f of FIELDS) {
        if (got[f] === expected[id]![f]) right++;
        else misses.push(`${id} ${f}: ${JSON.stringify(got[f])} ≠ ${JSON.stringify(expected[id]![f])}`);
      }
    }
    expect(right / (ids.length * FIELDS.length), misses.join('\n')).toBeGreaterThanOrEqual(BAR.headers);
  });
});
