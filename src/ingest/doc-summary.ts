import type { ByteStream } from './doc-bytes.js';

const BYTE_ORDER = 0xfffe;
const FIRST_SECTION_OFFSET = 44;
const PIDSI_PAGECOUNT = 0x0e;
const VT_I4 = 0x0003;
/** More properties than a summary ever holds means a damaged stream: not worth walking. */
const MAX_PROPERTIES = 1024;

/**
 * The page count Word saved in the SummaryInformation property set ([MS-OLEPS]; PIDSI_PAGECOUNT),
 * as of the last layout it did. Undefined when absent or unreadable: the count is only a hint.
 */
export function savedPageCount(summary: ByteStream | undefined): number | undefined {
  if (!summary || summary.length < FIRST_SECTION_OFFSET + 4) return undefined;
  if (summary.u16(0, 'property set byte order') !== BYTE_ORDER) return undefined;
  const section = summary.u32(FIRST_SECTION_OFFSET, 'property section offset');
  if (section + 8 > summary.length) return undefined;
  const count = Math.min(summary.u32(section + 4, 'property count'), MAX_PROPERTIES);
  for (let k = 0; k < count; k++) {
    const entry = section + 8 + k * 8;
    if (entry + 8 > summary.length) return undefined;
    if (summary.u32(entry, 'property id') !== PIDSI_PAGECOUNT) continue;
    const at = section + summary.u32(entry + 4, 'property offset');
    if (at + 8 > summary.length || summary.u16(at, 'property type') !== VT_I4) return undefined;
    const pages = summary.i32(at + 4, 'page count');
    return pages > 0 ? pages : undefined;
  }
  return undefined;
}
