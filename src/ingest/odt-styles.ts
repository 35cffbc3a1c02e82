import { attr, child, childrenNamed, intAttr, kids, tagOf, type XmlNode } from './docx-xml.js';

/** What one style:style (or style:default-style) says, before inheritance. */
interface StyleDef {
  parent: string | undefined;
  bold: boolean | undefined;
  hidden: boolean | undefined;
  /** fo:break-before / fo:break-after = page (paragraph and table styles). */
  breakBefore: boolean | undefined;
  breakAfter: boolean | undefined;
  /** style:master-page-name: a paragraph or table with it starts a page of that master. */
  masterPage: string | undefined;
  /** style:list-style-name ("" switches off a list style inherited from the parent). */
  listStyle: string | undefined;
  outlineLevel: number | undefined;
}

/** Style families the reader resolves (paragraph, text and table styles have separate names). */
export type StyleFamily = 'paragraph' | 'text' | 'table';

/** Parent chains deeper than this are treated as cyclic (real documents nest a handful). */
const MAX_STYLE_DEPTH = 32;
/** CSS weights from semibold up render bold; LibreOffice writes "bold" or a number. */
const BOLD_WEIGHT = 600;
const PAGE_BREAKS = new Set(['page', 'even-page', 'odd-page']);

/**
 * The styles of an ODF text document: automatic styles of content.xml, which refer to the
 * common styles of styles.xml through style:parent-style-name, and each family's default
 * style at the root of every chain.
 */
export class OdtStyles {
  private constructor(
    private readonly automatic: ReadonlyMap<string, StyleDef>,
    private readonly common: ReadonlyMap<string, StyleDef>,
    private readonly defaults: ReadonlyMap<string, StyleDef>,
  ) {}

  /** `content` is content.xml's root; `styles` styles.xml's, when the package has one. */
  static parse(content: XmlNode | undefined, styles: XmlNode | undefined): OdtStyles {
    const automatic = new Map<string, StyleDef>();
    readStyles(child(content, 'automatic-styles'), automatic);
    const common = new Map<string, StyleDef>();
    const defaults = new Map<string, StyleDef>();
    const officeStyles = child(styles, 'styles');
    readStyles(officeStyles, common);
    for (const node of childrenNamed(officeStyles, 'default-style')) {
      const family = attr(node, 'family');
      if (family) defaults.set(family, readStyle(node));
    }
    return new OdtStyles(automatic, common, defaults);
  }

  /** Bold of text in spans `spans` (outermost first) of a paragraph with style `paragraph`. */
  bold(paragraph: string | undefined, spans: readonly (string | undefined)[]): boolean {
    return this.textProperty(paragraph, spans, (s) => s.bold) ?? false;
  }

  hidden(paragraph: string | undefined, spans: readonly (string | undefined)[]): boolean {
    return this.textProperty(paragraph, spans, (s) => s.hidden) ?? false;
  }

  breakBefore(family: StyleFamily, name: string | undefined): boolean {
    return this.inherited(family, name, (s) => s.breakBefore) ?? false;
  }

  breakAfter(family: StyleFamily, name: string | undefined): boolean {
    return this.inherited(family, name, (s) => s.breakAfter) ?? false;
  }

  /** The master page a paragraph or table style switches to (a new page), if any. */
  masterPage(family: StyleFamily, name: string | undefined): string | undefined {
    // An attribute of the style itself, not a property its children inherit: only the
    // automatic style written where the page style switches carries it.
    const own = name === undefined ? undefined : this.lookup(family, name);
    return own?.masterPage || undefined;
  }

  /** The list style a paragraph style names; "" (switched off) comes back as undefined. */
  listStyle(paragraph: string | undefined): string | undefined {
    return this.inherited('paragraph', paragraph, (s) => s.listStyle) || undefined;
  }

  outlineLevel(paragraph: string | undefined): number | undefined {
    return this.inherited('paragraph', paragraph, (s) => s.outlineLevel);
  }

  /** Spans innermost first, then the paragraph's chain and the paragraph default style. */
  private textProperty<T>(
    paragraph: string | undefined,
    spans: readonly (string | undefined)[],
    pick: (s: StyleDef) => T | undefined,
  ): T | undefined {
    for (let i = spans.length - 1; i >= 0; i--) {
      const value = this.inherited('text', spans[i], pick, false);
      if (value !== undefined) return value;
    }
    return this.inherited('paragraph', paragraph, pick);
  }

  private inherited<T>(
    family: StyleFamily,
    name: string | undefined,
    pick: (s: StyleDef) => T | undefined,
    withDefault = true,
  ): T | undefined {
    let style = name === undefined ? undefined : this.lookup(family, name);
    for (let depth = 0; style && depth < MAX_STYLE_DEPTH; depth++) {
      const value = pick(style);
      if (value !== undefined) return value;
      // A parent is a common style; an automatic style never has automatic children.
      style = style.parent === undefined ? undefined : this.common.get(key(family, style.parent));
    }
    const fallback = withDefault ? this.defaults.get(family) : undefined;
    return fallback ? pick(fallback) : undefined;
  }

  private lookup(family: StyleFamily, name: string): StyleDef | undefined {
    return this.automatic.get(key(family, name)) ?? this.common.get(key(family, name));
  }
}

const key = (family: string, name: string): string => `${family}\u0000${name}`;

function readStyles(container: XmlNode | undefined, into: Map<string, StyleDef>): void {
  for (const node of childrenNamed(container, 'style')) {
    const name = attr(node, 'name');
    const family = attr(node, 'family');
    if (name !== undefined && family !== undefined) into.set(key(family, name), readStyle(node));
  }
}

function readStyle(node: XmlNode): StyleDef {
  const def: StyleDef = {
    parent: attr(node, 'parent-style-name'),
    bold: undefined,
    hidden: undefined,
    breakBefore: undefined,
    breakAfter: undefined,
    masterPage: attr(node, 'master-page-name'),
    listStyle: attr(node, 'list-style-name'),
    outlineLevel: intAttr(node, 'default-outline-level'),
  };
  for (const props of kids(node)) {
    switch (tagOf(props)) {
      case 'text-properties': {
        const weight = attr(props, 'font-weight');
        if (weight !== undefined) def.bold = isBoldWeight(weight);
        const display = attr(props, 'display');
        if (display !== undefined) def.hidden = display === 'none';
        break;
      }
      case 'paragraph-properties':
      case 'table-properties': {
        const before = attr(props, 'break-before');
        if (before !== undefined) def.breakBefore = PAGE_BREAKS.has(before);
        const after = attr(props, 'break-after');
        if (after !== undefined) def.breakAfter = PAGE_BREAKS.has(after);
        break;
      }
    }
  }
  return def;
}

function isBoldWeight(weight: string): boolean {
  if (weight === 'bold') return true;
  const numeric = Number.parseInt(weight, 10);
  return Number.isFinite(numeric) && numeric >= BOLD_WEIGHT;
}

