import { describe, expect, it } from 'vitest';
import { collectInlineAbbreviations, extractActors, UNKNOWN_ACTOR } from '../../src/normalize/actors.js';
import { VOCABULARY, Vocabulary } from '../../src/normalize/vocabulary.js';

const codes = (cell: string, ctx: Parameters<typeof extractActors>[1] = {}): string[] => extractActors(cell, ctx).map((a) => a.code);

describe('extractActors', () => {
  it('an empty cell has no actors', () => {
    expect(extractActors('', {})).toEqual([]);
    expect(extractActors('  \n ', {})).toEqual([]);
  });

  it.each([
    ['Управление образования', ['МОУО']],
    ['управлением образования администрации округа', ['МОУО']],
    ['Отдел по образованию', ['МОУО']],
    ['Комитет по образованию', ['МОУО']],
    ['специалист УО', ['МОУО']],
    ['Муниципальные органы управления образованием', ['МОУО']],
    ['Муниципальный координатор', ['МОУО_КООРД']],
    ['муниципальными рабочими группами', ['МРГ']],
    ['Министерство', ['РОИВ']],
    ['ГАУ ДПО «Институт развития образования Пермского края»', ['ИРО']],
    ['ГБОУ ДПО НИРО', ['ИРО']],
    ['СОРИПКРО', ['ИРО']],
    ['ИПК', ['ИРО']],
    ['МАУ ДПО «ЦНМО»', ['ММС']],
    ['ИМЦ', ['ММС']],
    ['районные методические объединения', ['ММС']],
    ['образовательных организаций', ['ОО']],
    ['общеобразовательные учреждения', ['ОО']],
    ['руководители ОУ', ['ОО']],
    ['ШНР', ['ШНОР']],
    ['школы с НОР', ['ШНОР']],
    ['школы-лидеры', ['ШВОР']],
    ['проектными командами', ['ШПК']],
  ])('maps %j to %j', (cell, expected) => {
    expect(codes(cell)).toEqual(expected);
  });

  it('splits a cell listing several parties, in the order written', () => {
    expect(codes('ИРО, МОУО, ОО')).toEqual(['ИРО', 'МОУО', 'ОО']);
    expect(codes('Муниципальная рабочая группа, школьная проектная команда')).toEqual(['МРГ', 'ШПК']);
    expect(codes('Управление образования; РМО\nОО')).toEqual(['МОУО', 'ММС', 'ОО']);
    expect(codes('Управление образования и образовательные организации')).toEqual(['МОУО', 'ОО']);
  });

  it('reads a federal ministry as no regional authority (fixtures/regional-unseen-2)', () => {
    expect(codes('Министерство просвещения Российской Федерации', { level: 'regional' })).toEqual(['UNKNOWN']);
    expect(codes('Минпросвещения России')).toEqual(['UNKNOWN']);
    expect(codes('Министерство просвещения края')).toEqual(['РОИВ']);
  });

  it('does not read the schools a methodical service serves, named in its name, as a party', () => {
    expect(codes('МКУ "Центр координации деятельности и методического сопровождения образовательных учреждений"')).toEqual(['ММС']);
    expect(codes('Методический центр, образовательные учреждения')).toEqual(['ММС', 'ОО']);
  });

  it('keeps multi-word names whole: "и" inside a name and "с" in ШНОР do not split', () => {
    expect(codes('Министерство образования и науки Пермского края')).toEqual(['РОИВ']);
    expect(codes('школы с низкими образовательными результатами')).toEqual(['ШНОР']);
    expect(codes('Управление образования, молодёжной политики и спорта')).toEqual(['МОУО']);
  });

  it('joins a line that only wraps a long name, splits lines that each name a party', () => {
    expect(codes('Управление\nобразования')).toEqual(['МОУО']);
    expect(codes('МБОУ\nУльяновская\nСШ')).toEqual(['ОО']);
    expect(codes('государственное автономное учреждение\nдополнительного образования\n«Институт развития образования»')).toEqual(['ИРО']);
    expect(codes('Муниципальный координатор\nМуниципальная рабочая группа')).toEqual(['МОУО_КООРД', 'МРГ']);
  });

  it('reads abbreviations in a cell typed all in lower case', () => {
    expect(codes('управление образования, мау дпо «цнмо», оо')).toEqual(['МОУО', 'ММС', 'ОО']);
  });

  it('a qualifying clause after a comma belongs to the party before it', () => {
    expect(codes('Общеобразовательная школа, имеющая стабильно высокие образовательные результаты')).toEqual(['ШВОР']);
    expect(codes('школы, функционирующие в неблагоприятных социальных условиях')).toEqual(['ШНОР']);
  });

  it('a team of a school with low results is both the team and the school', () => {
    expect(new Set(codes('Школьная проектная команда школы с низкими образовательными результатами'))).toEqual(new Set(['ШПК', 'ШНОР']));
  });

  it('a named school is ОО, and its legal form does not override a specific party', () => {
    expect(codes('МБОУ Ульяновская СШ')).toEqual(['ОО']);
    expect(codes('МБОУ «СОШ №1»')).toEqual(['ОО']);
    expect(codes('МАОУ «Лицей № 2»')).toEqual(['ОО']);
    expect(codes('МКОУ Новосельская')).toEqual(['ОО']);
  });

  it('repairs OCR slips in abbreviations and words', () => {
    expect(codes('0О')).toEqual(['ОО']);
    expect(codes('00')).toEqual(['ОО']);
    expect(codes('Управлеиие образоваиия')).toEqual(['МОУО']);
    expect(codes('Упpавление обpазования')).toEqual(['МОУО']); // Latin p
    expect(codes('OУ')).toEqual(['ОО']); // Latin O
  });

  it('is case-insensitive for words and exact for abbreviations', () => {
    expect(codes('УПРАВЛЕНИЕ ОБРАЗОВАНИЯ')).toEqual(['МОУО']);
    expect(codes('УОР')).toEqual([UNKNOWN_ACTOR]); // УО inside another abbreviation is not УО
  });

  it('each code appears once per activity', () => {
    expect(codes('Управление образования, УО, отдел образования')).toEqual(['МОУО']);
  });

  it('keeps unknown parties verbatim under one UNKNOWN actor and drops filler', () => {
    const actors = extractActors('Глава округа, Управление образования, Совет ветеранов, по согласованию', {});
    expect(actors.map((a) => a.code)).toEqual(['МОУО', UNKNOWN_ACTOR]);
    expect(actors.find((a) => a.code === UNKNOWN_ACTOR)?.raw).toBe('Глава округа; Совет ветеранов');
  });

  it('keeps the words of the cell that named each party', () => {
    expect(extractActors('Управление образования, МАУ ДПО «ЦНМО»', {})).toEqual([
      { code: 'МОУО', raw: 'Управление образования' },
      { code: 'ММС', raw: 'МАУ ДПО «ЦНМО»' },
    ]);
  });

  it('decides whose working group by the level of the plan', () => {
    expect(codes('рабочая группа', { level: 'municipal' })).toEqual(['МРГ']);
    expect(codes('рабочая группа', { level: 'school' })).toEqual(['ШПК']);
    expect(codes('рабочая группа', { level: null })).toEqual(['МРГ']);
  });

  it('a blocked phrase is not read as the shorter known one', () => {
    expect(codes('региональный координатор')).toEqual([UNKNOWN_ACTOR]);
  });
});

describe('collectInlineAbbreviations', () => {
  const cell =
    'Министерство образования и науки Пермского края (далее – МО ПК), государственное автономное учреждение ' +
    'дополнительного профессионального образования «Институт развития образования Пермского края» (далее – ИРО)';

  it('maps an abbreviation to the code of the phrase it abbreviates', () => {
    const abbr = collectInlineAbbreviations([cell]);
    expect(abbr.get('МО ПК')).toBe('РОИВ');
    expect(abbr.get('ИРО')).toBe('ИРО');
  });

  it('the definition itself yields the parties, not the abbreviations twice', () => {
    expect(codes(cell, { abbreviations: collectInlineAbbreviations([cell]) })).toEqual(['РОИВ', 'ИРО']);
  });

  it('later mentions use the document definition, which overrides the vocabulary', () => {
    const abbr = collectInlineAbbreviations(['Отдел образования администрации района (далее – ОО)', 'Министерство просвещения края (далее — Министерство)']);
    expect(codes('ОО', { abbreviations: abbr })).toEqual(['МОУО']);
    expect(codes('ОО')).toEqual(['ОО']);
    expect(codes('Министерством', { abbreviations: abbr })).toEqual(['РОИВ']);
  });

  it('reaches back over commas inside a name', () => {
    const abbr = collectInlineAbbreviations(['Управление образования, культуры и спорта (далее по тексту – Управление)']);
    expect(abbr.get('Управление')).toBe('МОУО');
  });

  it('ignores definitions of things that are not parties', () => {
    const abbr = collectInlineAbbreviations([
      'В целях реализации Концепции поддержки школ с низкими образовательными результатами (далее – Концепция) приказываю:',
      'всероссийские проверочные работы (далее – ВПР)',
    ]);
    expect(abbr.has('Концепция')).toBe(false);
    expect(abbr.has('ВПР')).toBe(false);
  });

  it('a school category defined inline maps later mentions to it', () => {
    const abbr = collectInlineAbbreviations(['школы с низкими результатами обучения (далее – Школы)']);
    expect(codes('Школы', { abbreviations: abbr })).toEqual(['ШНОР']);
  });
});

describe('vocabulary', () => {
  it('is valid data and rejects entries with undeclared codes', () => {
    expect(() => Vocabulary.parse(VOCABULARY)).not.toThrow();
    expect(() => Vocabulary.parse({ ...VOCABULARY, entries: [{ code: 'НЕТ', phrases: ['x'] }] })).toThrow(/undeclared code/);
  });

  it('can be extended with a new variant without code changes', () => {
    const extended = Vocabulary.parse({ ...VOCABULARY, entries: [...VOCABULARY.entries, { code: 'ММС', phrases: ['опорная школа'] }] });
    expect(codes('Опорные школы', { vocabulary: extended })).toEqual(['ММС']);
    expect(codes('Опорные школы')).toEqual(['ОО']);
  });
});

describe('performance', () => {
  it('matches a thousand cells in well under a second', () => {
    const cells = ['Управление образования, МАУ ДПО «ЦНМО», ОО', 'Школьная проектная команда школы с низкими образовательными результатами', 'Глава округа'];
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) extractActors(cells[i % cells.length]!, { level: 'municipal' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('OCR damage to abbreviations and their definitions', () => {
  it('one abbreviation OCR read in lower case, in a cell typed in capitals, is still read', () => {
    expect(codes('Управление образования, оо')).toEqual(['МОУО', 'ОО']);
    expect(codes('Управление образования, ОО')).toEqual(['МОУО', 'ОО']);
  });

  it('an abbreviation of two parts whose space OCR dropped is the abbreviation', () => {
    expect(codes('МОПК, ИРО')).toEqual(['РОИВ', 'ИРО']);
  });

  it('a definition named only by a weak word, its name garbled, does not override an abbreviation the vocabulary knows', () => {
    const garbled = 'государственное автономное учреждение дополнительного профессионального образования м развития Пермского края" (далее -- ИРО)';
    const abbr = collectInlineAbbreviations([garbled]);
    expect(codes('ИРО', { abbreviations: abbr })).toEqual(['ИРО']);
    // A definition by a specific name still overrides the vocabulary.
    expect(codes('ОО', { abbreviations: collectInlineAbbreviations(['Отдел образования администрации района (далее – ОО)']) })).toEqual(['МОУО']);
  });
});

describe('parties of every region (#12)', () => {
  it.each([
    ['a definition typed in capitals', 'МУНИЦИПАЛЬНЫЙ ОТДЕЛ УПРАВЛЕНИЯ ОБРАЗОВАНИЕМ (ДАЛЕЕ – МОУО)'],
    ['a definition inside a clause', 'Возложить на муниципальный отдел управления образованием (далее – МОУО) контроль за исполнением'],
  ])('reads %s', (_case, text) => {
    const abbreviations = collectInlineAbbreviations([text], { level: 'municipal' });
    expect([...abbreviations]).toEqual([['МОУО', 'МОУО']]);
  });

  it('does not take a document that names a party for the party («Концепция поддержки школ»)', () => {
    expect([...collectInlineAbbreviations(['Утвердить Концепцию поддержки школ с низкими результатами (далее – Концепция)'])]).toEqual([]);
  });

  it('an authority serving a region is РОИВ, one serving a municipality МОУО, whatever it is called', () => {
    expect(codes('Комитет образования и науки Курской области')).toEqual(['РОИВ']);
    expect(codes('Департамент образования и науки Ханты-Мансийского автономного округа – Югры')).toEqual(['РОИВ']);
    expect(codes('Комитет общего и профессионального образования Ленинградской области')).toEqual(['РОИВ']);
    expect(codes('Департамент образования и науки города Москвы')).toEqual(['РОИВ']);
    expect(codes('Комитет образования и науки администрации города Новокузнецка')).toEqual(['МОУО']);
    expect(codes('Отдел образования администрации Петроградского района Санкт-Петербурга')).toEqual(['МОУО']);
    expect(codes('Управление образования администрации Ахтубинского района Астраханской области')).toEqual(['МОУО']);
  });

  it('with no territory named, the plan level decides', () => {
    expect(codes('Комитет образования и науки', { level: 'regional' })).toEqual(['РОИВ']);
    expect(codes('Комитет образования и науки', { level: 'municipal' })).toEqual(['МОУО']);
    expect(codes('Облкомобразование, ГАУ ДПО «ВГАПО»', { level: 'regional' })).toEqual(['РОИВ', 'ИРО']);
    // A municipal marker before the name still counts in a regional plan.
    expect(codes('Муниципальный отдел управления образованием', { level: 'regional' })).toEqual(['МОУО']);
    expect(codes('МКУ «Управление образования»', { level: 'regional' })).toEqual(['МОУО']);
  });

  it('a territory belongs to the nearest party: another party in between stops it', () => {
    expect(codes('МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ПЕРМСКОГО КРАЯ И УПРАВЛЕНИЕ ОБРАЗОВАНИЯ')).toEqual(['РОИВ', 'МОУО']);
  });

  it('an authority listing its fields after commas is one party', () => {
    expect(codes('Министерство образования, науки и молодежной политики Краснодарского края')).toEqual(['РОИВ']);
    expect(codes('Отдел образования, культуры, спорта и молодежной политики администрации округа')).toEqual(['МОУО']);
    expect(codes('Управление образования, учреждения культуры')).toEqual(['МОУО', UNKNOWN_ACTOR]);
  });

  it('a field joined by " и " to an authority is no party of its own («… и высшей школы»)', () => {
    // Real name of the Komi ministry (komi-gov.ru): before, «высшей школы» was read as a school (ОО).
    expect(codes('Министерство образования и высшей школы Республики Коми')).toEqual(['РОИВ']);
    // Parties of their own after " и " still count.
    expect(codes('Управление образования и общеобразовательные организации')).toEqual(['МОУО', 'ОО']);
    expect(codes('Министерство образования и муниципальные органы управления образованием')).toEqual(['РОИВ', 'МОУО']);
  });

  it('regional institutes and academies by any name are ИРО', () => {
    for (const cell of ['ГАУ ДПО «ВГАПО»', 'РИПК и ППРО', 'ЧИППКРО', 'ЦНППМ', 'БелИРО', 'ТОГИРРО', 'СПб АППО', 'Волгоградская государственная академия последипломного образования']) {
      expect(codes(cell), cell).toEqual(['ИРО']);
    }
    expect(codes('ГАПОУ «Пермский колледж»')).toEqual(['ОО']);
  });

  it('municipal methodical centres are ММС', () => {
    for (const cell of ['ИМЦ', 'МКУ «ИМЦРО»', 'РИМЦ', 'МКУ «Центр методического и информационного обеспечения»']) {
      expect(codes(cell), cell).toEqual(['ММС']);
    }
    expect(codes('МЦКО')).toEqual([UNKNOWN_ACTOR]);
  });

  it('schools named by their category are that category only', () => {
    expect(codes('ОО с НОР')).toEqual(['ШНОР']);
    expect(codes('образовательные организации, показавшие низкие образовательные результаты')).toEqual(['ШНОР']);
    expect(codes('проектная команда ОО')).toEqual(['ШПК']);
    expect(codes('ШНОР, ОО')).toEqual(['ШНОР', 'ОО']);
  });

  it('parties no code covers stay UNKNOWN', () => {
    expect(codes('кураторы проекта, РЦОИ, РИАЦОКО, ОДН УМВД')).toEqual([UNKNOWN_ACTOR]);
  });
});
