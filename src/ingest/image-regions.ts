/**
 * Connected regions of a binary raster (4-connected, iterative: a page thumbnail has too many
 * pixels for recursion). Neighbours are inlined: a closure per visited pixel made these
 * loops dominate the sheet search.
 */

export type FrameSide = 'top' | 'bottom' | 'left' | 'right';

/** Labels of the 4-connected regions of `member` (1 = in), and the largest one's label and size. */
export function largestComponent(member: Uint8Array, w: number, h: number): { label: Int32Array; best: number; size: number } {
  const label = new Int32Array(w * h).fill(-1);
  const stack = new Int32Array(w * h);
  let best = -1;
  let bestSize = 0;
  let next = 0;
  for (let s = 0; s < w * h; s++) {
    if (member[s] === 0 || label[s] !== -1) continue;
    let sp = 0;
    stack[sp++] = s;
    label[s] = next;
    let size = 0;
    while (sp > 0) {
      const p = stack[--sp]!;
      size++;
      const x = p % w;
      let q = p - 1;
      if (x > 0 && member[q] === 1 && label[q] === -1) { label[q] = next; stack[sp++] = q; }
      q = p + 1;
      if (x < w - 1 && member[q] === 1 && label[q] === -1) { label[q] = next; stack[sp++] = q; }
      q = p - w;
      if (q >= 0 && member[q] === 1 && label[q] === -1) { label[q] = next; stack[sp++] = q; }
      q = p + w;
      if (q < w * h && member[q] === 1 && label[q] === -1) { label[q] = next; stack[sp++] = q; }
    }
    if (size > bestSize) { bestSize = size; best = next; }
    next++;
  }
  return { label, best, size: bestSize };
}

/**
 * What can be reached from the frame through `passable` pixels (1 = may be crossed), started
 * from every passable pixel of the frame except those of `skip`. Returns 1 for reached pixels.
 */
export function floodFromFrame(passable: Uint8Array, w: number, h: number, skip?: FrameSide): Uint8Array {
  const reached = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let sp = 0;
  const seed = (p: number) => { if (passable[p] === 1 && reached[p] === 0) { reached[p] = 1; stack[sp++] = p; } };
  for (let x = 0; x < w; x++) {
    if (skip !== 'top') seed(x);
    if (skip !== 'bottom') seed((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    if (skip !== 'left') seed(y * w);
    if (skip !== 'right') seed(y * w + w - 1);
  }
  while (sp > 0) {
    const p = stack[--sp]!;
    const x = p % w;
    if (x > 0) seed(p - 1);
    if (x < w - 1) seed(p + 1);
    if (p >= w) seed(p - w);
    if (p < (h - 1) * w) seed(p + w);
  }
  return reached;
}
