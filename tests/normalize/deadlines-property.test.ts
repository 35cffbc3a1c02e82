import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/model/normalized.js';
import { parseDeadline } from '../../src/normalize/deadlines.js';

/** Each month in the nominative, genitive and prepositional case; index + 1 is the month. */
const MONTH_FORMS: readonly (readonly [string, string, string])[] = [
  ['январь', 'января', 'январе'], ['февраль', 'февраля', 'феврале'], ['март', 'марта', 'марте'],
  ['апрель', 'апреля', 'апреле'], ['май', 'мая', 'мае'], ['июнь', 'июня', 'июне'],
  ['июль', 'июля', 'июле'], ['август', 'августа', 'августе'], ['сентябрь', 'сентября', 'сентябре'],
  ['октябрь', 'октября', 'октябре'], ['ноябрь', 'ноября', 'ноябре'], ['декабрь', 'декабря', 'декабре'],
];

/** Ways a cell writes "month M of year Y". */
const TEMPLATES: readonly ((f: readonly [string, string, string], y: number) => string)[] = [
  ([nom], y) => `${nom} ${y}`,
  ([nom], y) => `${nom}, ${y} г.`,
  ([nom], y) => `${nom} ${y} года`,
  ([, gen], y) => `до 15 ${gen} ${y} г.`,
  ([, gen], y) => `не позднее 1 ${gen} ${y}`,
  ([, , prep], y) => `в ${prep} ${y} года`,
];

const CASINGS: readonly ((s: string) => string)[] = [(s) => s, (s) => s.toUpperCase(), (s) => s.charAt(0).toUpperCase() + s.slice(1)];

/** Fragments deadline cells are made of, to build plausible-but-messy inputs. */
const FRAGMENT = fc.constantFrom(
  'январь', 'мая', 'сентябре', 'декабрь', '2021', '2024', '21', '1', '31', '-', '–', ',', ';', '(', ')', 'по', 'до', 'с', 'г.',
  'гг.', 'год', 'ежегодно', 'в течение', 'квартал', 'IV', 'полугодие', 'учебного года', '01.09.2022', '31.13.2021', '/', 'и',
  'по мере необходимости', 'по итогам', 'З0', '2О21', ' ',
);

describe('parseDeadline properties', () => {
  it('recovers month and year for any month × year × form × casing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 0, max: TEMPLATES.length - 1 }),
        fc.integer({ min: 0, max: CASINGS.length - 1 }),
        (mi, year, ti, ci) => {
          const raw = CASINGS[ci]!(TEMPLATES[ti]!(MONTH_FORMS[mi]!, year));
          const d = parseDeadline(raw, {});
          expect(d.months).toEqual([mi + 1]);
          expect(d.years).toEqual([year]);
          expect(d.kind).toBe('date');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws, always returns a valid Deadline keeping raw, with from <= to', () => {
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.array(FRAGMENT, { maxLength: 12 }).map((parts) => parts.join(' ')),
    );
    const ctx = fc.record({
      sectionYear: fc.option(fc.integer({ min: 1990, max: 2100 })),
      periodFrom: fc.option(fc.integer({ min: 1990, max: 2100 })),
      periodTo: fc.option(fc.integer({ min: 1990, max: 2100 })),
    });
    fc.assert(
      fc.property(input, ctx, (raw, c) => {
        const d = parseDeadline(raw, c);
        expect(Deadline.parse(d)).toEqual(d);
        expect(d.raw).toBe(raw);
        if (d.from !== null && d.to !== null) expect(d.from <= d.to).toBe(true);
        for (const iso of [d.from, d.to]) if (iso !== null) expect(Number.isNaN(Date.parse(iso))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a range of two months in one year spans from the first to the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 2000, max: 2099 }), (a, b, y) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        fc.pre(lo !== hi);
        const d = parseDeadline(`${MONTH_FORMS[lo]![0]} – ${MONTH_FORMS[hi]![0]} ${y} г.`, {});
        expect(d.kind).toBe('range');
        expect(d.from).toBe(`${y}-${String(lo + 1).padStart(2, '0')}-01`);
        expect(d.to?.slice(0, 7)).toBe(`${y}-${String(hi + 1).padStart(2, '0')}`);
        expect(d.months.length).toBe(hi - lo + 1);
      }),
    );
  });
});
