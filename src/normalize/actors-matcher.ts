import { nearestWithin, repairToken, stem, tokenize, type TextToken } from './text-tokens.js';
import { TUNING } from '../settings.js';

const D = TUNING.normalize.actorMatch;

type PhraseToken =
  | { kind: 'abbr'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'pattern'; re: RegExp };

export interface PhraseSpec {
  code: string;
  /** Phrase text (vocabulary syntax) or, with `pattern`, a regular expression for one token. */
  text: string;
  pattern?: boolean;
  weak: boolean;
  /** Phrases defined by the document itself outrank the general vocabulary. */
  fromDocument: boolean;
  /** The code when the party serves a region rather than a municipality (vocabulary.ts). */
  regionalCode?: string;
  /** Codes this party already is, dropped from the same party name (vocabulary.ts). */
  subsumes?: readonly string[];
}

interface CompiledPhrase {
  spec: PhraseSpec;
  tokens: PhraseToken[];
  /** Max foreign tokens allowed before tokens[k] (index 0 unused). */
  gaps: number[];
}

export interface PhraseMatch {
  code: string;
  weak: boolean;
  fromDocument: boolean;
  /** Token indices: [start, end). */
  start: number;
  end: number;
  /** Phrase tokens actually matched (more = more specific). */
  size: number;
  regionalCode?: string;
  subsumes?: readonly string[];
}

/** Two or more capitals: an abbreviation, compared verbatim rather than by stem. */
export function isAbbreviation(word: string): boolean {
  return (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

function compilePhrase(spec: PhraseSpec): CompiledPhrase | undefined {
  if (spec.pattern) {
    return { spec, tokens: [{ kind: 'pattern', re: new RegExp(spec.text, 'u') }], gaps: [0] };
  }
  const tokens: PhraseToken[] = [];
  const gaps: number[] = [];
  let nextGap: number = D.defaultGap;
  for (const piece of spec.text.split(/\s+/)) {
    if (piece === '*') {
      nextGap = D.wideGap;
      continue;
    }
    for (const t of tokenize(piece)) {
      tokens.push(isAbbreviation(t.text) ? { kind: 'abbr', value: repairToken(t.text) } : { kind: 'word', value: stem(t.lower) });
      gaps.push(nextGap);
      nextGap = D.defaultGap;
    }
  }
  return tokens.length > 0 ? { spec, tokens, gaps } : undefined;
}

/**
 * Finds every occurrence of a set of phrases in a token list. Phrases are indexed by their
 * first token so a row costs one map look-up per word; fuzzy repair of a word is computed
 * once per distinct spelling and cached.
 */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, CompiledPhrase[]>();
  private readonly patterned: CompiledPhrase[] = [];
  private readonly vocabStems: string[];
  private readonly vocabStemSet: Set<string>;
  private readonly canonicalCache = new Map<string, string>();

  constructor(specs: readonly PhraseSpec[], private readonly maxEditRatio: number) {
    const stems = new Set<string>();
    for (const spec of specs) {
      const c = compilePhrase(spec);
      if (!c) continue;
      for (const t of c.tokens) if (t.kind === 'word') stems.add(t.value);
      const first = c.tokens[0]!;
      if (first.kind === 'pattern') {
        this.patterned.push(c);
        continue;
      }
      const key = first.kind === 'abbr' ? `A:${first.value}` : `W:${first.value}`;
      const list = this.byFirst.get(key);
      if (list) list.push(c);
      else this.byFirst.set(key, [c]);
    }
    this.vocabStemSet = stems;
    // Longer stems first so a tie in edit distance prefers the more specific word.
    this.vocabStems = [...stems].sort((a, b) => b.length - a.length);
  }

  /** The vocabulary stem a word stands for: its own stem, or the nearest one if it is an OCR slip. */
  canonicalStem(token: TextToken): string {
    const cached = this.canonicalCache.get(token.lower);
    if (cached !== undefined) return cached;
    const s = stem(token.lower);
    let result = s;
    if (!this.vocabStemSet.has(s) && s.length >= D.minFuzzyStemLength && /^\p{L}+$/u.test(s)) {
      result = nearestWithin(s, this.vocabStems, this.maxEditRatio) ?? s;
    }
    this.canonicalCache.set(token.lower, result);
    return result;
  }

  private tokenMatches(pt: PhraseToken, token: TextToken, canon: string): boolean {
    if (pt.kind === 'abbr') return token.text === pt.value;
    if (pt.kind === 'word') return canon === pt.value;
    return pt.re.test(token.text);
  }

  /** All occurrences of all phrases, overlapping ones included. */
  findAll(tokens: readonly TextToken[]): PhraseMatch[] {
    const canon = tokens.map((t) => this.canonicalStem(t));
    const out: PhraseMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const candidates = [
        ...(this.byFirst.get(`A:${tok.text}`) ?? []),
        ...(this.byFirst.get(`W:${canon[i]}`) ?? []),
        ...this.patterned.filter((p) => p.tokens[0]!.kind === 'pattern' && p.tokens[0]!.re.test(tok.text)),
      ];
      for (const phrase of candidates) {
        const end = this.extend(phrase, tokens, canon, i);
        if (end !== undefined) {
          out.push({
            code: phrase.spec.code,
            weak: phrase.spec.weak,
            fromDocument: phrase.spec.fromDocument,
            start: i,
            end,
            size: phrase.tokens.length,
            ...(phrase.spec.regionalCode ? { regionalCode: phrase.spec.regionalCode } : {}),
            ...(phrase.spec.subsumes?.length ? { subsumes: phrase.spec.subsumes } : {}),
          });
        }
      }
    }
    return out;
  }

  /** Matches phrase tokens 1.. after the first at `start`; returns the end index or undefined. */
  private extend(phrase: CompiledPhrase, tokens: readonly TextToken[], canon: readonly string[], start: number): number | undefined {
    let pos = start + 1;
    for (let k = 1; k < phrase.tokens.length; k++) {
      const pt = phrase.tokens[k]!;
      const limit = Math.min(tokens.length, pos + (phrase.gaps[k] ?? 0) + 1);
      let found = -1;
      for (let j = pos; j < limit; j++) {
        if (this.tokenMatches(pt, tokens[j]!, canon[j]!)) {
          found = j;
          break;
        }
      }
      if (found < 0) return undefined;
      pos = found + 1;
    }
    return pos;
  }
}

/**
 * Keeps the best non-overlapping matches: phrases the document defined first, then the ones
 * covering more words, then the more specific (more phrase words). Weak matches survive only
 * when nothing specific was found. Result is in reading order.
 */
export function selectMatches(all: readonly PhraseMatch[]): PhraseMatch[] {
  const ranked = [...all].sort(
    (a, b) =>
      Number(b.fromDocument) - Number(a.fromDocument) ||
      Number(a.weak) - Number(b.weak) ||
      b.end - b.start - (a.end - a.start) ||
      b.size - a.size ||
      a.start - b.start,
  );
  const chosen: PhraseMatch[] = [];
  for (const m of ranked) {
    if (chosen.some((c) => m.start < c.end && c.start < m.end)) continue;
    chosen.push(m);
  }
  const strong = chosen.filter((m) => !m.weak);
  return (strong.length > 0 ? strong : chosen).sort((a, b) => a.start - b.start);
}
