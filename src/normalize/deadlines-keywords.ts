import type { Deadline, DeadlineKind } from '../model/normalized.js';
import { nearestWithin } from './text-tokens.js';

/*
 * Deadlines that are not (only) dates: "ежегодно", "в течение года", "по мере необходимости",
 * "по графику", "по итогам выявления". Patterns run on lower-cased text with ё folded and
 * dashes unified (normalizeDeadlineText).
 */

type Recurrence = Deadline['recurrence'];

/** The noun "четверть" (a school quarter) in any case form, not the ordinal "четвертый". */
const SCHOOL_QUARTER = String.raw`четверт(?:ь|и|ью|ей|ям|ями|ях)(?!\p{L})`;

interface KeywordRule {
  kind: Exclude<DeadlineKind, 'date' | 'range' | 'unknown'>;
  recurrence: Recurrence;
  re: RegExp;
}

/**
 * In priority order when one cell says several things: a cadence is the most informative
 * ("ежегодно по итогам года" recurs), then a trigger, a need, a schedule, and "в течение" last
 * since it mostly frames the others ("в течение года по графику").
 */
const RULES: readonly KeywordRule[] = [
  { kind: 'recurring', recurrence: 'annual', re: /ежегод|кажд\S*\s+(учебн\S*\s+)?год|раз\s+в\s+(учебн\S*\s+)?год|(?<!\p{L})по\s+годам/u },
  { kind: 'recurring', recurrence: 'quarterly', re: /ежекварт|кажд\S*\s+квартал|раз\s+в\s+квартал|поквартальн|(?<!\p{L})по\s+кварталам/u },
  // A school quarter (четверть) comes round four times a year, like a calendar quarter: "1 раз в
  // четверть", "в конце каждой четверти", "по итогам четверти" (the noun, not "четвертый").
  { kind: 'recurring', recurrence: 'quarterly', re: new RegExp(`ежечетвертн|(?:кажд\\S*|раз\\s+в|(?<!\\p{L})по|итогам|конце|окончании)\\s+(?:учебн\\S*\\s+)?${SCHOOL_QUARTER}`, 'u') },
  { kind: 'recurring', recurrence: 'monthly', re: /ежемесячн|кажд\S*\s+месяц|раз\s+в\s+месяц|помесячн/u },
  { kind: 'recurring', recurrence: 'weekly', re: /еженедельн|кажд\S*\s+недел|раз\s+в\s+недел/u },
  // Half-years and school trimesters (three a year) have cadences of their own (migration 11).
  { kind: 'recurring', recurrence: 'semiannual', re: /раз\s+в\s+полугоди|кажд\S*\s+полугоди|(?<!\p{L})полугодов|ежеполугод|(?<!\p{L})по\s+полугодиям/u },
  { kind: 'recurring', recurrence: 'trimester', re: /ежетриместр|кажд\S*\s+(?:учебн\S*\s+)?триместр|раз\s+в\s+триместр|(?<!\p{L})по\s+триместрам|(?:итогам|конце|окончании)\s+(?:учебн\S*\s+)?триместр/u },
  { kind: 'recurring', recurrence: null, re: /регулярн|периодическ|\d+\s+раз\S*\s+в/u },
  { kind: 'event', recurrence: null, re: /по\s+итогам|по\s+результатам|(?<!\p{L})после(?!\p{L})|по\s+окончани|по\s+завершени|в\s+случае|при\s+выявлени|по\s+факту|с\s+момента|по\s+мере\s+(выявлени|поступлени|готовност)/u },
  { kind: 'as_needed', recurrence: null, re: /по\s+мере|при\s+необходимост|по\s+необходимост|по\s+запрос|при\s+наличи|по\s+требовани|по\s+обращени|по\s+потребност/u },
  { kind: 'schedule', recurrence: null, re: /график|расписани|в\s+соответствии|согласно|по\s+плану|по\s+отдельному|по\s+согласовани|установленн\S*\s+срок|в\s+сроки|сроки\s+проведени|плана?\s+работ/u },
  { kind: 'continuous', recurrence: null, re: /в\s+течени|постоянн|систематическ|весь\s+период|всего\s+периода|на\s+протяжении|(?<!\p{L})в\s+период|ежедневн|круглогодичн|бессрочн|на\s+постоянной/u },
];

/** Surface forms that OCR damages beyond the patterns' reach ("ежеголно", "постояино"). */
const REPAIRABLE_WORDS = [
  'ежегодно', 'ежеквартально', 'ежемесячно', 'еженедельно', 'постоянно', 'необходимости', 'графику',
  'графиком', 'течение', 'итогам', 'результатам', 'соответствии', 'систематически', 'согласованию',
];
/** One slip per five letters, as for the actor vocabulary. */
const REPAIR_RATIO = 0.2;
const MIN_REPAIR_LENGTH = 6;

/** Replaces words that are one OCR slip away from a keyword by the keyword. */
export function repairKeywords(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => {
    if (w.length < MIN_REPAIR_LENGTH || REPAIRABLE_WORDS.includes(w)) return w;
    return nearestWithin(w, REPAIRABLE_WORDS, REPAIR_RATIO) ?? w;
  });
}

export interface KeywordHit {
  kind: KeywordRule['kind'];
  recurrence: Recurrence;
}

export function findKeyword(text: string): KeywordHit | undefined {
  const rule = RULES.find((r) => r.re.test(text));
  return rule ? { kind: rule.kind, recurrence: rule.recurrence } : undefined;
}
