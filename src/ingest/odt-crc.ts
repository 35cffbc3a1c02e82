import { crc32 } from 'node:zlib';
import { CorruptFileError } from '../errors.js';

/**
 * The inflater does not check the CRC-32 each ZIP entry records, and a flipped byte inside a
 * deflate stream often inflates to plausible XML (a style lost, a word changed). The reader
 * checks the parts it uses against the central directory's CRCs, so such damage is reported
 * instead of read.
 */
export function verifyCrcs(bytes: Uint8Array, parts: ReadonlyMap<string, Uint8Array>, format: string): void {
  const expected = centralDirectoryCrcs(bytes, new Set(parts.keys()));
  for (const [name, data] of parts) {
    const crc = expected.get(name);
    if (crc !== undefined && crc !== crc32(data)) {
      throw new CorruptFileError(format, `${name} fails its CRC check (the archive is damaged)`);
    }
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
/** The end record sits within its own size plus the longest comment (65 535 bytes) of the end. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
/** A ZIP64 archive marks its 32-bit offsets so; the CRCs are then not looked up (none of ours). */
const ZIP64_MARK = 0xffffffff;

/** CRC-32 of the entries named `wanted`, from the central directory (ASCII names). */
function centralDirectoryCrcs(bytes: Uint8Array, wanted: ReadonlySet<string>): Map<string, number> {
  const crcs = new Map<string, number>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SEARCH); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return crcs;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (at === ZIP64_MARK) return crcs;
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) break;
    const nameLength = view.getUint16(at + 28, true);
    const name = String.fromCharCode(...bytes.subarray(at + 46, at + 46 + nameLength));
    // The first entry of a name wins, as when extracting.
    if (wanted.has(name) && !crcs.has(name)) crcs.set(name, view.getUint32(at + 16, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return crcs;
}

