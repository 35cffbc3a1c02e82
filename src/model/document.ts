import { z } from 'zod';
import { BBox } from './geometry.js';
import { Issue } from './issue.js';

/** How the bytes were recognised (from content, never from the extension). */
export const SourceFormat = z.enum(['pdf', 'docx', 'doc', 'rtf', 'odt', 'xlsx', 'xls', 'ods', 'image', 'txt']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** One word with its box. Produced by the PDF text layer and by OCR alike. */
export const Word = z.object({
  text: z.string(),
  bbox: BBox,
  /** Recognition confidence 0..1; 1 for a text layer. */
  conf: z.number().min(0).max(1),
  bold: z.boolean().default(false),
});
export type Word = z.infer<typeof Word>;

/** A ruling line: a stroked segment or a thin filled rectangle, normalised to a segment. */
export const Rule = z.object({
  orientation: z.enum(['h', 'v']),
  /** Position across the line: y for horizontal rules, x for vertical ones. */
  at: z.number(),
  /** Extent along the line: x0..x1 for horizontal, y0..y1 for vertical. */
  from: z.number(),
  to: z.number(),
});
export type Rule = z.infer<typeof Rule>;

/** A page of positioned words and ruling lines. */
export const Page = z.object({
  /** 1-based page number in the source. */
  number: z.number().int().positive(),
  width: z.number().positive(),
  height: z.number().positive(),
  /** Where the words came from: the PDF's text layer or OCR of a rendered page/image. */
  source: z.enum(['text-layer', 'ocr']),
  words: z.array(Word),
  rules: z.array(Rule),
  /** Mean OCR confidence of the page (1 for a text layer). */
  conf: z.number().min(0).max(1).default(1),
});
export type Page = z.infer<typeof Page>;

/**
 * A table cell as the word processor or spreadsheet stores it (DOCX, DOC, RTF, ODT, sheets), or
 * as a text row splits (TXT).
 */
export const StructCell = z.object({
  text: z.string(),
  /** Number of grid columns this cell spans (w:gridSpan). */
  span: z.number().int().positive().default(1),
  /** Vertical merge: 'restart' opens a merged block, 'continue' belongs to the one above. */
  vmerge: z.enum(['restart', 'continue']).nullable().default(null),
  bold: z.boolean().default(false),
});
export type StructCell = z.infer<typeof StructCell>;

export const StructBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string(), bold: z.boolean().default(false) }),
  z.object({
    kind: z.literal('table'),
    rows: z.array(z.array(StructCell)),
  }),
]);
export type StructBlock = z.infer<typeof StructBlock>;

/**
 * What ingest hands to parse: either pages of positioned words (PDF text layer, OCR), or a
 * flow of structured blocks (word-processor and spreadsheet files, plain text) — never both.
 */
export const IngestedDocument = z.object({
  sourcePath: z.string(),
  sha256: z.string(),
  format: SourceFormat,
  /** Page count of the source (DOCX: estimated from explicit page breaks, at least 1). */
  pageCount: z.number().int().nonnegative(),
  pages: z.array(Page),
  blocks: z.array(StructBlock),
  issues: z.array(Issue),
});
export type IngestedDocument = z.infer<typeof IngestedDocument>;
