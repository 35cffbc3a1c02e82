import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli.js';
import { canonicalPlaces } from '../../src/normalize/places.js';
import { extractMetadata } from '../../src/parse/metadata.js';
import { metaLines } from './header-lines.js';
import { score, sink, tempDir, type KindScores } from './corpus.js';

/**
 * A set of regional plans rebuilt from public pages (fixtures/regional-unseen*: files/, gold/,
 * headers/ with expected.json), read as an analyst would: its DOCX and PDFs through the real CLI,
 * scored by score.py; its act header blocks through the metadata stage alone.
 */
export async function ingestRegionalSet(dir: string): Promise<{ summary: Record<string, KindScores>; results: { path: string; status: string }[] }> {
  const name = path.basename(dir);
  const input = tempDir(`${name}-in-`);
  for (const f of fs.readdirSync(path.join(dir, 'files'))) {
    if (/\.(docx|pdf)$/.test(f)) fs.symlinkSync(path.join(dir, 'files', f), path.join(input, f));
  }
  const db = path.join(tempDir(`e2e-${name}-`), 'roadmaps.sqlite');
  const out = sink();
  const err = sink();
  const code = await main([input, '--db', db, '--json'], { stdout: out.stream, stderr: err.stream });
  expect(code, err.text()).toBe(0);
  return { summary: score(db, path.join(dir, 'gold')).summary, results: JSON.parse(out.text()).results };
}

const FIELDS = ['region', 'municipality', 'act_type', 'act_number', 'act_date'] as const;

/** Share of the header blocks' fields (region, municipality, act type, number, date) read as expected, and the misses. */
export function headerFieldShare(headersDir: string): { share: number; misses: string[] } {
  const expected = JSON.parse(fs.readFileSync(path.join(headersDir, 'expected.json'), 'utf8')) as Record<string, Record<(typeof FIELDS)[number], string | null>>;
  const ids = fs.readdirSync(headersDir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  expect(Object.keys(expected).sort()).toEqual(ids);
  let right = 0;
  const misses: string[] = [];
  for (const id of ids) {
    const { meta } = extractMetadata(metaLines(fs.readFileSync(path.join(headersDir, `${id}.txt`), 'utf8')));
    const places = canonicalPlaces(meta.region, meta.municipality);
    const got = { region: places.region, municipality: places.municipality, act_type: meta.actType, act_number: meta.actNumber, act_date: meta.actDate };
    for (const f of FIELDS) {
      if (got[f] === expected[id]![f]) right++;
      else misses.push(`${id} ${f}: ${JSON.stringify(got[f])} ≠ ${JSON.stringify(expected[id]![f])}`);
    }
  }
  return { share: right / (ids.length * FIELDS.length), misses };
}
