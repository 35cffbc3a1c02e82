import { describe, expect, it } from 'vitest';
import { actorOverlap, sameActors, sameDeadline, type DeadlineFacts } from '../../src/compare/changes.js';
import { chooseCounterpart, twinsOf, type Structured } from '../../src/compare/counterpart.js';
import type { PlanDocument } from '../../src/compare/link-rows.js';
import { referenceFor } from '../../src/compare/reference-choice.js';
import { termsOf } from '../../src/compare/terms.js';

const dl = (d: Partial<DeadlineFacts>): DeadlineFacts => ({ kind: 'date', years: [2021], months: [9], recurrence: null, yearInferred: false, ...d });

describe('sameDeadline / sameActors', () => {
  it('compares kind, recurrence and months, and years only when both cells wrote them', () => {
    expect(sameDeadline(dl({}), dl({}))).toBe(true);
    expect(sameDeadline(dl({ months: [9] }), dl({ months: [10] }))).toBe(false);
    expect(sameDeadline(dl({ kind: 'range', months: [7, 8] }), dl({ kind: 'range', months: [8, 7] }))).toBe(true);
    expect(sameDeadline(dl({ years: [2021] }), dl({ years: [2022] }))).toBe(false);
    // "ежегодно" in plans of different periods: the years come from the periods.
    const annual = { kind: 'recurring', recurrence: 'annual', months: [] };
    expect(sameDeadline(dl({ ...annual, years: [2021, 2022], yearInferred: true }), dl({ ...annual, years: [2021, 2022, 2023, 2024], yearInferred: true }))).toBe(true);
    expect(sameDeadline(dl({ ...annual, recurrence: 'quarterly' }), dl(annual))).toBe(false);
  });

  it('treats actor codes as sets', () => {
    expect(sameActors(['МОУО', 'ОО'], ['ОО', 'МОУО'])).toBe(true);
    expect(sameActors(['МОУО'], ['МОУО', 'ИРО'])).toBe(false);
    expect(sameActors([], [])).toBe(true);
    expect(actorOverlap(['МОУО', 'ОО'], ['МОУО', 'ИРО'])).toBeCloseTo(1 / 3);
    expect(actorOverlap([], [])).toBe(1);
  });
});

describe('chooseCounterpart', () => {
  const row = (actors: string[], d: Partial<DeadlineFacts> = {}): Structured => ({ actors, deadline: dl(d) });
  // R0 is the regional row, R1 its municipal twin, R2 something else.
  const refs = [row(['РОИВ', 'ИРО'], { months: [6] }), row(['МОУО', 'ОО'], { kind: 'range', months: [7, 8] }), row(['МОУО'])];
  const twins = twinsOf(3, (i) => [[1, 0.87, 0.3], [0.87, 1, 0.5], [0.3, 0.5, 1]][i]!, 0.8);

  it('finds the twins of each reference activity', () => {
    expect(twins).toEqual([[1], [0], []]);
  });

  it('takes the most similar reference activity at or above the threshold', () => {
    expect(chooseCounterpart([0.1, 0.2, 0.9], row(['ОО']), refs, twins, { threshold: 0.2 })).toEqual({ index: 2, score: 0.9, nearest: 2 });
  });

  it('links to none below the threshold, keeping the best score and the nearest', () => {
    expect(chooseCounterpart([0.05, 0.15, 0.1], row(['ОО']), refs, twins, { threshold: 0.2 })).toEqual({ index: null, score: 0.15, nearest: 1 });
    expect(chooseCounterpart([0, 0, 0], row([]), refs, twins, { threshold: 0.2 })).toEqual({ index: null, score: 0, nearest: null });
  });

  it('between twins, takes the one agreeing on who and when, even when its text scores a little lower', () => {
    const municipal = row(['МОУО', 'ОО'], { kind: 'range', months: [7, 8] });
    expect(chooseCounterpart([1, 0.87, 0.2], municipal, refs, twins, { threshold: 0.2 })).toEqual({ index: 1, score: 0.87, nearest: 0 });
    // The regional row's own actors keep it.
    expect(chooseCounterpart([1, 0.87, 0.2], row(['РОИВ', 'ИРО'], { months: [6] }), refs, twins, { threshold: 0.2 }).index).toBe(0);
    // A twin below the threshold is not a candidate.
    expect(chooseCounterpart([0.3, 0.19, 0], municipal, refs, twins, { threshold: 0.2 }).index).toBe(0);
  });

  it('clamps rounding above 1', () => {
    expect(chooseCounterpart([1.0000000000000002, 0, 0], row(['ОО']), refs, [[], [], []], { threshold: 0.2 }).score).toBe(1);
  });
});

describe('referenceFor', () => {
  const doc = (id: number, region: string | null, actDate: string | null = null, isReference = true): PlanDocument =>
    ({ id, sourcePath: `${id}.pdf`, region, municipality: null, level: null, title: null, actDate, isReference });
  const perm2021 = doc(1, 'Пермский край', '2021-06-01');
  const perm2022 = doc(2, 'Пермский край', '2022-02-01');
  const permUndated = doc(5, 'Пермский край');
  const ossetia = doc(3, 'Республика Северная Осетия – Алания', '2023-01-01');

  it('prefers the same region, then the latest act, undated last', () => {
    const refs = [perm2021, perm2022, permUndated, ossetia];
    expect(referenceFor(doc(10, 'Пермский край', null, false), refs)).toBe(perm2022);
    expect(referenceFor(doc(10, 'Республика Северная Осетия – Алания', null, false), refs)).toBe(ossetia);
  });

  it('sends a plan of another or unknown region to the most recent reference', () => {
    expect(referenceFor(doc(10, 'Нижегородская область', null, false), [perm2021, ossetia])).toBe(ossetia);
    expect(referenceFor(doc(10, null, null, false), [perm2021, perm2022])).toBe(perm2022);
    expect(referenceFor(doc(10, null, null, false), [permUndated, doc(6, 'X')])).toEqual(doc(6, 'X'));
    expect(referenceFor(doc(10, 'Пермский край', null, false), [])).toBeNull();
  });
});

describe('terms', () => {
  it('drops the names of the programme\'s target group, which every plan repeats', () => {
    const terms = termsOf('Разработка критериев работы со школами с низкими результатами обучения и/или школами, функционирующими в неблагоприятных социальных условиях', { bigrams: false });
    expect(terms).toEqual(['разработк', 'критер', 'работ', 'школ', 'школ']);
    expect(termsOf('Поддержка ШНОР и школ с низкими образовательными результатами обучающихся', { bigrams: false })).toEqual(['поддержк', 'школ']);
  });

  it('keeps "низких" and "результат" when they are not the group\'s name', () => {
    expect(termsOf('Выявление школ с низкими (необъективными) результатами', { bigrams: false })).toContain('необъективн');
    expect(termsOf('Выявление школ с низкими (необъективными) результатами', { bigrams: false })).toContain('низк');
  });

  it('pairs adjacent stems after the removal', () => {
    expect(termsOf('адресных рекомендаций', { bigrams: true })).toEqual(['адресн', 'рекомендац', 'адресн_рекомендац']);
  });
});
