import sharp, { type Metadata } from 'sharp';
import { CorruptFileError, TooLargeError, UnsupportedFormatError } from '../errors.js';
import { grayFromSharp } from './image-gray.js';
import type { GrayImage } from './ocr-engine.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.image;

/** Formats read as images; TIFF may hold several pages, the others one (first frame). */
const MULTI_PAGE = new Set(['tiff']);
const SUPPORTED = new Set(['png', 'jpeg', 'tiff', 'webp', 'gif']);

export interface DecodeImageOptions {
  maxMegapixels: number;
  /** Resolution used when the image records none and its size gives no plausible one. */
  dpiFallback: number;
}

/**
 * Pixels → points scale of an image: the recorded resolution when it describes a real
 * sheet, else one estimated by assuming the image shows an A4 page (so words come out in
 * points of a plausible page), else the fallback.
 */
export function chooseDpi(width: number, height: number, recordedDpi: number | undefined, fallback: number): number {
  const longSide = Math.max(width, height);
  if (recordedDpi !== undefined && recordedDpi >= D.minPlausibleDpi && recordedDpi <= D.maxPlausibleDpi) {
    const inches = longSide / recordedDpi;
    if (inches >= D.minPageLongSideIn && inches <= D.maxPageLongSideIn) return recordedDpi;
  }
  const estimated = longSide / D.assumedPageLongSideIn;
  if (estimated >= D.minEstimatedDpi && estimated <= D.maxEstimatedDpi) return estimated;
  return fallback;
}

async function readMetadata(bytes: Uint8Array, page: number): Promise<Metadata> {
  try {
    // Header only: nothing is decoded, so an oversized image is refused before it costs memory.
    return await sharp(bytes, { page, limitInputPixels: false }).metadata();
  } catch (err) {
    throw new CorruptFileError('image', (err as Error).message);
  }
}

/** An image file's pages, counted from its header; each decoded only when asked for. */
export interface ImagePages {
  count: number;
  decode: (page: number) => Promise<GrayImage>;
}

/**
 * Opens a PNG, JPEG (EXIF orientation applied), TIFF (all pages), WebP or GIF (first frame)
 * without decoding it: the page count comes from the header, so a 600-page TIFF is refused
 * before a pixel is decoded, and a caller decoding page by page holds only the pages under
 * way. Pages larger than `maxMegapixels` are refused from their header too.
 */
export async function openImagePages(bytes: Uint8Array, opts: DecodeImageOptions & { maxPages?: number }): Promise<ImagePages> {
  const first = await readMetadata(bytes, 0);
  if (!SUPPORTED.has(first.format)) throw new UnsupportedFormatError(`image format ${first.format}`);
  const count = MULTI_PAGE.has(first.format) ? Math.max(1, first.pages ?? 1) : 1;
  if (opts.maxPages !== undefined && count > opts.maxPages) {
    throw new TooLargeError(`${count} pages (limit ${opts.maxPages})`, '--max-pages');
  }
  const limit = Math.floor(opts.maxMegapixels * 1e6);
  const decode = async (page: number): Promise<GrayImage> => {
    const meta = page === 0 ? first : await readMetadata(bytes, page);
    const pixels = meta.width * (meta.pageHeight ?? meta.height);
    if (!(pixels > 0)) throw new CorruptFileError('image', `page ${page + 1} has no size`);
    if (pixels > limit) {
      throw new TooLargeError(`image page ${page + 1} is ${meta.width}×${meta.pageHeight ?? meta.height} px (${(pixels / 1e6).toFixed(0)} MP, limit ${opts.maxMegapixels} MP)`);
    }
    // rotate() with no angle applies the EXIF orientation (phone photos are stored sideways).
    const read = () => grayFromSharp(sharp(bytes, { page, pages: 1, limitInputPixels: limit }).rotate().flatten({ background: '#ffffff' }), 1);
    let img: GrayImage;
    try {
      img = await read();
    } catch {
      // Once more before calling the file broken: libvips keeps one error buffer per process,
      // so a warning raised while another image decoded beside this one (a TIFF's "IFD
      // looping") could fail this one (lovell/sharp#902). sharp's default of failing on
      // warnings stays: a truncated JPEG is only a warning to libjpeg.
      try {
        img = await read();
      } catch (err) {
        throw new CorruptFileError('image', `page ${page + 1}: ${(err as Error).message}`);
      }
    }
    img.dpi = chooseDpi(img.width, img.height, meta.density, opts.dpiFallback);
    return img;
  };
  return { count, decode };
}

/** Every page decoded, in order (tools and tests; the pipeline decodes page by page). */
export async function decodeImagePages(bytes: Uint8Array, opts: DecodeImageOptions): Promise<GrayImage[]> {
  const pages = await openImagePages(bytes, opts);
  const out: GrayImage[] = [];
  for (let page = 0; page < pages.count; page++) out.push(await pages.decode(page));
  return out;
}
