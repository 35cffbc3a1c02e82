import { z } from 'zod';
import { Level } from '../model/plan.js';

/*
 * The vocabulary of responsible parties, as data. To teach the pipeline a new variant, add a
 * phrase to the right entry; nothing else changes.
 *
 * Phrase syntax
 * - Words are compared by their Russian stem, so write them in any case or inflection.
 * - A token with two or more capital letters ("ОО", "МО ПК", "МОиН") is an abbreviation and
 *   must appear exactly so (after look-alike repair: "0О" → "ОО").
 * - Consecutive phrase words may have one foreign word between them in the cell
 *   ("отдел [по] образованию"); `*` allows up to three ("низкими [уровнем образовательных] результатами").
 * - `patterns` are regular expressions tested against one whole token (abbreviation families).
 *
 * Entries
 * - `weak` entries only count when nothing else in the same party name matched: "школа" is ОО
 *   on its own, but in "школа с низкими результатами" the school is the ШНОР.
 * - `levels` restricts an entry to documents of those levels (the level of the plan decides
 *   whose working group "рабочая группа" is). A document of unknown level counts as municipal.
 * - Code UNKNOWN marks phrases that must not be read as a known party although a shorter
 *   phrase inside them would be ("региональный координатор" is not the municipal one).
 * - `regionalCode` makes an entry an authority whose tier the territory it serves decides:
 *   "Комитет по образованию администрации района" is `code`, "Комитет образования и науки
 *   Курской области" is `regionalCode`. The first `territories` phrase after the name decides
 *   (else the last one before it: "Муниципальный отдел …"); a name with no territory belongs
 *   to the plan's own tier (regional plans → `regionalCode`).
 * - `subsumes`: codes this entry's party already is, dropped from the same party name: "ОО с
 *   НОР" are the ШНОР, not ОО besides; "проектная команда ОО" is the team, not the school.
 * When matches overlap, the longest wins.
 *
 * `continuations` are the fields an authority's name lists after its first one ("Министерство
 * образования, науки и молодёжной политики …", "Управление образования, опеки и попечительства
 * …"): a piece after a comma that opens with one of them is more of the same name.
 */
export const VocabularyEntry = z.object({
  code: z.string().min(1),
  phrases: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
  weak: z.boolean().default(false),
  levels: z.array(Level).optional(),
  regionalCode: z.string().min(1).optional(),
  subsumes: z.array(z.string().min(1)).default([]),
});
export type VocabularyEntry = z.infer<typeof VocabularyEntry>;

export const Vocabulary = z.object({
  /** Canonical codes and what they mean (domain.md). */
  codes: z.record(z.string(), z.string()),
  entries: z.array(VocabularyEntry),
  /** Words that, alone in a party slot, name no party ("по согласованию"). */
  fillers: z.array(z.string()),
  /** Phrases naming a region or a municipality: they tell the tier of an authority (`regionalCode`). */
  territories: z.object({
    regional: z.array(z.string().min(1)).default([]),
    municipal: z.array(z.string().min(1)).default([]),
  }).prefault({}),
  /** First words of a piece that continues an authority's name after a comma (see above). */
  continuations: z.array(z.string().min(1)).default([]),
}).superRefine((v, ctx) => {
  for (const e of v.entries) {
    for (const code of [e.code, ...(e.regionalCode ? [e.regionalCode] : []), ...e.subsumes]) {
      if (code !== 'UNKNOWN' && !(code in v.codes)) {
        ctx.addIssue({ code: 'custom', message: `entry uses undeclared code ${code}` });
      }
    }
    for (const p of e.patterns) {
      try {
        new RegExp(p, 'u');
      } catch {
        ctx.addIssue({ code: 'custom', message: `bad pattern ${p} in ${e.code}` });
      }
    }
  }
});
export type Vocabulary = z.infer<typeof Vocabulary>;

const DATA: z.input<typeof Vocabulary> = {
  codes: {
    МОУО: 'municipal education authority',
    МОУО_КООРД: 'municipal coordinator of the programme',
    МРГ: 'municipal working group',
    РОИВ: 'regional education authority',
    ИРО: 'regional institute of education development / teacher training',
    ММС: 'municipal methodical service',
    ОО: 'educational organisations, schools in general',
    ШНОР: 'schools with low results (and schools in unfavourable social conditions)',
    ШВОР: 'schools with high results',
    ШПК: 'school project team',
  },
  entries: [
    {
      // Education authorities of either tier: a region's committee or department has the same
      // name as a municipality's, the territory it serves tells them apart.
      code: 'МОУО',
      regionalCode: 'РОИВ',
      phrases: [
        'управление образования', 'управление по образованию', 'отдел образования',
        'комитет по образованию', 'комитет * образования', 'департамент * образования',
        // The territory between the body and its field: "Комитет администрации … района по образованию".
        'комитет * по образованию', 'управление * по образованию', 'департамент * по образованию',
      ],
    },
    {
      code: 'МОУО',
      phrases: [
        'орган управления образованием', 'органы управления в сфере образования',
        'органы местного самоуправления', 'специалист по образованию',
        'УО', 'МОУО', 'ОМСУ', 'РУО', 'ГорОО', 'РОО', 'МУО', 'РОНО', 'ГорОНО', 'ГОРОНО', 'ГорУО',
      ],
    },
    // "…, осуществляющие управление в сфере образования" qualifies whichever body it follows.
    { code: 'МОУО', phrases: ['осуществляющие управление в сфере образования'], weak: true },
    {
      code: 'РОИВ',
      phrases: [
        'министерство', 'агентство по образованию', 'орган исполнительной власти', 'региональный орган управления образованием',
        'РОИВ', 'ОИВ', 'МО ПК', 'МОиН', 'МОН', 'облоно',
      ],
      // Минобрнауки, Минпросвещения; Облкомобразование (a regional committee in one word).
      patterns: ['^[Мм]инобр', '^[Мм]инпрос', '^[Оо]бл\\p{L}*образ'],
    },
    {
      code: 'ИРО',
      phrases: [
        'институт развития образования', 'институт повышения квалификации', 'институт * развития',
        'институт образования', 'институт переподготовки', 'институт усовершенствования учителей',
        'институт открытого образования', 'институт образовательной политики',
        'институт последипломного * образования', 'институт постдипломного * образования',
        'академия * последипломного образования', 'академия * постдипломного образования',
        'академия социального управления', 'АСОУ',
        'центр непрерывного повышения профессионального мастерства', 'ЦНППМ', 'ЦНППМПР',
      ],
      // Regional institutes and academies are abbreviated by a region prefix (letters, or a short
      // syllable: БелИРО, СахИРО, ХакИРОиПК) and the kind of institute: ИРО (НИРО, СОРИПКРО),
      // ИРРО (ТОГИРРО), ИПК / ИППК (ККИПК, ЧИППКРО), ИУУ (ТОИУУ), ИОО (АОИОО), ИОП (БРИОП),
      // ИППО (КРИППО), АППО / АПО (СПб АППО, ВГАПО). Not a legal form ending in ОУ (ГАПОУ is a college).
      patterns: ['^(?!\\p{L}*ОУ$)(?:[А-ЯЁ][а-яё]{0,2}){0,4}(?:ИРО|ИРРО|ИПК|ИППК|ИУУ|ИОО|ИОП|ИППО|АППО|АПО)[А-ЯЁи]{0,7}$'],
    },
    {
      code: 'ММС',
      // "МКУ «Центр … методического сопровождения образовательных учреждений»": the schools a
      // service's name says it serves are no party of their own.
      subsumes: ['ОО'],
      phrases: [
        'методический центр', 'методическая служба', 'методический кабинет', 'методическое объединение',
        'методический отдел', 'методическое сопровождение',
        'центр методического * обеспечения', 'центр развития образования', 'методический совет',
        'ИМЦ', 'РМО', 'ГМО', 'ММО', 'РМК', 'ММС', 'ЦНМО', 'ММЦ', 'РМЦ', 'ГМЦ', 'МЦ', 'ЦРО',
        'ЦМО', 'ЦМС', 'ЦНМС',
      ],
      // Methodical centres: a prefix and МЦ, maybe a suffix (НМЦ, УМЦ, РИМЦ, ИМЦРО).
      patterns: ['^[А-ЯЁ]{1,3}МЦ[А-ЯЁ]{0,3}$'],
    },
    { code: 'ММС', phrases: ['методист'], weak: true },
    {
      code: 'ОО',
      phrases: [
        'образовательные организации', 'общеобразовательные организации',
        'образовательные учреждения', 'общеобразовательные учреждения',
        'школьные методические объединения', 'администрация школы',
        'лицей', 'гимназия', 'интернат',
        'ОО', 'ОУ', 'ООО', 'СОШ', 'ООШ', 'СШ', 'ОШ', 'НОШ', 'ШМО',
      ],
    },
    {
      // Generic words for a school or its staff, and legal forms that precede a name: they
      // mean ОО only when no more specific party is named with them (ГБОУ ДПО НИРО is ИРО).
      code: 'ОО',
      weak: true,
      phrases: [
        'школа', 'общеобразовательная', 'учреждение * образования', 'организация * образования',
        'директор', 'заместитель директора', 'педагоги', 'учителя', 'классные руководители',
      ],
      patterns: ['^[А-ЯЁ]{1,4}ОУ$'],
    },
    {
      code: 'ШНОР',
      subsumes: ['ОО'],
      phrases: [
        // Project «500+» is the federal programme for schools with low results.
        'участники проекта 500',
        'низкими * результатами', 'низкой * результативностью',
        'неблагоприятных * условиях', 'сложных социальных условиях',
        'ШНОР', 'ШНР', 'НОР', 'ШНСУ', 'ШССУ',
      ],
    },
    {
      code: 'ШВОР',
      subsumes: ['ОО'],
      phrases: [
        'высокими * результатами', 'высокой * результативностью',
        'школа лидер', 'школа наставник', 'эффективные школы', 'ШВОР', 'ШВР',
      ],
    },
    {
      code: 'ШПК',
      subsumes: ['ОО'],
      phrases: [
        'проектная команда', 'школьная команда', 'управленческая команда', 'команда школы',
        'школьная рабочая группа', 'школьный координатор', 'ШПК', 'ШУК',
        'рабочая группа школы', 'рабочая группа ОО', 'рабочая группа ОУ', 'рабочая группа образовательной организации',
      ],
    },
    { code: 'ШПК', phrases: ['команда'], weak: true },
    { code: 'ШПК', phrases: ['рабочая группа'], levels: ['school'] },
    {
      code: 'МРГ',
      phrases: ['муниципальная рабочая группа', 'муниципальная команда', 'муниципальная проектная команда', 'МРГ'],
    },
    { code: 'МРГ', phrases: ['рабочая группа'], levels: ['regional', 'municipal'] },
    { code: 'МОУО_КООРД', phrases: ['муниципальный координатор'] },
    { code: 'МОУО_КООРД', phrases: ['координатор'], levels: ['municipal'] },
    { code: 'UNKNOWN', phrases: ['региональный координатор', 'федеральный координатор'] },
    {
      // Federal bodies are no regional authority: "Министерство просвещения Российской Федерации",
      // "Минпросвещения России" (a longer match than "министерство" alone, so it wins).
      code: 'UNKNOWN',
      phrases: [
        'министерство * Российской Федерации', 'министерство * РФ', 'министерство * России',
        'Минпросвещения России', 'Минпросвещения РФ', 'Минобрнауки России', 'Минобрнауки РФ',
      ],
    },
    {
      // A ministry of another field is no education authority: "Министерство финансов Республики
      // Хакасия", "Министерство здравоохранения и социального развития …", "Министерство курортов
      // и туризма …" (longer than "министерство" alone, so it wins). Fields that are also the
      // continuations of an education body's name (культура, спорт, туризм, молодежь, социальная
      // политика) are left out: "Министерство образования, спорта и туризма" stays РОИВ.
      code: 'UNKNOWN',
      phrases: [
        'министерство финансов', 'министерство здравоохранения', 'министерство курортов', 'министерство труда',
        'министерство социального', 'министерство экономического', 'министерство экономики',
        'министерство строительства', 'министерство сельского хозяйства', 'министерство внутренних дел',
        'министерство юстиции', 'министерство транспорта', 'министерство природных ресурсов', 'министерство имущественных',
        'министерство промышленности', 'министерство цифрового развития',
      ],
    },
  ],
  fillers: [
    'по согласованию', 'при необходимости', 'совместно с', 'все', 'и другие', 'др',
    'ответственные', 'ответственный', 'исполнители',
  ],
  territories: {
    regional: [
      'область', 'край', 'республика', 'автономный округ', 'автономная область', 'субъект',
      'областной', 'краевой', 'республиканский', 'региональный',
      'Москва', 'Санкт Петербург', 'Севастополь', 'Кузбасс', 'Югра',
      // Federal cities are regions: "города Москвы" outranks "города" by length.
      'город Москва', 'г Москва', 'город Санкт Петербург', 'г Санкт Петербург', 'город Севастополь', 'г Севастополь',
    ],
    municipal: [
      'администрация', 'мэрия', 'исполнительный комитет', 'район', 'районный', 'город', 'г', 'городской',
      'муниципальный', 'поселок', 'село', 'МО', 'ГО', 'МР', 'МО ГО',
      // Legal forms of municipal institutions: МКУ «Управление образования».
      'МКУ', 'МБУ', 'МАУ', 'МУ',
    ],
  },
  continuations: [
    'наука', 'культура', 'спорт', 'молодежная политика', 'молодежь', 'опека', 'попечительство', 'туризм',
    'физическая культура', 'социальная политика', 'по делам молодежи', 'воспитание', 'просвещение',
  ],
};

/** Validated at load: a malformed entry fails at start-up, not silently at match time. */
export const VOCABULARY: Vocabulary = Vocabulary.parse(DATA);
