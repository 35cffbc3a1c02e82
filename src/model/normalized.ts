import { z } from 'zod';
import { ActivityRow, DocumentMeta, ParsedDocument } from './plan.js';

/** One responsible party of an activity, mapped to the canonical vocabulary. */
export const Actor = z.object({
  /** Canonical code (МОУО, ИРО, ОО …) or UNKNOWN. */
  code: z.string(),
  /** The words of the cell that named it. */
  raw: z.string(),
});
export type Actor = z.infer<typeof Actor>;

export const DeadlineKind = z.enum([
  'date', // a month or day within a year: "Август 2021"
  'range', // "сентябрь-октябрь 2021", "2021-2024"
  'recurring', // "ежегодно", "ежеквартально", "Ноябрь, январь, март"
  'continuous', // "в течение года", "постоянно"
  'as_needed', // "по мере необходимости"
  'schedule', // "по графику", "в соответствии с планом"
  'event', // "по итогам выявления", "после ..."
  'unknown',
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

/** A deadline cell with what can be known of it; `raw` is always kept. */
export const Deadline = z.object({
  raw: z.string(),
  kind: DeadlineKind,
  /** Years named or inferred (from the section or the plan's period). */
  years: z.array(z.number().int()),
  /** Months 1..12 named, in order. */
  months: z.array(z.number().int().min(1).max(12)),
  /** ISO date where the deadline starts / ends, when it can be known. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /**
   * How often a recurring deadline comes round: 'semiannual' each half-year, 'trimester' each
   * school trimester (three a year); a school quarter (четверть) is 'quarterly', four a year
   * like a calendar quarter (migration 11 explains the choice).
   */
  recurrence: z.enum(['annual', 'semiannual', 'trimester', 'quarterly', 'monthly', 'weekly']).nullable(),
  /** True when the year was not written in the cell and was taken from context. */
  yearInferred: z.boolean(),
});
export type Deadline = z.infer<typeof Deadline>;

export const NormalizedActivity = ActivityRow.extend({
  actors: z.array(Actor),
  deadlineParsed: Deadline,
});
export type NormalizedActivity = z.infer<typeof NormalizedActivity>;

export const NormalizedDocument = ParsedDocument.extend({
  meta: DocumentMeta,
  activities: z.array(NormalizedActivity),
  /**
   * The user's vocabulary file the actors were coded with (ingest --vocabulary): its text and
   * SHA-256. Stored with the document, so a later hand correction codes its cell the same way.
   * Absent: the shipped vocabulary alone.
   */
  vocabularyFile: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), content: z.string() }).optional(),
});
export type NormalizedDocument = z.infer<typeof NormalizedDocument>;
