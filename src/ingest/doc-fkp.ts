import { CorruptFileError } from '../errors.js';
import { FORMAT, type ByteStream } from './doc-bytes.js';
import type { FcLcb } from './doc-fib.js';
import { operand, prls, SPRM } from './doc-sprm.js';

/** Formatting of a run of file offsets [start, end) as an FKP records it. */
export interface FkpRun {
  start: number;
  end: number;
  /** Style index (paragraph runs only; 0 = Normal). */
  istd: number;
  grpprl: Uint8Array;
}

const PAGE = 512;
/** Bytes of a BxPap in a PapxFkp: a word offset and a 12-byte PHE (layout cache). */
const BX_PAP_SIZE = 13;
const PN_MASK = 0x3fffff;
const EMPTY = new Uint8Array(0);

interface Page {
  rgfc: number[];
  runs: (FkpRun | undefined)[];
}

/**
 * Paragraph or character formatting by file offset: a PlcBte in the Table stream names, for
 * each range of offsets, a 512-byte formatted disk page (FKP) of the WordDocument stream that
 * holds the grpprl of each run ([MS-DOC] 2.8.6, 2.9.123, 2.9.177). Pages are parsed once.
 */
export class FkpIndex {
  private readonly pages = new Map<number, Page>();
  /** Data-stream grpprls by offset: runs sharing one are parsed once by the callers. */
  private readonly huge = new Map<number, Uint8Array>();

  private constructor(
    private readonly kind: 'paragraph' | 'character',
    private readonly word: ByteStream,
    private readonly data: ByteStream | undefined,
    private readonly fcs: number[],
    private readonly pns: number[],
  ) {}

  static read(kind: 'paragraph' | 'character', where: FcLcb, table: ByteStream, word: ByteStream, data: ByteStream | undefined): FkpIndex {
    const plc = table.slice(where.fc, where.lcb, `${kind} property bin table`);
    if (where.lcb < 4 || (where.lcb - 4) % 8 !== 0) throw new CorruptFileError(FORMAT, `the ${kind} property bin table size ${where.lcb} is not a whole number of entries`);
    const count = (where.lcb - 4) / 8;
    const fcs: number[] = [];
    for (let i = 0; i <= count; i++) fcs.push(plc.u32(i * 4, 'bin table FC'));
    const pns: number[] = [];
    for (let i = 0; i < count; i++) pns.push(plc.u32((count + 1) * 4 + i * 4, 'bin table page number') & PN_MASK);
    return new FkpIndex(kind, word, data, fcs, pns);
  }

  /** The run containing file offset `fc`, or undefined where the file gives no formatting. */
  at(fc: number): FkpRun | undefined {
    const i = lastAtOrBefore(this.fcs, fc);
    if (i < 0 || i >= this.pns.length || fc >= this.fcs[i + 1]!) return undefined;
    const page = this.page(this.pns[i]!);
    const j = lastAtOrBefore(page.rgfc, fc);
    if (j < 0 || j >= page.runs.length || fc >= page.rgfc[j + 1]!) return undefined;
    return page.runs[j];
  }

  private page(pn: number): Page {
    let page = this.pages.get(pn);
    if (!page) {
      page = this.kind === 'paragraph' ? this.readPapxPage(pn) : this.readChpxPage(pn);
      this.pages.set(pn, page);
    }
    return page;
  }

  private readRgfc(fkp: ByteStream, entrySize: number): number[] {
    const crun = fkp.u8(PAGE - 1, 'FKP run count');
    if ((crun + 1) * 4 + crun * entrySize > PAGE - 1) throw new CorruptFileError(FORMAT, `an FKP claims ${crun} runs, more than a page holds`);
    const rgfc: number[] = [];
    for (let i = 0; i <= crun; i++) rgfc.push(fkp.u32(i * 4, 'FKP FC'));
    return rgfc;
  }

  private readPapxPage(pn: number): Page {
    const fkp = this.word.slice(pn * PAGE, PAGE, `paragraph FKP page ${pn}`);
    const rgfc = this.readRgfc(fkp, BX_PAP_SIZE);
    const runs: (FkpRun | undefined)[] = [];
    for (let j = 0; j + 1 < rgfc.length; j++) {
      const offset = fkp.u8(rgfc.length * 4 + j * BX_PAP_SIZE, 'BxPap') * 2;
      if (offset === 0) {
        runs.push({ start: rgfc[j]!, end: rgfc[j + 1]!, istd: 0, grpprl: EMPTY });
        continue;
      }
      // PapxInFkp: a byte count in words, 0 meaning "the next byte counts words exactly".
      const cb = fkp.u8(offset, 'PapxInFkp size');
      const size = cb !== 0 ? cb * 2 - 1 : fkp.u8(offset + 1, 'PapxInFkp size') * 2;
      const body = fkp.slice(cb !== 0 ? offset + 1 : offset + 2, size, 'PapxInFkp');
      const istd = size >= 2 ? body.u16(0, 'paragraph style index') : 0;
      runs.push({ start: rgfc[j]!, end: rgfc[j + 1]!, istd, grpprl: this.hugePapx(body.bytes.subarray(2)) });
    }
    return { rgfc, runs };
  }

  /** A grpprl too large for an FKP lives in the Data stream, named by sprmPHugePapx. */
  private hugePapx(grpprl: Uint8Array): Uint8Array {
    for (const prl of prls(grpprl)) {
      if (prl.sprm !== SPRM.pHugePapx) continue;
      if (!this.data) throw new CorruptFileError(FORMAT, 'a paragraph keeps its properties in the Data stream, which is missing');
      const at = operand(grpprl, prl);
      let huge = this.huge.get(at);
      if (!huge) {
        const size = this.data.u16(at, 'huge paragraph property size');
        huge = this.data.slice(at + 2, size, 'huge paragraph properties').bytes;
        this.huge.set(at, huge);
      }
      return huge;
    }
    return grpprl;
  }

  private readChpxPage(pn: number): Page {
    const fkp = this.word.slice(pn * PAGE, PAGE, `character FKP page ${pn}`);
    const rgfc = this.readRgfc(fkp, 1);
    const runs: (FkpRun | undefined)[] = [];
    for (let j = 0; j + 1 < rgfc.length; j++) {
      const offset = fkp.u8(rgfc.length * 4 + j, 'Chpx offset') * 2;
      const grpprl = offset === 0 ? EMPTY : fkp.slice(offset + 1, fkp.u8(offset, 'Chpx size'), 'Chpx').bytes;
      runs.push({ start: rgfc[j]!, end: rgfc[j + 1]!, istd: 0, grpprl });
    }
    return { rgfc, runs };
  }
}

/** Index of the last element <= value in an ascending array, -1 when none is. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
