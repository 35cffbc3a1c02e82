import { agreement, type DeadlineFacts } from './changes.js';

export interface CounterpartOptions {
  /** Lowest text similarity at which a reference activity counts as the counterpart. */
  threshold: number;
}

export interface Structured {
  actors: readonly string[];
  deadline: DeadlineFacts;
}

export interface Choice {
  /** Index of the chosen reference activity, or null when none reaches the threshold. */
  index: number | null;
  /** Text similarity of the chosen one, or of the nearest when none was chosen. */
  score: number;
  /** Index of the most similar reference activity by text alone (null: nothing shared). */
  nearest: number | null;
}

/**
 * Reference activities that are near-copies of each other: for each index, the others whose
 * text similarity to it is at least `minSimilarity`. A regional plan writes a row for the
 * region and the same row "на муниципальном уровне" for the municipalities; text cannot tell
 * which of the two a municipal row copies.
 */
export function twinsOf(references: number, similarity: (i: number) => ArrayLike<number>, minSimilarity: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < references; i++) {
    const s = similarity(i);
    const twins: number[] = [];
    for (let j = 0; j < references; j++) if (j !== i && s[j]! >= minSimilarity) twins.push(j);
    out.push(twins);
  }
  return out;
}

/**
 * The reference activity an activity is the counterpart of. Text decides whether there is
 * one: the most similar reference activity, when it reaches the threshold. When that one has
 * twins (twinsOf) that reach the threshold too, the one agreeing best on who is responsible
 * and when is taken, then the more similar. One-to-many: several activities of a plan may
 * take the same reference activity (a municipality splits one regional step in two).
 */
export function chooseCounterpart(
  scores: ArrayLike<number>,
  query: Structured,
  references: readonly Structured[],
  twins: readonly (readonly number[])[],
  opts: CounterpartOptions,
): Choice {
  let nearest: number | null = null;
  let best = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! > best) {
      best = scores[i]!;
      nearest = i;
    }
  }
  if (nearest === null || best < opts.threshold) return { index: null, score: clamp01(best), nearest };
  let index = nearest;
  let bestAgreement = agreement(query, references[nearest]!);
  for (const i of twins[nearest] ?? []) {
    if (scores[i]! < opts.threshold) continue;
    const a = agreement(query, references[i]!);
    if (a > bestAgreement || (a === bestAgreement && scores[i]! > scores[index]!)) {
      index = i;
      bestAgreement = a;
    }
  }
  return { index, score: clamp01(scores[index]!), nearest };
}

// Cosines of unit vectors can exceed 1 by rounding; the stored score is checked to be 0..1.
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
