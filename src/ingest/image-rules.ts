import type { Rule } from '../model/document.js';
import type { InkMask } from './image-binarize.js';
import type { GrayImage } from './ocr-engine.js';
import { nextSet, quadsOf } from './mask-scan.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.rules;

/** A rule found in pixels: rows `a0..a1` across, `from..to` along (inclusive). */
export interface PixelRule {
  orientation: 'h' | 'v';
  a0: number;
  a1: number;
  /** Ink-weighted centre across the line. */
  at: number;
  from: number;
  to: number;
}

interface Cluster {
  a0: number;
  a1: number;
  from: number;
  to: number;
  ink: number;
  atSum: number;
  done: boolean;
  /** Runs that make up the cluster, for the coverage along the line. */
  pieces: Array<[number, number]>;
}

/** Length covered by the union of intervals (inclusive ends). */
function coverage(pieces: Array<[number, number]>): number {
  const sorted = [...pieces].sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let curFrom = -1;
  let curTo = -2;
  for (const [f, t] of sorted) {
    if (f > curTo + 1) {
      covered += curTo - curFrom + 1;
      curFrom = f;
      curTo = t;
    } else if (t > curTo) curTo = t;
  }
  return covered + (curTo - curFrom + 1);
}

const mmToPx = (mm: number, dpi: number): number => (mm / 25.4) * dpi;

/**
 * Thickness of the ink crossing the line's centre, sampled along it (upper quartile). A rule
 * is as thin as its stroke everywhere except where text or a crossing rule touches it; a row
 * of bold or blurred letters merged into a long run is as thick as the letters' stems
 * (x-height, 2 mm and more) wherever a stem stands, which is far more than a quarter of it.
 */
function crossingThickness(data: Uint8Array, len: number, lines: number, c: Cluster, centre: number, maxSamples = 200): number {
  const step = Math.max(1, Math.floor((c.to - c.from + 1) / maxSamples));
  const runs: number[] = [];
  for (let t = c.from; t <= c.to; t += step) {
    let a = -1;
    for (let d = 0; d <= c.a1 - c.a0 + 1 && a < 0; d++) {
      if (centre - d >= 0 && data[(centre - d) * len + t] !== 0) a = centre - d;
      else if (centre + d < lines && data[(centre + d) * len + t] !== 0) a = centre + d;
    }
    if (a < 0) continue;
    let lo = a;
    let hi = a;
    while (lo > 0 && data[(lo - 1) * len + t] !== 0) lo--;
    while (hi < lines - 1 && data[(hi + 1) * len + t] !== 0) hi++;
    runs.push(hi - lo + 1);
  }
  if (runs.length === 0) return Infinity;
  runs.sort((p, q) => p - q);
  return runs[Math.floor(runs.length * 0.75)]!;
}

/** Horizontal rules of a mask laid out as `lines` rows of `len` pixels (row-major). */
function findAlong(data: Uint8Array, len: number, lines: number, dpi: number, minLenMm: number, orientation: 'h' | 'v'): PixelRule[] {
  const closeGap = Math.max(1, Math.round(mmToPx(D.closeGapMm, dpi)));
  const minPiece = mmToPx(D.minPieceMm, dpi);
  const joinGap = mmToPx(D.joinGapMm, dpi);
  const minLen = mmToPx(minLenMm, dpi);
  const maxThick = mmToPx((D.maxThicknessPt / 72) * 25.4, dpi) + D.blurAllowancePx;

  const quads = quadsOf(data);

  const clusters: Cluster[] = [];
  let active: Cluster[] = [];
  for (let a = 0; a < lines; a++) {
    const row = a * len;
    // Clusters not continued on the previous line are closed for good.
    active = active.filter((c) => {
      if (c.a1 < a - 1) {
        c.done = true;
        return false;
      }
      return true;
    });
    let x = 0;
    while (x < len) {
      x = nextSet(data, quads, row + x, row + len) - row;
      if (x === len) break;
      const start = x;
      let ink = 0;
      let end = x;
      let gap = 0;
      while (x < len && gap <= closeGap) {
        if (data[row + x] !== 0) {
          ink++;
          end = x;
          gap = 0;
        } else gap++;
        x++;
      }
      const length = end - start + 1;
      if (length < minPiece || ink < 0.8 * length) continue;
      let target: Cluster | undefined;
      for (const c of active) {
        if (start <= c.to + joinGap && end >= c.from - joinGap) {
          if (target === undefined) {
            target = c;
          } else {
            // The piece bridges two clusters: fold the second into the first.
            target.a0 = Math.min(target.a0, c.a0);
            target.from = Math.min(target.from, c.from);
            target.to = Math.max(target.to, c.to);
            target.ink += c.ink;
            target.atSum += c.atSum;
            target.pieces.push(...c.pieces);
            c.done = true;
            c.ink = 0;
          }
        }
      }
      if (target === undefined) {
        target = { a0: a, a1: a, from: start, to: end, ink: 0, atSum: 0, done: false, pieces: [] };
        clusters.push(target);
        active.push(target);
      }
      target.a1 = a;
      target.from = Math.min(target.from, start);
      target.to = Math.max(target.to, end);
      target.ink += ink;
      target.atSum += ink * a;
      target.pieces.push([start, end]);
      active = active.filter((c) => !(c.done && c.ink === 0));
    }
  }

  const out: PixelRule[] = [];
  for (const c of clusters) {
    if (c.ink === 0) continue;
    const extent = c.to - c.from + 1;
    const thickness = c.a1 - c.a0 + 1;
    if (extent < minLen || thickness > maxThick) continue;
    if (coverage(c.pieces) < D.minFill * extent) continue;
    const at = c.atSum / c.ink;
    if (crossingThickness(data, len, lines, c, Math.round(at)) > maxThick) continue;
    out.push({ orientation, a0: c.a0, a1: c.a1, at, from: c.from, to: c.to });
  }
  return out;
}

/**
 * Columns become rows, so vertical rules are found by the same row scan. In tiles: a plain
 * row-by-row transpose writes a full column stride apart on every pixel and missed the cache
 * on each, which made it cost as much as the search itself.
 */
function transpose(mask: InkMask): Uint8Array {
  const { width, height, data } = mask;
  const t = new Uint8Array(width * height);
  const T = D.transposeTile;
  for (let y0 = 0; y0 < height; y0 += T) {
    const y1 = Math.min(height, y0 + T);
    for (let x0 = 0; x0 < width; x0 += T) {
      const x1 = Math.min(width, x0 + T);
      for (let y = y0; y < y1; y++) {
        const row = y * width;
        for (let x = x0; x < x1; x++) t[x * height + y] = data[row + x]!;
      }
    }
  }
  return t;
}

/** Ruling lines of a deskewed ink mask, in pixels. */
export function findRuleSegments(mask: InkMask): PixelRule[] {
  const h = findAlong(mask.data, mask.width, mask.height, mask.dpi, D.minHorizontalMm, 'h');
  const v = findAlong(transpose(mask), mask.height, mask.width, mask.dpi, D.minVerticalMm, 'v');
  return [...h, ...v];
}

/** Pixel rules → model rules in PDF points (top-left origin). */
export function rulesToPoints(rules: readonly PixelRule[], dpi: number): Rule[] {
  const k = 72 / dpi;
  return rules.map((r) => ({
    orientation: r.orientation,
    at: round2((r.at + 0.5) * k),
    from: round2(r.from * k),
    to: round2((r.to + 1) * k),
  }));
}

/** Ruling lines of a deskewed ink mask, in points. */
export function detectRules(mask: InkMask): Rule[] {
  return rulesToPoints(findRuleSegments(mask), mask.dpi);
}

/**
 * Paints the rules white, in place: the whole band of the line, widened by `pad` pixels for the grey
 * fringe blur and JPEG leave (a fringe left behind reads as dashes and specks). Tesseract
 * reads borders next to text as "|", "[" or glues them to words ("|МОУО"), and drops short
 * numbers squeezed against them.
 */
export function eraseRules(img: GrayImage, rules: readonly PixelRule[], pad = 2): GrayImage {
  // Rules may lie partly or wholly outside the image (a cut of the page): the bounds below
  // clip them, and one wholly outside paints nothing.
  const data = img.data;
  for (const r of rules) {
    const a0 = Math.max(0, r.a0 - pad);
    const a1 = Math.min((r.orientation === 'h' ? img.height : img.width) - 1, r.a1 + pad);
    const from = Math.max(0, r.from - pad);
    const to = Math.min((r.orientation === 'h' ? img.width : img.height) - 1, r.to + pad);
    for (let a = a0; a <= a1; a++) {
      if (r.orientation === 'h') data.fill(255, a * img.width + from, a * img.width + to + 1);
      else for (let t = from; t <= to; t++) data[t * img.width + a] = 255;
    }
  }
  return img;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
