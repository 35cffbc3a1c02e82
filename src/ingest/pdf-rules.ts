import type { Rule } from '../model/index.js';
import { OPS, Util, type PDFPageProxy } from './pdf-document.js';

type Matrix = [number, number, number, number, number, number];

/** pdf.js DrawOPS codes inside a constructPath's flattened path (pdf.js ≥ 5.1). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

const PAINTING = new Set<number>([
  OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke,
  OPS.closeFillStroke, OPS.closeEOFillStroke,
]);
const STROKING = new Set<number>([
  OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
]);

export interface RuleOptions {
  maxRuleThickness: number;
  minRuleLength: number;
}

/**
 * Ruling lines of a page from its operator list, in points with a top-left origin: stroked
 * straight segments, and thin filled rectangles (Word and LibreOffice draw cell borders both
 * ways). Curves, clipping paths and large filled areas (cell shading) are not rules; stroked
 * rectangles contribute their four edges. Tracks save/restore/transform for the CTM, since
 * path coordinates are in the user space current when the path was built.
 */
export function pageRules(
  opList: { fnArray: number[]; argsArray: unknown[] },
  viewport: Matrix,
  opts: RuleOptions,
): Rule[] {
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = viewport;
  const { fnArray, argsArray } = opList;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? viewport;
    else if (fn === OPS.transform) ctm = Util.transform(ctm, argsArray[i] as Matrix) as Matrix;
    else if (fn === OPS.constructPath) {
      const args = argsArray[i] as [number, (Float32Array | number[] | null)[] | null, unknown];
      const paintOp = args[0];
      if (!PAINTING.has(paintOp)) continue;
      const path = args[1]?.[0];
      if (!path || path.length === 0) continue;
      collectPathRules(path, ctm, STROKING.has(paintOp), opts, rules);
    }
  }
  return rules;
}

function collectPathRules(
  path: ArrayLike<number>,
  ctm: Matrix,
  stroked: boolean,
  opts: RuleOptions,
  out: Rule[],
): void {
  // Split the path into subpaths of straight points; a subpath with a curve is not a rule.
  let pts: [number, number][] = [];
  let curved = false;
  const flush = (closed: boolean) => {
    if (!curved && pts.length >= 2) subpathRules(pts, closed, stroked, opts, out);
    pts = [];
    curved = false;
  };
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === DRAW.moveTo) {
      flush(false);
      pts.push(apply(ctm, path[k++]!, path[k++]!));
    } else if (op === DRAW.lineTo) {
      pts.push(apply(ctm, path[k++]!, path[k++]!));
    } else if (op === DRAW.curveTo) {
      curved = true;
      k += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      curved = true;
      k += 4;
    } else if (op === DRAW.closePath) {
      flush(true);
    } else {
      break; // unknown code: stop rather than misread the rest
    }
  }
  flush(false);
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function subpathRules(
  pts: [number, number][],
  closed: boolean,
  stroked: boolean,
  opts: RuleOptions,
  out: Rule[],
): void {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const w = x1 - x0, h = y1 - y0;
  // A thin box (filled or stroked) is one rule along its long side.
  if (h <= opts.maxRuleThickness && w >= opts.minRuleLength) {
    out.push({ orientation: 'h', at: (y0 + y1) / 2, from: x0, to: x1 });
    return;
  }
  if (w <= opts.maxRuleThickness && h >= opts.minRuleLength) {
    out.push({ orientation: 'v', at: (x0 + x1) / 2, from: y0, to: y1 });
    return;
  }
  // Larger shapes: only stroked outlines draw lines; filled areas are shading.
  if (!stroked) return;
  const n = pts.length;
  const segments = closed ? n : n - 1;
  for (let s = 0; s < segments; s++) {
    const [ax, ay] = pts[s]!;
    const [bx, by] = pts[(s + 1) % n]!;
    if (Math.abs(ay - by) <= opts.maxRuleThickness && Math.abs(bx - ax) >= opts.minRuleLength) {
      out.push({ orientation: 'h', at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    } else if (Math.abs(ax - bx) <= opts.maxRuleThickness && Math.abs(by - ay) >= opts.minRuleLength) {
      out.push({ orientation: 'v', at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
    }
  }
}
