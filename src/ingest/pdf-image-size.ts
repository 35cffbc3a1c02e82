/**
 * The pixel size an embedded image's own header declares. pdf.js decodes a DCT (JPEG) or JPX
 * (JPEG 2000) image at the size of its frame, whatever the image dictionary says, so a
 * 100×100 dictionary over a 20000×20000 frame costs gigabytes unless the frame is read first.
 */
export function encodedImageSize(data: Uint8Array, filter: 'DCTDecode' | 'JPXDecode'): { width: number; height: number } | null {
  return filter === 'DCTDecode' ? jpegFrameSize(data) : jpxSize(data);
}

/** Width and height from the first SOFn segment, walking the segments from SOI. */
export function jpegFrameSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 0;
  while (at < b.length && b[at] !== 0xff) at++; // pdf.js skips junk before SOI too
  if (b[at + 1] !== 0xd8) return null;
  at += 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > b.length) return null;
      return { height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]! };
    }
    if (marker === 0xda) return null;
    at += 2 + length;
  }
  return null;
}

/** Xsiz − XOsiz by Ysiz − YOsiz from the SIZ marker of a JPEG 2000 codestream (raw or in a JP2 box). */
export function jpxSize(b: Uint8Array): { width: number; height: number } | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 1 << 20));
  const siz = buf.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  if (siz < 0 || siz + 22 > buf.length) return null;
  const at = siz + 4;
  const xsiz = buf.readUInt32BE(at + 4);
  const ysiz = buf.readUInt32BE(at + 8);
  const xo = buf.readUInt32BE(at + 12);
  const yo = buf.readUInt32BE(at + 16);
  return { width: Math.max(0, xsiz - xo), height: Math.max(0, ysiz - yo) };
}
