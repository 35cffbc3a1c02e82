import type { ColumnRole } from '../model/index.js';
import { russianDictionary } from '../lexicon/dictionary.js';
import { editDistance } from '../lexicon/edit-distance.js';

/**
 * Header wording → column role, with how plainly the wording names it. Checked in this order,
 * because headers share words: "Сроки исполнения" is a deadline although it says "исполн-",
 * "Ответственный исполнитель" is the responsible party, and "результат" wins over
 * "мероприятие" in "Результат мероприятия". Matched on lower-cased text with ё→е.
 *
 * Strength 2 names the role outright; 1 only suggests it ("Форма отчётности", "Итог",
 * "Исполнитель") and yields to a column of the same table that names it outright: a plan with
 * both «Форма отчётности» and «Ожидаемый результат» reports its result in the second.
 */
const ROLE_PATTERNS: readonly [Exclude<ColumnRole, 'extra'>, RegExp, 1 | 2][] = [
  // "№", "№ п/п", and OCR's "№ п/1", "№ пп": a short label opening with the sign; "N п/" when
  // a narrow cell wrapped the last letter to a line of its own; OCR's "М п/п" for the sign
  // (the full "п/п" after it: "М" alone could be anything), or a speck read before the sign.
  // "Номер и наименование основного мероприятия" (state programmes) is the activity, numbered;
  // "№ мероприятия" is the number, also broken down a narrow column and joined ("№меропрняти").
  ['number', /^(№|n|no)\s*(п\s*[/.]?\s*(п\.?)?)?$|^м\s*п\s*\/\s*п\.?$|^.?№.{0,6}$|^п\s*\/\s*п$|^№\s*(меро\S*|строки)?$|^номер(?!\s+и\s+наименовани)(\s|$)/, 2],
  ['responsible', /ответствен/, 2],
  ['responsible', /исполнител[ьияе]|соисполнител|участник|^кто(\s|$)/, 1],
  ['deadline', /срок|дата\s+(исполн|выполн|провед)|период\s+(исполн|реализ|провед)|^период|^дата$|^время|^когда(\s|$)/, 2],
  ['result', /результат|показател|индикатор/, 2],
  ['result', /итог|форма\s+(завершен|отч[её]тн|представлен)|выход|продукт/, 1],
  ['activity', /мероприяти|содержани|наименовани|деятельност|^действ|^задач|^вид\s+(работ|деятельн)/, 2],
  // "Планируемый резулизот": OCR garbles the noun of "Планируемый результат" more often than
  // its short adjective, which alone still names an outcome. Last, so "Планируемый срок" and
  // "Планируемые мероприятия" keep their own roles.
  ['result', /^(планируем|ожидаем|прогнозируем)/, 1],
];

/**
 * Letters Tesseract confuses in Russian print, folded to one of each group on both sides so
 * a misread header word still names its column ("(содержанне", "нсполнения": a harsh scan
 * whose only activity label came back so lost its whole table). The forms stay whole words,
 * so "мероприятий" is still not a header word; a header still needs its roles (mapHeaderRow).
 */
const CONFUSABLE: Record<string, string> = { н: 'и', п: 'и', й: 'и', щ: 'ш', ъ: 'ь' };
const fold = (s: string): string => s.replace(/[нпйщъ]/g, (c) => CONFUSABLE[c]!);

const norm = (s: string): string => fold(s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim());

/** The patterns with their letters folded like the texts they are tested on. */
const FOLDED_PATTERNS = ROLE_PATTERNS.map(([role, re, strength]) => [role, new RegExp(fold(re.source), re.flags), strength] as const);

/** The role a header cell's text names and how plainly (2 outright, 1 suggested), or null. */
export function headerRole(text: string): { role: Exclude<ColumnRole, 'extra'>; strength: number } | null {
  const named = roleNamed(text);
  if (named) return named;
  // OCR's misreadings of header words, read as the words they stand for ("Ожидиемые результы"),
  // and its «(» for a capital С that opens a label («( роки проведения»).
  const corrected = text.replace(/^\(\s?(?=\p{Ll}{3})/u, 'С').split(/\s+/).map((w) => correctedHeaderWord(w) ?? w).join(' ');
  return corrected === text ? null : roleNamed(corrected);
}

function roleNamed(text: string): { role: Exclude<ColumnRole, 'extra'>; strength: number } | null {
  const t = norm(text);
  if (!t) return null;
  // A label broken letter-wise in a narrow column reads "Исполнител ь (соисполнит ели)", "№
  // мер опр ият ия": with its spaces taken out it names its role again (asked second).
  const joined = t.replace(/\s+/g, '');
  for (const form of joined === t ? [t] : [t, joined]) {
    for (const [role, re, strength] of FOLDED_PATTERNS) if (re.test(form)) return { role, strength };
  }
  return null;
}

/** The role a header cell's text names, or null when it names none. */
export function roleOfHeader(text: string): Exclude<ColumnRole, 'extra'> | null {
  return headerRole(text)?.role ?? null;
}

/** Longest header label in words ("Прогнозируемый результат (количественные характеристики результата)" has 5). */
export const MAX_HEADER_CELL_WORDS = 10;

/** Whole header word forms only: body text is full of "результатами", "мероприятий". */
const HEADER_WORD = new RegExp(
  fold(
    '^(мероприяти[ея]|содержани[ея]|наименовани[ея]|деятельности|перечень|ответственн(ый|ые|ое|ая|ых)?|исполнител[ьи]|соисполнител[ьи]|сроки?|результаты?|результативности|показател[ьи]|индикаторы?|планируем(ый|ые)|ожидаем(ый|ые)|прогнозируем(ый|ые)|исполнения|выполнени[еяи]|проведения|реализации|дата|период|лица|форма|отметка|выполнении|отчетности|источник|финансирования|примечани[ея])$',
  ),
);

/**
 * The number column's label: "№", "№п/п", and the Latin "N" (or "No") typed for the sign, as
 * legal texts copied from reference systems have it ("N п/п"). A line of seven labels two of
 * which are extras ("Источник финансирования") is short of half header words without it.
 */
const NUMBER_SIGN = new RegExp(`^(№|n|no)(${fold('п/п')})?$`);

/** Header words as printed, the forms OCR's misreadings are matched against. */
const HEADER_VOCABULARY = [
  'мероприятие', 'мероприятия', 'содержание', 'наименование', 'деятельности', 'перечень', 'ответственный', 'ответственные',
  'исполнитель', 'исполнители', 'соисполнители', 'сроки', 'результат', 'результаты', 'показатель', 'показатели', 'индикаторы',
  'планируемый', 'планируемые', 'ожидаемый', 'ожидаемые', 'прогнозируемый', 'исполнения', 'выполнения', 'выполнение',
  'реализации', 'отметка', 'примечание', 'финансирования', 'отчетности',
];
/** Shortest misread word matched: shorter ones are a letter or two from too many words. */
const MIN_CORRECTED_CHARS = 6;
const correctionMemo = new Map<string, string | null>();

/**
 * The header word an OCR misreading stands for («Перечель» → перечень, «результы» →
 * результаты): a word the dictionary does not know, one edit from a single header word (two
 * for words of eight letters or more). Known words are never changed: body text is full of
 * «результатами» and «мероприятий», a letter or two from header words.
 */
export function correctedHeaderWord(word: string): string | null {
  let known = correctionMemo.get(word);
  if (known === undefined) {
    known = null;
    const t = word.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}]/gu, '');
    if (t.length >= MIN_CORRECTED_CHARS && !HEADER_VOCABULARY.includes(t) && !russianDictionary().knows(t)) {
      const max = t.length >= 8 ? 2 : 1;
      const near = HEADER_VOCABULARY.map((v) => ({ v, d: editDistance(t, v) })).filter((x) => x.d <= max);
      const best = Math.min(...near.map((x) => x.d));
      const at = near.filter((x) => x.d === best);
      // Two header words as near say neither ("исполнения"/"выполнения" from "сполнения"),
      // unless they name one role ("результат"/"результаты" from "резулътаты").
      if (at.length > 0 && at.every((x) => roleNamed(x.v)?.role === roleNamed(at[0]!.v)?.role)) known = at[0]!.v;
    }
    if (correctionMemo.size >= HEADER_WORD_MEMO_SIZE) correctionMemo.clear();
    correctionMemo.set(word, known);
  }
  return known;
}

/** Shortest head of a broken header word that still names it. */
const MIN_HEAD_CHARS = 5;

/**
 * The head of a header word a narrow column broke letter-wise without a hyphen («Примеча» |
 * «ние», «Ответственны» | «е»): a word the dictionary does not know that opens a header word.
 */
function isHeaderWordHead(word: string): boolean {
  const t = word.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}]/gu, '');
  return t.length >= MIN_HEAD_CHARS && HEADER_VOCABULARY.some((v) => v.length > t.length && v.startsWith(t)) && !russianDictionary().knows(t);
}

/**
 * Answers by word: the header search asks about every word of every line near each candidate
 * header, many times over, and folding made each answer cost a few regex passes (the parse
 * of text PDFs took 18 % longer before this memo). Cleared when full, so a long batch of
 * documents keeps it small.
 */
const headerWordMemo = new Map<string, boolean>();
const HEADER_WORD_MEMO_SIZE = 20_000;

/** True when a single word is (part of) a plan-table header, used to spot header lines. */
export function isHeaderWord(word: string): boolean {
  let known = headerWordMemo.get(word);
  if (known === undefined) {
    const t = norm(word).replace(/[().,:;«»"]/g, '');
    known = t !== '' && (NUMBER_SIGN.test(t) || t === fold('п/п') || t === fold('п/') || t === fold('п') || HEADER_WORD.test(t) || correctedHeaderWord(word) !== null || isHeaderWordHead(word));
    if (headerWordMemo.size >= HEADER_WORD_MEMO_SIZE) headerWordMemo.clear();
    headerWordMemo.set(word, known);
  }
  return known;
}

/**
 * Maps a row of header texts to roles. A role claimed twice goes to the column that names it
 * most plainly, the first of those on a tie; the others turn into extras (e.g. two "срок"
 * columns: start and end; «Форма отчётности» beside «Планируемый результат»). Returns null
 * unless at least `minRoles` distinct roles, including the activity, are present — a table
 * without an activity column is not a plan.
 */
export function mapHeaderRow(cells: readonly string[], minRoles: number): ColumnRole[] | null {
  const claims = cells.map(headerRole);
  const owner = new Map<ColumnRole, number>();
  claims.forEach((c, k) => {
    if (!c) return;
    const held = owner.get(c.role);
    if (held === undefined || claims[held]!.strength < c.strength) owner.set(c.role, k);
  });
  const roles: ColumnRole[] = claims.map((c, k) => (c && owner.get(c.role) === k ? c.role : 'extra'));
  if (!owner.has('activity') || owner.size < minRoles) return null;
  return roles;
}
