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
  /**
   * The line's run off the axis: its centre across at `t` along is `at + slope·(t − along)`
   * (0 for a rule drawn true; a photo's undone perspective leaves rules slanted slightly).
   */
  slope: number;
  along: number;
  /** The stroke's thickness where crossed (px). */
  stroke: number;
  /**
   * The stroke's pixels across at each point along (from…to): its first and last pixel as
   * offsets from round(at), or -32768 where the line has a gap. A photo's rules bow and bend
   * where the sheet did; painting out a straight band about such a line took the letters
   * beside it with it.
   */
  track?: Int16Array;
}

const NO_INK = -32768;

/** Centre across of a rule at `t` along it. */
function acrossAt(r: PixelRule, t: number): number {
  return r.at + r.slope * (t - r.along);
}

/**
 * Half the band a rule's pixels fill about its centre line: the stroke, or for a rule bent
 * rather than slanted, what of its band across the straight line does not account for.
 */
function halfBand(r: PixelRule): number {
  const residual = r.a1 - r.a0 + 1 - Math.abs(r.slope) * (r.to - r.from);
  return Math.max(r.stroke, residual) / 2;
}

interface Cluster {
  a0: number;
  a1: number;
  from: number;
  to: number;
  ink: number;
  atSum: number;
  /**
   * Sums over the pixels of its pieces (each run counted whole along): n, a, t, t², t·a — the
   * least-squares slope of the line. A piece's middle alone says nothing where every run
   * spans the whole segment (a short border in the header), and gave slopes of 2–3 there.
   */
  nSum: number;
  aSum: number;
  tSum: number;
  ttSum: number;
  taSum: number;
  done: boolean;
  /** Runs that make up the cluster, for the coverage along the line. */
  pieces: Array<[number, number]>;
}

/** 0² + 1² + … + k². */
const sumOfSquares = (k: number): number => (k * (k + 1) * (2 * k + 1)) / 6;

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
function crossingThickness(data: Uint8Array, len: number, lines: number, c: Cluster, at: number, slope: number, along: number, maxSamples = 200): number {
  const step = Math.max(1, Math.floor((c.to - c.from + 1) / maxSamples));
  const runs: number[] = [];
  for (let t = c.from; t <= c.to; t += step) {
    const centre = Math.round(at + slope * (t - along));
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
  const maxSlant = Math.tan((D.maxSlantDegrees * Math.PI) / 180);

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
            target.nSum += c.nSum;
            target.aSum += c.aSum;
            target.tSum += c.tSum;
            target.ttSum += c.ttSum;
            target.taSum += c.taSum;
            target.pieces.push(...c.pieces);
            c.done = true;
            c.ink = 0;
          }
        }
      }
      if (target === undefined) {
        target = { a0: a, a1: a, from: start, to: end, ink: 0, atSum: 0, nSum: 0, aSum: 0, tSum: 0, ttSum: 0, taSum: 0, done: false, pieces: [] };
        clusters.push(target);
        active.push(target);
      }
      target.a1 = a;
      target.from = Math.min(target.from, start);
      target.to = Math.max(target.to, end);
      target.ink += ink;
      target.atSum += ink * a;
      const n = end - start + 1;
      const st = (n * (start + end)) / 2;
      const stt = sumOfSquares(end) - sumOfSquares(start - 1);
      target.nSum += n;
      target.aSum += n * a;
      target.tSum += st;
      target.ttSum += stt;
      target.taSum += st * a;
      target.pieces.push([start, end]);
      active = active.filter((c) => !(c.done && c.ink === 0));
    }
  }

  const out: PixelRule[] = [];
  for (const c of clusters) {
    if (c.ink === 0) continue;
    const extent = c.to - c.from + 1;
    const thickness = c.a1 - c.a0 + 1;
    // A long rule left slightly slanted (a photo's perspective undone to within a fraction of
    // a degree) spans more across than its stroke; its stroke is checked where it is crossed.
    if (extent < minLen || thickness > maxThick + extent * maxSlant) continue;
    if (coverage(c.pieces) < D.minFill * extent) continue;
    const at = c.atSum / c.ink;
    const along = c.tSum / c.nSum;
    const spread = c.ttSum / c.nSum - along * along;
    const fitted = spread > 0 ? (c.taSum / c.nSum - along * (c.aSum / c.nSum)) / spread : 0;
    // Within what a rule may lean (a steeper fit is noise of a short, thick segment).
    const slope = Math.max(-maxSlant, Math.min(maxSlant, fitted));
    const stroke = crossingThickness(data, len, lines, c, at, slope, along);
    if (stroke > maxThick) continue;
    const rule: PixelRule = { orientation, a0: c.a0, a1: c.a1, at, from: c.from, to: c.to, slope, along, stroke };
    rule.track = trackOf(data, len, lines, rule);
    out.push(rule);
  }
  return out;
}

/**
 * Follows the stroke along a rule: at each point, the run of ink nearest to where the line ran
 * a point before (starting on the fitted line), as long as the run is a stroke's thickness;
 * where a letter touches the line the run is longer, and the stroke is taken where it was.
 */
function trackOf(data: Uint8Array, len: number, lines: number, r: PixelRule): Int16Array {
  const n = r.to - r.from + 1;
  const track = new Int16Array(2 * n).fill(NO_INK);
  const base = Math.round(r.at);
  const reach = Math.ceil(halfBand(r)) + 2;
  const maxRun = r.stroke + 2;
  let prev = NaN;
  for (let t = r.from; t <= r.to; t++) {
    const fitted = acrossAt(r, t);
    const centre = Math.round(Number.isNaN(prev) ? fitted : prev);
    let a = -1;
    for (let d = 0; d <= reach && a < 0; d++) {
      for (const c of [centre - d, centre + d]) {
        if (a < 0 && c >= 0 && c < lines && Math.abs(c - fitted) <= reach && data[c * len + t] !== 0) a = c;
      }
    }
    if (a < 0) continue;
    let lo = a, hi = a;
    while (lo > 0 && a - lo < maxRun && data[(lo - 1) * len + t] !== 0) lo--;
    while (hi < lines - 1 && hi - a < maxRun && data[(hi + 1) * len + t] !== 0) hi++;
    if (hi - lo + 1 > maxRun) {
      if (Number.isNaN(prev)) continue;
      lo = Math.round(prev - r.stroke / 2);
      hi = Math.round(prev + r.stroke / 2);
    } else prev = (lo + hi) / 2;
    track[2 * (t - r.from)] = lo - base;
    track[2 * (t - r.from) + 1] = hi - base;
  }
  return track;
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
  for (const r of rules) forRulePixels(r, img.width, img.height, pad, (i) => { data[i] = 255; });
  return img;
}

/**
 * Calls `visit` with the index of every pixel of a rule's band widened by `pad`, following the
 * line where it runs slanted (a straight band over a slanted rule would take the letters
 * beside its ends with it). Pixels outside the image are skipped.
 */
export function forRulePixels(r: PixelRule, width: number, height: number, pad: number, visit: (i: number) => void): void {
  const across = r.orientation === 'h' ? height : width;
  const alongMax = (r.orientation === 'h' ? width : height) - 1;
  const half = (r.track ? r.stroke / 2 : halfBand(r)) + pad;
  const base = Math.round(r.at);
  const n = r.to - r.from + 1;
  const from = Math.max(0, r.from - pad);
  const to = Math.min(alongMax, r.to + pad);
  for (let t = from; t <= to; t++) {
    const k = 2 * Math.min(n - 1, Math.max(0, t - r.from));
    let a0: number, a1: number;
    if (r.track && r.track[k] !== NO_INK) {
      a0 = base + r.track[k]! - pad;
      a1 = base + r.track[k + 1]! + pad;
    } else {
      const c = acrossAt(r, t);
      a0 = Math.floor(c - half);
      a1 = Math.ceil(c + half);
    }
    for (let a = Math.max(0, a0); a <= Math.min(across - 1, a1); a++) visit(r.orientation === 'h' ? a * width + t : t * width + a);
  }
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
