import { describe, expect, it } from 'vitest';
import { TooLargeError } from '../../src/errors.js';
import { checkImageHeader, tiffPageSizes } from '../../src/ingest/image-limits.js';
import { jpegFrame, pngHeader, tiffChain, webpCanvas } from '../../scripts/bad-inputs/unseen-images.js';

const LIMITS = { maxMegapixels: 150, maxPages: 500 };

describe('image sizes from their headers, before any decoder', () => {
  it('refuses as too large what a decoder would call corrupt (libpng: a million rows "exceed the user limit")', () => {
    expect(() => checkImageHeader(pngHeader(1, 2_000_000_000, 8, 3), 'png', LIMITS)).toThrow(TooLargeError);
    expect(() => checkImageHeader(pngHeader(1, 2_000_000_000, 8, 3), 'png', LIMITS)).toThrow(/1×2000000000 px/);
    expect(() => checkImageHeader(pngHeader(2000, 3000, 8, 0), 'png', LIMITS)).not.toThrow();
  });

  it('reads the frame of a progressive JPEG behind large APP segments, and a WebP canvas', () => {
    expect(() => checkImageHeader(jpegFrame(50000, 50000, 0xc2, 3, 200_000), 'jpeg', LIMITS)).toThrow(/50000×50000/);
    expect(() => checkImageHeader(jpegFrame(4000, 3000, 0xc2), 'jpeg', LIMITS)).not.toThrow();
    expect(() => checkImageHeader(webpCanvas(16383, 16383), 'webp', LIMITS)).toThrow(/16383×16383/);
    expect(() => checkImageHeader(webpCanvas(4000, 3000), 'webp', LIMITS)).not.toThrow();
  });

  it('measures every TIFF page from its directory before the first is decoded; a directory loop ends the walk', () => {
    const small = { width: 8, height: 8 };
    expect(() => checkImageHeader(tiffChain([small, { width: 90000, height: 90000 }]), 'tiff', LIMITS)).toThrow(/page 2 of the image is 90000×90000/);
    expect(() => checkImageHeader(tiffChain([{ width: 100000, height: 100000 }], { bigEndian: true }), 'tiff', LIMITS)).toThrow(TooLargeError);
    expect(() => checkImageHeader(tiffChain(Array.from({ length: 600 }, () => small)), 'tiff', LIMITS)).toThrow(/more than 500 pages/);
    expect(tiffPageSizes(tiffChain([small, small, small], { loopTo: 0 }), 500)).toHaveLength(3);
    expect(() => checkImageHeader(tiffChain([small, small]), 'tiff', LIMITS)).not.toThrow();
  });
});
