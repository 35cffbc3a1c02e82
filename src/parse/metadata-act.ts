import { createRequire } from 'node:module';
import type { Stemmer } from 'natural';
import { adjectiveToNominative, normalizeActDate } from '../normalize/places.js';
import { ACT_WORD, type Block, actCitation, bareNumberAfterDate, blockText, isRefLine } from './metadata-blocks.js';
import { capitalize, isAllCaps, recaseCaps } from './metadata-text.js';

/**
 * The act that approves the plan — its kind, number, date and issuer — read from the
 * approval stamp and the act's own header. The order body is never read for this: it
 * cites other acts ("утверждённой приказом … от 19.07.2021 № 286/01-08").
 */

const stemmer = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer_ru.js') as Stemmer;

export interface ActRef {
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
}

const EMPTY: ActRef = { type: null, number: null, date: null, issuer: null };

/** Lemma of an act word from its stem: "приказом" → "приказ", "постановлению" → "постановление". */
function actLemma(word: string): string | null {
  // OCR's digits for look-alike capitals: "ПРИКА3", "П0СТАНОВЛЕНИЕ".
  const w = word.toLowerCase().replace(/3/g, 'з').replace(/0/g, 'о');
  if (w.startsWith('приказ')) return 'приказ';
  if (w.startsWith('постановлени')) return 'постановление';
  if (w.startsWith('распоряжени')) return 'распоряжение';
  if (w.startsWith('решени')) return 'решение';
  if (w.startsWith('письм')) return 'письмо';
  // "указ", "указом", "к указу"; not "указанный".
  if (/^указ(?:ами|ам|ах|ом|ов|а|у|е|ы)?$/.test(w)) return 'указ';
  return null;
}

/** "№ 491/01-08" → "491/01-08", "№ под-1234/22"; blanks ("№ ____") give null. OCR may read "№" as "N"/"No". */
export function actNumber(text: string): string | null {
  const m = /(?:№|N[oо°]?)\s*((?:\d|[А-ЯЁа-яёA-Za-z]{1,5}[-/]?\d)[\dА-ЯЁа-яёA-Za-z/.\-]*)/.exec(text);
  if (!m) return null;
  const number = m[1]!.replace(/[.\-/]+$/, '');
  // A register's letters after a space belong to the number: "№ 546 П-А", "N 615-III ОД".
  // A short capitalised word that opens the title ("№ 305 ОБ УТВЕРЖДЕНИИ") does not.
  const suffix = /^\s([А-ЯЁ]{1,3}(?:-[А-ЯЁ]{1,3})?)(?=$|[\s,;)])/.exec(text.slice(m.index + m[0].length));
  return suffix && !NOT_A_SUFFIX.has(suffix[1]!) ? `${number} ${suffix[1]}` : number;
}

/** Prepositions and conjunctions typed in capitals after a number: the next words, not its register. */
const NOT_A_SUFFIX: ReadonlySet<string> = new Set(['О', 'ОБ', 'ОТ', 'В', 'ВО', 'ПО', 'НА', 'И', 'К', 'С', 'ЗА', 'ДО', 'ИЗ', 'У']);

/** The act's date, read past its number: "№ 01-21/1021 от 22.06.2021" is not the 1st of the 21st month. */
export function actDate(text: string): string | null {
  return normalizeActDate(text.replace(/(?:№|N[oо°]?)\s*\S+/g, ' '));
}

/** Heads of an issuing body, with gender so that adjectives before them can agree. */
const ORG_HEADS: ReadonlyArray<{ lemma: string; gender: 'm' | 'f' | 'n' }> = [
  { lemma: 'администрация', gender: 'f' },
  { lemma: 'управление', gender: 'n' },
  { lemma: 'министерство', gender: 'n' },
  { lemma: 'департамент', gender: 'm' },
  { lemma: 'комитет', gender: 'm' },
  { lemma: 'отдел', gender: 'm' },
  { lemma: 'правительство', gender: 'n' },
  { lemma: 'дума', gender: 'f' },
  { lemma: 'совет', gender: 'm' },
  { lemma: 'служба', gender: 'f' },
  { lemma: 'агентство', gender: 'n' },
  { lemma: 'учреждение', gender: 'n' },
  { lemma: 'организация', gender: 'f' },
  { lemma: 'мэрия', gender: 'f' },
  { lemma: 'школа', gender: 'f' },
  { lemma: 'гимназия', gender: 'f' },
  { lemma: 'лицей', gender: 'm' },
  { lemma: 'центр', gender: 'm' },
  { lemma: 'глава', gender: 'f' },
];
const ORG_HEAD_BY_STEM = new Map(ORG_HEADS.map((h) => [stemmer.stem(h.lemma), h]));

/** An official's title in the genitive before the body he heads: "приказ начальника управления …". */
const OFFICER = /^(?:(?:и\.\s?о\.|врио|исполняющ[а-яё]+\s+обязанности)\s+)?(?:начальника|директора|министра|руководителя|председателя|заведующ(?:его|ей)|ректора|заместителя(?:\s+[а-яё]+)?)\s+/i;

/** How many leading words may precede the head noun ("муниципального бюджетного общеобразовательного учреждения"). */
const MAX_WORDS_BEFORE_HEAD = 4;

/**
 * A body named in the genitive (after an act word or an official's title) → its name in
 * the nominative, sentence case: "начальника управления образования администрации
 * Лысьвенского городского округа" → "Управление образования администрации Лысьвенского
 * городского округа". Text with no known head noun (an abbreviation: "МБОУ СОШ № 1") is kept.
 */
export function issuerToNominative(genitive: string): string | null {
  const text = genitive.trim().replace(OFFICER, '').replace(/[\s,;:]+$/, '');
  if (!text) return null;
  const words = text.split(' ');
  const headIdx = words.slice(0, MAX_WORDS_BEFORE_HEAD + 1).findIndex((w) => ORG_HEAD_BY_STEM.has(stemmer.stem(w.toLowerCase())));
  if (headIdx >= 0) {
    const head = ORG_HEAD_BY_STEM.get(stemmer.stem(words[headIdx]!.toLowerCase()))!;
    for (let i = 0; i < headIdx; i++) words[i] = adjectiveToNominative(words[i]!, head.gender);
    words[headIdx] = head.lemma;
  }
  return capitalize(words.join(' '));
}

/**
 * The approval stamp: "УТВЕРЖДЕНА постановлением администрации … от 17.06.2021 №254-01-01-1003",
 * "Приложение № 2 к приказу Управления образования … №460 от «30» декабря 2021 г".
 * Only what follows the act word counts: "Приложение № 2" numbers the annex, not the act.
 */
export function actFromApproval(block: Block, dict: ReadonlyMap<string, string>): ActRef {
  const text = blockText(block);
  if (/^согласован/i.test(text)) return EMPTY;
  return actFromReference(text, dict);
}

/**
 * An act named in running text: its word, the issuer in the genitive, then its date and
 * number in either order — a stamp's "к приказу управления … от … № …", or a title line
 * citing the act ("Постановление Администрации … от 11 сентября 2018 г. N 206").
 */
function actFromReference(text: string, dict: ReadonlyMap<string, string>): ActRef {
  const act = ACT_WORD.exec(text);
  if (!act) return { ...EMPTY, issuer: signatoryOrg(text, dict) };
  const after = text.slice(act.index + act[0].length);
  // "… от 17.06.2021 №254": the number follows the date, so a "№" before it is the
  // issuer's own ("МБОУ СОШ № 5"); "… №460 от «30» декабря": the number precedes the date.
  const dateAt = after.search(/\sот(?=[\s«"_\d])/);
  const numberAfterDate = dateAt >= 0 && /№|N[oо]?\s*\d/.test(after.slice(dateAt));
  const numberAt = after.search(/[^\sА-ЯЁа-яё]*(?:№|N[oо]?\s*\d)/);
  const orgEnd = numberAfterDate ? dateAt : Math.min(...[dateAt, numberAt].filter((i) => i >= 0), after.length);
  const org = after.slice(0, orgEnd).trim();
  return {
    type: actLemma(act[0]),
    number: actNumber(numberAfterDate ? after.slice(dateAt) : after),
    date: actDate(after),
    issuer: org ? issuerToNominative(recaseIfCaps(org, dict)) : null,
  };
}

/** "УТВЕРЖДАЮ Директор МБОУ «СОШ № 5» ____ И.И. Иванова": the body its signatory heads. */
function signatoryOrg(text: string, dict: ReadonlyMap<string, string>): string | null {
  const m = /(?:директор|начальник|руководитель|заведующ[а-яё]+|председатель|глава)\s+(.+?)(?=\s*_{2,}|\s+(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ]|\s*«\s*[\d_]|\s*$)/i.exec(text);
  return m?.[1] ? capitalize(recaseIfCaps(m[1], dict)) : null;
}

const recaseIfCaps = (s: string, dict: ReadonlyMap<string, string>): string => (isAllCaps(s) ? recaseCaps(s, dict) : s);

/**
 * The issuer's name from its head noun on: lines above it name the country or the region
 * ("РОССИЙСКАЯ ФЕДЕРАЦИЯ / ПЕРМСКИЙ КРАЙ / АДМИНИСТРАЦИЯ …"). Adjectives agreeing with the
 * head stay ("Муниципальное бюджетное учреждение …").
 */
function fromHeadNoun(text: string): string {
  const sub = SUBDIVISION.exec(text);
  if (sub) return `${capitalize(sub[3]!)} администрации ${sub[2]}`;
  const words = text.split(' ');
  let head = words.findIndex((w) => ORG_HEAD_BY_STEM.has(stemmer.stem(w.replace(/^[«"]/, '').toLowerCase())));
  if (head <= 0) return text;
  while (head > 0 && /(?:ое|ый|ий|ой|ая|яя)$/i.test(words[head - 1]!)) head--;
  // "МКУ «Районное управление образования»": the legal form's abbreviation is the name's start.
  if (head > 0 && ORG_FORM.test(words[head - 1]!)) head--;
  return words.slice(head).join(' ');
}

/** Abbreviated legal forms of municipal bodies and schools. */
const ORG_FORM = /^(?:М|Г)[БКА]?(?:О?У|ОУ|УДО|ОБУ)$/;
/**
 * A letterhead that names the administration above its department: "Администрация
 * Тобольского муниципального района / Отдел образования" is the department "… администрации …".
 */
const SUBDIVISION = /^(администрация)\s+((?:[А-ЯЁ][а-яё-]+\s+)+(?:(?:городского|муниципального|сельского)\s+)?(?:района|округа|поселения)(?:\s+[А-ЯЁ][а-яё-]+\s+(?:области|края))?)\s+((?:отдел|управление|комитет|департамент)\s+[а-яё].*)$/i;

/**
 * The act's own header: "МИНИСТЕРСТВО … / ПРИКАЗ / 28.10.2021 № 491/01-08", or
 * "ПРИКАЗ / НАЧАЛЬНИКА УПРАВЛЕНИЯ …". `dict` is the document's own spelling, which
 * restores proper names in the capitals.
 */
export function actFromHeader(blocks: readonly Block[], dict: ReadonlyMap<string, string>): ActRef {
  const header = blocks.filter((b) => b.kind === 'header');
  const actIdx = header.findIndex((b) => b.role === 'act');
  const orgAt = (i: number) => header[i]?.role === 'org';
  // The issuer's name sits right above the act word (nominative) or right below it, or on
  // the act word's own line (genitive: "ПРИКАЗ НАЧАЛЬНИКА УПРАВЛЕНИЯ …").
  // Without an act word (a letter) the name stands above the registration line.
  const refIdx = header.findIndex((b) => b.role === 'ref');
  const anchor = actIdx >= 0 ? actIdx : refIdx >= 0 && orgAt(refIdx - 1) ? refIdx : header.length;
  const above: string[] = [];
  for (let i = anchor - 1; orgAt(i); i--) above.unshift(blockText(header[i]!));
  const below: string[] = [];
  // "Приказ № 54-ОД от 18.04.2022": the act's reference on the act word's own line.
  let refOnActLine = '';
  // "Постановление Администрации … района от 11 сентября 2018 г. N 206": the whole act cited in one line.
  const citation = actIdx >= 0 ? actCitation(blockText(header[actIdx]!)) : null;
  if (citation !== null) {
    const cited = actFromReference(citation, dict);
    const issuer = above.length ? issuerToNominative(fromHeadNoun(recaseIfCaps(above.join(' '), dict))) : cited.issuer;
    return { ...cited, issuer };
  }
  if (actIdx >= 0) {
    const rest = blockText(header[actIdx]!).replace(/^\S+\s*/, '');
    if (rest && isRefLine(rest)) refOnActLine = rest;
    else if (rest) below.push(rest);
    for (let i = actIdx + 1; orgAt(i); i++) below.push(blockText(header[i]!));
  }
  const issuer = above.length
    ? issuerToNominative(fromHeadNoun(recaseIfCaps(above.join(' '), dict)))
    : below.length ? issuerToNominative(recaseIfCaps(below.join(' '), dict)) : null;

  const refs = [refOnActLine, ...header.filter((b) => b.role === 'ref').map(blockText)].join(' ');
  // Without an act word the reference line may be anything's date ("«01» сентября 2022 г."),
  // unless it gives a number and a date under the issuer's name: a letter's registration.
  const known = actIdx >= 0 || (above.length > 0 && actNumber(refs) !== null && actDate(refs) !== null);
  return {
    type: actIdx >= 0 ? actLemma(blockText(header[actIdx]!).split(' ')[0]!) : null,
    number: known ? (actNumber(refs) ?? bareNumberAfterDate(refs)) : null,
    date: known ? actDate(refs) : null,
    issuer,
  };
}

/** The operative formula names the act's kind even when its header was lost. */
export function actTypeFromBody(blocks: readonly Block[]): string | null {
  for (const b of blocks) {
    if (b.kind !== 'body') continue;
    const t = blockText(b);
    if (/^ПРИКАЗЫВАЮ/.test(t)) return 'приказ';
    if (/^ПОСТАНОВЛЯ(Ю|ЕТ)/.test(t)) return 'постановление';
    if (/^РАСПОРЯЖАЮСЬ/.test(t)) return 'распоряжение';
    if (/^РЕШИЛ/.test(t)) return 'решение';
  }
  return null;
}

/**
 * The approving act: the stamp names the act that approves this plan, the header the act
 * the document is; when both are present and agree in kind they fill each other's gaps.
 */
export function approvingAct(blocks: readonly Block[], dict: ReadonlyMap<string, string>): ActRef {
  const stamps = blocks.filter((b) => b.kind === 'approval').map((b) => actFromApproval(b, dict));
  const stamp = stamps.find((a) => a.type !== null) ?? { ...EMPTY, issuer: stamps.find((a) => a.issuer !== null)?.issuer ?? null };
  const header = actFromHeader(blocks, dict);
  const agree = stamp.type === null || header.type === null || stamp.type === header.type;
  const pick = <K extends keyof ActRef>(k: K): ActRef[K] => stamp[k] ?? (agree ? header[k] : null);
  return {
    type: stamp.type ?? header.type ?? actTypeFromBody(blocks),
    number: pick('number'),
    date: pick('date'),
    // The header spells the issuer out in full; the stamp often shortens it ("приказом начальника управления").
    issuer: header.issuer ?? stamp.issuer,
  };
}
