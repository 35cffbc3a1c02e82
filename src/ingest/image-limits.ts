import { TooLargeError } from '../errors.js';
import { jpegFrameSize } from './pdf-image-size.js';

/**
 * Pixel size from an image's own header, read before any decoder sees the file: a decoder's
 * own guard may reject a huge header as a damaged file (libpng refuses a million rows as
 * "exceeds user limit"), which would report a decompression bomb as corruption.
 */
export function headerPixelSize(b: Uint8Array, type: 'png' | 'jpeg' | 'tiff' | 'webp' | undefined): { width: number; height: number } | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (type === 'png' && b.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (type === 'jpeg') return jpegFrameSize(b);
  if (type === 'webp' && b.length >= 31) {
    const chunk = String.fromCharCode(...b.subarray(12, 16));
    // VP8X: 24-bit canvas width−1 and height−1; VP8L: 14-bit each; VP8: 14-bit after the start code.
    if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
    }
    if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return null;
}

/**
 * Width and height of every page of a TIFF, from its chain of image file directories, read
 * without decoding a pixel; stops after `maxPages` + 1 directories or at a directory already
 * visited (a loop). Every page is measured before the first is decoded: a decoder reading page
 * by page would spend the small pages' time and memory before meeting the huge one.
 */
export function tiffPageSizes(b: Uint8Array, maxPages: number): { width: number; height: number }[] {
  if (b.length < 8) return [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const pages: { width: number; height: number }[] = [];
  const seen = new Set<number>();
  for (let ifd = u32(4); ifd > 0 && ifd + 2 <= b.length && !seen.has(ifd) && pages.length <= maxPages; ) {
    seen.add(ifd);
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > b.length) break;
    let width = 0;
    let height = 0;
    for (let e = ifd + 2; e < ifd + 2 + count * 12; e += 12) {
      const tag = u16(e);
      if (tag !== 256 && tag !== 257) continue;
      const value = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8); // SHORT or LONG
      if (tag === 256) width = value;
      else height = value;
    }
    pages.push({ width, height });
    ifd = u32(ifd + 2 + count * 12);
  }
  return pages;
}

/** Refuses an image whose header declares more than `maxMegapixels` on a page, or (TIFF) more than `maxPages` pages. */
export function checkImageHeader(b: Uint8Array, type: 'png' | 'jpeg' | 'tiff' | 'webp' | undefined, limits: { maxMegapixels: number; maxPages: number }): void {
  const sizes = type === 'tiff' ? tiffPageSizes(b, limits.maxPages) : [headerPixelSize(b, type)];
  if (sizes.length > limits.maxPages) throw new TooLargeError(`more than ${limits.maxPages} pages (limit ${limits.maxPages})`, '--max-pages');
  for (const [i, size] of sizes.entries()) {
    if (size && size.width * size.height > limits.maxMegapixels * 1e6) {
      const where = type === 'tiff' ? `page ${i + 1} of the image` : 'the image';
      throw new TooLargeError(`${where} is ${size.width}×${size.height} px by its header (${((size.width * size.height) / 1e6).toFixed(0)} MP, limit ${limits.maxMegapixels} MP)`);
    }
  }
}
