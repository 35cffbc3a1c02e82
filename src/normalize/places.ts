import { createRequire } from 'node:module';
import type { Stemmer } from 'natural';
import gazetteer from '../lexicon/gazetteer.json' with { type: 'json' };

/**
 * Places and act dates in one canonical form: regions as the official name of the federal
 * subject ("Пермский край"), municipalities in the nominative with their type words
 * ("Лысьвенский городской округ"), act dates as ISO. Inputs come inflected, in capitals,
 * with OCR look-alikes; outputs are stable keys for comparing documents.
 */

// The package root prints dotenv noise on import; the stemmer module alone is quiet. It is
// CommonJS without its own typings, hence require + the type from the package's index.
const stemmer = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer_ru.js') as Stemmer;

/** The federal subjects of Russia, official spelling; aliases are other names in use. */
const REGIONS: ReadonlyArray<{ name: string; aliases?: readonly string[] }> = [
  { name: 'Республика Адыгея', aliases: ['Адыгея'] },
  { name: 'Республика Алтай' },
  { name: 'Республика Башкортостан', aliases: ['Башкортостан', 'Башкирия'] },
  { name: 'Республика Бурятия', aliases: ['Бурятия'] },
  { name: 'Республика Дагестан', aliases: ['Дагестан'] },
  { name: 'Республика Ингушетия', aliases: ['Ингушетия'] },
  { name: 'Кабардино-Балкарская Республика', aliases: ['Кабардино-Балкария'] },
  { name: 'Республика Калмыкия', aliases: ['Калмыкия'] },
  { name: 'Карачаево-Черкесская Республика', aliases: ['Карачаево-Черкесия'] },
  { name: 'Республика Карелия', aliases: ['Карелия'] },
  { name: 'Республика Коми' },
  { name: 'Республика Крым', aliases: ['Крым'] },
  { name: 'Республика Марий Эл', aliases: ['Марий Эл'] },
  { name: 'Республика Мордовия', aliases: ['Мордовия'] },
  { name: 'Республика Саха (Якутия)', aliases: ['Республика Саха', 'Якутия'] },
  { name: 'Республика Северная Осетия – Алания', aliases: ['Северная Осетия', 'Республика Северная Осетия', 'Северная Осетия – Алания'] },
  { name: 'Республика Татарстан', aliases: ['Татарстан'] },
  { name: 'Республика Тыва', aliases: ['Тыва', 'Тува'] },
  { name: 'Удмуртская Республика', aliases: ['Удмуртия'] },
  { name: 'Республика Хакасия', aliases: ['Хакасия'] },
  { name: 'Чеченская Республика', aliases: ['Чечня'] },
  { name: 'Чувашская Республика', aliases: ['Чувашия', 'Чувашская Республика – Чувашия'] },
  { name: 'Донецкая Народная Республика' },
  { name: 'Луганская Народная Республика' },
  { name: 'Алтайский край' },
  { name: 'Забайкальский край' },
  { name: 'Камчатский край' },
  { name: 'Краснодарский край', aliases: ['Кубань'] },
  { name: 'Красноярский край' },
  { name: 'Пермский край' },
  { name: 'Приморский край' },
  { name: 'Ставропольский край' },
  { name: 'Хабаровский край' },
  ...[
    'Амурская', 'Архангельская', 'Астраханская', 'Белгородская', 'Брянская', 'Владимирская', 'Волгоградская',
    'Вологодская', 'Воронежская', 'Запорожская', 'Ивановская', 'Иркутская', 'Калининградская', 'Калужская',
    'Кировская', 'Костромская', 'Курганская', 'Курская', 'Ленинградская', 'Липецкая', 'Магаданская',
    'Московская', 'Мурманская', 'Нижегородская', 'Новгородская', 'Новосибирская', 'Омская', 'Оренбургская',
    'Орловская', 'Пензенская', 'Псковская', 'Ростовская', 'Рязанская', 'Самарская', 'Саратовская',
    'Сахалинская', 'Свердловская', 'Смоленская', 'Тамбовская', 'Тверская', 'Томская', 'Тульская', 'Тюменская',
    'Ульяновская', 'Херсонская', 'Челябинская', 'Ярославская',
  ].map((adj) => ({ name: `${adj} область` })),
  { name: 'Кемеровская область – Кузбасс', aliases: ['Кемеровская область', 'Кузбасс'] },
  { name: 'Еврейская автономная область' },
  { name: 'Ненецкий автономный округ' },
  { name: 'Ханты-Мансийский автономный округ – Югра', aliases: ['Ханты-Мансийский автономный округ', 'Югра'] },
  { name: 'Чукотский автономный округ' },
  { name: 'Ямало-Ненецкий автономный округ' },
  { name: 'город Москва', aliases: ['Москва'] },
  { name: 'город Санкт-Петербург', aliases: ['Санкт-Петербург'] },
  { name: 'город Севастополь', aliases: ['Севастополь'] },
];

/** Stems of the letter words, so that any case form of a name gives the same key. */
function stemKey(s: string): string {
  return (s.toLowerCase().replace(/ё/g, 'е').match(/[а-я]+|[a-z]+/g) ?? []).map((w) => stemmer.stem(w)).join(' ');
}

const REGION_BY_KEY: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const r of REGIONS) for (const n of [r.name, ...(r.aliases ?? [])]) m.set(stemKey(n), r.name);
  return m;
})();

// ---------------------------------------------------------------------------------------
// Inflection: Russian place names are adjective(s) + a type noun ("Пермского края") or a
// type noun + a name ("Республики Татарстан", "города Перми"). Only the type nouns and the
// adjectives agreeing with them decline in a regular way, so those are what we rewrite.
// ---------------------------------------------------------------------------------------

type Gender = 'm' | 'f' | 'n';

/** Type nouns of places: their nominative and gender, found by stem in any case form. */
const TYPE_NOUNS: ReadonlyArray<{ nom: string; gender: Gender }> = [
  { nom: 'край', gender: 'm' },
  { nom: 'область', gender: 'f' },
  { nom: 'республика', gender: 'f' },
  { nom: 'округ', gender: 'm' },
  { nom: 'район', gender: 'm' },
  { nom: 'поселение', gender: 'n' },
  { nom: 'образование', gender: 'n' },
  { nom: 'город', gender: 'm' },
];
const TYPE_NOUN_BY_STEM: ReadonlyMap<string, { nom: string; gender: Gender }> = new Map(
  TYPE_NOUNS.map((t) => [stemmer.stem(t.nom), t]),
);

/** Adjectives that belong to the type, not the name: they stay lowercase. */
const TYPE_ADJECTIVE_STEMS: ReadonlySet<string> = new Set(
  ['городской', 'муниципальный', 'сельский', 'автономный', 'народная'].map((w) => stemmer.stem(w)),
);

/** Adjective stems whose nominative masculine ends in a stressed -ой ("городской", not "-ский"). */
const STRESSED_ENDING_STEMS: ReadonlySet<string> = new Set(['городск']);

const ADJ_ENDING = /(ого|его|ому|ему|ыми|ими|ым|им|ом|ем|ой|ей|ый|ий|ая|яя|ую|юю|ое|ее|ою|ею)$/;
const VELAR_OR_SIBILANT = /[кгхжшчщ]$/;

export function typeNounOf(word: string): { nom: string; gender: Gender } | undefined {
  return TYPE_NOUN_BY_STEM.get(stemmer.stem(word.toLowerCase()));
}

/** An adjective in any case form → the nominative of the given gender. */
export function adjectiveToNominative(word: string, gender: Gender): string {
  const m = ADJ_ENDING.exec(word.toLowerCase());
  if (!m || word.length - m[1]!.length < 2) return word;
  const ending = m[1]!;
  const stem = word.slice(0, word.length - ending.length);
  const lowerStem = stem.toLowerCase();
  // Masculine nominative -ой only comes from stress on the ending: keep it as written.
  if (gender === 'm' && ending === 'ой') return word;
  const velar = VELAR_OR_SIBILANT.test(lowerStem);
  const soft = !velar && /^[еиюя]/.test(ending);
  let out: string;
  if (gender === 'm') {
    out = STRESSED_ENDING_STEMS.has(lowerStem) ? 'ой' : velar || soft ? 'ий' : 'ый';
  } else if (gender === 'f') {
    out = soft ? 'яя' : 'ая';
  } else {
    out = soft ? 'ее' : 'ое';
  }
  // A word written in capitals keeps them.
  return stem + (isAllCaps(word) ? out.toUpperCase() : out);
}

const isAdjective = (w: string): boolean => ADJ_ENDING.test(w.toLowerCase()) && w.replace(/[^А-ЯЁа-яё]/g, '').length > 4;
const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
const isAllCaps = (s: string): boolean => /[А-ЯЁ]/.test(s) && !/[а-яё]/.test(s);

/** Recases a capitalised name: "ЛЫСЬВЕНСКИЙ" → "Лысьвенский", "УСТЬ-КУБИНСКИЙ" → "Усть-Кубинский". */
function titleWord(w: string): string {
  return w
    .toLowerCase()
    .split('-')
    .map((p, i) => (i > 0 && NAME_PREPOSITIONS.has(p) ? p : capitalize(p)))
    .join('-');
}

/** Prepositions inside a hyphenated name stay lowercase: "Ростов-на-Дону", "Комсомольск-на-Амуре". */
const NAME_PREPOSITIONS: ReadonlySet<string> = new Set(['на', 'над', 'при', 'де']);

/** Common spelling noise: dashes of all widths, quotes, doubled spaces. */
function cleanPlace(s: string): string {
  return s
    .replace(/[\u00a0\t]/g, ' ')
    .replace(/[«»"“”„]/g, ' ')
    .replace(/\s*[–—]\s*|\s+-\s+/g, ' – ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:]+|[\s,.;:]+$/g, '');
}

/** Words that introduce a place in running text but are not part of it. */
const LEADING_NOISE = /^(?:(?:на\s+территории|в|во|на|по|для)\s+)+/i;

type PlaceWord = { text: string; type?: { nom: string; gender: Gender } };

/**
 * Rewrites a place phrase to the nominative: type nouns become their lemma, adjectives
 * before the head agree with it, a name after an inflected "город" is declined back.
 */
function placeToNominative(words: readonly string[]): string[] {
  const typed: PlaceWord[] = words.map((w) => {
    const type = typeNounOf(w);
    return type ? { text: w, type } : { text: w };
  });
  const headIdx = typed.findIndex((w) => w.type !== undefined);
  if (headIdx < 0) return [...words];
  const head = typed[headIdx]!.type!;
  const out: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    const w = typed[i]!;
    if (w.type) {
      out.push(w.text.toLowerCase() === w.type.nom ? w.text : w.type.nom);
      continue;
    }
    // Adjectives agree with the nearest type noun after them ("Ханты-Мансийского автономного округа").
    const next = typed.slice(i + 1).find((x) => x.type !== undefined)?.type ?? (i < headIdx ? head : undefined);
    if (next && isAdjective(w.text)) out.push(adjectiveToNominative(w.text, next.gender));
    else out.push(w.text);
  }
  // "города Перми" → "город Пермь": only when "город" itself was declined is the name too.
  const cityIdx = typed.findIndex((w) => w.type?.nom === 'город');
  if (cityIdx >= 0 && typed[cityIdx]!.text.toLowerCase() !== 'город' && out[cityIdx + 1]) {
    out[cityIdx + 1] = cityNameToNominative(out[cityIdx + 1]!);
  }
  return out;
}

/**
 * Genitive/prepositional city name → nominative, for the regular patterns only
 * ("Перми" → "Пермь", "Новосибирска" → "Новосибирск", "Лысьвы" → "Лысьва"); anything
 * else (plural or indeclinable names: "Сочи", "Химки") is left as written.
 */
function cityNameToNominative(w: string): string {
  // "Ростова-на-Дону": the first part declines, the phrase after it does not.
  const compound = /^([^-]+)(-(?:на|над|при)-.+)$/i.exec(w);
  if (compound) return cityNameToNominative(compound[1]!) + compound[2]!;
  if (/(ск|цк|рг|град|город|ов|ев|ин|ын)а$/i.test(w)) return w.slice(0, -1);
  if (/[рнлмтдзсвб]и$/i.test(w)) return w.slice(0, -1) + 'ь';
  if (/[^кгхжшчщц]ы$/i.test(w)) return w.slice(0, -1) + 'а';
  return w;
}

/** Type words lowercase, names capitalised, the region's head noun capitalised. */
function casePlace(words: readonly string[], allCaps: boolean): string[] {
  return words.map((w) => {
    const lower = w.toLowerCase();
    if (typeNounOf(w)) return lower === 'республика' ? 'Республика' : lower;
    if (TYPE_ADJECTIVE_STEMS.has(stemmer.stem(lower))) return lower;
    return allCaps ? titleWord(w) : w;
  });
}

function splitWords(s: string): string[] {
  return s.split(' ').filter((w) => w !== '');
}

/**
 * "Пермского края" → "Пермский край", "Республики Северная Осетия-Алания" →
 * "Республика Северная Осетия – Алания", "НИЖЕГОРОДСКОЙ ОБЛАСТИ" → "Нижегородская область".
 * A known federal subject gets its official spelling; anything else is put into the
 * nominative by rule. Null and blank stay null.
 */
export function normalizeRegion(s: string | null): string | null {
  if (s === null) return null;
  let cleaned = cleanPlace(s).replace(LEADING_NOISE, '');
  for (const [re, to] of REGION_ABBREVIATIONS) cleaned = cleaned.replace(re, to);
  if (!cleaned) return null;
  const known = REGION_BY_KEY.get(stemKey(cleaned));
  if (known) return known;
  const allCaps = isAllCaps(cleaned);
  const words = casePlace(placeToNominative(splitWords(cleaned)), allCaps);
  const nominative = words.join(' ');
  return REGION_BY_KEY.get(stemKey(nominative)) ?? capitalize(nominative);
}

/** Abbreviated region type words ("Тамбовской обл.", "Респ. Коми", "Ненецкий АО", "г. Москвы"). */
const REGION_ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/(^|\s)обл\.?(?=\s|$)/gi, '$1область'],
  [/(^|\s)респ\.?(?=\s|$)/gi, '$1Республика'],
  [/(^|\s)АО(?=\s|$)/g, '$1автономный округ'],
  [/(^|\s)г\.\s*/gi, '$1город '],
];

/** The federal subject named by a phrase, or undefined when it names none. */
export function knownRegion(s: string): string | undefined {
  return REGION_BY_KEY.get(stemKey(cleanPlace(s).replace(LEADING_NOISE, '')));
}

/** Prefixes that say "a municipality" without being part of its name. */
const MUNICIPALITY_PREFIX = /^(?:(?:МО|ГО|муниципальн\S*\s+образовани\S*)\s+)+/i;

/** Abbreviated type words, expanded so that all spellings compare equal. */
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/(^|\s)г\.\s*о\.(?=\s|$)/gi, '$1городской округ'],
  [/(^|\s)м\.\s*р\.(?=\s|$)/gi, '$1муниципальный район'],
  [/(^|\s)р-н(?=\s|$)/gi, '$1район'],
  // After the name only: at the start these are the "МО …" prefix removed above.
  [/(?<=\S\s+)ГО(?=\s|$)/g, 'городской округ'],
  [/(?<=\S\s+)МР(?=\s|$)/g, 'муниципальный район'],
  [/(^|\s)г\.\s*/gi, '$1город '],
];

/**
 * A municipality in the nominative with its type words, so every spelling of one place
 * gives one key: "Лысьвенского городского округа" → "Лысьвенский городской округ",
 * "МО Пригородный район" → "Пригородный район", "г. Пермь" / "города Перми" → "город Пермь".
 * A trailing region ("… Пермского края") is dropped: it belongs in the region field.
 */
export function normalizeMunicipality(s: string | null): string | null {
  if (s === null) return null;
  // "муниципального района «Нерчинский район»", "муниципального района «Сыктывдинский»": the
  // quoted name is the municipality; a bare adjective takes the type words before it.
  // Typed quotes ("…", “…”, „…“) as well as guillemets: sources print all of them.
  const quoted = /^((?:муниципальн|городск)[а-яё]*\s+(?:район|округ)[а-яё]*)\s*["«“„]([^"»”“]+)["»”“]$/i.exec(s.trim());
  if (quoted) {
    const inner = quoted[2]!.trim();
    const bare = !/\s/.test(inner) && /(?:ий|ый|ой|ИЙ|ЫЙ|ОЙ)$/.test(inner);
    return normalizeMunicipality(bare ? `${inner} ${quoted[1]}` : inner);
  }
  let cleaned = cleanPlace(s).replace(LEADING_NOISE, '').replace(MUNICIPALITY_PREFIX, '');
  for (const [re, to] of ABBREVIATIONS) cleaned = cleaned.replace(re, to);
  let words = splitWords(cleaned.trim());
  words = dropTrailingRegion(words);
  if (words.length === 0) return null;
  const allCaps = isAllCaps(words.join(' '));
  const out = casePlace(placeToNominative(words), allCaps);
  // "Город Лысьва" written as a proper name in quotes reads like any other city.
  if (out[0] === 'Город') out[0] = 'город';
  return out.join(' ');
}

/** Removes a region phrase at the end: "Верещагинского городского округа Пермского края". */
function dropTrailingRegion(words: string[]): string[] {
  for (let k = Math.min(5, words.length - 1); k >= 1; k--) {
    if (knownRegion(words.slice(-k).join(' ')) !== undefined) return words.slice(0, -k);
  }
  return words;
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** Letters OCR reads in place of digits inside numbers ("«З0» декабря", "2О21"). */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  З: '3', з: '3', О: '0', о: '0', O: '0', o: '0', l: '1', I: '1', '|': '1', б: '6', Б: '6',
};

/** Replaces look-alike letters only inside tokens that already hold a digit. */
function repairDigits(s: string): string {
  return s.replace(/[\dЗзОоOolI|бБ]+/g, (tok) => (/\d/.test(tok) ? tok.replace(/[^\d]/g, (c) => DIGIT_LOOKALIKES[c] ?? c) : tok));
}

/** Dates outside this span are misreadings, not dates of an act about these plans. */
const ACT_YEAR_RANGE = { min: 1900, max: 2100 } as const;

function isoIfValid(y: number, m: number, d: number): string | null {
  if (y < ACT_YEAR_RANGE.min || y > ACT_YEAR_RANGE.max || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Two-digit years: 00–69 are this century, the rest the last (acts cited back to the 1990s). */
const TWO_DIGIT_YEAR_PIVOT = 70;
const fullYear = (y: string): number => (y.length === 2 ? (Number(y) < TWO_DIGIT_YEAR_PIVOT ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/**
 * The first date in a string → ISO YYYY-MM-DD: "17.06.2021", "17.06.21", "2021-06-17",
 * "17 июня 2021 г.", "«28» октября 2021 года". Impossible dates (31.02) and blanks give null.
 */
export function normalizeActDate(s: string): string | null {
  const t = repairDigits(s.replace(/\u00a0/g, ' '));
  const numeric = /(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})(?!\d)/.exec(t);
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(t);
  const words = new RegExp(`(?<!\\d)(\\d{1,2})\\s*[»"”]?\\s*(${MONTHS_GENITIVE.join('|')})\\s*(\\d{4})(?!\\d)`, 'i').exec(t);
  // A school's blank filled by hand: "от «29» 08. 2012г" (the day in quotes, the month as a number).
  const quotedDay = /«\s*(\d{1,2})\s*»\s*(\d{1,2})\s*\.?\s*(\d{4})(?!\d)/.exec(t);
  const found: Array<{ at: number; iso: string | null }> = [];
  if (numeric) found.push({ at: numeric.index, iso: isoIfValid(fullYear(numeric[3]!), Number(numeric[2]), Number(numeric[1])) });
  if (iso) found.push({ at: iso.index, iso: isoIfValid(Number(iso[1]), Number(iso[2]), Number(iso[3])) });
  if (quotedDay) found.push({ at: quotedDay.index, iso: isoIfValid(Number(quotedDay[3]), Number(quotedDay[2]), Number(quotedDay[1])) });
  if (words) {
    const month = MONTHS_GENITIVE.indexOf(words[2]!.toLowerCase()) + 1;
    found.push({ at: words.index, iso: isoIfValid(Number(words[3]), month, Number(words[1])) });
  }
  found.sort((a, b) => a.at - b.at);
  return found[0]?.iso ?? null;
}

/** Every federal subject named in a text, in order, with the words that named it. */
export function findRegionMentions(text: string): Array<{ raw: string; region: string; index: number }> {
  const candidates: Array<{ raw: string; index: number }> = [];
  const push = (m: RegExpExecArray, group = 0) => {
    const raw = m[group]!.trim();
    candidates.push({ raw, index: m.index + m[0].indexOf(raw) });
  };
  const NAME = String.raw`[А-ЯЁ][А-ЯЁа-яё]*(?:-[А-ЯЁа-яё]+)*`;
  const patterns: RegExp[] = [
    // "Пермского края", "Ханты-Мансийского автономного округа – Югры", "Еврейской автономной области"
    new RegExp(String.raw`${NAME}\s+(?:автономн[а-яё]*\s+)?(?:кра[йяюе][мй]?|област[ьиюя][а-яё]*|округ[а-яё]*)(?:\s*[–—-]\s*${NAME})?(?![а-яё])`, 'g'),
    // "Республики Северная Осетия – Алания", "Республика Саха (Якутия)"
    new RegExp(String.raw`Республик[а-яё]*(?:\s+${NAME}){1,2}(?:\s*[–—-]\s*${NAME})?(?:\s*\(${NAME}\))?`, 'g'),
    // "Удмуртской Республики", "Донецкой Народной Республики"
    new RegExp(String.raw`${NAME}\s+(?:Народн[а-яё]+\s+)?Республик[а-яё]*`, 'g'),
    // "города Москвы", "г. Санкт-Петербурга"
    new RegExp(String.raw`(?:город[а-яё]*|г\.)\s*(?:Москв[а-яё]*|Санкт-Петербург[а-яё]*|Севастопол[а-яё]*)`, 'g'),
    // "Правительство Санкт-Петербурга", "ПРАВИТЕЛЬСТВО МОСКВЫ": a federal city names the region
    // without the word "город", in any case.
    new RegExp(String.raw`(?<![А-ЯЁа-яё-])(?:Москв(?:а|ы|е|у|ой)|Санкт-Петербург(?:а|е|у|ом)?|Севастопол(?:ь|я|е|ю|ем))(?![А-ЯЁа-яё-])`, 'gi'),
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) push(m as RegExpExecArray);
  const out: Array<{ raw: string; region: string; index: number }> = [];
  for (const c of candidates.sort((a, b) => a.index - b.index)) {
    // The patterns may run on into the next words ("Республика Татарстан Исполнительный"):
    // the longest leading part that names a region is the mention.
    const words = c.raw.split(' ');
    for (let n = words.length; n >= 1; n--) {
      const raw = words.slice(0, n).join(' ').replace(/[\s–—-]+$/, '');
      const region = knownRegion(raw);
      if (!region) continue;
      if (!out.some((o) => o.index <= c.index && c.index < o.index + o.raw.length)) out.push({ raw, index: c.index, region });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The classifier of municipal territories (ОКТМО): a municipality names its region.
// ---------------------------------------------------------------------------------------

type GazetteerKind = 'мр' | 'го' | 'мо';
interface GazetteerEntry { name: string; kind: GazetteerKind; oktmo: string; region: string }

const KIND_NAMES: Readonly<Record<GazetteerKind, string>> = { мр: 'муниципальный район', го: 'городской округ', мо: 'муниципальный округ' };

/** Municipalities by the stem key of their name ("Лысьвенский" → "лысьвенск"), built on first use. */
let gazetteerIndex: Map<string, GazetteerEntry[]> | undefined;
function gazetteerEntries(key: string): readonly GazetteerEntry[] {
  if (!gazetteerIndex) {
    gazetteerIndex = new Map();
    const regionOf = (code: string) => gazetteer.regions[code.slice(0, 3) as keyof typeof gazetteer.regions] ?? gazetteer.regions[code.slice(0, 2) as keyof typeof gazetteer.regions];
    for (const [name, kind, oktmo] of gazetteer.municipalities as unknown as ReadonlyArray<[string, GazetteerKind, string]>) {
      const region = regionOf(oktmo);
      if (!region) continue;
      const k = stemKey(name);
      const list = gazetteerIndex.get(k) ?? [];
      list.push({ name, kind, oktmo, region });
      gazetteerIndex.set(k, list);
    }
  }
  return gazetteerIndex.get(key) ?? [];
}

/** Type words after a municipality's name: what reforms change ("муниципальный район" → "городской округ"). */
const MUNICIPALITY_TYPE = /\s+(?:(?:городской|муниципальный|районный)\s+)?(?:округ|район|муниципальное\s+образование)$/;

/**
 * A municipality (canonical, as normalizeMunicipality gives it) in the classifier: its
 * region and OKTMO code. Matched by the name that survives reforms ("Верещагинский
 * городской округ" is the classifier's "Верещагинский муниципальный район"); a name several
 * regions share needs the document's region, and then gives only the code.
 */
export function lookupMunicipality(municipality: string, region: string | null = null): { region: string; oktmo: string | null } | null {
  const found = classifierEntry(municipality, region);
  return found && { region: found.region, oktmo: found.oktmo };
}

/** lookupMunicipality, with the classifier's own spelling of the name when one entry matched. */
function classifierEntry(municipality: string, region: string | null): { region: string; oktmo: string | null; name: string | null } | null {
  const name = municipality.replace(MUNICIPALITY_TYPE, '');
  const city = /^город\s+(\S.*)$/.exec(municipality)?.[1];
  if (name === municipality && !city) return null;
  let found = gazetteerEntries(stemKey(name));
  // An urban okrug the classifier names by its city's adjective: "город Копейск" → "Копейский".
  if (!found.length && city && /[сц]к$/.test(city)) found = gazetteerEntries(stemKey(`${city}ий`)).filter((e) => e.kind === 'го');
  if (region) found = found.filter((e) => e.region === region);
  const regions = [...new Set(found.map((e) => e.region))];
  if (regions.length !== 1) return null;
  // The same name as a district and as an urban okrug ("Пермский"): the kind written decides the code.
  const kind = (Object.entries(KIND_NAMES) as Array<[GazetteerKind, string]>).find(([, n]) => municipality.endsWith(n))?.[0];
  const exact = found.length === 1 ? found : found.filter((e) => e.kind === kind);
  const entry = exact.length === 1 ? exact[0]! : null;
  return { region: regions[0]!, oktmo: entry?.oktmo ?? null, name: entry?.name ?? null };
}

/**
 * Region and municipality in canonical form, and the municipality's OKTMO code: a region
 * the document does not name comes from its municipality through the classifier.
 */
export function canonicalPlaces(region: string | null, municipality: string | null): { region: string | null; municipality: string | null; oktmo: string | null } {
  const r = normalizeRegion(region);
  const m = normalizeMunicipality(municipality);
  const found = m ? classifierEntry(m, r) : null;
  // A city the rules cannot decline back ("города Калуги", "Ростова-на-Дону" in capitals) takes
  // the classifier's spelling; districts keep theirs, which reforms renamed ("… городской округ").
  const city = m !== null && /^город\s/.test(m) && found?.name && /^город\s/.test(found.name) ? found.name : m;
  return { region: r ?? found?.region ?? null, municipality: city, oktmo: found?.oktmo ?? null };
}
