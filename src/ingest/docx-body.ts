import type { StructBlock, StructCell } from '../model/document.js';
import { directNumbering, type ListNumbering } from './docx-numbering.js';
import type { StyleSheet } from './docx-styles.js';
import { attr, child, intAttr, kids, onOff, tagOf, textOf, type XmlNode } from './docx-xml.js';

/** Page breaks seen while walking the body, for the page-count estimate. */
export interface PageTally {
  /** w:br type=page and w:pageBreakBefore. */
  explicit: number;
  /** w:lastRenderedPageBreak: where Word's last layout started a page. */
  rendered: number;
  /** w:type of every w:sectPr in document order (undefined = nextPage). */
  sectionTypes: (string | undefined)[];
}

export interface BodyContext {
  styles: StyleSheet;
  numbering: ListNumbering;
  pages: PageTally;
}

/** Word's grid has at most 63 columns; larger spans are corrupt and clamped. */
const MAX_SPAN = 64;

/** Wrappers that hold ordinary content (content controls, custom XML, tracked insertions). */
const TRANSPARENT = new Set(['sdt', 'sdtContent', 'customXml', 'smartTag', 'ins', 'moveTo']);
/** Inline wrappers around runs. */
const INLINE_TRANSPARENT = new Set([...TRANSPARENT, 'hyperlink', 'fldSimple', 'dir', 'bdo']);

/** Walks w:body (or any block container) into paragraphs and tables, in document order. */
export function readBlocks(nodes: XmlNode[], ctx: BodyContext, out: StructBlock[] = []): StructBlock[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'p') {
      const p = readParagraph(node, ctx);
      if (p.text) out.push({ kind: 'paragraph', text: p.text, bold: p.textRuns > 0 && p.boldRuns === p.textRuns });
    } else if (tag === 'tbl') {
      const rows = readTable(node, ctx);
      if (rows.length > 0) out.push({ kind: 'table', rows });
    } else if (tag === 'sectPr') {
      ctx.pages.sectionTypes.push(sectionType(node));
    } else if (TRANSPARENT.has(tag)) {
      readBlocks(kids(node), ctx, out);
    }
  }
  return out;
}

interface ParagraphText {
  text: string;
  /** Runs with visible characters, and how many of them are bold. */
  textRuns: number;
  boldRuns: number;
}

function readParagraph(p: XmlNode, ctx: BodyContext): ParagraphText {
  const pPr = child(p, 'pPr');
  const pStyle = attr(child(pPr, 'pStyle'), 'val');
  if (onOff(child(pPr, 'pageBreakBefore'))) ctx.pages.explicit++;
  const sectPr = child(pPr, 'sectPr');
  if (sectPr) ctx.pages.sectionTypes.push(sectionType(sectPr));

  const acc: ParagraphText = { text: '', textRuns: 0, boldRuns: 0 };
  readInline(kids(p), pStyle, ctx, acc);
  const body = acc.text.trim();
  const list = listLabel(pPr, pStyle, ctx);
  acc.text = list ? (body ? list.label + list.separator + body : list.label).trim() : body;
  return acc;
}

function listLabel(pPr: XmlNode | undefined, pStyle: string | undefined, ctx: BodyContext) {
  const direct = directNumbering(pPr);
  const fromStyle = direct.numId === undefined || direct.ilvl === undefined ? ctx.styles.numbering(pStyle) : {};
  const numId = direct.numId ?? fromStyle.numId;
  // numId 0 is how a paragraph switches off numbering inherited from its style.
  if (numId === undefined || numId === '0') return undefined;
  return ctx.numbering.next(numId, direct.ilvl ?? fromStyle.ilvl ?? 0);
}

function readInline(nodes: XmlNode[], pStyle: string | undefined, ctx: BodyContext, acc: ParagraphText): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'r') readRun(node, pStyle, ctx, acc);
    else if (INLINE_TRANSPARENT.has(tag)) readInline(kids(node), pStyle, ctx, acc);
    // Everything else is invisible or not body text: w:del/w:moveFrom (deleted revisions),
    // bookmarks, proofing marks, math, drawings.
  }
}

function readRun(r: XmlNode, pStyle: string | undefined, ctx: BodyContext, acc: ParagraphText): void {
  const rPr = child(r, 'rPr');
  // Hidden text is not part of what a reader of the document sees.
  if (onOff(child(rPr, 'vanish'))) return;
  let text = '';
  for (const k of kids(r)) {
    switch (tagOf(k)) {
      case 't':
        text += textOf(k);
        break;
      case 'tab':
      case 'ptab':
        text += '\t';
        break;
      case 'br':
        if (attr(k, 'type') === 'page') ctx.pages.explicit++;
        text += '\n';
        break;
      case 'cr':
        text += '\n';
        break;
      case 'noBreakHyphen':
        text += '-';
        break;
      case 'sym':
        text += symbolChar(k);
        break;
      case 'lastRenderedPageBreak':
        ctx.pages.rendered++;
        break;
      // w:softHyphen is an optional break point, invisible unless the line breaks there;
      // w:instrText is a field's code, not its result; w:delText is deleted text.
    }
  }
  if (!text) return;
  acc.text += text;
  if (/\S/.test(text)) {
    acc.textRuns++;
    const runStyle = attr(child(rPr, 'rStyle'), 'val');
    if (ctx.styles.runBold(pStyle, runStyle, onOff(child(rPr, 'b')))) acc.boldRuns++;
  }
}

/**
 * w:sym names a glyph of a symbol font by code. Symbol/Wingdings codes live in U+F0xx; their
 * low byte is the font's own code, which for the few text-like glyphs matches Latin-1.
 */
function symbolChar(sym: XmlNode): string {
  const code = Number.parseInt(attr(sym, 'char') ?? '', 16);
  if (!Number.isFinite(code) || code <= 0) return '';
  const effective = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (effective === 0xb7) return '•';
  return effective < 0x20 ? '' : String.fromCodePoint(effective);
}

function sectionType(sectPr: XmlNode): string | undefined {
  return attr(child(sectPr, 'type'), 'val');
}

function readTable(tbl: XmlNode, ctx: BodyContext): StructCell[][] {
  const rows: StructCell[][] = [];
  for (const tr of collect(kids(tbl), 'tr')) {
    const row = readRow(tr, ctx);
    if (row.length > 0) rows.push(row);
  }
  return rows;
}

function readRow(tr: XmlNode, ctx: BodyContext): StructCell[] {
  const trPr = child(tr, 'trPr');
  // A row deleted with tracked changes on is still in the XML.
  if (child(trPr, 'del')) return [];
  const cells: StructCell[] = [];
  // Rows that skip grid columns keep their alignment through an empty placeholder cell.
  const before = intAttr(child(trPr, 'gridBefore'), 'val') ?? 0;
  if (before > 0) cells.push(emptyCell(before));

  // A row split over pages carries a lastRenderedPageBreak in every continuing cell: count one.
  const renderedBefore = ctx.pages.rendered;
  let renderedInRow = 0;
  for (const tc of collect(kids(tr), 'tc')) {
    ctx.pages.rendered = renderedBefore;
    const cell = readCell(tc, ctx);
    renderedInRow = Math.max(renderedInRow, ctx.pages.rendered - renderedBefore);
    const previous = cells[cells.length - 1];
    if (cell.hmergeContinue && previous) {
      // Legacy horizontal merge: the continuing cell widens the one it merges into.
      previous.span = Math.min(MAX_SPAN, previous.span + cell.cell.span);
      if (cell.cell.text) previous.text = previous.text ? `${previous.text}\n${cell.cell.text}` : cell.cell.text;
    } else {
      cells.push(cell.cell);
    }
  }
  ctx.pages.rendered = renderedBefore + renderedInRow;

  const after = intAttr(child(trPr, 'gridAfter'), 'val') ?? 0;
  if (after > 0 && cells.length > 0) cells.push(emptyCell(after));
  return cells;
}

function readCell(tc: XmlNode, ctx: BodyContext): { cell: StructCell; hmergeContinue: boolean } {
  const tcPr = child(tc, 'tcPr');
  const span = Math.min(MAX_SPAN, Math.max(1, intAttr(child(tcPr, 'gridSpan'), 'val') ?? 1));
  const vMerge = child(tcPr, 'vMerge');
  const vmerge = vMerge ? (attr(vMerge, 'val') === 'restart' ? 'restart' : 'continue') : null;
  const hMerge = child(tcPr, 'hMerge');
  const hmergeContinue = hMerge !== undefined && attr(hMerge, 'val') !== 'restart';

  const acc = { lines: [] as string[], textRuns: 0, boldRuns: 0 };
  readCellContent(kids(tc), ctx, acc);
  const bold = acc.textRuns > 0 && acc.boldRuns === acc.textRuns;
  return { cell: { text: acc.lines.join('\n'), span, vmerge, bold }, hmergeContinue };
}

/** Paragraphs of a cell, with nested tables flattened into lines in reading order. */
function readCellContent(
  nodes: XmlNode[],
  ctx: BodyContext,
  acc: { lines: string[]; textRuns: number; boldRuns: number },
): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'p') {
      const p = readParagraph(node, ctx);
      if (p.text) acc.lines.push(p.text);
      acc.textRuns += p.textRuns;
      acc.boldRuns += p.boldRuns;
    } else if (tag === 'tbl' || tag === 'tr' || tag === 'tc' || TRANSPARENT.has(tag)) {
      if (tag === 'tr' && child(child(node, 'trPr'), 'del')) continue;
      readCellContent(kids(node), ctx, acc);
    }
  }
}

/** Elements named `tag` among `nodes`, looking through content controls and custom XML. */
function collect(nodes: XmlNode[], tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    const t = tagOf(node);
    if (t === tag) out.push(node);
    else if (TRANSPARENT.has(t)) collect(kids(node), tag, out);
  }
  return out;
}

function emptyCell(span: number): StructCell {
  return { text: '', span: Math.min(MAX_SPAN, span), vmerge: null, bold: false };
}
