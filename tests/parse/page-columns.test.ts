import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/model/index.js';
import { registerColumns, type PageColumn } from '../../src/parse/page-columns.js';

describe('registerColumns', () => {
  const columns: PageColumn[] = [
    { role: 'number', header: '№', x0: 60, x1: 90 },
    { role: 'activity', header: 'Мероприятие', x0: 90, x1: 254 },
    { role: 'responsible', header: 'Ответственный', x0: 254, x1: 356 },
    { role: 'deadline', header: 'Сроки', x0: 356, x1: 439 },
    { role: 'result', header: 'Результат', x0: 439, x1: 570 },
  ];
  const v = (at: number): Rule => ({ orientation: 'v', at, from: 50, to: 780 });

  it('a sheet lying 2 pt off, within the rule match at no shift, still has its boundaries put on its own rules', () => {
    const rules = [58, 88, 252, 354, 437, 568].map(v);
    const out = registerColumns(columns, rules, 20);
    expect(out.map((c) => c.x0)).toEqual([58, 88, 252, 354, 437]);
    expect(out.at(-1)!.x1).toBe(568);
  });

  it('without enough rules to agree on, the columns stay as they are', () => {
    expect(registerColumns(columns, [v(88)], 20)).toEqual(columns);
  });
});
