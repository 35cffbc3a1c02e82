/**
 * Property modifiers ([MS-DOC] 2.2.5.1, 2.6): formatting is stored as grpprls, runs of
 * (sprm, operand) pairs whose operand size the sprm's top three bits (spra) encode.
 */

export const SPRM = {
  // Character properties.
  cFRMarkDel: 0x0800,
  cFBold: 0x0835,
  cFVanish: 0x083c,
  cFSpec: 0x0855,
  cIstd: 0x4a30,
  cRgFtc0: 0x4a4f,
  cSymbol: 0x6a09,
  // Paragraph properties.
  pFPageBreakBefore: 0x2407,
  pIlvl: 0x260a,
  pIlfo: 0x460b,
  pFInTable: 0x2416,
  pFTtp: 0x2417,
  pFInnerTtp: 0x244c,
  pHugePapx: 0x6646,
  pItap: 0x6649,
  pDtap: 0x664a,
  pChgTabs: 0xc615,
  // Table (row) properties, stored in the grpprl of a row's end mark.
  tDefTable: 0xd608,
  tMerge: 0x5624,
  tSplit: 0x5625,
  tVertMerge: 0xd62b,
} as const;

/** One sprm and where its operand lies in the grpprl's bytes. */
export interface Prl {
  sprm: number;
  /** Offset of the operand (for variable-size sprms: after the size field). */
  at: number;
  size: number;
}

/** Operand sizes by spra; 6 is variable (a size field precedes the operand). */
const FIXED_SIZE = [1, 1, 2, 4, 2, 2, -1, 3] as const;

/**
 * The sprms of a grpprl in order. A sprm whose operand runs past the end of the grpprl ends
 * the walk: Word itself ignores such a tail, and nothing after it can be located.
 */
export function* prls(bytes: Uint8Array): Generator<Prl> {
  let i = 0;
  while (i + 2 <= bytes.length) {
    const sprm = bytes[i]! | (bytes[i + 1]! << 8);
    let at = i + 2;
    let size: number = FIXED_SIZE[sprm >>> 13]!;
    if (size < 0) {
      if (sprm === SPRM.tDefTable) {
        // The only sprm with a 16-bit size field, which counts itself minus one byte.
        if (at + 2 > bytes.length) return;
        size = (bytes[at]! | (bytes[at + 1]! << 8)) - 1;
        at += 2;
      } else if (sprm === SPRM.pChgTabs && bytes[at] === 255) {
        // A size byte of 255 means "compute it": deleted tabs (4 bytes each), added tabs (3 bytes each).
        const deleted = bytes[at + 1] ?? 0;
        const added = bytes[at + 2 + deleted * 4] ?? 0;
        at += 1;
        size = 2 + deleted * 4 + added * 3;
      } else {
        if (at >= bytes.length) return;
        size = bytes[at]!;
        at += 1;
      }
    }
    if (size < 0 || at + size > bytes.length) return;
    yield { sprm, at, size };
    i = at + size;
  }
}

/** The operand as an unsigned integer of its size (1, 2 or 4 bytes). */
export function operand(bytes: Uint8Array, prl: Prl): number {
  const b = (k: number): number => bytes[prl.at + k] ?? 0;
  if (prl.size >= 4) return (b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24)) >>> 0;
  if (prl.size >= 2) return b(0) | (b(1) << 8);
  return b(0);
}
