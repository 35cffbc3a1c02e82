import type { Issue, Page } from '../model/index.js';
import type { Settings } from '../settings.js';
import { CorruptFileError, TooLargeError } from '../errors.js';
import { OPS, hasEofMarker, openPdf, oneLine, type PDFPageProxy } from './pdf-document.js';
import { alphaRatio, pageTextWords } from './pdf-text-layer.js';
import { pageRules } from './pdf-rules.js';
import type { OcrEngine } from './ocr-engine.js';
import { renderPdfPage } from './pdf-render.js';
import { checkPdfStreamSizes } from './pdf-stream-budget.js';

type Matrix = [number, number, number, number, number, number];

/** Operators that put ink on a page: without any of them the page is blank. */
const PAINT_OPS = new Set<number>([
  OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText,
  OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectGroup, OPS.paintSolidColorImageMask, OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectRepeat, OPS.constructPath, OPS.shadingFill, OPS.paintFormXObjectBegin,
]);

function paintsNothing(fnArray: readonly number[]): boolean {
  return !fnArray.some((fn) => PAINT_OPS.has(fn));
}

export interface PdfIngestOptions {
  settings: Settings;
  /** Lazily provides the OCR engine; called only when a page has no usable text layer. */
  ocr: () => Promise<OcrEngine>;
  /** Force OCR of every page even when a text layer exists (like OCRmyPDF's --force-ocr). */
  forceOcr?: boolean;
  onPage?: (done: number, total: number) => void;
}

export interface PdfIngestResult {
  pageCount: number;
  pages: Page[];
  issues: Issue[];
}

/**
 * Reads every page of a PDF into positioned words and rules. Per page, like OCRmyPDF's
 * skip-text: a page whose text layer is real text keeps it; a page without one (a scan) or
 * with garbage (fonts with no Unicode map) is rendered and OCR'd — so a mixed PDF keeps its
 * good pages exactly.
 */
export async function ingestPdf(bytes: Uint8Array, opts: PdfIngestOptions): Promise<PdfIngestResult> {
  const { settings } = opts;
  checkPdfStreamSizes(bytes, { maxStreamMb: settings.limits.maxPdfStreamMb, maxImageMegapixels: settings.limits.maxImageMegapixels });
  const doc = await openPdf(bytes, { maxImagePixels: settings.limits.maxImageMegapixels * 1e6 });
  try {
    const pageCount = doc.numPages;
    if (pageCount > settings.limits.maxPages) {
      throw new TooLargeError(`${pageCount} pages (limit ${settings.limits.maxPages})`, '--max-pages');
    }
    const issues: Issue[] = [];
    if (!hasEofMarker(bytes)) {
      issues.push({ stage: 'ingest', severity: 'warning', message: 'the file is cut short (no %%EOF at its end) but every page could be read' });
    }
    const textPages: (Page | null)[] = [];
    const needOcr: number[] = [];
    for (let n = 1; n <= pageCount; n++) {
      let page: PDFPageProxy;
      try {
        page = await doc.getPage(n);
      } catch (err) {
        throw new CorruptFileError('PDF', `page ${n} cannot be read (${oneLine(String((err as Error)?.message ?? err))})`);
      }
      const viewport = page.getViewport({ scale: 1 });
      const vt = viewport.transform as Matrix;
      const opList = await page.getOperatorList();
      const words = await pageTextWords(page, vt);
      const rules = pageRules(opList, vt, settings.pdf);
      const { chars, ratio } = alphaRatio(words);
      const usable = !opts.forceOcr && chars >= settings.pdf.minTextLayerChars && ratio >= settings.pdf.minTextLayerAlphaRatio;
      if (!usable && paintsNothing(opList.fnArray)) {
        // A blank page (nothing drawn at all): no text to find, nothing worth rendering.
        textPages.push({ number: n, width: viewport.width, height: viewport.height, source: 'text-layer', words, rules, conf: 1 });
        page.cleanup();
        opts.onPage?.(n - needOcr.length, pageCount);
        continue;
      }
      if (!usable) {
        needOcr.push(n);
        if (chars >= settings.pdf.minTextLayerChars) {
          issues.push({ stage: 'ingest', page: n, severity: 'warning', message: `text layer unreadable (letters ${(ratio * 100).toFixed(0)}% of ${chars} characters): page OCR'd` });
        }
      }
      textPages.push(usable ? { number: n, width: viewport.width, height: viewport.height, source: 'text-layer', words, rules, conf: 1 } : null);
      page.cleanup();
      opts.onPage?.(n - needOcr.length, pageCount);
    }
    if (needOcr.length > 0) {
      const engine = await opts.ocr();
      // Pages are handed to the engine all at once: it queues them on its worker pool. Each
      // render is released as soon as its page is recognised, so memory stays bounded by the
      // pool size rather than the page count.
      const limit = Math.max(1, engine.workers);
      let next = 0;
      let done = pageCount - needOcr.length;
      const worker = async () => {
        while (next < needOcr.length) {
          const n = needOcr[next++]!;
          const page = await doc.getPage(n);
          const image = await renderPdfPage(page, settings.ocr.dpi, settings.limits.maxImageMegapixels);
          page.cleanup();
          const ocrPage = await engine.recognize(image, n);
          textPages[n - 1] = ocrPage;
          opts.onPage?.(++done, pageCount);
        }
      };
      await Promise.all(Array.from({ length: Math.min(limit, needOcr.length) }, worker));
    }
    return { pageCount, pages: textPages.filter((p): p is Page => p !== null), issues };
  } finally {
    await doc.destroy();
  }
}
