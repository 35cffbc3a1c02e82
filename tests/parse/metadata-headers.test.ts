import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalPlaces } from '../../src/normalize/places.js';
import { extractMetadata, type MetaLine } from '../../src/parse/metadata.js';

/**
 * Header blocks of plans from many regions (fixtures/metadata/headers: one block a file,
 * expected fields in expected.json): orders, resolutions, dispositions, approval stamps,
 * school orders and letters; the act's number before or after its date; two-column headers
 * as a DOCX gives them (cells or tab stops: a tab between the columns, a leading tab for a
 * line of the right column alone). Lines take `{b}`/`{c}` prefixes for bold/centred.
 */

const DIR = path.resolve(import.meta.dirname, '../../fixtures/metadata/headers');
const FIELDS = ['region', 'municipality', 'level', 'issuer', 'act_type', 'act_number', 'act_date', 'title'] as const;
type Field = (typeof FIELDS)[number];
type Fields = Record<Field, string | null>;

const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Fields>;
const ids = readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

function lines(id: string): MetaLine[] {
  return readFileSync(path.join(DIR, `${id}.txt`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^((?:\{[bc]\})*)(.*)$/.exec(l)!;
    return { text: m[2]!, page: 1, bold: m[1]!.includes('{b}'), centered: m[1]!.includes('{c}') };
  });
}

export function readHeader(id: string): Fields {
  const { meta } = extractMetadata(lines(id));
  const places = canonicalPlaces(meta.region, meta.municipality);
  return {
    region: places.region,
    municipality: places.municipality,
    level: meta.level,
    issuer: meta.issuer,
    act_type: meta.actType,
    act_number: meta.actNumber,
    act_date: meta.actDate,
    title: meta.title,
  };
}

describe('metadata of header blocks from many regions', () => {
  it('has at least 60 cases, each with its expected fields', () => {
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(expected).sort()).toEqual(ids);
  });

  it('reads at least 97% of the fields right', () => {
    const right = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
    const misses: string[] = [];
    for (const id of ids) {
      const got = readHeader(id);
      for (const f of FIELDS) {
        if (got[f] === expected[id]![f]) right[f]++;
        else misses.push(`${id} ${f}: ${JSON.stringify(got[f])} ≠ ${JSON.stringify(expected[id]![f])}`);
      }
    }
    const total = FIELDS.reduce((s, f) => s + right[f], 0) / (FIELDS.length * ids.length);
    const perField = FIELDS.map((f) => `${f} ${(right[f] / ids.length).toFixed(3)}`).join(', ');
    if (process.env.HEADERS_REPORT) console.log(`overall ${total.toFixed(3)}; ${perField}\n${misses.join('\n')}`);
    expect(total, `${perField}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.97);
  });
});
