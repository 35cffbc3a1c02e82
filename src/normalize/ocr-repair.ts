import { SECTION_LABEL_WORDS } from '../lexicon/section-labels.js';
/**
 * Repairs of typical Tesseract misreadings in OCR'd Russian table cells. Each repair only
 * fires in a context where the misread form cannot be a correct Russian word, so text that
 * was read right is never changed.
 */

/** Letters Tesseract returns for digits inside numbers ("З0", "2О21", "l5"). */
const DIGIT_LOOKALIKES: Record<string, string> = {
  З: '3',
  з: '3',
  О: '0',
  о: '0',
  O: '0',
  o: '0',
  l: '1',
  I: '1',
};
const LOOKALIKE_CLASS = 'ЗзОоOolI';

/** Prepositions Tesseract glues to the next word; only fixed phrases, so no word is split wrongly. */
const GLUED_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/(^|[^\p{L}])([Вв])(течение|течении)(?=$|[^\p{L}])/gu, '$1$2 $3'],
  [/(^|[^\p{L}])([Вв])(соответствии)(?=$|[^\p{L}])/gu, '$1$2 $3'],
  [/(^|[^\p{L}])([Вв])(рамках)(?=$|[^\p{L}])/gu, '$1$2 $3'],
  [/(^|[^\p{L}])([Вв])(целях)(?=$|[^\p{L}])/gu, '$1$2 $3'],
  [/(^|[^\p{L}])([Пп])(о)(мере)(?=$|[^\p{L}])/gu, '$1$2$3 $4'],
];

/** A run of letters/digits made only of digits and digit look-alikes, with at least one digit. */
const NUMBER_LIKE = new RegExp(`(?<![\\p{L}\\p{N}])[0-9${LOOKALIKE_CLASS}]*[0-9][0-9${LOOKALIKE_CLASS}]*(?![\\p{L}\\p{N}])`, 'gu');

function fixNumbers(s: string): string {
  return s.replace(NUMBER_LIKE, (m) => {
    // "О1" alone could be a label; a number needs more digits than look-alikes.
    const digits = [...m].filter((c) => c >= '0' && c <= '9').length;
    if (digits * 2 < m.length) return m;
    return [...m].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
  });
}

/**
 * "ОО" (образовательные организации) read as "00", "0О", "оо" … and "ОУ" read as "0У": a standalone two-character
 * token of zeros and О/о, not part of a time or decimal ("10.00", "15:00"). A pair of zeros
 * with no О is only taken for "ОО" next to a word (letters on one side).
 */
function fixOO(s: string): string {
  return s.replace(/(?<![\p{L}\p{N}])([0Оо]{2})(?![\p{L}\p{N}])/gu, (m, _g, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + m.length);
    if (/[0-9][.:,]$/u.test(before) || /^[.:,][0-9]/u.test(after)) return m;
    if (/^0+$/u.test(m)) {
      // Dashes of every length: "(далее – 00)" is how documents introduce the abbreviation.
      const prevWord = /(\p{L}+)[\s,;()«»"\-–—]*$/u.test(before);
      const nextWord = /^[\s,;()«»"\-–—]*\p{L}/u.test(after);
      if (!prevWord && !nextWord) return m;
      if (/[0-9][\s]*$/u.test(before) || /^[\s]*[0-9]/u.test(after)) return m;
    }
    return 'ОО';
  }).replace(/(?<![\p{L}\p{N}])[0Оо][УY](?![\p{L}\p{N}])/gu, 'ОУ');
}

/** Table-border remnants: a vertical bar is never part of a roadmap's wording. */
function stripBars(s: string): string {
  return s.replace(/\s*[|¦‖]+\s*/gu, ' ');
}

/**
 * Braces and backslashes are not in any roadmap's wording either: where a border stub or a
 * speck touches letters Tesseract reads them inside the word ("О{О)" for "ОО"), so they go
 * without leaving a space. A closing parenthesis the cell never opened, glued to an
 * abbreviation in capitals, is the same debris ("ОО)"); lists ("а) …") use small letters.
 */
function stripDebris(s: string): string {
  const t = s.replace(/[{}\\]+/gu, '');
  if (t === s || t.includes('(')) return t;
  return t.replace(/(?<=\p{Lu}{2,})\)/gu, '');
}

/** What each misread glyph of a Roman section number stands for (shared with section-numbers.ts). */
export const ROMAN_LOOKALIKES: Readonly<Record<string, string>> = {
  I: 'I',
  Т: 'I',
  T: 'I',
  l: 'I',
  І: 'I',
  '|': 'I',
  '!': 'I',
  П: 'II',
  п: 'II',
  Ш: 'III',
  ш: 'III',
  V: 'V',
  У: 'V',
  Y: 'V',
  X: 'X',
  Х: 'X',
};

/**
 * Glyphs OCR makes of the Roman numbers of quarters, half-years, trimesters and school
 * quarters ("П-Ш кварталы", "1V квартал", "ГУ квартал", "1I полугодие", "Il триместр"): the
 * section numbers' look-alikes, and beside a letter "1" and "Г" for I — in a period number
 * they cannot be the Arabic one or the letter they are in a heading.
 */
const PERIOD_ROMAN_GLYPHS: Readonly<Record<string, string>> = { ...ROMAN_LOOKALIKES, i: 'I', '1': 'I', і: 'I', Г: 'I', v: 'V' };
const PERIOD_ROMAN_VALUE: Readonly<Record<string, number>> = { I: 1, II: 2, III: 3, IV: 4 };
const PERIOD_TOKEN = `[${Object.keys(PERIOD_ROMAN_GLYPHS).join('')}]{1,4}`;
const PERIOD_SEPARATOR = String.raw`(?:\s*[-–—,]\s*|\s+и\s+)`;
/** A run of numeral-like tokens joined by dashes, commas or "и", followed by a word. */
const PERIOD_CHAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${PERIOD_TOKEN}(?:${PERIOD_SEPARATOR}${PERIOD_TOKEN})*(?![\p{L}\p{N}])(?=\s+(\p{L}+))`,
  'gu',
);

/** The highest number a period word takes: IV квартал, II полугодие, III триместр, IV четверть. */
function periodLimit(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.startsWith('квартал')) return 4;
  if (w.startsWith('полугод')) return 2;
  if (w.startsWith('триместр')) return 3;
  // The noun only: "четвертый" is an ordinal ("четвертый квартал").
  if (/^четв[её]рт(?:ь|и|ью|ей|ям|ями|ях)$/u.test(w)) return 4;
  return undefined;
}

/**
 * Puts back misread Roman numbers of periods: "П-Ш кварталы" → "II–III кварталы", "1V квартал"
 * → "IV квартал", "П и Ш полугодие" stays (III is no half-year). Only right before "квартал",
 * "полугодие", "триместр" or the noun "четверть", and only when every number of the run reads
 * as one the period has; numbers written in digits are left as they are.
 */
export function repairRomanPeriods(s: string): string {
  return s.replace(PERIOD_CHAIN, (chain: string, word: string) => {
    const limit = periodLimit(word);
    if (limit === undefined) return chain;
    const parts = chain.split(new RegExp(`(${PERIOD_SEPARATOR})`, 'u'));
    let changed = false;
    const out: string[] = [];
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      if (k % 2 === 1) {
        out.push(/[-–—]/u.test(part) ? '–' : part.includes(',') ? ', ' : ' и ');
        continue;
      }
      if (/^\d+$/u.test(part)) {
        if (Number(part) < 1 || Number(part) > limit) return chain;
        out.push(part);
        continue;
      }
      const roman = [...part].map((c) => PERIOD_ROMAN_GLYPHS[c]).join('');
      const value = PERIOD_ROMAN_VALUE[roman];
      if (value === undefined || value > limit) return chain;
      if (roman !== part) changed = true;
      out.push(roman);
    }
    return changed ? out.join('') : chain;
  });
}

/** Repairs one OCR'd cell (or line) of text. */
export function repairOcrText(s: string): string {
  let t = stripDebris(stripBars(s));
  // Before the digit repair, which would read "1I квартал" as 11.
  t = repairRomanPeriods(t);
  // ОО first: "0О" is the word ОО, not the number 00.
  t = fixOO(t);
  t = fixNumbers(t);
  for (const [re, to] of GLUED_PHRASES) t = t.replace(re, to);
  // A year glued to "г." ("2021г.") is how tight print reads; the documents write "2021 г.".
  t = t.replace(/(?<![\p{N}])((?:19|20)\d\d)(г\.?)(?!\p{L})/gu, '$1 $2');
  // Symbols no roadmap contains, for the letters Tesseract sees in them on bold or blurred print.
  t = t.replace(/©/gu, 'с').replace(/®/gu, 'О');
  // Single guillemets are not Russian typography (quotes are «»): a speck of noise read as a
  // mark, often inside a word it splits ("Но ›мативно"), which the dictionary repair can then join.
  t = t.replace(/\s*[‹›]\s*/gu, ' ');
  // Tesseract turns the en dash of ranges into an em dash.
  t = t.replace(/—/gu, '–');
  return t.replace(/\s+/gu, ' ').trim();
}

const VALID_ROMAN = /^X{0,2}(IX|IV|V?I{0,3})$/u;

/** Specks read as a letter or two, then a capitalised label word and its number: "и и я Этап 1. …". */
const LABEL_OPENINGS = SECTION_LABEL_WORDS.flatMap((w) => [w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]);
const SPECKS_BEFORE_LABEL = new RegExp(`^(?:[^\\s]{1,2}\\s+){1,3}(?=(?:${LABEL_OPENINGS.join('|')})\\s*(?:\\d|[IVXLC]))`, 'u');

/**
 * Drops what OCR read of specks left of a labelled heading: a heading opens with its label
 * ("Этап 1. Сетевое …"), so the one- and two-letter tokens before it are no words of it.
 */
export function dropSpecksBeforeLabel(s: string): string {
  return s.replace(SPECKS_BEFORE_LABEL, '');
}

/**
 * Repairs a misread Roman number opening a section heading: "Т." → "I.", "П."/"п." → "II.",
 * "Ш." → "III.", "ТУ." → "IV.", "У." → "V.", "УТ." → "VI.", and puts a space after the dot.
 * Only a numeral-like token followed by "." and then a capital letter (or nothing) counts,
 * so the preposition "У" or an abbreviation "п. 3" is left alone. Digits ("1." read for
 * "I.") are left to the sequence repair (section-numbers.ts): "1." is also a correct Arabic
 * number, and only the neighbouring headings can tell.
 */
export function repairSectionNumber(s: string): string {
  const m = /^(\s*)([^\s.]{1,5})\s*\.\s*(?=\p{Lu}|$)/u.exec(s);
  if (!m) return s;
  const token = m[2]!;
  let roman = '';
  for (const c of token) {
    const r = ROMAN_LOOKALIKES[c];
    if (r === undefined) return s;
    roman += r;
  }
  if (roman.length === 0 || !VALID_ROMAN.test(roman)) return s;
  const rest = s.slice(m[0].length);
  return `${m[1]}${roman}.${rest.length > 0 ? ' ' + rest : ''}`;
}

/** Lower-case Cyrillic words (two letters or more) of a text: what "the document's own spelling" means below. */
export function lowercaseWords(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/(?<!\p{L})[а-яё]{2,}(?!\p{L})/gu)) out.add(m[0]);
  return out;
}

/**
 * Undoes capitals Tesseract invents mid-sentence ("поддержки ШКОЛ С НИЗКИМИ образовательными"):
 * most Cyrillic lower-case letters are small copies of their capitals (к/К, о/О, с/С, ш/Ш …),
 * so on a photo, where the x-height is uncertain, whole words come back in capitals. A run of
 * capitalised words is lowered only when it follows a lower-case word of the same cell and
 * every word of two letters or more in it is written in lower case elsewhere in the same
 * document — so abbreviations (ОО, ШНОР, МБОУ), which a document never writes in lower case,
 * stay as they are. One-letter words (prepositions "С", "В") follow their run.
 */
export function lowerInventedCapitals(s: string, documentWords: ReadonlySet<string>): string {
  return s.replace(
    /(?<=[а-яё][^\p{L}\n.!?;]{0,3})(?:[А-ЯЁ]+(?:[\s,]+[А-ЯЁ]+)*)(?![\p{L}])/gu,
    (run) => {
      const words = run.split(/[\s,]+/u);
      const long = words.filter((w) => w.length >= 2);
      if (long.length === 0) return run;
      if (!long.every((w) => documentWords.has(w.toLowerCase()))) return run;
      return run.toLowerCase();
    },
  );
}
