import { Unzlib } from 'fflate';
import { TooLargeError } from '../errors.js';

/**
 * Compressed bytes handed to the inflater per step: deflate expands at most ~1032:1, so one
 * step yields at most ~16 MB before the budget is checked again.
 */
const STEP_BYTES = 16 * 1024;

const MB = 1024 * 1024;

export interface PdfStreamLimits {
  /** Inflated bytes one non-image stream may reach. */
  maxStreamMb: number;
  /** Pixels one image XObject may declare (its decoded size is width × height × components). */
  maxImageMegapixels: number;
}

/**
 * Refuses a PDF before pdf.js decodes a stream whole into memory: a Flate-compressed
 * non-image stream that inflates beyond the limit (through every Flate layer of its filter
 * chain), or an image whose declared size is beyond the pixel limit (a 20000×20000 scan page
 * costs pdf.js gigabytes before anything can be said about it). Found by scanning the raw
 * bytes for `stream` keywords and reading each object's dictionary, however padded; a stream
 * that does not inflate (encrypted, damaged) is left to pdf.js to judge. Best effort by
 * design: it only has to catch what would blow up, not parse the file.
 */
export function checkPdfStreamSizes(bytes: Uint8Array, limits: PdfStreamLimits): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = limits.maxStreamMb * MB;
  for (let at = buf.indexOf('stream', 0, 'latin1'); at >= 0; at = buf.indexOf('stream', at + 6, 'latin1')) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    const objAt = buf.lastIndexOf(' obj', at, 'latin1');
    if (objAt < 0) continue;
    const dict = buf.toString('latin1', objAt, at);
    if (/\/Subtype\s*\/Image\b/.test(dict)) {
      checkImage(dict, at, limits.maxImageMegapixels);
      continue;
    }
    const flateLayers = flateLayersOf(dict);
    if (flateLayers === 0) continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start, 'latin1');
    if (inflatedSize(buf.subarray(start, end < 0 ? buf.length : end), flateLayers, limit) > limit) {
      throw new TooLargeError(`a compressed stream at byte ${at} inflates beyond ${limits.maxStreamMb} MB (a decompression bomb?)`);
    }
  }
}

function checkImage(dict: string, at: number, maxMegapixels: number): void {
  const width = Number(/\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
  const height = Number(/\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
  if (width * height > maxMegapixels * 1e6) {
    throw new TooLargeError(`an image at byte ${at} is ${width}×${height} px (${((width * height) / 1e6).toFixed(0)} MP, limit ${maxMegapixels} MP)`);
  }
}

/** How many FlateDecode filters lead the stream's /Filter (a name or an array of names). */
function flateLayersOf(dict: string): number {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1];
  if (!filter) return 0;
  const names = filter.match(/\/\w+/g) ?? [];
  let layers = 0;
  for (const name of names) {
    if (name !== '/FlateDecode' && name !== '/Fl') break;
    layers++;
  }
  return layers;
}

/**
 * Bytes the zlib data inflates to through `layers` Flate passes, counting no further than
 * just past `limit`. An inner layer's output is kept (it is at most `limit` bytes) to feed
 * the next one.
 */
function inflatedSize(data: Uint8Array, layers: number, limit: number): number {
  let input = data;
  for (let layer = 1; layer <= layers; layer++) {
    const keep = layer < layers;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Unzlib((chunk) => {
      size += chunk.length;
      if (keep && size <= limit) chunks.push(chunk);
    });
    try {
      for (let offset = 0; offset < input.length && size <= limit; offset += STEP_BYTES) {
        inflater.push(input.subarray(offset, offset + STEP_BYTES), offset + STEP_BYTES >= input.length);
      }
    } catch {
      // Not zlib data after all (encrypted, raw deflate, damaged): what it holds is pdf.js's call.
    }
    if (size > limit || !keep) return size;
    input = Buffer.concat(chunks);
  }
  return 0;
}
