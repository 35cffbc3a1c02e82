import { describe, expect, it } from 'vitest';
import { correctedHeaderWord, isHeaderWord, mapHeaderRow, roleOfHeader } from '../../src/parse/header-roles.js';

describe('column roles from header wording', () => {
  it.each([
    ['№ п/п', 'number'],
    // A narrow cell wrapped the last letter of "п/п" to the line below.
    ['N п/', 'number'],
    // OCR read the sign as "М", or a speck before it (gen-0803 scans); "М" alone is no label.
    ['М п/п', 'number'],
    ['М№п/ п', 'number'],
    ['М', null],
    ['Мероприятие (содержание деятельности)', 'activity'],
    ['Ответственные исполнители', 'responsible'],
    ['Сроки исполнения', 'deadline'],
    ['Планируемый результат', 'result'],
    ['Результат мероприятия', 'result'],
    ['Показатели', 'result'],
    // OCR garbled the noun; the adjective still names the outcome.
    ['планируемый резулизот', 'result'],
    ['Ожидаемый рзультат', 'result'],
    ['Планируемый срок', 'deadline'],
    ['Планируемые мероприятия', 'activity'],
    ['Примечание', null],
    // Wordings of other regions' plans (scripts/generate/pools.ts HEADERS_WIDE).
    ['№ п.п.', 'number'],
    ['№ мероприятия', 'number'],
    ['Перечень мероприятий', 'activity'],
    ['Содержание работы', 'activity'],
    ['Исполнитель (соисполнители)', 'responsible'],
    ['Ответственные лица', 'responsible'],
    ['Дата проведения', 'deadline'],
    ['Период исполнения', 'deadline'],
    ['Индикаторы', 'result'],
    ['Показатели результативности', 'result'],
    ['Ожидаемый эффект (результат)', 'result'],
    // Labels a narrow column broke letter-wise.
    ['№ мер опр ият ия', 'number'],
    ['Исполнител ь (соисполнит ели)', 'responsible'],
    ['Отметк а о выполн ении', null],
  ] as const)('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it('keeps a table with an OCR-garbled result header whole', () => {
    expect(mapHeaderRow(['№ п/п', 'Мероприятие', 'Ответственные', 'Сроки', 'планируемый резулизот'], 3))
      .toEqual(['number', 'activity', 'responsible', 'deadline', 'result']);
  });

  it('gives a role to the column that names it outright, wherever it stands', () => {
    // «Форма отчётности» suggests a result; a later «Результат (продукт)» names it.
    expect(mapHeaderRow(['Мероприятие', 'Форма отчётности', 'Ответственный', 'Срок', 'Результат (продукт)', '№ п/п'], 3))
      .toEqual(['activity', 'extra', 'responsible', 'deadline', 'result', 'number']);
    // With no plainer claimant the suggestion stands.
    expect(mapHeaderRow(['Мероприятие', 'Исполнитель', 'Срок', 'Форма отчётности'], 3))
      .toEqual(['activity', 'responsible', 'deadline', 'result']);
    // Two plain claims: the first keeps the role (start and end dates).
    expect(mapHeaderRow(['Мероприятие', 'Срок начала', 'Срок окончания', 'Ответственный'], 3))
      .toEqual(['activity', 'deadline', 'extra', 'responsible']);
  });

  it('reads "Номер и наименование основного мероприятия" as the activity, not its number', () => {
    // A state programme's table (Курская область, fixtures/regional-unseen): before, the number
    // took this column and the activity went to «Последствия нереализации основного мероприятия».
    expect(roleOfHeader('Номер и наименование основного мероприятия')).toBe('activity');
    expect(roleOfHeader('Номер мероприятия')).toBe('number');
    expect(mapHeaderRow(['N п/п', 'Номер и наименование основного мероприятия', 'Ответственный исполнитель', 'Срок начала реализации',
      'Срок окончания реализации', 'Ожидаемый непосредственный результат', 'Последствия нереализации основного мероприятия'], 3))
      .toEqual(['number', 'activity', 'responsible', 'deadline', 'extra', 'result', 'extra']);
  });
});

describe('header words misread by OCR (confusable letters)', () => {
  it.each([
    ['(содержанне', 'activity'],
    ['Ответствениые нсполнители', 'responsible'],
    ['Срокн исполнения', 'deadline'],
    ['Меронриятие', 'activity'],
  ] as const)('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it('finds the header of a harsh scan whose only activity label came back garbled', () => {
    // perm-krai at 150 dpi, ±4°: "Мероприятие" and "деятельности)" were lost, "(содержание" misread.
    expect(mapHeaderRow(['№ п/п', '(содержанне', 'Ответственные исполнители', 'Сроки нсполнения', 'Планируемый результат'], 3))
      .toEqual(['number', 'activity', 'responsible', 'deadline', 'result']);
  });

  it('still tells header word forms from body inflections', () => {
    expect(isHeaderWord('нсполнения')).toBe(true);
    // The Latin "N" typed for the sign, as reference systems print "N п/п".
    expect(isHeaderWord('N')).toBe(true);
    expect(isHeaderWord('No')).toBe(true);
    expect(isHeaderWord('Nп/п')).toBe(true);
    expect(isHeaderWord('Na')).toBe(false);
    expect(isHeaderWord('содержанне')).toBe(true);
    expect(isHeaderWord('мероприятий')).toBe(false);
    expect(isHeaderWord('результатами')).toBe(false);
    expect(isHeaderWord('деятельность')).toBe(false);
    expect(isHeaderWord('проведения')).toBe(true);
    expect(isHeaderWord('Перечень')).toBe(true);
    // Labels of extra columns and the "№ п/ п" broken over two lines count toward a header
    // line: seven labels two of which are extras were short of half header words.
    for (const w of ['Отметка', 'выполнении', 'Форма', 'отчётности', 'Источник', 'финансирования', 'лица', 'п/', 'п']) expect(isHeaderWord(w), w).toBe(true);
  });
});

describe('header words OCR misread past the confusable letters', () => {
  it('reads a word no dictionary knows as the one header word an edit or two away', () => {
    expect(correctedHeaderWord('Перечель')).toBe('перечень');
    expect(correctedHeaderWord('Ожидиемые')).toBe('ожидаемые');
    expect(roleOfHeader('Ожидиемые результы')).toBe('result');
    expect(isHeaderWord('Перечель')).toBe(true);
  });

  it('never changes a known word: body text is full of near forms', () => {
    expect(correctedHeaderWord('результатами')).toBeNull();
    expect(correctedHeaderWord('мероприятий')).toBeNull();
    expect(isHeaderWord('результатами')).toBe(false);
    // Short words are a letter from too many others.
    expect(correctedHeaderWord('Срак')).toBeNull();
  });
});
