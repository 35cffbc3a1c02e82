import { describe, expect, it } from 'vitest';
import type { ActivityRow, PlanRow, SectionRow } from '../../src/model/index.js';
import { repairSectionLabels, repairSectionSequence } from '../../src/normalize/section-numbers.js';

const provenance = { page: 1, pages: [1], bbox: null };
const section = (text: string): SectionRow => ({ kind: 'section', text, provenance } as SectionRow);
const activity = (sectionText: string, n: string): ActivityRow =>
  ({ kind: 'activity', number: n, activity: 'Мероприятие', responsible: 'ОО', deadline: '2021', result: '', section: sectionText, extra: {}, conf: 0.9, provenance } as unknown as ActivityRow);

function plan(headings: string[]): PlanRow[] {
  return headings.flatMap((h, i) => [section(h), activity(h, `${i + 1}.1.`)]);
}
const headings = (rows: PlanRow[]) => rows.filter((r): r is SectionRow => r.kind === 'section').map((r) => r.text);
const ocr = () => true;

describe('repairSectionSequence', () => {
  it('restores garbled Roman numbers from their place in the sequence', () => {
    const rows = repairSectionSequence(plan(['1. Нормативно-правовое', '. Совершенствование системы', 'III. Подготовка к ГИА', 'ГУ. Работа с учащимися', '\\. Мониторинг']), ocr);
    expect(headings(rows)).toEqual(['I. Нормативно-правовое', 'II. Совершенствование системы', 'III. Подготовка к ГИА', 'IV. Работа с учащимися', 'V. Мониторинг']);
  });

  it('takes a "1" beside Roman look-alike letters for a stroke: the plan is Roman (150-dpi scan)', () => {
    const rows = repairSectionSequence(plan(['1. Нормативно-правовое', '. Совершенствование системы', '11. Подготовка к ГИА', '1У. Работа с учащимися', '\\. Мониторинг']), ocr);
    expect(headings(rows)).toEqual(['I. Нормативно-правовое', 'II. Совершенствование системы', 'III. Подготовка к ГИА', 'IV. Работа с учащимися', 'V. Мониторинг']);
  });

  it('a plan whose dotted headings show no readable number but a "1" is Roman: digits survive a poor scan', () => {
    const rows = repairSectionSequence(plan(['1. Нормативно-правовое', '. Совершенствование системы', 'ИЕ, Подготовка к ГИА', 'м. Работа с учащимися', '\\. Мониторинг']), ocr);
    expect(headings(rows)).toEqual(['I. Нормативно-правовое', 'II. Совершенствование системы', 'III. Подготовка к ГИА', 'IV. Работа с учащимися', 'V. Мониторинг']);
    // One readable digit beyond "1" and the plan is Arabic.
    const arabic = repairSectionSequence(plan(['1. Нормативно-правовое', '. Совершенствование системы', '3. Подготовка к ГИА', 'м. Работа с учащимися']), ocr);
    expect(headings(arabic)).toEqual(['1. Нормативно-правовое', '2. Совершенствование системы', '3. Подготовка к ГИА', '4. Работа с учащимися']);
  });

  it('a short token before a capitalised word, dot or not, is the number of a numbered plan', () => {
    const rows = repairSectionSequence(plan(['I. Нормативно-правовое', 'II. Совершенствование системы', 'ШВ Совершенствование качества', 'мм. Работа с учащимися', 'V. Мониторинг']), ocr);
    expect(headings(rows)).toEqual(['I. Нормативно-правовое', 'II. Совершенствование системы', 'III. Совершенствование качества', 'IV. Работа с учащимися', 'V. Мониторинг']);
    // Without numbered headings around it, such a heading is left as it is.
    expect(headings(repairSectionSequence(plan(['Общие положения', 'ШВ Совершенствование качества']), ocr))).toEqual(['Общие положения', 'ШВ Совершенствование качества']);
    expect(headings(repairSectionSequence(plan(['2020 год', 'По итогам года']), ocr))).toEqual(['2020 год', 'По итогам года']);
  });

  it('moves the activities with their heading', () => {
    const rows = repairSectionSequence(plan(['I. Первый', 'И. Второй']), ocr);
    const acts = rows.filter((r): r is ActivityRow => r.kind === 'activity');
    expect(acts.map((a) => a.section)).toEqual(['I. Первый', 'II. Второй']);
  });

  it('leaves Arabic numbering alone, and fills a lost Arabic number', () => {
    expect(headings(repairSectionSequence(plan(['1. Первый', '2. Второй', '3. Третий']), ocr))).toEqual(['1. Первый', '2. Второй', '3. Третий']);
    expect(headings(repairSectionSequence(plan(['1. Первый', '. Второй', '3. Третий']), ocr))).toEqual(['1. Первый', '2. Второй', '3. Третий']);
  });

  it('trusts a readable number that breaks the sequence, and goes on from it', () => {
    expect(headings(repairSectionSequence(plan(['I. Первый', 'III. Третий', 'Т|. Четвёртый']), ocr))).toEqual(['I. Первый', 'III. Третий', 'IV. Четвёртый']);
  });

  it('changes nothing on text-layer pages, nor headings that are not numbered', () => {
    expect(headings(repairSectionSequence(plan(['I. Первый', '. Второй']), () => false))).toEqual(['I. Первый', '. Второй']);
    expect(headings(repairSectionSequence(plan(['I. Первый', '2021 год', 'Раздел. Второй']), ocr))).toEqual(['I. Первый', '2021 год', 'Раздел. Второй']);
  });
});

describe('repairSectionSequence: the style from few headings', () => {
  it('takes letters that only a Roman numeral looks like as a Roman vote ("И." is II, so "1." is I)', () => {
    expect(headings(repairSectionSequence(plan(['1. Нормативно-правовое', 'И. Совершенствование']), ocr))).toEqual(['I. Нормативно-правовое', 'II. Совершенствование']);
  });
});

describe('repairSectionSequence: separators', () => {
  it('reads a comma after a section number as the dot OCR lost', () => {
    expect(headings(repairSectionSequence(plan(['1, Нормативно-правовое', '2. Общесистемные']), ocr))).toEqual(['1. Нормативно-правовое', '2. Общесистемные']);
  });
});

describe('repairSectionLabels', () => {
  it('gives an OCR-cut or misread label word the plan\'s own label and stop, and the activities under it their new heading', () => {
    const rows = repairSectionLabels(plan(['Этап 1, Работа с обучающимися', 'Эта 2. Нормативно-правовое обеспечение', 'Этап 3. Диагностика и мониторинг', 'Этап 4. Информационное сопровождение']), ocr);
    expect(rows.filter((r) => r.kind === 'section').map((r) => (r.kind === 'section' ? r.text : ''))).toEqual([
      'Этап 1. Работа с обучающимися',
      'Этап 2. Нормативно-правовое обеспечение',
      'Этап 3. Диагностика и мониторинг',
      'Этап 4. Информационное сопровождение',
    ]);
    expect(rows.filter((r) => r.kind === 'activity').map((r) => (r.kind === 'activity' ? r.section : ''))[1]).toBe('Этап 2. Нормативно-правовое обеспечение');
  });

  it('leaves headings alone that no label word names, or whose word is no near miss of it', () => {
    const texts = ['Этап 1. Работа с обучающимися', 'Итоги 2. Подведение итогов', 'Задача 3. Диагностика'];
    const rows = repairSectionLabels(plan(texts), ocr);
    expect(rows.filter((r) => r.kind === 'section').map((r) => (r.kind === 'section' ? r.text : ''))).toEqual(texts);
  });
});
