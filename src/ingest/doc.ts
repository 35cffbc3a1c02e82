import CFB from 'cfb';
import { CorruptFileError, IngestError, TooLargeError } from '../errors.js';
import type { Issue } from '../model/index.js';
import { DocBody } from './doc-body.js';
import { ByteStream, FORMAT } from './doc-bytes.js';
import { readFib } from './doc-fib.js';
import { FkpIndex } from './doc-fkp.js';
import { symbolFonts } from './doc-fonts.js';
import { DocLists } from './doc-lists.js';
import { readPieces } from './doc-pieces.js';
import { DocStyles } from './doc-styles.js';
import { savedPageCount } from './doc-summary.js';
import { walkText } from './doc-text.js';
import type { StructuredLimits, StructuredRead } from './structured-read.js';

/**
 * Reads a Word 97–2003 binary document ([MS-DOC]) as the DOCX reader reads a DOCX: the main
 * text through the piece table, paragraph and table structure from the paragraph properties
 * (table marks, row layouts with merges), bold from character properties and styles, list
 * labels rendered from the list tables. Footnotes, headers, comments and text boxes, which
 * follow the main text, are not read.
 */
export function readDoc(bytes: Uint8Array, limits: StructuredLimits): StructuredRead {
  const container = openContainer(bytes);
  const word = requiredStream(container, 'WordDocument');
  const fib = readFib(word);
  const table = requiredStream(container, fib.tableStream);
  const data = optionalStream(container, 'Data');

  // Text is decoded to UTF-16 strings: two bytes a character against the unpacking budget.
  const maxChars = Math.floor((limits.maxUncompressedMb * 1024 * 1024) / 2);
  if (fib.ccpText > maxChars) throw new TooLargeError(`the .doc declares ${fib.ccpText} characters of text (limit ${maxChars})`);
  const pieces = readPieces(fib, word, table);
  const papx = FkpIndex.read('paragraph', fib.plcfBtePapx, table, word, data);
  const chpx = FkpIndex.read('character', fib.plcfBteChpx, table, word, data);

  const issues: Issue[] = [];
  const styles = optional(issues, 'the style sheet (bold set by styles is not seen)', () => DocStyles.read(fib.stshf, table)) ?? DocStyles.empty();
  const lists = optional(issues, 'the list tables (list numbers are left out)', () => DocLists.read(fib, table, symbolFonts(fib.sttbfFfn, table))) ?? DocLists.empty();

  const body = new DocBody(papx, styles, lists, maxChars);
  walkText(word, pieces, fib.ccpText, chpx, papx, body);
  const blocks = body.finish();
  const saved = optional(issues, 'the summary information (page count)', () => savedPageCount(optionalStream(container, '\u0005SummaryInformation')));
  return { blocks, pageCount: Math.max(1 + body.pageBreaks, saved ?? 1), issues };
}

function openContainer(bytes: Uint8Array): CFB.CFB$Container {
  try {
    return CFB.parse(bytes, { type: 'buffer' } as CFB.CFB$ParsingOptions);
  } catch (error) {
    throw new CorruptFileError(FORMAT, `the compound file cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function optionalStream(container: CFB.CFB$Container, name: string): ByteStream | undefined {
  const entry = CFB.find(container, name);
  if (!entry || entry.type !== 2 || !entry.content) return undefined;
  const content = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content);
  if (content.length < entry.size) throw new CorruptFileError(FORMAT, `the ${name} stream is cut short (${content.length} of ${entry.size} bytes)`);
  return new ByteStream(name, content);
}

function requiredStream(container: CFB.CFB$Container, name: string): ByteStream {
  const stream = optionalStream(container, name);
  if (!stream) throw new CorruptFileError(FORMAT, `the ${name} stream is missing`);
  return stream;
}

/** Structures that only refine the text: damage is reported as an issue, not a failure. */
function optional<T>(issues: Issue[], what: string, read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    issues.push({ stage: 'ingest', severity: 'warning', message: `.doc: unreadable ${what}: ${error.message}` });
    return undefined;
  }
}
