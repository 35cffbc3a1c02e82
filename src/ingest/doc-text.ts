import type { ByteStream } from './doc-bytes.js';
import type { FkpIndex, FkpRun } from './doc-fkp.js';
import { pieceChar, pieceFc, type Piece } from './doc-pieces.js';
import { operand, prls, SPRM } from './doc-sprm.js';

/** Character formatting the reader needs, from a run's CHPX and its piece's grpprl. */
export interface CharProps {
  /** sprmCFBold operand (0, 1, 0x80, 0x81), undefined when the run leaves it to the styles. */
  bold: number | undefined;
  /** Character style (sprmCIstd). */
  istd: number | undefined;
  /** Hidden text or a deleted revision: not what a reader of the document sees. */
  hidden: boolean;
  /** The character is a special one (picture, field mark, symbol …), not literal text. */
  special: boolean;
  /** Character code of a sprmCSymbol glyph. */
  symbol: number | undefined;
}

/** Where the text walk delivers what it reads, in document order. */
export interface TextSink {
  /** Visible text, in runs of one formatting. */
  text(text: string, chp: CharProps): void;
  /** A paragraph mark (0x0D), cell or row end mark (0x07) or section mark (0x0C) at file offset fc. */
  paragraphEnd(mark: number, fc: number, piece: Piece): void;
  /** A page or section break. */
  pageBreak(): void;
}

const PARAGRAPH_MARK = 0x0d;
const CELL_MARK = 0x07;
const PAGE_BREAK = 0x0c;
const FIELD_BEGIN = 0x13;
const FIELD_SEPARATOR = 0x14;
const FIELD_END = 0x15;
/** Characters that stand for text: tab, line break, non-breaking hyphen. */
const TEXT_CONTROLS: ReadonlyMap<number, string> = new Map([[0x09, '\t'], [0x0b, '\n'], [0x1e, '-']]);
/** What a special character carrying sprmCSymbol is written as in the text stream. */
const SYMBOL_PLACEHOLDER = 0x28;
/** Word stores a symbol-font glyph typed into the text at U+F000 + its code in the font. */
const SYMBOL_FONT_FIRST = 0xf000;
const SYMBOL_FONT_LAST = 0xf0ff;

/**
 * Walks the main document text (CPs 0 … ccpText) piece by piece. Fields keep only their result
 * (the text between the separator and the end mark), never their instruction; anchors of
 * pictures, drawings, footnotes and comments (control characters) and optional hyphens are
 * dropped. Formatting is looked up once per run, so the walk is linear in the text.
 */
export function walkText(word: ByteStream, pieces: readonly Piece[], ccpText: number, chpx: FkpIndex, papx: FkpIndex, sink: TextSink): void {
  let run: FkpRun | undefined;
  let runPiece: Piece | undefined;
  let chp = combine(undefined, undefined);
  let buffer = '';
  // Open fields, innermost last: true once past the separator (showing the result).
  const fields: boolean[] = [];
  let inInstruction = 0;
  const flush = (): void => {
    if (buffer) sink.text(buffer, chp);
    buffer = '';
  };

  for (const piece of pieces) {
    const count = Math.min(piece.cpEnd, ccpText) - piece.cpStart;
    const width = piece.compressed ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const fc = pieceFc(piece, k);
      if (piece !== runPiece || !run || fc < run.start || fc >= run.end) {
        const next = chpx.at(fc);
        if (next !== run || piece !== runPiece) {
          flush();
          run = next;
          runPiece = piece;
          chp = combine(next, piece);
        }
      }
      const code = pieceChar(word, piece, k);
      switch (code) {
        case PARAGRAPH_MARK:
        case CELL_MARK:
          flush();
          sink.paragraphEnd(code, fc, piece);
          continue;
        case PAGE_BREAK:
          sink.pageBreak();
          // A section mark ends its paragraph; a manual page break sits inside one.
          if (papx.at(fc)?.end === fc + width) {
            flush();
            sink.paragraphEnd(code, fc, piece);
          } else if (!inInstruction && !chp.hidden) {
            buffer += '\n';
          }
          continue;
        case FIELD_BEGIN:
          fields.push(false);
          inInstruction++;
          continue;
        case FIELD_SEPARATOR:
          if (fields.length > 0 && !fields[fields.length - 1]) {
            fields[fields.length - 1] = true;
            inInstruction--;
          }
          continue;
        case FIELD_END:
          if (fields.length > 0 && !fields.pop()) inInstruction--;
          continue;
      }
      if (inInstruction > 0 || chp.hidden) continue;
      if (code === SYMBOL_PLACEHOLDER && chp.special && chp.symbol !== undefined) buffer += symbolChar(chp.symbol);
      else if (code >= SYMBOL_FONT_FIRST && code <= SYMBOL_FONT_LAST) buffer += symbolChar(code);
      else if (code >= 0x20) buffer += String.fromCharCode(code);
      else buffer += TEXT_CONTROLS.get(code) ?? '';
    }
  }
  flush();
}

type CharOverrides = Partial<Omit<CharProps, 'hidden'>> & { vanish?: boolean; deleted?: boolean };

/** Each grpprl is parsed once, however many runs and pieces share it: the walk stays linear. */
const overridesCache = new WeakMap<Uint8Array, CharOverrides>();

function overrides(grpprl: Uint8Array | undefined): CharOverrides {
  if (!grpprl || grpprl.length === 0) return {};
  let out = overridesCache.get(grpprl);
  if (out) return out;
  out = {};
  for (const prl of prls(grpprl)) {
    const value = operand(grpprl, prl);
    switch (prl.sprm) {
      case SPRM.cFBold: out.bold = value; break;
      case SPRM.cIstd: out.istd = value; break;
      case SPRM.cFVanish: out.vanish = value === 1; break;
      case SPRM.cFRMarkDel: out.deleted = value === 1; break;
      case SPRM.cFSpec: out.special = value === 1; break;
      case SPRM.cSymbol: out.symbol = value >>> 16; break;
    }
  }
  overridesCache.set(grpprl, out);
  return out;
}

/** A run's formatting with its piece's grpprl (a fast save's edit) applied after it. */
function combine(run: FkpRun | undefined, piece: Piece | undefined): CharProps {
  const o = { ...overrides(run?.grpprl), ...overrides(piece?.grpprl) };
  return { bold: o.bold, istd: o.istd, hidden: (o.vanish ?? false) || (o.deleted ?? false), special: o.special ?? false, symbol: o.symbol };
}

/**
 * A symbol-font glyph by code, as the DOCX reader renders w:sym: Symbol/Wingdings codes live in
 * U+F0xx, whose low byte matches Latin-1 for the few text-like glyphs; the bullet becomes "•".
 */
function symbolChar(code: number): string {
  const effective = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (effective === 0xb7) return '•';
  return effective < 0x20 ? '' : String.fromCharCode(effective);
}
