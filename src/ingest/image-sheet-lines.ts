/**
 * The sheet as four straight edges, for photos where its outline is not closed: a sheet on a
 * table of its own tone shows its edge only where the light grazes it, and where the edge
 * fades the table's flood (image-sheet.ts) runs in and finds no sheet at all. A straight line
 * is still seen through its gaps: the edge pixels vote for the lines they lie on (a Hough
 * transform, each pixel only for lines across its own gradient), the strongest near-
 * horizontal and near-vertical lines are paired into quads, and each quad is judged by how
 * much of its outline runs along a real step (edgeSupport) — the text's lines and the
 * table's rules have paper on both sides and no support.
 */
import type { Point, Quad } from './image-perspective.js';
import { derivedOf, edgeSupport, intersect, principalLine, quadArea, type Thumb } from './image-sheet.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.perspective;
const L = D.lines;

interface Line {
  /** Normal angle (degrees, 0–179) and distance from the origin: x·cos θ + y·sin θ = ρ. */
  theta: number;
  rho: number;
  votes: number;
}

/** The best-supported quad of the thumbnail's strongest straight edges, with its support. */
export function straightEdgeQuad(t: Thumb): { quad: Quad; support: number } | null {
  const { g, angle } = derivedOf(t);
  const { w, h } = t;
  const diag = Math.ceil(Math.hypot(w, h));
  const nRho = 2 * diag + 1;
  const acc = new Float32Array(180 * nRho);
  const cos = new Float64Array(180), sin = new Float64Array(180);
  for (let a = 0; a < 180; a++) { cos[a] = Math.cos((a * Math.PI) / 180); sin[a] = Math.sin((a * Math.PI) / 180); }
  const edges: number[] = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (g[i]! < L.edgeStep) continue;
      edges.push(i);
      const phi = angle[i]!;
      for (let d = -L.angleSpread; d <= L.angleSpread; d++) {
        const a = (phi + d + 180) % 180;
        const r = Math.round(x * cos[a]! + y * sin[a]!) + diag;
        acc[a * nRho + r]! += 1;
      }
    }
  }
  // Print's edges, a sample of them: a sheet's quad holds all the print of the page.
  const ink: Point[] = [];
  for (let k = 0; k < edges.length; k += L.inkSampleStep) {
    const i = edges[k]!;
    if (g[i]! >= L.inkStep) ink.push({ x: i % w, y: Math.floor(i / w) });
  }
  // Horizontal lines have normals near 90°, vertical ones near 0° or 180°.
  const horizontal = peaks(acc, nRho, diag, (a) => a >= 45 && a < 135);
  const vertical = peaks(acc, nRho, diag, (a) => a < 45 || a >= 135);
  let best: { quad: Quad; support: number } | null = null;
  for (let i = 0; i < horizontal.length; i++) {
    for (let j = i + 1; j < horizontal.length; j++) {
      for (let k = 0; k < vertical.length; k++) {
        for (let m = k + 1; m < vertical.length; m++) {
          const quad = quadOf(horizontal[i]!, horizontal[j]!, vertical[k]!, vertical[m]!, w, h);
          if (!quad || inkOutside(g, w, h, quad) > L.maxInkOutside) continue;
          const support = edgeSupport(t, quad);
          // The print left out is the dearest test: only for a quad that would be the best.
          if ((!best || support > best.support) && inkLeftOut(ink, quad) <= L.maxInkLeftOut) best = { quad, support };
        }
      }
    }
  }
  if (!best) return null;
  return { quad: refine(best.quad, edges, w) ?? best.quad, support: best.support };
}

/** The strongest lines of one orientation, each a local maximum apart from the others. */
function peaks(acc: Float32Array, nRho: number, diag: number, wanted: (a: number) => boolean): Line[] {
  const found: Line[] = [];
  const order: number[] = [];
  for (let a = 0; a < 180; a++) {
    if (!wanted(a)) continue;
    for (let r = 0; r < nRho; r++) if (acc[a * nRho + r]! >= L.minVotes) order.push(a * nRho + r);
  }
  order.sort((p, q) => acc[q]! - acc[p]!);
  for (const idx of order) {
    if (found.length >= L.perOrientation) break;
    const theta = Math.floor(idx / nRho), rho = (idx % nRho) - diag;
    // One edge votes for a fan of lines about it: the others of its fan are not lines of their own.
    const near = found.some((f) => {
      const dt = Math.min(Math.abs(f.theta - theta), 180 - Math.abs(f.theta - theta));
      const sameSense = Math.abs(f.theta - theta) <= 90;
      return dt <= L.suppressDegrees && Math.abs(f.rho - (sameSense ? rho : -rho)) <= L.suppressPx;
    });
    if (!near) found.push({ theta, rho, votes: acc[idx]! });
  }
  return found;
}

function asLine(l: Line): { p: Point; d: Point } {
  const c = Math.cos((l.theta * Math.PI) / 180), s = Math.sin((l.theta * Math.PI) / 180);
  return { p: { x: l.rho * c, y: l.rho * s }, d: { x: -s, y: c } };
}

/** The quad two horizontal and two vertical lines enclose (tl, tr, br, bl), if it can be a sheet. */
function quadOf(h1: Line, h2: Line, v1: Line, v2: Line, w: number, h: number): Quad | null {
  const hs = [asLine(h1), asLine(h2)], vs = [asLine(v1), asLine(v2)];
  const pts: Point[] = [];
  for (const hl of hs) for (const vl of vs) {
    const p = intersect(hl, vl);
    if (!p) return null;
    // A corner may lie off the picture (a sheet cut by the frame), not far off it.
    if (p.x < -L.offFrame * w || p.x > (1 + L.offFrame) * w || p.y < -L.offFrame * h || p.y > (1 + L.offFrame) * h) return null;
    pts.push(p);
  }
  const byY = [...pts].sort((a, b) => a.y - b.y);
  const top = byY.slice(0, 2).sort((a, b) => a.x - b.x), bottom = byY.slice(2).sort((a, b) => a.x - b.x);
  const quad: Quad = [top[0]!, top[1]!, bottom[1]!, bottom[0]!];
  const share = quadArea(quad) / (w * h);
  if (share < D.minPageShare || share > D.maxPageShare || !convex(quad)) return null;
  return quad;
}

/**
 * Largest share, over the four sides, of points just outside the side where print's sharp,
 * strong edges stand:
 * a side laid along a rule or a column of the table has the text of the next column there,
 * the sheet's own edge has the table (whose texture steps far less than print).
 */
function inkOutside(g: Float32Array, w: number, h: number, q: Quad): number {
  const cx = (q[0].x + q[1].x + q[2].x + q[3].x) / 4, cy = (q[0].y + q[1].y + q[2].y + q[3].y) / 4;
  let worst = 0;
  for (let s = 0; s < 4; s++) {
    let inked = 0, counted = 0;
    const a = q[s]!, b = q[(s + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    let nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    if ((cx - (a.x + b.x) / 2) * nx + (cy - (a.y + b.y) / 2) * ny > 0) { nx = -nx; ny = -ny; }
    for (let k = 1; k < D.supportSamples; k++) {
      const f = k / D.supportSamples;
      const x = a.x + (b.x - a.x) * f, y = a.y + (b.y - a.y) * f;
      let hit = false, inside = false;
      for (let d = L.outsideFromPx; d <= L.outsideToPx; d++) {
        const px = Math.round(x + nx * d), py = Math.round(y + ny * d);
        if (px < 1 || py < 1 || px >= w - 1 || py >= h - 1) continue;
        inside = true;
        if (g[py * w + px]! >= L.inkStep) hit = true;
      }
      if (!inside) continue;
      counted++;
      if (hit) inked++;
    }
    if (counted > 0) worst = Math.max(worst, inked / counted);
  }
  return worst;
}

/**
 * Print found just outside a quad (beyond its own edge's few pixels, within a band of a
 * tenth of its size), against the print inside it: a side laid along a rule of the table
 * with the title or the header's rows beyond it leaves them out.
 */
function inkLeftOut(ink: readonly Point[], q: Quad): number {
  const band = L.leftOutBand * Math.sqrt(quadArea(q));
  let inside = 0, out = 0;
  // Signed distances to the four sides, positive inwards (the quad is convex, corners in order).
  const orient = Math.sign((q[1].x - q[0].x) * (q[2].y - q[1].y) - (q[1].y - q[0].y) * (q[2].x - q[1].x));
  const sides = q.map((a, s) => {
    const b = q[(s + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    return { a, nx: (-(b.y - a.y) / len) * orient, ny: ((b.x - a.x) / len) * orient };
  });
  for (const p of ink) {
    let worst = Infinity;
    for (const sd of sides) worst = Math.min(worst, (p.x - sd.a.x) * sd.nx + (p.y - sd.a.y) * sd.ny);
    if (worst >= 0) inside++;
    else if (-worst > L.outsideFromPx && -worst < band) out++;
  }
  return inside ? out / inside : Infinity;
}

function convex(q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!, b = q[(i + 1) % 4]!, c = q[(i + 2) % 4]!;
    const z = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (z === 0) return false;
    if (sign === 0) sign = Math.sign(z);
    else if (Math.sign(z) !== sign) return false;
  }
  return true;
}

/**
 * Each side refitted through the edge pixels along it: the accumulator's cells are a degree
 * and a pixel wide, which over a side of the thumbnail moves a corner by several pixels.
 */
function refine(q: Quad, edges: readonly number[], w: number): Quad | null {
  const lines: { p: Point; d: Point }[] = [];
  for (let s = 0; s < 4; s++) {
    const a = q[s]!, b = q[(s + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
    const pts: Point[] = [];
    for (const i of edges) {
      const x = i % w, y = (i - x) / w;
      const along = (x - a.x) * ux + (y - a.y) * uy;
      const off = Math.abs(-(x - a.x) * uy + (y - a.y) * ux);
      if (along > 0.05 * len && along < 0.95 * len && off <= L.refineBandPx) pts.push({ x, y });
    }
    if (pts.length < 0.2 * len) lines.push({ p: a, d: { x: ux, y: uy } });
    else lines.push(principalLine(pts));
  }
  const out: Point[] = [];
  for (let c = 0; c < 4; c++) {
    const p = intersect(lines[(c + 3) % 4]!, lines[c]!);
    if (!p || Math.hypot(p.x - q[c]!.x, p.y - q[c]!.y) > 2 * L.refineBandPx) return null;
    out.push(p);
  }
  return out as Quad;
}
