import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRegionMentions, normalizeActDate, normalizeMunicipality, normalizeRegion } from '../../src/normalize/places.js';

describe('normalizeRegion', () => {
  it.each([
    // every case of a krai
    ['Пермский край', 'Пермский край'],
    ['Пермского края', 'Пермский край'],
    ['Пермскому краю', 'Пермский край'],
    ['Пермским краем', 'Пермский край'],
    ['в Пермском крае', 'Пермский край'],
    ['ПЕРМСКОГО КРАЯ', 'Пермский край'],
    // oblasts
    ['Нижегородской области', 'Нижегородская область'],
    ['Нижегородскую область', 'Нижегородская область'],
    ['Нижегородской областью', 'Нижегородская область'],
    ['Тамбовской обл.', 'Тамбовская область'],
    ['Кемеровской области', 'Кемеровская область – Кузбасс'],
    // republics: the type noun first or an adjective before it
    ['Республики Северная Осетия – Алания', 'Республика Северная Осетия – Алания'],
    ['Республике Северная Осетия-Алания', 'Республика Северная Осетия – Алания'],
    ['РЕСПУБЛИКИ СЕВЕРНАЯ ОСЕТИЯ—АЛАНИЯ', 'Республика Северная Осетия – Алания'],
    ['Республикой Татарстан', 'Республика Татарстан'],
    ['Республики Саха (Якутия)', 'Республика Саха (Якутия)'],
    ['Удмуртской Республики', 'Удмуртская Республика'],
    ['Чувашской Республике', 'Чувашская Республика'],
    ['Карачаево-Черкесской Республики', 'Карачаево-Черкесская Республика'],
    // autonomous okrugs, federal cities
    ['Ханты-Мансийского автономного округа – Югры', 'Ханты-Мансийский автономный округ – Югра'],
    ['Ямало-Ненецком автономном округе', 'Ямало-Ненецкий автономный округ'],
    ['Еврейской автономной области', 'Еврейская автономная область'],
    ['города Москвы', 'город Москва'],
    ['г. Санкт-Петербурга', 'город Санкт-Петербург'],
  ])('%s → %s', (raw, canonical) => {
    expect(normalizeRegion(raw)).toBe(canonical);
  });

  it('puts an unknown region into the nominative by rule', () => {
    expect(normalizeRegion('Неведомской области')).toBe('Неведомская область');
    expect(normalizeRegion('Заоблачного края')).toBe('Заоблачный край');
  });

  it('is idempotent on its own output', () => {
    for (const r of ['Пермского края', 'Республики Северная Осетия-Алания', 'Удмуртской Республики', 'Неведомской области']) {
      const once = normalizeRegion(r);
      expect(normalizeRegion(once)).toBe(once);
    }
  });

  it('keeps null and blanks null', () => {
    expect(normalizeRegion(null)).toBeNull();
    expect(normalizeRegion('  ')).toBeNull();
  });
});

describe('normalizeMunicipality', () => {
  it.each([
    ['Лысьвенского городского округа', 'Лысьвенский городской округ'],
    ['Лысьвенскому городскому округу', 'Лысьвенский городской округ'],
    ['Лысьвенским городским округом', 'Лысьвенский городской округ'],
    ['в Верещагинском городском округе', 'Верещагинский городской округ'],
    ['ЛЫСЬВЕНСКОГО ГОРОДСКОГО ОКРУГА', 'Лысьвенский городской округ'],
    ['Лысьвенский ГО', 'Лысьвенский городской округ'],
    ['Верещагинского городского округа Пермского края', 'Верещагинский городской округ'],
    ['МО Пригородный район', 'Пригородный район'],
    ['муниципального образования Пригородный район', 'Пригородный район'],
    ['Пригородного района', 'Пригородный район'],
    ['Пригородном районе', 'Пригородный район'],
    ['Краснооктябрьского муниципального района', 'Краснооктябрьский муниципальный район'],
    ['Краснооктябрьском муниципальном районе', 'Краснооктябрьский муниципальный район'],
    ['Усть-Кубинского муниципального округа', 'Усть-Кубинский муниципальный округ'],
    ['Нижнего района', 'Нижний район'],
    ['Тулунского сельского поселения', 'Тулунское сельское поселение'],
    ['Богородского городского округа', 'Богородский городской округ'],
    ['г. Пермь', 'город Пермь'],
    ['г.Пермь', 'город Пермь'],
    ['города Перми', 'город Пермь'],
    ['города Новосибирска', 'город Новосибирск'],
    ['города Лысьвы', 'город Лысьва'],
    ['муниципального образования «Город Лысьва»', 'город Лысьва'],
    // a quoted name in typed quotes reads as in guillemets (fixtures/regional-unseen-2, izhma-2019)
    ['муниципального района "Ижемский"', 'Ижемский муниципальный район'],
    ['муниципального района «Ижемский»', 'Ижемский муниципальный район'],
    ['муниципального района “Сыктывдинский”', 'Сыктывдинский муниципальный район'],
    // indeclinable and plural city names stay as written
    ['г. Сочи', 'город Сочи'],
  ])('%s → %s', (raw, canonical) => {
    expect(normalizeMunicipality(raw)).toBe(canonical);
  });

  it('gives every spelling of one place one key', () => {
    const spellings = ['Лысьвенского городского округа', 'в Лысьвенском городском округе', 'ЛЫСЬВЕНСКИЙ ГОРОДСКОЙ ОКРУГ', 'Лысьвенский ГО'];
    expect(new Set(spellings.map(normalizeMunicipality)).size).toBe(1);
  });

  it('keeps null and blanks null', () => {
    expect(normalizeMunicipality(null)).toBeNull();
    expect(normalizeMunicipality('')).toBeNull();
  });
});

describe('normalizeActDate', () => {
  it.each([
    ['17.06.2021', '2021-06-17'],
    ['17.06.21', '2021-06-17'],
    ['1.6.2021', '2021-06-01'],
    ['17/06/2021', '2021-06-17'],
    ['2021-06-17', '2021-06-17'],
    ['17 июня 2021 г.', '2021-06-17'],
    ['«28» октября 2021 года', '2021-10-28'],
    ['"28" октября 2021 г.', '2021-10-28'],
    ['от 17.06.2021 №254-01-01-1003', '2021-06-17'],
    // OCR: Cyrillic З and О for 3 and 0, no space after the closing quote
    ['№460 от «З0»декабря 2021 г', '2021-12-30'],
    ['2О.О5.2О21', '2021-05-20'],
    ['29.02.2020', '2020-02-29'],
  ])('%s → %s', (raw, iso) => {
    expect(normalizeActDate(raw)).toBe(iso);
  });

  it.each(['31.02.2021', '29.02.2021', '12.13.2021', '00.01.2021', '«__» ________ 2021 г.', 'от ____ № ___', 'декабрь 2021', ''])(
    'rejects %j',
    (raw) => {
      expect(normalizeActDate(raw)).toBeNull();
    },
  );

  const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
  const validDate = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true });
  const parts = (d: Date) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), iso: d.toISOString().slice(0, 10) });
  const pad = (n: number) => String(n).padStart(2, '0');

  it('round-trips any valid date written as dd.mm.yyyy', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        const { y, m, day, iso } = parts(d);
        expect(normalizeActDate(`${pad(day)}.${pad(m)}.${y}`)).toBe(iso);
      }),
    );
  });

  it('round-trips any valid date written as "d <месяца> yyyy г." and "«dd» <месяца> yyyy года"', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        const { y, m, day, iso } = parts(d);
        expect(normalizeActDate(`${day} ${MONTHS[m - 1]} ${y} г.`)).toBe(iso);
        expect(normalizeActDate(`«${pad(day)}» ${MONTHS[m - 1]} ${y} года`)).toBe(iso);
      }),
    );
  });

  it('rejects any day past the end of its month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), (y, m, over) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        const day = last + over;
        fc.pre(day <= 99);
        expect(normalizeActDate(`${day}.${pad(m)}.${y}`)).toBeNull();
        expect(normalizeActDate(`${day} ${MONTHS[m - 1]} ${y} г.`)).toBeNull();
      }),
    );
  });
});

describe('findRegionMentions', () => {
  it('finds federal subjects in running text, in order, and nothing else', () => {
    const text =
      'Министерство образования и науки Пермского края, Верещагинского городского округа, ' +
      'в Республике Северная Осетия-Алания и Удмуртской Республики; предметной области.';
    expect(findRegionMentions(text).map((m) => [m.raw, m.region])).toEqual([
      ['Пермского края', 'Пермский край'],
      ['Республике Северная Осетия-Алания', 'Республика Северная Осетия – Алания'],
      ['Удмуртской Республики', 'Удмуртская Республика'],
    ]);
  });

  it('stops a republic at its name', () => {
    expect(findRegionMentions('Республика Татарстан Исполнительный комитет').map((m) => m.raw)).toEqual(['Республика Татарстан']);
  });
});
