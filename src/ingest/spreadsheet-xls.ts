import CFB from 'cfb';
import { CorruptFileError, TooLargeError, UnsupportedFormatError } from '../errors.js';
import { MAX_WORKBOOK_CELLS } from './spreadsheet-package.js';

/** What the Workbook stream of an .xls says before SheetJS reads it. */
export interface XlsCheck {
  /** Excel 5/95 (BIFF5, the "Book" stream) stores text in the workbook's code page, not UTF-16. */
  codePageText: boolean;
}

const BOF = new Set([0x0809, 0x0009, 0x0209, 0x0409]);
const EOF = 0x000a;
const FILEPASS = 0x002f;
/** Records that become one stored cell each (label, number, RK, formula, bool/error, rich string). */
const ONE_CELL = new Set([0x00fd, 0x0203, 0x027e, 0x0204, 0x0006, 0x0205, 0x00d6]);
const MULRK = 0x00bd;

/**
 * Walks the BIFF records of an .xls before SheetJS does: SheetJS reads whatever records a
 * damaged or cut stream still holds and returns the part it understood, so a file cut inside
 * its Workbook stream (or with garbage in it) must be caught here. Every substream opened by a
 * BOF must be closed by an EOF within the stream; records must not run past its end.
 */
export function checkXls(bytes: Uint8Array, maxUncompressedMb: number): XlsCheck {
  let container: CFB.CFB$Container;
  try {
    container = CFB.parse(bytes, { type: 'buffer' } as CFB.CFB$ParsingOptions);
  } catch (error) {
    throw new CorruptFileError('XLS', `the compound file cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const names = new Set(container.FileIndex.map((e) => e.name));
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) {
    throw new UnsupportedFormatError('password-protected Excel workbook (remove the password and save again)');
  }
  const streamName = names.has('Workbook') ? 'Workbook' : names.has('Book') ? 'Book' : undefined;
  const entry = streamName ? CFB.find(container, streamName) : null;
  const stream = entry?.content;
  if (!stream || stream.length === 0) throw new CorruptFileError('XLS', 'the file has no Workbook stream');
  if (stream.length > maxUncompressedMb * 1024 * 1024) {
    throw new TooLargeError(`the XLS Workbook stream holds ${(stream.length / 1024 / 1024).toFixed(1)} MB (limit ${maxUncompressedMb} MB)`);
  }
  walkRecords(stream instanceof Uint8Array ? stream : Uint8Array.from(stream));
  return { codePageText: streamName === 'Book' };
}

function walkRecords(s: Uint8Array): void {
  let depth = 0;
  let substreams = 0;
  let cells = 0;
  let at = 0;
  while (at + 4 <= s.length) {
    const type = s[at]! | (s[at + 1]! << 8);
    const length = s[at + 2]! | (s[at + 3]! << 8);
    const body = at + 4;
    if (body + length > s.length) throw new CorruptFileError('XLS', `a record at byte ${at} of the Workbook stream runs past its end (truncated)`);
    if (at === 0 && !BOF.has(type)) throw new CorruptFileError('XLS', 'the Workbook stream does not open with a BOF record (not Excel data)');
    if (BOF.has(type)) {
      depth++;
      substreams++;
    } else if (type === EOF) {
      depth--;
      if (depth < 0) throw new CorruptFileError('XLS', `an EOF record at byte ${at} closes no substream (damaged Workbook stream)`);
      // Excel pads the stream after the last EOF (to a sector); nothing after it is read.
      if (depth === 0 && !hasMoreSubstreams(s, body + length)) return;
    } else if (type === FILEPASS && substreams === 1) {
      throw new UnsupportedFormatError('password-protected Excel workbook (remove the password and save again)');
    } else if (ONE_CELL.has(type)) {
      cells++;
    } else if (type === MULRK) {
      cells += Math.max(0, Math.floor((length - 6) / 6));
    }
    if (cells > MAX_WORKBOOK_CELLS) throw new TooLargeError(`the XLS workbook holds more than ${MAX_WORKBOOK_CELLS.toLocaleString('en')} cells`);
    at = body + length;
  }
  if (depth !== 0 || substreams === 0) {
    throw new CorruptFileError('XLS', `the Workbook stream ends inside a sheet (${depth} substream(s) without EOF): truncated or damaged`);
  }
}

/** After a substream's EOF: another one follows (a BOF record) rather than padding. */
function hasMoreSubstreams(s: Uint8Array, at: number): boolean {
  if (at + 4 > s.length) return false;
  return BOF.has(s[at]! | (s[at + 1]! << 8));
}
