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
    /**
     * Refuse a DOCX, ODT, XLSX or ODS whose unpacked parts exceed this, and a DOC, RTF or XLS
     * that would decode to more (zip bombs, runaway streams): a 40-page plan unpacks to ~2 MB.
     */
    maxDocxUncompressedMb: z.number().positive().default(100),
    /**
     * Refuse a DOCX, ODT, XLSX or ODS one of whose parts (word/document.xml, content.xml, a
     * worksheet) unpacks to more than this, as `too_large` naming the part: checked against
     * the size the ZIP's central directory declares before anything is inflated, and again
     * while inflating (the declaration may lie). A part is decoded, validated and parsed whole,
     * at several times its size in memory, so one past what the per-file worker's heap
     * (TUNING.batch.workerHeapMb, 384 MB) can parse used to fail only when the heap ran out:
     * a 90 MB document.xml after 7–21 s and 600–770 MB of RSS. The corpus's largest document.xml is 85 KB (29
     * rows); its rows repeated to 20 MB (about 7,000 rows, far past any plan) are read in 9 s
     * within that heap, to 32 MB (11,000 rows) in 12 s, while 48 MB runs out of heap after
     * 20 s. 32 MB keeps every part that can be read and refuses at once the ones that cannot.
     */
    maxXmlPartMb: z.number().positive().default(32),
    /**
     * ZIP archives of documents (a year's orders as one download): every entry is ingested as
     * its own document. These bound what one archive may unpack in total, how many entries
     * it may hold and how deep archives inside archives are opened; each entry is also held
     * to --max-file-mb like a file on disk.
     */
    maxArchiveUnpackedMb: z.number().positive().default(2048),
    maxArchiveEntries: z.number().int().positive().default(5000),
    maxArchiveDepth: z.number().int().nonnegative().default(2),
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
    /**
     * An OCR'd page whose mean word confidence is below this is illegible and left out (the
     * file refused as `illegible` when no page is left). Measured on 112 generated photos:
     * the pages at 0.08–0.30 gave no right row (5 photos; one stored 3 rows of noise), from
     * 0.61 up most rows are right; scans of any quality here read at 0.9 and more.
     */
    minLegibleConf: z.number().min(0).max(1).default(0.45),
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
    /**
     * A user's vocabulary file (JSON, normalize/vocabulary-file.ts) adding party codes and
     * variants to the shipped vocabulary; null: the shipped one alone. A path, not the
     * vocabulary, so settings stay small on their way to every worker.
     */
    vocabularyFile: z.string().nullable().default(null),
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
  /** `roadmaps show --crop`: the picture of a row cut from its source page. */
  crop: z.object({
    /** Render resolution of the page: 150 dpi reads comfortably and keeps a row's crop small. */
    dpi: z.number().int().min(36).max(600).default(150),
    /** Paper kept around the row's box (points): enough to show the cell borders. */
    marginPt: z.number().min(0).max(200).default(12),
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

/**
 * Internal algorithm constants: measured thresholds and sizes that shape how a stage works,
 * not options a user sets, hence plain values outside the zod schema. Grouped by stage; each
 * module reads its own slice (`const D = TUNING.ingest.rules;`).
 */
export const TUNING = {
  ingest: {
    /**
     * Text-layer runs closer than this share of the font size, with no space between them,
     * are one word: a space is 0.25–0.33 em, kerning and run breaks inside a word under 0.05.
     */
    glueGapEm: 0.08,
    /** Raster image input: resolution sanity (image.ts). */
    image: {
      /** Recorded resolutions outside this range are placeholders (72/96 dpi of cameras, screens). */
      minPlausibleDpi: 100,
      maxPlausibleDpi: 1200,
      /**
       * The page the recorded resolution implies must be a sheet (long side in inches): from
       * A6 (5.8 in) to A2 (23.4 in), with some slack. Otherwise the number is not physical.
       */
      minPageLongSideIn: 4,
      maxPageLongSideIn: 24,
      /** Unknown scale: the picture is taken to show one A4 sheet (long side 11.69 in). */
      assumedPageLongSideIn: 11.69,
      /** Estimated resolutions outside this range are rejected for the caller's fallback. */
      minEstimatedDpi: 30,
      maxEstimatedDpi: 1200,
    },
    /** Ink/paper separation (image-binarize.ts). */
    binarize: {
      /** Share of the paper-to-ink contrast that makes a pixel part of a ruling line (see ruleThreshold). */
      ruleContrastShare: 0.3,
      /**
       * Side of the blocks (mm) whose brightest pixel estimates the paper under them. Larger than
       * a character (10–14 pt text is 2.5–3.5 mm tall) so every block holds some paper, small
       * enough to follow the shading of a phone photo.
       */
      backgroundBlockMm: 4,
      /** Share of a block's pixels darker than its paper level: text rarely covers 10 % of 3×3 blocks. */
      paperPercentile: 0.9,
      /** Blur (in blocks) of the paper estimate, so block edges do not print into the page. */
      backgroundBlurBlocks: 2,
      /** Blocks at least this many pixels wide are sampled at every other pixel and row (≥ 64 samples). */
      subsampleFromBlockPx: 16,
      /**
       * Paper levels (0–255) within this spread all over the page count as even: one gain for
       * the whole page. Flatbed scans and rendered PDFs vary by 2–3 levels; a phone photo's
       * shading by tens.
       */
      evenPaperSpread: 4,
      /** Pages at least this many pixels tall build their histogram from every other row. */
      histogramHalfRowsFrom: 400,
    },
    /** Skew estimation and correction (image-deskew.ts, image-preprocess.ts). */
    deskew: {
      /** Scans and photos of a page laid on a scanner/table are rarely off by more than this. */
      maxDegrees: 5,
      /** Coarse search step; the fine pass then refines within ± one coarse step. */
      coarseStepDegrees: 0.1,
      fineStepDegrees: 0.01,
      /**
       * Ink pixels sampled for the projection: enough for a stable profile on a dense page,
       * few enough that 120 trial angles stay in tens of milliseconds. 120,000 and 300,000
       * gave the same angle to 0.01° on all ten measured scan pages, in 46 ms instead of 66.
       */
      maxSamples: 120_000,
      /** The coarse pass only needs the strongest rows: a quarter of the samples finds them. */
      coarseSamples: 30_000,
      /** Below this the correction is not worth a resampling (interpolation blurs strokes). */
      minCorrectionDegrees: 0.05,
    },
    /** Page outline in phone photos (image-perspective.ts). */
    perspective: {
      /** Long side of the thumbnail the page outline is searched on (speed; corners ±1 px). */
      analysisSize: 600,
      /** Paper must cover at least this share of the photo to be taken as the page. */
      minPageShare: 0.25,
      /** …and no more than this: otherwise the image is the page itself (a scan). */
      maxPageShare: 0.97,
      /**
       * A sheet touching more than this share of the image's outer frame fills the picture (a
       * scan, a cropped photo): there is no background to cut away.
       */
      maxFrameContact: 0.5,
      /** Paper must be clearly brighter than the background around it (mean gray levels). */
      minContrast: 40,
      /** Outline corners may not cut more than this share of the component's area (convexity). */
      minFillOfQuad: 0.9,
      /**
       * Sobel magnitude of the log grey level (per thumbnail pixel) from which a pixel is an
       * edge the table's flood may not cross (image-sheet.ts). A pale table under white paper
       * steps by log(215/190) ≈ 0.12 across the sheet's edge, a Sobel of ≈ 0.06; the table's
       * own texture and vignetting stay under 0.02 at the thumbnail's scale.
       */
      edgeLogStep: 0.03,
      /**
       * Edge maps tried, as [edgeLogStep, thickening in thumbnail pixels]: a thickening closes
       * gaps up to twice as long in a faint sheet edge; the fainter step (0.015: a pale table
       * ~6 % darker than the paper) finds sheets the default misses, but wood grain and cloth
       * cross it too, so it is one proposal among others, not the default.
       */
      edgeVariants: [[0.03, 1], [0.03, 3], [0.03, 6], [0.015, 1], [0.015, 3]] as [number, number][],
      /**
       * The straight-edge proposal (image-sheet-lines.ts), for a sheet whose outline has gaps
       * the table's flood runs through (paper on a table of its own tone).
       */
      lines: {
        /** Step-filtered log slope from which a thumbnail pixel votes for lines. */
        edgeStep: 0.015,
        /** Degrees either side of a pixel's own gradient it votes for. */
        angleSpread: 2,
        /** Fewest votes (edge pixels) of a line: a tenth of the thumbnail's short side. */
        minVotes: 45,
        /** Lines kept per orientation (the text's lines compete with the sheet's edges). */
        perOrientation: 8,
        /** Lines closer than this (degrees and pixels) to a stronger one are its echo. */
        suppressDegrees: 4,
        suppressPx: 6,
        /** How far off the picture a corner may lie (share of its side). */
        offFrame: 0.1,
        /** Edge pixels within this many pixels of a side are refitted to it. */
        refineBandPx: 2,
        /**
         * A quad is no sheet when, along one of its sides, more than this share of the points
         * 3–8 px outside show print's edges (log slope ≥ inkStep; a table's grain stays below):
         * that side runs along the table's rules or a column, with text beyond it.
         */
        inkStep: 0.04,
        outsideFromPx: 3,
        outsideToPx: 8,
        maxInkOutside: 0.2,
        /**
         * …nor when the print within a band outside it (leftOutBand of its size) comes to more
         * than this share of the print inside: the title left above a side on a row rule.
         * Every inkSampleStep-th edge pixel is looked at.
         */
        leftOutBand: 0.1,
        maxInkLeftOut: 0.03,
        inkSampleStep: 3,
        /** Support by which the straight-edge quad must beat the outline's to be taken. */
        minSupportGain: 0.05,
      },
      /** Least step of log grey level across a side, within ±1 thumbnail pixel, for edge support. */
      supportLogStep: 0.04,
      /**
       * A pixel is an edge only where its slope is this many times the mean slope over
       * ±stepProbePx pixels: a step (ratio ≈ 3 at 3 px) and not a shadow's ramp (≈ 1).
       */
      stepProbePx: 3,
      minStepRatio: 1.8,
      /** Outline points within this share of a side's length from it are fitted to it. */
      sideBand: 0.03,
      /** Points per side at which an outline's edge support is measured. */
      supportSamples: 40,
      /** Thumbnail pixels a side may sit off the edge it is fitted to. */
      supportOffset: 2,
      /**
       * Share of the step over ±6 thumbnail pixels that must happen within ±1 for a side to
       * count as an edge: the sheet's edge is a step, a shadow's edge a ramp (2–8 % of the
       * frame wide in the generated photos: a tenth of its change per ±1 pixel or less).
       */
      minEdgeSharpness: 0.5,
      /**
       * Least share of an outline's sides running along a real edge (edgeSupport). The sheets
       * of the generated photos measure 0.9–1.0; outlines traced around a shadow or a patch of
       * table measure far less.
       */
      minEdgeSupport: 0.6,
    },
    /** Page curl of photos, measured from the page's lines and removed (image-dewarp.ts). */
    dewarp: {
      /** Vertical strips whose row profiles are compared (odd: the middle one is the anchor). */
      strips: 13,
      /** Horizontal bands, each with its own bow (a curl is stronger towards the curled edge). */
      bands: 4,
      /**
       * Largest shift between neighbouring strips, as a share of the page height: the
       * generated photos' strongest curl moves a strip by ~0.6 % of the page against its
       * neighbour, and a text line's pitch is ~1.1 % (9 pt at A4), which a wider search
       * would mistake for the shift.
       */
      maxStepShare: 0.008,
      /** A strip whose profile matches its neighbour's worse than this ends the chain. */
      minCorrelation: 0.3,
      /** Strips measured in a band for its bow to be fitted. */
      minStrips: 7,
      /** Bows smaller than this (pixels at the page's edges) are left alone: resampling blurs. */
      minAmplitudePx: 3,
      /**
       * The flattened page is kept only when its rows are this much sharper (lineSharpness in
       * image-preprocess.ts) than before: straightening a real curl sharpens them by far more.
       */
      minSharpnessGain: 0.02,
    },
    /** A photographed table squared by its row rules' ends (image-table-square.ts). */
    tableSquare: {
      /** Row rules at least this share of the page wide are the table's own. */
      minRuleShare: 0.5,
      /** Fewest row rules whose ends are fitted. */
      minRules: 4,
      /** A rule's end may sit this far (share of the page width) off its side's line. */
      maxResidualShare: 0.006,
      /**
       * The table is squared when a side leans by more than this (share of the page width)
       * over the rules' height: ~0.5 % of the width, 12 px at 300 dpi, well past what deskew
       * leaves (under 0.1°, ~4 px over a page's table).
       */
      minLeanShare: 0.005,
    },
    /** Page preparation before OCR (image-preprocess.ts). */
    preprocess: {
      /**
       * Text rows give a row profile this many times peakier than the column profile; below it
       * the page is taken to be turned by 90°. Measured on the corpus scans and photos: upright
       * pages 1.4–3.3× (tables' vertical rules lift the column profile), turned pages 0.3–0.7×;
       * sparse upright pages (a signature page) come near 1 (0.97 seen), so only a clear ratio
       * turns the page here and the OCR check (ocr-page.ts) decides the unclear ones.
       */
      quarterTurnRatio: 0.8,
      /**
       * Outer band of a photographed sheet where no ruling line can be printed, as a share of
       * its long side (1 % of A4 is 3 mm; printers leave at least 4 mm bare): lines found
       * there are slivers of the table around the sheet.
       */
      photoEdgeShare: 0.01,
      /** Long side of the sheet assumed for photos (A4, 11.69 in), to give their pixels a scale. */
      assumedPageLongSideInches: 11.69,
      /**
       * Rasters coarser than this are enlarged to `upscaleToDpi` before recognition: Tesseract
       * loses small print below ~20 px x-height, which 10 pt text only reaches near 300 dpi.
       */
      minOcrDpi: 180,
      /**
       * Faint ink of photos (image-preprocess.ts stretchFaintInk): when this share of the ink
       * pixels is still lighter than `faintInkLevel`, the ink's levels are stretched, its dark
       * end to `faintInkTarget`. Measured (5th percentile of the ink): photos from 2,400 px
       * 5–45, the corpus photos (1,600 px, sharp) 65–91, the generated photos of 1,000–1,500
       * px, enlarged, 97–132 — whose text lines Tesseract dropped until stretched. Stretched to
       * black, a corpus photo's «I.» merged into a blot; to 40 it reads.
       */
      faintInkPercentile: 0.05,
      faintInkLevel: 60,
      /** Grey level the faint ink's dark end is brought to. */
      faintInkTarget: 40,
      upscaleToDpi: 300,
      /**
       * Paper kept around the text (mm) when the page is cut to it for recognition: Tesseract
       * wants a little white around the ink, and a speck lost in it is noise, not text.
       */
      recognitionMarginMm: 2,
    },
    /** Ruling lines found in raster pages (image-rules.ts). */
    rules: {
      /** Side (px) of the tiles the mask is transposed in: 64×64 bytes stay in the L1 cache. */
      transposeTile: 64,
      /** Gaps up to this (mm) inside one run are closed: JPEG noise and blur break thin lines. */
      closeGapMm: 0.15,
      /**
       * A run must be at least this long (mm) to be a piece of a rule. Letter bars are shorter
       * (the longest, an em dash in 12 pt, is ~4 mm and stands alone between words).
       */
      minPieceMm: 3,
      /** Pieces on the same line this close (mm) are one rule: dashed and broken scan lines. */
      joinGapMm: 1.5,
      /** Share of a rule's extent that must be ink after joining (dashes leave ~60 %). */
      minFill: 0.6,
      /**
       * Shortest horizontal rule (mm). The narrowest table column ("№") is ~10 mm, and body rules
       * cross the whole table; text cannot produce a solid 12 mm run.
       */
      minHorizontalMm: 12,
      /** Shortest vertical rule (mm): a few text line heights, longer than any letter stem. */
      minVerticalMm: 10,
      /**
       * Thickest line accepted (pt), plus blur allowance below. Matches the PDF text-layer limit
       * (Settings.pdf.maxRuleThickness) so both sources agree on what a rule is.
       */
      maxThicknessPt: 3,
      blurAllowancePx: 3,
      /**
       * A rule may run this far off the axis (degrees): its band across then grows with its
       * length, and only its stroke where crossed must be thin. Deskew leaves scans within
       * ~0.1°; a photo's undone perspective leaves the rules fanned by up to ~0.3°.
       */
      maxSlantDegrees: 0.5,
    },
    /** PDF page rendering (pdf-render.ts). */
    render: {
      /** Budget when the caller gives none: a 300-dpi A3 page is ~17.4 MP, A4 ~8.7 MP. */
      maxMegapixels: 150,
      /** An image covering at least this share of the page is the page's scan. */
      minScanCover: 0.5,
    },
    /** Page orientation checks during OCR (ocr-page.ts). */
    ocrPage: {
      /**
       * Below this mean word confidence the page may be upside down (or turned the wrong way):
       * upright print reads at 0.85–0.95, upside-down text at 0.3–0.6.
       */
      orientationCheckBelowConf: 0.7,
      /**
       * A first reading this confident, with no more vertical words than maxVerticalShare, is
       * upright: no probe even when the ink profiles could not tell rows from columns (each
       * probe reads four windows, a fifth of a page each).
       */
      uprightConf: 0.85,
      /** Row/column profile ratios below this are not trusted to tell 0° from 90°. */
      orientationCheckBelowRatio: 1.25,
      /** More words than this standing on end means the page is probably turned by 90°. */
      maxVerticalShare: 0.2,
      /** Share of the page (centred crop) read at each candidate orientation. */
      probeShare: 0.45,
      /** A turn must beat upright by this much (confidence-weighted characters) to be applied. */
      probeMargin: 1.3,
    },
    /** A heading's «I.» that OCR read «1.», told by the glyph's shape (ocr-roman-one.ts). */
    romanOne: {
      /**
       * A top reaching left of the stem by at most this much more than right of it (over the
       * glyph's height) is no digit's flag. Measured on heading numbers of 60 generated
       * photos: «1» as printed 0.03–0.16, «I» −0.04–0.04 (its serifs blurred one-sided at the
       * top end): the cut lies below every «1», taking the plainly flagless «I»s.
       */
      maxFlag: 0.01,
      /** The title opens within this many word heights of the number (a row number stands in its own cell). */
      maxGapToTitle: 1,
      /** Share of the word box from its top that holds the numeral and not the stop after it. */
      dotFreeShare: 0.72,
      /** Glyphs shorter than this (pixels at the recognition resolution) are not measured. */
      minGlyphPx: 18,
      /** A glyph wider than this share of its height has run into its neighbours: not measured. */
      maxGlyphWidthShare: 0.6,
    },
    /** Re-reading ink the page layout analysis skipped (ocr-recover.ts). */
    ocrRecover: {
      /** Grid cell (mm) on which uncovered ink is grouped into text-like blobs. */
      cellMm: 0.5,
      /** A cell is inked when it holds at least this many ink pixels (single specks are noise). */
      minCellInk: 3,
      /** Horizontal gap (mm) still joining ink into one blob: letter and word spacing. */
      joinGapMm: 1.6,
      /** Blob height range (mm) of a text line: 6–28 pt print. "." alone is below it. */
      minHeightMm: 1.6,
      maxHeightMm: 10,
      minWidthMm: 1,
      /** Height/width above which a blob is a stroke (rule remnant), not text. */
      maxAspect: 6,
      /** Blobs wider than this (mm) are not something the page layout analysis skipped by accident. */
      maxWidthMm: 120,
      /** Ink words already recognised may cover, grown by this margin (mm). */
      coverMarginMm: 0.6,
      /** Share of a blob's ink that must be uncovered for it to count as missed. */
      minUncoveredShare: 0.9,
      /** At most this many blobs per page are re-read (largest first), bounding the extra time. */
      maxBlobs: 80,
      /** Padding (mm) around each blob in the composite. */
      padMm: 1,
      /**
       * Blank (mm) between blobs on the composite line: wide enough that Tesseract never joins
       * two blobs into one word ("1." "4." read as "14...") — several word spaces.
       */
      gapMm: 6,
      /**
       * Blobs per composite line. One odd crop (a word with a speck of the line above) threw a
       * 19-blob line's reading off as a whole ("5.3. 5.2. 6.1." read "53 52 бе"), while each
       * blob alone read right (gen-0603 scan, 150 dpi); lines of four keep the harm local at a
       * fraction of the cost of one call per blob (~36 ms each). A blob its line read poorly is
       * then read alone.
       */
      blobsPerLine: 4,
      /** Recovered words below this confidence are dropped: on noise Tesseract still guesses. */
      minConf: 0.5,
      /**
       * Short words (up to `doubtfulMaxChars`) read with less confidence than this are read
       * again with the missed ink: row numbers crushed by the layout pass ("17." → "Е:") come
       * back right when read alone on a clean line.
       */
      doubtfulBelowConf: 0.7,
      doubtfulMaxChars: 4,
    },
    /** Tesseract invocation (ocr-tesseract.ts). */
    tesseract: {
      /**
       * Page segmentation for whole pages. Measured on the 22 corpus scan pages (native
       * Tesseract, deskewed, rules erased; word recall vs the digital text layer):
       * psm 3 97.5 %, psm 4 97.2 %, psm 6 97.2 %, psm 11 96.2 %. psm 3 also keeps bold headers
       * and section rows that psm 6 drops on clean pages (research/ocr.md).
       */
      pagePsm: '3',
      /** One text line (recovery of small items the page layout analysis dropped). */
      linePsm: '7',
      /** A uniform block (a table cell of several lines). */
      blockPsm: '6',
      /**
       * Seconds one recognition may take before its worker is presumed stuck and replaced. A
       * dense 300-dpi A4 page takes 1.5–3 s on one core; a crashed wasm worker never answers.
       */
      jobTimeoutSeconds: 120,
    },
    /** ZIP extraction of DOCX (docx-zip.ts). */
    docxZip: {
      /**
       * Compressed bytes handed to the inflater per step. Deflate expands at most ~1032:1, so one
       * step yields at most ~16 MB before the byte budget is checked again — a lying or hostile
       * entry can never make us inflate (or allocate) much beyond the budget.
       */
      inflateStepBytes: 16 * 1024,
    },
    /** Plain-text decoding (plain-text.ts). */
    plainText: {
      /**
       * Legacy code pages tried when the bytes are not valid UTF-8; the one whose text reads
       * most like Russian wins, the earlier on a tie. windows-1251 first: it is what Russian
       * Windows software writes; CP866 is the DOS console page of old export tools; KOI8-R
       * comes from Unix mail and old sites; Mac Cyrillic from classic Mac OS editors.
       */
      legacyEncodings: ['windows-1251', 'ibm866', 'koi8-r', 'x-mac-cyrillic'] as const,
      /**
       * UTF-16 without a byte-order mark (utf16Layout), judged on the first `utf16SampleBytes`.
       * Each 16-bit unit has a high byte (odd offsets in UTF-16LE, even in BE) that is 0x00 for
       * ASCII and 0x04 for Cyrillic in Russian text; Cyrillic UTF-16 has no NUL byte, so no
       * other test sees it as text. The guess needs a sample long enough for the share to mean
       * something (a plan's text runs to kilobytes), almost every unit a Basic Latin or Cyrillic
       * character, nearly all the rest typographic (Latin-1 «», General Punctuation — “”,
       * Letterlike №, Greek, math, box drawing), and next to no control characters or NULs
       * (U+0000: the 0x0000 units of binary data and UTF-32). Random bytes meet the first share
       * with probability ~1/128 a unit; images, PDFs, ZIPs and OLE files are recognised by their
       * signatures before this is asked, and none of the fixtures' binaries passes it (tested).
       */
      utf16SampleBytes: 64 * 1024,
      utf16MinUnits: 32,
      /** Share of units whose high byte is 0x00 or 0x04 and that are not control characters. */
      utf16MinCoreShare: 0.9,
      /** Share of units that are core or typographic characters (the rest: private use, CJK, …). */
      utf16MinTextShare: 0.98,
      /** Largest share of control characters (C0 but tab and line ends, C1, NUL, lone surrogates, U+FFFE/U+FFFF). */
      utf16MaxControlShare: 0.01,
    },
  },
  parse: {
    /**
     * A rule closes a ruled header band when it covers this share of the header's width: the
     * rule under a merged upper header cell covers one or two of five columns (≤ 0.6), the
     * rule under the whole header all of them less the gaps a producer leaves at cell corners.
     */
    headerCloseRuleCover: 0.9,
    /**
     * How far below the header's first line (in header windows) the rule closing its band is
     * looked for: a header of eight columns whose narrow labels wrap to nine lines («Последствия
     * нереализаци | и | ведомственн | ой …») ends 115 pt down, past one and a half windows.
     */
    headerCloseReach: 2.5,
    /**
     * A row rule covering less than this share of a column's width leaves that column's cell
     * open to the row below (merged down): a drawn border covers the whole column less the
     * corner gaps, a missing one nothing.
     */
    mergedCellRuleCover: 0.3,
    /**
     * In a text layer, a line step longer than a cell's own line step by this share of the
     * line height starts a new row of a table without numbers: cell padding adds 0.3–0.6 of
     * a line between rows, while the lines of one cell are set at one exact step.
     */
    rowGapShare: 0.25,
    /**
     * A title centred in a merged cell stands within this share of the cell's width of its
     * middle (word boxes and cell padding shift it a little); a row's cell text starts at its
     * column's left edge, far from the middle of the columns beside the № cell.
     */
    centredHeadingSlack: 0.06,
    /**
     * Words of one phrase stand less than this share of the line height apart (a space is
     * 0.25–0.5; justified text stretches it): a wider gap parts two cells.
     */
    phraseGap: 0.8,
    /**
     * In a table without row rules, an activity row with no responsible party takes the one
     * above (a cell merged down) when at least this share of the table's unruled rows name one.
     */
    responsibleFilledShare: 0.6,
    /**
     * A full line: one that runs at least this share of its column's widest line. Ending in a
     * head that is no word, it holds a word the producer broke letter-wise to fit
     * (LibreOffice, browsers with overflow-wrap); the dictionary decides.
     */
    brokenWordFill: 0.7,
    /**
     * A header label over two columns of a table without column borders (labels set close, a
     * long word running past its cell) is cut where the body text leaves a white river: a
     * run at least `minWidth` pt wide that at most `maxCoverShare` of the body lines cross (a
     * section heading across the table does), with words ending before it and starting after
     * it on at least `minSideShare` of the lines each. `probeLines` body lines are read.
     */
    headerRiver: { minWidth: 1, maxCoverShare: 0.12, minSideShare: 0.3, probeLines: 40, minLines: 4 },
    /** Cutting the text before the plan table into blocks (metadata-blocks.ts). */
    metadataBlocks: {
      /** Longer lines cannot be visual lines of a page (A4 landscape at 8 pt holds ~180
       * characters), so an input holding one is paragraphs and lines are never joined by width. */
      maxVisualLineChars: 200,
      /** A line shorter than this share of the typical full line ends its paragraph: the last
       * line of a justified paragraph is short, inner lines run to the margin. */
      fullLineShare: 0.7,
      /** Full-line width is this quantile of line lengths (headers and last lines are shorter). */
      fullLineQuantile: 0.8,
      /** An approval stamp is a few short lines; past this many it has certainly ended. */
      maxApprovalLines: 8,
      /** Stamp lines sit in a narrow right-hand column; a longer line is body text (DOCX stamps
       * written as one paragraph are one line, hence generous). */
      maxApprovalLineChars: 160,
      /** Plan titles run 1–5 lines; past this many the text is not a title. */
      maxTitleLines: 8,
    },
    /** Where and when a plan applies (metadata-place.ts). */
    metadataPlace: {
      /**
       * Regional institutes of teacher training, named in tables by abbreviation only; when a
       * document never names its region, the institute it works with does. Unambiguous
       * abbreviations only (several regions call theirs "ИРО").
       */
      regionInstitutes: [
        ['НИРО', 'Нижегородская область'],
        ['СОРИПКРО', 'Республика Северная Осетия – Алания'],
        ['ЛОИРО', 'Ленинградская область'],
        ['КРИПКиПРО', 'Кемеровская область – Кузбасс'],
        ['ЧИППКРО', 'Челябинская область'],
        ['БелИРО', 'Белгородская область'],
      ] as ReadonlyArray<readonly [string, string]>,
      /** Years outside this span are not plan years (a misread or a citation of an old law). */
      planYears: { min: 2000, max: 2100 },
      /** A table year counts towards the period when mentioned this often: a single "2030" in
       * "Стратегия … до 2030 года" is a citation, deadlines repeat their years. */
      minTableYearMentions: 2,
    },
    /** Rows the parser may have lost: text after the table's end, gaps in its numbering (missing-rows.ts). */
    missingRows: {
      /**
       * A numbered line after the table's end counts as a lost row only when its number starts
       * this close (pt) to where the stored rows' numbers start: 20 pt is how far a scanned
       * sheet may lie from the header page's (table.maxPageShift), plus a few for a number set
       * indented in its cell. An item "2)" inside a wrapped activity cell sits a column further
       * right.
       */
      numberColumnSlack: 30,
      /**
       * Largest step between two numbers after the table's end that still continues the
       * sequence (1.8 → 1.10 when the line with 1.9 was read as prose): a larger jump is
       * another numbering (a list in a note, a second table), and the scan stops there.
       */
      maxSequenceStep: 3,
      /**
       * A plan without row numbers: lines after the table's end that fill at least this many
       * of its columns, with no word across a column boundary, are rows of it. A signature
       * ("Начальник управления ______ И.И. Иванов") fills two at most.
       */
      minColumnarCells: 3,
      /**
       * Plans whose stored rows carry a readable number in at least this share are checked by
       * their numbering; below it (unnumbered plans, or numbers only on section headings) by
       * the columns.
       */
      numberedShare: 0.5,
    },
  },
  normalize: {
    /** Abbreviation discovery (actors-abbreviations.ts). */
    abbreviations: {
      /** Longer "(далее – …)" texts are descriptions, not names a cell would repeat. */
      maxAbbreviationChars: 40,
      /**
       * Comma-separated pieces a defining phrase may span backwards: names like "Управление
       * образования, культуры и спорта" contain commas, but reaching further picks up the sentence.
       */
      maxDefinitionPieces: 3,
    },
    /** The phrase matcher of responsible parties (actors-matcher.ts). */
    actorMatch: {
      /** Foreign words allowed between two consecutive phrase words: "отдел [по] образованию". */
      defaultGap: 1,
      /** Words a `*` in a phrase allows: "низкими [уровнем образовательных] результатами". */
      wideGap: 3,
      /**
       * Stems shorter than this are never fuzzy-matched: at five letters one edit already turns
       * one common word into another ("работ" / "рабоч"), while OCR slips in long words
       * ("управлеиие") are safe to repair.
       */
      minFuzzyStemLength: 6,
    },
    /** Dictionary repair of OCR'd words (spelling.ts), against the OCR model's own word list. */
    spelling: {
      /**
       * Shorter words are never changed by an edit (alone or joined from two pieces): among
       * 2–4 letter words one edit turns almost any word into several others
       * ("план"/"плат"/"плана"), and joined pieces into anything ("ц бль" → "цель").
       */
      minWordLetters: 5,
      /** Edits allowed in a word of minWordLetters up to longWordLetters - 1 letters: one OCR slip. */
      shortWordEdits: 1,
      /**
       * From this length on two slips are repaired: long Russian words have few neighbours
       * at distance 2 ("образоватеьных" has one at 1 and three at 2), short ones have many.
       */
      longWordLetters: 10,
      longWordEdits: 2,
      /**
       * Edits allowed in a word joined from two tokens: the letter misread as a gap is often
       * lost or misread itself ("Но мативно", "Но эмативно" → "Нормативно").
       */
      joinEdits: 1,
      /**
       * Edits repaired even when the document never writes the candidate. A lone word is only
       * repaired to a word the document uses elsewhere (0): the list lacks many correct forms,
       * and on 57,000 words of correct Russian (man pages, TypeScript messages) unvouched
       * one-edit repairs changed 0.17 % of words ("литерал" → "либерал", "дефисом" →
       * "денисом"), vouched ones 0.01 %. A split word is evidence of a misreading in itself,
       * so a join may take its one edit unvouched ("Но эмативно" → "Нормативно").
       */
      wordUnvouchedEdits: 0,
      joinUnvouchedEdits: 1,
      /** All-capital words up to this length are abbreviations (ШНОР, МОУО, МБОУ, ЦНППМ), never words to repair. */
      maxAbbreviationLetters: 6,
    },
    /** Deadline spelling (deadlines-lexer.ts). */
    deadlineLexer: {
      /** Month names this long or longer may carry one OCR slip ("сеитября"); shorter ones are too alike (июнь/июль). */
      minFuzzyMonthLength: 6,
      /** Edit distance per letter tolerated in a month name (Settings.normalize.maxVocabularyEditRatio's role). */
      monthEditRatio: 0.2,
      /** Years outside this window are numbers, not years (a plan's horizon never leaves it). */
      minYear: 1990,
      maxYear: 2100,
    },
  },
  /** Database connections (open-database.ts). */
  store: {
    /**
     * How long a connection waits for another process's write lock before giving up. One
     * document's transaction takes milliseconds, so 10 s lets two `ingest` runs on one file
     * take turns, and still fails fast enough when a process hangs holding the lock.
     */
    busyTimeoutMs: 10_000,
    /**
     * Switching a fresh file to WAL needs an exclusive lock, and SQLite answers BUSY at once
     * instead of calling the busy handler when a second process is reading it at that moment;
     * the switch is retried with these growing pauses until the busy timeout runs out.
     */
    walRetryFirstMs: 5,
    walRetryMaxMs: 100,
  },
  /** The batch's file worker threads (file-pool.ts). */
  batch: {
    /** Files a worker processes before it is replaced, releasing whatever pdf.js or wasm kept. */
    recycleAfterFiles: 50,
    /**
     * Heap a file worker may use — the per-file memory budget: a file needing more fails alone
     * as too_large instead of taking the batch down. The batch's memory is then bounded by its
     * concurrency (each worker ~this plus decoded pages), not by its worst file: a 90 MB
     * document.xml alone took 1.2 GB of RSS at 4 GB. The digital corpus, a 5-page scan
     * with OCR, a phone photo, 300 corpus files in one batch and a 1,000-page PDF pass within it.
     */
    workerHeapMb: 384,
  },
} as const;
