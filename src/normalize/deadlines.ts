import type { Deadline, DeadlineKind } from '../model/normalized.js';
import { findKeyword, repairKeywords, type KeywordHit } from './deadlines-keywords.js';
import { lexDeadline, normalizeDeadlineText } from './deadlines-lexer.js';
import { repairRomanPeriods } from './ocr-repair.js';
import { assignBaseYear, buildTimeline, type TimeItem, type TimePoint, type Timeline } from './deadlines-timeline.js';

export interface DeadlineContext {
  /** Year of the section heading the row sits under ("2021 год"), if it names one. */
  sectionYear?: number | null;
  /** The plan's period ("на 2021-2024 гг."). */
  periodFrom?: number | null;
  periodTo?: number | null;
}

/*
 * Year inference, when the cell writes no year:
 * - A section year wins: everything in the cell happens in that year (a list running past
 *   December continues into the next: "сентябрь – май").
 * - Else a one-year plan period is used the same way.
 * - Else, in a multi-year period, open-ended deadlines (recurring, continuous, as needed, by
 *   schedule, on event) span the whole period: years = all period years, from = 1 Jan of the
 *   first, to = 31 Dec of the last. A month or month range ("Август-сентябрь") could be in any
 *   of those years, so from/to stay null while years lists the period's years.
 * yearInferred is true whenever years came from context.
 */

/** The academic year runs 1 September – 31 August. */
const ACADEMIC_START_MONTH = 9;

const pad = (n: number): string => String(n).padStart(2, '0');
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(Math.min(d, daysIn(y, m)))}`;

function startOf(p: TimePoint, academic: boolean): string {
  const y = p.year!;
  if (p.m0 === null) return academic ? iso(y, ACADEMIC_START_MONTH, 1) : iso(y, 1, 1);
  return iso(y, p.m0, p.d0 ?? 1);
}

function endOf(p: TimePoint, academic: boolean): string {
  const y = p.year!;
  if (p.m1 === null) return academic ? iso(y, ACADEMIC_START_MONTH - 1, 31) : iso(y, 12, 31);
  return iso(y, p.m1, p.d1 ?? daysIn(y, p.m1));
}

function monthsOf(items: readonly TimeItem[]): number[] {
  const out: number[] = [];
  const push = (m: number): void => {
    if (!out.includes(m)) out.push(m);
  };
  for (const it of items) {
    if (it.start.m0 === null || it.end.m1 === null) continue;
    // Walk the span in calendar order, through December into January when it wraps.
    const first = it.start.m0;
    const byYears = it.start.year !== null && it.end.year !== null ? (it.end.year - it.start.year) * 12 + it.end.m1 - first : -1;
    const span = byYears >= 0 ? byYears : (it.end.m1 - first + 12) % 12;
    for (let k = 0; k <= Math.min(span, 11); k++) push(((first - 1 + k) % 12) + 1);
  }
  return out;
}

function yearsOf(items: readonly TimeItem[], academic: boolean): number[] {
  const years = new Set<number>();
  for (const it of items) {
    const a = it.start.year;
    let b = it.end.year;
    if (a === null || b === null) continue;
    // "2021-2022 учебный год" ends in August 2022; a single "2021/22" is one academic year.
    if (academic && it.start.m0 === null && a === b) b = a + 1;
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) years.add(y);
  }
  return [...years].sort((x, y) => x - y);
}

function envelope(items: readonly TimeItem[], academic: boolean): { from: string | null; to: string | null } {
  let from: string | null = null;
  let to: string | null = null;
  for (const it of items) {
    if (it.start.year === null || it.end.year === null) continue;
    const yearRange = academic && it.start.m0 === null && it.end.m1 === null;
    const end = yearRange && it.start === it.end ? { ...it.end, year: it.end.year + 1 } : it.end;
    if (it.bound !== 'to') {
      const s = startOf(it.start, yearRange);
      if (from === null || s < from) from = s;
    }
    if (it.bound !== 'from') {
      const e = endOf(end, yearRange);
      if (to === null || e > to) to = e;
    }
  }
  return from !== null && to !== null && from > to ? { from: to, to: from } : { from, to };
}

/** Kind of a cell that names only calendar points. */
function calendarKind(tl: Timeline): { kind: DeadlineKind; recurrence: Deadline['recurrence'] } {
  const { items } = tl;
  if (items.length >= 2) {
    // "Ноябрь, январь, март, июнь": months with no year are a yearly pattern.
    if (!tl.explicitYear) return { kind: 'recurring', recurrence: null };
    // "май 2022, май 2023": the same months in several years.
    const byYear = new Map<number, string>();
    for (const it of items) {
      if (it.start.year === null || it.start.year !== it.end.year) return { kind: 'range', recurrence: null };
      const key = `${it.start.m0}-${it.end.m1}`;
      byYear.set(it.start.year, (byYear.get(it.start.year) ?? '') + key + ';');
    }
    const patterns = new Set(byYear.values());
    if (byYear.size >= 2 && patterns.size === 1) return { kind: 'recurring', recurrence: 'annual' };
    return { kind: 'range', recurrence: null };
  }
  const only = items[0]!;
  if (only.start === only.end && only.bound !== 'from') {
    const p = only.start;
    return { kind: tl.academic && p.m0 === null ? 'range' : p.m0 !== null && p.m0 !== p.m1 ? 'range' : 'date', recurrence: null };
  }
  return { kind: 'range', recurrence: null };
}

function contextYears(ctx: DeadlineContext): number[] {
  if (ctx.sectionYear != null) return [ctx.sectionYear];
  const a = ctx.periodFrom ?? ctx.periodTo;
  const b = ctx.periodTo ?? ctx.periodFrom;
  if (a == null || b == null) return [];
  const out: number[] = [];
  for (let y = Math.min(a, b); y <= Math.max(a, b); y++) out.push(y);
  return out;
}

function split(text: string): { main: string; aside: string } {
  const aside: string[] = [];
  const main = text.replace(/\(([^()]*)\)?/g, (_, inner: string) => {
    aside.push(inner);
    return ' , ';
  });
  return { main, aside: aside.join(' , ') };
}

/**
 * Parses a deadline cell. Never throws; a cell it cannot read is kind 'unknown' with its raw
 * text kept. Months of a span are listed in full ("июль-август" → [7, 8]).
 */
export function parseDeadline(raw: string, ctx: DeadlineContext = {}): Deadline {
  // OCR'd cells come repaired already; a cell parsed on its own gets the period numbers back too.
  const text = repairKeywords(normalizeDeadlineText(repairRomanPeriods(raw)));
  const { main, aside } = split(text);
  const mainTl = buildTimeline(lexDeadline(main));
  const asideTl = buildTimeline(lexDeadline(aside));
  // What the cell says outside parentheses decides; a remark in parentheses decides only when
  // the cell says nothing else, or when it adds a cadence ("2021-2024 (ежегодно)").
  const asideKw = findKeyword(aside);
  const keyword: KeywordHit | undefined =
    findKeyword(main) ?? (mainTl.items.length === 0 || asideKw?.kind === 'recurring' ? asideKw : undefined);
  const tl = mainTl.items.length > 0 ? mainTl : asideTl;

  const unknown: Deadline = { raw, kind: 'unknown', years: [], months: [], from: null, to: null, recurrence: null, yearInferred: false };
  if (!keyword && tl.items.length === 0) return unknown;

  const { kind, recurrence } = keyword ?? calendarKind(tl);
  const ctxYears = contextYears(ctx);
  const base = ctx.sectionYear ?? (ctxYears.length === 1 ? ctxYears[0] : undefined);
  if (!tl.explicitYear && base !== undefined) assignBaseYear(tl.points, base);

  const months = monthsOf(tl.items);
  const resolved = tl.items.length > 0 && tl.items.every((it) => it.start.year !== null && it.end.year !== null);
  if (resolved) {
    const { from, to } = envelope(tl.items, tl.academic);
    return { raw, kind, years: yearsOf(tl.items, tl.academic), months, from, to, recurrence, yearInferred: !tl.explicitYear };
  }
  const openEnded = kind !== 'date' && kind !== 'range';
  const first = ctxYears[0];
  const last = ctxYears[ctxYears.length - 1];
  const span = openEnded && first !== undefined && last !== undefined;
  return {
    raw,
    kind,
    years: ctxYears,
    months,
    from: span ? iso(first, 1, 1) : null,
    to: span ? iso(last, 12, 31) : null,
    recurrence,
    yearInferred: ctxYears.length > 0,
  };
}

/**
 * The year a section heading stands for ("2021 год", "2022 г.", "III. 2023 год"), or null for
 * headings that are topics ("1. Нормативно-правовое обеспечение").
 */
export function yearOfSection(section: string): number | null {
  const m = /^\s*(?:[\divxlc]+[.)]\s*)?(?:на\s+)?((?:19|20)\d{2})\s*(?:год[а-я]*|гг?\.?)?\s*\.?\s*$/iu.exec(section);
  return m ? Number(m[1]) : null;
}
