import { describe, expect, it } from 'vitest';
import { extractActors } from '../../src/normalize/actors.js';
import { findRegionMentions, normalizeActDate } from '../../src/normalize/places.js';

/**
 * Normalization misses the third blind set of issue #12 (fixtures/regional-unseen-3) showed,
 * each tested with wording other than the set's.
 */

const codes = (t: string) => extractActors(t, { level: 'regional' }).map((a) => a.code).sort();

describe('a ministry of another field is no education authority (Министерство финансов Республики Хакасия)', () => {
  it.each([
    ['Министерство финансов Удмуртской Республики', ['UNKNOWN']],
    ['Министерство здравоохранения Тверской области', ['UNKNOWN']],
    ['Министерство труда и социальной защиты Республики Тыва', ['UNKNOWN']],
    ['Министерство экономического развития края', ['UNKNOWN']],
    ['Министерство здравоохранения края, министерство образования края', ['UNKNOWN', 'РОИВ']],
  ])('%s', (text, want) => {
    expect(codes(text)).toEqual(want);
  });

  it.each([
    'Министерство образования, спорта и туризма Республики Алтай',
    'Министерство образования, культуры и науки Республики Калмыкия',
    'Министерство просвещения, науки и по делам молодежи Кабардино-Балкарской Республики',
    'Министерство образования и социального развития',
    'министерство',
  ])('an education ministry whose name goes on with other fields stays РОИВ: %s', (text) => {
    expect(codes(text)).toEqual(['РОИВ']);
  });
});

describe('a date on a school blank filled by hand (plyoso-kurya-school-2012)', () => {
  it.each([
    ['от «29 » 08. 2012г', '2012-08-29'],
    ['от «3» 11.2020 г.', '2020-11-03'],
    ['«__» ______ 2021 г.', null],
  ])('%s', (text, want) => {
    expect(normalizeActDate(text)).toBe(want);
  });
});

describe('a federal city without the word "город" (spb-2014)', () => {
  it.each([
    ['Правительство Санкт-Петербурга', 'город Санкт-Петербург'],
    ['ПРАВИТЕЛЬСТВО МОСКВЫ', 'город Москва'],
    ['Законодательное Собрание Севастополя', 'город Севастополь'],
  ])('%s', (text, region) => {
    expect(findRegionMentions(text)[0]?.region).toBe(region);
  });

  it('not inside another word ("Подмосковье", "Московской области")', () => {
    expect(findRegionMentions('школы Подмосковья').length).toBe(0);
    expect(findRegionMentions('Министерство образования Московской области')[0]?.region).toBe('Московская область');
  });
});
