import { zipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { CorruptFileError, TooLargeError } from '../errors.js';
import { documentBudget, extractZipEntries, listZipEntries } from './docx-zip.js';
import type { StructuredLimits } from './structured-read.js';
import { odsExpandedCells } from './spreadsheet-ods-repeat.js';

/**
 * Cells SheetJS may be asked to build for one workbook. A cell object costs ~150 bytes of heap,
 * so this keeps a parse under ~150 MB; a real plan has a few hundred cells, and the 100 000-row
 * bound of the layout (spreadsheet-layout.ts) at ten columns is this many.
 */
export const MAX_WORKBOOK_CELLS = 1_000_000;

/**
 * Parts never read by SheetJS and possibly large: pictures, embedded objects, printer settings,
 * thumbnails. Everything else is passed on (SheetJS insists on finding every part the package's
 * content types list, .xlsb's binary ones included).
 */
const SKIPPED_PART = /^(xl\/(media|embeddings|printerSettings)|Pictures|Thumbnails|ObjectReplacements|Object \d+)\/|^docProps\/thumbnail\./i;

/** XLSX worksheet parts, whose `<c>` elements are the cells. */
const WORKSHEET_XML = /^xl\/worksheets\/[^/]+\.xml$/i;
/**
 * Parts holding the cells and their text: SheetJS reads these leniently, so one cut short
 * would come out as a shorter table. They must be well-formed.
 */
const CONTENT_XML = /^(xl\/(worksheets\/[^/]+|workbook|sharedStrings)\.xml|content\.xml)$/i;
/** A cell element, with any namespace prefix (SheetJS accepts `<x:c>`). */
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c(?=[\s>/])/g;

/**
 * The package of an .xlsx or .ods re-packed for SheetJS: its parts but pictures and embedded
 * objects, inflated here under the byte budget, checked, and stored uncompressed. SheetJS's own unzip trusts the sizes
 * the archive declares; handing it a stored copy of exactly the bytes checked here means it can
 * never inflate more than the budget, nor see an entry (a duplicate name, a local header that
 * disagrees with the central directory) that was not checked.
 */
export function boundedPackage(bytes: Uint8Array, format: 'XLSX' | 'ODS', limits: StructuredLimits): Uint8Array {
  const entries = listZipEntries(bytes, format);
  const wanted = [...entries.keys()].filter((n) => !n.endsWith('/') && !SKIPPED_PART.test(n));
  // Every part SheetJS is handed is parsed whole (a worksheet, the shared strings, an .xlsb
  // record stream): each is held to the per-part limit as well as the total.
  const budget = documentBudget(limits);
  // Declared sizes are checked against the budget before anything is inflated.
  const parts = extractZipEntries(bytes, entries, wanted, budget, format);
  if (parts.size === 0) throw new CorruptFileError(format, 'the archive holds no spreadsheet parts');

  let cells = 0;
  for (const [name, data] of parts) {
    if (/\.bin$/i.test(name)) continue; // .xlsb records and macros: no XML to check
    const text = decodeXml(data);
    refuseDoctype(text, name, format);
    if (format === 'ODS' && name === 'content.xml') cells += odsExpandedCells(text, MAX_WORKBOOK_CELLS - cells);
    if (format === 'XLSX' && WORKSHEET_XML.test(name)) cells += countMatches(text, CELL_TAG);
    if (cells > MAX_WORKBOOK_CELLS) {
      throw new TooLargeError(`the ${format} workbook holds more than ${MAX_WORKBOOK_CELLS.toLocaleString('en')} cells`);
    }
    if (CONTENT_XML.test(name)) {
      const valid = XMLValidator.validate(text);
      if (valid !== true) throw new CorruptFileError(format, `${name} is cut short or damaged: not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
    }
  }
  return zipSync(Object.fromEntries(parts), { level: 0 });
}

/**
 * SheetJS never expands entities declared in a DOCTYPE (it only knows the five predefined ones
 * and character references), but an office suite never writes a DOCTYPE into these parts either:
 * one here is a crafted file (an entity bomb, an external entity), so it is refused outright.
 */
function refuseDoctype(text: string, name: string, format: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    throw new CorruptFileError(format, `${name} declares a DOCTYPE or entities, which spreadsheet files never do (refused as a possible XML entity bomb)`);
  }
}

/** XML parts are UTF-8 unless a byte-order mark says UTF-16 (which XML allows). */
function decodeXml(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  return new TextDecoder('utf-8').decode(data);
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text)) n++;
  return n;
}
