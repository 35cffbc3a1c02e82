import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openPdf, OPS } from '../../src/ingest/pdf-document.js';
import { latin1, writePdf } from '../../scripts/bad-inputs/pdf-writer.js';

/** One page drawing one 1-bit gray image of `side`×`side` pixels. */
function imagePdf(side: number): Uint8Array {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    { dict: '<< >>', stream: latin1('q 595 0 0 842 0 0 cm /Im1 Do Q') },
    { dict: `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /FlateDecode >>`, stream: deflateSync(Buffer.alloc(Math.ceil(side / 8) * side)) },
  ]);
}

async function imagePaints(bytes: Uint8Array, maxImagePixels?: number): Promise<number> {
  const doc = await openPdf(bytes, maxImagePixels ? { maxImagePixels } : {});
  try {
    const ops = await (await doc.getPage(1)).getOperatorList();
    return ops.fnArray.filter((f) => f === OPS.paintImageXObject || f === OPS.paintImageMaskXObject).length;
  } finally {
    await doc.destroy();
  }
}

describe('openPdf', () => {
  it('has pdf.js skip, not decode, an image past the pixel limit (the backstop behind checkPdfStreamSizes)', async () => {
    expect(await imagePaints(imagePdf(2000))).toBe(1);
    expect(await imagePaints(imagePdf(2000), 5e6)).toBe(1);
    expect(await imagePaints(imagePdf(2000), 1e6)).toBe(0);
  });
});
