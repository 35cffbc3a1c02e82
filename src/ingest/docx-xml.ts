import { XMLParser } from 'fast-xml-parser';

/**
 * One element of fast-xml-parser's `preserveOrder` output: `{ tag: children[], ':@': attrs }`.
 * Text is a child `{ '#text': string }`.
 */
export type XmlNode = Record<string, unknown>;

/**
 * Attributes the DOCX reader looks at (local names). Parsing only these keeps large
 * documents fast: Word writes rsid/paraId attributes on nearly every element.
 */
const USED_ATTRIBUTES = new Set([
  'val', 'type', 'char', 'font', 'numId', 'ilvl', 'abstractNumId', 'styleId', 'default',
  'Id', 'Type', 'Target', 'TargetMode',
]);

/**
 * An order-preserving parser that keeps only `usedAttributes` (local names), shared by the
 * DOCX and ODT readers. Prefixes are dropped: they are arbitrary (Word writes `w:`, other
 * writers `ns0:` or a default namespace; ODF binds `text:` to any prefix), and the readers
 * only descend into elements they know, whose local names do not collide.
 */
export function xmlParserFor(usedAttributes: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    removeNSPrefix: true,
    attributeNamePrefix: '',
    ignoreAttributes: (name: string) => !usedAttributes.has(localName(name)),
    // w:t keeps significant leading/trailing spaces (xml:space="preserve"); ODF's whitespace
    // rules are applied by its body reader.
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    // Needed for numeric character references (&#1041;), which Word and LibreOffice emit.
    htmlEntities: true,
    // No callback needs the element path as a string; building it costs ~20% of parse time.
    jPath: false,
  });
}

const parser = xmlParserFor(USED_ATTRIBUTES);

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An XML part's text: UTF-8, or UTF-16 where a byte-order mark announces it (OPC and ODF allow both). */
export function decodeXmlPart(bytes: Uint8Array): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le'
    : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  return new TextDecoder(utf16 ?? 'utf-8').decode(bytes);
}

/** Parses one XML part; throws whatever the parser throws on malformed input. */
export function parseXml(bytes: Uint8Array): XmlNode[] {
  return parseXmlText(decodeXmlPart(bytes));
}

/** Parses one XML part already decoded to text. */
export function parseXmlText(text: string): XmlNode[] {
  const parsed: unknown = parser.parse(text);
  return Array.isArray(parsed) ? (parsed as XmlNode[]) : [];
}

export function tagOf(node: XmlNode): string {
  for (const key in node) if (key !== ':@') return key;
  return '';
}

export function kids(node: XmlNode | undefined): XmlNode[] {
  if (!node) return [];
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const attrs = node?.[':@'] as Record<string, unknown> | undefined;
  const value = attrs?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function intAttr(node: XmlNode | undefined, name: string): number | undefined {
  const raw = attr(node, name);
  if (raw === undefined) return undefined;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) ? value : undefined;
}

export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  for (const k of kids(node)) if (tagOf(k) === tag) return k;
  return undefined;
}

export function childrenNamed(node: XmlNode | undefined, tag: string): XmlNode[] {
  return kids(node).filter((k) => tagOf(k) === tag);
}

/** First element named `tag` among `nodes` (a parsed part's top level). */
export function findTop(nodes: XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}

/** Concatenated text children of an element. */
export function textOf(node: XmlNode): string {
  let text = '';
  for (const k of kids(node)) {
    const value = k['#text'];
    if (typeof value === 'string') text += value;
    else if (typeof value === 'number') text += String(value);
  }
  return text;
}

/**
 * An OOXML on/off property (w:b, w:vanish …): present without w:val means on; undefined
 * when the element is absent so callers can fall back to styles.
 */
export function onOff(node: XmlNode | undefined): boolean | undefined {
  if (!node) return undefined;
  const value = attr(node, 'val');
  return value === undefined || !['false', '0', 'off', 'none'].includes(value.toLowerCase());
}
