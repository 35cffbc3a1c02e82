import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/model/normalized.js';
import { parseDeadline, yearOfSection } from '../../src/normalize/deadlines.js';

const PERIOD = { periodFrom: 2021, periodTo: 2024 };
const pick = (d: Deadline) => ({ kind: d.kind, years: d.years, months: d.months, from: d.from, to: d.to, recurrence: d.recurrence, yearInferred: d.yearInferred });

describe('parseDeadline: calendar forms', () => {
  it.each<[string, Partial<ReturnType<typeof pick>>]>([
    ['2021 год', { kind: 'date', years: [2021], months: [], from: '2021-01-01', to: '2021-12-31' }],
    ['Август, 2021', { kind: 'date', years: [2021], months: [8], from: '2021-08-01', to: '2021-08-31' }],
    ['февраль 2024', { kind: 'date', from: '2024-02-01', to: '2024-02-29' }],
    ['июль-август, 2021 г.', { kind: 'range', years: [2021], months: [7, 8], from: '2021-07-01', to: '2021-08-31' }],
    ['Апрель – май, сентябрь, декабрь 2021 г.', { kind: 'range', years: [2021], months: [4, 5, 9, 12], from: '2021-04-01', to: '2021-12-31' }],
    ['Сентябрь-октябрь-ноябрь 2022 г.г.', { kind: 'range', months: [9, 10, 11], from: '2022-09-01', to: '2022-11-30' }],
    ['2021-2024', { kind: 'range', years: [2021, 2022, 2023, 2024], from: '2021-01-01', to: '2024-12-31' }],
    ['2022-2024 гг.', { kind: 'range', years: [2022, 2023, 2024], from: '2022-01-01', to: '2024-12-31' }],
    ['2021 – 22', { kind: 'range', years: [2021, 2022] }],
    ['до 01.09.2022', { kind: 'date', years: [2022], months: [9], from: null, to: '2022-09-01' }],
    ['01.09.2021', { kind: 'date', from: '2021-09-01', to: '2021-09-01' }],
    ['не позднее 15.03.22', { kind: 'date', from: null, to: '2022-03-15' }],
    ['IV квартал 2021', { kind: 'range', months: [10, 11, 12], from: '2021-10-01', to: '2021-12-31' }],
    ['в 1-м квартале 2023 года', { kind: 'range', months: [1, 2, 3], from: '2023-01-01', to: '2023-03-31' }],
    ['второе полугодие 2022 г.', { kind: 'range', months: [7, 8, 9, 10, 11, 12], from: '2022-07-01' }],
    ['сентябрь 2021 г. – май 2022 г.', { kind: 'range', years: [2021, 2022], from: '2021-09-01', to: '2022-05-31' }],
    ['Сентябрь - май 2022', { kind: 'range', years: [2021, 2022], from: '2021-09-01', to: '2022-05-31' }],
    ['с сентября по декабрь 2021', { kind: 'range', months: [9, 10, 11, 12], from: '2021-09-01', to: '2021-12-31' }],
    ['с 01.09.2021 по 31.05.2022', { kind: 'range', from: '2021-09-01', to: '2022-05-31' }],
    ['15–20 мая 2022 г.', { kind: 'date', from: '2022-05-15', to: '2022-05-20' }],
    ['до конца 2021 года', { kind: 'date', from: null, to: '2021-12-31' }],
    ['май 2022, май 2023', { kind: 'recurring', recurrence: 'annual', years: [2022, 2023], months: [5], from: '2022-05-01', to: '2023-05-31' }],
    ['2021/2022 учебный год', { kind: 'range', years: [2021, 2022], from: '2021-09-01', to: '2022-08-31' }],
  ])('%j', (raw, expected) => {
    const d = parseDeadline(raw, {});
    expect(Deadline.parse(d)).toEqual(d);
    expect(d.raw).toBe(raw);
    expect(pick(d)).toMatchObject({ yearInferred: false, ...expected });
  });
});

describe('parseDeadline: keyword forms', () => {
  it.each<[string, Deadline['kind'], Deadline['recurrence']]>([
    ['ежегодно', 'recurring', 'annual'],
    ['Ежегодно (декабрь)', 'recurring', 'annual'],
    ['ежегодно (в соответствии с планом)', 'recurring', 'annual'],
    ['ежеквартально', 'recurring', 'quarterly'],
    ['ежемесячно', 'recurring', 'monthly'],
    ['еженедельно', 'recurring', 'weekly'],
    ['1 раз в полугодие', 'recurring', 'semiannual'],
    ['ежеполугодно', 'recurring', 'semiannual'],
    ['каждый триместр', 'recurring', 'trimester'],
    ['1 раз в четверть', 'recurring', 'quarterly'],
    ['2 раза в год', 'recurring', null],
    ['в течение года (по мере необходимости)', 'continuous', null],
    ['втечение года', 'continuous', null],
    ['постоянно', 'continuous', null],
    ['в течение 2021-2022 учебного года', 'continuous', null],
    ['по мере необходимости', 'as_needed', null],
    ['по графику', 'schedule', null],
    ['в соответствии с графиком', 'schedule', null],
    ['В соответствии с графиками проведения', 'schedule', null],
    ['По плану', 'schedule', null],
    ['по согласованию', 'schedule', null],
    ['По итогам выявления', 'event', null],
    ['после проведения диагностики', 'event', null],
    ['ежеголно', 'recurring', 'annual'], // OCR slip
    ['2021-2024 гг. (ежегодно)', 'recurring', 'annual'], // a cadence in parentheses still counts
    ['сентябрь 2021 (по графику)', 'date', null], // other remarks in parentheses do not
  ])('%j is %s', (raw, kind, recurrence) => {
    const d = parseDeadline(raw, {});
    expect(d.kind).toBe(kind);
    expect(d.recurrence).toBe(recurrence);
  });

  it('a list of months without a year is a yearly pattern', () => {
    const d = parseDeadline('Ноябрь, январь, март, июнь', {});
    expect(d).toMatchObject({ kind: 'recurring', months: [11, 1, 3, 6], years: [] });
  });

  it('months in parentheses qualify a keyword', () => {
    expect(parseDeadline('ежегодно (декабрь)', {}).months).toEqual([12]);
  });

  it('explicit years of a continuous deadline give its span', () => {
    expect(parseDeadline('в течение 2021-2022 учебного года', {})).toMatchObject({ years: [2021, 2022], from: '2021-09-01', to: '2022-08-31' });
    expect(parseDeadline('в течение 2022 года', {})).toMatchObject({ years: [2022], from: '2022-01-01', to: '2022-12-31' });
  });
});

describe('parseDeadline: spelling', () => {
  it.each([
    ['в августе 2021', 8],
    ['до 1 сентября 2021', 9],
    ['ДЕКАБРЬ 2021', 12],
    ['сент. 2021', 9],
    ['сеитябрь 2021', 9], // OCR slip
    ['декабрь 2О21 г.', 12], // letter O inside the year
  ])('%j → month %i of 2021', (raw, month) => {
    const d = parseDeadline(raw, {});
    expect(d.months).toEqual([month]);
    expect(d.years).toEqual([2021]);
  });

  it('reads "З0" as 30', () => {
    expect(parseDeadline('«З0» декабря 2021 г.', {}).to).toBe('2021-12-30');
  });

  it('an unreadable cell is unknown and keeps its text', () => {
    for (const raw of ['', '—', 'см. выше']) {
      expect(parseDeadline(raw, {})).toEqual({ raw, kind: 'unknown', years: [], months: [], from: null, to: null, recurrence: null, yearInferred: false });
    }
  });

  it('"с" in a keyword phrase does not open a range', () => {
    expect(parseDeadline('в соответствии с планом, декабрь 2021', {})).toMatchObject({ from: '2021-12-01', to: '2021-12-31' });
  });
});

describe('parseDeadline: year inference', () => {
  it('the cell year wins over context', () => {
    expect(parseDeadline('Август 2020 г.', { sectionYear: 2021, ...PERIOD })).toMatchObject({ years: [2020], yearInferred: false });
  });

  it('a section year dates a month', () => {
    expect(parseDeadline('Август', { sectionYear: 2022, ...PERIOD })).toMatchObject({ years: [2022], from: '2022-08-01', to: '2022-08-31', yearInferred: true });
  });

  it('a list running past December continues into the next year', () => {
    expect(parseDeadline('сентябрь-май', { sectionYear: 2021 })).toMatchObject({ years: [2021, 2022], from: '2021-09-01', to: '2022-05-31' });
  });

  it('a one-year period dates a month like a section year', () => {
    expect(parseDeadline('до 1 сентября', { periodFrom: 2022, periodTo: 2022 })).toMatchObject({ to: '2022-09-01', yearInferred: true });
  });

  it('in a multi-year period a month could be any year: years listed, no dates', () => {
    expect(parseDeadline('Август-сентябрь', PERIOD)).toMatchObject({ kind: 'range', years: [2021, 2022, 2023, 2024], months: [8, 9], from: null, to: null, yearInferred: true });
  });

  it('open-ended deadlines span the whole period', () => {
    for (const raw of ['ежегодно', 'в течение года', 'по графику', 'по мере необходимости', 'По итогам выявления', 'Ноябрь, январь, март, июнь']) {
      expect(parseDeadline(raw, PERIOD)).toMatchObject({ years: [2021, 2022, 2023, 2024], from: '2021-01-01', to: '2024-12-31', yearInferred: true });
    }
  });

  it('without context nothing is invented', () => {
    expect(parseDeadline('ежегодно', {})).toMatchObject({ years: [], from: null, to: null, yearInferred: false });
  });
});

describe('yearOfSection', () => {
  it.each([
    ['2021 год', 2021],
    ['2022 г.', 2022],
    ['III. 2023 год', 2023],
    ['1. Нормативно-правовое обеспечение', null],
    ['Мероприятия на 2021-2024 годы', null],
  ])('%j → %s', (text, year) => {
    expect(yearOfSection(text)).toBe(year);
  });
});
