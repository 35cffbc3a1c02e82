import CFB from 'cfb';
import { strFromU8, unzipSync } from 'fflate';
import type { SourceFormat } from '../model/index.js';
import { CorruptFileError, EmptyFileError, UnsupportedFormatError } from '../errors.js';
import { utf16Layout } from './plain-text.js';

/** What the first bytes say a file is. Extensions are never consulted: analysts rename files. */
export type Sniffed =
  | { format: SourceFormat; imageType?: 'png' | 'jpeg' | 'tiff' | 'webp' }
  /** A ZIP of documents: the batch opens it and ingests each entry as a document. */
  | { format: 'archive' }
  | { format: 'unsupported'; what: string };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  sig.every((v, i) => b[at + i] === v);

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** Detects the format from magic bytes; plain text is accepted only when it decodes as text. */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) throw new EmptyFileError();
  // A signature at offset 0 decides first: a PDF stored in a ZIP, or "%PDF-" in a JPEG comment,
  // must not turn the container into a PDF.
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { format: 'image', imageType: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'image', imageType: 'jpeg' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { format: 'image', imageType: 'tiff' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { format: 'image', imageType: 'webp' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(bytes);
  // RTF readers accept `{\rtf` followed by anything (`{\rtf1`, `{\rtf1\ansi`); leading
  // whitespace is what some mail gateways add.
  if (/^\s*\{\\rtf/.test(ascii(bytes, 0, 16))) return { format: 'rtf' };
  // PDF headers may sit after some junk (up to 1 KiB, per the spec's implementation notes).
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return { format: 'pdf' };
  // UTF-16 (Notepad's "Unicode") is half NUL bytes (ASCII) or 0x04 bytes (Cyrillic), which the
  // test for 8-bit text refuses: its byte-order mark decides, else the layout of its bytes.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) return { format: 'txt' };
  if (utf16Layout(bytes)) return { format: 'txt' };
  if (looksLikeText(bytes)) return { format: 'txt' };
  return { format: 'unsupported', what: describeBinary(bytes) };
}

function sniffZip(bytes: Uint8Array): Sniffed {
  // Only the central directory names are needed; filter keeps fflate from inflating anything.
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { names.push(f.name); return false; } });
  } catch {
    // A truncated ZIP still shows its first local header: a Word, Excel or ODF part means a
    // broken document (its reader says what is missing); anything else is a broken archive.
    const nameEnd = 30 + (bytes[26] ?? 0) + (bytes[27] ?? 0) * 256;
    const first = ascii(bytes, 30, nameEnd);
    if (/^xl\//.test(first)) return { format: 'xlsx' };
    if (/^(word\/|\[Content_Types\]\.xml|_rels\/|docProps\/)/.test(first)) return { format: 'docx' };
    // ODF stores its `mimetype` entry first and uncompressed: its text follows the header.
    if (first === 'mimetype') {
      const mime = ascii(bytes, nameEnd + (bytes[28] ?? 0) + (bytes[29] ?? 0) * 256, nameEnd + 120);
      if (mime.startsWith('application/vnd.oasis.opendocument.text')) return { format: 'odt' };
      if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return { format: 'ods' };
    }
    throw new CorruptFileError('ZIP archive', 'it cannot be read (truncated or not a ZIP file)');
  }
  if (names.some((n) => n === 'word/document.xml' || n === '[Content_Types].xml' && names.length < 3))
    return { format: 'docx' };
  if (names.some((n) => n.startsWith('word/'))) return { format: 'docx' };
  if (names.some((n) => n.startsWith('xl/'))) return { format: 'xlsx' };
  if (names.some((n) => n.startsWith('ppt/'))) return { format: 'unsupported', what: 'PowerPoint file (.pptx)' };
  if (names.includes('content.xml')) {
    // ODF names its kind in the `mimetype` entry (stored first and uncompressed by the spec).
    const mime = odfMimetype(bytes);
    if (mime === 'application/vnd.oasis.opendocument.text') return { format: 'odt' };
    if (mime === 'application/vnd.oasis.opendocument.spreadsheet') return { format: 'ods' };
    return { format: 'unsupported', what: `OpenDocument file of type ${mime ?? 'unknown'} (text documents and spreadsheets are read)` };
  }
  return { format: 'archive' };
}

function odfMimetype(bytes: Uint8Array): string | undefined {
  let mime: string | undefined;
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === 'mimetype' && f.originalSize < 256 });
    const raw = files['mimetype'];
    if (raw) mime = strFromU8(raw).trim();
  } catch {
    // A damaged mimetype entry leaves the kind unknown; the caller says so.
  }
  return mime;
}

/**
 * OLE compound file: legacy Word or Excel, told apart by their main stream, or an encrypted
 * OOXML package (Word and Excel store those in OLE too).
 */
function sniffOle(bytes: Uint8Array): Sniffed {
  let names: Set<string>;
  try {
    const container = CFB.parse(bytes, { type: 'buffer' } as CFB.CFB$ParsingOptions);
    names = new Set(container.FileIndex.map((e) => e.name));
  } catch (error) {
    throw new CorruptFileError('OLE (.doc/.xls)', `the compound file cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (names.has('EncryptedPackage')) {
    throw new UnsupportedFormatError('password-protected Office document (remove the password and save again)');
  }
  if (names.has('WordDocument')) return { format: 'doc' };
  if (names.has('Workbook') || names.has('Book')) return { format: 'xls' };
  if (names.has('PowerPoint Document')) return { format: 'unsupported', what: 'PowerPoint 97–2003 file (.ppt)' };
  return { format: 'unsupported', what: 'OLE compound file that is neither a Word nor an Excel document' };
}

/** Text when the first 64 KiB has no NUL and few control characters (UTF-8, CP1251 or CP866). */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control / n < 0.01;
}

function describeBinary(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip archive';
  if (ascii(bytes, 0, 4) === 'Rar!') return 'RAR archive';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return '7-Zip archive';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'GIF image (use PNG, JPEG, TIFF or WebP)';
  if (ascii(bytes, 0, 2) === 'BM') return 'BMP image (use PNG, JPEG, TIFF or WebP)';
  return 'unrecognised binary data';
}

