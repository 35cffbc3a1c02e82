import { binarizeTwo, flattenBackground, histogram, inkBounds, inkThreshold, paperThreshold, ruleThreshold, type InkMask } from './image-binarize.js';
import { estimateSkew, rowAndColumnProfiles } from './image-deskew.js';
import { cropGray, resizeGray, rotateQuarter, rotateSmall } from './image-gray.js';
import { lineSharpness, measureCurl, removeCurl } from './image-dewarp.js';
import { findPageQuad, warpQuad } from './image-perspective.js';
import { eraseRules, findRuleSegments, forRulePixels, type PixelRule } from './image-rules.js';
import { measureTableSides, squareTable } from './image-table-square.js';
import type { GrayImage } from './ocr-engine.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.preprocess;

export interface PreparedPage {
  /** Upright, deskewed, shading-flattened page: what is recognised. */
  image: GrayImage;
  /** Ink of `image` (1 = dark). */
  mask: InkMask;
  /** `mask` with the ruling lines cleared: the text alone. */
  text: InkMask;
  /** Ruling lines of `image`, in its pixels. */
  rules: PixelRule[];
  /** Grey level from which a pixel of `image` is clean paper (see paperThreshold). */
  paperFrom: number;
  /** Skew removed (degrees, clockwise positive as found). */
  skewDegrees: number;
  /** Quarter turns clockwise applied to make text rows horizontal (0 or 1; 180° is decided by OCR). */
  quarterTurns: number;
  /**
   * Row-profile strength over column-profile strength of the rule-free ink: > 1 for
   * horizontal text. Near 1 the orientation is uncertain and worth checking by OCR.
   */
  orientationRatio: number;
  /** True when a photographed sheet was found and its perspective removed. */
  dewarped: boolean;
  /** Page curl removed (largest displacement, pixels; 0 when none was measured). */
  curlPx: number;
}

/** Ink of the mask with the ruling lines' pixels cleared, so only text is measured. */
export function withoutRules(mask: InkMask, rules: readonly PixelRule[]): InkMask {
  const data = new Uint8Array(mask.data);
  for (const r of rules) forRulePixels(r, mask.width, mask.height, 1, (i) => { data[i] = 0; });
  return { ...mask, data };
}

/** Deskews a flattened page; returns the straightened image, its ink and its rules. */
async function straighten(img: GrayImage): Promise<{ image: GrayImage; mask: InkMask; rules: PixelRule[]; skew: number; paperFrom: number }> {
  const hist = histogram(img);
  // Skew is read off the grey page itself: a mask built before the rotation would be thrown away.
  const skew = estimateSkew({ gray: img, threshold: inkThreshold(hist) }).degrees;
  const image = Math.abs(skew) >= TUNING.ingest.deskew.minCorrectionDegrees ? rotateSmall(img, -skew) : img;
  const h = image === img ? hist : histogram(image);
  // Rules are looked for in their own, lighter mask: thin grey borders fall out of the text's.
  const [mask, ruleMask] = binarizeTwo(image, inkThreshold(h), ruleThreshold(h));
  const rules = findRuleSegments(ruleMask);
  return { image, mask, rules, skew, paperFrom: paperThreshold(h) };
}

/**
 * Straightens a page image for OCR: a photographed sheet is cut out of its background and
 * its perspective removed, shading is flattened, the skew removed, and a page turned by 90°
 * turned back. Each step works on any page image, whatever its source.
 */
export async function preparePage(input: GrayImage, opts: { keepOrientation?: boolean } = {}): Promise<PreparedPage> {
  let img = input;
  let dewarped = false;
  const quad = await findPageQuad(img);
  if (quad) {
    img = warpQuad(img, quad);
    // A photo's pixel density is not a physical resolution: take the sheet to be A4.
    img.dpi = Math.max(img.width, img.height) / D.assumedPageLongSideInches;
    dewarped = true;
  }
  if (img.dpi < D.minOcrDpi) {
    const k = D.upscaleToDpi / img.dpi;
    img = await resizeGray(img, img.width * k, img.height * k);
  }
  img = await flattenBackground(img);
  let s = await straighten(img);
  // Skew is measured the same on rows or columns; orientation only on text, since a table's
  // vertical rules make the column profile as peaky as the rows.
  let text = withoutRules(s.mask, s.rules);
  const { rows, cols } = rowAndColumnProfiles(text, 0.5);
  let orientationRatio = cols.strength > 0 ? rows.strength / cols.strength : 1;
  let quarterTurns = 0;
  if (!opts.keepOrientation && orientationRatio < D.quarterTurnRatio) {
    quarterTurns = 1;
    s = await straighten(await rotateQuarter(s.image, 1));
    text = withoutRules(s.mask, s.rules);
    orientationRatio = 1 / orientationRatio;
  }
  // A photographed sheet may not lie flat: its lines bow even once the outline is square.
  // Scans lie flat on glass, so they are left as they are.
  let curlPx = 0;
  if (dewarped) {
    const field = measureCurl(s.mask);
    if (field && field.amplitude >= TUNING.ingest.dewarp.minAmplitudePx) {
      // Kept only if the page's lines line up better for it: a field measured from strips that
      // matched the wrong lines would bend a flat page (seen: 68 px "curl" on a flat sheet
      // with a shadow across it, and the rows read wrong).
      const flat = await straighten(removeCurl(s.image, field));
      if (lineSharpness(flat.mask) > lineSharpness(s.mask) * (1 + TUNING.ingest.dewarp.minSharpnessGain)) {
        curlPx = field.amplitude;
        flat.skew += s.skew;
        s = flat;
      }
    }
  }
  // A table still leaning once the page is straight — a sheet whose outline was cut by the
  // frame, or a photo whose sheet was not found at all: its row rules' ends say by how much.
  // (A scan's table stands square, and its rules say so.)
  let squaredTable = false;
  {
    const sides = measureTableSides(dewarped ? s.rules.filter((r) => !inSheetEdge(r, s.image, D.photoEdgeShare)) : s.rules, s.image.width);
    if (sides) {
      const ys = s.rules.filter((r) => r.orientation === 'h').map((r) => r.at);
      const squared = await straighten(squareTable(s.image, sides, (Math.min(...ys) + Math.max(...ys)) / 2));
      squared.skew += s.skew;
      s = squared;
      squaredTable = true;
    }
  }
  const rules = dewarped ? s.rules.filter((r) => !inSheetEdge(r, s.image, D.photoEdgeShare)) : s.rules;
  // The text mask once more only when the page or its rules changed since it was taken.
  if (curlPx > 0 || squaredTable || rules.length !== s.rules.length) text = withoutRules(s.mask, rules);
  return { image: s.image, mask: s.mask, text, rules, paperFrom: s.paperFrom, skewDegrees: s.skew, quarterTurns, orientationRatio, dewarped, curlPx };
}

/** The image a page is recognised from, and where it sits on the prepared page (pixels). */
export interface RecognitionImage {
  image: GrayImage;
  left: number;
  top: number;
}

/**
 * The page as Tesseract is given it. Rules are erased: Tesseract reads borders as "|" and
 * drops short numbers pressed against them. The paper is made pure white from Otsu's split
 * up (paperThreshold): letters keep their grey edges for the recogniser, but the speckle
 * and shading left in the paper no longer reach it. Measured on ten corpus scan pages:
 * recognition 1,760 → 1,570 ms of CPU a page; the corpus scans ingest in 32 s instead of
 * 40, and the rows read exactly went up on the corpus scans and all three harsh sets.
 * The page is then cut to its text with a margin: the blank paper around it still cost
 * Tesseract ~4 % of a page (1,570 → 1,510 ms, 2,224 vs 2,222 words on the same pages).
 */
export function recognitionImage(prep: PreparedPage): RecognitionImage {
  const page = prep.image;
  const ink = inkBounds(prep.text);
  const margin = Math.round((D.recognitionMarginMm / 25.4) * page.dpi);
  const left = ink ? Math.max(0, ink.left - margin) : 0;
  const top = ink ? Math.max(0, ink.top - margin) : 0;
  const right = ink ? Math.min(page.width, ink.right + 1 + margin) : page.width;
  const bottom = ink ? Math.min(page.height, ink.bottom + 1 + margin) : page.height;
  // Cut first, so only the part that is sent is copied and cleaned.
  const cut = cropGray(page, { left, top, width: right - left, height: bottom - top });
  const data = cut.data;
  const from = prep.paperFrom;
  for (let i = 0; i < data.length; i++) if (data[i]! >= from) data[i] = 255;
  if (prep.dewarped) stretchFaintInk(data, from);
  const rules = prep.rules.map((r) =>
    r.orientation === 'h'
      ? { ...r, a0: r.a0 - top, a1: r.a1 - top, at: r.at - top, from: r.from - left, to: r.to - left, along: r.along - left }
      : { ...r, a0: r.a0 - left, a1: r.a1 - left, at: r.at - left, from: r.from - top, to: r.to - top, along: r.along - top },
  );
  return { image: eraseRules(cut, rules), left, top };
}

/**
 * Darkens faint ink: when even the darkest strokes are light grey (a blurred or coarse photo
 * enlarged for recognition, a pale print), the levels from the ink's own dark end up to the
 * paper are stretched over the full range. Tesseract's layout analysis dropped whole text
 * lines of such pages — the second line of every cell of a 1,080 px photo — and read them
 * all once the strokes were dark. Crisp pages, whose darkest ink is near black, are untouched.
 * Photos only: on 150-dpi scans, whose ink measures 50–68 here, the same stretch lost rows
 * (the generated LibreOffice scans' row F1 0.93+ → 0.90), on photos it gained (the 80
 * development photos' mean precision 0.83 → 0.87 against a stretch of the faintest alone).
 */
function stretchFaintInk(data: Uint8Array, paperFrom: number): void {
  const hist = new Uint32Array(256);
  let ink = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < paperFrom) { hist[v]!++; ink++; }
  }
  if (ink === 0) return;
  let seen = 0;
  let dark = 0;
  const want = ink * D.faintInkPercentile;
  while (dark < 255 && seen + hist[dark]! < want) seen += hist[dark++]!;
  if (dark < D.faintInkLevel || paperFrom - dark < 16) return;
  const lut = new Uint8Array(256);
  // The ink's dark end goes to a dark grey, not to black, and what is darker still keeps its
  // order below it: strokes keep their shape (stretched to black, the «I.» of a heading
  // merged with its neighbours into one blot).
  const target = D.faintInkTarget;
  for (let v = 0; v < 256; v++) {
    lut[v] = v >= paperFrom ? 255 : v <= dark ? Math.round((v * target) / dark) : Math.round(target + ((v - dark) * (255 - target)) / (paperFrom - dark));
  }
  for (let i = 0; i < data.length; i++) data[i] = lut[data[i]!]!;
}

/**
 * A "rule" in the outer band of a photographed sheet: no printer inks the outer millimetres,
 * but the cut-out keeps slivers of table there where the outline was fitted as straight lines
 * to a sheet that is not quite flat, and a dark sliver along the top, once the curl is
 * removed, is a perfect line across the page (one made a table start above its header).
 * Painting the band white instead cost more than it saved: the step it left at the band's
 * edge was read as a rule in turn.
 */
function inSheetEdge(r: PixelRule, img: GrayImage, share: number): boolean {
  const m = share * Math.max(img.width, img.height);
  const extent = r.orientation === 'h' ? img.height : img.width;
  return r.at < m || r.at > extent - m;
}
