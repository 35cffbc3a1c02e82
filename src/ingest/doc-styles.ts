import type { ByteStream } from './doc-bytes.js';
import type { FcLcb } from './doc-fib.js';
import { operand, prls, SPRM } from './doc-sprm.js';

/** A list reference (sprmPIlfo, sprmPIlvl) as a style or a paragraph gives it. */
export interface ListRef {
  ilfo?: number;
  ilvl?: number;
}

interface StyleDef {
  base: number | undefined;
  /** sprmCFBold operand of the style's own character properties. */
  bold: number | undefined;
  list: ListRef;
}

/** Style chains deeper than this are treated as cyclic (Word itself nests a handful). */
const MAX_STYLE_DEPTH = 32;
/** istdBase value meaning "based on no style". */
const ISTD_NIL = 0x0fff;
/** Style kinds (stk) and how many property groups (UPX) each carries, papx first where present. */
const STK_PARAGRAPH = 1;
const STK_CHARACTER = 2;
const STK_TABLE = 3;
const STK_NUMBERING = 4;

/**
 * What the style sheet ([MS-DOC] 2.9.271 STSH) says about boldness and list numbering, with
 * istdBase inheritance — the .doc counterpart of the DOCX reader's StyleSheet.
 */
export class DocStyles {
  private readonly paragraphBoldCache = new Map<number, boolean>();

  private constructor(private readonly styles: ReadonlyMap<number, StyleDef>) {}

  static empty(): DocStyles {
    return new DocStyles(new Map());
  }

  static read(where: FcLcb, table: ByteStream): DocStyles {
    if (where.lcb === 0) return DocStyles.empty();
    const stsh = table.slice(where.fc, where.lcb, 'style sheet');
    const cbStshi = stsh.u16(0, 'Stshi size');
    const cstd = stsh.u16(2, 'style count');
    const cbStdBase = stsh.u16(4, 'STD base size');
    const styles = new Map<number, StyleDef>();
    let at = 2 + cbStshi;
    for (let istd = 0; istd < cstd; istd++) {
      const cbStd = stsh.u16(at, 'STD size');
      if (cbStd > 0) {
        const def = readStd(stsh.slice(at + 2, cbStd, 'STD'), cbStdBase);
        if (def) styles.set(istd, def);
      }
      at += 2 + cbStd;
    }
    return new DocStyles(styles);
  }

  /** Whether text of a paragraph style is bold, through its chain of base styles. */
  paragraphBold(istd: number): boolean {
    const cached = this.paragraphBoldCache.get(istd);
    if (cached !== undefined) return cached;
    const chain = this.chain(istd);
    let bold = false;
    for (let k = chain.length - 1; k >= 0; k--) bold = applyToggle(chain[k]!.bold, bold);
    this.paragraphBoldCache.set(istd, bold);
    return bold;
  }

  /** Boldness a character style sets, undefined when neither it nor its bases say. */
  characterBold(istd: number): boolean | undefined {
    const own = this.chain(istd).find((s) => s.bold !== undefined);
    return own === undefined ? undefined : applyToggle(own.bold, false);
  }

  /** The list a paragraph style numbers its paragraphs with, inherited from its bases. */
  list(istd: number): ListRef {
    const chain = this.chain(istd);
    return {
      ilfo: chain.find((s) => s.list.ilfo !== undefined)?.list.ilfo,
      ilvl: chain.find((s) => s.list.ilvl !== undefined)?.list.ilvl,
    };
  }

  /** The style and its bases, most derived first; cycles and dangling bases end the chain. */
  private chain(istd: number): StyleDef[] {
    const out: StyleDef[] = [];
    let id: number | undefined = istd;
    while (id !== undefined && out.length < MAX_STYLE_DEPTH) {
      const style = this.styles.get(id);
      if (!style) break;
      out.push(style);
      id = style.base;
    }
    return out;
  }
}

/**
 * Toggle properties (sprmCFBold) take 0/1 for off/on, or 0x80/0x81 for "as the style below" /
 * "the opposite of it" ([MS-DOC] 2.9.336 ToggleOperand).
 */
export function applyToggle(value: number | undefined, inherited: boolean): boolean {
  switch (value) {
    case 0: return false;
    case 1: return true;
    case 0x81: return !inherited;
    default: return inherited;
  }
}

function readStd(std: ByteStream, cbStdBase: number): StyleDef | undefined {
  const stk = std.u16(2, 'style kind') & 0x000f;
  const istdBase = std.u16(2, 'base style') >>> 4;
  const cupx = std.u16(4, 'UPX count') & 0x000f;
  // The name (an Xstz: count, UTF-16 characters, terminating zero) follows the fixed part.
  const cch = std.u16(cbStdBase, 'style name length');
  let at = cbStdBase + 2 + cch * 2 + 2;
  const upxs: Uint8Array[] = [];
  for (let k = 0; k < cupx && at + 2 <= std.length; k++) {
    const cbUpx = std.u16(at, 'UPX size');
    upxs.push(std.slice(at + 2, cbUpx, 'UPX').bytes);
    at += 2 + cbUpx + (cbUpx & 1);
  }
  let papx: Uint8Array | undefined;
  let chpx: Uint8Array | undefined;
  if (stk === STK_PARAGRAPH) [papx, chpx] = upxs;
  else if (stk === STK_CHARACTER) [chpx] = upxs;
  else if (stk === STK_TABLE) [, papx, chpx] = upxs;
  else if (stk === STK_NUMBERING) [papx] = upxs;
  else return undefined;

  const def: StyleDef = { base: istdBase === ISTD_NIL ? undefined : istdBase, bold: undefined, list: {} };
  // A paragraph UPX opens with the style's own istd before its grpprl.
  const papxGrpprl = papx?.subarray(2) ?? new Uint8Array(0);
  for (const prl of prls(papxGrpprl)) {
    if (prl.sprm === SPRM.pIlfo) def.list.ilfo = operand(papxGrpprl, prl);
    else if (prl.sprm === SPRM.pIlvl) def.list.ilvl = operand(papxGrpprl, prl);
  }
  const chpxGrpprl = chpx ?? new Uint8Array(0);
  for (const prl of prls(chpxGrpprl)) {
    if (prl.sprm === SPRM.cFBold) def.bold = operand(chpxGrpprl, prl);
  }
  return def;
}
