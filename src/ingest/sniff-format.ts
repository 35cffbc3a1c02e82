import { unzipSync } from 'fflate';
import type { SourceFormat } from '../model/index.js';
import { CorruptFileError, EmptyFileError, UnsupportedFormatError } from '../errors.js';

/** What the first bytes say a file is. Extensions are never consulted: analysts rename files. */
export type Sniffed =
  | { format: SourceFormat; imageType?: 'png' | 'jpeg' | 'tiff' | 'webp' }
  | { format: 'unsupported'; what: string };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  sig.every((v, i) => b[at + i] === v);

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** Detects the format from magic bytes; plain text is accepted only when it decodes as text. */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) throw new EmptyFileError();
  // PDF headers may sit after some junk (up to 1 KiB, per the spec's implementation notes).
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return { format: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { format: 'image', imageType: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'image', imageType: 'jpeg' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { format: 'image', imageType: 'tiff' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { format: 'image', imageType: 'webp' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  // OLE compound file: legacy .doc, or an encrypted OOXML package (Word stores those in OLE).
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (utf16Includes(bytes, 'EncryptedPackage')) {
      throw new UnsupportedFormatError('password-protected Office document (remove the password and save as .docx)');
    }
    return { format: 'unsupported', what: 'legacy binary Word/Excel file (.doc/.xls); save it as .docx' };
  }
  if (ascii(bytes, 0, 5) === '{\\rtf') return { format: 'unsupported', what: 'RTF document; save it as .docx' };
  if (looksLikeText(bytes)) return { format: 'txt' };
  return { format: 'unsupported', what: describeBinary(bytes) };
}

function sniffZip(bytes: Uint8Array): Sniffed {
  // Only the central directory names are needed; filter keeps fflate from inflating anything.
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { names.push(f.name); return false; } });
  } catch {
    // A truncated ZIP still shows its first local header's name: a Word part means a broken
    // DOCX (the DOCX reader says what is missing); anything else is just a broken archive.
    const first = ascii(bytes, 30, 30 + (bytes[26] ?? 0) + (bytes[27] ?? 0) * 256);
    if (/^(word\/|\[Content_Types\]\.xml|_rels\/|docProps\/)/.test(first)) return { format: 'docx' };
    throw new CorruptFileError('ZIP/DOCX', 'the archive cannot be read (truncated or not a ZIP file)');
  }
  if (names.some((n) => n === 'word/document.xml' || n === '[Content_Types].xml' && names.length < 3))
    return { format: 'docx' };
  if (names.some((n) => n.startsWith('word/'))) return { format: 'docx' };
  if (names.some((n) => n.startsWith('xl/'))) return { format: 'unsupported', what: 'Excel workbook (.xlsx)' };
  if (names.some((n) => n.startsWith('ppt/'))) return { format: 'unsupported', what: 'PowerPoint file (.pptx)' };
  if (names.includes('content.xml')) return { format: 'unsupported', what: 'OpenDocument file; save it as .docx' };
  return { format: 'unsupported', what: 'ZIP archive that is not a Word document' };
}

function utf16Includes(bytes: Uint8Array, s: string): boolean {
  const needle = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) needle[i * 2] = s.charCodeAt(i);
  const limit = Math.min(bytes.length, 1 << 20) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
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

