import type { MetaLine } from './grid.js';
import { cleanLineText, isAllCaps, joinLines, startsLowercase, startsUppercase } from './metadata-text.js';
import { TUNING } from '../settings.js';
import { normalizeActDate } from '../normalize/places.js';

/**
 * The text before a plan table, cut into the parts of an act: the header (issuer, act type,
 * date and number, subject), the order body, the signature, the approval stamp
 * ("УТВЕРЖДЕНА приказом … от … № …") and the plan's title. Lines arrive either as visual
 * lines (PDF, OCR: paragraphs broken) or as whole paragraphs (DOCX); the same rules serve
 * both, since a paragraph is simply a line that never needs joining.
 */

const D = TUNING.parse.metadataBlocks;

export type BlockKind = 'header' | 'approval' | 'title' | 'subtitle' | 'body' | 'signature';
/** What a header block holds: the issuer's name, the act's kind, its date/number, its subject. */
export type HeaderRole = 'org' | 'act' | 'ref' | 'place' | 'subject';

export interface Block {
  kind: BlockKind;
  role?: HeaderRole;
  lines: MetaLine[];
}

export const blockText = (b: Block): string => joinLines(b.lines.map((l) => l.text));

/** "(утв. постановлением … от … N …)": legal databases print the stamp in brackets, abbreviated. */
const APPROVAL_START = /^(?:\(\s*)?(?:утвержд[её]н[аоы]?|утв\.|утверждаю|приложение|согласован[аоы]?)(?![а-яё])/i;
/**
 * Act words in any case form: the header's "ПРИКАЗ", the stamp's "приказом"/"к приказу",
 * "к указу". "Указ" takes its case endings only: "указанный" is not an act.
 */
export const ACT_WORD = /(?<![а-яё])(?:(?:приказ|постановлени|распоряжени|решени|письм)[а-яё]*|указ(?:ами|ам|ах|ом|ов|а|у|е|ы)?(?![а-яё]))/i;
// OCR reads З as 3 and О as 0 in capitals.
const ACT_LINE = /^(ПРИКА[З3]|П[О0]СТАН[О0]ВЛЕНИЕ|РАСП[О0]РЯЖЕНИЕ|РЕШЕНИЕ|УКА[З3])(?![А-ЯЁа-яё])|^(Приказ|Постановление|Распоряжение|Решение|Указ)(?:$|\s+(?=(?:№|N[oо]?|от)\s*[\d«"_]))|^(приказ|постановление|распоряжение|решение|указ)$/;
/**
 * The act word with its issuer in the genitive, its date and number on the next line:
 * "Постановление Правительства Вологодской области" / "от 4 октября 2010 г. N 1144".
 */
const ACT_WITH_ISSUER = /^(?:Приказ|Постановление|Распоряжение|Решение|Указ)\s+[А-ЯЁ][а-яё]+(?:\s+[^\s.;:!?]+){0,14}$/;
/** The pieces of a reference set on lines of their own: "от" / "26 августа 2015 года" / "474-пП". */
const REF_PIECE = /^(?:от|№|N)$/i;
const BARE_NUMBER = /^\d+(?:[-/][\dА-ЯЁа-яёA-Za-z]+)*[А-ЯЁа-яё]{0,3}$/;
/**
 * The issuer in the genitive on the lines under the act word: "ПОСТАНОВЛЕНИЕ" / "Правительства
 * Республики Хакасия", "Постановление" / "Кабинета Министров" / "Республики Татарстан".
 */
const ORG_GENITIVE_START = /^(?:администрации|управления|министерства|департамента|комитета|отдела|правительства|кабинета|главы|губернатора|мэра|мэрии|думы|совета|собрания|республики)(?![а-яё])/i;

/** An act's date: "11 сентября 2018 г.", "«30» декабря 2021 года", "23.05.2019". */
const CITED_DATE = String.raw`(?:«?\d{1,2}»?\s+[а-яё]+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})(?:\s*(?:г\.?|года))?`;
/** An act's number: "№ 491/01-08", "N 206", "№1057-П". */
const CITED_NUMBER = String.raw`(?:№|N[oо°]?(?=\s*\d))\s*\S*\d\S*`;
/**
 * An act cited in one line, the way legal databases title the document: its kind, its issuer
 * in the genitive, its date and number in either order, and nothing after them but the act's
 * subject in quotes. "Постановление Администрации Тугуро-Чумиканского муниципального района
 * от 11 сентября 2018 г. N 206", "Указ Главы Республики Саха (Якутия) от 16.12.2019 № 900",
 * "Приказ министерства образования … № 5976 от 13 ноября 2015 г. «Об утверждении …»".
 */
const ACT_CITATION = new RegExp(
  String.raw`^(?:приказ|постановление|распоряжение|решение|указ)\s+(?!от\s)[^\s№]\S*(?:\s+(?!от\s)[^\s№]\S*){0,19}?` +
    String.raw`\s+(?:от\s+${CITED_DATE}\s*${CITED_NUMBER}|${CITED_NUMBER}\s+от\s+${CITED_DATE})(?=\s*$|\s*[«"“„(]|\s+Об?\s)`,
  'i',
);

/** The act's kind, issuer, date and number of a one-line citation, without the subject after them; else null. */
export function actCitation(t: string): string | null {
  return ACT_CITATION.exec(t)?.[0] ?? null;
}
/** The operative formula that opens the order's dispositions. */
const BODY_MARKER = /^(ПРИКАЗЫВАЮ|ПОСТАНОВЛЯЮ|ПОСТАНОВЛЯЕТ|РАСПОРЯЖАЮСЬ|РЕШИЛ|РЕШИЛА|ОБЯЗЫВАЮ)/;
/** "План мероприятий …", "Комплексный план …", "Дорожная карта …", in any case. */
const PLAN_TITLE = /^[«"(]*\s*(?:[А-ЯЁа-яё]+(?:ый|ий|ой|ЫЙ|ИЙ|ОЙ)\s+){0,2}(?:план|дорожн[а-яё]*\s+карт[а-яё]*)(?![а-яё])/i;
/** A title that is only the genre, not yet what the plan is about. */
const GENERIC_TITLE = /^[«"(]*\s*(?:план(?:\s+мероприятий)?|дорожная\s+карта)[»")]*\s*(?:\(?\s*[«"]?\s*(?:дорожная\s+карта|план\s+мероприятий)\s*[»"]?\s*\)?)?\s*$/i;
/** "Об утверждении …", "О плане …": the subject line of an act. */
const SUBJECT = /^Об?\s+[а-яё]/;
/**
 * "1.", "2.1.", "3)", "а)", "- ", "• ": a list item always starts a paragraph. OCR misreads
 * numbers ("о. Рекомендовать", "Г)Организовать"): a digit look-alike and a full stop, or any
 * one or two characters and a bracket, before a capitalised word count too. A capital and a
 * full stop does not: that is an initial ("И. Петрову").
 */
const NUMBERED = /^(?:\d{1,2}(?:\.\d{1,2})*[.)]\s*(?=[А-ЯЁа-яёA-Za-z«"])|[а-я]\)\s|[-–—•·]\s|(?:[зоЗOol|б]{1,2}\.\s+|[^\s\d]{1,2}\)\s*)(?=[А-ЯЁ][а-яё]))/;
/** Titles of signatories, nominative, at the start of a short line. */
const SIGNATORY = /^(?:врио\s+|и\.\s?о\.\s+|исполняющ[а-яё]+\s+обязанности\s+)?(?:министр|заместитель|начальник|глава|директор|председатель|руководитель|заведующ[а-яё]+|ректор)(?![а-яё])/i;
/** A person's name with initials: "Р.А. Кассина", "Кассина Р.А.", "Л.Е.Степанова". */
const PERSON = /(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s*$|[А-ЯЁ][а-яё]+\s+(?:[А-ЯЁ]\.\s?){1,2}$/;
const EXECUTOR = /^(?:исп\.|исполнитель(?![а-яё]))/i;
/** Words that cannot end a title line: the phrase goes on on the next line. */
const DANGLING = /(?:^|\s)(?:в|во|на|по|о|об|от|до|для|с|со|к|при|из|за|и|или|а|но|территории)$/i;
/** Words a reference line may hold besides the date, the number and the place. */
const REF_WORDS = /^(?:от|г|года?|№|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)$/i;
/** "г. Лысьва", "г. Улан-Удэ", "г. Ростов-на-Дону": the place of signing. */
const PLACE = /^(?:г\.|город|с\.|село|п\.|пос\.|посёлок|поселок|ст\.|станица)\s*[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*$/;

const endsSentence = (s: string): boolean => /[.!?;:]$/.test(s);
const startsBlockHard = (t: string): boolean => APPROVAL_START.test(t) || NUMBERED.test(t) || BODY_MARKER.test(t) || isSignatureStart(t);

export function isSignatureStart(t: string): boolean {
  if (EXECUTOR.test(t)) return true;
  if (!SIGNATORY.test(t) || t.length > 90) return false;
  // "Начальник управления" alone, or with the name on the same line; never a sentence.
  return PERSON.test(t) || !endsSentence(t);
}

/**
 * "28.10.2021 № 491/01-08", "от «30» декабря 2021 г. г. Лысьва № 5", "____ № ____", and a
 * number on a line of its own, "№" or the Latin "N" that typeset and OCR'd acts use: "N 522-пр".
 */
export function isRefLine(t: string): boolean {
  if (t.length > 80 || !(/\d{4}|№|_{3,}|(?<![A-Za-z])N[oо°]?\s*\d/.test(t))) return false;
  const words = t.match(/[А-ЯЁа-яё]+/g) ?? [];
  // At most a place name ("г. Лысьва") besides the reference's own words.
  return words.filter((w) => !REF_WORDS.test(w)).length <= 2;
}

/** A territory printed alone above the issuer: "Поронайский городской округ", "Кирово-Чепецкий район". */
const TERRITORY_LINE = /^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*(?:ий|ый|ой)\s+(?:(?:городской|муниципальный)\s+)?(?:округ|район)$/;

/** A region's type word in the genitive opening a wrapped issuer line: "Республики Татарстан". */
const REGION_GENITIVE = /^(?:Республики|области|края|автономного\s+округа)(?![а-яё])/;
const GENITIVE_NAME = /^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?:ого|его|ой|ей)(?:\s|$)/;

/** A heading in sentence case that opens with an issuing body: "Администрация … округа". */
const ORG_START = /^(?:администрация|управление|министерство|департамент|комитет|отдел|правительство|муниципальное|государственное)(?![а-яё])/i;

/** OCR debris from stamps, borders and shading: only one- and two-letter scraps ("ы ый т"). */
function isNoise(t: string): boolean {
  const tokens = t.split(' ');
  return tokens.length >= 2 && !/\d|№/.test(t) && tokens.every((w) => w.replace(/[^А-ЯЁа-яёA-Za-z]/g, '').length <= 2);
}

interface Context {
  fullLine: number;
  paragraphs: boolean;
}

/** Width of a full visual line, from the lines themselves. */
function measure(lines: readonly MetaLine[]): Context {
  const lengths = lines.map((l) => l.text.length).filter((n) => n > 0);
  const paragraphs = lengths.some((n) => n > D.maxVisualLineChars);
  const sorted = [...lengths].sort((a, b) => a - b);
  const fullLine = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * D.fullLineQuantile))] ?? 0;
  return { fullLine, paragraphs };
}

/** True when `prev` ran to the right margin, so a capitalised next line may still continue it. */
function runsToMargin(prev: MetaLine, ctx: Context): boolean {
  return !ctx.paragraphs && prev.text.length >= D.fullLineShare * ctx.fullLine && !endsSentence(prev.text);
}

function headerRole(t: string): HeaderRole | undefined {
  if (ACT_LINE.test(t) || actCitation(t) !== null || ACT_WITH_ISSUER.test(t)) return 'act';
  if (SUBJECT.test(t)) return 'subject';
  if (isRefLine(t) || REF_PIECE.test(t)) return 'ref';
  if (PLACE.test(t)) return 'place';
  if (isAllCaps(t) || TERRITORY_LINE.test(t)) return 'org';
  if ((ORG_START.test(t) || ORG_GENITIVE_START.test(t)) && t.length <= 150 && !endsSentence(t)) return 'org';
  return undefined;
}

/** Whether a reference still lacks its date or its number. */
function refIncomplete(t: string): boolean {
  const hasDate = normalizeActDate(t) !== null;
  const hasNumber = /№|N[oо°]?\s*\d/.test(t) || bareNumberAfterDate(t) !== null;
  return !(hasDate && hasNumber);
}

/** "от 26 августа 2015 года 474-пП": a number printed without "№" right after the date. */
export function bareNumberAfterDate(t: string): string | null {
  const m = /(?:\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})\s*(?:г\.?|года)?\s+(\d+(?:[-/][\dА-ЯЁа-яёA-Za-z]+)*[А-ЯЁа-яё]{0,3})(?=\s|$)/.exec(t);
  return m ? m[1]! : null;
}

function continues(cur: Block, line: MetaLine, ctx: Context): boolean {
  const t = line.text;
  const prev = cur.lines.at(-1)!;
  switch (cur.kind) {
    case 'approval':
      if (closesApproval(cur) || cur.lines.length >= D.maxApprovalLines) return false;
      if (PLAN_TITLE.test(t) || (line.centered && !cur.lines[0]!.centered)) return false;
      return !APPROVAL_START.test(t) && !NUMBERED.test(t) && !BODY_MARKER.test(t) && t.length <= D.maxApprovalLineChars;
    case 'title':
    case 'subtitle': {
      if (cur.lines.length >= D.maxTitleLines || startsBlockHard(t)) return false;
      if (GENERIC_TITLE.test(joinLines(cur.lines.map((l) => l.text)))) return true;
      if (!startsUppercase(t)) return true;
      const first = cur.lines[0]!;
      if ((first.bold && line.bold) || (first.centered && line.centered)) return true;
      if (isAllCaps(first.text) && isAllCaps(t)) return true;
      return DANGLING.test(prev.text) || runsToMargin(prev, ctx);
    }
    case 'header':
      if (cur.role === 'subject') return !startsBlockHard(t) && (startsLowercase(t) || (prev.centered && line.centered && !isAllCaps(t)));
      if (cur.role === 'org') return orgContinues(prev.text, t);
      // The act word and its issuer on one line, the reference on the next: one citation.
      if (cur.role === 'act' && ACT_WITH_ISSUER.test(blockText(cur)) && isRefLine(t)) return actCitation(`${blockText(cur)} ${t}`) !== null;
      if (cur.role === 'ref') return !ACT_LINE.test(t) && refIncomplete(blockText(cur)) && (isRefLine(t) || REF_PIECE.test(t) || BARE_NUMBER.test(t));
      return false;
    case 'signature':
      return cur.lines.length < 3 && (PERSON.test(t) || EXECUTOR.test(t)) && t.length <= 60;
    case 'body':
      return bodyContinues(prev, line, ctx);
  }
}

/**
 * An issuer's name may wrap: in capitals onto another line of capitals ("… ЛЫСЬВЕНСКОГО" /
 * "ГОРОДСКОГО ОКРУГА"), in sentence case onto a lowercase word or a name in the genitive
 * ("Администрация Верещагинского городского округа" / "Пермского края").
 */
function orgContinues(prev: string, t: string): boolean {
  if (ACT_LINE.test(t) || BODY_MARKER.test(t) || isRefLine(t) || APPROVAL_START.test(t) || PLAN_TITLE.test(t)) return false;
  if (isAllCaps(prev)) return isAllCaps(t);
  return startsLowercase(t) || GENITIVE_NAME.test(t) || REGION_GENITIVE.test(t) || /^[«"][А-ЯЁ]/.test(t);
}

/** Whether a visual line carries on the paragraph above it. */
function bodyContinues(prev: MetaLine, line: MetaLine, ctx: Context): boolean {
  const t = line.text;
  // A wrapped line may begin with "План" or "Директор": only a line after a finished one starts anew.
  const open = runsToMargin(prev, ctx);
  if (APPROVAL_START.test(t) || NUMBERED.test(t) || BODY_MARKER.test(t)) return false;
  if (!open && (PLAN_TITLE.test(t) || isSignatureStart(t))) return false;
  if (isAllCaps(t) || isAllCaps(prev.text)) return false;
  if (/[;:]$/.test(prev.text)) return false;
  // Renderers flag centring and bold unreliably line by line; a lowercase start is surer.
  if (startsLowercase(t)) return true;
  if (prev.bold !== line.bold || prev.centered !== line.centered) return false;
  // "… от 19 апреля 2021 г." + "№ 26-01-06-394,": a full stop before a number is an abbreviation's.
  if (!startsUppercase(t)) return !/[!?]$/.test(prev.text);
  return open;
}

/**
 * An approval stamp ends with the act's reference: its number and its date (or the blanks
 * for them) after the act word. "к приказу директора МБОУ СОШ № 3" is not the end yet.
 */
function closesApproval(block: Block): boolean {
  const text = block.lines.map((l) => l.text).join(' ');
  const act = ACT_WORD.exec(text);
  if (act) {
    const after = text.slice(act.index);
    return /№/.test(after) && /(?:^|\s)от(?=[\s«"_\d])|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}\s*г/.test(after);
  }
  // "УТВЕРЖДАЮ … «__» ______ 2021 г.": a stamp without an act ends at its date.
  return block.lines.length > 1 && /\d{4}/.test(block.lines.at(-1)!.text);
}

/**
 * The two columns of a line: a tab between them (DOCX table cells or tab stops, wide gaps
 * of a PDF line); a leading tab puts the text in the right column alone.
 */
function columnsOf(text: string): [string, string] | null {
  const m = /^([^\t]*?)[ \u00a0]*\t[\t \u00a0]*(.*?)\s*$/.exec(text);
  if (!m) return null;
  return [m[1]!.trim(), m[2]!.replace(/\s*\t[\t ]*/g, ' ').trim()];
}

/** A reference's number alone: "№ 414", "N 522-пр", "№1057-П". */
const NUMBER_ONLY = /^(?:№|N[oо°]?(?=\s*\d))\s*\S+(?:\s+[А-ЯЁ]{1,3})?$/;

/**
 * One reference line set across a tab stop: its date on one side, its number on the other
 * ("от 18 августа 2017 г. ⇥ № 414", "02.11.2020 ⇥ №1057-П", "№ 31 ⇥ от 04.02.2022"). That is a
 * line with a gap, not a row of two columns, even when letterhead columns stand above it.
 */
export function isSplitReference(text: string): boolean {
  const cols = columnsOf(text);
  if (!cols || !cols[0] || !cols[1]) return false;
  const dateOnly = (t: string) => isRefLine(t) && /\d{4}/.test(t) && !/№|N[oо°]?\s*\d/.test(t);
  const numberOnly = (t: string) => NUMBER_ONLY.test(t);
  return (dateOnly(cols[0]) && numberOnly(cols[1])) || (numberOnly(cols[0]) && dateOnly(cols[1]));
}

/** A tabbed line read as a row of two columns. */
const isColumnRow = (text: string): boolean => columnsOf(text) !== null && !isSplitReference(text);

/** Untabbed lines a run of columns may hold (the left column alone) before it ends. */
const MAX_GAP_IN_COLUMNS = 2;
/** Untabbed lines after the run that still carry the left column on ("Лысьвенского городского округа"). */
const MAX_LEFT_TAIL = 3;

/**
 * A two-column header (the issuer's letterhead beside the approval stamp, a letter's
 * registration beside its addressee) set side by side: each column is read as its own
 * run of lines, the stamp's column last. A lone tabbed line ("от 15.03.2021 ⇥ № 316",
 * "Глава ⇥ А.Н. Дёмкин") is one line with a gap, not two columns.
 */
export function unfoldColumns(lines: readonly MetaLine[]): MetaLine[] {
  const out: MetaLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isColumnRow(lines[i]!.text)) {
      out.push(isSplitReference(lines[i]!.text) ? { ...lines[i]!, text: lines[i]!.text.replace(/\t+/g, ' ') } : lines[i]!);
      i++;
      continue;
    }
    let last = i;
    for (let j = i + 1; j < lines.length && j - last <= MAX_GAP_IN_COLUMNS + 1; j++) if (columnsOf(lines[j]!.text)) last = j;
    const left: MetaLine[] = [];
    const right: MetaLine[] = [];
    const refs: MetaLine[] = [];
    let tabbed = 0;
    for (let j = i; j <= last; j++) {
      const l = lines[j]!;
      const cols = columnsOf(l.text);
      if (!cols) {
        left.push(l);
        continue;
      }
      if (isSplitReference(l.text)) {
        refs.push({ ...l, text: l.text.replace(/\t+/g, ' ') });
        continue;
      }
      tabbed++;
      if (cols[0]) left.push({ ...l, text: cols[0], centered: false });
      if (cols[1]) right.push({ ...l, text: cols[1], centered: false });
    }
    if (tabbed < 2 || right.length < 2) {
      for (let j = i; j <= last; j++) out.push({ ...lines[j]!, text: lines[j]!.text.replace(/\t+/g, ' ') });
      i = last + 1;
      continue;
    }
    // A reference set across both columns is the act's: it goes whole under the act word.
    const hasAct = (col: MetaLine[]) => col.some((l) => ACT_LINE.test(cleanLineText(l.text)));
    (hasAct(right) && !hasAct(left) ? right : left).push(...refs);
    i = last + 1;
    // The left column may run on below the right one.
    for (let k = 0; k < MAX_LEFT_TAIL && i < lines.length; k++, i++) {
      const t = cleanLineText(lines[i]!.text);
      if (!t || columnsOf(lines[i]!.text) || PLAN_TITLE.test(t) || startsBlockHard(t) || ACT_LINE.test(t) || SUBJECT.test(t) || isRefLine(t) || PLACE.test(t)) break;
      if (!(isAllCaps(t) ? isAllCaps(left.at(-1)?.text ?? '') : startsLowercase(t) || GENITIVE_NAME.test(t))) break;
      left.push(lines[i]!);
    }
    const stampFirst = APPROVAL_START.test(cleanLineText(left[0]?.text ?? '')) && !APPROVAL_START.test(cleanLineText(right[0]!.text));
    out.push(...(stampFirst ? [...right, ...left] : [...left, ...right]));
  }
  return out;
}

/** Cuts cleaned lines into blocks. */
export function segmentBlocks(input: readonly MetaLine[]): Block[] {
  const lines = unfoldColumns(input).map((l) => ({ ...l, text: cleanLineText(l.text) })).filter((l) => l.text !== '' && !isNoise(l.text));
  const ctx = measure(lines);
  const blocks: Block[] = [];
  let cur: Block | undefined;
  let seenBody = false;
  let seenTitle = false;
  for (const line of lines) {
    if (cur && continues(cur, line, ctx)) {
      cur.lines.push(line);
      continue;
    }
    cur = startBlock(line, { seenBody, seenTitle });
    blocks.push(cur);
    if (cur.kind === 'body') seenBody = true;
    if (cur.kind === 'title') seenTitle = true;
  }
  return blocks;
}

function startBlock(line: MetaLine, seen: { seenBody: boolean; seenTitle: boolean }): Block {
  const t = line.text;
  const lines = [line];
  if (APPROVAL_START.test(t)) return { kind: 'approval', lines };
  if (PLAN_TITLE.test(t)) return { kind: seen.seenTitle ? 'subtitle' : 'title', lines };
  // Above the order's body a line in capitals is the letterhead ("ГЛАВА … РАЙОНА",
  // "ИСПОЛНИТЕЛЬНЫЙ КОМИТЕТ …"), not a signature: that carries a name.
  if (!seen.seenBody && !seen.seenTitle && isAllCaps(t) && !PERSON.test(t)) {
    const role = headerRole(t);
    if (role) return { kind: 'header', role, lines };
  }
  if (isSignatureStart(t)) return { kind: 'signature', lines };
  if (BODY_MARKER.test(t) || NUMBERED.test(t)) return { kind: 'body', lines };
  if (!seen.seenBody && !seen.seenTitle) {
    const role = headerRole(t);
    if (role) return { kind: 'header', role, lines };
  }
  return { kind: 'body', lines };
}
