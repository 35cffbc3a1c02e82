import type { PlanRow } from '../model/index.js';
import { editDistance } from '../lexicon/edit-distance.js';
import { SECTION_LABEL_WORDS } from '../lexicon/section-labels.js';
import { ROMAN_LOOKALIKES } from './ocr-repair.js';

const ROMAN_VALUES: ReadonlyArray<[string, number]> = [['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1]];

function toRoman(n: number): string {
  let out = '';
  for (const [s, v] of ROMAN_VALUES) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

function fromRoman(s: string): number | null {
  if (!/^X{0,3}(IX|IV|V?I{0,3})$/u.test(s) || s === '') return null;
  let n = 0;
  let rest = s;
  for (const [sym, v] of ROMAN_VALUES) while (rest.startsWith(sym)) {
    n += v;
    rest = rest.slice(sym.length);
  }
  return n;
}

/** "<token>. <Capital…": a heading that opens with a number (or what OCR left of one). */
const NUMBERED = /^\s*([^\s.,]{0,5})\s*([.,])\s*(?=\p{Lu})/u;
/**
 * Strokes of a Roman numeral with no value of their own ("И" for II, "Г" in "ГУ" for IV):
 * the per-heading repair cannot map them, the sequence can place them.
 */
const BARE_STROKES = 'ИиГ';
const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/gu, '\\$&');
/** Letters OCR reads for the strokes of a Roman numeral: no digit looks like them. */
const ROMAN_GLYPHS = escapeClass(Object.keys(ROMAN_LOOKALIKES).filter((c) => !/[IVX]/u.test(c)).join('') + BARE_STROKES);
/** What OCR makes of a Roman or Arabic numeral: digits, numeral look-alikes, stray strokes. */
const GARBLED = new RegExp(`^[0-9IVX/\\\\${ROMAN_GLYPHS}]{0,4}$`, 'u');
// A "1" beside such letters is a stroke too ("1У." is IV read at low resolution).
const ROMAN_LOOKALIKE = new RegExp(`^[1${ROMAN_GLYPHS}]*[${ROMAN_GLYPHS}][1${ROMAN_GLYPHS}]*$`, 'u');

interface Numbered {
  index: number;
  token: string;
  /** OCR reads the dot after a number as a comma ("1, Нормативно…"). */
  comma: boolean;
  rest: string;
  arabic: number | null;
  roman: number | null;
  /** Read without its dot ("ШВ Совершенствование", "мм. Работа"): only a numbered plan vouches for it. */
  loose: boolean;
}

/**
 * A short token opening a heading before a capitalised word, dot or not: what is left of a
 * number OCR garbled beyond the look-alikes ("ШВ", "мм.", "ИЕ,"). Russian headings do not
 * open with a short word followed by a capital, so in a plan whose other headings are
 * numbered this is the number's place.
 */
const LOOSE = /^\s*([^\s]{1,3}?)[.,]?\s+(?=\p{Lu}\p{L}{3})/u;

/**
 * Section numbers OCR garbled, restored from the sequence they form: headings are numbered
 * 1, 2, 3 … or I, II, III … in order, so "ГУ." between "III." and "V." is IV, and a lone
 * "1." or "." among Roman headings is the number its place says. The document's style is
 * what most of its readable numbers use. A readable number that breaks the sequence is
 * trusted (plans do skip and restart), and the sequence goes on from it. Only headings from
 * OCR'd pages (`isOcr`) are changed; activities follow their heading.
 */
export function repairSectionSequence(rows: readonly PlanRow[], isOcr: (r: PlanRow) => boolean): PlanRow[] {
  const numbered: Numbered[] = [];
  rows.forEach((r, index) => {
    if (r.kind !== 'section') return;
    const m = NUMBERED.exec(r.text);
    if (!m) {
      const l = LOOSE.exec(r.text);
      if (l) numbered.push({ index, token: l[1]!, comma: false, rest: r.text.slice(l[0].length), arabic: null, roman: null, loose: true });
      return;
    }
    const token = m[1]!;
    const arabic = /^\d{1,2}$/u.test(token) ? Number(token) : null;
    numbered.push({ index, token, comma: m[2] === ',', rest: r.text.slice(m[0].length), arabic, roman: fromRoman(token), loose: false });
  });
  // Headings opening with a token and a dot: the plan numbers its sections, even where OCR
  // left none of the numbers readable ("1.", "и.", "мм.", "\\.").
  const dotted = numbered.filter((h) => !h.loose).length;
  // "1", "11" could be I, II misread, so only numbers no Roman look-alike explains vote Arabic.
  const romanVotes = numbered.filter((h) => h.roman !== null || ROMAN_LOOKALIKE.test(h.token)).length;
  const arabicVotes = numbered.filter((h) => h.arabic !== null && !/^1+$/u.test(h.token)).length;
  // Digits survive a poor scan, Roman numerals do not: a plan whose dotted headings carry no
  // readable number beyond a "1" ("1.", ".", "ИЕ,", "м.") is numbered in Roman.
  const unreadable = numbered.filter((h) => !h.loose && h.arabic === null && h.roman === null).length;
  const roman = romanVotes > arabicVotes || (arabicVotes === 0 && unreadable >= 2);

  const renamed = new Map<number, string>();
  let expected = 1;
  for (const h of numbered) {
    const value = roman ? h.roman : h.arabic;
    const row = rows[h.index]!;
    if (value !== null) {
      if (h.comma && isOcr(row)) renamed.set(h.index, `${h.token}. ${h.rest}`);
      expected = value + 1;
      continue;
    }
    // Beyond the look-alikes, any short token is the number's remains when the plan's other
    // headings are numbered ("мм." for IV).
    const vouched = dotted >= 2 && [...h.token].length <= 3;
    if (!isOcr(row) || !(vouched || (!h.loose && GARBLED.test(h.token)))) continue;
    renamed.set(h.index, `${roman ? toRoman(expected) : String(expected)}. ${h.rest}`);
    expected += 1;
  }
  return renameSections(rows, renamed);
}

/** The label words as a heading opens with them: "Этап 2.", "Раздел II.". */
const LABEL_WORDS = SECTION_LABEL_WORDS.map((w) => w[0]!.toUpperCase() + w.slice(1));
/** "<word> <number>[.,] <Capital…": a labelled heading, the label word as OCR read it. */
const LABELLED = /^(\p{L}{2,12})\s*(\d{1,2}|[IVXLC]{1,5})\s*([.,]?)\s*(?=\p{Lu})/u;

/**
 * Label words OCR cut or misread in headings ("Эта 2." where the narrow № cell broke «Этап»
 * and the tail was lost, "Этап 1," with the dot read as a comma): made the label the plan's
 * other headings use, with their stop. Only a word the label starts with or is one letter
 * off is taken for it, and only on OCR'd headings; activities follow their heading.
 */
export function repairSectionLabels(rows: readonly PlanRow[], isOcr: (r: PlanRow) => boolean): PlanRow[] {
  const labelled = rows.flatMap((r, index) => {
    if (r.kind !== 'section') return [];
    const m = LABELLED.exec(r.text);
    return m ? [{ index, word: m[1]!, number: m[2]!, stop: m[3]!, rest: r.text.slice(m[0].length) }] : [];
  });
  const exact = labelled.filter((h) => LABEL_WORDS.includes(h.word));
  if (exact.length === 0) return [...rows];
  const label = mostCommon(exact.map((h) => h.word));
  const stop = mostCommon(exact.map((h) => h.stop));
  const renamed = new Map<number, string>();
  for (const h of labelled) {
    const row = rows[h.index]!;
    if (!isOcr(row)) continue;
    const w = h.word.toLowerCase(), l = label.toLowerCase();
    const near = w === l || (w.length >= 3 && l.startsWith(w)) || (Math.abs(w.length - l.length) <= 1 && editDistance(w, l) === 1);
    if (!near || (h.word === label && h.stop === stop)) continue;
    renamed.set(h.index, `${label} ${h.number}${stop} ${h.rest}`);
  }
  return renameSections(rows, renamed);
}

/** Headings given new texts by their index, and the activities under each following them. */
function renameSections(rows: readonly PlanRow[], renamed: ReadonlyMap<number, string>): PlanRow[] {
  if (renamed.size === 0) return [...rows];
  let current: { from: string; to: string } | null = null;
  return rows.map((r, i) => {
    if (r.kind === 'section') {
      const to = renamed.get(i);
      current = to === undefined ? null : { from: r.text, to };
      return to === undefined ? r : { ...r, text: to };
    }
    return current && r.section === current.from ? { ...r, section: current.to } : r;
  });
}

function mostCommon(xs: readonly string[]): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]![0];
}
