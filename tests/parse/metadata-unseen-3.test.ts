import { describe, expect, it } from 'vitest';
import { canonicalPlaces } from '../../src/normalize/places.js';
import { actFields } from '../helpers/header-lines.js';
import { bareNumberAfterDate } from '../../src/parse/metadata-blocks.js';
import { findMunicipality } from '../../src/parse/metadata-place.js';

/**
 * Shapes of an act's header that the third blind set of issue #12 (fixtures/regional-unseen-3)
 * showed the parser missing. Each case is written with places, act kinds and numbers other than
 * the blind set's, so that the rule is tested, not the file.
 */

const act = actFields;

describe('the issuer in the genitive under the act word (khakassia-2019, tatarstan-2025)', () => {
  it('one line of issuer', () => {
    expect(act('{b}{c}РАСПОРЯЖЕНИЕ\n{c}Правительства Республики Алтай\n{c}от 14.03.2018 № 118-р\n{b}{c}О плане мероприятий')).toMatchObject({
      type: 'распоряжение', number: '118-р', date: '2018-03-14', region: 'Республика Алтай',
    });
  });
  it('the issuer wrapped onto a region line', () => {
    expect(act('{c}Постановление\n{c}Кабинета Министров\n{c}Чувашской Республики\n{c}от 2 марта 2020 г. N 77\n{b}{c}"Об утверждении плана"')).toMatchObject({
      type: 'постановление', number: '77', date: '2020-03-02', region: 'Чувашская Республика',
    });
  });
});

describe('an act word typed in lowercase on its own line (leningrad-2017)', () => {
  it('is the act word, not the issuer going on', () => {
    expect(act('{c}Правительство Курской области\n{c}распоряжение\n{c}от 9 апреля 2019 года № 201-рп\n{b}{c}О внесении изменений')).toMatchObject({
      type: 'распоряжение', number: '201-рп', date: '2019-04-09',
    });
  });
});

describe('a bracketed, abbreviated approval note "(утв. … от … N …)" (maykop-2010, nao-2009)', () => {
  it('reads the approving act', () => {
    expect(act('{b}{c}Муниципальная программа "Развитие образования"\n{c}(утв. постановлением Администрации Чукотского автономного округа\n{c}от 3 марта 2015 г. N 41-п)')).toMatchObject({
      type: 'постановление', number: '41-п', date: '2015-03-03',
    });
  });
});

describe('a reference set in pieces on lines of their own (penza-2015)', () => {
  it('"от" / the date / the number without "№"', () => {
    expect(act('{c}ПРАВИТЕЛЬСТВО ОРЛОВСКОЙ ОБЛАСТИ\n{b}{c}П О С Т А Н О В Л Е Н И Е\nот\n12 февраля 2016 года\n58-р\n{c}г. Орёл\n{b}О порядке')).toMatchObject({
      type: 'постановление', number: '58-р', date: '2016-02-12',
    });
  });
  it('a bare number counts only right after a date', () => {
    expect(bareNumberAfterDate('от 26 августа 2015 года 474-пП')).toBe('474-пП');
    expect(bareNumberAfterDate('от 03.02.2016 12')).toBe('12');
    expect(bareNumberAfterDate('на 2021-2024 годы')).toBeNull();
  });
});

describe('a school order dated on a blank filled by hand (plyoso-kurya-school-2012)', () => {
  it('«day» month. year', () => {
    expect(act('УТВЕРЖДЕНО\nприказом по МБОУ «Ивановская СОШ»\nот «05 » 09. 2019г № 12/3\n{b}{c}ПОЛОЖЕНИЕ')).toMatchObject({
      type: 'приказ', number: '12/3', date: '2019-09-05',
    });
  });
});

describe('an act title line with its reference on the next line (vologda-2010, yanao-2012)', () => {
  it('joins them into one citation', () => {
    expect(act('{b}Распоряжение Губернатора Костромской области\n{b}от 12 мая 2014 г. N 322-р\n{b}"О плане мероприятий"')).toMatchObject({
      type: 'распоряжение', number: '322-р', date: '2014-05-12', region: 'Костромская область',
    });
  });
});

describe('a city okrug named by the city in the nominative (samara-2013)', () => {
  it.each([
    ['Администрация городского округа Тольятти', 'город Тольятти'],
    ['АДМИНИСТРАЦИЯ ГОРОДСКОГО ОКРУГА ТОЛЬЯТТИ', null],
  ])('%s', (text, want) => {
    const raw = findMunicipality(text, false);
    expect(raw === null ? null : canonicalPlaces(null, raw).municipality).toBe(want);
  });
  it('not a named okrug («Лысьвенского городского округа»)', () => {
    expect(canonicalPlaces(null, findMunicipality('администрации Лысьвенского городского округа Пермского края', false)).municipality).toBe('Лысьвенский городской округ');
  });
});

describe('a federal city named without the word "город" (spb-2014)', () => {
  it.each([
    ['ПРАВИТЕЛЬСТВО МОСКВЫ\nПОСТАНОВЛЕНИЕ\nот 27 сентября 2011 г. N 450-ПП', 'город Москва'],
    ['Правительство Санкт-Петербурга\nПОСТАНОВЛЕНИЕ\nот 5 мая 2015 года N 390', 'город Санкт-Петербург'],
  ])('%s', (text, region) => {
    expect(act(text).region).toBe(region);
  });
});
