import type { InkMask } from './image-binarize.js';
import type { GrayImage } from './ocr-engine.js';
import { nextSet, quadsOf } from './mask-scan.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.deskew;

export interface SkewEstimate {
  /** Clockwise rotation of the content (degrees); undo it by rotating by the opposite. */
  degrees: number;
  /**
   * Peakedness of the row profile at that angle: sum of squared bin counts over the same sum
   * for the sample spread uniformly over the rows it covers. Text rows and ruling lines give
   * values well above 1; the same page turned 90° gives a much flatter profile.
   */
  strength: number;
}

interface Samples {
  xs: Float32Array;
  ys: Float32Array;
  n: number;
}

/**
 * What counts as ink: the set pixels of a mask, or the pixels of a grey page at or below a
 * threshold (so the skew of a page can be measured before any mask of it is built).
 */
export type InkSource = InkMask | { gray: GrayImage; threshold: number };

/** Ink pixel coordinates, every k-th so about `max` are kept. */
function sampleInk(source: InkSource, max: number): Samples {
  const mask = 'gray' in source ? source.gray : source;
  // One table lookup per pixel serves both kinds of source.
  const isInk = new Uint8Array(256);
  if ('gray' in source) isInk.fill(1, 0, source.threshold + 1);
  else isInk.fill(1, 1);
  const data = mask.data;
  // The stride comes from the ink of every fourth row: a full counting pass cost as much as
  // the sampling itself.
  let quarter = 0;
  for (let y = 0; y < mask.height; y += 4) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) quarter += isInk[data[row + x]!]!;
  }
  const stride = Math.max(1, Math.ceil((quarter * 4) / max));
  const capacity = Math.ceil((quarter * 4 * 1.25) / stride) + 16;
  const xs = new Float32Array(capacity);
  const ys = new Float32Array(capacity);
  // A mask's blank runs are passed over at once; a grey page's paper is not zero, so it is
  // read pixel by pixel.
  const quads = 'gray' in source ? null : quadsOf(data);
  let skip = 0;
  let k = 0;
  for (let y = 0; y < mask.height && k < capacity; y++) {
    const row = y * mask.width;
    const end = row + mask.width;
    for (let i = row; i < end; i++) {
      if (quads !== null && (i = nextSet(data, quads, i, end)) === end) break;
      if (isInk[data[i]!] === 0 || skip-- > 0) continue;
      skip = stride - 1;
      xs[k] = i - row;
      ys[k] = y;
      if (++k >= capacity) break;
    }
  }
  return { xs, ys, n: k };
}

const transposed = (s: Samples): Samples => ({ xs: s.ys, ys: s.xs, n: s.n });

/** Sum of squared bin counts of y − x·tan(angle), in 1-pixel bins, over every `step`-th sample. */
function profileEnergy(s: Samples, degrees: number, bins: Uint32Array, offset: number, step = 1): number {
  bins.fill(0);
  const t = Math.tan((degrees * Math.PI) / 180);
  for (let i = 0; i < s.n; i += step) {
    // Offset keeps the value positive, so truncating after +0.5 rounds.
    const b = (s.ys[i]! - s.xs[i]! * t + offset + 0.5) | 0;
    if (b >= 0 && b < bins.length) bins[b]!++;
  }
  let e = 0;
  for (let i = 0; i < bins.length; i++) {
    const c = bins[i]!;
    e += c * c;
  }
  return e;
}

function occupiedSpan(bins: Uint32Array): number {
  let first = -1;
  let last = -1;
  for (let i = 0; i < bins.length; i++) {
    if (bins[i]! > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? 1 : last - first + 1;
}

/**
 * Skew of the text rows / ruling lines by projection-profile energy: when the projection
 * direction matches the rows, ink piles into few bins and the sum of squares peaks.
 * `transpose` measures the columns instead (for 90° orientation checks).
 */
export function estimateSkew(source: InkSource, opts: { maxDegrees?: number; transpose?: boolean; fine?: boolean } = {}): SkewEstimate {
  const s = sampleInk(source, D.maxSamples);
  return skewOfSamples(s, 'gray' in source ? source.gray : source, opts);
}

/**
 * Profile strength of the rows and of the columns of the same ink, for the 90° check: one
 * sampling pass serves both (the columns are the samples with their axes swapped).
 */
export function rowAndColumnProfiles(mask: InkMask, maxDegrees: number): { rows: SkewEstimate; cols: SkewEstimate } {
  const s = sampleInk(mask, D.maxSamples);
  return {
    rows: skewOfSamples(s, mask, { maxDegrees, fine: false }),
    cols: skewOfSamples(s, mask, { maxDegrees, fine: false, transpose: true }),
  };
}

function skewOfSamples(samples: Samples, mask: InkMask, opts: { maxDegrees?: number; transpose?: boolean; fine?: boolean }): SkewEstimate {
  const maxDeg = opts.maxDegrees ?? D.maxDegrees;
  const transpose = opts.transpose ?? false;
  const s = transpose ? transposed(samples) : samples;
  if (s.n < 50) return { degrees: 0, strength: 0 };
  const across = transpose ? mask.width : mask.height;
  const along = transpose ? mask.height : mask.width;
  const offset = Math.ceil(along * Math.tan((maxDeg * Math.PI) / 180)) + 2;
  const bins = new Uint32Array(across + 2 * offset);

  let bestDeg = 0;
  let bestE = -1;
  const scan = (from: number, to: number, step: number, sampleStep: number): void => {
    const steps = Math.round((to - from) / step);
    bestE = -1;
    for (let i = 0; i <= steps; i++) {
      const d = from + i * step;
      const e = profileEnergy(s, d, bins, offset, sampleStep);
      // Prefer the smaller correction on ties so a clean page is left alone.
      if (e > bestE || (e === bestE && Math.abs(d) < Math.abs(bestDeg))) {
        bestE = e;
        bestDeg = d;
      }
    }
  };
  scan(-maxDeg, maxDeg, D.coarseStepDegrees, Math.max(1, Math.floor(s.n / D.coarseSamples)));
  const c = bestDeg;
  if (opts.fine ?? true) {
    scan(c - D.coarseStepDegrees, c + D.coarseStepDegrees, D.fineStepDegrees, 1);
  }

  const e = profileEnergy(s, bestDeg, bins, offset);
  const uniform = (s.n * s.n) / occupiedSpan(bins);
  return { degrees: Math.round(bestDeg * 1000) / 1000, strength: e / uniform };
}
