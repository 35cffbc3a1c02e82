import { createCanvas } from '@napi-rs/canvas';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { TooLargeError } from '../errors.js';
import type { GrayImage } from './ocr-engine.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.render;

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * Resolution (dpi) of the scan a page is made of: the largest image painted over at least
 * half the page, its pixel width over its drawn width. Null for pages without such an image.
 * Rendering a 200-dpi scan at 300 dpi only interpolates (and costs 2.25× the OCR time), so
 * callers can cap the render resolution with it.
 */
export async function scanResolution(page: PDFPageProxy): Promise<number | null> {
  const ops = await page.getOperatorList();
  const view = page.getViewport({ scale: 1 });
  const pageArea = view.width * view.height;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best: { area: number; dpi: number } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      // The image fills the unit square of its CTM; its pixel size comes with the op.
      const pxWidth = fn === OPS.paintImageXObject ? Number(args[1]) : Number((args[0] as { width?: number })?.width);
      const wPt = Math.hypot(ctm[0], ctm[1]);
      const hPt = Math.hypot(ctm[2], ctm[3]);
      const area = wPt * hPt;
      if (!(pxWidth > 0) || !(wPt > 0) || area < pageArea * D.minScanCover) continue;
      if (!best || area > best.area) best = { area, dpi: (pxWidth * 72) / wPt };
    }
  }
  return best ? Math.round(best.dpi) : null;
}

/** Pixel size of a page rendered at `dpi` (its /Rotate and crop box applied). */
export function renderSize(page: PDFPageProxy, dpi: number): { width: number; height: number } {
  const viewport = page.getViewport({ scale: dpi / 72 });
  return { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height) };
}

/**
 * RGBA (premultiplied over an opaque white page, so alpha is 255) → 8-bit luma with the
 * Rec. 601 weights in fixed point.
 */
export function rgbaToGray(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]! + 128) >> 8;
  }
  return out;
}

/**
 * Renders one PDF page to gray at `dpi` with pdf.js and @napi-rs/canvas (no system tools).
 * Refuses, before allocating anything, a page whose render would exceed `maxMegapixels`
 * (a poster-size page at 300 dpi can need gigabytes).
 */
export async function renderPdfPage(page: PDFPageProxy, dpi: number, maxMegapixels: number = D.maxMegapixels): Promise<GrayImage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  if (width * height > maxMegapixels * 1e6) {
    throw new TooLargeError(
      `page ${page.pageNumber} would render to ${width}×${height} px at ${dpi} dpi (${((width * height) / 1e6).toFixed(0)} MP, limit ${maxMegapixels} MP)`,
    );
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // Paper first: pdf.js leaves unpainted areas transparent, which would read as black.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  // pdf.js's types name DOM canvases; @napi-rs/canvas is the implementation it uses in Node.
  type RenderCanvas = Parameters<PDFPageProxy['render']>[0]['canvas'];
  await page.render({ canvas: canvas as unknown as RenderCanvas, viewport, background: '#ffffff' }).promise;
  const gray = rgbaToGray(canvas.data(), width, height);
  // Release the backing store now rather than at the next GC: renders are 35 MB each.
  canvas.width = 0;
  canvas.height = 0;
  return { data: gray, width, height, dpi };
}
