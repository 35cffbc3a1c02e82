/**
 * The sheet in a phone photo found by its edges rather than its brightness. Brightness alone
 * fails on what phones see every day: a shadow across the page splits the bright region, and
 * a pale table is as bright as the paper. Both are questions of *ratio*: a shadow multiplies
 * paper and table alike, so in the logarithm of the grey level the sheet's edge stays a
 * sharp step of log(paper / table) wherever the light falls, while the shadow itself is a
 * soft ramp. The table is what can be reached from the frame without crossing a step; the
 * sheet is what remains, and its four sides are fitted as lines to its outline.
 */
import type { Point, Quad } from './image-perspective.js';
import { floodFromFrame, largestComponent, type FrameSide } from './image-regions.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.perspective;

/** A grey thumbnail of the photo (after a median filter), the scale the outline is sought at. */
export interface Thumb {
  data: Uint8Array;
  w: number;
  h: number;
}

/**
 * The log image and its step gradient of a thumbnail, computed once: the page search asks
 * for nine outlines of one thumbnail and scores each, and recomputing these for every one
 * was most of the search's time (613 → 352 ms a photo over the photo fixtures).
 */
interface Derived {
  L: Float32Array;
  /** Step gradient magnitude (0 where no step), and its direction in degrees 0–179 where not 0. */
  g: Float32Array;
  angle: Uint8Array;
}
const derived = new WeakMap<Thumb, Derived>();
export function derivedOf(t: Thumb): Derived {
  let d = derived.get(t);
  if (!d) {
    const L = logImage(t);
    d = { L, ...gradient(L, t.w, t.h) };
    derived.set(t, d);
  }
  return d;
}

/** Log grey levels: steps become ratios, so a shadow's factor cancels out of an edge. */
function logImage(t: Thumb): Float32Array {
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.log(v + 8);
  const out = new Float32Array(t.w * t.h);
  for (let i = 0; i < out.length; i++) out[i] = lut[t.data[i]!]!;
  return out;
}

/**
 * Sobel magnitude (and direction) of the log image, per pixel (0 on the frame's outer pixels), kept only
 * where the change is a step: across a shadow's soft edge the log level ramps at the same
 * slope for many pixels, across the sheet's edge (or a letter's) it jumps within one or two.
 * Without this the shadow's edge cut the sheet in two and only its lit part was found.
 */
function gradient(L: Float32Array, w: number, h: number): { g: Float32Array; angle: Uint8Array } {
  const g = new Float32Array(w * h);
  const angle = new Uint8Array(w * h);
  const r = D.stepProbePx;
  const at = (x: number, y: number) => L[Math.min(h - 1, Math.max(0, Math.round(y))) * w + Math.min(w - 1, Math.max(0, Math.round(x)))]!;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = (L[i - w + 1]! + 2 * L[i + 1]! + L[i + w + 1]! - L[i - w - 1]! - 2 * L[i - 1]! - L[i + w - 1]!) / 8;
      const gy = (L[i + w - 1]! + 2 * L[i + w]! + L[i + w + 1]! - L[i - w - 1]! - 2 * L[i - w]! - L[i - w + 1]!) / 8;
      const m = Math.hypot(gx, gy);
      if (m === 0) continue;
      // Mean slope over ±r pixels along the gradient: equal to m on a ramp, m·(1/r)·… on a step.
      const nx = gx / m, ny = gy / m;
      const wide = Math.abs(at(x + nx * r, y + ny * r) - at(x - nx * r, y - ny * r)) / (2 * r);
      if (m < D.minStepRatio * wide) continue;
      g[i] = m;
      // The line an edge lies on runs across its gradient: the straight-edge search votes by it.
      angle[i] = Math.round(((Math.atan2(gy, gx) * 180) / Math.PI + 360) % 180) % 180;
    }
  }
  return { g, angle };
}

/**
 * The sheet as the region the table cannot reach: a flood from every non-edge pixel of the
 * frame through pixels that are not edges. Edges are thickened by `radius` pixels, so a gap
 * of up to twice that in a faint edge (where the table is as bright as the paper) does not
 * let the table in. `sheetAt` names a side of the frame the sheet runs out of: the flood is
 * not started there. Returns the largest remaining component's outline as a quad, or null.
 */
export function edgeEnclosedQuad(t: Thumb, radius = 1, step: number = D.edgeLogStep, sheetAt?: FrameSide): Quad | null {
  const { w, h } = t;
  const { g } = derivedOf(t);
  // Thickened by a square of side 2·radius + 1, as two one-dimensional passes.
  const rows = new Uint8Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      if (g[y * w + x]! < step) continue;
      const row = y * w;
      rows.fill(1, row + Math.max(0, x - radius), row + Math.min(w, x + radius + 1));
    }
  }
  const edge = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h + radius; y++) {
      if (y < h && rows[y * w + x] === 1) last = y;
      const at = y - radius;
      if (at >= 0 && at < h && last >= at - radius) edge[at * w + x] = 1;
    }
  }
  // The table: what the frame reaches without crossing an edge. A sheet running out of the
  // picture at `sheetAt` is paper there, not table: the flood is not started on that side.
  const notEdge = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) notEdge[i] = edge[i] ? 0 : 1;
  const table = floodFromFrame(notEdge, w, h, sheetAt);
  // Largest component of the plain pixels the table did not reach: the paper between the
  // text. Edge pixels are left out, or texture at the frame would join the sheet through them.
  const plain = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) plain[i] = table[i] === 0 && edge[i] === 0 ? 1 : 0;
  const { label, best } = largestComponent(plain, w, h);
  if (best < 0) return null;
  // The sheet is that paper with the text inside it: all the frame cannot reach around it.
  const notPaper = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) notPaper[i] = label[i] === best ? 0 : 1;
  const outside = floodFromFrame(notPaper, w, h);
  let sheetSize = 0;
  for (let i = 0; i < w * h; i++) if (outside[i] === 0) sheetSize++;
  const share = sheetSize / (w * h);
  if (share < D.minPageShare || share > D.maxPageShare) return null;
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && outside[y * w + x] === 0;
  const outline: Point[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inside(x, y)) continue;
      if (!inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1)) outline.push({ x: x + 0.5, y: y + 0.5 });
    }
  }
  const quad = fitQuad(outline);
  if (!quad) return null;
  if (sheetSize / quadArea(quad) < D.minFillOfQuad) return null;
  return quad;
}

export function quadArea(q: readonly Point[]): number {
  let a = 0;
  for (let i = 0; i < q.length; i++) {
    const p = q[i]!;
    const r = q[(i + 1) % q.length]!;
    a += p.x * r.y - r.x * p.y;
  }
  return Math.abs(a) / 2;
}

/**
 * Four corners of an outline: first the extremes along the diagonals, then each side refitted
 * as a line (principal axis) through the outline points near it, and the corners taken where
 * the lines meet. The refit keeps a dog-eared or curled corner from pulling the warp.
 */
export function fitQuad(outline: readonly Point[]): Quad | null {
  if (outline.length < 16) return null;
  let tl = outline[0]!, tr = tl, br = tl, bl = tl;
  for (const p of outline) {
    if (p.x + p.y < tl.x + tl.y) tl = p;
    if (p.x - p.y > tr.x - tr.y) tr = p;
    if (p.x + p.y > br.x + br.y) br = p;
    if (p.y - p.x > bl.y - bl.x) bl = p;
  }
  const corners: Quad = [tl, tr, br, bl];
  const lines: ({ p: Point; d: Point } | null)[] = [];
  for (let s = 0; s < 4; s++) {
    const a = corners[s]!;
    const b = corners[(s + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len < 4) return null;
    const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
    const near = D.sideBand * len;
    const pts: Point[] = [];
    for (const p of outline) {
      const along = (p.x - a.x) * ux + (p.y - a.y) * uy;
      const off = Math.abs(-(p.x - a.x) * uy + (p.y - a.y) * ux);
      // The middle of the side only: near the corners the neighbouring side's points crowd in.
      if (along > 0.1 * len && along < 0.9 * len && off < near) pts.push(p);
    }
    lines.push(pts.length >= 8 ? principalLine(pts) : null);
  }
  const out: Point[] = [];
  for (let c = 0; c < 4; c++) {
    const l1 = lines[(c + 3) % 4];
    const l2 = lines[c];
    const hit = l1 && l2 ? intersect(l1, l2) : null;
    const raw = corners[c]!;
    // A corner the fitted lines put far from the outline's own is not trusted.
    out.push(hit && Math.hypot(hit.x - raw.x, hit.y - raw.y) < D.sideBand * 4 * Math.sqrt(quadArea(corners)) ? hit : raw);
  }
  return out as Quad;
}

export function principalLine(pts: readonly Point[]): { p: Point; d: Point } {
  let mx = 0, my = 0;
  for (const p of pts) { mx += p.x; my += p.y; }
  mx /= pts.length; my /= pts.length;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of pts) { const dx = p.x - mx, dy = p.y - my; sxx += dx * dx; sxy += dx * dy; syy += dy * dy; }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { p: { x: mx, y: my }, d: { x: Math.cos(theta), y: Math.sin(theta) } };
}

export function intersect(a: { p: Point; d: Point }, b: { p: Point; d: Point }): Point | null {
  const den = a.d.x * b.d.y - a.d.y * b.d.x;
  if (Math.abs(den) < 1e-6) return null;
  const t = ((b.p.x - a.p.x) * b.d.y - (b.p.y - a.p.y) * b.d.x) / den;
  return { x: a.p.x + t * a.d.x, y: a.p.y + t * a.d.y };
}

/**
 * Share of a quad's outline that runs along a real edge: at points along each side, the log
 * grey levels just inside and just outside differ by a step. Sides lying on the frame (a
 * sheet running out of the picture) are not counted. A quad traced around a shadow or a
 * bright patch of table has little support; the sheet's own outline has nearly all of it.
 */
export function edgeSupport(t: Thumb, q: Quad): number {
  const { L } = derivedOf(t);
  const { w, h } = t;
  const cx = (q[0].x + q[1].x + q[2].x + q[3].x) / 4;
  const cy = (q[0].y + q[1].y + q[2].y + q[3].y) / 4;
  let supported = 0;
  let counted = 0;
  const at = (x: number, y: number) => L[Math.min(h - 1, Math.max(0, Math.round(y))) * w + Math.min(w - 1, Math.max(0, Math.round(x)))]!;
  for (let s = 0; s < 4; s++) {
    const a = q[s]!;
    const b = q[(s + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len < 1) continue;
    let nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
    if ((cx - mx) * nx + (cy - my) * ny < 0) { nx = -nx; ny = -ny; }
    for (let k = 1; k < D.supportSamples; k++) {
      const f = k / D.supportSamples;
      const x = a.x + (b.x - a.x) * f, y = a.y + (b.y - a.y) * f;
      const d = D.supportOffset;
      const ox = x - nx * d, oy = y - ny * d;
      if (ox < 1 || oy < 1 || ox > w - 2 || oy > h - 2) continue;
      counted++;
      // The best of a few positions along the normal (the fitted side may sit a pixel or two
      // off the edge), and only a sharp step: across the sheet's edge nearly all of the change
      // happens within a pixel or two, across a shadow's soft edge only a small part of it.
      let ok = false;
      for (let e = -2 * d; e <= 2 * d && !ok; e++) {
        const px = x + nx * e, py = y + ny * e;
        const near = Math.abs(at(px + nx, py + ny) - at(px - nx, py - ny));
        const far = Math.abs(at(px + nx * 3 * d, py + ny * 3 * d) - at(px - nx * 3 * d, py - ny * 3 * d));
        // …and a step that stays (paper on one side, table on the other), not a thin line.
        ok = near >= D.supportLogStep && far >= D.supportLogStep && near >= D.minEdgeSharpness * far;
      }
      if (ok) supported++;
    }
  }
  return counted ? supported / counted : 0;
}
