import { knownRegion, typeNounOf } from '../normalize/places.js';

/**
 * Text clean-up and letter case for the header of an act: headers are set in capitals,
 * often letter-spaced ("П Р И К А З"), while the fields we store read as sentences.
 */

/** "П Р И К А З" → "ПРИКАЗ". Runs of 3+ single letters only, so "И" in "ОБРАЗОВАНИЯ И НАУКИ" stays. */
export function collapseLetterSpacing(s: string): string {
  // Letter-spaced words are separated by wider gaps than their letters: cut there first.
  const segments = s.split(/(\s{2,})/);
  const collapsed = segments.map((seg) => (/^(?:\S ){2,}\S$/.test(seg) ? seg.replace(/ /g, '') : seg)).join('');
  return collapsed.replace(/(?<!\S)(?:[А-ЯЁA-Z] ){3,}[А-ЯЁA-Z](?!\S)/g, (m) => m.replace(/ /g, ''));
}

/** One line of text as the rest of metadata expects it: single spaces, no layout characters. */
export function cleanLineText(s: string): string {
  const t = s
    .replace(/[\u00a0\u2007\u202f\t\f\r]/g, ' ')
    // A soft hyphen inside a line is invisible; at its end it marks a word broken across lines.
    .replace(/\u00ad(?=.)/g, '');
  return collapseLetterSpacing(t.trim()).replace(/ {2,}/g, ' ');
}

/** Tidies spaces around punctuation after lines were joined. */
export function tidyPunctuation(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?)»])/g, '$1')
    .replace(/([(«])\s+/g, '$1')
    // "4)Повысить" — a list marker glued to its text.
    .replace(/^(\d{1,2}[.)])(?=[А-ЯЁA-Z])/, '$1 ')
    .trim();
}

/** Joins visual lines of one paragraph, mending words broken at the line end. */
export function joinLines(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    if (out === '') out = t;
    else if (out.endsWith('\u00ad')) out = out.slice(0, -1) + t;
    // "школ-" + "участников": a hyphen at the end of a line belongs to a compound word.
    else if (/[А-ЯЁа-яё]-$/.test(out) && /^[а-яё]/.test(t)) out += t;
    else out += ' ' + t;
  }
  return tidyPunctuation(out);
}

const LETTER = /[А-ЯЁа-яёA-Za-z]/;
export const isAllCaps = (s: string): boolean => /[А-ЯЁA-Z].*[А-ЯЁA-Z]/.test(s) && !/[а-яёa-z]/.test(s);
export const startsLowercase = (s: string): boolean => {
  const m = LETTER.exec(s);
  return m !== null && m[0] === m[0].toLowerCase() && /^[^А-ЯЁа-яёA-Za-z0-9№]*[а-яёa-z]/.test(s);
};
export const startsUppercase = (s: string): boolean => /^[^А-ЯЁа-яёA-Za-z0-9№]*[А-ЯЁA-Z]/.test(s);
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const WORD = /[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*/g;

/**
 * How the document itself writes its words when not in capitals: "лысьвенского" →
 * "Лысьвенского", "мо" → "МО". Sentence-initial words say nothing about case and are skipped.
 */
export function caseDictionary(texts: readonly string[]): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const text of texts) {
    if (isAllCaps(text)) continue;
    for (const m of text.matchAll(WORD)) {
      const before = text.slice(0, m.index).trimEnd();
      if (before === '' || /[.!?:]$/.test(before)) continue;
      const key = m[0].toLowerCase();
      const forms = votes.get(key) ?? new Map<string, number>();
      forms.set(m[0], (forms.get(m[0]) ?? 0) + 1);
      votes.set(key, forms);
    }
  }
  const dict = new Map<string, string>();
  for (const [key, forms] of votes) {
    const best = [...forms.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best && best[0] !== key) dict.set(key, best[0]);
  }
  return dict;
}

/** Abbreviations kept in capitals when a heading in capitals is recased. */
const ABBREVIATION = /^(?:МО|ГО|МР|РФ|ЗАТО|СОШ|ООШ|НОШ|ДПО|(?:М|Г)[БКА]?(?:О?У|ОУ|УДО|ОБУ))$/;

/** Adjectives that are part of a territory's type, never of its name. */
const TYPE_ADJECTIVE = /^(городск|муниципальн|сельск|автономн|административн)/;
/** Territory nouns whose preceding adjective is a proper name ("лысьвенского городского округа", "удмуртской республики"). */
const TERRITORY_NOUNS = new Set(['край', 'область', 'округ', 'район', 'поселение', 'республика']);

/**
 * Text in capitals → lowercase with proper names restored, first letter left lowercase
 * (the caller decides about sentence case). Names come from the document's own spelling,
 * then from position: the adjective before a territory noun, words after "Республика"/"город".
 */
export function recaseCaps(text: string, dict: ReadonlyMap<string, string>): string {
  const tokens = text.split(/(\s+)/);
  const words = tokens.map((t) => t.toLowerCase());
  const out = tokens.map((t, i) => {
    if (!LETTER.test(t)) return t;
    const core = t.replace(/^[^А-ЯЁа-яёA-Za-z]+|[^А-ЯЁа-яёA-Za-z]+$/g, '');
    const known = dict.get(core.toLowerCase());
    return known ? words[i]!.replace(core.toLowerCase(), known) : words[i]!;
  });
  const wordIdx = out.map((t, i) => (LETTER.test(t) ? i : -1)).filter((i) => i >= 0);
  for (const i of wordIdx) {
    const core = out[i]!.replace(/^[^А-ЯЁа-яёA-Za-z]+|[^А-ЯЁа-яёA-Za-z]+$/g, '');
    // Abbreviations stay in capitals ("МКУ", "МО"); a name in quotes opens with a capital ("«Гимназия № 4»").
    if (ABBREVIATION.test(core.toUpperCase()) && tokens[i]!.includes(core.toUpperCase())) out[i] = out[i]!.replace(core, core.toUpperCase());
    else if (/^[«"„]/.test(out[i]!)) out[i] = capitalizeName(out[i]!);
  }
  for (let k = 0; k < wordIdx.length; k++) {
    const i = wordIdx[k]!;
    const type = typeNounOf(out[i]!.replace(/[^А-ЯЁа-яё-]/g, ''));
    if (type && TERRITORY_NOUNS.has(type.nom)) {
      // Walk back over type adjectives to the name: "лысьвенского городского округа".
      let j = k - 1;
      while (j >= 0 && TYPE_ADJECTIVE.test(out[wordIdx[j]!]!.toLowerCase())) j--;
      if (j >= 0) {
        const at = wordIdx[j]!;
        if (/(ого|ому|ом|ой|ий|ый|ая|ую|ое|ым|им|ей|его|ему|ем)[^А-ЯЁа-яё]*$/i.test(out[at]!)) out[at] = capitalizeName(out[at]!);
      }
      // "… автономного округа – Югры": the name after the dash.
      const next = wordIdx[k + 1];
      if (next !== undefined && /^\s*[–—-]\s*$/.test(out.slice(i + 1, next).join(''))) out[next] = capitalizeName(out[next]!);
    }
    if (type?.nom === 'город' && k + 1 < wordIdx.length) out[wordIdx[k + 1]!] = capitalizeName(out[wordIdx[k + 1]!]!);
    if (type?.nom === 'республика') {
      // The republic's name: as many following words as make a known region
      // ("северная осетия – алания"), else the one word after it.
      let n = 1;
      for (let m = 3; m >= 1; m--) {
        const to = wordIdx[k + m];
        if (to !== undefined && knownRegion(out.slice(i, to + 1).join('')) !== undefined) { n = m; break; }
      }
      out[i] = capitalizeName(out[i]!);
      for (let j = k + 1; j <= k + n && j < wordIdx.length; j++) out[wordIdx[j]!] = capitalizeName(out[wordIdx[j]!]!);
    }
  }
  return out.join('');
}

/** Capitalises each part of a hyphenated name, past any leading punctuation. */
function capitalizeName(w: string): string {
  return w.replace(/(^|-)([^А-ЯЁа-яёA-Za-z]*)([а-яёa-z])/g, (_m, sep: string, punct: string, c: string) => sep + punct + c.toUpperCase());
}
