import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/model/plan.js';
import { collectInlineAbbreviations, extractActors } from '../../src/normalize/actors.js';

/**
 * The responsible parties of plans from every region (fixtures/vocabulary/parties.tsv): each
 * row a cell as plans write it and the codes a reader gives it. Scored as micro-F1 over codes,
 * UNKNOWN included (a party no code covers must stay UNKNOWN, not be forced into one).
 */
const TABLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/vocabulary/parties.tsv');

interface Row { line: number; text: string; codes: string[]; level: Level | null; context: string }

function readTable(): Row[] {
  const rows: Row[] = [];
  const lines = fs.readFileSync(TABLE, 'utf8').split('\n');
  let header = true;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (header) {
      header = false;
      continue;
    }
    const [text = '', codes = '', level = '', context = ''] = line.split('\t');
    rows.push({
      line: i + 1,
      text,
      codes: codes.split(',').filter(Boolean),
      level: level === '' ? null : (level as Level),
      context,
    });
  }
  return rows;
}

interface Counts { tp: number; fp: number; fn: number }
const f1 = (c: Counts): number => (c.tp === 0 && c.fp === 0 && c.fn === 0 ? 1 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));

function score(rows: readonly Row[]) {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const byCode = new Map<string, Counts & { misses: string[] }>();
  const of = (code: string) => {
    let c = byCode.get(code);
    if (!c) byCode.set(code, (c = { tp: 0, fp: 0, fn: 0, misses: [] }));
    return c;
  };
  for (const row of rows) {
    const abbreviations = collectInlineAbbreviations([row.context, row.text].filter(Boolean), { level: row.level });
    const predicted = new Set(extractActors(row.text, { abbreviations, level: row.level }).map((a) => a.code));
    const expected = new Set(row.codes);
    const got = [...predicted].sort().join(',');
    const describe = `l.${row.line} ${JSON.stringify(row.text)}${row.level ? ` [${row.level}]` : ''} → ${got || '∅'} (want ${row.codes.join(',') || '∅'})`;
    for (const code of predicted) {
      if (expected.has(code)) {
        total.tp++;
        of(code).tp++;
      } else {
        total.fp++;
        of(code).fp++;
        of(code).misses.push(`fp ${describe}`);
      }
    }
    for (const code of expected) {
      if (predicted.has(code)) continue;
      total.fn++;
      of(code).fn++;
      of(code).misses.push(`fn ${describe}`);
    }
  }
  return { total, byCode };
}

describe('responsible parties of plans from every region', () => {
  const rows = readTable();

  it('has at least 400 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
  });

  it('micro-F1 over the table is at least 0.97', () => {
    const { total, byCode } = score(rows);
    const report = [...byCode.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, c]) => `${code.padEnd(10)} F1 ${f1(c).toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
    console.info(`parties table micro-F1 ${f1(total).toFixed(3)} (tp ${total.tp}, fp ${total.fp}, fn ${total.fn})\n  ${report.join('\n  ')}`);
    if (f1(total) < 0.97 || process.env.PARTIES_MISSES) {
      const misses = [...byCode.entries()].flatMap(([code, c]) => c.misses.map((m) => `${code}: ${m}`));
      console.info(`misses:\n  ${misses.join('\n  ')}`);
    }
    expect(f1(total)).toBeGreaterThanOrEqual(0.97);
  });
});
