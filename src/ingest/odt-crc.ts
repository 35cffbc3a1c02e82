import { crc32 } from 'node:zlib';
import { CorruptFileError } from '../errors.js';
import { centralDirectory } from './zip-directory.js';

/**
 * The inflater does not check the CRC-32 each ZIP entry records, and a flipped byte inside a
 * deflate stream often inflates to plausible XML (a style lost, a word changed). The reader
 * checks the parts it uses against the central directory's CRCs, so such damage is reported
 * instead of read.
 */
export function verifyCrcs(bytes: Uint8Array, parts: ReadonlyMap<string, Uint8Array>, format: string): void {
  const directory = centralDirectory(bytes);
  for (const [name, data] of parts) {
    const crc = directory.get(name)?.crc;
    if (crc !== undefined && crc !== crc32(data)) {
      throw new CorruptFileError(format, `${name} fails its CRC check (the archive is damaged)`);
    }
  }
}
