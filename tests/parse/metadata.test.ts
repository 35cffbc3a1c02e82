import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalPlaces, normalizeMunicipality, normalizeRegion } from '../../src/normalize/places.js';
import { actNumber, issuerToNominative } from '../../src/parse/metadata-act.js';
import { blockText, segmentBlocks } from '../../src/parse/metadata-blocks.js';
import { inferPeriod, periodFromText, tableYears } from '../../src/parse/metadata-place.js';
import { caseDictionary, cleanLineText, joinLines, recaseCaps } from '../../src/parse/metadata-text.js';
import { extractMetadata, type MetaLine } from '../../src/parse/metadata.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/metadata');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

interface Input {
  lines: MetaLine[];
  tableText: string;
}

/** The seed's plain text: one entry per line, `**bold**` as the seeds mark it, cut at the table's "№". */
function fromSeedText(text: string): Input {
  const all = text.split('\n');
  const cut = all.findIndex((l) => /^\s*№(?!\s*\d)(\s|$)|\t№/.test(l));
  let bold = false;
  const lines: MetaLine[] = [];
  for (const raw of all.slice(0, cut)) {
    const isBold = bold || /^\s*(\*\*|<b>)/.test(raw);
    if ((raw.match(/\*\*/g) ?? []).length % 2 === 1) bold = !bold;
    const t = raw.replace(/\*\*|<\/?b>/g, '');
    if (t.trim()) lines.push({ text: t, page: null, bold: isBold, centered: false });
  }
  return { lines, tableText: all.slice(cut).join('\n') };
}

/**
 * Visual lines (pdftotext -layout, OCR): cut at the table header — a "№" line naming a
 * column — and the header lines above it; centred when indented about equally on both sides.
 */
function fromVisualLines(text: string): Input {
  const all = text.split('\n');
  const HEADER_WORDS = /Мероприят|Наименование|Ответствен|Срок|результат|п\/п/g;
  const head = all.findIndex((l, i) => /^\W*№(?!\s*\d)/.test(l) && (all.slice(Math.max(0, i - 2), i + 3).join(' ').match(HEADER_WORDS)?.length ?? 0) >= 2);
  let cut = head;
  const isHeaderPart = (l: string) => !l.trim() || (/Мероприят|Ответствен|Срок|результат|исполнител|деятельности/i.test(l) && !/\d{4}/.test(l));
  while (cut > 0 && isHeaderPart(all[cut - 1]!)) cut--;
  const width = Math.max(...all.map((l) => l.length));
  let page = 1;
  const lines: MetaLine[] = [];
  for (const raw of all.slice(0, cut)) {
    if (raw.includes('\f')) page++;
    const t = raw.replace(/\f/g, '');
    if (!t.trim()) continue;
    const left = t.length - t.trimStart().length;
    const right = width - t.trimEnd().length;
    lines.push({ text: t.trim(), page, bold: false, centered: left > 8 && Math.abs(left - right) < Math.max(8, width * 0.15) });
  }
  return { lines, tableText: all.slice(head).join('\n') };
}

/** Synthetic cases: one line per MetaLine, `{b}`/`{c}` prefixes for bold/centred. */
function fromCase(name: string): MetaLine[] {
  return read(`cases/${name}.txt`).split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^((?:\{[bc]\})*)(.*)$/.exec(l)!;
    return { text: m[2]!, page: 1, bold: m[1]!.includes('{b}'), centered: m[1]!.includes('{c}') };
  });
}

interface GoldMeta {
  document: {
    region: string | null;
    municipality: string | null;
    level: string | null;
    issuer: string | null;
    act: { type: string | null; number: string | null; date: string | null };
    title: string | null;
    period: { from: number | null; to: number | null };
  };
  preamble: string[];
}

const IDS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'];
const RENDERINGS: Record<string, (id: string) => Input> = {
  'seed text': (id) => fromSeedText(read(`${id}.txt`)),
  'pdftotext -layout': (id) => fromVisualLines(read(`${id}.pdf.layout.txt`)),
  'pipeline PDF text layer': (id) => JSON.parse(read(`${id}.pdf.meta.json`)) as Input,
  'pipeline DOCX': (id) => JSON.parse(read(`${id}.docx.meta.json`)) as Input,
};

/** Fields the text cannot give (lysva-2021 never names its region: the classifier gives it from the municipality). */
const NOT_IN_TEXT: Record<string, ReadonlyArray<string>> = {};

function canonical(input: Input) {
  const { meta, preamble } = extractMetadata(input.lines, { tableText: input.tableText });
  const places = canonicalPlaces(meta.region, meta.municipality);
  return {
    fields: {
      region: places.region,
      municipality: places.municipality,
      level: meta.level,
      issuer: meta.issuer,
      actType: meta.actType,
      actNumber: meta.actNumber,
      actDate: meta.actDate,
      title: meta.title,
      periodFrom: meta.periodFrom,
      periodTo: meta.periodTo,
    },
    preamble,
  };
}

function expected(id: string) {
  const gold = JSON.parse(read(`${id}.gold-meta.json`)) as GoldMeta;
  const d = gold.document;
  const fields: Record<string, unknown> = {
    region: d.region,
    municipality: d.municipality,
    level: d.level,
    issuer: d.issuer,
    actType: d.act.type,
    actNumber: d.act.number,
    actDate: d.act.date,
    title: d.title,
    periodFrom: d.period.from,
    periodTo: d.period.to,
  };
  for (const k of NOT_IN_TEXT[id] ?? []) fields[k] = null;
  return { fields, preamble: gold.preamble };
}

describe('extractMetadata on the gold documents', () => {
  for (const [rendering, load] of Object.entries(RENDERINGS)) {
    describe(rendering, () => {
      for (const id of IDS) {
        it(`${id}: every metadata field matches gold after canonicalisation`, () => {
          expect(canonical(load(id)).fields).toEqual(expected(id).fields);
        });
        // The seed of prigorodny-2021 is itself an OCR reading ("Г)Организовать", "компетенций( 100%").
        if (rendering === 'seed text' && id === 'prigorodny-2021') continue;
        it(`${id}: preamble paragraphs match gold`, () => {
          expect(canonical(load(id)).preamble).toEqual(expected(id).preamble);
        });
      }
    });
  }

  it('prigorodny-2021 OCR seed: paragraphs are rebuilt with their openings', () => {
    const got = canonical(fromSeedText(read('prigorodny-2021.txt'))).preamble;
    const want = expected('prigorodny-2021').preamble;
    expect(got).toHaveLength(want.length);
    // The OCR misread the first item's number ("Г)Организовать" for "1) Организовать"): compare past the markers.
    const opening = (p: string) => p.replace(/^\S{1,2}\)\s*/, '').split(' ').slice(0, 3);
    got.forEach((p, i) => expect(opening(p)).toEqual(opening(want[i]!)));
  });

  describe('an OCR reading of the image-only scan', () => {
    for (const id of IDS) {
      it(`${id}: the act, issuer, place and level survive OCR`, () => {
        const input = fromVisualLines(read(`${id}.scan.ocr.txt`));
        const got = canonical(input).fields;
        const want = expected(id).fields;
        for (const k of ['actType', 'actNumber', 'actDate', 'issuer', 'municipality', 'level'] as const) expect(got[k], k).toEqual(want[k]);
        // Word order inside a wide title line is the OCR's to lose; its opening survives.
        expect(got.title?.slice(0, 40)).toEqual((want.title as string).slice(0, 40));
      });
    }
  });
});

describe('extractMetadata on other layouts', () => {
  it('a city administration: letter-spaced act word, country above the issuer, title in capitals', () => {
    const { meta, preamble } = extractMetadata(fromCase('city-administration-caps-header'));
    expect(meta).toMatchObject({
      issuer: 'Администрация города Перми',
      actType: 'постановление',
      actNumber: '123-п',
      actDate: '2022-03-05',
      level: 'municipal',
      title: 'План мероприятий («дорожная карта») по поддержке школ с низкими образовательными результатами на 2022-2025 годы',
      periodFrom: 2022,
      periodTo: 2025,
    });
    expect(normalizeMunicipality(meta.municipality)).toBe('город Пермь');
    expect(preamble).toHaveLength(3);
    expect(preamble[0]).toMatch(/^В соответствии с приказом .* № 26-01-06-394, в целях .* ПОСТАНОВЛЯЕТ:$/);
    expect(preamble.join(' ')).not.toMatch(/Дёмкин|УТВЕРЖДЕН/);
  });

  it('a regional ministry: date in words and the number on the same line as the date', () => {
    const { meta } = extractMetadata(fromCase('ministry-oblast-letter-spaced'));
    expect(meta).toMatchObject({
      issuer: 'Министерство образования, науки и молодежной политики Нижегородской области',
      actType: 'приказ',
      actNumber: '316-01-64-560',
      actDate: '2021-03-15',
      level: 'regional',
      municipality: null,
    });
    expect(normalizeRegion(meta.region)).toBe('Нижегородская область');
  });

  it('a republic above an executive committee: the region is not the issuer', () => {
    const { meta } = extractMetadata(fromCase('republic-executive-committee'));
    expect(meta.issuer).toBe('Исполнительный комитет Елабужского муниципального района');
    expect(normalizeRegion(meta.region)).toBe('Республика Татарстан');
    expect(normalizeMunicipality(meta.municipality)).toBe('Елабужский муниципальный район');
    expect(meta).toMatchObject({ actType: 'постановление', actNumber: '45', actDate: '2022-02-10', level: 'municipal' });
    // No title: the order's own "Утвердить дорожную карту … на 2022–2024 годы" gives the years.
    expect([meta.periodFrom, meta.periodTo]).toEqual([2022, 2024]);
  });

  it('a plan with no header that sets tasks to the municipalities\' bodies as a class is regional', () => {
    // A regional programme's table as a page shows it without its act: «Департамент
    // образования, органы местного самоуправления» (Департамент is then РОИВ, not МОУО).
    const regional = extractMetadata([], { tableText: 'Выравнивание стартовых возможностей Департамент образования, органы местного самоуправления 2007 - 2010' });
    expect(regional.meta.level).toBe('regional');
    const alsoRegional = extractMetadata([], { tableText: 'Мониторинг результатов ВПР Министерство образования, муниципальные органы управления образованием' });
    expect(alsoRegional.meta.level).toBe('regional');
    // A municipal plan's own words stay municipal.
    const municipal = extractMetadata([], { tableText: 'Мониторинг результатов ВПР Управление образования, муниципальная рабочая группа' });
    expect(municipal.meta.level).toBe('municipal');
  });

  it("a school's plan approved by the director's signature", () => {
    const { meta } = extractMetadata(fromCase('school-director-approval'));
    expect(meta).toMatchObject({ level: 'school', issuer: 'МБОУ «СОШ № 5»', actType: null, actNumber: null, actDate: null });
  });

  it("a stamp whose issuer has a number of its own: the act's number follows the date", () => {
    const { meta } = extractMetadata(fromCase('school-order-number-after-school-number'));
    expect(meta).toMatchObject({ issuer: 'МБОУ СОШ № 3', actType: 'приказ', actNumber: '120-о', actDate: '2021-08-30', level: 'school' });
  });

  it('an act cited in the body is not the approving act', () => {
    const { meta, preamble } = extractMetadata(fromCase('cited-act-only'));
    expect(meta).toMatchObject({ actNumber: null, actDate: null, issuer: null, title: null });
    // The operative formula still tells the kind of the act the body belongs to.
    expect(meta.actType).toBe('приказ');
    expect(preamble[0]).toContain('от 01.02.2020 № 10,');
  });

  it('empty input gives empty metadata', () => {
    const { meta, preamble } = extractMetadata([]);
    expect(Object.values(meta).every((v) => v === null)).toBe(true);
    expect(preamble).toEqual([]);
  });
});

describe('segmentBlocks', () => {
  const line = (text: string, extra: Partial<MetaLine> = {}): MetaLine => ({ text, page: 1, bold: false, centered: false, ...extra });

  it('joins the visual lines of a paragraph and starts anew at a list item, a capitalised formula or a short last line', () => {
    const blocks = segmentBlocks([
      line('В целях реализации программы поддержки школ с низкими результатами обучения и'),
      line('школ, функционирующих в неблагоприятных социальных условиях, а также в целях'),
      line('повышения качества образования,'),
      line('ПРИКАЗЫВАЮ:'),
      line('1. Утвердить прилагаемый план мероприятий («дорожную карту») по поддержке школ-'),
      line('участников проекта.'),
      line('Важнейшие целевые индикаторы'),
      line('К началу 2023 года планируется достичь следующих значений важнейших целевых'),
      line('индикаторов:'),
    ]);
    expect(blocks.map(blockText)).toEqual([
      'В целях реализации программы поддержки школ с низкими результатами обучения и школ, функционирующих в неблагоприятных социальных условиях, а также в целях повышения качества образования,',
      'ПРИКАЗЫВАЮ:',
      '1. Утвердить прилагаемый план мероприятий («дорожную карту») по поддержке школ-участников проекта.',
      'Важнейшие целевые индикаторы',
      'К началу 2023 года планируется достичь следующих значений важнейших целевых индикаторов:',
    ]);
  });

  it('treats OCR-misread list numbers as list items and drops OCR debris', () => {
    const blocks = segmentBlocks([
      line('2.2. осуществлять координацию деятельности ответственных исполнителей по реализации Плана.'),
      line('ы ый т'),
      line('о. Рекомендовать исполнительно-распорядительным органам муниципальных районов,'),
      line('муниципальных и городских округов.'),
    ]);
    expect(blocks.map(blockText)).toEqual([
      '2.2. осуществлять координацию деятельности ответственных исполнителей по реализации Плана.',
      'о. Рекомендовать исполнительно-распорядительным органам муниципальных районов, муниципальных и городских округов.',
    ]);
  });

  it('keeps "г. Пермь" at a line start inside its paragraph', () => {
    const blocks = segmentBlocks([
      line('В целях повышения качества образования в общеобразовательных организациях'),
      line('г. Перми и в соответствии с планом работы управления образования на текущий'),
      line('учебный год'),
    ]);
    expect(blocks).toHaveLength(1);
  });

  it('ends an approval stamp at the act reference, not at the annex number', () => {
    const blocks = segmentBlocks([
      line('Приложение № 2'),
      line('к приказу Управления образования'),
      line('МО Пригородный район'),
      line('№460 от «30» декабря 2021 г'),
      line('Дорожная карта поддержки школ'),
    ]);
    expect(blocks.map((b) => b.kind)).toEqual(['approval', 'title']);
    expect(blocks[0]!.lines).toHaveLength(4);
  });
});

describe('issuerToNominative', () => {
  it.each([
    ['администрации Верещагинского городского округа Пермского края', 'Администрация Верещагинского городского округа Пермского края'],
    ['начальника управления образования администрации Лысьвенского городского округа', 'Управление образования администрации Лысьвенского городского округа'],
    ['Министерства образования и науки Пермского края', 'Министерство образования и науки Пермского края'],
    ['Управления образования МО Пригородный район', 'Управление образования МО Пригородный район'],
    ['муниципального бюджетного общеобразовательного учреждения «Школа № 7»', 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 7»'],
    ['Департамента образования города Москвы', 'Департамент образования города Москвы'],
    ['комитета по образованию администрации Петушинского района', 'Комитет по образованию администрации Петушинского района'],
    ['главы Чайковского городского округа', 'Глава Чайковского городского округа'],
    ['директора МБОУ СОШ № 1', 'МБОУ СОШ № 1'],
  ])('%s → %s', (genitive, nominative) => {
    expect(issuerToNominative(genitive)).toBe(nominative);
  });
});

describe('letter case and spacing', () => {
  it('collapses letter-spaced words only', () => {
    expect(cleanLineText('П Р И К А З')).toBe('ПРИКАЗ');
    expect(cleanLineText('П О С Т А Н О В Л Е Н И Е   Г Л А В Ы')).toBe('ПОСТАНОВЛЕНИЕ ГЛАВЫ');
    expect(cleanLineText('МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ')).toBe('МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ');
    expect(cleanLineText('28.10.2021\u00a0\u00a0\u00a0\t№ 491/01-08')).toBe('28.10.2021 № 491/01-08');
  });

  it('restores proper names in capitals from the territory nouns and the document’s own spelling', () => {
    const none = new Map<string, string>();
    expect(recaseCaps('УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЫСЬВЕНСКОГО ГОРОДСКОГО ОКРУГА', none)).toBe('управление образования администрации Лысьвенского городского округа');
    expect(recaseCaps('МИНИСТЕРСТВО ОБРАЗОВАНИЯ РЕСПУБЛИКИ СЕВЕРНАЯ ОСЕТИЯ – АЛАНИЯ', none)).toBe('министерство образования Республики Северная Осетия – Алания');
    expect(recaseCaps('АДМИНИСТРАЦИЯ ГОРОДА ПЕРМИ', none)).toBe('администрация города Перми');
    const dict = caseDictionary(['направить в МАУ ДПО «ЦНМО» и Управление по делам Кудымкарского округа']);
    expect(recaseCaps('ДИРЕКТОРУ МАУ ДПО «ЦНМО»', dict)).toBe('директору МАУ ДПО «ЦНМО»');
  });

  it('joins hyphenated and soft-hyphenated line breaks', () => {
    expect(joinLines(['школ-', 'участников'])).toBe('школ-участников');
    expect(joinLines(['образова\u00ad', 'тельных'])).toBe('образовательных');
    expect(joinLines(['4)Повысить качество', '( 100% в этих школах )'])).toBe('4) Повысить качество (100% в этих школах)');
  });
});

describe('plan period', () => {
  it.each([
    ['на 2021-2024 гг', 2021, 2024],
    ['на 2022–2024 годы.', 2022, 2024],
    ['с 2021 по 2024 год', 2021, 2024],
    ['на 2021-24 годы', 2021, 2024],
    ['в Пермском крае до 2024 года', null, 2024],
    ['на 2023 год', 2023, 2023],
    ['по поддержке школ', null, null],
  ])('%s → %s..%s', (text, from, to) => {
    expect(periodFromText(text)).toEqual({ from, to });
  });

  it('fills an open start from the table, then from the act year', () => {
    expect(inferPeriod(['до 2024 года'], 2021, [2022, 2023])).toEqual({ from: 2022, to: 2024 });
    expect(inferPeriod(['до 2024 года'], 2021, [])).toEqual({ from: 2021, to: 2024 });
    expect(inferPeriod(['План мероприятий'], null, [2020, 2021, 2022])).toEqual({ from: 2020, to: 2022 });
  });

  it('ignores a year the table cites only once', () => {
    expect(tableYears('Август 2020 г. | Сентябрь 2020 г. | 2021 год | май 2021 | Стратегия до 2030 года')).toEqual([2020, 2021]);
  });
});

describe('act number', () => {
  it('keeps the register letters printed after the number (fixtures/regional-unseen/headers)', () => {
    expect(actNumber('от 24 декабря 2002 г. N 615-III ОД')).toBe('615-III ОД');
    expect(actNumber('31.10.2017 № 546 П-А Экз.№ 3')).toBe('546 П-А');
    expect(actNumber('от 30.10.09 N 1021-р г. Кемерово')).toBe('1021-р');
  });

  it('does not take the title\'s first word for register letters', () => {
    expect(actNumber('от 01.09.2022 № 305 ОБ УТВЕРЖДЕНИИ ПЛАНА')).toBe('305');
    expect(actNumber('№ 460 от «30» декабря 2021 г.')).toBe('460');
    expect(actNumber('№ 12 О ВНЕСЕНИИ ИЗМЕНЕНИЙ')).toBe('12');
  });
});
