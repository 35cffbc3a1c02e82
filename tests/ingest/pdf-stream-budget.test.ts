import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TooLargeError } from '../../src/errors.js';
import { checkPdfStreamSizes } from '../../src/ingest/pdf-stream-budget.js';
import { writePdf } from '../../scripts/bad-inputs/pdf-writer.js';
import { CORPUS_DOCS } from '../helpers/corpus.js';

const MB = 1024 * 1024;
const limits = (maxStreamMb: number, maxImageMegapixels = 150) => ({ maxStreamMb, maxImageMegapixels });

/** One page whose object 4 is the given stream (content or image). */
function pdfWithStream(dict: string, data: Uint8Array): Uint8Array {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    { dict, stream: data },
  ]);
}

describe('checkPdfStreamSizes', () => {
  it('refuses a content stream that inflates past the limit, naming the limit', () => {
    const bomb = pdfWithStream('<< /Filter /FlateDecode >>', deflateSync(Buffer.alloc(20 * MB, 0x20)));
    expect(() => checkPdfStreamSizes(bomb, limits(16))).toThrow(TooLargeError);
    expect(() => checkPdfStreamSizes(bomb, limits(16))).toThrow(/beyond 16 MB/);
    expect(() => checkPdfStreamSizes(bomb, limits(32))).not.toThrow();
  });

  it('holds image streams to the pixel limit, from their declared size', () => {
    const image = pdfWithStream('<< /Type /XObject /Subtype /Image /Width 5000 /Height 4200 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode >>', deflateSync(Buffer.alloc(20 * MB)));
    expect(() => checkPdfStreamSizes(image, limits(16))).not.toThrow();
    // 20000×20000: pdf.js would decode 400 MP (gigabytes) before the page could be judged.
    const huge = pdfWithStream('<< /Type /XObject /Subtype /Image /Width 20000 /Height 20000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode >>', deflateSync(Buffer.alloc(1024)));
    expect(() => checkPdfStreamSizes(huge, limits(16))).toThrow(/20000×20000 px/);
  });

  it('sees through what hid a bomb from the first version: Flate twice, a padded dictionary, an /Image key that is not the subtype', () => {
    const twice = pdfWithStream('<< /Filter [/FlateDecode /FlateDecode] >>', deflateSync(deflateSync(Buffer.alloc(40 * MB, 0x20))));
    expect(() => checkPdfStreamSizes(twice, limits(16))).toThrow(TooLargeError);
    const padded = pdfWithStream(`<< /Filter /FlateDecode ${' '.repeat(20_000)}>>`, deflateSync(Buffer.alloc(20 * MB, 0x20)));
    expect(() => checkPdfStreamSizes(padded, limits(16))).toThrow(TooLargeError);
    const imageKey = pdfWithStream('<< /Filter /FlateDecode /Image true >>', deflateSync(Buffer.alloc(20 * MB, 0x20)));
    expect(() => checkPdfStreamSizes(imageKey, limits(16))).toThrow(TooLargeError);
  });

  it('leaves streams it cannot inflate (encrypted, damaged) to pdf.js', () => {
    const junk = pdfWithStream('<< /Filter /FlateDecode >>', Uint8Array.from({ length: 4096 }, (_, i) => (i * 97) & 0xff));
    expect(() => checkPdfStreamSizes(junk, limits(1))).not.toThrow();
  });

  it('accepts every corpus PDF, digital and scanned, at the default limit', () => {
    for (const f of fs.readdirSync(CORPUS_DOCS).filter((n) => n.endsWith('.pdf'))) {
      expect(() => checkPdfStreamSizes(new Uint8Array(fs.readFileSync(path.join(CORPUS_DOCS, f))), limits(64)), f).not.toThrow();
    }
  });
});
