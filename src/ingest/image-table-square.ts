/**
 * A photographed sheet's perspective is undone from its outline; where the outline is not
 * all in view (a sheet cut by the frame) or its sides are not quite straight, the table on it
 * comes out as a trapezoid or a parallelogram: rows level, but each column leaning, so a
 * column's words drift across its border down the page and rows break apart. The table's own
 * row rules say how: a ruled table's rules all start at its left border and end at its right
 * one, so their ends lie on two lines that must be vertical. Each row of pixels is then
 * stretched so that those two lines stand upright.
 */
import type { PixelRule } from './image-rules.js';
import type { GrayImage } from './ocr-engine.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.tableSquare;

/** Where the table's left and right borders run: x = a + b·y (pixels), each side. */
export interface TableSides {
  left: { a: number; b: number };
  right: { a: number; b: number };
}

/**
 * The table's two sides from the ends of its long row rules, or null when the rules do not
 * lean (or are too few, or their ends do not line up: partial rules under merged cells).
 */
export function measureTableSides(rules: readonly PixelRule[], width: number): TableSides | null {
  let rows = rules.filter((r) => r.orientation === 'h' && r.to - r.from >= D.minRuleShare * width);
  if (rows.length < D.minRules) return null;
  const tol = D.maxResidualShare * width;
  // Rules ending short of a border (a merged cell's, a section row's) are dropped one by one,
  // worst first, until both sides fit.
  for (;;) {
    const left = fit(rows.map((r) => [r.at, r.from]));
    const right = fit(rows.map((r) => [r.at, r.to]));
    const off = rows.map((r) => Math.max(Math.abs(r.from - (left.a + left.b * r.at)), Math.abs(r.to - (right.a + right.b * r.at))));
    const worst = off.indexOf(Math.max(...off));
    if (off[worst]! <= tol) {
      const span = Math.max(...rows.map((r) => r.at)) - Math.min(...rows.map((r) => r.at));
      // A lean shows over the table's height: at least a few pixels, and more than the rules'
      // own scatter could make of a level table.
      if (Math.max(Math.abs(left.b), Math.abs(right.b)) * span < D.minLeanShare * width) return null;
      return { left, right };
    }
    rows = rows.filter((_, i) => i !== worst);
    if (rows.length < D.minRules) return null;
  }
}

function fit(points: readonly (readonly [number, number])[]): { a: number; b: number } {
  const n = points.length;
  const my = points.reduce((s, p) => s + p[0], 0) / n;
  const mx = points.reduce((s, p) => s + p[1], 0) / n;
  let syy = 0, sxy = 0;
  for (const [y, x] of points) { syy += (y - my) ** 2; sxy += (y - my) * (x - mx); }
  const b = syy > 0 ? sxy / syy : 0;
  return { a: mx - b * my, b };
}

/**
 * Each row of pixels stretched so that the table's sides stand at the x they have at the
 * table's middle height: a per-row linear map, exact at both borders, interpolated between.
 */
export function squareTable(img: GrayImage, sides: TableSides, midY: number): GrayImage {
  const { width: W, height: H, data } = img;
  const out = new Uint8Array(W * H);
  const XL = sides.left.a + sides.left.b * midY, XR = sides.right.a + sides.right.b * midY;
  for (let y = 0; y < H; y++) {
    const xl = sides.left.a + sides.left.b * y, xr = sides.right.a + sides.right.b * y;
    const k = (xr - xl) / (XR - XL);
    const row = y * W;
    for (let x = 0; x < W; x++) {
      const sx = xl + (x - XL) * k;
      const x0 = Math.floor(sx);
      if (x0 < 0 || x0 + 1 >= W) { out[row + x] = 255; continue; }
      const f = sx - x0;
      const a = data[row + x0]!, b = data[row + x0 + 1]!;
      out[row + x] = Math.round(a + (b - a) * f);
    }
  }
  return { data: out, width: W, height: H, dpi: img.dpi };
}
