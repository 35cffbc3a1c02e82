import { CorruptFileError } from '../errors.js';
import { FORMAT, type ByteStream } from './doc-bytes.js';
import type { Fib } from './doc-fib.js';
import { SPRM } from './doc-sprm.js';

/**
 * A run of text stored contiguously in the WordDocument stream ([MS-DOC] 2.9.177 Pcd): the
 * piece table maps character positions (CPs) onto file offsets (FCs), one piece per run.
 */
export interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  fc: number;
  /** 8-bit characters (cp1252 with Word's mapping) rather than UTF-16LE. */
  compressed: boolean;
  /** Properties the piece applies on top of its FKP ones (fast-saved files), as a grpprl. */
  grpprl: Uint8Array;
}

const CLXT_PRC = 0x01;
const CLXT_PCDT = 0x02;
const PCD_SIZE = 8;
const FC_COMPRESSED = 0x40000000;
const FC_MASK = 0x3fffffff;

/**
 * Prm0 ([MS-DOC] 2.9.215) names one sprm by a 7-bit index; only the sprms that change what the
 * reader sees are mapped, the rest (layout, Far East options) are ignored.
 */
const PRM0_SPRMS: ReadonlyMap<number, number> = new Map([
  [0x0c, SPRM.pIlvl],
  [0x18, SPRM.pFInTable],
  [0x19, SPRM.pFTtp],
  [0x41, SPRM.cFRMarkDel],
  [0x55, SPRM.cFBold],
  [0x5c, SPRM.cFVanish],
]);

/**
 * Reads the CLX ([MS-DOC] 2.9.38): the grpprls fast saves left (Prc) and the piece table
 * (Pcdt) up to the end of the main text. Pieces are checked against the WordDocument stream
 * here, so the text walk can read them without further checks.
 */
export function readPieces(fib: Fib, word: ByteStream, table: ByteStream): Piece[] {
  if (fib.clx.lcb === 0) throw new CorruptFileError(FORMAT, 'the FIB points to no piece table (lcbClx is 0)');
  const clx = table.slice(fib.clx.fc, fib.clx.lcb, 'piece table (CLX)');
  const prcs: Uint8Array[] = [];
  let at = 0;
  while (clx.u8(at, 'CLX entry type') === CLXT_PRC) {
    const cb = clx.i16(at + 1, 'Prc size');
    if (cb < 0) throw new CorruptFileError(FORMAT, `a Prc of the piece table has a negative size (${cb})`);
    prcs.push(clx.slice(at + 3, cb, 'Prc grpprl').bytes);
    at += 3 + cb;
  }
  if (clx.u8(at, 'CLX entry type') !== CLXT_PCDT) throw new CorruptFileError(FORMAT, 'the piece table (Pcdt) is missing from the CLX');
  const lcb = clx.u32(at + 1, 'Pcdt size');
  const plc = clx.slice(at + 5, lcb, 'PlcPcd');
  if (lcb < 4 || (lcb - 4) % (4 + PCD_SIZE) !== 0) throw new CorruptFileError(FORMAT, `the piece table size ${lcb} is not a whole number of pieces`);
  const count = (lcb - 4) / (4 + PCD_SIZE);

  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const cpStart = plc.u32(i * 4, 'piece CP');
    const cpEnd = plc.u32((i + 1) * 4, 'piece CP');
    if (cpEnd < cpStart) throw new CorruptFileError(FORMAT, `piece ${i} ends (CP ${cpEnd}) before it starts (CP ${cpStart})`);
    if (i > 0 && cpStart !== pieces[i - 1]!.cpEnd) throw new CorruptFileError(FORMAT, `piece ${i} does not start where piece ${i - 1} ends`);
    if (cpStart >= fib.ccpText) break;
    const pcd = (count + 1) * 4 + i * PCD_SIZE;
    const fcRaw = plc.u32(pcd + 2, 'piece FC');
    const compressed = (fcRaw & FC_COMPRESSED) !== 0;
    const fc = compressed ? (fcRaw & FC_MASK) / 2 : fcRaw & FC_MASK;
    const length = Math.min(cpEnd, fib.ccpText) - cpStart;
    word.check(fc, length * (compressed ? 1 : 2), `text of piece ${i}`);
    pieces.push({ cpStart, cpEnd, fc, compressed, grpprl: prmGrpprl(plc.u16(pcd + 6, 'piece Prm'), prcs) });
  }
  const covered = pieces.length > 0 ? Math.min(pieces[pieces.length - 1]!.cpEnd, fib.ccpText) : 0;
  if ((fib.ccpText > 0 && pieces[0]?.cpStart !== 0) || covered < fib.ccpText) {
    throw new CorruptFileError(FORMAT, `the piece table covers ${covered} of the ${fib.ccpText} characters of the main text`);
  }
  return pieces;
}

/** The grpprl a piece's Prm stands for: an index into the Prcs, or one sprm given inline. */
function prmGrpprl(prm: number, prcs: readonly Uint8Array[]): Uint8Array {
  if (prm & 1) return prcs[prm >>> 1] ?? new Uint8Array(0);
  const sprm = PRM0_SPRMS.get((prm >>> 1) & 0x7f);
  if (sprm === undefined) return new Uint8Array(0);
  return Uint8Array.of(sprm & 0xff, sprm >>> 8, prm >>> 8);
}

/**
 * Word's "compressed" 8-bit text is cp1252 only in 0x80–0x9F ([MS-DOC] 2.4.1); every other
 * byte is its Latin-1 code point.
 */
const CP1252_HIGH: ReadonlyMap<number, number> = new Map([
  [0x82, 0x201a], [0x83, 0x0192], [0x84, 0x201e], [0x85, 0x2026], [0x86, 0x2020], [0x87, 0x2021],
  [0x88, 0x02c6], [0x89, 0x2030], [0x8a, 0x0160], [0x8b, 0x2039], [0x8c, 0x0152], [0x91, 0x2018],
  [0x92, 0x2019], [0x93, 0x201c], [0x94, 0x201d], [0x95, 0x2022], [0x96, 0x2013], [0x97, 0x2014],
  [0x98, 0x02dc], [0x99, 0x2122], [0x9a, 0x0161], [0x9b, 0x203a], [0x9c, 0x0153], [0x9f, 0x0178],
]);

/** UTF-16 code unit of the k-th character of a piece (the piece is known to be in bounds). */
export function pieceChar(word: ByteStream, piece: Piece, k: number): number {
  if (piece.compressed) {
    const b = word.bytes[piece.fc + k]!;
    return CP1252_HIGH.get(b) ?? b;
  }
  const at = piece.fc + k * 2;
  return word.bytes[at]! | (word.bytes[at + 1]! << 8);
}

/** File offset of the k-th character of a piece: what the FKPs index formatting by. */
export function pieceFc(piece: Piece, k: number): number {
  return piece.fc + k * (piece.compressed ? 1 : 2);
}
