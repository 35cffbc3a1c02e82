import { createRequire } from 'node:module';
import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';
import { editDistance } from '../lexicon/edit-distance.js';

export { editDistance };

/*
 * Word tokens with OCR-tolerant spelling, shared by the actor and deadline parsers.
 * natural is loaded by deep path: its package root pulls in optional back-ends that print
 * dotenv noise, and the stemmer is plain CommonJS without side effects.
 */
const require = createRequire(import.meta.url);
const stemmerRu = require('natural/lib/natural/stemmers/porter_stemmer_ru.js') as Stemmer;

export interface TextToken {
  /** The token as written, after repairing look-alike characters. */
  text: string;
  /** Lower case with ё folded to е. */
  lower: string;
  /** Offsets in the source string. */
  start: number;
  end: number;
}

/** Latin letters that OCR and careless typing put into Cyrillic words. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у',
};
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[A-Za-z]/;

/**
 * Repairs a token whose letters were misread as Latin look-alikes or digits ("0О", "00",
 * "Упpавление", "У0"). A token is only rewritten when the result is plausibly Cyrillic:
 * genuine Latin words ("PISA") and numbers ("2021", "№10") stay as they are.
 */
export function repairToken(token: string): string {
  let t = token;
  const hasCyr = CYRILLIC.test(t);
  if (LATIN.test(t)) {
    const allLookAlike = [...t].every((ch) => !LATIN.test(ch) || ch in LATIN_TO_CYRILLIC);
    // An all-Latin word is rewritten only when it is short and upper case (an abbreviation
    // like "OO"); longer Latin words are real Latin.
    const shortCaps = !hasCyr && t.length <= 6 && t === t.toUpperCase();
    if (allLookAlike && (hasCyr || shortCaps)) t = [...t].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  }
  if (/\d/.test(t)) {
    const letters = t.replace(/[^\p{L}]/gu, '');
    if (letters.length > 0 && /^[\p{L}036]+$/u.test(t)) {
      // Digits inside a word are misread letters: 0/О, 3/З, 6/б.
      const upper = letters === letters.toUpperCase();
      t = t.replace(/[036]/g, (d) => (d === '0' ? (upper ? 'О' : 'о') : d === '3' ? (upper ? 'З' : 'з') : 'б'));
    } else if (/^0{2,4}$/.test(t)) {
      // A bare "00" is never a quantity in a responsible or deadline cell; it is "ОО".
      t = 'О'.repeat(t.length);
    }
  }
  return t;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The text with every word repaired (repairToken), punctuation and spacing untouched. */
export function repairText(text: string): string {
  return text.replace(WORD, repairToken);
}

/** Splits text into letter/digit runs (hyphens and punctuation separate tokens). */
export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const repaired = repairToken(m[0]);
    out.push({
      text: repaired,
      lower: repaired.toLowerCase().replace(/ё/g, 'е'),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

const stemCache = new Map<string, string>();
/** Cache bound: responsible cells reuse a few hundred words; a runaway corpus must not grow it forever. */
const STEM_CACHE_LIMIT = 50_000;

/** Russian Porter stem of a lower-case word (cached: it runs on every word of every row). */
export function stem(lower: string): string {
  let s = stemCache.get(lower);
  if (s === undefined) {
    s = /\p{L}/u.test(lower) ? stemmerRu.stem(lower) : lower;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(lower, s);
  }
  return s;
}

/**
 * The nearest candidate within `floor(maxRatio × candidate length)` edits, or undefined.
 * Ties go to the first candidate, so callers order candidates by preference.
 */
export function nearestWithin(word: string, candidates: Iterable<string>, maxRatio: number): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const limit = Math.floor(maxRatio * c.length);
    if (limit === 0 || Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(word, c);
    if (d <= limit && d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}
