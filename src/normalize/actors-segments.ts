/*
 * Splitting a responsible cell into the names of parties, as text. Which pieces are joined back
 * depends on whether they name anything, so the decisions that need the vocabulary live in
 * actors.ts; here are the purely textual rules.
 */

/** "(далее – МО ПК)": the definition is collected separately and is no party of its own. */
const DEFINITION = /\(\s*далее[^()]*\)/giu;

export function stripDefinitions(cell: string): string {
  return cell.replace(DEFINITION, ' ');
}

/**
 * A line break separates parties only when the next line starts a new name (capital, digit,
 * bullet) or the line ended with punctuation; otherwise the cell merely wrapped a long name.
 */
export function unwrapLines(cell: string): string {
  return cell
    .replace(/(\p{Ll})[-\u00ad]\s*\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/([^\n,;.])[ \t]*\n[ \t]*(?=\p{Ll})/gu, '$1 ');
}

/**
 * Splits at , ; / and bullets outside parentheses and quotes. Line breaks are left in place:
 * a cell wraps wherever the column ends, so they separate parties only when both sides name
 * one (decided by the caller, like " и ").
 */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === '«' || ch === '„' || ch === '“') quote++;
    else if ((ch === '»' || ch === '”') && quote > 0) quote--;
    if (depth === 0 && quote === 0 && (ch === ',' || ch === ';' || ch === '/' || ch === '•')) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map(cleanPiece).filter((p) => p.length > 0);
}

/**
 * Soft separators: line breaks and the conjunction "и". The caller rejoins the parts that name
 * nothing on their own ("Министерство образования и науки", "МБОУ\nУльяновская\nСШ").
 */
export function splitSoft(text: string): { text: string; joiner: string }[] {
  const out: { text: string; joiner: string }[] = [];
  for (const [i, line] of text.split(/\s*\n\s*/u).entries()) {
    // A line typed in capitals writes the conjunction in capitals too.
    const and = /\p{Ll}/u.test(line) ? /\s+и\s+/u : /\s+[иИ]\s+/u;
    for (const [j, part] of line.split(and).entries()) {
      const clean = cleanPiece(part);
      if (clean) out.push({ text: clean, joiner: j > 0 ? ' и ' : i > 0 ? ' ' : '' });
    }
  }
  return out;
}

export function cleanPiece(p: string): string {
  return p
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/^[\s\-–—•·*.:]+/u, '')
    .replace(/[\s\-–—:]+$/u, '')
    // A final dot ends the cell's sentence, except after an initial ("Иванова И.И.").
    .replace(/(?<!(?:^|[\s.])\p{Lu})\.+$/u, '')
    .trim();
}

const PARTICIPLE = /(ющ|ящ|ущ|ащ|вш)(ий|ая|ее|ие|их|им|ими|ей|его|ую|ем|ую)(ся)?$/u;
const GENITIVE_ADJECTIVE = /(ой|ей|ого|его|ых|их|ым|им|ыми|ими)$/u;

function firstWord(piece: string): string {
  return /^[\p{L}]+/u.exec(piece)?.[0] ?? '';
}

/**
 * "…школа, имеющая высокие результаты" / "…, которые …": a clause that qualifies the party
 * named before the comma, never a party of its own.
 */
export function startsQualifyingClause(piece: string): boolean {
  const w = firstWord(piece).toLowerCase();
  return w.startsWith('котор') || PARTICIPLE.test(w);
}

/**
 * "Управление образования, молодёжной политики и спорта": a lower-case piece opening with an
 * adjective in an oblique case continues the previous name.
 */
export function startsNameContinuation(piece: string): boolean {
  const w = firstWord(piece);
  // In a cell typed in capitals case tells nothing, so only the ending decides.
  const lowerOrCaps = /^\p{Ll}/u.test(w) || !/\p{Ll}/u.test(piece);
  return lowerOrCaps && GENITIVE_ADJECTIVE.test(w.toLowerCase());
}
