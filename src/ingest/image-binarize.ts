import sharp from 'sharp';
import type { GrayImage } from './ocr-engine.js';
import { TUNING } from '../settings.js';
import { nextSet, quadsOf } from './mask-scan.js';

/** A 1-bit-per-byte mask of ink: 1 where the pixel is dark (text, rules), 0 for paper. */
export interface InkMask {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

const D = TUNING.ingest.binarize;

/** Paper brightness sampled on a coarse grid: one value per `block`×`block` pixels. */
export interface PaperGrid {
  grid: Uint8Array;
  gw: number;
  gh: number;
  block: number;
}

/**
 * Estimates the paper brightness on a coarse grid: a high percentile over blocks (text is
 * darker than its surroundings, so it ignores text), dilated by one block so blocks that fall
 * inside dense text still see paper, then blurred so block edges do not print into the page.
 */
export async function estimatePaper(img: GrayImage, blockMm = D.backgroundBlockMm): Promise<PaperGrid> {
  const block = Math.max(2, Math.round((blockMm / 25.4) * img.dpi));
  const bw = Math.ceil(img.width / block);
  const bh = Math.ceil(img.height / block);
  // Per block a high percentile rather than the maximum: on a noisy photo the maximum is a
  // noise spike, the paper estimate comes out too bright and the flattened paper stays grey.
  const maxes = new Uint8Array(bw * bh);
  const blockOfX = new Int32Array(img.width);
  for (let x = 0; x < img.width; x++) blockOfX[x] = Math.floor(x / block);
  const hist = new Uint32Array(bw * 256);
  // Every other pixel of every other row still leaves hundreds per block for the percentile,
  // and this pass was the costliest of the page preparation.
  const step = block >= D.subsampleFromBlockPx ? 2 : 1;
  for (let by = 0; by < bh; by++) {
    hist.fill(0);
    const y1 = Math.min(img.height, (by + 1) * block);
    for (let y = by * block; y < y1; y += step) {
      const row = y * img.width;
      for (let x = 0; x < img.width; x += step) hist[blockOfX[x]! * 256 + img.data[row + x]!]!++;
    }
    for (let bx = 0; bx < bw; bx++) {
      const base = bx * 256;
      let total = 0;
      for (let v = 0; v < 256; v++) total += hist[base + v]!;
      let above = total * (1 - D.paperPercentile);
      let v = 255;
      while (v > 0 && above >= hist[base + v]!) {
        above -= hist[base + v]!;
        v--;
      }
      maxes[by * bw + bx] = v;
    }
  }
  const dilated = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = by + dy;
        if (yy < 0 || yy >= bh) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = bx + dx;
          if (xx < 0 || xx >= bw) continue;
          const v = maxes[yy * bw + xx]!;
          if (v > m) m = v;
        }
      }
      dilated[by * bw + bx] = m;
    }
  }
  const blurred = await sharp(dilated, { raw: { width: bw, height: bh, channels: 1 } })
    .blur(Math.max(0.3, D.backgroundBlurBlocks))
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { grid: new Uint8Array(blurred.buffer, blurred.byteOffset, bw * bh), gw: bw, gh: bh, block };
}

/** Bilinear sampling positions of every pixel column/row between grid centres. */
function interpolationTable(n: number, cells: number, block: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const f = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const g = Math.min(cells - 1, Math.max(0, (p + 0.5) / block - 0.5));
    const a = Math.floor(g);
    i0[p] = a;
    i1[p] = Math.min(cells - 1, a + 1);
    f[p] = g - a;
  }
  return { i0, i1, f };
}

/**
 * Divides the image by its paper estimate: uneven lighting, yellowed paper and grey scan
 * margins become white while ink keeps its contrast against the paper around it. The grid is
 * interpolated row by row here rather than upsampled to a full-size raster first (that
 * alone took longer than the rest of the page preparation).
 */
export async function flattenBackground(img: GrayImage): Promise<GrayImage> {
  const { grid, gw, gh, block } = await estimatePaper(img);
  const even = evenPaper(grid);
  if (even !== null) return scaleToPaper(img, even);
  const cols = interpolationTable(img.width, gw, block);
  const rows = interpolationTable(img.height, gh, block);
  // Gain per paper level, in 1/256 steps: one multiply and a shift per pixel.
  const gain = new Uint32Array(256);
  for (let b = 1; b < 256; b++) gain[b] = Math.round((255 * 256) / b);
  const out = new Uint8Array(img.data.length);
  const src = img.data;
  const paperRow = new Float32Array(gw);
  for (let y = 0; y < img.height; y++) {
    const r0 = rows.i0[y]! * gw;
    const r1 = rows.i1[y]! * gw;
    const fy = rows.f[y]!;
    for (let gx = 0; gx < gw; gx++) paperRow[gx] = grid[r0 + gx]! + (grid[r1 + gx]! - grid[r0 + gx]!) * fy;
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) {
      const p0 = paperRow[cols.i0[x]!]!;
      const b = (p0 + (paperRow[cols.i1[x]!]! - p0) * cols.f[x]! + 0.5) | 0;
      const v = b === 0 ? 255 : (src[row + x]! * gain[b]! + 128) >>> 8;
      out[row + x] = v > 255 ? 255 : v;
    }
  }
  return { data: out, width: img.width, height: img.height, dpi: img.dpi };
}

/**
 * The paper level when it is the same all over the page (a flatbed scan, a rendered PDF):
 * then one gain for every pixel does what the interpolated grid would, at a fraction of the
 * cost. Null for shaded paper (a phone photo). The gain still matters on even grey paper:
 * Tesseract read "ОО" as "О{О)" on a page left at paper level 245 instead of white.
 */
function evenPaper(grid: Uint8Array): number | null {
  let lo = 255;
  let hi = 0;
  for (const v of grid) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo <= D.evenPaperSpread ? Math.round((lo + hi) / 2) : null;
}

function scaleToPaper(img: GrayImage, paper: number): GrayImage {
  if (paper >= 255 || paper === 0) return img;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.round((v * 255) / paper));
  const out = new Uint8Array(img.data.length);
  const src = img.data;
  for (let i = 0; i < out.length; i++) out[i] = lut[src[i]!]!;
  return { data: out, width: img.width, height: img.height, dpi: img.dpi };
}

/** Otsu's threshold of a 256-bin histogram: the split maximising between-class variance. */
export function otsuThreshold(hist: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    const h = hist[i] ?? 0;
    total += h;
    sum += i * h;
  }
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] ?? 0);
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/**
 * Grey-level histogram of every other row: a threshold read off millions of pixels does not
 * move when half of them are left out (checked on the corpus pages), and the full pass was
 * one of the costlier steps of the page preparation.
 */
export function histogram(img: GrayImage): Uint32Array {
  const hist = new Uint32Array(256);
  const data = img.data;
  const rowStep = img.height >= D.histogramHalfRowsFrom ? 2 : 1;
  for (let y = 0; y < img.height; y += rowStep) {
    const end = (y + 1) * img.width;
    for (let i = y * img.width; i < end; i++) hist[data[i]!]!++;
  }
  return hist;
}

/**
 * Threshold for the ink mask of a flattened page: halfway between Otsu's split and the mean
 * of the ink it separates. Otsu alone sits too close to the paper on blurred, low-contrast
 * pages (phone photos: 190 of 255), fattening letters until neighbours merge into long dark
 * runs that look like ruling lines; on crisp scans the midpoint still keeps thin rules whole.
 */
export function inkThreshold(hist: ArrayLike<number>): number {
  const otsu = otsuThreshold(hist);
  let n = 0;
  let sum = 0;
  for (let v = 0; v <= otsu; v++) {
    const h = hist[v] ?? 0;
    n += h;
    sum += v * h;
  }
  return n === 0 ? otsu : Math.round((otsu + sum / n) / 2);
}

/**
 * Threshold for finding ruling lines: anything darker than the paper by `share` of the
 * paper-to-ink contrast. Thin table borders are often printed grey, and a 1-px line loses
 * more contrast when the page is deskewed (interpolation), so they sit far above the text
 * threshold (a border at 160–165 on a page whose text threshold is 138) and vanish from the
 * text mask. Text strokes are not at risk of becoming rules here: rules must also be long,
 * continuous and thin everywhere across (image-rules.ts).
 */
export function ruleThreshold(hist: ArrayLike<number>, share: number = D.ruleContrastShare): number {
  const otsu = otsuThreshold(hist);
  let inkN = 0;
  let inkSum = 0;
  let paperN = 0;
  for (let v = 0; v < 256; v++) {
    const h = hist[v] ?? 0;
    if (v <= otsu) {
      inkN += h;
      inkSum += v * h;
    } else paperN += h;
  }
  if (inkN === 0 || paperN === 0) return otsu;
  // Paper level: the median of the pixels above Otsu's split.
  let seen = 0;
  let paper = 255;
  for (let v = otsu + 1; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen * 2 >= paperN) {
      paper = v;
      break;
    }
  }
  return Math.round(paper - share * (paper - inkSum / inkN));
}

/**
 * Grey level from which a pixel is paper in the image handed to the recogniser (see
 * recognitionImage): just above Otsu's split, the level Tesseract's own binarisation
 * separates ink from paper at. Measured on the corpus scans and three sets of harsher
 * generated scans: whitening from here cost no words, while lighter levels (10–40 % of the
 * contrast below the paper) left part of the noise and read worse on the harsh sets; a
 * binary page read fewer rows exactly (the recogniser uses the grey edges of letters).
 */
export function paperThreshold(hist: ArrayLike<number>): number {
  return otsuThreshold(hist) + 1;
}

/** Two masks of one image in one pass: the text's and the lighter one rules are looked for in. */
export function binarizeTwo(img: GrayImage, first: number, second: number): [InkMask, InkMask] {
  const a = new Uint8Array(img.width * img.height);
  const b = new Uint8Array(img.width * img.height);
  const src = img.data;
  for (let i = 0; i < a.length; i++) {
    const v = src[i]!;
    a[i] = v <= first ? 1 : 0;
    b[i] = v <= second ? 1 : 0;
  }
  const frame = { width: img.width, height: img.height, dpi: img.dpi };
  return [{ data: a, ...frame }, { data: b, ...frame }];
}

/** Ink mask of an image whose background has been flattened (a global threshold is then enough). */
export function binarize(img: GrayImage, threshold = inkThreshold(histogram(img))): InkMask {
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i]! <= threshold ? 1 : 0;
  return { data, width: img.width, height: img.height, dpi: img.dpi };
}

/** Smallest rectangle holding every set pixel of a mask, or null for an empty mask. */
export function inkBounds(mask: InkMask): { left: number; top: number; right: number; bottom: number } | null {
  const { width, height, data } = mask;
  const quads = quadsOf(data);
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const end = row + width;
    const first = nextSet(data, quads, row, end);
    if (first === end) continue;
    let last = first;
    for (let i = nextSet(data, quads, first + 1, end); i < end; i = nextSet(data, quads, i + 1, end)) last = i;
    if (top < 0) top = y;
    bottom = y;
    left = Math.min(left, first - row);
    right = Math.max(right, last - row);
  }
  return top < 0 ? null : { left, top, right, bottom };
}
