import { attr, child, childrenNamed, findTop, intAttr, onOff, type XmlNode } from './docx-xml.js';

interface StyleDef {
  basedOn: string | undefined;
  bold: boolean | undefined;
  numId: string | undefined;
  ilvl: number | undefined;
}

export interface NumberingRef {
  numId: string;
  ilvl: number;
}

/** Style chains deeper than this are treated as cyclic (Word itself nests a handful). */
const MAX_STYLE_DEPTH = 32;

/** What word/styles.xml says about boldness and list numbering, with basedOn inheritance. */
export class StyleSheet {
  private constructor(
    private readonly styles: ReadonlyMap<string, StyleDef>,
    private readonly defaultParagraphStyle: string | undefined,
    private readonly defaultBold: boolean,
  ) {}

  static empty(): StyleSheet {
    return new StyleSheet(new Map(), undefined, false);
  }

  static parse(nodes: XmlNode[]): StyleSheet {
    const root = findTop(nodes, 'styles');
    if (!root) return StyleSheet.empty();
    const styles = new Map<string, StyleDef>();
    let defaultParagraphStyle: string | undefined;
    for (const style of childrenNamed(root, 'style')) {
      const id = attr(style, 'styleId');
      if (!id) continue;
      const numPr = child(child(style, 'pPr'), 'numPr');
      styles.set(id, {
        basedOn: attr(child(style, 'basedOn'), 'val'),
        bold: onOff(child(child(style, 'rPr'), 'b')),
        numId: attr(child(numPr, 'numId'), 'val'),
        ilvl: intAttr(child(numPr, 'ilvl'), 'val'),
      });
      const isDefault = ['1', 'true', 'on'].includes(attr(style, 'default') ?? '');
      if (attr(style, 'type') === 'paragraph' && isDefault) defaultParagraphStyle = id;
    }
    const rPrDefault = child(child(child(root, 'docDefaults'), 'rPrDefault'), 'rPr');
    return new StyleSheet(styles, defaultParagraphStyle, onOff(child(rPrDefault, 'b')) ?? false);
  }

  /** Effective boldness of a run: direct formatting, then run style, paragraph style, defaults. */
  runBold(paragraphStyle: string | undefined, runStyle: string | undefined, direct: boolean | undefined): boolean {
    return direct
      ?? this.inherited(runStyle, (s) => s.bold)
      ?? this.inherited(paragraphStyle ?? this.defaultParagraphStyle, (s) => s.bold)
      ?? this.defaultBold;
  }

  /** List numbering a paragraph style (or a numbering style) carries. */
  numbering(styleId: string | undefined): Partial<NumberingRef> {
    const id = styleId ?? this.defaultParagraphStyle;
    return {
      numId: this.inherited(id, (s) => s.numId),
      ilvl: this.inherited(id, (s) => s.ilvl),
    };
  }

  private inherited<T>(styleId: string | undefined, pick: (s: StyleDef) => T | undefined): T | undefined {
    let id = styleId;
    for (let depth = 0; id !== undefined && depth < MAX_STYLE_DEPTH; depth++) {
      const style = this.styles.get(id);
      if (!style) return undefined;
      const value = pick(style);
      if (value !== undefined) return value;
      id = style.basedOn;
    }
    return undefined;
  }
}
