import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/model/normalized.js';
import { parseDeadline } from '../../src/normalize/deadlines.js';
import { repairOcrText, repairRomanPeriods } from '../../src/normalize/ocr-repair.js';

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
  // Forms of issue #12: school quarters, trimesters, OCR'd Roman period numbers.
  'четверть', 'четверти', 'четвертый', 'триместр', 'каждой', 'раз в', 'ежетриместрово', 'кварталы', 'П', 'Ш', '1V', 'ГУ', '1I', 'Il', '1-й',
);

/** How OCR writes the Roman numbers 1–4 (index + 1), the right reading first. */
const ROMAN_GLYPHS: readonly (readonly string[])[] = [
  ['I', 'l', 'Т', 'Г', 'І'],
  ['II', 'П', 'п', '1I', 'Il', 'lI', 'll'],
  ['III', 'Ш', 'ш', '1II', 'IlI', '1П'],
  ['IV', '1V', 'ГУ', 'ТУ', 'IУ', 'lV'],
];
const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const QUARTER_WORDS = ['квартал', 'квартала', 'кварталы', 'кварталах', 'КВАРТАЛ', 'Квартал'] as const;
const HALF_WORDS = ['полугодие', 'полугодия', 'полугодии', 'ПОЛУГОДИЕ'] as const;
const RANGE_DASHES = ['-', '–', ' - ', ' – ', '—'] as const;

const glyph = (n: number): fc.Arbitrary<string> => fc.constantFrom(...ROMAN_GLYPHS[n - 1]!);
const mm = (m: number): string => String(m).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Wordings of "once each school quarter", "once each trimester" and "once each half-year". */
const SCHOOL_QUARTER_RECURRING = [
  '1 раз в четверть', 'один раз в четверть', 'в конце каждой четверти', 'по итогам каждой четверти', 'по итогам четверти',
  'в конце каждой учебной четверти', 'ежечетвертно', 'по четвертям', 'по окончании каждой четверти',
] as const;
const TRIMESTER_RECURRING = [
  'ежетриместрово', 'по итогам каждого триместра', '1 раз в триместр', 'в конце каждого триместра', 'по триместрам', 'по итогам триместра',
] as const;
const HALF_YEAR_RECURRING = [
  'ежеполугодно', '1 раз в полугодие', 'один раз в полугодие', 'каждое полугодие', 'по полугодиям', 'раз в полугодие',
] as const;

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

  it('a quarter range in any OCR spelling of its Roman numbers spans the quarters', () => {
    const quarters = fc
      .integer({ min: 1, max: 4 })
      .chain((a) => fc.integer({ min: a, max: 4 }).map((b) => [a, b] as const))
      .chain(([a, b]) => fc.tuple(fc.constant(a), fc.constant(b), glyph(a), glyph(b)));
    fc.assert(
      fc.property(
        quarters,
        fc.integer({ min: 2000, max: 2099 }),
        fc.constantFrom(...QUARTER_WORDS),
        fc.constantFrom(...RANGE_DASHES),
        fc.boolean(),
        ([a, b, ga, gb], y, word, dash, inPrefix) => {
          const numbers = a === b ? ga : `${ga}${dash}${gb}`;
          const raw = `${inPrefix ? 'в ' : ''}${numbers} ${word} ${y} г.`;
          const d = parseDeadline(raw, {});
          expect(d.kind).toBe('range');
          expect(d.years).toEqual([y]);
          expect(d.months).toEqual(Array.from({ length: (b - a + 1) * 3 }, (_, k) => a * 3 - 2 + k));
          expect(d.from).toBe(`${y}-${mm(a * 3 - 2)}-01`);
          expect(d.to).toBe(`${y}-${mm(b * 3)}-${lastDay(y, b * 3)}`);
          // The OCR repair writes misread numbers back, a range with an en dash.
          const canonical = a === b ? ROMAN[a - 1]! : `${ROMAN[a - 1]}–${ROMAN[b - 1]}`;
          if (numbers !== canonical.replace('–', dash)) expect(repairOcrText(raw)).toContain(`${canonical} ${word}`);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a half-year in any OCR spelling is its six months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(...HALF_WORDS), fc.nat(), (h, y, word, pick) => {
        const spellings = ROMAN_GLYPHS[h - 1]!;
        const raw = `${spellings[pick % spellings.length]} ${word} ${y} года`;
        const d = parseDeadline(raw, {});
        expect(d.kind).toBe('range');
        expect(d.from).toBe(`${y}-${h === 1 ? '01' : '07'}-01`);
        expect(d.to).toBe(`${y}-${h === 1 ? '06-30' : '12-31'}`);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers a period cannot have are never "repaired" into it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 4 }), fc.nat(), fc.constantFrom(...HALF_WORDS), (n, pick, word) => {
        const spellings = ROMAN_GLYPHS[n - 1]!;
        const text = `${spellings[pick % spellings.length]} ${word}`;
        expect(repairRomanPeriods(text)).toBe(text);
      }),
    );
  });

  it('the period repair is idempotent and changes nothing but numbers before a period word', () => {
    fc.assert(
      fc.property(fc.array(FRAGMENT, { maxLength: 10 }).map((parts) => parts.join(' ')), (text) => {
        const once = repairRomanPeriods(text);
        expect(repairRomanPeriods(once)).toBe(once);
        if (!/квартал|полугод|триместр|четверт/iu.test(text)) expect(once).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('once each school quarter recurs quarterly, each trimester per trimester, each half-year semiannually, over the plan period', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...SCHOOL_QUARTER_RECURRING).map((w) => [w, 'quarterly'] as const),
          fc.constantFrom(...TRIMESTER_RECURRING).map((w) => [w, 'trimester'] as const),
          fc.constantFrom(...HALF_YEAR_RECURRING).map((w) => [w, 'semiannual'] as const),
        ),
        fc.integer({ min: 0, max: CASINGS.length - 1 }),
        fc.constantFrom('', 'в течение учебного года, ', 'ежегодно, '),
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 0, max: 5 }),
        ([wording, recurrence], ci, prefix, from, len) => {
          const raw = CASINGS[ci]!(`${prefix}${wording}`);
          const d = parseDeadline(raw, { periodFrom: from, periodTo: from + len });
          expect(d.kind).toBe('recurring');
          // "ежегодно, по итогам четверти" says both: the yearly cadence is read first.
          expect(d.recurrence).toBe(prefix === 'ежегодно, ' ? 'annual' : recurrence);
          expect(d.years).toEqual(Array.from({ length: len + 1 }, (_, k) => from + k));
          expect(d.from).toBe(`${from}-01-01`);
          expect(d.to).toBe(`${from + len}-12-31`);
          expect(d.yearInferred).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the ordinal "четвертый" is a quarter number, never a school-quarter cadence', () => {
    fc.assert(
      fc.property(fc.constantFrom('четвертый квартал', 'четвёртом квартале', 'четвертого квартала', 'в четвертом квартале'), fc.integer({ min: 2000, max: 2099 }), (w, y) => {
        const d = parseDeadline(`${w} ${y} г.`, {});
        expect(d.kind).toBe('range');
        expect(d.recurrence).toBeNull();
        expect(d.months).toEqual([10, 11, 12]);
      }),
    );
  });
});
