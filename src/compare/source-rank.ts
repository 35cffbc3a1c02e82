/**
 * Which file of a plan to read it from. The same roadmap often arrives as a Word file, a PDF
 * printed from it, a scan and a phone photo of page 1; they differ in how much of the plan
 * they hold and how faithfully, and a comparison must use the one that holds it best.
 */

/** How a file carries the plan, best first. */
export type SourceKind = 'structured' | 'text_pdf' | 'plain_text' | 'scan' | 'photo';

/**
 * Ranks of the kinds. Structured formats carry the table itself (cells, merges, numbering);
 * a PDF's text layer carries exact text but the table is rebuilt from positions; a plain-text
 * file has exact text but tabs for a table (rows read exactly 0.80 of the time, against 0.99
 * for PDFs: README, Accuracy); OCR misreads letters; a photo is one page of the plan.
 */
const KIND_RANK: Record<SourceKind, number> = { structured: 5, text_pdf: 4, plain_text: 3, scan: 2, photo: 1 };

const STRUCTURED = new Set(['docx', 'doc', 'odt', 'rtf', 'xlsx', 'xls', 'ods']);

export interface RankedSource {
  id: number;
  sourcePath: string;
  format: string | null;
  pages: number | null;
  /** Rows read by OCR (confidence below 1): digital text is stored with confidence 1. */
  ocrRows: number;
  activityCount: number;
  /** Mean confidence of the rows; null without rows. */
  meanConfidence: number | null;
  /** documents.missing_rows (migration 005). */
  missingRows: number;
  /** documents.fragment_count: rows cut off by the end of a one-page file (migration 004). */
  fragmentCount: number;
}

export function sourceKind(s: Pick<RankedSource, 'format' | 'pages' | 'sourcePath' | 'ocrRows'>): SourceKind {
  if (s.format !== null && STRUCTURED.has(s.format)) return 'structured';
  if (s.format === 'pdf') return s.ocrRows > 0 ? 'scan' : 'text_pdf';
  if (s.format === 'txt') return 'plain_text';
  // The format is detected from the bytes, so a TIFF and a JPEG are both "image"; a TIFF of
  // several pages, or one named so, is a scanner's output rather than a camera's.
  if (s.format === 'image' && ((s.pages ?? 1) > 1 || /\.tiff?$/i.test(s.sourcePath))) return 'scan';
  return 'photo';
}

/**
 * A file that holds only part of its plan: a one-page photo, a file whose table ran off its
 * only page (a fragment was kept apart), or one whose numbering shows rows it lacks. It may
 * be a plan's source of last resort, never its reference when a fuller file exists.
 */
export function isPartialSource(s: RankedSource): boolean {
  return s.missingRows > 0 || s.fragmentCount > 0 || (sourceKind(s) === 'photo' && (s.pages ?? 1) <= 1);
}

/**
 * Orders the files of one plan, best first: whole before partial, then by kind (structured >
 * text PDF > plain text > scan > photo), then more activity rows, then higher mean
 * confidence, then the older id (so the order never depends on the order of the input).
 */
export function compareSources(a: RankedSource, b: RankedSource): number {
  return Number(isPartialSource(a)) - Number(isPartialSource(b))
    || KIND_RANK[sourceKind(b)] - KIND_RANK[sourceKind(a)]
    || b.activityCount - a.activityCount
    || (b.meanConfidence ?? 0) - (a.meanConfidence ?? 0)
    || a.id - b.id;
}
