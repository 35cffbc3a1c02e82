import sharp from 'sharp';
import { otsuThreshold } from './image-binarize.js';
import type { GrayImage } from './ocr-engine.js';
import { largestComponent } from './image-regions.js';
import { edgeEnclosedQuad, edgeSupport, quadArea, type Thumb } from './image-sheet.js';
import { straightEdgeQuad } from './image-sheet-lines.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.perspective;

export interface Point {
  x: number;
  y: number;
}

/** Page corners in image pixels: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/**
 * Finds the sheet of paper in a photo: two outlines are proposed — the largest bright region
 * (a sheet on a dark table, evenly lit) and the region enclosed by edges (image-sheet.ts:
 * shadows across the page, pale tables) — and the one whose sides run along real edges wins.
 * Returns null when neither is a sheet on a background (scans, screenshots, cropped photos).
 */
export async function findPageQuad(img: GrayImage): Promise<Quad | null> {
  const scale = Math.min(1, D.analysisSize / Math.max(img.width, img.height));
  const w = Math.max(8, Math.round(img.width * scale));
  const h = Math.max(8, Math.round(img.height * scale));
  const small = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(w, h, { fit: 'fill' })
    .median(5)
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const thumb: Thumb = { data: new Uint8Array(small.buffer, small.byteOffset, w * h), w, h };
  let best: Quad | null = null;
  let bestSupport: number = D.minEdgeSupport;
  // Thicker edges close longer gaps, fainter ones see a sheet on a table of nearly its tone,
  // but both let texture in: every variant is proposed and the edges decide.
  // A sheet cut by one side of the frame: the flood must not start on the paper.
  const cut = (['top', 'bottom', 'left', 'right'] as const).map((side) => edgeEnclosedQuad(thumb, 1, D.edgeLogStep, side));
  for (const q of [brightRegionQuad(thumb), ...D.edgeVariants.map(([step, r]) => edgeEnclosedQuad(thumb, r, step)), ...cut]) {
    if (!q) continue;
    const support = edgeSupport(thumb, q);
    if (support > bestSupport) { best = q; bestSupport = support; }
  }
  // The straight edges are proposed too, and win only by clearly more support: an outline
  // traced round the sheet's region fits its sides more closely where it is closed.
  // (Support is a share: past 1 − the gain, no quad can win, so none is sought.)
  const lined = bestSupport + D.lines.minSupportGain < 1 ? straightEdgeQuad(thumb) : null;
  if (lined && lined.support > bestSupport + D.lines.minSupportGain) best = lined.quad;
  if (!best) return null;
  // Thumbnail pixels back to the full image.
  return best.map((p) => ({ x: (p.x * img.width) / w, y: (p.y * img.height) / h })) as Quad;
}

/**
 * The sheet as the largest bright region of the thumbnail (Otsu split), its corners the
 * extreme points along the diagonals; in thumbnail pixels.
 */
function brightRegionQuad(thumb: Thumb): Quad | null {
  const { data: small, w, h } = thumb;
  const hist = new Uint32Array(256);
  for (let i = 0; i < w * h; i++) hist[small[i]!]!++;
  const t = otsuThreshold(hist);
  const bright = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) bright[i] = small[i]! > t ? 1 : 0;

  const { label, best: bestLabel, size: bestSize } = largestComponent(bright, w, h);
  const share = bestSize / (w * h);
  if (bestLabel < 0 || share < D.minPageShare || share > D.maxPageShare) return null;

  // The frame of the thumbnail: a sheet lying on a table leaves most of it to the table.
  let frame = 0;
  let contact = 0;
  let bgSum = 0;
  for (let p = 0; p < w * h; p++) {
    const x = p % w;
    const y = (p - x) / w;
    if (x !== 0 && y !== 0 && x !== w - 1 && y !== h - 1) continue;
    frame++;
    if (label[p] === bestLabel) contact++;
    else bgSum += small[p]!;
  }
  if (contact > frame * D.maxFrameContact) return null;

  let inSum = 0;
  let tl = 0, tr = 0, br = 0, bl = 0;
  let tlV = Infinity, trV = -Infinity, brV = -Infinity, blV = -Infinity;
  for (let p = 0; p < w * h; p++) {
    if (label[p] !== bestLabel) continue;
    inSum += small[p]!;
    const x = p % w;
    const y = (p - x) / w;
    if (x + y < tlV) { tlV = x + y; tl = p; }
    if (x - y > trV) { trV = x - y; tr = p; }
    if (x + y > brV) { brV = x + y; br = p; }
    if (y - x > blV) { blV = y - x; bl = p; }
  }
  if (inSum / bestSize - bgSum / (frame - contact) < D.minContrast) return null;

  const toPoint = (p: number): Point => {
    const x = p % w;
    return { x: x + 0.5, y: (p - x) / w + 0.5 };
  };
  const quad: Quad = [toPoint(tl), toPoint(tr), toPoint(br), toPoint(bl)];
  const area = quadArea(quad);
  if (area <= 0 || bestSize / area < D.minFillOfQuad) return null;
  return quad;
}


const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Homography mapping the unit square (u, v ∈ [0, 1]) onto the quad (Heckbert's closed form
 * for square→quad), so each output pixel can be sampled from the photo.
 */
function squareToQuad(q: Quad): number[] {
  const [p0, p1, p2, p3] = q;
  const dx1 = p1.x - p2.x, dx2 = p3.x - p2.x, dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy1 = p1.y - p2.y, dy2 = p3.y - p2.y, dy3 = p0.y - p1.y + p2.y - p3.y;
  let g = 0;
  let hh = 0;
  if (Math.abs(dx3) > 1e-9 || Math.abs(dy3) > 1e-9) {
    const det = dx1 * dy2 - dx2 * dy1;
    g = (dx3 * dy2 - dx2 * dy3) / det;
    hh = (dx1 * dy3 - dx3 * dy1) / det;
  }
  const a = p1.x - p0.x + g * p1.x;
  const b = p3.x - p0.x + hh * p3.x;
  const c = p0.x;
  const d = p1.y - p0.y + g * p1.y;
  const e = p3.y - p0.y + hh * p3.y;
  const f = p0.y;
  return [a, b, c, d, e, f, g, hh];
}

/**
 * Warps the quad to an upright rectangle whose sides are the quad's mean side lengths, so
 * the page keeps the photo's own resolution. Bilinear sampling; outside the photo is white.
 */
export function warpQuad(img: GrayImage, q: Quad): GrayImage {
  const [p0, p1, p2, p3] = q;
  const outW = Math.max(1, Math.round((dist(p0, p1) + dist(p3, p2)) / 2));
  const outH = Math.max(1, Math.round((dist(p0, p3) + dist(p1, p2)) / 2));
  const [a, b, c, d, e, f, g, h] = squareToQuad(q) as [number, number, number, number, number, number, number, number];
  const out = new Uint8Array(outW * outH);
  const src = img.data;
  const W = img.width;
  const H = img.height;
  for (let oy = 0; oy < outH; oy++) {
    const v = (oy + 0.5) / outH;
    for (let ox = 0; ox < outW; ox++) {
      const u = (ox + 0.5) / outW;
      const den = g * u + h * v + 1;
      const sx = (a * u + b * v + c) / den - 0.5;
      const sy = (d * u + e * v + f) / den - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= W || y0 + 1 >= H) {
        out[oy * outW + ox] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * W + x0;
      const top = src[i]! + (src[i + 1]! - src[i]!) * fx;
      const bot = src[i + W]! + (src[i + W + 1]! - src[i + W]!) * fx;
      out[oy * outW + ox] = Math.round(top + (bot - top) * fy);
    }
  }
  return { data: out, width: outW, height: outH, dpi: img.dpi };
}
