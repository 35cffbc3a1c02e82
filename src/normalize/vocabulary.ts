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
 * When matches overlap, the longest wins.
 */
export const VocabularyEntry = z.object({
  code: z.string().min(1),
  phrases: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
  weak: z.boolean().default(false),
  levels: z.array(Level).optional(),
});
export type VocabularyEntry = z.infer<typeof VocabularyEntry>;

export const Vocabulary = z.object({
  /** Canonical codes and what they mean (domain.md). */
  codes: z.record(z.string(), z.string()),
  entries: z.array(VocabularyEntry),
  /** Words that, alone in a party slot, name no party ("по согласованию"). */
  fillers: z.array(z.string()),
}).superRefine((v, ctx) => {
  for (const e of v.entries) {
    if (e.code !== 'UNKNOWN' && !(e.code in v.codes)) {
      ctx.addIssue({ code: 'custom', message: `entry uses undeclared code ${e.code}` });
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
      code: 'МОУО',
      phrases: [
        'управление образования', 'управление по образованию', 'отдел образования',
        'комитет по образованию', 'комитет образования', 'орган управления образованием',
        'органы управления в сфере образования', 'осуществляющие управление в сфере образования',
        'органы местного самоуправления', 'специалист по образованию',
        'УО', 'МОУО', 'ОМСУ', 'РУО', 'ГорОО', 'РОО', 'МУО',
      ],
    },
    // Departments of education are regional in federal cities and municipal elsewhere.
    { code: 'МОУО', phrases: ['департамент образования'], levels: ['municipal', 'school'] },
    { code: 'РОИВ', phrases: ['департамент образования'], levels: ['regional'] },
    {
      code: 'РОИВ',
      phrases: [
        'министерство', 'орган исполнительной власти', 'региональный орган управления образованием',
        'РОИВ', 'ОИВ', 'МО ПК', 'МОиН', 'МОН',
      ],
      patterns: ['^[Мм]инобр', '^[Мм]инпрос'],
    },
    {
      code: 'ИРО',
      phrases: [
        'институт развития образования', 'институт повышения квалификации',
        'институт образования', 'центр непрерывного повышения профессионального мастерства',
        'ЦНППМ', 'ЦНППМПР',
      ],
      // Regional institutes are abbreviated with ИРО / ИПК inside: НИРО, СОРИПКРО, ИПКиПРО, ТОИПКРО.
      patterns: ['^[А-ЯЁ]{0,4}(ИРО|ИПК|ИУУ)[А-ЯЁи]{0,6}$'],
    },
    {
      code: 'ММС',
      phrases: [
        'методический центр', 'методическая служба', 'методический кабинет', 'методическое объединение',
        'центр методического обеспечения', 'центр развития образования', 'методический совет',
        'ИМЦ', 'РМО', 'ГМО', 'ММО', 'РМК', 'ММС', 'ЦНМО', 'ММЦ', 'РМЦ', 'ГМЦ', 'МЦ', 'ЦРО',
      ],
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
      phrases: [
        'низкими * результатами', 'низкой * результативностью',
        'неблагоприятных * условиях', 'сложных социальных условиях',
        'ШНОР', 'ШНР', 'НОР', 'ШНСУ', 'ШССУ',
      ],
    },
    {
      code: 'ШВОР',
      phrases: [
        'высокими * результатами', 'высокой * результативностью',
        'школа лидер', 'школа наставник', 'эффективные школы', 'ШВОР', 'ШВР',
      ],
    },
    {
      code: 'ШПК',
      phrases: [
        'проектная команда', 'школьная команда', 'управленческая команда', 'команда школы',
        'школьная рабочая группа', 'школьный координатор', 'ШПК', 'ШУК',
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
  ],
  fillers: [
    'по согласованию', 'при необходимости', 'совместно с', 'все', 'и другие', 'др',
    'ответственные', 'ответственный', 'исполнители',
  ],
};

/** Validated at load: a malformed entry fails at start-up, not silently at match time. */
export const VOCABULARY: Vocabulary = Vocabulary.parse(DATA);
