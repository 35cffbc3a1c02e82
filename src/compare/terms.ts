import { createRequire } from 'node:module';
import { stem, tokenize } from '../normalize/text-tokens.js';

/*
 * Activity text → index terms: Porter stems of the content words, plus stem bigrams so that
 * "адресных рекомендаций" weighs more than the two words met apart. natural's Russian stop
 * list is loaded by deep path for the same reason text-tokens.ts loads its stemmer that way.
 */
const require = createRequire(import.meta.url);
const { words: naturalStopWords } = require('natural/lib/natural/util/stopwords_ru.js') as { words: string[] };

/**
 * Function words natural's list lacks. Plans write "по", "при", "не" in nearly every row,
 * and "в том числе" / "г." / "гг." are boilerplate; left in, they would tie unrelated rows.
 */
const EXTRA_STOP_WORDS = ['по', 'при', 'об', 'обо', 'не', 'ни', 'со', 'ко', 'без', 'про', 'том', 'числе', 'этом', 'гг'];

const STOP_WORDS: ReadonlySet<string> = new Set([...naturalStopWords, ...EXTRA_STOP_WORDS].map((w) => w.toLowerCase()));

/** Numbers shorter than this are list labels or class numbers ("4,5,6 кл."); "500+" is a project name. */
const MIN_NUMBER_DIGITS = 3;

export interface TermOptions {
  /** Add "stem_stem" terms for adjacent content words. */
  bigrams: boolean;
}

/*
 * Names of the programme's target group, as stem runs. Every plan names "школы с низкими
 * образовательными результатами обучающихся" and "школы, функционирующие в неблагоприятных
 * социальных условиях" in row after row, so these words say which programme a row belongs to,
 * never which activity it is. Left in, they tie unrelated rows: on the corpus "approve the
 * methods of collecting data about schools with low results …" scored 0.36 against "approve
 * the criteria … for schools with low results …", above true reworded pairs. A corpus of
 * hundreds of plans would push their idf down by itself; a few plans cannot.
 */
const PROGRAMME_PHRASES: readonly RegExp[] = [
  // низкими (образовательными) результатами (обучения | обучающихся)
  /(?:^| )низк(?: образовательн)? результат(?: обучен| обуча)?(?= |$)/g,
  // функционирующих в неблагоприятных / сложных социальных условиях
  /(?:^| )функционир (?:неблагоприятн|сложн) социальн услов(?= |$)/g,
  // ШНОР, ШНР, (школы с) НОР: abbreviations of the same group
  /(?:^| )(?:шнор|шнр|нор)(?= |$)/g,
];

/** Content stems with the target-group names removed (see PROGRAMME_PHRASES). */
export function activityStems(text: string): string[] {
  let joined = ` ${contentStems(text).join(' ')} `;
  for (const re of PROGRAMME_PHRASES) joined = joined.replace(re, ' ');
  return joined.split(' ').filter((s) => s !== '');
}

export function isStopWord(lower: string): boolean {
  return STOP_WORDS.has(lower);
}

/** Stems of the content words, in text order. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (STOP_WORDS.has(t.lower)) continue;
    if (/^\d+$/.test(t.lower)) {
      if (t.lower.length >= MIN_NUMBER_DIGITS) out.push(t.lower);
      continue;
    }
    if (t.lower.length < 2) continue;
    out.push(stem(t.lower));
  }
  return out;
}

/**
 * Index terms of an activity cell: content stems without the target-group names, and their
 * adjacent pairs when asked. Pairs are formed after the removal, so "поддержке школ" and
 * "школ муниципального" stay while the group's name contributes nothing.
 */
export function termsOf(text: string, opts: TermOptions): string[] {
  const stems = activityStems(text);
  if (!opts.bigrams) return stems;
  const pairs: string[] = [];
  for (let i = 1; i < stems.length; i++) pairs.push(`${stems[i - 1]!}_${stems[i]!}`);
  return [...stems, ...pairs];
}
