import { nearestWithin } from './text-tokens.js';
import { TUNING } from '../settings.js';

/*
 * Deadline cells as a stream of calendar tokens. Only spelling is handled here (case,
 * inflection, OCR slips, abbreviations); what the tokens mean together is deadlines-timeline.ts.
 */

export type DeadlineToken =
  | { t: 'date'; d: number; m: number; y: number }
  | { t: 'month'; m: number }
  | { t: 'year'; y: number }
  | { t: 'num'; n: number; digits: number }
  | { t: 'roman'; n: number }
  | { t: 'dash' }
  | { t: 'slash' }
  | { t: 'sep' }
  | { t: 'word'; w: string };

const D = TUNING.normalize.deadlineLexer;

/** Stems of month names: every case form starts with one and adds at most three letters. */
const MONTH_STEMS: readonly [string, number][] = [
  ['январ', 1], ['феврал', 2], ['март', 3], ['апрел', 4], ['июн', 6], ['июл', 7], ['август', 8],
  ['сентябр', 9], ['октябр', 10], ['ноябр', 11], ['декабр', 12],
];
const MAY_FORMS = new Set(['май', 'мая', 'мае', 'маю', 'маем']);
/** Abbreviations written in tables ("сент.", "янв"). */
const MONTH_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['янв', 1], ['фев', 2], ['февр', 2], ['мар', 3], ['апр', 4], ['авг', 8], ['сен', 9], ['сент', 9],
  ['окт', 10], ['ноя', 11], ['нояб', 11], ['дек', 12],
]);
const MONTH_FULL_FORMS: ReadonlyMap<string, number> = new Map(
  MONTH_STEMS.flatMap(([stem, m]) => {
    const soft = !['март', 'август'].includes(stem);
    const endings = soft ? ['ь', 'я', 'е', 'ю', 'ем'] : ['', 'а', 'е', 'у', 'ом'];
    return endings.map((e) => [stem + e, m] as [string, number]);
  }),
);

export function monthOf(word: string): number | undefined {
  if (MAY_FORMS.has(word)) return 5;
  for (const [stem, m] of MONTH_STEMS) {
    if (word.startsWith(stem) && word.length - stem.length <= 3) return m;
  }
  const abbr = MONTH_ABBREVIATIONS.get(word);
  if (abbr !== undefined) return abbr;
  if (word.length >= D.minFuzzyMonthLength) {
    const near = nearestWithin(word, MONTH_FULL_FORMS.keys(), D.monthEditRatio);
    if (near !== undefined) return MONTH_FULL_FORMS.get(near);
  }
  return undefined;
}

const ROMAN: ReadonlyMap<string, number> = new Map([['i', 1], ['ii', 2], ['iii', 3], ['iv', 4]]);

/**
 * Lower case, unified dashes, and the OCR slips that break numbers: letters read into digit
 * runs ("2О21", "З0"), "втечение" glued together.
 */
export function normalizeDeadlineText(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/[іӏ]/g, 'i')
    .replace(/[\p{L}\d]*\d[\p{L}\d]*/gu, (run) =>
      /^[\dоoзlб]+$/u.test(run) && /\d.*\d|^[оoз]\d|\d[оoз]$/u.test(run)
        ? run.replace(/[оo]/g, '0').replace(/з/g, '3').replace(/l/g, '1').replace(/б/g, '6')
        : run,
    )
    .replace(/(\d)(?=\p{L})/gu, '$1 ')
    .replace(/в(течени)/gu, 'в $1');
}

const LEX = /(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)|(\d+)|(\p{L}+)|(-)|(\/)|([,;+&])/gu;

export function lexDeadline(normalized: string): DeadlineToken[] {
  const out: DeadlineToken[] = [];
  for (const m of normalized.matchAll(LEX)) {
    if (m[1] !== undefined) {
      const y = Number(m[3]);
      const d = Number(m[1]);
      const mo = Number(m[2]);
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) out.push({ t: 'date', d, m: mo, y: y < 100 ? 2000 + y : y });
    } else if (m[4] !== undefined) {
      const n = Number(m[4]);
      const isYear = m[4].length === 4 && n >= D.minYear && n <= D.maxYear;
      out.push(isYear ? { t: 'year', y: n } : { t: 'num', n, digits: m[4].length });
    } else if (m[5] !== undefined) {
      const w = m[5];
      const month = monthOf(w);
      const roman = ROMAN.get(w);
      if (month !== undefined) out.push({ t: 'month', m: month });
      else if (roman !== undefined) out.push({ t: 'roman', n: roman });
      else if (w === 'и') out.push({ t: 'sep' });
      else out.push({ t: 'word', w });
    } else if (m[6] !== undefined) out.push({ t: 'dash' });
    else if (m[7] !== undefined) out.push({ t: 'slash' });
    else out.push({ t: 'sep' });
  }
  return out;
}
