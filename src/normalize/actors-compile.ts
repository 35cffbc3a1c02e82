import type { Level } from '../model/plan.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { PhraseMatcher, type PhraseSpec } from './actors-matcher.js';
import { stem, tokenize } from './text-tokens.js';
import { VOCABULARY, type Vocabulary } from './vocabulary.js';

export const UNKNOWN_ACTOR = 'UNKNOWN';

export interface ActorContext {
  /** Abbreviations the document defines inline (collectInlineAbbreviations): abbreviation → code. */
  abbreviations?: ReadonlyMap<string, string>;
  /** Level of the plan; decides e.g. whose "рабочая группа" it is. Unknown counts as municipal. */
  level?: Level | null;
  /** Fuzzy match tolerance (Settings.normalize.maxVocabularyEditRatio). */
  maxEditRatio?: number;
  vocabulary?: Vocabulary;
}

const DEFAULT_LEVEL: Level = 'municipal';

function vocabularySpecs(vocabulary: Vocabulary, level: Level): PhraseSpec[] {
  const specs: PhraseSpec[] = [];
  for (const e of vocabulary.entries) {
    if (e.levels && !e.levels.includes(level)) continue;
    for (const text of e.phrases) specs.push({ code: e.code, text, weak: e.weak, fromDocument: false });
    for (const text of e.patterns) specs.push({ code: e.code, text, pattern: true, weak: e.weak, fromDocument: false });
  }
  return specs;
}

export interface Compiled {
  matcher: PhraseMatcher;
  fillerStems: Set<string>;
}

/*
 * Compiling the vocabulary costs a few milliseconds; a document has hundreds of rows, so the
 * compiled matcher is kept per (vocabulary, abbreviation map, level, tolerance).
 */
const NO_ABBREVIATIONS: ReadonlyMap<string, string> = new Map();
const compiledCache = new WeakMap<Vocabulary, WeakMap<ReadonlyMap<string, string>, Map<string, Compiled>>>();

export function compiledFor(ctx: ActorContext): Compiled {
  const vocabulary = ctx.vocabulary ?? VOCABULARY;
  const abbreviations = ctx.abbreviations ?? NO_ABBREVIATIONS;
  const level = ctx.level ?? DEFAULT_LEVEL;
  const ratio = ctx.maxEditRatio ?? DEFAULT_SETTINGS.normalize.maxVocabularyEditRatio;
  let byAbbr = compiledCache.get(vocabulary);
  if (!byAbbr) compiledCache.set(vocabulary, (byAbbr = new WeakMap()));
  let byKey = byAbbr.get(abbreviations);
  if (!byKey) byAbbr.set(abbreviations, (byKey = new Map()));
  const key = `${level}|${ratio}`;
  let compiled = byKey.get(key);
  if (!compiled) {
    const specs = vocabularySpecs(vocabulary, level);
    for (const [abbr, code] of abbreviations) specs.push({ code, text: abbr, weak: false, fromDocument: true });
    // OCR drops the space inside an abbreviation of two parts ("МОПК" for "МО ПК"); the joined
    // capitals name nothing else unless some entry says so.
    for (const spec of [...specs]) {
      if (spec.pattern || !/^\p{Lu}{2,}(\s+\p{Lu}{2,})+$/u.test(spec.text)) continue;
      const joined = spec.text.replace(/\s+/g, '');
      if (!specs.some((o) => o.text === joined)) specs.push({ ...spec, text: joined });
    }
    const fillerStems = new Set<string>();
    for (const f of vocabulary.fillers) for (const t of tokenize(f)) fillerStems.add(stem(t.lower));
    compiled = { matcher: new PhraseMatcher(specs, ratio), fillerStems };
    byKey.set(key, compiled);
  }
  return compiled;
}

