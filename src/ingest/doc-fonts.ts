import type { ByteStream } from './doc-bytes.js';
import type { FcLcb } from './doc-fib.js';

/** Offset of the name in an FFN: size, flags, weight, charset, alt-name index, PANOSE, FONTSIGNATURE. */
const FFN_NAME_OFFSET = 40;
/** Fonts whose letters are pictures: a bullet "l" in Wingdings is a black circle, not an "l". */
const SYMBOL_FONT = /symbol|wingdings|webdings|dingbats/i;

/**
 * Indexes (ftc) of the symbol fonts in the font table ([MS-DOC] 2.9.283 SttbfFfn). A damaged
 * entry ends the table: fonts only decide how bullets are shown.
 */
export function symbolFonts(where: FcLcb, table: ByteStream): Set<number> {
  const out = new Set<number>();
  if (where.lcb === 0) return out;
  const sttb = table.slice(where.fc, where.lcb, 'font table');
  const count = sttb.u16(0, 'font count');
  let at = 4;
  for (let ftc = 0; ftc < count && at < sttb.length; ftc++) {
    const size = sttb.u8(at, 'FFN size') + 1;
    if (at + size > sttb.length) break;
    let name = '';
    for (let k = at + FFN_NAME_OFFSET; k + 1 < at + size; k += 2) {
      const code = sttb.u16(k, 'font name');
      if (code === 0) break;
      name += String.fromCharCode(code);
    }
    if (SYMBOL_FONT.test(name)) out.add(ftc);
    at += size;
  }
  return out;
}
