/**
 * What makes a linked activity differ from its reference activity: who is responsible and
 * when. Also the agreement score that breaks near-ties between reference activities whose
 * texts are almost the same (a regional plan often has a row for itself and the same row "на
 * муниципальном уровне" for the municipalities).
 */

/** The deadline facts stored in activities.deadline_* that two plans can be compared on. */
export interface DeadlineFacts {
  kind: string;
  years: readonly number[];
  months: readonly number[];
  recurrence: string | null;
  /** The year came from the section or the plan's period, not from the cell. */
  yearInferred: boolean;
}

const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
};

/** Same canonical actor codes (UNKNOWN included: an unrecognised party is still a party). */
export function sameActors(a: readonly string[], b: readonly string[]): boolean {
  return sameSet(a, b);
}

/**
 * Same kind, recurrence and months; years only when both cells wrote them. A year taken from
 * the plan's period says how long the plan runs, not when the activity is due, and two plans
 * of different periods would otherwise never agree on "ежегодно".
 */
export function sameDeadline(a: DeadlineFacts, b: DeadlineFacts): boolean {
  if (a.kind !== b.kind || a.recurrence !== b.recurrence || !sameSet(a.months, b.months)) return false;
  if (a.yearInferred || b.yearInferred) return true;
  return sameSet(a.years, b.years);
}

/** Jaccard overlap of two actor-code sets; 1 when both are empty. */
export function actorOverlap(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const x of sa) if (sb.has(x)) common += 1;
  return common / (sa.size + sb.size - common);
}

/**
 * How well two rows agree on who and when, 0..2: actor overlap plus 1 for the same deadline
 * (0.5 for the same kind of deadline at other months).
 */
export function agreement(a: { actors: readonly string[]; deadline: DeadlineFacts }, b: { actors: readonly string[]; deadline: DeadlineFacts }): number {
  const when = sameDeadline(a.deadline, b.deadline) ? 1 : a.deadline.kind === b.deadline.kind ? 0.5 : 0;
  return actorOverlap(a.actors, b.actors) + when;
}
