import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A ZIP writer with every field under the caller's control, for archives that lie: entries
 * sharing one local header (overlap), ZIP64 size claims, data descriptors that disagree with
 * the central directory. fflate writes only honest archives.
 */

export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** Deflate (default) or store. */
  store?: boolean;
  /** Write sizes and CRC as zero in the local header and put them in a data descriptor after the data. */
  descriptor?: { crc?: number; compressed?: number; size?: number };
  /** Uncompressed size the central directory declares (default: the true size). */
  declaredSize?: number;
  /** Put 0xFFFFFFFF in the directory's sizes and this size in a ZIP64 extra field. */
  zip64Size?: bigint;
}

export interface RawZipOptions {
  /**
   * Extra central-directory entries, each naming a local header already written by index
   * (`of`), with their own names: Fifield-style overlapping entries.
   */
  aliases?: { name: string; of: number }[];
}

export function rawZip(entries: readonly RawEntry[], opts: RawZipOptions = {}): Uint8Array {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  const written: { offset: number; crc: number; compressed: number; size: number; method: number; flags: number }[] = [];
  const cdEntry = (name: string, w: (typeof written)[number], e: RawEntry | null) => {
    const nameBytes = Buffer.from(name, 'utf8');
    let extra = Buffer.alloc(0);
    let size = e?.declaredSize ?? w.size;
    let compressed = w.compressed;
    if (e?.zip64Size !== undefined) {
      extra = Buffer.alloc(20);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(e.zip64Size, 4);
      extra.writeBigUInt64LE(BigInt(w.compressed), 12);
      size = 0xffffffff;
      compressed = 0xffffffff;
    }
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(e?.zip64Size !== undefined ? 45 : 20, 4);
    h.writeUInt16LE(e?.zip64Size !== undefined ? 45 : 20, 6);
    h.writeUInt16LE(w.flags, 8);
    h.writeUInt16LE(w.method, 10);
    h.writeUInt32LE(w.crc, 16);
    h.writeUInt32LE(compressed, 20);
    h.writeUInt32LE(size, 24);
    h.writeUInt16LE(nameBytes.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt32LE(w.offset, 42);
    central.push(Buffer.concat([h, nameBytes, extra]));
  };
  for (const e of entries) {
    const method = e.store ? 0 : 8;
    const body = e.store ? Buffer.from(e.data) : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const flags = 0x800 | (e.descriptor ? 0x8 : 0);
    const nameBytes = Buffer.from(e.name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(method, 8);
    if (!e.descriptor) {
      h.writeUInt32LE(crc, 14);
      h.writeUInt32LE(body.length, 18);
      h.writeUInt32LE(e.data.length, 22);
    }
    h.writeUInt16LE(nameBytes.length, 26);
    const w = { offset, crc, compressed: body.length, size: e.data.length, method, flags };
    written.push(w);
    push(Buffer.concat([h, nameBytes, body]));
    if (e.descriptor) {
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(e.descriptor.crc ?? crc, 4);
      d.writeUInt32LE(e.descriptor.compressed ?? body.length, 8);
      d.writeUInt32LE(e.descriptor.size ?? e.data.length, 12);
      push(d);
    }
  }
  entries.forEach((e, i) => cdEntry(e.name, written[i]!, e));
  for (const a of opts.aliases ?? []) cdEntry(a.name, written[a.of]!, null);
  const cdStart = offset;
  const cd = Buffer.concat(central);
  push(cd);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdStart, 16);
  push(end);
  return new Uint8Array(Buffer.concat(parts));
}
