import { createRequire } from 'node:module';
import type { Stemmer } from 'natural';
import { adjectiveToNominative, normalizeActDate } from '../normalize/places.js';
import { ACT_WORD, type Block, blockText } from './metadata-blocks.js';
import { capitalize, caseDictionary, isAllCaps, recaseCaps } from './metadata-text.js';

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
  const w = word.toLowerCase();
  if (w.startsWith('приказ')) return 'приказ';
  if (w.startsWith('постановлени')) return 'постановление';
  if (w.startsWith('распоряжени')) return 'распоряжение';
  if (w.startsWith('решени')) return 'решение';
  return null;
}

/** "№ 491/01-08" → "491/01-08"; blanks ("№ ____") give null. OCR may read "№" as "N"/"No". */
export function actNumber(text: string): string | null {
  const m = /(?:№|N[oо°]?)\s*(\d[\dА-ЯЁа-яёA-Za-z/.\-]*)/.exec(text);
  return m ? m[1]!.replace(/[.\-/]+$/, '') : null;
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
export function actFromApproval(block: Block): ActRef {
  const text = blockText(block);
  if (/^согласован/i.test(text)) return EMPTY;
  const act = ACT_WORD.exec(text);
  if (!act) return EMPTY;
  const after = text.slice(act.index + act[0].length);
  // The issuer runs from the act word to "от <date>" or "№".
  const orgEnd = after.search(/(?:^|\s)от(?=[\s«"_\d])|[^\sА-ЯЁа-яё]*(?:№|N[oо]?\s*\d)/);
  const org = (orgEnd >= 0 ? after.slice(0, orgEnd) : after).trim();
  return {
    type: actLemma(act[0]),
    number: actNumber(after),
    date: normalizeActDate(after),
    issuer: org ? issuerToNominative(recaseIfCaps(org, [])) : null,
  };
}

const recaseIfCaps = (s: string, context: readonly string[]): string => (isAllCaps(s) ? recaseCaps(s, caseDictionary(context)) : s);

/** A line that names the country or only the region, above the issuer: not the issuer. */
const ABOVE_ISSUER = /^(российская\s+федерация|россия)$/i;

/**
 * The act's own header: "МИНИСТЕРСТВО … / ПРИКАЗ / 28.10.2021 № 491/01-08", or
 * "ПРИКАЗ / НАЧАЛЬНИКА УПРАВЛЕНИЯ …". `context` is the document's mixed-case text, whose
 * spelling restores proper names in the capitals.
 */
export function actFromHeader(blocks: readonly Block[], context: readonly string[], isRegionOnly: (s: string) => boolean): ActRef {
  const header = blocks.filter((b) => b.kind === 'header');
  const actIdx = header.findIndex((b) => b.role === 'act');
  if (actIdx < 0 && !header.some((b) => b.role === 'org')) return EMPTY;
  const actBlock = actIdx >= 0 ? header[actIdx]! : undefined;
  const actText = actBlock ? blockText(actBlock) : '';
  const dict = caseDictionary(context);
  const recase = (s: string) => (isAllCaps(s) ? recaseCaps(s, dict) : s);

  const isIssuerLine = (b: Block) => b.role === 'org' && !ABOVE_ISSUER.test(blockText(b)) && !isRegionOnly(recase(blockText(b)));
  // The issuer's name sits right above the act word (nominative) or right below it (genitive).
  let issuer: string | null = null;
  const before: string[] = [];
  for (let i = (actIdx >= 0 ? actIdx : header.length) - 1; i >= 0 && isIssuerLine(header[i]!); i--) before.unshift(blockText(header[i]!));
  const rest = actText.replace(/^\S+\s*/, '');
  const after: string[] = rest ? [rest] : [];
  for (let i = actIdx + 1; actIdx >= 0 && i < header.length && isIssuerLine(header[i]!); i++) after.push(blockText(header[i]!));
  if (before.length) issuer = issuerToNominative(recase(before.join(' ')));
  else if (after.length) issuer = issuerToNominative(recase(after.join(' ')));

  const refs = header.filter((b) => b.role === 'ref').map(blockText).join(' ');
  return {
    type: actBlock ? actLemma(actText.split(' ')[0]!) : null,
    number: actNumber(refs),
    date: normalizeActDate(refs),
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
export function approvingAct(blocks: readonly Block[], context: readonly string[], isRegionOnly: (s: string) => boolean): ActRef {
  const stamp = blocks.filter((b) => b.kind === 'approval').map(actFromApproval).find((a) => a.type !== null) ?? EMPTY;
  const header = actFromHeader(blocks, context, isRegionOnly);
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
