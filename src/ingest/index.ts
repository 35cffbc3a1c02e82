import type { IngestedDocument } from '../model/index.js';
import type { Settings } from '../settings.js';
import { UnsupportedFormatError } from '../errors.js';
import { sniffFormat } from './sniff-format.js';
import { ingestPdf } from './pdf.js';
import { readDocx } from './docx.js';
import { readPlainText } from './plain-text.js';
import { readDoc } from './doc.js';
import { readRtf } from './rtf.js';
import { readOdt } from './odt.js';
import { readSpreadsheet } from './spreadsheet.js';
import PQueue from 'p-queue';
import { openImagePages } from './image.js';
import { checkImageHeader } from './image-limits.js';
import type { OcrEngine } from './ocr-engine.js';

export interface IngestServices {
  /** The batch's shared OCR engine, created on first use. */
  ocr: () => Promise<OcrEngine>;
  forceOcr?: boolean;
  onPage?: (done: number, total: number) => void;
}

/**
 * Bytes of one file → pages of positioned words (PDF, images) or structured blocks (DOCX,
 * DOC, RTF, ODT, spreadsheets, text). The format comes from the content; the path is only recorded.
 */
export async function ingestBytes(
  sourcePath: string,
  bytes: Uint8Array,
  sha256: string,
  settings: Settings,
  services: IngestServices,
): Promise<IngestedDocument> {
  const sniffed = sniffFormat(bytes);
  if (sniffed.format === 'unsupported') throw new UnsupportedFormatError(sniffed.what);
  // The batch opens archives before ingest; one that reaches here is nested too deep.
  if (sniffed.format === 'archive') throw new UnsupportedFormatError(`ZIP archive nested inside ${settings.limits.maxArchiveDepth} others: archives are opened ${settings.limits.maxArchiveDepth} levels deep`);
  const base = { sourcePath, sha256, format: sniffed.format, pages: [], blocks: [], issues: [] };
  switch (sniffed.format) {
    case 'pdf': {
      const r = await ingestPdf(bytes, { settings, ocr: services.ocr, forceOcr: services.forceOcr, onPage: services.onPage });
      return { ...base, pageCount: r.pageCount, pages: r.pages, issues: r.issues };
    }
    case 'docx': {
      const r = readDocx(bytes, { maxUncompressedMb: settings.limits.maxDocxUncompressedMb, maxXmlPartMb: settings.limits.maxXmlPartMb });
      return { ...base, pageCount: r.pageCount, blocks: r.blocks, issues: r.issues };
    }
    case 'doc':
    case 'rtf':
    case 'odt':
    case 'xlsx':
    case 'xls':
    case 'ods': {
      const limits = { maxUncompressedMb: settings.limits.maxDocxUncompressedMb, maxXmlPartMb: settings.limits.maxXmlPartMb };
      const fmt = sniffed.format;
      const r = fmt === 'doc' ? readDoc(bytes, limits)
        : fmt === 'rtf' ? readRtf(bytes, limits)
        : fmt === 'odt' ? readOdt(bytes, limits)
        : readSpreadsheet(bytes, limits, fmt);
      return { ...base, pageCount: r.pageCount, blocks: r.blocks, issues: r.issues };
    }
    case 'txt': {
      const r = readPlainText(bytes);
      return { ...base, pageCount: 1, blocks: r.blocks };
    }
    case 'image': {
      checkImageHeader(bytes, sniffed.imageType, { maxMegapixels: settings.limits.maxImageMegapixels, maxPages: settings.limits.maxPages });
      const images = await openImagePages(bytes, {
        maxMegapixels: settings.limits.maxImageMegapixels, dpiFallback: settings.ocr.dpi, maxPages: settings.limits.maxPages,
      });
      const engine = await services.ocr();
      // One decoded page per OCR worker at a time: a long TIFF's memory is bounded by the
      // workers, not by its page count.
      const queue = new PQueue({ concurrency: settings.ocr.workers });
      let done = 0;
      const pages = await Promise.all(Array.from({ length: images.count }, (_, i) => queue.add(async () => {
        const p = await engine.recognize(await images.decode(i), i + 1);
        services.onPage?.(++done, images.count);
        return p;
      })));
      return { ...base, pageCount: images.count, pages };
    }
  }
}
