import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/model/normalized.js';
import { parseDeadline, type DeadlineContext } from '../../src/normalize/deadlines.js';

/*
 * fixtures/vocabulary/deadlines-extra.tsv: deadline wordings for school quarters, trimesters,
 * half-years, OCR'd Roman period numbers ("П-Ш кварталы") and wrapped year ranges, each with the
 * structured deadline it must give. Columns: raw, context, kind, recurrence, years, months,
 * from, to; "-" is null (or an empty list).
 */
const TSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/vocabulary/deadlines-extra.tsv');

interface Case {
  line: number;
  raw: string;
  ctx: DeadlineContext;
  expected: Pick<Deadline, 'kind' | 'recurrence' | 'years' | 'months' | 'from' | 'to'>;
}

function context(s: string): DeadlineContext {
  if (s === '-') return {};
  const section = /^section (\d{4})$/u.exec(s);
  if (section) return { sectionYear: Number(section[1]) };
  const period = /^period (\d{4})-(\d{4})$/u.exec(s);
  if (period) return { periodFrom: Number(period[1]), periodTo: Number(period[2]) };
  throw new Error(`bad context ${JSON.stringify(s)}`);
}

const list = (s: string): number[] => (s === '-' ? [] : s.split(',').map(Number));
const orNull = (s: string): string | null => (s === '-' ? null : s);

const cases: Case[] = fs
  .readFileSync(TSV, 'utf8')
  .split('\n')
  .map((text, k) => ({ text, line: k + 1 }))
  .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'))
  .map(({ text, line }) => {
    const cols = text.split('\t');
    if (cols.length !== 8) throw new Error(`line ${line}: ${cols.length} columns`);
    const [raw, ctx, kind, recurrence, years, months, from, to] = cols as [string, string, string, string, string, string, string, string];
    return {
      line,
      raw,
      ctx: context(ctx),
      expected: {
        kind: Deadline.shape.kind.parse(kind),
        recurrence: Deadline.shape.recurrence.parse(orNull(recurrence)),
        years: list(years),
        months: list(months),
        from: orNull(from),
        to: orNull(to),
      },
    };
  });

describe('deadline wordings of fixtures/vocabulary/deadlines-extra.tsv', () => {
  it('has the forms of issue #12', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.line, c.raw, c] as const))('line %i: %j', (_line, raw, c) => {
    const d = parseDeadline(raw, c.ctx);
    expect(Deadline.parse(d)).toEqual(d);
    expect(d.raw).toBe(raw);
    expect({ kind: d.kind, recurrence: d.recurrence, years: d.years, months: d.months, from: d.from, to: d.to }).toEqual(c.expected);
  });
});
