import type { ByteStream } from './doc-bytes.js';
import type { Fib } from './doc-fib.js';
import { operand, prls, SPRM } from './doc-sprm.js';
import { formatNumber, type ListLabel } from './docx-numbering.js';

interface Level {
  start: number;
  numFmt: string;
  /** Number text with level placeholders: the character at each such position is a level 0–8. */
  text: string;
  placeholders: number[];
  /** Restart after a use of a level below this one (0 = never); undefined = after any shallower level. */
  restart: number | undefined;
  legal: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  /** The number text is set in a symbol font (a bullet "l" in Wingdings). */
  symbolFont: boolean;
}

interface ListDef {
  lsid: number;
  levels: Level[];
}

interface Override {
  lsid: number;
  startAt: Map<number, number>;
  levels: Map<number, Level>;
}

/** Nine list levels (0..8). */
const LEVELS = 9;
const LSTF_SIZE = 28;
const LVLF_SIZE = 28;
const LFO_SIZE = 16;
const LFOLVL_SIZE = 8;
const F_SIMPLE_LIST = 0x01;
const F_LEGAL = 0x04;
const F_NO_RESTART = 0x08;
const F_START_AT = 0x10;
const F_FORMATTING = 0x20;
/**
 * Word caps start values at 0x7FFF ([MS-DOC] LVLF.iStartAt); a damaged one is clamped, since
 * letter numbering repeats its letter value/26 times and a huge value would build a huge label.
 */
const MAX_START = 0x7fff;
const clampStart = (value: number): number => Math.min(MAX_START, Math.max(0, value));
/**
 * Letter numbering repeats the letter past the alphabet (aa, bbb …): beyond 30 repeats only a
 * damaged or hostile file counts, and the label would grow with the count, so it is decimal.
 */
const MAX_LETTER_VALUE = 26 * 30;
const LETTER_FORMATS = new Set(['upperLetter', 'lowerLetter', 'russianUpper', 'russianLower']);
/** sprmPIlfo value that switches off numbering a style would give. */
export const ILFO_NONE = 0xf801;

/** MSONFC codes ([MS-OSHARED] 2.2.1.3) of the formats a plan's labels use, as OOXML names. */
const NFC: ReadonlyMap<number, string> = new Map([
  [0x00, 'decimal'], [0x01, 'upperRoman'], [0x02, 'lowerRoman'], [0x03, 'upperLetter'],
  [0x04, 'lowerLetter'], [0x16, 'decimalZero'], [0x17, 'bullet'], [0x3a, 'russianLower'],
  [0x3b, 'russianUpper'], [0xff, 'none'],
]);

/**
 * Word's list numbering from the Table stream (PlfLst with its LVLs, PlfLfo with overrides):
 * the labels are not in the text of a .doc, Word renders them, so they are rendered here the
 * way the DOCX reader renders w:numbering — counters per list (lsid), so that overrides sharing
 * a list continue it, and an override's start value applying the first time it is used.
 */
export class DocLists {
  private readonly counters = new Map<number, (number | undefined)[]>();
  private readonly startsApplied = new Set<string>();

  private constructor(
    private readonly lists: ReadonlyMap<number, ListDef>,
    private readonly overrides: readonly Override[],
  ) {}

  static empty(): DocLists {
    return new DocLists(new Map(), []);
  }

  static read(fib: Fib, table: ByteStream, symbolFonts: ReadonlySet<number>): DocLists {
    if (fib.plfLst.lcb === 0 || fib.plfLfo.lcb === 0) return DocLists.empty();
    const lists = new Map<number, ListDef>();
    const cLst = table.u16(fib.plfLst.fc, 'list count');
    // The LVLs follow the array of LSTFs, in list order: one level for a simple list, else nine.
    let at = fib.plfLst.fc + 2 + cLst * LSTF_SIZE;
    for (let k = 0; k < cLst; k++) {
      const lstf = fib.plfLst.fc + 2 + k * LSTF_SIZE;
      const lsid = table.i32(lstf, 'list id');
      const simple = (table.u8(lstf + 26, 'list flags') & F_SIMPLE_LIST) !== 0;
      const levels: Level[] = [];
      for (let ilvl = 0; ilvl < (simple ? 1 : LEVELS); ilvl++) {
        const read = readLevel(table, at, symbolFonts);
        levels.push(read.level);
        at = read.end;
      }
      lists.set(lsid, { lsid, levels });
    }

    const lfoMac = table.i32(fib.plfLfo.fc, 'list override count');
    const overrides: Override[] = [];
    at = fib.plfLfo.fc + 4 + Math.max(0, lfoMac) * LFO_SIZE;
    for (let k = 0; k < lfoMac; k++) {
      const lfo = fib.plfLfo.fc + 4 + k * LFO_SIZE;
      const override: Override = { lsid: table.i32(lfo, 'list override id'), startAt: new Map(), levels: new Map() };
      const clfolvl = table.u8(lfo + 12, 'list override level count');
      // LFOData: a CP, then the level overrides, each with an LVL when it reformats the level.
      at += 4;
      for (let j = 0; j < clfolvl; j++) {
        const startAt = table.i32(at, 'override start');
        const flags = table.u32(at + 4, 'override flags');
        at += LFOLVL_SIZE;
        const ilvl = flags & 0x0f;
        if (flags & F_START_AT) override.startAt.set(ilvl, clampStart(startAt));
        if (flags & F_FORMATTING) {
          const read = readLevel(table, at, symbolFonts);
          override.levels.set(ilvl, read.level);
          at = read.end;
        }
      }
      overrides.push(override);
    }
    return new DocLists(lists, overrides);
  }

  /** Advances the counters for one numbered paragraph (ilfo is 1-based) and returns its label. */
  next(ilfo: number, ilvl: number): ListLabel | undefined {
    const override = this.overrides[ilfo - 1];
    if (!override || ilvl < 0 || ilvl >= LEVELS) return undefined;
    const list = this.lists.get(override.lsid);
    if (!list) return undefined;
    const levelOf = (k: number): Level | undefined => override.levels.get(k) ?? list.levels[k];
    const level = levelOf(ilvl);
    if (!level) return undefined;

    let counts = this.counters.get(list.lsid);
    if (!counts) {
      counts = new Array<number | undefined>(LEVELS).fill(undefined);
      this.counters.set(list.lsid, counts);
    }
    const startKey = `${ilfo}/${ilvl}`;
    const startAt = override.startAt.get(ilvl);
    if (startAt !== undefined && !this.startsApplied.has(startKey)) {
      this.startsApplied.add(startKey);
      counts[ilvl] = startAt - 1;
    }
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? level.start : current + 1;
    for (let deeper = ilvl + 1; deeper < LEVELS; deeper++) {
      const restart = levelOf(deeper)?.restart;
      if (restart === undefined || (restart > 0 && ilvl < restart)) counts[deeper] = undefined;
    }

    let label = '';
    for (let p = 0; p < level.text.length; p++) {
      const k = level.placeholders.includes(p) ? level.text.charCodeAt(p) : -1;
      if (k < 0 || k >= LEVELS) {
        label += level.text[p];
        continue;
      }
      const def = levelOf(k);
      const value = counts[k] ?? def?.start ?? 1;
      const numFmt = level.legal ? 'decimal' : def?.numFmt ?? 'decimal';
      label += formatNumber(value, LETTER_FORMATS.has(numFmt) && value > MAX_LETTER_VALUE ? 'decimal' : numFmt);
    }
    // Bullets are mostly glyphs of Symbol/Wingdings (private-use codes, or letters in such a
    // font): shown as "•", as the DOCX reader shows private-use ones; "–" or "o" stay as they are.
    const bullet = level.numFmt === 'bullet';
    const shown = bullet && level.symbolFont ? label.replace(/\S/g, '•') : bullet ? label.replace(/[\uE000-\uF8FF]/g, '•') : label;
    return { label: shown, separator: level.suffix === 'nothing' ? '' : ' ' };
  }
}

/** One LVL ([MS-DOC] 2.9.150): LVLF, paragraph and character grpprls, then the number text. */
function readLevel(table: ByteStream, at: number, symbolFonts: ReadonlySet<number>): { level: Level; end: number } {
  const flags = table.u8(at + 5, 'level flags');
  const placeholders: number[] = [];
  for (let k = 0; k < LEVELS; k++) {
    const position = table.u8(at + 6 + k, 'level placeholder');
    if (position > 0) placeholders.push(position - 1);
  }
  const follow = table.u8(at + 15, 'level follow');
  const cbChpx = table.u8(at + 24, 'level character grpprl size');
  const cbPapx = table.u8(at + 25, 'level paragraph grpprl size');
  const chpx = table.slice(at + LVLF_SIZE + cbPapx, cbChpx, 'level character grpprl').bytes;
  let symbolFont = false;
  for (const prl of prls(chpx)) if (prl.sprm === SPRM.cRgFtc0) symbolFont = symbolFonts.has(operand(chpx, prl));
  const textAt = at + LVLF_SIZE + cbPapx + cbChpx;
  const cch = table.u16(textAt, 'level text length');
  table.check(textAt + 2, cch * 2, 'level text');
  let text = '';
  for (let k = 0; k < cch; k++) text += String.fromCharCode(table.u16(textAt + 2 + k * 2, 'level text'));
  return {
    level: {
      start: clampStart(table.i32(at, 'level start')),
      numFmt: NFC.get(table.u8(at + 4, 'level format')) ?? 'decimal',
      text,
      placeholders,
      restart: flags & F_NO_RESTART ? table.u8(at + 26, 'level restart') : undefined,
      legal: (flags & F_LEGAL) !== 0,
      suffix: follow === 1 ? 'space' : follow === 2 ? 'nothing' : 'tab',
      symbolFont,
    },
    end: textAt + 2 + cch * 2,
  };
}
