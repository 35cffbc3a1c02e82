/**
 * Page curl in phone photos, flattened from the page's own lines. A sheet that does not lie
 * flat bows its text lines and rules: the perspective warp straightens the sheet's outline
 * but not what is inside it, and a row bowed by more than a line's pitch glues two table
 * rows together. The bow is measured by how far each vertical strip's row profile (ink per
 * pixel row) is shifted against its neighbour's — the rules and the text lines give the
 * profile its peaks — in a few horizontal bands, fitted as a smooth field (quadratic across
 * the page, linear down it), and removed by moving each column of pixels up or down.
 */
import type { InkMask } from './image-binarize.js';
import type { GrayImage } from './ocr-engine.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.dewarp;

/** Vertical displacement, in pixels, of the page's content at (x, y): content drawn at y + dy. */
export interface CurlField {
  /** Per band: coefficients of dy = a·X² + b·X, X = (x − centre) / (width / 2). */
  bands: { y: number; a: number; b: number }[];
  /** Largest displacement over the page (pixels). */
  amplitude: number;
}

function profile(mask: InkMask, x0: number, x1: number): Float32Array {
  const p = new Float32Array(mask.height);
  for (let y = 0; y < mask.height; y++) {
    let n = 0;
    const row = y * mask.width;
    for (let x = x0; x < x1; x++) n += mask.data[row + x]!;
    p[y] = n;
  }
  return p;
}

/**
 * How crisply the page's ink falls into rows: the sum of squares of the full-width row
 * profile over its squared total. Text lines and rules that run straight across the page
 * stack into tall narrow peaks; bowed ones smear into each other.
 */
export function lineSharpness(mask: InkMask): number {
  const p = profile(mask, 0, mask.width);
  let total = 0;
  let squares = 0;
  for (const n of p) {
    total += n;
    squares += n * n;
  }
  return total > 0 ? squares / (total * total) : 0;
}

/** Shift s (pixels) for which b(y + s) best matches a(y) over rows [y0, y1); with its correlation. */
function bestShift(a: Float32Array, b: Float32Array, y0: number, y1: number, maxShift: number): { shift: number; corr: number } {
  let ma = 0;
  for (let y = y0; y < y1; y++) ma += a[y]!;
  ma /= Math.max(1, y1 - y0);
  let best = { shift: 0, corr: -1 };
  for (let s = -maxShift; s <= maxShift; s++) {
    let sab = 0, saa = 0, sbb = 0, mb = 0, n = 0;
    for (let y = y0; y < y1; y++) {
      const yb = y + s;
      if (yb < 0 || yb >= b.length) continue;
      mb += b[yb]!;
      n++;
    }
    if (n < (y1 - y0) / 2) continue;
    mb /= n;
    for (let y = y0; y < y1; y++) {
      const yb = y + s;
      if (yb < 0 || yb >= b.length) continue;
      const da = a[y]! - ma, db = b[yb]! - mb;
      sab += da * db; saa += da * da; sbb += db * db;
    }
    const corr = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : -1;
    if (corr > best.corr) best = { shift: s, corr };
  }
  return best;
}

/**
 * Measures the curl of a straightened page from its ink. Null when the page has too little
 * structure to tell (then nothing is moved).
 */
export function measureCurl(mask: InkMask): CurlField | null {
  const { width: W, height: H } = mask;
  const strips = D.strips;
  const sw = Math.floor(W / strips);
  if (sw < 8) return null;
  const profiles = Array.from({ length: strips }, (_, k) => profile(mask, k * sw, (k + 1) * sw));
  // Neighbouring strips differ by little; a wider search would reach the next text line.
  const maxStep = Math.max(2, Math.round(D.maxStepShare * H));
  const bandH = H / D.bands;
  const bands: CurlField['bands'] = [];
  const centre = Math.floor(strips / 2);
  for (let bi = 0; bi < D.bands; bi++) {
    const y0 = Math.round(bi * bandH);
    const y1 = Math.round((bi + 1) * bandH);
    // Each strip against its neighbour towards the centre, shifts summed outward, so a strip
    // is only ever compared with one that sees nearly the same lines.
    const shift = new Float64Array(strips);
    const weight = new Float64Array(strips);
    weight[centre] = 1;
    for (const dir of [-1, 1]) {
      let acc = 0;
      let ok = true;
      for (let k = centre + dir; k >= 0 && k < strips; k += dir) {
        const r = bestShift(profiles[k - dir]!, profiles[k]!, y0, y1, maxStep);
        if (!ok || r.corr < D.minCorrelation) { ok = false; continue; }
        acc += r.shift;
        shift[k] = acc;
        weight[k] = r.corr;
      }
    }
    // Weighted least squares of shift = a·X² + b·X + c over the strips measured.
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s04 = 0, t0 = 0, t1 = 0, t2 = 0, used = 0;
    for (let k = 0; k < strips; k++) {
      const w = weight[k]!;
      if (w <= 0) continue;
      used++;
      const X = ((k + 0.5) * sw - W / 2) / (W / 2);
      const X2 = X * X;
      s00 += w; s01 += w * X; s02 += w * X2; s03 += w * X2 * X; s04 += w * X2 * X2;
      t0 += w * shift[k]!; t1 += w * X * shift[k]!; t2 += w * X2 * shift[k]!;
    }
    if (used < D.minStrips) continue;
    const sol = solve3([[s04, s03, s02], [s03, s02, s01], [s02, s01, s00]], [t2, t1, t0]);
    if (!sol) continue;
    bands.push({ y: (y0 + y1) / 2, a: sol[0], b: sol[1] });
  }
  if (bands.length === 0) return null;
  let amplitude = 0;
  for (const b of bands) for (const X of [-1, 1]) amplitude = Math.max(amplitude, Math.abs(b.a * X * X + b.b * X));
  return { bands, amplitude };
}

function solve3(m: number[][], v: number[]): [number, number, number] | null {
  const det = (a: number[][]) => a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) - a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) + a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return null;
  const col = (i: number) => m.map((row, r) => row.map((x, c) => (c === i ? v[r]! : x)));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

/** Moves each pixel column by the field so the page's lines run straight; paper fills in white. */
export function removeCurl(img: GrayImage, field: CurlField): GrayImage {
  const { width: W, height: H } = img;
  const out = new Uint8Array(W * H);
  const bands = field.bands;
  const coeffAt = (y: number): { a: number; b: number } => {
    if (y <= bands[0]!.y) return bands[0]!;
    const last = bands[bands.length - 1]!;
    if (y >= last.y) return last;
    let i = 0;
    while (bands[i + 1]!.y < y) i++;
    const p = bands[i]!, q = bands[i + 1]!;
    const f = (y - p.y) / (q.y - p.y);
    return { a: p.a + (q.a - p.a) * f, b: p.b + (q.b - p.b) * f };
  };
  const rowsA = new Float32Array(H);
  const rowsB = new Float32Array(H);
  for (let y = 0; y < H; y++) { const c = coeffAt(y); rowsA[y] = c.a; rowsB[y] = c.b; }
  for (let x = 0; x < W; x++) {
    const X = (x + 0.5 - W / 2) / (W / 2);
    const X2 = X * X;
    for (let y = 0; y < H; y++) {
      const sy = y + rowsA[y]! * X2 + rowsB[y]! * X;
      const y0 = Math.floor(sy);
      const f = sy - y0;
      if (y0 < 0 || y0 + 1 >= H) { out[y * W + x] = 255; continue; }
      const a = img.data[y0 * W + x]!, b = img.data[(y0 + 1) * W + x]!;
      out[y * W + x] = Math.round(a + (b - a) * f);
    }
  }
  return { data: out, width: W, height: H, dpi: img.dpi };
}
