import { z } from 'zod';

/** A problem met while processing one file: data, not an exception (docling's ErrorItem). */
export const Issue = z.object({
  stage: z.enum(['ingest', 'parse', 'normalize', 'store']),
  /** 1-based page, when the problem belongs to one. */
  page: z.number().int().positive().optional(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
});
export type Issue = z.infer<typeof Issue>;
