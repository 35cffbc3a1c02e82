import { XMLValidator } from 'fast-xml-parser';
import { CorruptFileError } from '../errors.js';
import { decodeXmlPart, xmlParserFor, type XmlNode } from './docx-xml.js';

/**
 * Attributes the ODT reader looks at (local names). Parsing only these keeps large documents
 * fast: LibreOffice writes a dozen layout attributes on every style and cell.
 */
const USED_ATTRIBUTES = new Set([
  // Styles (style:style, style:default-style and their property children).
  'name', 'family', 'parent-style-name', 'list-style-name', 'master-page-name', 'default-outline-level',
  'font-weight', 'display', 'break-before', 'break-after',
  // Body.
  'style-name', 'c', 'number-columns-spanned', 'number-rows-spanned',
  'number-columns-repeated', 'number-rows-repeated',
  // Lists and headings.
  'id', 'continue-numbering', 'continue-list', 'style-override', 'start-value', 'level',
  'outline-level', 'is-list-header', 'restart-numbering', 'list-id',
  'num-format', 'num-prefix', 'num-suffix', 'num-list-format', 'num-letter-sync', 'display-levels',
  'bullet-char', 'label-followed-by',
  // meta.xml and META-INF/manifest.xml.
  'page-count', 'full-path',
]);

const parser = xmlParserFor(USED_ATTRIBUTES);

/**
 * Parses one XML part of the package. The parser itself accepts unclosed and mismatched
 * tags, so the text is validated first: a part damaged inside an intact ZIP must not come
 * out as a silently shortened document. Entity declarations are refused outright: office
 * suites never write them, and they are the means of entity-expansion attacks.
 */
export function parseOdfXml(bytes: Uint8Array, part: string): XmlNode[] {
  const text = decodeXmlPart(bytes);
  if (declaresEntities(text)) {
    throw new CorruptFileError('ODT', `${part} declares XML entities in a DOCTYPE (no office suite writes that; refused as possibly hostile)`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new CorruptFileError('ODT', `${part} is not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    throw new CorruptFileError('ODT', `${part} cannot be parsed (${error instanceof Error ? error.message : String(error)})`);
  }
  return Array.isArray(parsed) ? (parsed as XmlNode[]) : [];
}

/** A DOCTYPE precedes the root element, so only the prolog is searched. */
function declaresEntities(text: string): boolean {
  const doctype = text.indexOf('<!DOCTYPE');
  if (doctype < 0) return false;
  const root = firstElementStart(text);
  if (root >= 0 && root < doctype) return false;
  return /<!ENTITY/i.test(text.slice(doctype, root < 0 ? undefined : root));
}

/** Index of the first `<` that opens an element (not `<?`, `<!`). */
function firstElementStart(text: string): number {
  const match = /<[^?!]/.exec(text);
  return match ? match.index : -1;
}
