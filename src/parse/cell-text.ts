/**
 * Joins the lines of one cell into its text: single spaces, hyphenation undone. A line
 * ending in "-" before a lower-case continuation is a word broken at a hyphen; the hyphen
 * is dropped only when the joined word occurs elsewhere in the document without it (a
 * typesetting break, "образо-вания"), and kept otherwise ("плана-графика", "сентябрь-октябрь").
 */
export function joinCellLines(lines: readonly string[], vocabulary: ReadonlySet<string>): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.replace(/\u00ad\s*$/, '\u00ad').trim();
    if (!line) continue;
    if (!out) {
      out = line;
      continue;
    }
    if (out.endsWith('\u00ad')) {
      out = out.slice(0, -1) + line;
      continue;
    }
    const broken = /(\p{L}+)-$/u.exec(out);
    if (broken && /^\p{Ll}/u.test(line)) {
      const head = broken[1]!;
      const tail = /^\p{L}+/u.exec(line)?.[0] ?? '';
      const joined = (head + tail).toLowerCase();
      out = vocabulary.has(joined) && !vocabulary.has(head.toLowerCase() + '-' + tail.toLowerCase())
        ? out.slice(0, -1) + line
        : out + line;
      continue;
    }
    // "ГИА-" | "11", "2025-" | "2026 гг.": a compound broken after its hyphen before a digit or
    // a capital is never a typesetting break inside one word; the hyphen stays, no space. After
    // a digit the hyphen binds whatever follows ("1-" | "го", "2022-" | "2023").
    if ((/[\p{L}\p{N}][-–]$/u.test(out) && /^[\p{N}\p{Lu}]/u.test(line)) || (DIGIT_HYPHEN_END.test(out) && /^[\p{L}\p{N}]/u.test(line))) {
      out += line;
      continue;
    }
    // "и/" | "или": a line broken after a slash between words ("и/или", "очная/заочная").
    if (/\p{L}\/$/u.test(out) && /^\p{L}/u.test(line)) {
      out += line;
      continue;
    }
    out += ' ' + line;
  }
  return cleanText(out);
}

/** A hyphen (or en dash) right after a digit, ending a line: "2022-". */
const DIGIT_HYPHEN_END = /\p{N}[-–]$/u;

/**
 * Whitespace folded, soft hyphens removed, spaces before closing punctuation dropped. A line
 * break after a digit's hyphen joins without a space ("2022-\n2023" → "2022-2023").
 */
export function cleanText(s: string): string {
  return s
    .replace(/\u00ad/g, '')
    .replace(/(\p{N}[-–])[ \t\u00a0]*[\r\n]\s*(?=[\p{L}\p{N}])/gu, '$1')
    .replace(/[\u00a0\u2007\u202f\t\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?)»])/g, '$1')
    .replace(/([(«])\s+/g, '$1')
    .trim();
}

/** Lower-cased words of a text, for the document vocabulary used by hyphenation repair. */
export function addWords(vocabulary: Set<string>, text: string): void {
  for (const m of text.toLowerCase().matchAll(/[\p{L}]+(?:-[\p{L}]+)*/gu)) vocabulary.add(m[0]);
}
