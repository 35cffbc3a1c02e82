import { RtfParser } from './rtf-parser.js';
import type { StructuredLimits, StructuredRead } from './structured-read.js';

/**
 * Reads an RTF file (Word, LibreOffice, WordPad and generators alike) as ordered paragraphs and
 * tables, the blocks the DOCX reader makes of the same document. Text is decoded from \uN and
 * from \'xx bytes in the document's or the font's code page; the page count is an estimate from
 * page breaks and new-page sections (or Word's saved \nofpages), at least 1.
 */
export function readRtf(bytes: Uint8Array, limits: StructuredLimits): StructuredRead {
  return new RtfParser(bytes, limits.maxUncompressedMb * 1024 * 1024).parse();
}
