import { CorruptFileError, IngestError, UnsupportedFormatError } from '../errors.js';
import type { Issue } from '../model/index.js';
import { attr, child, childrenNamed, findTop, intAttr, kids, tagOf, type XmlNode } from './docx-xml.js';
import { documentBudget, extractZipEntries, listZipEntries } from './docx-zip.js';
import { readBody, type BodyContext } from './odt-body.js';
import { ListCounters, ListStyles, ListTracker } from './odt-lists.js';
import { OdtStyles } from './odt-styles.js';
import { parseOdfXml } from './odt-xml.js';
import type { StructuredLimits, StructuredRead } from './structured-read.js';

const FORMAT = 'ODT';
const CONTENT = 'content.xml';
const STYLES = 'styles.xml';
const META = 'meta.xml';
const MANIFEST = 'META-INF/manifest.xml';

/** office:body children of the other ODF kinds, named for the refusal message. */
const OTHER_KINDS: Record<string, string> = {
  spreadsheet: 'spreadsheet', presentation: 'presentation', drawing: 'drawing',
  chart: 'chart', image: 'image', database: 'database',
};

/**
 * Reads an OpenDocument text (.odt) as ordered paragraphs and tables, the blocks the DOCX
 * reader produces for the same document. Only the parts needed are inflated, under a byte
 * budget (zip bombs) and a limit per part, and checked against their CRCs (docx-zip.ts): a
 * damaged content.xml or manifest fails the file, a damaged styles.xml or meta.xml is left out
 * with a warning, as a malformed one is. The page count is the one the writing application
 * saved in meta.xml, else an estimate from its soft page breaks and the breaks
 * styles ask for (a lower bound: LibreOffice marks no break inside a row split over pages).
 */
export function readOdt(bytes: Uint8Array, limits: StructuredLimits): StructuredRead {
  const budget = documentBudget(limits);
  const limit = budget.limit;
  const entries = listZipEntries(bytes, FORMAT);
  if (!entries.has(CONTENT)) throw new CorruptFileError(FORMAT, `no ${CONTENT} in the archive`);
  // The manifest first: an encrypted part may not even inflate, and the password is the news.
  const manifest = extractZipEntries(bytes, entries, [MANIFEST], budget, FORMAT);
  refuseEncrypted(manifest.get(MANIFEST));
  const issues: Issue[] = [];
  const parts = extractZipEntries(bytes, entries, [CONTENT, STYLES, META], budget, FORMAT, {
    parts: new Set([STYLES, META]),
    onDamaged: (message) => issues.push({ stage: 'ingest', severity: 'warning', message }),
  });

  const content = findTop(parseOdfXml(required(parts.get(CONTENT)), CONTENT), 'document-content');
  if (!content) throw new CorruptFileError(FORMAT, `${CONTENT} has no office:document-content`);
  const text = officeText(content);
  const styles = optionalRoot(parts.get(STYLES), STYLES, 'document-styles', issues);
  const meta = optionalRoot(parts.get(META), META, 'document-meta', issues);

  const ctx: BodyContext = {
    styles: OdtStyles.parse(content, styles),
    lists: ListStyles.parse(content, styles),
    tracker: new ListTracker(),
    outline: new ListCounters(),
    pages: { soft: 0, explicit: 0 },
    // Expansion is held to the same bound as inflation: both turn few bytes into many.
    expansion: { limit, used: 0 },
  };
  const blocks = readBody(kids(text), ctx);
  const estimate = 1 + ctx.pages.soft + ctx.pages.explicit;
  return { blocks, pageCount: savedPageCount(meta) ?? estimate, issues };
}

function required(bytes: Uint8Array | undefined): Uint8Array {
  if (!bytes) throw new CorruptFileError(FORMAT, `${CONTENT} is unreadable`);
  return bytes;
}

function officeText(content: XmlNode): XmlNode {
  const body = child(content, 'body');
  if (!body) throw new CorruptFileError(FORMAT, `${CONTENT} has no office:body`);
  const text = child(body, 'text');
  if (text) return text;
  const kind = kids(body).map(tagOf).find((t) => t in OTHER_KINDS);
  if (kind) {
    throw new UnsupportedFormatError(`OpenDocument ${OTHER_KINDS[kind]} where a text document was expected`);
  }
  throw new CorruptFileError(FORMAT, `${CONTENT} has no office:text`);
}

/** An encrypted package keeps its manifest in clear and names the encryption of each part. */
function refuseEncrypted(manifest: Uint8Array | undefined): void {
  if (!manifest) return;
  let root: XmlNode | undefined;
  try {
    root = findTop(parseOdfXml(manifest, MANIFEST), 'manifest');
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    return;
  }
  const content = childrenNamed(root, 'file-entry').find((e) => attr(e, 'full-path') === CONTENT);
  if (child(content, 'encryption-data')) {
    throw new UnsupportedFormatError('password-protected OpenDocument text (open it in LibreOffice, remove the password and save again)');
  }
}

/** styles.xml and meta.xml only refine the text: a broken one is reported, not fatal. */
function optionalRoot(bytes: Uint8Array | undefined, part: string, root: string, issues: Issue[]): XmlNode | undefined {
  if (!bytes) return undefined;
  try {
    return findTop(parseOdfXml(bytes, part), root);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    issues.push({ stage: 'ingest', severity: 'warning', message: `${part} ignored: ${error.message}` });
    return undefined;
  }
}

/** meta:page-count, which LibreOffice and Word update on every save. */
function savedPageCount(meta: XmlNode | undefined): number | undefined {
  const statistic = child(child(meta, 'meta'), 'document-statistic');
  const pages = intAttr(statistic, 'page-count');
  return pages !== undefined && pages > 0 ? pages : undefined;
}
