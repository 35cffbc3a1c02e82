/*
 * Scanning masks that are mostly paper (0): blank runs are passed over four pixels at a time
 * through a 32-bit view of the same bytes. Shared by every hot loop that looks for ink.
 */

/** A 32-bit view of the mask's bytes, or null when they do not start on a 4-byte boundary. */
export function quadsOf(data: Uint8Array): Uint32Array | null {
  return data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
}

/** Index of the first non-zero byte of data[from, end), or `end` when there is none. */
export function nextSet(data: Uint8Array, quads: Uint32Array | null, from: number, end: number): number {
  let i = from;
  if (quads !== null) {
    while (i < end && (i & 3) !== 0) {
      if (data[i] !== 0) return i;
      i++;
    }
    while (i + 4 <= end && quads[i >> 2] === 0) i += 4;
  }
  // At most three bytes when a quad was found inked, or the tail of the range.
  while (i < end && data[i] === 0) i++;
  return i;
}
