import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { canonicalPlaces } from '../../src/normalize/places.js';
import { extractMetadata, type MetaLine } from '../../src/parse/metadata.js';
import { ROOT, score, sink, tempDir, type KindScores } from '../helpers/corpus.js';

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
  let cli: { results: { path: string; status: string }[] };
  beforeAll(async () => {
    const dir = tempDir('regional-unseen-2-in-');
    for (const f of fs.readdirSync(path.join(DIR, 'files'))) {
      if (/\.(docx|pdf)$/.test(f)) fs.symlinkSync(path.join(DIR, 'files', f), path.join(dir, f));
    }
    const db = path.join(tempDir('e2e-regional-unseen-2-'), 'roadmaps.sqlite');
    const out = sink();
    const err = sink();
    const code = await main([dir, '--db', db, '--json'], { stdout: out.stream, stderr: err.stream });
    expect(code, err.text()).toBe(0);
    cli = JSON.parse(out.text());
    summary = score(db, path.join(DIR, 'gold')).summary;
  }, 120_000);

  it('stores every file, the DOCX of every document with all its rows', () => {
    expect(cli.results.filter((r) => r.status === 'failed').map((r) => r.path)).toEqual([]);
    expect(cli.results.filter((r) => r.path.endsWith('.docx')).length).toBe(fs.readdirSync(path.join(DIR, 'gold')).length);
    expect(summary.docx!.rows_f1).toBeGreaterThanOrEqual(BAR.docxRows);
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

describe('second blind set: header blocks of acts of regions not seen before', () => {
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
