import { TooLargeError } from '../errors.js';
import type { ListLabel } from './docx-numbering.js';
import { attr, intAttr, kids, tagOf, type XmlNode } from './docx-xml.js';
import type { OdtStyles } from './odt-styles.js';

/** Page starts seen while walking the body, for the page-count estimate. */
export interface PageTally {
  /** text:soft-page-break: where the writing application's layout started a page. */
  soft: number;
  /** Breaks the styles ask for (fo:break-before/after = page, a master-page switch). */
  explicit: number;
}

/**
 * Characters and cells the body may add beyond what the XML spells out (text:s counts,
 * repeated cells and rows): a few bytes of XML must not expand without bound.
 */
export interface ExpansionBudget {
  readonly limit: number;
  used: number;
}

/** What reading a paragraph's text needs of the body's context. */
export interface InlineContext {
  styles: OdtStyles;
  pages: PageTally;
  expansion: ExpansionBudget;
}

/** Spaces one text:s may stand for: a page line holds about a hundred. */
const MAX_SPACE_RUN = 1000;

/**
 * Inline elements whose content is not body text: notes and comments, a cached list label
 * (text:number; the reader renders labels itself), hidden text, script code, and drawings
 * (frames hold images and text boxes, which the DOCX reader skips as well).
 */
const INLINE_SKIPPED = new Set([
  'note', 'annotation', 'annotation-end', 'number', 'ruby-text', 'hidden-text', 'hidden-paragraph',
  'script', 'frame', 'custom-shape', 'rect', 'line', 'polyline', 'polygon', 'regular-polygon',
  'path', 'circle', 'ellipse', 'g', 'connector', 'caption', 'measure', 'control', 'page-thumbnail',
  'scene', 'tracked-changes',
]);

/** Where the writing application's layout started a page: inline, between blocks or rows. */
export const PAGE_BREAK_TAG = 'soft-page-break';

export interface ParagraphText {
  text: string;
  /** Text nodes with visible characters, and how many of them are bold. */
  textRuns: number;
  boldRuns: number;
}

interface InlineState extends ParagraphText {
  /** ODF collapses white space: a space right after another (or at the start) is dropped. */
  afterSpace: boolean;
}

/** The text of a text:p or text:h, after its list label when it has one, with its bold tally. */
export function readParagraph(p: XmlNode, ctx: InlineContext, label: ListLabel | undefined): ParagraphText {
  const state: InlineState = { text: '', textRuns: 0, boldRuns: 0, afterSpace: true };
  readInline(kids(p), attr(p, 'style-name'), [], ctx, state);
  const body = state.text.trim();
  const text = label ? (body ? label.label + label.separator + body : label.label).trim() : body;
  return { text, textRuns: state.textRuns, boldRuns: state.boldRuns };
}

function readInline(nodes: XmlNode[], pStyle: string | undefined, spans: (string | undefined)[], ctx: InlineContext, state: InlineState): void {
  const hidden = ctx.styles.hidden(pStyle, spans);
  let bold: boolean | undefined;
  for (const node of nodes) {
    const value = node['#text'];
    if (value !== undefined) {
      if (hidden) continue;
      const text = collapse(String(value), state);
      if (/\S/.test(text)) {
        state.textRuns++;
        bold ??= ctx.styles.bold(pStyle, spans);
        if (bold) state.boldRuns++;
      }
      continue;
    }
    const tag = tagOf(node);
    switch (tag) {
      case 'span':
      case 'a':
        readInline(kids(node), pStyle, [...spans, attr(node, 'style-name')], ctx, state);
        break;
      case 's': {
        if (hidden) break;
        const count = Math.min(MAX_SPACE_RUN, Math.max(1, intAttr(node, 'c') ?? 1));
        spend(ctx.expansion, count, 'spaces (text:s)');
        literal(' '.repeat(count), state);
        break;
      }
      case 'tab':
        if (!hidden) literal('\t', state);
        break;
      case 'line-break':
        if (!hidden) literal('\n', state);
        break;
      case PAGE_BREAK_TAG:
        ctx.pages.soft++;
        break;
      default:
        // Fields (dates, page numbers, cross-references …) show their current value as
        // content; links, metadata and content controls wrap ordinary text.
        if (!INLINE_SKIPPED.has(tag)) readInline(kids(node), pStyle, spans, ctx, state);
    }
  }
}

/**
 * Appends character data under ODF's white-space rule (runs of space, tab, CR, LF are one
 * space). Characters the DOCX reader gets from Word's special elements come as plain text
 * here and are rendered the same way: a soft hyphen only shows where a line breaks, a
 * non-breaking hyphen is a hyphen, and a Symbol-font glyph (w:sym, U+F020–F0FF) is its
 * Latin-1 character, «•» for the bullet.
 */
function collapse(raw: string, state: InlineState): string {
  let text = raw.replace(/[ \t\r\n]+/g, ' ').replace(/\u00AD/g, '').replace(/\u2011/g, '-')
    .replace(/[\uF020-\uF0FF]/g, symbolChar);
  if (state.afterSpace && text.startsWith(' ')) text = text.slice(1);
  if (!text) return '';
  state.text += text;
  state.afterSpace = text.endsWith(' ');
  return text;
}

function symbolChar(glyph: string): string {
  const code = glyph.charCodeAt(0) - 0xf000;
  return code === 0xb7 ? '•' : String.fromCharCode(code);
}

function literal(text: string, state: InlineState): void {
  state.text += text;
  state.afterSpace = false;
}

export function spend(budget: ExpansionBudget, amount: number, what: string): void {
  budget.used += amount;
  if (budget.used > budget.limit) {
    throw new TooLargeError(`ODT content expands beyond ${(budget.limit / (1024 * 1024)).toFixed(1)} MB through repeated ${what}`);
  }
}
