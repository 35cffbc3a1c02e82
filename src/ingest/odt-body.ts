import type { StructBlock, StructCell } from '../model/document.js';
import type { ListLabel } from './docx-numbering.js';
import { attr, intAttr, kids, tagOf, type XmlNode } from './docx-xml.js';
import { PAGE_BREAK_TAG, readParagraph, spend, type InlineContext, type ParagraphText } from './odt-inline.js';
import type { ListCounters, ListStyles, ListTracker } from './odt-lists.js';
import type { StyleFamily } from './odt-styles.js';

/** What walking the body needs: styles, list numbering, and the page and expansion tallies. */
export interface BodyContext extends InlineContext {
  lists: ListStyles;
  tracker: ListTracker;
  /** Heading numbers of the outline style (text:h outside lists). */
  outline: ListCounters;
}

/** Word's grid has at most 63 columns, as the DOCX reader clamps; wider spans are corrupt. */
const MAX_SPAN = 64;
/** Rows a single table:number-rows-repeated may stand for (Writer never repeats rows). */
const MAX_ROW_REPEAT = 1000;

/**
 * Containers whose paragraphs and tables are ordinary body content: sections, and the
 * rendered body of tables of contents and other indexes (their templates are skipped).
 */
const BLOCK_TRANSPARENT = new Set([
  'section', 'table-of-content', 'illustration-index', 'table-index', 'object-index',
  'user-index', 'alphabetical-index', 'bibliography', 'index-body', 'index-title',
]);

/** Where the walker puts what it reads: the body's blocks, or the lines of one table cell. */
interface Sink {
  paragraph(p: ParagraphText): void;
  table(node: XmlNode, ctx: BodyContext): void;
}

/**
 * Top-level blocks announce themselves with their style, for page breaks; content of table
 * cells does not (a break inside a cell does not start a page).
 */
type BlockStart = (family: StyleFamily, style: string | undefined) => void;

/** Walks office:text into paragraphs and tables, in document order. */
export function readBody(nodes: XmlNode[], ctx: BodyContext): StructBlock[] {
  const out: StructBlock[] = [];
  let started = false;
  let breakPending = false;
  const body: Sink & { start: BlockStart } = {
    paragraph(p) {
      if (p.text) out.push({ kind: 'paragraph', text: p.text, bold: p.textRuns > 0 && p.boldRuns === p.textRuns });
    },
    table(node, c) {
      const rows = readTable(node, c);
      if (rows.length > 0) out.push({ kind: 'table', rows });
    },
    // The first block is on page 1 whatever its style asks for.
    start(family, style) {
      const breaks = ctx.styles.breakBefore(family, style) || ctx.styles.masterPage(family, style) !== undefined;
      if (started && (breaks || breakPending)) ctx.pages.explicit++;
      started = true;
      breakPending = ctx.styles.breakAfter(family, style);
    },
  };
  readFlow(nodes, ctx, body, body.start);
  return out;
}

function readFlow(nodes: XmlNode[], ctx: BodyContext, sink: Sink, start?: BlockStart): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'p' || tag === 'h') {
      start?.('paragraph', attr(node, 'style-name'));
      sink.paragraph(readParagraph(node, ctx, tag === 'h' ? headingLabel(node, ctx) : undefined));
    } else if (tag === 'list') {
      readList(node, ctx, sink, start, undefined);
    } else if (tag === 'numbered-paragraph') {
      readNumberedParagraph(node, ctx, sink, start);
    } else if (tag === 'table') {
      start?.('table', attr(node, 'style-name'));
      sink.table(node, ctx);
    } else if (tag === PAGE_BREAK_TAG) {
      ctx.pages.soft++;
    } else if (BLOCK_TRANSPARENT.has(tag)) {
      readFlow(kids(node), ctx, sink, start);
    }
    // Everything else holds no body text: declarations, tracked-change records (deleted
    // text lives there), forms, and drawings anchored to the page.
  }
}

interface ListScope {
  counters: ListCounters;
  /** The list style in force: the nearest text:style-name or text:style-override. */
  styleName: string | undefined;
  level: number;
}

function readList(list: XmlNode, ctx: BodyContext, sink: Sink, start: BlockStart | undefined, parent: ListScope | undefined): void {
  const scope: ListScope = {
    counters: parent?.counters ?? ctx.tracker.open(list),
    styleName: attr(list, 'style-name') ?? parent?.styleName,
    level: (parent?.level ?? 0) + 1,
  };
  for (const item of kids(list)) {
    const tag = tagOf(item);
    if (tag === 'list-item' || tag === 'list-header') readListItem(item, tag === 'list-header', ctx, sink, start, scope);
    else if (tag === PAGE_BREAK_TAG) ctx.pages.soft++;
  }
}

/**
 * Only an item's first paragraph carries the number (an item that opens with a nested list
 * has none of its own); a list header carries none and does not count.
 */
function readListItem(item: XmlNode, header: boolean, ctx: BodyContext, sink: Sink, start: BlockStart | undefined, parent: ListScope): void {
  const scope: ListScope = { ...parent, styleName: attr(item, 'style-override') ?? parent.styleName };
  let first = true;
  for (const node of kids(item)) {
    const tag = tagOf(node);
    if (tag === '#text') continue;
    if ((tag === 'p' || tag === 'h') && first && !header) {
      const style = attr(node, 'style-name');
      start?.('paragraph', style);
      const listStyle = ctx.lists.get(scope.styleName ?? ctx.styles.listStyle(style));
      const label = scope.counters.advance(scope.level, listStyle, intAttr(item, 'start-value'));
      sink.paragraph(readParagraph(node, ctx, label));
    } else if (tag === 'list') {
      readList(node, ctx, sink, start, scope);
    } else {
      readFlow([node], ctx, sink, start);
    }
    first = false;
  }
}

/** text:numbered-paragraph (ODF 1.2): a list paragraph outside any text:list. */
function readNumberedParagraph(node: XmlNode, ctx: BodyContext, sink: Sink, start: BlockStart | undefined): void {
  const counters = ctx.tracker.byListId(attr(node, 'list-id'));
  const level = intAttr(node, 'level') ?? 1;
  for (const p of kids(node)) {
    const tag = tagOf(p);
    if (tag !== 'p' && tag !== 'h') continue;
    const style = attr(p, 'style-name');
    start?.('paragraph', style);
    const listStyle = ctx.lists.get(attr(node, 'style-name') ?? ctx.styles.listStyle(style));
    sink.paragraph(readParagraph(p, ctx, counters.advance(level, listStyle, intAttr(node, 'start-value'))));
    return;
  }
}

/** A heading outside lists is numbered by the outline style (LibreOffice's default shows none). */
function headingLabel(h: XmlNode, ctx: BodyContext): ListLabel | undefined {
  if (attr(h, 'is-list-header') === 'true') return undefined;
  const level = intAttr(h, 'outline-level') ?? ctx.styles.outlineLevel(attr(h, 'style-name')) ?? 1;
  const restart = attr(h, 'restart-numbering') === 'true' ? intAttr(h, 'start-value') ?? 1 : undefined;
  return ctx.outline.advance(level, ctx.lists.outline, restart);
}

/** A cell's paragraphs and nested tables as lines, with the bold tally of its text. */
class CellSink implements Sink {
  readonly lines: string[] = [];
  textRuns = 0;
  boldRuns = 0;

  paragraph(p: ParagraphText): void {
    if (p.text) this.lines.push(p.text);
    this.textRuns += p.textRuns;
    this.boldRuns += p.boldRuns;
  }

  /** Nested tables are flattened into the cell's lines in reading order, as in DOCX. */
  table(node: XmlNode, ctx: BodyContext): void {
    for (const row of collectRows(kids(node), ctx)) {
      for (const cell of kids(row)) {
        if (tagOf(cell) === 'table-cell') readFlow(kids(cell), ctx, this);
      }
    }
  }
}

/** Rows of a table, looking through header rows, row groups and table:table-rows. */
function collectRows(nodes: XmlNode[], ctx: BodyContext, out: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'table-row') out.push(node);
    else if (tag === 'table-header-rows' || tag === 'table-rows' || tag === 'table-row-group') collectRows(kids(node), ctx, out);
    else if (tag === PAGE_BREAK_TAG) ctx.pages.soft++;
  }
  return out;
}

/** Where a cell spanning rows sits, so the covered cells below it become vmerge continues. */
interface RowSpan {
  lastRow: number;
  span: number;
}

function readTable(table: XmlNode, ctx: BodyContext): StructCell[][] {
  const rows: StructCell[][] = [];
  const spans = new Map<number, RowSpan>();
  for (const tr of collectRows(kids(table), ctx)) {
    const row = readRow(tr, rows.length, spans, ctx);
    if (row.length === 0) continue;
    rows.push(row);
    const repeat = Math.min(MAX_ROW_REPEAT, Math.max(1, intAttr(tr, 'number-rows-repeated') ?? 1));
    for (let r = 1; r < repeat; r++) {
      spend(ctx.expansion, row.length, 'table rows');
      rows.push(row.map((c) => ({ ...c })));
    }
  }
  return rows;
}

/**
 * One row's cells. ODF writes a table:covered-table-cell for every grid position a span
 * covers: those beside a spanning cell are absorbed into its span; those under a cell that
 * spans rows become one empty vmerge 'continue' cell as wide as the cell above.
 */
function readRow(tr: XmlNode, index: number, spans: Map<number, RowSpan>, ctx: BodyContext): StructCell[] {
  const cells: StructCell[] = [];
  let column = 0;
  let coveredUntil = 0;
  // A row split over pages carries a soft page break in each continuing cell: count one.
  const softBefore = ctx.pages.soft;
  let softInRow = 0;
  for (const node of kids(tr)) {
    const tag = tagOf(node);
    if (tag !== 'table-cell' && tag !== 'covered-table-cell') continue;
    const repeat = Math.min(MAX_SPAN, Math.max(1, intAttr(node, 'number-columns-repeated') ?? 1));
    for (let r = 0; r < repeat; r++, column++) {
      if (r > 0) spend(ctx.expansion, 1, 'table cells');
      if (tag === 'covered-table-cell') {
        if (column < coveredUntil) continue;
        const above = spans.get(column);
        if (above && index <= above.lastRow) {
          cells.push({ text: '', span: above.span, vmerge: 'continue', bold: false });
          coveredUntil = column + above.span;
          continue;
        }
        // A covered cell that no span covers (a damaged or hand-made table) is read as a cell.
      }
      ctx.pages.soft = softBefore;
      const cell = readCell(node, ctx);
      softInRow = Math.max(softInRow, ctx.pages.soft - softBefore);
      const rowsSpanned = intAttr(node, 'number-rows-spanned') ?? 1;
      if (rowsSpanned > 1) {
        cell.vmerge = 'restart';
        spans.set(column, { lastRow: index + rowsSpanned - 1, span: cell.span });
      } else {
        spans.delete(column);
      }
      coveredUntil = column + cell.span;
      cells.push(cell);
    }
  }
  ctx.pages.soft = softBefore + softInRow;
  return cells;
}

function readCell(tc: XmlNode, ctx: BodyContext): StructCell {
  const span = Math.min(MAX_SPAN, Math.max(1, intAttr(tc, 'number-columns-spanned') ?? 1));
  const sink = new CellSink();
  readFlow(kids(tc), ctx, sink);
  const bold = sink.textRuns > 0 && sink.boldRuns === sink.textRuns;
  return { text: sink.lines.join('\n'), span, vmerge: null, bold };
}
