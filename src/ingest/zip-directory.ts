/**
 * The central directory of a ZIP read directly: what fflate's listing does not expose — each
 * entry's CRC-32 and where its local header starts. Names are decoded as fflate decodes them
 * (UTF-8 when the entry's flag says so, else Latin-1), so they key the same maps.
 */

export interface DirectoryEntry {
  crc: number;
  /** Byte offset of the entry's local header. */
  localOffset: number;
  /** The entry is password-protected (ZipCrypto or AES: general-purpose flag bit 0). */
  encrypted: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
/** The end record sits within its own size plus the longest comment (65 535 bytes) of the end. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
/** A ZIP64 archive marks its 32-bit offsets so; its directory is then not read here. */
const ZIP64_MARK = 0xffffffff;
const UTF8_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;

/** Entries by name (the first of a repeated name wins, as when extracting); empty when unreadable. */
export function centralDirectory(bytes: Uint8Array): Map<string, DirectoryEntry> {
  const entries = new Map<string, DirectoryEntry>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SEARCH); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return entries;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (at === ZIP64_MARK) return entries;
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) break;
    const nameLength = view.getUint16(at + 28, true);
    const raw = bytes.subarray(at + 46, at + 46 + nameLength);
    const flags = view.getUint16(at + 8, true);
    const name = flags & UTF8_FLAG ? utf8.decode(raw) : String.fromCharCode(...raw);
    if (!entries.has(name)) entries.set(name, { crc: view.getUint32(at + 16, true), localOffset: view.getUint32(at + 42, true), encrypted: (flags & ENCRYPTED_FLAG) !== 0 });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}
