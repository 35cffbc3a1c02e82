import type { Actor } from '../model/normalized.js';
import { compiledFor, findParties, UNKNOWN_ACTOR, type ActorContext, type Compiled } from './actors-compile.js';
import { selectMatches, type PhraseMatch } from './actors-matcher.js';
import {
  splitSoft,
  splitTopLevel,
  startsNameContinuation,
  startsQualifyingClause,
  stripDefinitions,
  unwrapLines,
} from './actors-segments.js';
import { repairText, stem, tokenize, type TextToken } from './text-tokens.js';

export { UNKNOWN_ACTOR, type ActorContext } from './actors-compile.js';

/** A piece of a cell that is one lower-case word of at most four letters. */
const LONE_SHORT_WORD = /^\p{Ll}{2,4}$/u;

interface Piece {
  text: string;
  tokens: TextToken[];
  matches: PhraseMatch[];
}

/**
 * In a cell written all in lower case, case says nothing about abbreviations ("оо", "мбоу
 * ульяновская сш"), so tokens are compared in capitals.
 */
function analyse(text: string, c: Compiled, caseless: boolean): Piece {
  const tokens = tokenize(text);
  const probe = caseless ? tokens.map((t) => ({ ...t, text: t.text.toUpperCase() })) : tokens;
  return { text, tokens, matches: selectMatches(findParties(c, probe)) };
}

/**
 * "Министерство образования, науки и молодёжной политики …": a piece naming nothing that opens
 * with another field of the authority named before it (vocabulary `continuations`).
 */
function continuesAuthority(p: Piece, c: Compiled): boolean {
  const first = p.tokens.find((t) => t.lower !== 'по');
  if (!first || first.text !== first.lower && first.text !== first.text.toUpperCase()) return false;
  return c.continuationStems.has(stem(first.lower));
}

const names = (p: Piece): boolean => p.matches.some((m) => m.code !== UNKNOWN_ACTOR);
/** A blocked phrase ("региональный координатор") names a party, just not a known one. */
const claimed = (p: Piece): boolean => p.matches.length > 0;
/** Names something specific: a weak word alone ("учреждение", "МБОУ") may be half of a wrapped name. */
const specific = (p: Piece): boolean => p.matches.some((m) => !m.weak);

/** The party names of a cell, each with what it matched. */
function partyPieces(cell: string, c: Compiled): Piece[] {
  const caseless = !/\p{Lu}/u.test(cell);
  // OCR also lowers the letters of one abbreviation in a cell typed in capitals ("Управление
  // образования, оо"): a piece that is one short lower-case word is read in capitals too.
  const read = (text: string): Piece => analyse(text, c, caseless || LONE_SHORT_WORD.test(text.trim()));
  const join = (a: Piece, b: Piece, sep: string): Piece => read(`${a.text}${sep}${b.text}`);

  /**
   * Splits at " и " and line breaks but keeps "Министерство образования и науки" together. A
   * line break is mostly where the column wrapped, so it separates only specific names.
   */
  const splitSoftly = (piece: string): Piece[] => {
    const out: Piece[] = [];
    for (const { text, joiner } of splitSoft(piece)) {
      const part = read(text);
      const prev = out[out.length - 1];
      const keep = joiner === ' и ' ? (p: Piece) => claimed(p) : specific;
      // "Министерство образования и высшей школы …": an oblique-case adjective after " и " that
      // names only a generic word goes on with the authority's fields, it is no school.
      const fieldOfPrev = joiner === ' и ' && prev !== undefined && specific(prev) && !specific(part) && startsNameContinuation(text);
      if (prev && (fieldOfPrev || !keep(part) || !keep(prev))) out[out.length - 1] = join(prev, part, joiner || ' ');
      else out.push(part);
    }
    return out;
  };

  const pieces: Piece[] = [];
  for (const raw of splitTopLevel(unwrapLines(stripDefinitions(cell)))) {
    const prev = pieces[pieces.length - 1];
    if (prev && startsQualifyingClause(raw)) {
      pieces[pieces.length - 1] = join(prev, read(raw), ', ');
      continue;
    }
    const parts = splitSoftly(raw);
    if (prev && parts.length > 0 && !claimed(parts[0]!) && (startsNameContinuation(raw) || continuesAuthority(read(raw), c)) && claimed(prev)) {
      // The whole piece, not its first soft part: "…, науки и молодёжной политики Краснодарского края".
      pieces[pieces.length - 1] = join(prev, read(raw), ', ');
      continue;
    }
    pieces.push(...parts);
  }
  return pieces;
}

function isFiller(p: Piece, c: Compiled): boolean {
  return p.tokens.every((t) => c.fillerStems.has(stem(t.lower)) || !/\p{L}{2}/u.test(t.text) || (t.text === t.lower && t.lower.length <= 2));
}

/**
 * The responsible parties of one activity. Each known code appears once, in the order the cell
 * names them; parties the vocabulary does not know are kept verbatim under one UNKNOWN actor
 * whose raw lists them separated by "; ". An empty cell has no actors.
 */
export function extractActors(responsible: string, ctx: ActorContext = {}): Actor[] {
  if (responsible.trim() === '') return [];
  const c = compiledFor(ctx);
  // Look-alike repair first, so the textual rules see "имеющая" and not "имeющaя".
  const cell = repairText(responsible);
  const actors: Actor[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const piece of partyPieces(cell, c)) {
    if (!names(piece)) {
      if (!isFiller(piece, c) && !unknown.includes(piece.text)) unknown.push(piece.text);
      continue;
    }
    // "ОО с НОР" are the ШНОР; "проектная команда ОО" is the team: the more specific party wins.
    const subsumed = new Set(piece.matches.flatMap((m) => m.subsumes ?? []));
    for (const m of piece.matches) {
      if (m.code === UNKNOWN_ACTOR || seen.has(m.code) || subsumed.has(m.code)) continue;
      seen.add(m.code);
      actors.push({ code: m.code, raw: piece.text });
    }
  }
  if (unknown.length > 0) actors.push({ code: UNKNOWN_ACTOR, raw: unknown.join('; ') });
  return actors;
}

export { collectInlineAbbreviations } from './actors-abbreviations.js';
