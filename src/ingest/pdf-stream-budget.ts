import { Unzlib } from 'fflate';
import { TooLargeError } from '../errors.js';

/**
 * Compressed bytes handed to the inflater per step: deflate expands at most ~1032:1, so one
 * step yields at most ~16 MB before the budget is checked again.
 */
const STEP_BYTES = 16 * 1024;
/** How far back from `stream` the object's dictionary may start. */
const MAX_DICT_BYTES = 4096;

const MB = 1024 * 1024;

/**
 * Refuses a PDF whose Flate-compressed non-image streams inflate beyond `limitMb`, before
 * pdf.js decodes them whole into memory. Found by scanning the raw bytes for `stream`
 * keywords; image streams are left to the pixel limits, and a stream that does not inflate
 * (encrypted, damaged) is left to pdf.js to judge. Best effort by design: it only has to catch
 * what would blow up, not parse the file.
 */
export function checkPdfStreamSizes(bytes: Uint8Array, limitMb: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = limitMb * MB;
  for (let at = buf.indexOf('stream', 0, 'latin1'); at >= 0; at = buf.indexOf('stream', at + 6, 'latin1')) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    const objAt = buf.lastIndexOf('obj', at, 'latin1');
    if (objAt < 0 || at - objAt > MAX_DICT_BYTES) continue;
    const dict = buf.toString('latin1', objAt, at);
    if (!/\/FlateDecode\b/.test(dict) || /\/Image\b/.test(dict)) continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start, 'latin1');
    if (inflatedSize(buf.subarray(start, end < 0 ? buf.length : end), limit) > limit) {
      throw new TooLargeError(`a compressed stream at byte ${at} inflates beyond ${limitMb} MB (a decompression bomb?)`);
    }
  }
}

/** Bytes the zlib data inflates to, counting no further than just past `limit`. */
function inflatedSize(data: Uint8Array, limit: number): number {
  let size = 0;
  const inflater = new Unzlib((chunk) => {
    size += chunk.length;
  });
  try {
    for (let offset = 0; offset < data.length && size <= limit; offset += STEP_BYTES) {
      inflater.push(data.subarray(offset, offset + STEP_BYTES), offset + STEP_BYTES >= data.length);
    }
  } catch {
    // Not zlib data after all (encrypted, raw deflate, damaged): what it holds is pdf.js's call.
  }
  return size;
}
