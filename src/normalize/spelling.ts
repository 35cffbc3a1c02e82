import { foldWord, russianDictionary, type WordDictionary } from '../lexicon/dictionary.js';
import type { NearWord } from '../lexicon/dawg.js';
import { TUNING } from '../settings.js';
import { stem } from './text-tokens.js';
import { editDistance } from '../lexicon/edit-distance.js';
import { differsByLookalikes } from '../lexicon/ocr-confusions.js';

/*
 * Dictionary repair of OCR'd words, against the word list of the OCR model itself (general
 * Russian, nothing of this corpus). A word torn in two by a lost or misread letter is joined
 * again ("Но мативно" → "Нормативно"), and a word the list does not know is replaced by the
 * one listed word a slip away that the document writes elsewhere ("нормативио" →
 * "нормативно"): a word misread once is usually read right in another row. Words the list
 * knows are never touched, and since the list lacks many correct forms, nothing changes when
 * the answer is ambiguous or looks like another form of the same word.
 */
const S = TUNING.normalize.spelling;

interface Token {
  text: string;
  start: number;
  end: number;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Letter/digit runs; hyphens, spaces and punctuation separate them. */
const TOKEN = /[\p{L}\p{N}]+/gu;
const CYRILLIC_WORD = /^[а-яёА-ЯЁ]+$/u;
/** A bracket or semicolon between two letters, at most a space after it: a misread letter. */
const LETTER_AS_PUNCTUATION = /^[(){}\[\];|]\s?$/u;
/** Initials next to a word make it a surname ("Иванова И.И.", "И.И. Иванова"): never a slip. */
const INITIALS_AFTER = /^\s*[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?/u;
const INITIALS_BEFORE = /[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?\s*$/u;

type CasePattern = 'lower' | 'capital' | 'upper';

function casePattern(word: string): CasePattern {
  if (word.length > 1 && word === word.toUpperCase()) return 'upper';
  const first = word[0] ?? '';
  return first !== first.toLowerCase() ? 'capital' : 'lower';
}

function applyCase(lower: string, pattern: CasePattern): string {
  if (pattern === 'upper') return lower.toUpperCase();
  if (pattern === 'capital') return lower.charAt(0).toUpperCase() + lower.slice(1);
  return lower;
}

function isAbbreviation(word: string): boolean {
  return word.length <= S.maxAbbreviationLetters && word === word.toUpperCase();
}

/**
 * A word that names nothing: lower case, or the capital a heading opens with (after its
 * label and number, "Этап 1. Днагностика"), and not in quotes. Names («Сферум», "Баганский")
 * are what the dictionary lacks most, so they are never repaired unvouched.
 */
function commonWord(text: string, t: Token): boolean {
  const before = text.slice(0, t.start);
  if ((before.match(/«/gu) ?? []).length > (before.match(/»/gu) ?? []).length) return false;
  return casePattern(t.text) === 'lower' || HEADING_OPENING.test(before);
}
const HEADING_OPENING = /^\s*(?:(?:раздел|этап|блок|направление)\s*)?(?:[\dIVXLC]{1,5}[.)]?\s*)?$/iu;

/** Cyrillic words of a text in any case, folded: what the document itself writes. */
function ownWords(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/[а-яёА-ЯЁ]+/gu)) out.add(foldWord(m[0]));
  return out;
}

export interface SpellerOptions {
  /**
   * Repair a lone word to its one nearest listed word even when the document never writes it
   * (up to the edits its length allows). For section headings: a heading is compared whole,
   * so one misread letter ("Днагностика") loses it for every row under it, and on a one-page
   * photo the heading's words are often written nowhere else.
   */
  unvouched?: boolean;
}

/**
 * The repair for one document's OCR'd text. `texts` are all the document's cells: their
 * words vouch for a candidate, since a word misread once is usually read right elsewhere.
 * `opts` are the defaults of the returned repair; a call may ask otherwise (a heading,
 * unvouched), sharing the document's words and the dictionary look-ups made so far.
 */
export function createSpeller(
  texts: Iterable<string>,
  dictionary: WordDictionary = russianDictionary(),
  defaults: SpellerOptions = {},
): (text: string, opts?: SpellerOptions) => string {
  const own = ownWords(texts);
  const knows = memo((w: string) => dictionary.knows(w));
  const edits = (w: string) => (w.length >= S.longWordLetters ? S.longWordEdits : S.shortWordEdits);
  // The near-word search is the costly step: a word a vouched repair left is searched once.
  const near = memo((w: string) => dictionary.near(w, edits(w)));
  const wordFix = memo((w: string) => choose(w, near(w), own, S.wordUnvouchedEdits));
  const unvouchedFix = memo((w: string) => {
    const folded = foldWord(w);
    const candidates = near(w);
    const fixed = choose(w, candidates, own, edits(w));
    // One slip, or more where each swaps look-alike letters.
    if (fixed !== null) return editDistance(folded, fixed) <= 1 || differsByLookalikes(folded, fixed) ? fixed : null;
    // A swap of shapes no inflection makes is a misreading even where the stem stays
    // ("Управленне" → "управление"), which choose() takes for a form the list lacks.
    const shapes = candidates.filter((c) => differsByLookalikes(folded, c.word, true));
    return shapes.length === 1 ? shapes[0]!.word : null;
  });

  /** Two tokens read apart that make one word together; null when they are two words. */
  const joinFix = (a: string, b: string, gap: string): string | null => {
    // OCR reads a letter as a bracket or a semicolon ("партн(рство", "ро; ителями"): the gap
    // then stands for the lost letter, and the join takes it back as its one edit.
    const lostLetter = LETTER_AS_PUNCTUATION.test(gap);
    if (gap !== ' ' && gap !== '-' && !lostLetter) return null;
    if (!CYRILLIC_WORD.test(a) || !CYRILLIC_WORD.test(b)) return null;
    // A continuation is written in the case of the word it continues: "Но мативно", "НО МАТИВНО".
    const upper = casePattern(a) === 'upper' && casePattern(b) === 'upper';
    if (!upper && casePattern(b) !== 'lower') return null;
    // Two listed words a space apart are two words; a bracket inside a word never is ("о(разования").
    if (knows(a) && knows(b) && !(lostLetter && gap.length === 1)) return null;
    const joined = a + b;
    if (knows(joined) && !lostLetter) return joined;
    // Short words have too many neighbours for an edit to be told from a different word.
    if (joined.length < S.minWordLetters) return null;
    const fixed = choose(joined, dictionary.near(joined, S.joinEdits), own, S.joinUnvouchedEdits);
    if (fixed === null || (lostLetter && fixed.length !== joined.length + 1)) return null;
    // The edit must not merely re-inflect a word the list lacks by swallowing its neighbour
    // ("зарезервирован в" → "зарезервированы", "аргументах и" → "аргументами").
    const fixedStem = stem(fixed);
    if (fixedStem === stem(foldWord(a)) || fixedStem === stem(foldWord(b))) return null;
    return applyCase(fixed, upper ? 'upper' : casePattern(a));
  };

  const singleFix = (text: string, t: Token, opts: SpellerOptions): string | null => {
    const w = t.text;
    if (w.length < S.minWordLetters || !CYRILLIC_WORD.test(w) || isAbbreviation(w) || knows(w)) return null;
    if (casePattern(w) === 'capital' && (INITIALS_AFTER.test(text.slice(t.end)) || INITIALS_BEFORE.test(text.slice(0, t.start)))) {
      return null;
    }
    const fixed = wordFix(w) ?? (opts.unvouched && commonWord(text, t) ? unvouchedFix(w) : null);
    return fixed === null ? null : applyCase(fixed, casePattern(w));
  };

  return (text: string, opts: SpellerOptions = defaults): string => {
    const tokens: Token[] = [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
    const changes: Replacement[] = [];
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      const joined = next ? joinFix(t.text, next.text, text.slice(t.end, next.start)) : null;
      if (next && joined !== null) {
        changes.push({ start: t.start, end: next.end, text: joined });
        i += 2;
        continue;
      }
      const fixed = singleFix(text, t, opts);
      if (fixed !== null) changes.push({ start: t.start, end: t.end, text: fixed });
      i++;
    }
    let out = text;
    for (const c of changes.reverse()) out = out.slice(0, c.start) + c.text + out.slice(c.end);
    return out;
  };
}

/**
 * The repair of `word` among its dictionary neighbours, or null to leave it. The list has
 * gaps ("Общесистемные", "профессионального" are missing while "общесистемных",
 * "профессиональной" are listed), so a nearest neighbour with the same stem shows the word
 * is a correct form the list lacks, not a misreading. A letter gained or lost at either end
 * is a glued or torn-off neighbour ("снизкими" = "с низкими", a cell cut at "соответств"),
 * not a slip inside the word. Of the rest, the nearest candidate must be unique, or the only
 * one at its distance the document itself uses; beyond `unvouchedEdits` edits the document
 * must use it in any case. Anything else is ambiguous and left alone.
 */
function choose(word: string, candidates: readonly NearWord[], own: ReadonlySet<string>, unvouchedEdits: number): string | null {
  const folded = foldWord(word);
  const plausible = candidates.filter(
    (c) => CYRILLIC_WORD.test(c.word) && (c.word.length === folded.length || (c.word[0] === folded[0] && c.word.at(-1) === folded.at(-1))),
  );
  if (plausible.length === 0) return null;
  const nearest = Math.min(...plausible.map((c) => c.distance));
  const best = plausible.filter((c) => c.distance === nearest);
  const wordStem = stem(folded);
  if (best.some((c) => stem(c.word) === wordStem)) return null;
  if (best.length === 1 && nearest <= unvouchedEdits) return best[0]!.word;
  const used = best.filter((c) => own.has(c.word));
  return used.length === 1 ? used[0]!.word : null;
}

/** A pure function of a string, computed once per distinct key. */
export function memo<T>(f: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, f(key));
    return cache.get(key)!;
  };
}
