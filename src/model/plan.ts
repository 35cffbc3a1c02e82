import { z } from 'zod';
import { BBox } from './geometry.js';
import { Issue } from './issue.js';

/** The meaning of a plan-table column, found from its header text. */
export const ColumnRole = z.enum(['number', 'activity', 'responsible', 'deadline', 'result', 'extra']);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const PlanColumn = z.object({
  role: ColumnRole,
  header: z.string(),
});
export type PlanColumn = z.infer<typeof PlanColumn>;

/** Where a row came from, for provenance. */
export const Provenance = z.object({
  /** 1-based page where the row starts (DOCX/TXT: 1-based table row index is in `row`). */
  page: z.number().int().positive().nullable(),
  /** Box of the row's first part on its first page (PDF/OCR only). */
  bbox: BBox.nullable(),
  /** Pages the row spans when it continues over a page break. */
  pages: z.array(z.number().int().positive()),
});
export type Provenance = z.infer<typeof Provenance>;

export const SectionRow = z.object({
  kind: z.literal('section'),
  text: z.string(),
  provenance: Provenance,
});
export type SectionRow = z.infer<typeof SectionRow>;

export const ActivityRow = z.object({
  kind: z.literal('activity'),
  number: z.string(),
  activity: z.string(),
  responsible: z.string(),
  deadline: z.string(),
  result: z.string(),
  /** Cells of columns that are none of the five roles, keyed by their header. */
  extra: z.record(z.string(), z.string()),
  /** The section heading this activity belongs to ('' before the first). */
  section: z.string(),
  /** 0..1: OCR confidence of the row's words (1 for digital sources). */
  confidence: z.number().min(0).max(1),
  /**
   * Set when the row may be incomplete whatever its confidence: the last row of a table that
   * runs into the bottom of the file's last page (a photo of page 1, a scan missing pages).
   */
  mayContinue: z.boolean().optional(),
  /**
   * Set when the row runs off the bottom of the file's only page (a photo or scan of one sheet
   * of a longer plan): its cells are most likely cut mid-text, so it is kept apart as a
   * fragment and not counted among the plan's activities. Implies `mayContinue`.
   */
  cutOff: z.boolean().optional(),
  /**
   * Set on the stored rows on either side of a place where rows of the source may be missing:
   * numbered text goes on after the table's end, or the row numbers skip there.
   */
  rowsMissing: z.boolean().optional(),
  provenance: Provenance,
});
export type ActivityRow = z.infer<typeof ActivityRow>;

export const PlanRow = z.discriminatedUnion('kind', [SectionRow, ActivityRow]);
export type PlanRow = z.infer<typeof PlanRow>;

export const Level = z.enum(['regional', 'municipal', 'school']);
export type Level = z.infer<typeof Level>;

/** Document metadata as read from the text around the table (before normalisation). */
export const DocumentMeta = z.object({
  region: z.string().nullable(),
  municipality: z.string().nullable(),
  /** The municipality's ОКТМО code, set by normalize from the gazetteer where it knows it. */
  oktmo: z.string().nullable().optional(),
  level: Level.nullable(),
  issuer: z.string().nullable(),
  actType: z.string().nullable(),
  actNumber: z.string().nullable(),
  /** ISO YYYY-MM-DD. */
  actDate: z.string().nullable(),
  title: z.string().nullable(),
  periodFrom: z.number().int().nullable(),
  periodTo: z.number().int().nullable(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** What parse produces: the plan table and the document's metadata. */
export const ParsedDocument = z.object({
  meta: DocumentMeta,
  /** Paragraphs of the order before the plan. */
  preamble: z.array(z.string()),
  columns: z.array(PlanColumn),
  rows: z.array(PlanRow),
  /** How the table was rebuilt: lattice (ruling lines), stream (text alignment), structure (DOCX), text. */
  method: z.enum(['lattice', 'stream', 'structure', 'text']),
  issues: z.array(Issue),
  /** Estimated rows of the source the plan may lack (absent: no sign of any). */
  missingRows: z.number().int().positive().optional(),
});
export type ParsedDocument = z.infer<typeof ParsedDocument>;
