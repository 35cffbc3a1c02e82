import type { Page, Word } from '../model/document.js';

/**
 * An 8-bit grayscale raster, row-major, one byte per pixel (0 = black, 255 = white).
 * `dpi` is what turns pixels into PDF points (×72/dpi), so every producer must set it to the
 * resolution of a plausible physical page, never to a placeholder.
 */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

/**
 * Recognises the words of one page image.
 *
 * Concurrency contract: `recognize` may be called many times without awaiting; the engine
 * queues the calls internally and runs at most `workers` of them at once, so callers can
 * simply `Promise.all` the pages of a document. Results come back in call order per promise,
 * not in completion order. `close` waits for running jobs, then releases the workers; calls
 * made after `close` reject.
 *
 * The returned Page is complete: the image is straightened first (orientation, skew,
 * shading), then `words` (bbox in PDF points, top-left origin, conf 0..1) and `rules`
 * (ruling lines found in the image) are given in the frame of the straightened page, whose
 * size in points is `width`/`height` (= pixels ×72/dpi); `source` is 'ocr'.
 */
export interface OcrEngine {
  recognize(image: GrayImage, pageNumber: number): Promise<Page>;
  /** How many pages can be recognised at once. */
  readonly workers: number;
  close(): Promise<void>;
}

/** How a raster handed to a recogniser is laid out: a page, one text line, or one block. */
export type LayoutMode = 'page' | 'line' | 'block';

/**
 * The bare recogniser under an OcrEngine (Tesseract, or a recording in tests): words of a
 * raster, bbox in points of that raster (×72/dpi, origin at its top-left corner). Same
 * concurrency contract as OcrEngine.
 */
export interface WordRecognizer {
  recognizeWords(image: GrayImage, mode: LayoutMode): Promise<Word[]>;
  readonly workers: number;
  close(): Promise<void>;
}
