import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CorruptFileError, EncryptedPdfError } from '../errors.js';

const require = createRequire(import.meta.url);
// Standard fonts and CMaps ship inside pdfjs-dist; pointing at them keeps pdf.js from
// guessing (and warning) for the 14 standard fonts and CID-keyed Cyrillic fonts.
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const standardFontDataUrl = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const cMapUrl = path.join(pdfjsRoot, 'cmaps') + path.sep;

export type { PDFDocumentProxy };
export type PDFPageProxy = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;

/**
 * Opens a PDF with pdf.js, turning its exceptions into typed ingest errors. The caller owns
 * the returned document and must `destroy()` it.
 */
export async function openPdf(bytes: Uint8Array, opts: { maxImagePixels?: number } = {}): Promise<PDFDocumentProxy> {
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    verbosity: 0,
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    // The text layer is all we read in-process; fonts are only needed when a page is rendered for OCR.
    disableFontFace: true,
    // A backstop behind checkPdfStreamSizes (which refuses such images with a reason): pdf.js
    // itself then skips, rather than decodes, an image larger than this that got past it.
    ...(opts.maxImagePixels ? { maxImageSize: opts.maxImagePixels } : {}),
  });
  // A password prompt means encrypted with a user password: refuse at once instead of waiting.
  task.onPassword = () => {
    void task.destroy();
  };
  try {
    return await task.promise;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e?.name === 'PasswordException' || /password/i.test(e?.message ?? '')) throw new EncryptedPdfError();
    if (/Worker was destroyed|Loading aborted/i.test(e?.message ?? '')) throw new EncryptedPdfError();
    const detail = oneLine(e?.message ?? String(err));
    // pdf.js only says "Invalid PDF structure"; a missing end marker tells the user why.
    throw new CorruptFileError('PDF', hasEofMarker(bytes) ? detail : `it does not end with %%EOF, so it was probably cut short (${detail})`);
  }
}

/**
 * True when the file ends with its %%EOF marker (within the last 1 KiB, as the spec allows for
 * trailing junk). Without it the file was cut off — in a download, a copy, an e-mail gateway.
 */
export function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  return Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength).includes('%%EOF', 0, 'latin1');
}

export const OPS = pdfjs.OPS;
export const Util = pdfjs.Util;

export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 200);
}
