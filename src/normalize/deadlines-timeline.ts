import type { DeadlineToken } from './deadlines-lexer.js';

/*
 * The calendar content of a deadline cell: points (a day, a month, a quarter, a year) and
 * ranges between them, with the years the cell writes. Years a cell leaves out are filled by
 * the caller from context.
 */

export interface TimePoint {
  year: number | null;
  /** First and last month the point covers (null: the whole year). */
  m0: number | null;
  m1: number | null;
  /** Day of m0 where the point starts / of m1 where it ends (null: the whole month). */
  d0: number | null;
  d1: number | null;
}

export interface TimeItem {
  start: TimePoint;
  end: TimePoint;
  /** "до 01.09.2022" only bounds the end; "с сентября 2021" only the start. */
  bound: 'both' | 'to' | 'from';
}

export interface Timeline {
  items: TimeItem[];
  /** Every point in reading order. */
  points: TimePoint[];
  /** The cell wrote at least one year. */
  explicitYear: boolean;
  /** "учебный год": a year range is Sep 1 – Aug 31. */
  academic: boolean;
}

const QUARTER_MONTHS = (q: number): [number, number] => [q * 3 - 2, q * 3];
const HALF_MONTHS = (h: number): [number, number] => (h === 1 ? [1, 6] : [7, 12]);
const ORDINALS: readonly [string, number][] = [['перв', 1], ['втор', 2], ['трет', 3], ['четверт', 4]];

/** Words that may stand between "до"/"с" and the point they bound: "до конца 2021 года". */
const BOUND_FILLERS = new Set(['конца', 'окончания', 'начала', 'середины', 'не', 'позднее', 'позже', 'до', 'с', 'со', 'начиная', 'по']);

const monthPoint = (m0: number, m1 = m0, d0: number | null = null, d1: number | null = d0): TimePoint => ({ year: null, m0, m1, d0, d1 });

function periodAfter(tokens: readonly DeadlineToken[], i: number, n: number): { point: TimePoint; next: number } | undefined {
  // "IV квартал", "1-й квартал", "2 полугодие": the period word may follow a suffix word ("й", "го").
  for (let j = i + 1; j < Math.min(tokens.length, i + 4); j++) {
    const tok = tokens[j]!;
    if (tok.t === 'dash') continue;
    if (tok.t !== 'word') return undefined;
    // "1 раз в полугодие" counts times: it names no half-year (nor "1 раз в квартал" Q1).
    if (tok.w === 'раз') return undefined;
    if (tok.w.startsWith('квартал') && n >= 1 && n <= 4) return { point: monthPoint(...QUARTER_MONTHS(n)), next: j };
    if (tok.w.startsWith('полугод') && n >= 1 && n <= 2) return { point: monthPoint(...HALF_MONTHS(n)), next: j };
    if (tok.w.length > 3) return undefined;
  }
  return undefined;
}

/**
 * "II–III кварталы", "1, 2 полугодие", "с I по III квартал", "1-й и 2-й кварталы": a number
 * that opens a run of numbers takes the period word that closes the run. Only dashes,
 * separators, numbers and short words (suffixes, "по") may stand between.
 */
function sharedPeriod(tokens: readonly DeadlineToken[], i: number, n: number): TimePoint | undefined {
  let numbers = 0;
  for (let j = i + 1; j < Math.min(tokens.length, i + 10); j++) {
    const tok = tokens[j]!;
    if (tok.t === 'dash' || tok.t === 'sep' || tok.t === 'slash') continue;
    if (tok.t === 'num' || tok.t === 'roman') {
      numbers++;
      continue;
    }
    if (tok.t !== 'word') return undefined;
    if (numbers > 0 && (tok.w.startsWith('квартал') || tok.w.startsWith('полугод'))) {
      return periodAfter([{ t: 'num', n, digits: 1 }, tok], 0, n)?.point;
    }
    if (tok.w.length > 2) return undefined;
  }
  return undefined;
}

const isTimeToken = (tok: DeadlineToken | undefined): boolean =>
  tok !== undefined && (tok.t === 'date' || tok.t === 'month' || tok.t === 'year' || tok.t === 'num' || tok.t === 'roman');

export function buildTimeline(tokens: readonly DeadlineToken[]): Timeline {
  const items: TimeItem[] = [];
  const points: TimePoint[] = [];
  let pending: TimePoint[] = [];
  let last: TimeItem | undefined;
  let connect = false;
  let bound: 'to' | 'from' | null = null;
  /** "до"/"с" bound only a point written right after them ("до конца 2021 года"), not any later one. */
  let boundAt = -Infinity;
  let i = 0;
  let explicitYear = false;
  let academic = false;

  const add = (p: TimePoint): void => {
    points.push(p);
    if (p.year === null) pending.push(p);
    if (connect && last) {
      last.end = p;
      last.bound = 'both';
    } else {
      last = { start: p, end: p, bound: bound !== null && i - boundAt <= 3 ? bound : 'both' };
      items.push(last);
      bound = null;
    }
    connect = false;
  };

  for (; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const next = tokens[i + 1];
    switch (tok.t) {
      case 'date':
        explicitYear = true;
        add({ year: tok.y, m0: tok.m, m1: tok.m, d0: tok.d, d1: tok.d });
        break;
      case 'month':
        add(monthPoint(tok.m));
        break;
      case 'num': {
        const after = tokens[i + 2];
        const third = tokens[i + 3];
        if (next?.t === 'month' && tok.n >= 1 && tok.n <= 31) {
          add(monthPoint(next.m, next.m, tok.n));
          i++;
        } else if ((next?.t === 'dash' || (next?.t === 'word' && next.w === 'по')) && after?.t === 'num' && third?.t === 'month' && tok.n <= 31 && after.n <= 31) {
          // "15-20 мая", "с 1 по 15 сентября": a span of days in one month.
          add(monthPoint(third.m, third.m, tok.n, after.n));
          i += 3;
        } else if (connect && tok.digits === 2 && last && last.end.m0 === null && last.end.year !== null) {
          // "2021-22": the second year of a range written short.
          add({ year: Math.floor(last.end.year / 100) * 100 + tok.n, m0: null, m1: null, d0: null, d1: null });
        } else {
          const period = periodAfter(tokens, i, tok.n);
          if (period) {
            add(period.point);
            i = period.next;
          } else {
            const shared = sharedPeriod(tokens, i, tok.n);
            if (shared) add(shared);
          }
        }
        break;
      }
      case 'roman': {
        const period = periodAfter(tokens, i, tok.n);
        if (period) {
          add(period.point);
          i = period.next;
        } else {
          const shared = sharedPeriod(tokens, i, tok.n);
          if (shared) add(shared);
        }
        break;
      }
      case 'year':
        explicitYear = true;
        if (pending.length > 0 && !connect) {
          assignTrailingYear(pending, tok.y);
          pending = [];
        } else {
          add({ year: tok.y, m0: null, m1: null, d0: null, d1: null });
        }
        break;
      case 'dash':
      case 'slash':
        if (last && isTimeToken(next)) connect = true;
        break;
      case 'sep':
        connect = false;
        bound = null;
        break;
      case 'word': {
        const w = tok.w;
        if (w === 'до' || w === 'позднее' || w === 'позже') [bound, boundAt] = ['to', i];
        else if (w === 'с' || w === 'со' || w === 'начиная') [bound, boundAt] = ['from', i];
        else if (w === 'по' && last && isTimeToken(next)) connect = true;
        else if (w.startsWith('учебн')) academic = true;
        else {
          const ordinal = ORDINALS.find(([stem]) => w.startsWith(stem));
          const period = ordinal ? periodAfter(tokens, i, ordinal[1]) : undefined;
          if (period) {
            add(period.point);
            i = period.next;
          } else if (!BOUND_FILLERS.has(w)) {
            bound = null;
          }
        }
        break;
      }
    }
  }
  if (explicitYear) forwardFillYears(points);
  return { items, points, explicitYear, academic };
}

const firstMonth = (p: TimePoint): number => p.m0 ?? 1;
const lastMonth = (p: TimePoint): number => p.m1 ?? 12;

/**
 * "Апрель – май, сентябрь, декабрь 2021 г.": a year written after a list applies to the whole
 * list. Reading back from the year, a month later than the one after it belongs to the year
 * before ("сентябрь – май 2022" is Sep 2021 – May 2022).
 */
function assignTrailingYear(pending: TimePoint[], year: number): void {
  let y = year;
  for (let k = pending.length - 1; k >= 0; k--) {
    const p = pending[k]!;
    p.year = y;
    const prev = pending[k - 1];
    if (prev && firstMonth(prev) > lastMonth(p)) y--;
  }
}

/**
 * Year-less points after a dated one continue its year, moving on when the month goes back. A
 * whole year is no month to go back from: "2022 год, IV квартал" is the fourth quarter of 2022.
 */
function forwardFillYears(points: TimePoint[]): void {
  let prev: TimePoint | undefined;
  for (const p of points) {
    if (p.year === null && prev?.year != null) {
      p.year = p.m0 !== null && prev.m0 !== null && firstMonth(p) < lastMonth(prev) ? prev.year + 1 : prev.year;
    }
    if (p.year !== null) prev = p;
  }
}

/** Fills year-less points from a base year, moving on when the month goes back. */
export function assignBaseYear(points: TimePoint[], base: number): void {
  let y = base;
  let prev: TimePoint | undefined;
  for (const p of points) {
    if (prev && p.m0 !== null && firstMonth(p) < lastMonth(prev)) y++;
    if (p.year === null) p.year = y;
    prev = p;
  }
}
