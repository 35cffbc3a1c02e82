import sharp from 'sharp';
import { CropError } from '../errors.js';
import { openImagePages } from '../ingest/image.js';
import { preparePage } from '../ingest/image-preprocess.js';
import type { GrayImage } from '../ingest/ocr-engine.js';
import { openPdf } from '../ingest/pdf-document.js';
import { renderPdfPage } from '../ingest/pdf-render.js';
import type { BBox } from '../model/geometry.js';
import type { Settings } from '../settings.js';

/** Where a row sits, as v_activities stores it. */
export interface RowPlace {
  format: string | null;
  /** 1-based page the row starts on; null for DOCX and plain text. */
  page: number | null;
  pages: number[];
  /** Box of the row's first part on `page`: points, top-left origin. */
  bbox: BBox | null;
  /** 1 for a row read from a text layer; below 1 when its page was OCR'd. */
  confidence: number;
}

export interface RowCrop {
  png: Buffer;
  width: number;
  height: number;
  /** What the reader should know about the picture (its frame, a part left out). */
  notes: string[];
}

/**
 * A PNG of the source page around the row, with a margin. A row's box is in the frame of the
 * page the pipeline read: a text-layer PDF page as drawn; an OCR'd page (a scan, a photo) as
 * the pipeline straightened it — cut out of the photo's background, perspective removed,
 * deskewed. That frame cannot be mapped back onto the raw photo, so an OCR'd page is prepared
 * again the same way (preparePage, deterministic) and the crop cut from it. A row running
 * onto the next page is shown by its first part: only that part's box is stored.
 */
export async function cropRow(bytes: Uint8Array, place: RowPlace, settings: Settings): Promise<RowCrop> {
  if (place.page === null || (place.format !== 'pdf' && place.format !== 'image')) {
    throw new CropError('no_page_image', `a ${(place.format ?? 'structured').toUpperCase()} file has no page image: its rows have no page geometry to crop`,
      'crop a row of a PDF, scan or photo of the same plan (see the plan\'s other files above)');
  }
  const notes: string[] = [];
  const ocr = place.confidence < 1;
  const page = place.format === 'pdf' ? await pdfPage(bytes, place.page, ocr, settings) : await imagePage(bytes, place.page, settings);
  if (ocr) notes.push('the page was OCR\'d: the crop is cut from the page as the pipeline straightened it (sheet cut out, perspective and skew removed), not from the raw image');
  const later = place.pages.filter((p) => p !== place.page);
  if (later.length > 0) notes.push(`the row continues on page ${later.join(', ')}; the crop shows its first part, on page ${place.page} (only that part's box is stored)`);
  const k = page.dpi / 72;
  let rect = { left: 0, top: 0, width: page.width, height: page.height };
  if (place.bbox === null) {
    notes.push(`no box is stored for the row: the crop is the whole page ${place.page}`);
  } else {
    const m = settings.crop.marginPt;
    const left = clamp(Math.floor((place.bbox.x0 - m) * k), 0, page.width - 1);
    const top = clamp(Math.floor((place.bbox.y0 - m) * k), 0, page.height - 1);
    const right = clamp(Math.ceil((place.bbox.x1 + m) * k), left + 1, page.width);
    const bottom = clamp(Math.ceil((place.bbox.y1 + m) * k), top + 1, page.height);
    rect = { left, top, width: right - left, height: bottom - top };
  }
  let out = sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } }).extract(rect);
  // OCR pages are prepared at the OCR resolution: the crop is brought to the one asked for.
  const scale = settings.crop.dpi / page.dpi;
  if (Math.abs(scale - 1) > 0.01) out = sharp(await out.png().toBuffer()).resize(Math.max(1, Math.round(rect.width * scale)));
  const { data, info } = await out.png().toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height, notes };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

async function pdfPage(bytes: Uint8Array, pageNumber: number, ocr: boolean, settings: Settings): Promise<GrayImage> {
  const doc = await openPdf(bytes);
  try {
    if (pageNumber > doc.numPages) throw new CropError('source_unavailable', `the PDF has ${doc.numPages} page(s), not ${pageNumber}`);
    const page = await doc.getPage(pageNumber);
    if (!ocr) return await renderPdfPage(page, settings.crop.dpi, settings.limits.maxImageMegapixels);
    // The render the pipeline OCR'd (same dpi), then the same straightening.
    return (await preparePage(await renderPdfPage(page, settings.ocr.dpi, settings.limits.maxImageMegapixels))).image;
  } finally {
    await doc.destroy();
  }
}

async function imagePage(bytes: Uint8Array, pageNumber: number, settings: Settings): Promise<GrayImage> {
  const images = await openImagePages(bytes, { maxMegapixels: settings.limits.maxImageMegapixels, dpiFallback: settings.ocr.dpi });
  if (pageNumber > images.count) throw new CropError('source_unavailable', `the image has ${images.count} page(s), not ${pageNumber}`);
  return (await preparePage(await images.decode(pageNumber - 1))).image;
}
