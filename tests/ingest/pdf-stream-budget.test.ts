import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TooLargeError } from '../../src/errors.js';
import { checkPdfStreamSizes } from '../../src/ingest/pdf-stream-budget.js';
import { latin1, writePdf, type PdfObject } from '../../scripts/bad-inputs/pdf-writer.js';
import { ascii85, asciiHex, lzwEncode, runLengthOf } from '../../scripts/bad-inputs/unseen-encoders.js';
import { jpegFrame } from '../../scripts/bad-inputs/unseen-images.js';
import { objectStreamPdf } from '../../scripts/bad-inputs/unseen-suite.js';
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

  it('refuses graphics states nested far past what readers keep, and reads a «q» in a text as no operator', () => {
    const deep = pdfWithStream('<< >>', latin1(`${'q '.repeat(30_000)}${'Q '.repeat(30_000)}`));
    expect(() => checkPdfStreamSizes(deep, limits(64))).toThrow(/nests the graphics state more than 280 deep/);
    const flat = pdfWithStream('<< >>', latin1('q 1 0 0 1 0 0 cm Q '.repeat(50_000)));
    expect(() => checkPdfStreamSizes(flat, limits(64))).not.toThrow();
    const text = pdfWithStream('<< >>', latin1(`BT (${'q '.repeat(1000)} \\) q) Tj ET`));
    expect(() => checkPdfStreamSizes(text, limits(64))).not.toThrow();
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

  describe('what a regular expression over the dictionary missed (the unseen hostile suite)', () => {
    const spaces = deflateSync(Buffer.alloc(20 * MB, 0x20));
    /** A page drawing image XObject 5 (dictionary and data given), objects 6… after it. */
    const imagePdf = (dict: string, data: Uint8Array, more: PdfObject[] = []) => writePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
      { dict: '<< >>', stream: latin1('/Im1 Do') },
      { dict, stream: data },
      ...more,
    ]);

    it('a bomb behind any chain of expanding filters, the filter named indirectly or with #xx escapes', () => {
      const bombs: [string, Uint8Array, PdfObject[]][] = [
        ['<< /Filter [/ASCIIHexDecode /FlateDecode] >>', asciiHex(spaces), []],
        ['<< /Filter [/A85 /Fl] >>', ascii85(spaces), []],
        ['<< /Filter /LZWDecode >>', lzwEncode(Buffer.alloc(20 * MB, 0x20)), []],
        ['<< /Filter /RunLengthDecode >>', runLengthOf(0x20, 20 * MB), []],
        ['<< /Filter 5 0 R >>', spaces, ['[/FlateDecode]']],
        ['<< /Filter /Fl#61teDecode >>', spaces, []],
        ['<< /Filter %comment\n/FlateDecode >>', spaces, []],
      ];
      for (const [dict, data, more] of bombs) {
        const pdf = writePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>', { dict, stream: data }, ...more]);
        expect(() => checkPdfStreamSizes(pdf, limits(16)), dict).toThrow(/decodes beyond 16 MB/);
        expect(() => checkPdfStreamSizes(pdf, limits(32)), dict).not.toThrow();
      }
    });

    it('an image whose size is indirect, commented, or whose subtype is spelt with an escape', () => {
      const blank = deflateSync(Buffer.alloc(1024));
      expect(() => checkPdfStreamSizes(imagePdf('<< /Subtype /Image /Width 6 0 R /Height 7 0 R /BitsPerComponent 1 >>', blank, ['30000', '30000']), limits(64))).toThrow(/30000×30000 px/);
      expect(() => checkPdfStreamSizes(imagePdf('<< /Subtype /Image /Width %w\n22000 /Height 22000 >>', blank), limits(64))).toThrow(/22000×22000 px/);
      expect(() => checkPdfStreamSizes(imagePdf('<< /Subtype /Im#61ge /Width 22000 /Height 22000 >>', blank), limits(64))).toThrow(/22000×22000 px/);
      expect(() => checkPdfStreamSizes(imagePdf('<< /Subtype /Image /Width 6 0 R /Height 7 0 R >>', blank, ['3000', '3000']), limits(64))).not.toThrow();
    });

    it('an image whose size is an object inside a compressed object stream (PDF 1.5)', () => {
      const inner = (side: string) => ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>', side];
      const image = '<< /Subtype /Image /Width 4 0 R /Height 4 0 R /BitsPerComponent 1 /Filter /FlateDecode >>';
      expect(() => checkPdfStreamSizes(objectStreamPdf(inner('30000'), image, deflateSync(Buffer.alloc(64))), limits(64))).toThrow(/30000×30000 px/);
      expect(() => checkPdfStreamSizes(objectStreamPdf(inner('3000'), image, deflateSync(Buffer.alloc(64))), limits(64))).not.toThrow();
    });

    it('a JPEG whose frame is larger than its image dictionary says: pdf.js decodes the frame', () => {
      const pdf = imagePdf('<< /Subtype /Image /Width 100 /Height 100 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode >>', jpegFrame(20000, 20000, 0xc0, 1));
      expect(() => checkPdfStreamSizes(pdf, limits(64))).toThrow(/20000×20000 px/);
      const honest = imagePdf('<< /Subtype /Image /Width 100 /Height 100 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode >>', jpegFrame(100, 100, 0xc0, 1));
      expect(() => checkPdfStreamSizes(honest, limits(64))).not.toThrow();
    });

    it('an inline image (BI … ID … EI) in page content, which no stream dictionary declares', () => {
      const content = (w: number) => deflateSync(Buffer.from(`q BI /W ${w} /H ${w} /BPC 1 /CS /G /F /Fl ID xxxx\nEI Q`, 'latin1'));
      expect(() => checkPdfStreamSizes(pdfWithStream('<< /Filter /FlateDecode >>', content(24000)), limits(64))).toThrow(/24000×24000 px/);
      expect(() => checkPdfStreamSizes(pdfWithStream('<< /Filter /FlateDecode >>', content(2000)), limits(64))).not.toThrow();
    });
  });
});
