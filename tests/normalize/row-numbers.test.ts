import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../src/model/index.js';
import { repairRowNumbers } from '../../src/normalize/row-numbers.js';

const prov = { page: 1, bbox: null, pages: [1] };
const sec = (text: string): PlanRow => ({ kind: 'section', text, provenance: prov });
const act = (number: string): PlanRow => ({
  kind: 'activity', number, activity: 'a', responsible: '', deadline: '', result: '', extra: {}, section: '', confidence: 0.9, provenance: prov,
});
const numbers = (rows: PlanRow[]) => rows.filter((r) => r.kind === 'activity').map((r) => (r.kind === 'activity' ? r.number : ''));

describe('repairRowNumbers (OCR rows)', () => {
  it('restores garbled numbers from the section and the previous row', () => {
    const rows = [sec('1. Нормативно-правовое обеспечение'), act('Е'), sec('2. Общесистемные мероприятия'), act('2:'), act('р'), act('2.3.')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['1.1.', '2.1.', '2.2.', '2.3.']);
  });

  it('fixes numbers of the wrong depth that lost or misread a dot', () => {
    const rows = [sec('2. Общесистемные'), act('2.4.'), act('25.'), sec('3. Мониторинг'), act('341.'), act('32.')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['2.4.', '2.5.', '3.1.', '3.2.']);
  });

  it('trusts numbers of the right depth (plans skip numbers) and leaves digital rows alone', () => {
    const rows = [sec('2. Общесистемные'), act('2.4.'), act('2.6.'), act('Е')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['2.4.', '2.6.', '2.7.']);
    expect(numbers(repairRowNumbers(rows, () => false))).toEqual(['2.4.', '2.6.', 'Е']);
  });

  it('restores numbers that lost all their dots in a plan numbered 1.1., 1.2. …', () => {
    const rows = [sec('1. Нормативно'), act('1'), act('12'), act('13'), act('1.4.'), sec('2. Общесистемные'), act('2.1.'), act('2.2.'), act('2.3.'), act('2.4.')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['1.1.', '1.2.', '1.3.', '1.4.', '2.1.', '2.2.', '2.3.', '2.4.']);
  });

  it('leaves plain numbers under Arabic sections plain: without dotted rows there is no evidence', () => {
    const rows = [sec('1. Нормативно'), act('1'), act('2'), sec('2. Общесистемные'), act('3'), act('4')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['1', '2', '3', '4']);
  });

  it('a garbled first number with no section number is one less than the next', () => {
    const rows = [sec('2020 год'), act('те'), act('2.'), act('3.')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['1.', '2.', '3.']);
    expect(numbers(repairRowNumbers([sec('2020 год'), act('те'), act('Провести')], () => true))).toEqual(['те', 'Провести']);
  });

  it('keeps plain numbering plain and leaves empty numbers empty', () => {
    const rows = [sec('I. Нормативно'), act('1'), act('2'), act(''), act('З')];
    expect(numbers(repairRowNumbers(rows, () => true))).toEqual(['1', '2', '', '3']);
  });
});
