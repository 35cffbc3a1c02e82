import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectInlineAbbreviations, extractActors } from '../../src/normalize/actors.js';

const GOLD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/corpus/gold');

interface GoldRow { section?: string; responsible?: string; actors?: string[] }
interface Gold { id: string; preamble: string[]; document: { level: 'regional' | 'municipal' | 'school' | null }; rows: GoldRow[] }

const golds: Gold[] = fs
  .readdirSync(GOLD_DIR)
  .filter((f) => f.endsWith('.gold.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(GOLD_DIR, f), 'utf8')) as Gold);

interface Counts { tp: number; fp: number; fn: number }
const f1 = (c: Counts): number => (2 * c.tp) / (2 * c.tp + c.fp + c.fn);

/** Micro-counts of predicted vs gold codes over the rows that carry gold actors. */
function score(gold: Gold): Counts & { misses: string[] } {
  const rows = gold.rows.filter((r): r is Required<Pick<GoldRow, 'responsible' | 'actors'>> => r.responsible !== undefined && r.actors !== undefined);
  const abbreviations = collectInlineAbbreviations([...gold.preamble, ...rows.map((r) => r.responsible)], { level: gold.document.level });
  const c = { tp: 0, fp: 0, fn: 0, misses: [] as string[] };
  for (const row of rows) {
    const predicted = new Set(extractActors(row.responsible, { abbreviations, level: gold.document.level }).map((a) => a.code));
    const expected = new Set(row.actors);
    for (const code of predicted) expected.has(code) ? c.tp++ : c.fp++;
    for (const code of expected) if (!predicted.has(code)) c.fn++;
    if ([...predicted].sort().join() !== [...expected].sort().join()) c.misses.push(`${row.responsible} → ${[...predicted].join(',')} (gold ${row.actors.join(',')})`);
  }
  return c;
}

describe('actors against the gold records', () => {
  it('has the five gold documents', () => {
    expect(golds.length).toBe(5);
  });

  for (const gold of golds) {
    it(`${gold.id}: per-document F1 is reported and at least 0.9`, () => {
      const c = score(gold);
      console.info(`actor F1 ${gold.id}: ${f1(c).toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})${c.misses.length ? `\n  ${c.misses.join('\n  ')}` : ''}`);
      expect(c.tp).toBeGreaterThan(0);
      expect(f1(c)).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('micro-F1 over all gold documents is at least 0.95', () => {
    const c = golds.map(score).reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });
    console.info(`actor micro-F1 overall: ${f1(c).toFixed(3)}`);
    expect(f1(c)).toBeGreaterThanOrEqual(0.95);
  });
});
