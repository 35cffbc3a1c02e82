import { CorruptFileError } from '../errors.js';

export const FORMAT = 'Word 97–2003 document (.doc)';

/**
 * One stream of the compound file with reads that check their bounds: every offset in a .doc
 * comes from the file itself, so a damaged pointer must become a CorruptFileError saying
 * which structure is broken, never a RangeError or a read of garbage past the end.
 */
export class ByteStream {
  private readonly view: DataView;

  constructor(
    readonly name: string,
    readonly bytes: Uint8Array,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless [offset, offset + size) lies inside the stream. */
  check(offset: number, size: number, what: string): void {
    if (!Number.isInteger(offset) || !Number.isInteger(size) || offset < 0 || size < 0 || offset + size > this.bytes.length) {
      throw new CorruptFileError(FORMAT, `${what} (${size} bytes at offset ${offset}) lies outside the ${this.name} stream of ${this.bytes.length} bytes`);
    }
  }

  u8(offset: number, what: string): number {
    this.check(offset, 1, what);
    return this.view.getUint8(offset);
  }

  u16(offset: number, what: string): number {
    this.check(offset, 2, what);
    return this.view.getUint16(offset, true);
  }

  i16(offset: number, what: string): number {
    this.check(offset, 2, what);
    return this.view.getInt16(offset, true);
  }

  u32(offset: number, what: string): number {
    this.check(offset, 4, what);
    return this.view.getUint32(offset, true);
  }

  i32(offset: number, what: string): number {
    this.check(offset, 4, what);
    return this.view.getInt32(offset, true);
  }

  /** A bounded view (no copy) of a structure the FIB or another structure points to. */
  slice(offset: number, size: number, what: string): ByteStream {
    this.check(offset, size, what);
    return new ByteStream(`${this.name} (${what})`, this.bytes.subarray(offset, offset + size));
  }
}
