import os from 'node:os';
import { z } from 'zod';

/**
 * Every tunable of the pipeline, with its default and the reason for it. Stages receive the
 * slice they need; nothing else in src/ holds a magic number that a user might want to change.
 */
export const Settings = z.object({
  limits: z.object({
    /** Files larger than this are refused before reading (a 200-page scan is ~60 MB). */
    maxFileMb: z.number().positive().default(200),
    /** Documents with more pages are refused: roadmaps run 2–40 pages. */
    maxPages: z.number().int().positive().default(500),
    /** Per-file wall-clock limit, so one pathological file cannot hang a batch. */
    timeoutSeconds: z.number().positive().default(600),
    /** Images larger than this many megapixels are refused (a 600-dpi A3 scan is ~70 MP). */
    maxImageMegapixels: z.number().positive().default(150),
    /** Refuse DOCX whose uncompressed XML exceeds this (zip bombs). */
    maxDocxUncompressedMb: z.number().positive().default(100),
    /**
     * Refuse PDFs with a compressed non-image stream (page content, font, form) that inflates
     * beyond this: a text page's content is a few hundred KB, a dense vector drawing a few MB,
     * while a 1 MB decompression bomb inflates to 1 GB and costs pdf.js 2 GB and half a minute.
     */
    maxPdfStreamMb: z.number().positive().default(64),
  }).prefault({}),
  pdf: z.object({
    /**
     * A page's text layer is trusted when at least this share of its visible characters are
     * letters/digits of a real script. Fonts without a Unicode map give 0.02–0.11; clean
     * Russian text 0.5–0.96 (research/libraries.md).
     */
    minTextLayerAlphaRatio: z.number().min(0).max(1).default(0.4),
    /** A page with fewer text-layer characters than this is treated as image-only. */
    minTextLayerChars: z.number().int().nonnegative().default(20),
    /** Stroke widths / rectangle thickness up to this many points count as ruling lines. */
    maxRuleThickness: z.number().positive().default(3),
    /** Segments shorter than this (pt) are ignored as rules (bullets, underline ticks). */
    minRuleLength: z.number().positive().default(8),
  }).prefault({}),
  table: z.object({
    /** Words whose vertical centres are within this share of the line height share a line. */
    lineMergeRatio: z.number().positive().default(0.5),
    /** Rules closer than this (pt) are one rule (double borders, overlapping cell edges). */
    ruleSnap: z.number().positive().default(2.5),
    /** A horizontal rule splits rows when it covers at least this share of the table width
     * inside the body columns (section rows and merged cells make shorter ones legitimate). */
    minRowRuleCover: z.number().min(0).max(1).default(0.25),
    /** Header keywords of the plan table must be found in at least this many columns. */
    minHeaderRoles: z.number().int().positive().default(3),
    /** Vertical window (pt) in which a multi-line header's keywords are collected. */
    headerWindow: z.number().positive().default(70),
    /** Stream tables: a vertical gap above a line larger than this many line heights ends the table. */
    streamEndGap: z.number().positive().default(3.2),
    /**
     * Largest shift (pt) between the table's place on the header page and on a later page
     * that is registered by its vertical rules: scanned sheets lie a few millimetres apart on
     * the glass, so column boundaries measured on one page miss the rules of the next.
     */
    maxPageShift: z.number().min(0).default(20),
    /**
     * A table whose last row ends this close to the bottom of the file's last page (share of
     * the page height) with nothing after it may go on past the file (a photo of page 1).
     */
    openEndMargin: z.number().min(0).max(0.5).default(0.15),
    /** Page-top/bottom margin (share of page height) where lone page numbers are dropped. */
    marginShare: z.number().min(0).max(0.5).default(0.1),
  }).prefault({}),
  ocr: z.object({
    /** Render scale for OCR: 300 dpi is Tesseract's sweet spot (research/ocr.md). */
    dpi: z.number().int().min(72).max(600).default(300),
    /** Parallel OCR workers. Each busy worker costs 130–165 MB. */
    workers: z.number().int().positive().default(Math.max(1, Math.min(os.availableParallelism(), 4))),
    /** Recycle a worker after this many pages: tesseract.js RSS creeps up (#1045). */
    recycleAfterPages: z.number().int().positive().default(40),
    /** Rows whose mean word confidence is below this are flagged for review. */
    reviewBelow: z.number().min(0).max(1).default(0.75),
    /** Seconds allowed for loading the model in a worker (a bad model never settles). */
    loadTimeoutSeconds: z.number().positive().default(60),
  }).prefault({}),
  normalize: z.object({
    /** Fuzzy vocabulary match: max edit distance as a share of the word length. */
    maxVocabularyEditRatio: z.number().min(0).max(1).default(0.2),
  }).prefault({}),
  compare: z.object({
    /**
     * Lowest TF-IDF cosine (0..1) at which a reference activity is taken as an activity's
     * counterpart. Measured on the hand-checked corpus pairs (scripts/link-measure.ts).
     */
    linkThreshold: z.number().min(0).max(1).default(0.2),
    /** Weight of the result cell against the activity cell when comparing two rows. */
    resultWeight: z.number().min(0).default(0.5),
    /**
     * Reference activities at least this similar to each other are twins (a regional row and
     * its copy "на муниципальном уровне"): between twins, who is responsible and when decide.
     */
    twinSimilarity: z.number().min(0).max(1).default(0.8),
  }).prefault({}),
  batch: z.object({
    /** Files processed at once. Digital files are CPU-light; OCR has its own pool. */
    concurrency: z.number().int().positive().default(Math.max(1, os.availableParallelism())),
  }).prefault({}),
});
export type Settings = z.infer<typeof Settings>;

export type SettingsInput = z.input<typeof Settings>;

/** Fills defaults and validates; errors name the setting and the value received. */
export function resolveSettings(input: SettingsInput = {}): Settings {
  return Settings.parse(input);
}

export const DEFAULT_SETTINGS: Settings = resolveSettings();
