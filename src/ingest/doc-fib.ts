import { CorruptFileError, UnsupportedFormatError } from '../errors.js';
import { FORMAT, type ByteStream } from './doc-bytes.js';

/** A (fc, lcb) pair of the FIB: where a structure lies in the Table stream and its size. */
export interface FcLcb {
  fc: number;
  lcb: number;
}

/** What the reader needs from the File Information Block ([MS-DOC] 2.5.1). */
export interface Fib {
  /** "1Table" or "0Table": the stream holding the piece table, styles, lists, property bins. */
  tableStream: '0Table' | '1Table';
  /** Characters of the main document text (footnotes, headers, comments follow it). */
  ccpText: number;
  stshf: FcLcb;
  sttbfFfn: FcLcb;
  plcfBteChpx: FcLcb;
  plcfBtePapx: FcLcb;
  clx: FcLcb;
  plfLst: FcLcb;
  plfLfo: FcLcb;
}

const W_IDENT = 0xa5ec;
/** nFib of Word 97; Word 6/95 (nFib 101–105) lay the FIB and the text out differently. */
const NFIB_WORD97 = 0xc1;
/** FibBase.flags bits. */
const F_ENCRYPTED = 0x0100;
const F_WHICH_TBL_STM = 0x0200;
const F_OBFUSCATED = 0x8000;
/** Offsets inside the FIB ([MS-DOC] 2.5.1–2.5.6). */
const FIBBASE_SIZE = 32;
const FIBRGLW_CCPTEXT = 3;
/** Index of each (fc, lcb) pair in FibRgFcLcb97. */
const RGFCLCB = { stshf: 1, plcfBteChpx: 12, plcfBtePapx: 13, sttbfFfn: 15, clx: 33, plfLst: 73, plfLfo: 74 } as const;
const RGFCLCB97_COUNT = 93;

export function readFib(word: ByteStream): Fib {
  if (word.length < FIBBASE_SIZE + 2) throw new CorruptFileError(FORMAT, `the WordDocument stream is ${word.length} bytes, too short for a FIB`);
  if (word.u16(0, 'FIB wIdent') !== W_IDENT) throw new CorruptFileError(FORMAT, 'the WordDocument stream does not start with a Word FIB (wIdent is not 0xA5EC)');
  const nFib = word.u16(2, 'FIB nFib');
  const flags = word.u16(10, 'FIB flags');
  if (flags & F_ENCRYPTED) {
    throw new UnsupportedFormatError(`password-protected .doc (${flags & F_OBFUSCATED ? 'XOR-obfuscated' : 'encrypted'}): remove the password in Word or LibreOffice and save again`);
  }
  if (nFib < NFIB_WORD97) {
    throw new UnsupportedFormatError(`Word 6.0/95 or older .doc (nFib ${nFib}): open it in Word or LibreOffice and save as Word 97–2003 .doc or as .docx`);
  }

  // FibRgW97 (csw 16-bit words), FibRgLw97 (cslw 32-bit words), then FibRgFcLcb (cbRgFcLcb pairs).
  const csw = word.u16(FIBBASE_SIZE, 'FIB csw');
  const cslwAt = FIBBASE_SIZE + 2 + csw * 2;
  const cslw = word.u16(cslwAt, 'FIB cslw');
  if (cslw <= FIBRGLW_CCPTEXT) throw new CorruptFileError(FORMAT, `the FIB has ${cslw} long words, too few for the text length`);
  const ccpText = word.i32(cslwAt + 2 + FIBRGLW_CCPTEXT * 4, 'FIB ccpText');
  const cbAt = cslwAt + 2 + cslw * 4;
  const cbRgFcLcb = word.u16(cbAt, 'FIB cbRgFcLcb');
  if (cbRgFcLcb < RGFCLCB97_COUNT) throw new CorruptFileError(FORMAT, `the FIB has ${cbRgFcLcb} structure pointers, fewer than Word 97's ${RGFCLCB97_COUNT}`);
  if (ccpText < 0) throw new CorruptFileError(FORMAT, `the FIB gives a negative text length (${ccpText})`);
  const pair = (index: number): FcLcb => {
    const at = cbAt + 2 + index * 8;
    return { fc: word.u32(at, 'FIB fc pointer'), lcb: word.u32(at + 4, 'FIB lcb size') };
  };
  return {
    tableStream: flags & F_WHICH_TBL_STM ? '1Table' : '0Table',
    ccpText,
    stshf: pair(RGFCLCB.stshf),
    sttbfFfn: pair(RGFCLCB.sttbfFfn),
    plcfBteChpx: pair(RGFCLCB.plcfBteChpx),
    plcfBtePapx: pair(RGFCLCB.plcfBtePapx),
    clx: pair(RGFCLCB.clx),
    plfLst: pair(RGFCLCB.plfLst),
    plfLfo: pair(RGFCLCB.plfLfo),
  };
}
