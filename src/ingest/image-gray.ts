import sharp, { type Sharp } from 'sharp';
import type { GrayImage } from './ocr-engine.js';

/** A rectangle in pixels of a GrayImage. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A sharp pipeline reading the raster (one band, 8 bit). */
export function sharpFromGray(img: GrayImage): Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
}

/** Runs a sharp pipeline to an 8-bit single-band raster at the given dpi. */
export async function grayFromSharp(pipeline: Sharp, dpi: number): Promise<GrayImage> {
  const { data, info } = await pipeline
    .toColourspace('b-w')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one band, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, dpi };
}

/**
 * Binary PGM (P5). Tesseract's wasm build decodes it with no decompression step, which was
 * measurably faster than PNG (research/ocr.md); the header carries no resolution, so the
 * engine must pass the dpi separately.
 */
export function encodePgm(img: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data.subarray(0, img.width * img.height), header.length);
  return out;
}

export function cropGray(img: GrayImage, r: PixelRect): GrayImage {
  const left = Math.max(0, Math.min(img.width, Math.round(r.left)));
  const top = Math.max(0, Math.min(img.height, Math.round(r.top)));
  const width = Math.max(1, Math.min(img.width - left, Math.round(r.width)));
  const height = Math.max(1, Math.min(img.height - top, Math.round(r.height)));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (top + y) * img.width + left;
    data.set(img.data.subarray(from, from + width), y * width);
  }
  return { data, width, height, dpi: img.dpi };
}

/**
 * Rotates by a small angle (degrees, clockwise positive as in sharp) about the centre and
 * keeps the original frame, so page size and point scale stay those of the source page;
 * corners uncovered by the rotation are filled white (paper). Bilinear in 16.16 fixed point:
 * sharp's rotate enlarges the canvas and needs a crop after, and cost several times this on a
 * 300 dpi page, time taken from the OCR workers on a busy machine.
 */
export function rotateSmall(img: GrayImage, degrees: number): GrayImage {
  if (degrees === 0) return img;
  const { width, height } = img;
  const src = img.data;
  const out = new Uint8Array(width * height);
  // Each output pixel samples the source at the inverse rotation; along a row the source
  // position advances by a constant step, so the inner loop is integer adds and shifts.
  const a = (-degrees * Math.PI) / 180;
  const ONE = 65536;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const dx = Math.round(cos * ONE);
  const dy = Math.round(sin * ONE);
  const cx = width / 2;
  const cy = height / 2;
  const maxX = (width - 1) * ONE;
  const maxY = (height - 1) * ONE;
  for (let y = 0; y < height; y++) {
    const ry = y + 0.5 - cy;
    let sx = Math.round((cos * (0.5 - cx) - sin * ry + cx - 0.5) * ONE);
    let sy = Math.round((sin * (0.5 - cx) + cos * ry + cy - 0.5) * ONE);
    const row = y * width;
    for (let x = 0; x < width; x++, sx += dx, sy += dy) {
      if (sx < 0 || sy < 0 || sx >= maxX || sy >= maxY) {
        out[row + x] = 255;
        continue;
      }
      const fx = sx & 0xffff;
      const fy = sy & 0xffff;
      const i = (sy >>> 16) * width + (sx >>> 16);
      const p00 = src[i]!;
      const p10 = src[i + 1]!;
      const p01 = src[i + width]!;
      const p11 = src[i + width + 1]!;
      // Values are 8 bit and weights 16 bit: the products stay inside 32 bits.
      const top = (p00 << 8) + ((((p10 - p00) * fx) >> 8));
      const bottom = (p01 << 8) + ((((p11 - p01) * fx) >> 8));
      out[row + x] = (((top << 8) + (bottom - top) * (fy >> 8) + 32768) >> 16);
    }
  }
  return { data: out, width, height, dpi: img.dpi };
}

/** Rotates by a multiple of 90° clockwise (the frame turns with the content). */
export async function rotateQuarter(img: GrayImage, quarterTurns: number): Promise<GrayImage> {
  const k = ((quarterTurns % 4) + 4) % 4;
  if (k === 0) return img;
  return grayFromSharp(sharpFromGray(img).rotate(90 * k), img.dpi);
}

/** Resamples to a new size; the dpi follows the scale so point coordinates are unchanged. */
export async function resizeGray(img: GrayImage, width: number, height: number): Promise<GrayImage> {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  if (w === img.width && h === img.height) return img;
  const resized = await grayFromSharp(sharpFromGray(img).resize(w, h, { fit: 'fill', kernel: w < img.width ? 'lanczos3' : 'cubic' }), img.dpi);
  resized.dpi = img.dpi * (w / img.width);
  return resized;
}
