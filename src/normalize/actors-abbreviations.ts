import type { Level } from '../model/plan.js';
import { compiledFor, findParties, UNKNOWN_ACTOR } from './actors-compile.js';
import type { Vocabulary } from './vocabulary.js';
import { isAbbreviation, selectMatches } from './actors-matcher.js';
import { repairText, tokenize, type TextToken } from './text-tokens.js';
import { TUNING } from '../settings.js';

const D = TUNING.normalize.abbreviations;

/** "(далее – МО ПК)", "(далее по тексту — «Управление»)", "(далее: ИРО)". */
const DEFINITION = /\(\s*далее(?:\s+по\s+тексту)?(?:\s+также)?\s*[-–—:]?\s*([^()]+?)\s*\)/giu;
/** Where a defining phrase cannot reach back across. */
const PHRASE_BOUNDARY = /[.;:\n()]/u;
const QUOTES = /[«»"“”„']/gu;

/** Nominative or oblique adjective / participle endings: words that modify the head noun. */
const MODIFIER = /(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ых|их|ым|им|ыми|ими|ую|юю)$/u;

/**
 * Abbreviations and adjectives modify the head noun. In a phrase typed all in capitals
 * («МУНИЦИПАЛЬНЫЙ ОТДЕЛ УПРАВЛЕНИЯ ОБРАЗОВАНИЕМ») every word looks like an abbreviation, so
 * there a word longer than any abbreviation is read as a word.
 */
function isModifier(t: TextToken, allCaps: boolean): boolean {
  if (allCaps && t.text.length > MAX_ABBREVIATION_LETTERS) return MODIFIER.test(t.lower);
  return isAbbreviation(t.text) || (t.text !== t.text.toUpperCase() && MODIFIER.test(t.lower));
}
/** МОУО, МКОУ: abbreviations of parties run to four letters; longer capitals are words. */
const MAX_ABBREVIATION_LETTERS = 4;
/**
 * Words that open the clause a definition stands in, not the party it defines: an
 * infinitive or imperative and a preposition («Возложить на муниципальный отдел … (далее –
 * МОУО)», «поручить управлению образования …»).
 */
const CLAUSE_OPENER = /^(\p{L}+(ть|ться|ти)|поручаю|возлагаю|на|в|во|для|с|со|по|к|ко|от|при|через)$/u;

/**
 * The code of a defining phrase, if its head names a party. The head is the first word that
 * is not a modifier; it must belong to a match, strong or weak: "Министерство образования и
 * науки Пермского края" → РОИВ; "государственное автономное учреждение ДПО «Институт развития
 * образования»" → ИРО (the institution word is weak, the name decides); "школы с низкими
 * результатами" → ШНОР. "Концепция поддержки школ с низкими результатами" names no party: its
 * head is "Концепция", the schools are only a complement.
 */
function headCode(phrase: string, level: Level | null, vocabulary?: Vocabulary): { code: string; weak: boolean } | undefined {
  const c = compiledFor({ level, ...(vocabulary ? { vocabulary } : {}) });
  const tokens = tokenize(phrase);
  const all = findParties(c, tokens).filter((m) => m.code !== UNKNOWN_ACTOR);
  const allCaps = tokens.every((t) => t.text === t.text.toUpperCase());
  let start = 0;
  while (start < tokens.length - 1 && CLAUSE_OPENER.test(tokens[start]!.lower)) start++;
  const head = tokens.findIndex((t, i) => i >= start && !isModifier(t, allCaps));
  if (head < 0 || !all.some((m) => m.start <= head && head < m.end)) return undefined;
  const best = selectMatches(all)[0];
  return best && { code: best.code, weak: best.weak };
}

/** The code the vocabulary itself gives an abbreviation by a specific (not weak) entry. */
function ownCode(abbr: string, level: Level | null, vocabulary?: Vocabulary): string | undefined {
  const c = compiledFor({ level, ...(vocabulary ? { vocabulary } : {}) });
  const found = selectMatches(findParties(c, tokenize(abbr)).filter((m) => m.code !== UNKNOWN_ACTOR));
  return found.length === 1 && !found[0]!.weak ? found[0]!.code : undefined;
}

/** The candidate phrases before a definition, shortest first. */
function definingPhrases(before: string): string[] {
  let from = before.length;
  while (from > 0 && !PHRASE_BOUNDARY.test(before[from - 1]!)) from--;
  const pieces = before.slice(from).split(',');
  const out: string[] = [];
  for (let n = 1; n <= Math.min(D.maxDefinitionPieces, pieces.length); n++) {
    const phrase = pieces.slice(pieces.length - n).join(',').trim();
    if (phrase) out.push(phrase);
  }
  return out;
}

/**
 * Abbreviations a document defines inline, mapped to the code of the phrase they abbreviate:
 * "Министерство образования и науки Пермского края (далее – МО ПК)" gives МО ПК → РОИВ.
 * Definitions of things that are not parties ("(далее – Концепция)") are skipped. When an
 * abbreviation is defined twice, the first definition wins.
 */
export function collectInlineAbbreviations(texts: readonly string[], options: { level?: Level | null; vocabulary?: Vocabulary } = {}): Map<string, string> {
  const found = new Map<string, string>();
  for (const original of texts) {
    const text = repairText(original);
    for (const m of text.matchAll(DEFINITION)) {
      const abbr = (m[1] ?? '').replace(QUOTES, '').replace(/\s+/g, ' ').trim();
      if (!abbr || abbr.length > D.maxAbbreviationChars || found.has(abbr)) continue;
      if (/соответственно/iu.test(abbr) || !/\p{L}/u.test(abbr)) continue;
      for (const phrase of definingPhrases(text.slice(0, m.index))) {
        const head = headCode(phrase, options.level ?? null, options.vocabulary);
        if (head) {
          // A phrase named only by a weak word ("учреждение … образования") where OCR garbled
          // the name that decides ("«Институт развития …»") says less than an abbreviation the
          // vocabulary knows by itself (ИРО): the definition then does not override it.
          const own = head.weak ? ownCode(abbr, options.level ?? null, options.vocabulary) : undefined;
          if (own === undefined || own === head.code) found.set(abbr, head.code);
          break;
        }
      }
    }
  }
  return found;
}
