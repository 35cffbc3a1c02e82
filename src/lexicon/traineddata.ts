/**
 * The container format of a Tesseract traineddata file (tessdatamanager.h): an int32 count
 * of component slots, then one int64 offset per slot (-1 when the component is absent), then
 * the components back to back. A component runs to the next present offset (or the end).
 */

/** Slot numbers of the TessdataType enum (tessdatamanager.h) this project reads. */
export const TESSDATA = {
  lstmWordDawg: 19,
  lstmUnicharset: 21,
} as const;

/** Slot counts beyond this are not a traineddata header (Tesseract 5 has 24 slots). */
const MAX_SLOTS = 64;

/** Why a buffer is not a readable traineddata file; callers wrap it in their own error. */
export class TraineddataFormatError extends Error {
  constructor(readonly reason: string) {
    super(`not a valid traineddata file (${reason})`);
    this.name = 'TraineddataFormatError';
  }
}

/** True for gzip data: the model is vendored gzipped, as tesseract.js loads it. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Offsets of every slot (-1 = absent), checked to lie in order inside the file. */
export function readTessdataOffsets(raw: Buffer): number[] {
  if (raw.length < 4) throw new TraineddataFormatError('too short');
  const slots = raw.readInt32LE(0);
  if (slots <= 0 || slots > MAX_SLOTS || raw.length < 4 + slots * 8) throw new TraineddataFormatError('bad header');
  const offsets: number[] = [];
  let last = 0;
  let present = 0;
  for (let i = 0; i < slots; i++) {
    const offset = Number(raw.readBigInt64LE(4 + i * 8));
    offsets.push(offset);
    if (offset === -1) continue;
    if (offset < last || offset > raw.length) throw new TraineddataFormatError('offsets out of range');
    last = offset;
    present++;
  }
  if (present === 0) throw new TraineddataFormatError('no components');
  return offsets;
}

/** The bytes of one component (a view into `raw`), or undefined when the model lacks it. */
export function tessdataComponent(raw: Buffer, offsets: readonly number[], slot: number): Buffer | undefined {
  const start = offsets[slot];
  if (start === undefined || start === -1) return undefined;
  const end = offsets.slice(slot + 1).find((o) => o !== -1) ?? raw.length;
  return raw.subarray(start, end);
}
