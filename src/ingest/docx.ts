import { CorruptFileError, IngestError } from '../errors.js';
import type { StructBlock } from '../model/document.js';
import type { Issue } from '../model/index.js';
import { readBlocks, type BodyContext, type PageTally } from './docx-body.js';
import { ListNumbering } from './docx-numbering.js';
import { StyleSheet } from './docx-styles.js';
import { XMLValidator } from 'fast-xml-parser';
import { attr, childrenNamed, decodeXmlPart, findTop, kids, parseXml, parseXmlText, tagOf, textOf, type XmlNode } from './docx-xml.js';
import { documentBudget, extractZipEntries, listZipEntries, type OptionalParts, type ZipEntryInfo } from './docx-zip.js';
import type { StructuredLimits } from './structured-read.js';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_STYLES = /\/styles$/;
const REL_NUMBERING = /\/numbering$/;
const DEFAULT_MAIN_PART = 'word/document.xml';
/** The end of a complete XML part: a closing tag, then only whitespace. */
const ROOT_CLOSED = /(<\/[^<>]+>|\/>)\s*$/;

/**
 * Reads a DOCX body as ordered paragraphs and tables. Only the parts needed are inflated, under
 * a byte budget (zip bombs) and a limit per part (each is parsed whole); the page count is an
 * estimate from breaks in the XML, at least 1. The body must be whole; a damaged relationship,
 * styles, numbering or app.xml part is left out with a warning (they only refine the text), as
 * a malformed one is.
 */
export function readDocx(
  bytes: Uint8Array,
  limits: StructuredLimits,
): { blocks: StructBlock[]; pageCount: number; issues: Issue[] } {
  const budget = documentBudget(limits);
  const entries = listZipEntries(bytes);
  const issues: Issue[] = [];
  const optional = (parts: Iterable<string>): OptionalParts => ({
    parts: new Set(parts),
    onDamaged: (message) => issues.push({ stage: 'ingest', severity: 'warning', message }),
  });

  // Relationship parts are tiny; read them all first to find where the document really lives.
  const relParts = [...entries.keys()].filter(isRelsPart).concat('docProps/app.xml');
  const rels = extractZipEntries(bytes, entries, relParts, budget, 'DOCX', optional(relParts));
  const mainPart = [relTarget(rels, '', REL_OFFICE_DOCUMENT), DEFAULT_MAIN_PART]
    .find((p): p is string => p !== undefined && entries.has(p));
  if (!mainPart) throw new CorruptFileError('DOCX', `no ${DEFAULT_MAIN_PART} in the archive`);
  const stylesPart = partOrDefault(entries, relTarget(rels, mainPart, REL_STYLES), 'word/styles.xml');
  const numberingPart = partOrDefault(entries, relTarget(rels, mainPart, REL_NUMBERING), 'word/numbering.xml');

  // A part named twice (the styles part as the main one, in a crafted file) stays essential.
  const refinements = [stylesPart, numberingPart].filter((p) => p !== mainPart);
  const parts = extractZipEntries(bytes, entries, [mainPart, stylesPart, numberingPart], budget, 'DOCX', optional(refinements));
  const styles = optionalPart(parts.get(stylesPart), StyleSheet.parse) ?? StyleSheet.empty();
  const numbering = optionalPart(parts.get(numberingPart), (n) => ListNumbering.parse(n, styles))
    ?? ListNumbering.empty(styles);

  const body = findBody(xmlOf(parts.get(mainPart), mainPart));
  const pages: PageTally = { explicit: 0, rendered: 0, sectionTypes: [] };
  const ctx: BodyContext = { styles, numbering, pages };
  const blocks = readBlocks(kids(body), ctx);
  return { blocks, pageCount: estimatePages(pages, appPages(rels.get('docProps/app.xml'))), issues };
}

function findBody(nodes: XmlNode[]): XmlNode {
  const document = findTop(nodes, 'document');
  const body = kids(document).find((k) => tagOf(k) === 'body');
  if (!body) throw new CorruptFileError('DOCX', 'word/document.xml has no w:body');
  return body;
}

function xmlOf(bytes: Uint8Array | undefined, part: string): XmlNode[] {
  if (!bytes) throw new CorruptFileError('DOCX', `${part} is missing`);
  const text = decodeXmlPart(bytes);
  // The XML parser is lenient with unclosed elements: a part cut short (a damaged archive
  // re-zipped, an interrupted save) would read as a shorter document, losing rows unsaid.
  if (!ROOT_CLOSED.test(text.slice(-256))) {
    throw new CorruptFileError('DOCX', `${part} is cut short (its root element is never closed)`);
  }
  // A cut that happens to end on a closing tag (</w:body>, a table's end) passes the test
  // above: only the whole part, validated, shows elements left open.
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new CorruptFileError('DOCX', `${part} is cut short or damaged: not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
  }
  try {
    return parseXmlText(text);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new CorruptFileError('DOCX', `${part} is not well-formed XML (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Styles and numbering only refine the text; a broken one is ignored rather than fatal. */
function optionalPart<T>(bytes: Uint8Array | undefined, read: (nodes: XmlNode[]) => T): T | undefined {
  if (!bytes) return undefined;
  try {
    return read(parseXml(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Pages = 1 + page starts. Word's own layout marks (lastRenderedPageBreak) already include
 * explicit breaks, so the larger of the two counts is used, never their sum; app.xml's
 * <Pages>, written by Word on save, wins when it is larger still.
 */
function estimatePages(tally: PageTally, savedPages: number | undefined): number {
  // The first w:sectPr describes how the first section starts, which is always page 1.
  const sectionStarts = tally.sectionTypes.slice(1)
    .filter((t) => t === undefined || t === 'nextPage' || t === 'evenPage' || t === 'oddPage').length;
  return Math.max(1 + tally.rendered, 1 + tally.explicit + sectionStarts, savedPages ?? 1);
}

function appPages(bytes: Uint8Array | undefined): number | undefined {
  const root = optionalPart(bytes, (nodes) => findTop(nodes, 'Properties'));
  const pages = childrenNamed(root, 'Pages')[0];
  const value = pages ? Number.parseInt(textOf(pages), 10) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function isRelsPart(name: string): boolean {
  return name.endsWith('.rels') && (name === '_rels/.rels' || name.includes('/_rels/'));
}

function partOrDefault(entries: ReadonlyMap<string, ZipEntryInfo>, target: string | undefined, fallback: string): string {
  return target !== undefined && entries.has(target) ? target : fallback;
}

/** Target of the first relationship of a type, resolved against the source part's folder. */
function relTarget(rels: ReadonlyMap<string, Uint8Array>, sourcePart: string, type: RegExp): string | undefined {
  const slash = sourcePart.lastIndexOf('/');
  const folder = slash < 0 ? '' : sourcePart.slice(0, slash + 1);
  const relsPath = `${folder}_rels/${sourcePart.slice(slash + 1)}.rels`;
  const root = optionalPart(rels.get(relsPath), (nodes) => findTop(nodes, 'Relationships'));
  for (const rel of childrenNamed(root, 'Relationship')) {
    const target = attr(rel, 'Target');
    if (target === undefined || attr(rel, 'TargetMode') === 'External') continue;
    if (type.test(attr(rel, 'Type') ?? '')) return resolvePartName(folder, target);
  }
  return undefined;
}

/** Resolves a relationship target ("styles.xml", "../word/x.xml", "/word/x.xml") to a ZIP name. */
function resolvePartName(folder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : folder + target;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}
