import { describe, expect, it } from 'vitest';
import { canonicalPlaces } from '../../src/normalize/places.js';
import { extractMetadata } from '../../src/parse/metadata.js';
import { actFields, metaLines as lines } from '../helpers/header-lines.js';
import { actCitation, isRefLine, isSplitReference, unfoldColumns } from '../../src/parse/metadata-blocks.js';
import { findMunicipality } from '../../src/parse/metadata-place.js';

/**
 * Shapes of an act's header that the second blind set of issue #12 (fixtures/regional-unseen-2)
 * showed the parser missing. Each case is written with places, act kinds and numbers other than
 * the blind set's, so that the rule is tested, not the file.
 */

const act = actFields;

describe('a municipality named in quotes of any kind', () => {
  it.each([
    ['guillemets', 'администрации муниципального района «Усть-Вымский»'],
    ['straight quotes', 'администрации муниципального района "Усть-Вымский"'],
    ['curly quotes', 'администрации муниципального района “Усть-Вымский”'],
    ['low-high quotes', 'администрации муниципального района „Усть-Вымский“'],
  ])('%s', (_kind, text) => {
    const raw = findMunicipality(`Приложение к постановлению ${text} от 03.04.2019 № 12`, false);
    expect(canonicalPlaces(null, raw).municipality).toBe('Усть-Вымский муниципальный район');
  });

  it.each([
    ['муниципального образования "Город Ирбит"', 'город Ирбит'],
    ['городского округа “Город Нижняя Салда”', 'город Нижняя Салда'],
    ['МО "Заполярный район"', 'Заполярный район'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalPlaces(null, findMunicipality(`Приложение к постановлению администрации ${text} от 01.03.2021 № 7`, false)).municipality).toBe(canonical);
  });

  it('"МО" inside a word does not open a name', () => {
    expect(findMunicipality('ПИСЬМО "О плане мероприятий"', false)).toBeNull();
  });

  it('a typed quote inside guillemets does not close the name', () => {
    expect(findMunicipality('администрации муниципального образования «Город "Северный"» от 01.02.2020', false)).toBe('муниципального образования «Город "Северный"»');
  });

  it('a stamp citing the act with a municipality in straight quotes gives the municipality, number and date', () => {
    const got = act('Приложение\nк постановлению администрации\nмуниципального района "Княжпогостский"\nот 5 марта 2020 года N 87\n{b}План мероприятий по развитию образования');
    expect(got).toMatchObject({ municipality: 'Княжпогостский муниципальный район', type: 'постановление', number: '87', date: '2020-03-05' });
  });
});

describe('an act cited in one title line', () => {
  it.each([
    ['постановление, date in words, Latin N', 'Постановление администрации Верхнебуреинского муниципального района Хабаровского края от 7 октября 2020 г. N 615', 'постановление', '615', '2020-10-07'],
    ['указ, date in words, №', 'Указ Главы Республики Тыва от 3 февраля 2021 г. № 25-уг', 'указ', '25-уг', '2021-02-03'],
    ['приказ, numeric date, number first', 'Приказ министерства образования Тверской области № 1102/ПК от 14.09.2021', 'приказ', '1102/ПК', '2021-09-14'],
    ['распоряжение, numeric date, subject in quotes after', 'Распоряжение администрации города Вологды от 12.01.2022 № 4-р «Об утверждении плана мероприятий»', 'распоряжение', '4-р', '2022-01-12'],
    ['решение, subject without quotes after', 'Решение Думы Сургутского района от 20 мая 2019 года N 640 О плане мероприятий', 'решение', '640', '2019-05-20'],
    ['in capitals', 'ПОСТАНОВЛЕНИЕ АДМИНИСТРАЦИИ ГОРОДА БЛАГОВЕЩЕНСКА ОТ 11.02.2022 № 560', 'постановление', '560', '2022-02-11'],
  ])('%s', (_case, line, type, number, date) => {
    const got = act(`${line}\n"О муниципальной программе развития образования"`);
    expect(got).toMatchObject({ type, number, date });
  });

  it('reads the issuer from the citation', () => {
    const { meta } = extractMetadata(lines('Постановление администрации Кожевниковского района от 9 июня 2021 г. N 301'));
    expect(meta.issuer).toBe('Администрация Кожевниковского района');
    expect(meta.municipality).toBe('Кожевниковского района');
  });

  it('a sentence that goes on after the number is prose, not a citation', () => {
    expect(actCitation('Постановление администрации района от 01.02.2021 № 5 признать утратившим силу')).toBeNull();
    expect(actCitation('Постановление администрации района от 01.02.2021 № 5 «О плане»')).not.toBeNull();
  });

  it('"указанный" is not an act word', () => {
    const { meta } = extractMetadata(lines('Приложение\nк указанному плану\n{b}План мероприятий на 2022 год'));
    expect(meta.actType).toBeNull();
  });

  it('a stamp citing a decree reads its kind', () => {
    expect(act('Приложение\nк Указу Губернатора Курской области\nот 2 марта 2021 г. № 74-пг\n{b}План мероприятий')).toMatchObject({ type: 'указ', number: '74-пг', date: '2021-03-02' });
  });
});

describe('the number after a tab on the reference line', () => {
  it('is one reference line, not two columns, below a two-column letterhead', () => {
    const text = '{c}АДМИНИСТРАЦИЯ\t{c}ГОРОД АДМИНИСТРАЦИЯЗЫ\n{c}ГОРОДА СЫКТЫВКАРА\t{c}ШУÖМ\n{b}{c}ПОСТАНОВЛЕНИЕ\t{b}{c}ТШӦКТӦМ\nот 4 марта 2021 г.\t№ 3/512\n{c}г. Сыктывкар';
    expect(act(text)).toMatchObject({ type: 'постановление', number: '3/512', date: '2021-03-04' });
  });

  it('number first, then the date, across the tab', () => {
    const text = '{c}МИНИСТЕРСТВО ОБРАЗОВАНИЯ\t{c}ЗАГОЛОВОК\n{c}ЧУВАШСКОЙ РЕСПУБЛИКИ\t{c}ВТОРАЯ СТРОКА\n{b}{c}ПРИКАЗ\t{b}{c}ХУШУ\n№ 1250\t15.06.2021';
    expect(act(text)).toMatchObject({ type: 'приказ', number: '1250', date: '2021-06-15' });
  });

  it('alone under the act word, with a Latin N', () => {
    expect(act('{c}АДМИНИСТРАЦИЯ КРАСНОГВАРДЕЙСКОГО РАЙОНА\n{b}{c}РАСПОРЯЖЕНИЕ\n09.11.2020\tN 1057-р')).toMatchObject({ type: 'распоряжение', number: '1057-р', date: '2020-11-09' });
  });

  it('tells a split reference from a row of two columns', () => {
    expect(isSplitReference('от 18 мая 2021 г.\t№ 41')).toBe(true);
    expect(isSplitReference('N 7-п\tот 02.03.2022')).toBe(true);
    expect(isSplitReference('ПОСТАНОВЛЕНИЕ\tот 02.03.2022 № 7')).toBe(false);
    expect(isSplitReference('от 02.03.2022 № 7\tУПРАВЛЕНИЕ ОБРАЗОВАНИЯ')).toBe(false);
    const unfolded = unfoldColumns(lines('ГЛАВА\tУТВЕРЖДЕН\nРАЙОНА\tпостановлением\nот 1 мая 2020 г.\t№ 9'));
    expect(unfolded.map((l) => l.text)).toContain('от 1 мая 2020 г. № 9');
  });
});

describe('the number on a line of its own above the date', () => {
  it('with a Latin N and the place of signing after a tab on the date line', () => {
    const text = '{c}ПРАВИТЕЛЬСТВО\n{c}АМУРСКОЙ ОБЛАСТИ\n{b}{c}ПОСТАНОВЛЕНИЕ\nN 318-пр\n14 июля 2020 г.\tг. Благовещенск\nО внесении изменений';
    const got = act(text);
    expect(got).toMatchObject({ type: 'постановление', number: '318-пр', date: '2020-07-14', region: 'Амурская область' });
    // The place of signing on the reference line is not the plan's territory.
    expect(got.municipality).toBeNull();
  });

  it('with "№" and a numeric date', () => {
    expect(act('{c}УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\n{c}АДМИНИСТРАЦИИ ЧАЙКОВСКОГО ГОРОДСКОГО ОКРУГА\n{b}{c}ПРИКАЗ\n№ 112-од\n21.09.2021')).toMatchObject({ type: 'приказ', number: '112-од', date: '2021-09-21' });
  });

  it('a lone number with a Latin N is a reference line; a Latin word is not', () => {
    expect(isRefLine('N 522-пр')).toBe(true);
    expect(isRefLine('No 14')).toBe(true);
    expect(isRefLine('NEW')).toBe(false);
  });
});
