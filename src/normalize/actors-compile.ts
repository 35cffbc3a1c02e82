import type { Level } from '../model/plan.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { PhraseMatcher, selectMatches, type PhraseMatch, type PhraseSpec } from './actors-matcher.js';
import { stem, tokenize, type TextToken } from './text-tokens.js';
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
    const extra = { ...(e.regionalCode ? { regionalCode: e.regionalCode } : {}), ...(e.subsumes.length ? { subsumes: e.subsumes } : {}) };
    for (const text of e.phrases) specs.push({ code: e.code, text, weak: e.weak, fromDocument: false, ...extra });
    for (const text of e.patterns) specs.push({ code: e.code, text, pattern: true, weak: e.weak, fromDocument: false, ...extra });
  }
  return specs;
}

const REGIONAL = 'regional';
const MUNICIPAL = 'municipal';

export interface Compiled {
  matcher: PhraseMatcher;
  /** Phrases naming a region (code "regional") or a municipality ("municipal"). */
  territory: PhraseMatcher;
  level: Level;
  fillerStems: Set<string>;
  /** Stems of the first words that continue an authority's name after a comma. */
  continuationStems: Set<string>;
}

/**
 * Every vocabulary match in a token list, with the tier of each authority settled: an entry
 * with a regional code takes it when the first territory named after it (else the last one
 * before it) is a region, or, with none named, when the plan is regional.
 */
export function findParties(c: Compiled, tokens: readonly TextToken[]): PhraseMatch[] {
  const all = c.matcher.findAll(tokens);
  if (!all.some((m) => m.regionalCode)) return all;
  const places = selectMatches(c.territory.findAll(tokens));
  return all.map((m) => {
    if (!m.regionalCode) return m;
    // A territory is this party's unless another party is named between them.
    const others = all.filter((o) => o.end <= m.start || o.start >= m.end);
    const from = Math.max(0, ...others.filter((o) => o.end <= m.start).map((o) => o.end));
    const to = Math.min(tokens.length, ...others.filter((o) => o.start >= m.end).map((o) => o.start));
    // "Департамент Смоленской области по образованию": the territory may sit inside the name.
    const after = places.find((p) => p.start > m.start && p.end <= to);
    const before = places.filter((p) => p.end <= m.start && p.start >= from).pop();
    const tier = after?.code ?? before?.code ?? (c.level === REGIONAL ? REGIONAL : MUNICIPAL);
    return tier === REGIONAL ? { ...m, code: m.regionalCode } : m;
  });
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
    const continuationStems = new Set<string>();
    for (const f of vocabulary.continuations) {
      const first = tokenize(f).find((t) => t.lower !== 'по');
      if (first) continuationStems.add(stem(first.lower));
    }
    const territorySpecs: PhraseSpec[] = [
      ...vocabulary.territories.regional.map((text) => ({ code: REGIONAL, text, weak: false, fromDocument: false })),
      ...vocabulary.territories.municipal.map((text) => ({ code: MUNICIPAL, text, weak: false, fromDocument: false })),
    ];
    // Territory names are matched exactly (no fuzzy repair): "края" must not stand for "крае…".
    compiled = { matcher: new PhraseMatcher(specs, ratio), territory: new PhraseMatcher(territorySpecs, 0), level, fillerStems, continuationStems };
    byKey.set(key, compiled);
  }
  return compiled;
}

