import type { Level } from '../model/index.js';
import { findRegionMentions, knownRegion } from '../normalize/places.js';
import { TUNING } from '../settings.js';

/**
 * Where and when a plan applies: the municipality and region as written, the level of
 * government that owns the plan, and the years it covers.
 */

const D = TUNING.parse.metadataPlace;

const NAME = String.raw`[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*`;
const ADJ = /(ого|его|ому|ему|ым|им|ом|ем|ой|ей|ый|ий|ая|яя|ую|юю|ое|ее)$/;
/** "Лысьвенского городского округа", "МО Пригородный район", "Тулунского сельского поселения". */
const MUNICIPALITY = new RegExp(
  String.raw`(?:(?:МО|муниципальн[а-яё]+\s+образовани[а-яё]+)\s+)?((?:${NAME}\s+){1,2})((?:(?:городск|муниципальн|сельск)[а-яё]+\s+)?(?:округ|район|поселени)[а-яё]*)(?![а-яё])`,
  'g',
);
/**
 * A name in quotes of any kind a source prints, each closed by its own mate: «…», "…", “…”,
 * „…“. Pairing them keeps a typed quote inside guillemets («Город "N"») from closing the name.
 */
const QUOTED_NAME = String.raw`(?:«[^»]{3,60}»|"[^"]{3,60}"|“[^”"]{3,60}”|„[^“”"]{3,60}[“”])`;
/** "муниципального образования «Город Лысьва»", "городского округа «Город Чайковский»", 'муниципального района "Ижемский"'. */
const QUOTED_MUNICIPALITY = new RegExp(
  String.raw`(?<![А-ЯЁа-яё])(?:муниципальн[а-яё]+\s+образовани[а-яё]+|МО|городск[а-яё]+\s+округ[а-яё]*|муниципальн[а-яё]+\s+(?:район|округ)[а-яё]*)\s*${QUOTED_NAME}`,
  'g',
);
/**
 * "Администрация городского округа Самара", "городского округа Тольятти": a city okrug named by
 * the city's own name in the nominative after the type words is that city.
 */
const CITY_OKRUG = new RegExp(String.raw`(?<![а-яё])городск[а-яё]+\s+округ[а-яё]*\s+(${NAME})(?![А-ЯЁа-яё-])(?!\s+(?:район|округ|област|кра[йя]|поселени)[а-яё]*)`, 'g');
/** "города Перми", "г. Лысьва". */
const CITY = new RegExp(String.raw`(?<![а-яё])(?:город|города|городе|г\.)\s*${NAME}`, 'g');

/** The first municipality named in a text, as written; regions and lone type words are not. */
export function findMunicipality(text: string, allowCity: boolean): string | null {
  const found: Array<{ at: number; raw: string }> = [];
  for (const m of text.matchAll(MUNICIPALITY)) {
    // Keep the name's adjectives only: "Администрация Верещагинского" → "Верещагинского".
    const names = m[1]!.trim().split(/\s+/);
    while (names.length && !ADJ.test(names[0]!)) names.shift();
    if (!names.length) continue;
    const prefix = m[0].slice(0, m[0].indexOf(m[1]!));
    const raw = `${prefix}${names.join(' ')} ${m[2]}`.trim();
    if (knownRegion(raw) === undefined) found.push({ at: m.index!, raw });
  }
  for (const m of text.matchAll(QUOTED_MUNICIPALITY)) found.push({ at: m.index!, raw: m[0] });
  for (const m of text.matchAll(CITY_OKRUG)) {
    if (!ADJ.test(m[1]!) && knownRegion(m[1]!) === undefined) found.push({ at: m.index!, raw: `город ${m[1]}` });
  }
  if (allowCity) {
    for (const m of text.matchAll(CITY)) if (knownRegion(m[0]) === undefined) found.push({ at: m.index!, raw: m[0] });
  }
  found.sort((a, b) => a.at - b.at);
  return found[0]?.raw ?? null;
}

/** The first region named in the texts, as written; then one inferred from an institute's abbreviation. */
export function findRegion(texts: readonly string[], tableText: string): string | null {
  for (const t of [...texts, tableText]) {
    const m = findRegionMentions(t)[0];
    if (m) return m.raw;
  }
  for (const [abbr, region] of D.regionInstitutes) {
    if (new RegExp(`(?<![А-ЯЁа-яё])${abbr}(?![А-ЯЁа-яё])`).test(tableText)) return region;
  }
  return null;
}

/** Legal forms of schools; "ДПО" (further training) marks an institute, not a school. */
const SCHOOL = /(?<![А-ЯЁ])(?:МБОУ|МАОУ|МКОУ|МОУ|МОБУ|ГБОУ|ГКОУ|ГАОУ|НОУ|ЧОУ)(?![А-ЯЁ])|(?:^|\s)(?:школа|гимназия|лицей)(?![а-яё])|общеобразовательн[а-яё]+\s+(?:учреждени|организаци)/i;
const REGIONAL_BODY = /^(?:министерств|департамент|комитет|правительств|губернатор|агентств)/i;

const MUNICIPAL_BODIES_AS_A_CLASS = /органы\s+местного\s+самоуправления|муниципальные\s+органы\s+управления\s+образованием|органы\s+управления\s+образованием\s+муниципальных/i;

export interface LevelEvidence {
  issuer: string | null;
  municipality: string | null;
  /** Whether the issuer names a region. */
  issuerRegion: boolean;
  /** Whether the title names a region. */
  titleRegion: boolean;
  title: string | null;
  /** Approval stamps and header text, where a school's director signs. */
  stampText: string;
  /** Everything, for the weak "муниципальный" hint. */
  allText: string;
}

/** Who owns the plan: a school, a municipality or a region. */
export function inferLevel(e: LevelEvidence): Level | null {
  const isSchool = (s: string | null) => s !== null && SCHOOL.test(s) && !/ДПО/.test(s);
  if (isSchool(e.issuer) || /директор[а-яё]*\s+\S*(?:МБОУ|МАОУ|МКОУ|МОУ|МОБУ|школ)/i.test(e.stampText)) return 'school';
  if (e.title && /(?<![А-ЯЁ])(?:МБОУ|МАОУ|МКОУ|МОУ|МОБУ)(?![А-ЯЁ])/.test(e.title)) return 'school';
  if (e.municipality) return 'municipal';
  if (e.issuer && (REGIONAL_BODY.test(e.issuer) || e.issuerRegion)) return 'regional';
  if (!e.issuer && e.titleRegion) return 'regional';
  // A plan that sets tasks to the municipalities' bodies as a class is above them: the
  // region's own words for them («органы местного самоуправления», «муниципальные органы
  // управления образованием»), which a municipality never uses of itself.
  if (MUNICIPAL_BODIES_AS_A_CLASS.test(e.allText)) return 'regional';
  // Municipal plans speak of their own coordinator and working group; regional plans
  // that would too have been caught by their ministry above.
  if (/муниципальн/i.test(e.allText)) return 'municipal';
  return null;
}

export interface Period {
  from: number | null;
  to: number | null;
}

const inRange = (y: number) => y >= D.planYears.min && y <= D.planYears.max;

/** "на 2021-2024 гг", "2022–2024 годы", "с 2021 по 2024 год", "до 2024 года", "на 2022 год". */
export function periodFromText(text: string): Period {
  const range = /(?<!\d)(20\d\d)\s*(?:[-–—]|г[г.]*\s*[-–—]|\s+по\s+)\s*(20\d\d|\d\d)(?!\d)/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = range[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(range[2]) : Number(range[2]);
    if (inRange(from) && inRange(to) && to >= from) return { from, to };
  }
  const until = /(?:^|\s)(?:до|по)\s+(20\d\d)\s*(?:год|г\.|гг|г$)/i.exec(text);
  if (until) return { from: null, to: Number(until[1]) };
  const single = /(?:^|\s)на\s+(20\d\d)\s*(?:год|г\.|г$)/i.exec(text);
  if (single) return { from: Number(single[1]), to: Number(single[1]) };
  return { from: null, to: null };
}

/** Years the table's deadlines and year sections mention often enough to be plan years. */
export function tableYears(tableText: string): number[] {
  const counts = new Map<number, number>();
  for (const m of tableText.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)) {
    const y = Number(m[1]);
    if (inRange(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  const frequent = [...counts].filter(([, n]) => n >= D.minTableYearMentions).map(([y]) => y);
  return (frequent.length ? frequent : [...counts.keys()]).sort((a, b) => a - b);
}

/**
 * The plan's years: from its titles first; an open start ("до 2024 года") is the first
 * year of the table, else the act's year; a plan whose titles name no years spans its table.
 */
export function inferPeriod(titles: readonly string[], actYear: number | null, years: readonly number[]): Period {
  let p: Period = { from: null, to: null };
  for (const t of titles) {
    const q = periodFromText(t);
    if (q.from !== null && q.to !== null) return q;
    if (p.to === null && q.to !== null) p = q;
  }
  const first = years[0];
  const last = years.at(-1);
  if (p.to !== null) {
    const to = p.to;
    const start = [first, actYear ?? undefined].find((y): y is number => y !== undefined && y <= to);
    return { from: start ?? null, to };
  }
  if (first !== undefined && last !== undefined) return { from: first, to: last };
  return p;
}
