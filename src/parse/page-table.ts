import type { Page, Rule, Word } from '../model/index.js';
import { bboxUnion } from '../model/index.js';
import { TUNING, type Settings } from '../settings.js';
import { NoPlanTableError } from '../errors.js';
import { addWords, joinCellLines } from './cell-text.js';
import { CAPITALISED, isColumnNumbering, OCR_ROMAN_LABEL, OCR_ROMAN_START, ROW_START, SECTION_START, SECTION_TEXT, type GridRow, type MetaLine, type TableGrid } from './grid.js';
import { findHeader, findRepeatedHeader, headerColumns } from './page-header.js';
import { coverAt, median, quantile, registerColumns, snapValues, type PageColumn } from './page-columns.js';
import { isSpeck, lineText, wordsToLines, type TextLine } from './text-lines.js';
import { isSignatureStart } from './metadata-blocks.js';
import { russianDictionary } from '../lexicon/dictionary.js';
import { editDistance } from '../lexicon/edit-distance.js';
import { SECTION_LABEL_WORDS } from '../lexicon/section-labels.js';

/** Longest text an OCR'd number cell holds ("1.10." plus a stray mark). */
const MAX_OCR_NUMBER_CHARS = 6;

/** A lone page number or "Страница 2 из 5" in the page margin. */
const PAGE_NUMBER = /^([-–—]?\s*\d{1,4}\s*[-–—]?|(стр\.?|страница)\s*\d+(\s*(из|\/)\s*\d+)?)$/i;

interface PageLines {
  page: Page;
  lines: TextLine[];
}

/**
 * Rebuilds the plan table from pages of positioned words and rules — one parser for the PDF
 * text layer and OCR alike. Finds the header, derives columns (rules where drawn, white
 * rivers where not), then walks the pages cutting rows at horizontal rules and row numbers,
 * skipping repeated headers, margins and what follows the table.
 */
export function pagesToGrid(pages: readonly Page[], settings: Settings['table']): { grid: TableGrid; meta: MetaLine[] } {
  const pls: PageLines[] = pages.map((page) => {
    const words = page.source === 'ocr' ? page.words.map(withSectionWord) : page.words;
    return { page, lines: dropMarginNoise(page, wordsToLines(words, settings.lineMergeRatio), settings) };
  });
  const vocabulary = new Set<string>();
  for (const p of pages) for (const w of p.words) addWords(vocabulary, w.text);

  let startPage = -1;
  let header: ReturnType<typeof findHeader> = null;
  for (let k = 0; k < pls.length && !header; k++) {
    header = findHeader(pls[k]!.lines, pls[k]!.page.rules, settings);
    if (header) startPage = k;
  }
  if (!header) throw new NoPlanTableError(`no table header naming an activity and ${settings.minHeaderRoles - 1}+ other columns (№, ответственный, срок, результат) on ${pages.length} page(s)`);

  const meta: MetaLine[] = [];
  for (let k = 0; k <= startPage; k++) {
    const { page, lines } = pls[k]!;
    const upto = k === startPage ? header.first : lines.length;
    for (const l of lines.slice(0, upto)) meta.push(toMetaLine(l, page));
  }

  const first = pls[startPage]!;
  const firstBody = first.lines.slice(header.last + 1);
  let columns = headerColumns(header, first.lines, first.page.rules, firstBody, settings);
  const lattice = first.page.rules.some((r) => r.orientation === 'v');
  const firstBounds = [columns[0]!.x0, ...columns.map((c) => c.x1)].filter(Number.isFinite);
  const ruledColumns = first.page.rules.some((r) => r.orientation === 'v' && firstBounds.some((x) => Math.abs(r.at - x) < 2));
  const rows: GridRow[] = [];
  // Rows of pages without row rules, where a cell merged down shows only as empty cells below.
  const unruledRows: GridRow[] = [];
  let openEnd = false;
  // Columns whose cell the page before left open at its bottom (merged on over the break).
  let openBelow = new Set<number>();

  for (let k = startPage; k < pls.length; k++) {
    const { page, lines } = pls[k]!;
    // Only a table whose borders set its columns is registered to a later page's rules: a
    // borderless plan's columns stand at white rivers, and the rules on a later page are
    // another table's (indicators under the plan), which would pull them off the plan's text.
    const pageColumns = k === startPage || !ruledColumns ? columns : registerColumns(columns, page.rules, settings.maxPageShift);
    let body: TextLine[];
    let bodyTop: number;
    if (k === startPage) {
      body = firstBody;
      bodyTop = header.y1;
    } else {
      // OCR rarely reads a repeated header the same way twice: fall back to the keywords.
      const keyed = findHeader(lines, page.rules, settings);
      // A header found by its keywords takes in as many lines as the first one had, give or
      // take one: past them, a row without a number would pass for the header's last line.
      const keyedLast = keyed ? Math.min(keyed.last, keyed.first + (header.last - header.first) + 1) : -1;
      const repeat = findRepeatedHeader(lines, header, first.lines) ?? (keyed && keyed.first <= 2 ? { last: keyedLast, y1: lines[keyedLast]!.y1 } : null);
      if (repeat) {
        body = lines.slice(repeat.last + 1);
        bodyTop = repeat.y1;
      } else {
        if (!continuesTable(lines, page.rules, pageColumns, tableExtent(rows))) break;
        body = lines;
        bodyTop = -Infinity;
      }
    }
    const { rows: pageRows, ended, openBelow: open, unruled } = pageBodyToRows(page, body, bodyTop, pageColumns, vocabulary, settings, k !== startPage, openBelow, nextHeadingNumber(rows));
    openBelow = open;
    rows.push(...pageRows);
    if (unruled) unruledRows.push(...pageRows);
    if (ended) break;
    const lastBox = pageRows.at(-1)?.bbox;
    if (k === pls.length - 1 && lastBox && lastBox.y1 >= page.height * (1 - settings.openEndMargin)) openEnd = true;
  }
  // Judged over the whole table: a page can hold a run of merged cells that leaves most of
  // its own rows without a name.
  inheritUnruledMerges(unruledRows, columns);
  return {
    grid: { columns: columns.map((c) => ({ role: c.role, header: c.header })), rows, method: lattice ? 'lattice' : 'stream', openEnd },
    meta,
  };
}

/** A gap between words this wide (share of the page width) parts two columns of a header. */
const COLUMN_GAP_SHARE = 0.06;
/** A line starting this far right (share of the page width), not centred, is the right column alone. */
const RIGHT_COLUMN_SHARE = 0.5;

function toMetaLine(l: TextLine, page: Page): MetaLine {
  const mid = (l.x0 + l.x1) / 2;
  const centered = Math.abs(mid - page.width / 2) < page.width * 0.08 && l.x1 - l.x0 < page.width * 0.75;
  // Columns set side by side (the letterhead beside the approval stamp) keep their gap as a
  // tab, as a DOCX's tab stops do: metadata reads each column on its own.
  let text = '';
  l.words.forEach((w, i) => {
    const prev = l.words[i - 1];
    text += prev ? (w.bbox.x0 - prev.bbox.x1 > page.width * COLUMN_GAP_SHARE ? '\t' : ' ') + w.text : w.text;
  });
  if (!centered && l.x0 > page.width * RIGHT_COLUMN_SHARE) text = `\t${text}`;
  return { text, page: page.number, bold: l.words.every((w) => w.bold), centered };
}

/**
 * A section label word OCR misread by a letter («Эгап» for «Этап», «Разлел» for «Раздел»),
 * read as the word: the heading is known by it. Only a word the dictionary does not know.
 */
function withSectionWord(w: Word): Word {
  const t = w.text;
  if (t.length < 4 || !/^\p{Lu}\p{Ll}+$/u.test(t) || russianDictionary().knows(t)) return w;
  const label = SECTION_LABEL_WORDS.find((l) => Math.abs(l.length - t.length) <= 1 && editDistance(l, t.toLowerCase()) === 1);
  return label ? { ...w, text: label[0]!.toUpperCase() + label.slice(1) } : w;
}

/**
 * Drops lone page numbers in the top/bottom margins — on an OCR'd page also a lone mark of a
 * character or two there ("}" for a page number "1"), which set below the table's last row
 * would end the table at the gap above it and drop every page after.
 */
function dropMarginNoise(page: Page, lines: TextLine[], settings: Settings['table']): TextLine[] {
  const m = page.height * settings.marginShare;
  // (Not a number: "2." low on the page is a label or a row number more often than a folio.)
  const misread = (l: TextLine) => page.source === 'ocr' && l.words.length === 1 && [...l.words[0]!.text].length <= 2 && !/\p{L}{2}|\d/u.test(l.words[0]!.text);
  return lines.filter((l) => !((l.y1 < m || l.y0 > page.height - m) && (PAGE_NUMBER.test(lineText(l)) || misread(l))));
}

/** Left and right edges of the text of the rows read so far. */
function tableExtent(rows: readonly GridRow[]): { x0: number; x1: number } | null {
  const boxes = rows.flatMap((r) => (r.bbox ? [r.bbox] : []));
  if (boxes.length === 0) return null;
  return { x0: Math.min(...boxes.map((b) => b.x0)), x1: Math.max(...boxes.map((b) => b.x1)) };
}

/** A page without a repeated header continues the table if its text sits in the columns. */
function continuesTable(lines: readonly TextLine[], rules: readonly Rule[], columns: readonly PageColumn[], extent: { x0: number; x1: number } | null): boolean {
  if (lines.length === 0) return false;
  // An outer column without a border reaches as far as the rows above set their text: a wide
  // activity column opening the table (number last) holds words far left of its header.
  const x0 = columns[0]!.x0 === -Infinity ? Math.min(columns[0]!.x1 - 80, extent?.x0 ?? Infinity) : columns[0]!.x0;
  const x1 = columns.at(-1)!.x1 === Infinity ? Math.max(columns.at(-1)!.x0 + 200, extent?.x1 ?? -Infinity) : columns.at(-1)!.x1;
  const inner = columns.slice(1).map((c) => c.x0).filter(Number.isFinite);
  // Borders beside the page's first lines: a second table lower down has its own.
  const top = lines[0]!.y0, probeEnd = lines[Math.min(3, lines.length - 1)]!.y1;
  const vs = rules.filter((r) => r.orientation === 'v' && r.from <= probeEnd && r.to >= top).map((r) => r.at);
  if (vs.length >= 2 && inner.length > 0) {
    const matched = inner.filter((x) => vs.some((v) => Math.abs(v - x) < 4)).length;
    if (matched / inner.length >= 0.5) return true;
    // A table in an outer frame only: the page's borders are the table's two edges.
    const edges = [columns[0]!.x0, columns.at(-1)!.x1].filter(Number.isFinite);
    const framed = edges.length === 2 && vs.every((v) => edges.some((x) => Math.abs(v - x) < 4));
    if (!framed) return false;
  }
  // Stream: the first lines' words must not straddle column boundaries, and stay in the table.
  const probe = lines.slice(0, 4).flatMap((l) => l.words);
  const straddling = probe.filter((w) => inner.some((b) => w.bbox.x0 < b - 3 && w.bbox.x1 > b + 3)).length;
  const outside = probe.filter((w) => w.bbox.x1 < x0 - 20 || w.bbox.x0 > x1 + 20).length;
  return straddling <= probe.length * 0.2 && outside <= probe.length * 0.2;
}

interface LineCells {
  line: TextLine;
  cells: Word[][];
  spans: boolean;
  /** Words set apart in the columns: the line belongs to a body row. */
  columnar: boolean;
}

/**
 * One page's body lines into rows. Lattice pages cut at horizontal rules that cross the
 * table; every page also cuts where a row number opens the number column, and around lines
 * that span the columns (section headings). The table ends at the last horizontal rule of
 * a lattice page or at a large vertical gap in a stream page.
 */
/** Lines of a title between the plan and a second table, at most. */
const MAX_TITLE_LINES = 3;
const NUMBER_LABEL = /^(№|N|No)\s*(п\s*\/\s*п)?\.?$/u;

function pageBodyToRows(
  page: Page,
  body: readonly TextLine[],
  bodyTop: number,
  columns: readonly PageColumn[],
  vocabulary: ReadonlySet<string>,
  settings: Settings['table'],
  continuation: boolean,
  openAbove: ReadonlySet<number>,
  nextHeading: number | null = null,
): { rows: GridRow[]; ended: boolean; openBelow: Set<number>; unruled: boolean } {
  const tx0 = Number.isFinite(columns[0]!.x0) ? columns[0]!.x0 : Math.min(...body.map((l) => l.x0), columns[0]!.x1);
  const tx1 = Number.isFinite(columns.at(-1)!.x1) ? columns.at(-1)!.x1 : Math.max(...body.map((l) => l.x1), columns.at(-1)!.x0);
  // A row rule crosses the table, drawn whole or (browser engines) one segment per cell.
  const hRules = snapValues(
    page.rules
      .filter((r) => r.orientation === 'h' && r.at > bodyTop - 2 && r.to > tx0 && r.from < tx1)
      .map((r) => r.at)
      .sort((a, b) => a - b),
    settings.ruleSnap,
  ).filter((y) => coverAt(page.rules, y, tx0, tx1, settings.ruleSnap) >= settings.minRowRuleCover);
  // Column borders of this table: a second table further down the page (indicators under a
  // plan drawn with row rules only) has borders of its own that do not make this one ruled.
  const vRules = page.rules.filter((r) => r.orientation === 'v');
  const firstRowTop = Math.min(hRules[0] ?? Infinity, body[0]?.y0 ?? Infinity);
  const firstRowBottom = hRules.find((y) => y > firstRowTop + settings.ruleSnap) ?? hRules[0] ?? -Infinity;
  // A border only touching the first row's band at its end is the top corner of a table below
  // (indicators under a borderless plan's last rows), not a border of the rows above it; the
  // table's own run beside the page's first body line.
  const firstLine = body[0];
  const ownBorders = vRules.filter((r) => r.at >= tx0 - settings.ruleSnap && r.at <= tx1 + settings.ruleSnap && r.from < firstRowBottom - settings.ruleSnap && r.to >= firstRowTop - settings.ruleSnap &&
    (!firstLine || (r.from <= firstLine.y1 + settings.ruleSnap && r.to >= firstLine.y0 - settings.ruleSnap)));
  const lattice = hRules.length >= 2 && ownBorders.length >= 2;
  const lineH = median(body.flatMap((l) => l.words.map((w) => w.bbox.y1 - w.bbox.y0)));

  // Two lines of different rows: a rule between them or more than a line's height of space.
  const apart = (a: TextLine, b: TextLine) => b.y0 - a.y1 > lineH || hRules.some((y) => y > (a.y0 + a.y1) / 2 && y < (b.y0 + b.y1) / 2);
  // Where the table ends on this page.
  let ended = false;
  let usable = [...body];
  // Rules found in a scan can be partial (faint or broken borders): there the last one found
  // does not mark the table's end, the text's own spacing does.
  if (lattice && page.source === 'text-layer') {
    let bottom = tableBottom(lastJoinedRule(hRules, vRules, tx0, tx1, settings.ruleSnap), vRules, tx0, tx1, settings.ruleSnap);
    // A row split at the page break of a table ruled under its rows only has no closing rule
    // and no side borders running on: a numbered line set out in the columns right under the
    // last rule is that row, and it runs on to the end of the page's text block.
    const next = usable.find((l) => (l.y0 + l.y1) / 2 > bottom);
    if (next && next.y0 - bottom < lineH && ROW_START.test(next.words[0]?.text ?? '') && columnsTouched(next, columns) >= MIN_ROW_CELLS) {
      const from = usable.indexOf(next);
      let end = from + 1;
      while (end < usable.length && usable[end]!.y0 - usable[end - 1]!.y1 <= settings.streamEndGap * lineH) end++;
      bottom = usable[end - 1]!.y1;
    }
    const after = usable.filter((l) => (l.y0 + l.y1) / 2 > bottom);
    if (after.length > 0) ended = true;
    const top = tableTop(hRules[0]!, vRules, tx0, tx1, settings.ruleSnap);
    usable = usable.filter((l) => (l.y0 + l.y1) / 2 <= bottom && (l.y0 + l.y1) / 2 >= top - lineH);
  } else {
    const firstColumnEnd = columns[0]!.x1;
    for (let i = 1; i < usable.length; i++) {
      const gap = usable[i]!.y0 - usable[i - 1]!.y1;
      // A signatory's line ("Начальник управления образования И. И. Иванов") set at the
      // table's left edge right under a table without a closing rule is not a row of it.
      const signs = usable[i]!.x0 < firstColumnEnd && isSignatureStart(lineText(usable[i]!)) && !sitsInColumns(usable[i]!, columns, lineH, page.source === 'ocr');
      // A "№" heading the number column again: the header of a second table (indicators under
      // the plan) — the plan's own repeated header was taken off the page before this.
      // Not inside the plan's own borders, though: they run on from above, where a second
      // table's start at its header (OCR reads a row's "2." as "№").
      const l = usable[i]!;
      const bordered = () => vRules.filter((r) => r.at >= tx0 - settings.ruleSnap && r.at <= tx1 + settings.ruleSnap && r.from < l.y0 - lineH && r.to > l.y1).length >= 2;
      const opens = opensNewTable(l, columns) && !bordered();
      // Above the first line set out in a row's cells there is no row yet, only what the header
      // left (a narrow header cell's wrapped ends, «ти», «я» under «№ п/п») or a section
      // heading (two words can straddle a border): a gap there is the header's padding or the
      // heading's own band, not the end of the table.
      const started = () => usable.slice(0, i).some((u) => columnsTouched(u, columns) >= MIN_ROW_CELLS);
      if ((gap > settings.streamEndGap * lineH && started()) || signs || opens) {
        // The second table's title above its header, set apart from the plan's last row.
        let end = i;
        while (opens && end > 1 && i - end < MAX_TITLE_LINES && apart(usable[end - 2]!, usable[end - 1]!)) end--;
        usable = usable.slice(0, end);
        ended = true;
        break;
      }
    }
  }
  // A table drawn in an outer frame only (or with column borders but no row rules) is ruled
  // round its rows but not between them: when no rule runs between two of the page's body
  // lines, the rules say where the table ends, while its rows are cut as a stream table's.
  const mid = (l: TextLine) => (l.y0 + l.y1) / 2;
  const rowsRuled = lattice && usable.some((l, i) => i > 0 && hRules.some((y) => y > mid(usable[i - 1]!) && y < mid(l)));
  const numberCol = columns.findIndex((c) => c.role === 'number');
  const activityCol = columns.findIndex((c) => c.role === 'activity');
  const bounds = columns.slice(1).map((c) => c.x0).filter(Number.isFinite);
  const cellWords = (l: TextLine): Word[][] => {
    const cells: Word[][] = columns.map(() => []);
    for (const w of l.words) {
      let k = columns.findIndex((c) => centredIn(w, c));
      if (k < 0) k = centre(w) < columns[0]!.x1 ? 0 : columns.length - 1;
      cells[k]!.push(w);
    }
    return cells;
  };
  // Where each column's text starts: every line of a left-aligned cell starts there.
  const textEdges = columns.map((_, k) => median(usable.flatMap((l) => cellWords(l)[k]!.slice(0, 1).map((w) => w.bbox.x0))));
  const cellsOf = (line: TextLine): LineCells => {
    const l = page.source === 'ocr' ? { ...line, words: line.words.filter((w) => !isBorderSpeck(w, bounds, lineH)) } : line;
    const cells = cellWords(l);
    // A line whose words stand apart at two or more column boundaries is a body row whatever
    // happens at a third: on a noisy low-resolution scan a border breaks exactly where a row's
    // words come close to it, which alone looks like a merged heading cell. A heading is one
    // phrase: it has at most one such gap (a number kept in the № cell).
    const columnar = sitsInColumns(l, columns, lineH, page.source === 'ocr');
    const spans = (!columnar && lineSpans(l, columns, vRules, lineH)) || isHeadingLine(l, cells, columns) || isCentredHeading(l, cells, columns, numberCol, textEdges, tx0, tx1, lineH, page.source === 'ocr');
    return { line: l, cells, spans, columnar };
  };
  // A line of nothing but specks OCR read as marks ("—" a point high) is no row of the table.
  const lcs = usable.map(cellsOf).filter((lc) => !isColumnNumbering(lc.cells.map((c) => c.map((w) => w.text).join(''))) &&
    !(page.source === 'ocr' && lc.line.words.every((w) => isSpeck(w, lineH))));

  // A № column OCR read (almost) no number in — a photo's narrow cells, numbers lost in a
  // shadow — cuts no rows: they are told apart as in a table without one.
  const numbersRead = numberCol < 0 ? 0 : lcs.filter((lc) => ROW_START.test(lc.cells[numberCol]!.map((w) => w.text).join(''))).length;
  const numberless = numberCol < 0 || (page.source === 'ocr' && numbersRead < 2 && lcs.length >= 6);
  // Group lines into rows.
  const groups: LineCells[][] = [];
  let current: LineCells[] = [];
  let prevBandIdx = -1;
  // The one cell of the row being built when it opened as a section heading set in one cell.
  let headingCol = -1;
  const bandOf = (l: TextLine) => hRules.filter((y) => y < (l.y0 + l.y1) / 2).length;
  const pitch = median(lcs.slice(1).map((lc, i) => lc.line.y0 - lcs[i]!.line.y0));
  const rowRuled = hRules.length >= 2;
  // The step between the lines of one cell: the shorter steps (rows add their padding to it).
  const cellPitch = quantile(lcs.slice(1).map((lc, i) => lc.line.y0 - lcs[i]!.line.y0).filter((d) => d > 0), 0.2) ?? pitch;
  // Where OCR lost row numbers in a plan that numbers its rows, the numbers it did read jump
  // ("3)" … "10)"): the lines between may open rows of their own, told by their fresh cells.
  const skipped = numberCol >= 0 && !numberless && page.source === 'ocr' ? numbersSkipped(lcs.map((lc) => lc.cells[numberCol]!.map((w) => w.text).join('')), !continuation) : [];
  for (const [idx, read] of lcs.entries()) {
    // OCR tells no bold, and a short title centred on the table can start where a column's
    // text does: the next number of the plan's headings ("3. Кадровые условия" after "2. …"),
    // alone on a line centred on the table, is that heading. (Alone in the № or activity cell
    // it is read as a heading below, wrapped lines and all.)
    const text = lineText(read.line);
    const inAnotherCell = () => {
      const ks = read.cells.flatMap((c, k) => (c.length > 0 ? [k] : []));
      return ks.length === 1 && ks[0] !== numberCol && ks[0] !== activityCol;
    };
    const centredNext = !read.spans && page.source === 'ocr' && nextHeading !== null && headingNumber(text) === nextHeading && inAnotherCell() &&
      Math.abs((read.line.x0 + read.line.x1) / 2 - (tx0 + tx1) / 2) <= TUNING.parse.centredHeadingSlack * (tx1 - tx0);
    // No heading opens in lower case: a row's wrapped line whose words OCR set close across a
    // border («фуикционирующими в сформирован баик лучших») only looks merged. (A heading's own
    // wrapped line goes on in lower case after it.)
    // (A word, not OCR's letter or two for a heading's Roman number: «п.» for II., «м.» for IV.)
    const firstWord = read.line.words[0]?.text ?? '';
    const lowerOpen = read.spans && page.source === 'ocr' && /^\p{Ll}{3,}[^.]*$/u.test(firstWord) && !isLabel(firstWord, true) && !OCR_ROMAN_START.test(text) && !current.at(-1)?.spans;
    const lc = centredNext ? { ...read, spans: true } : lowerOpen ? { ...read, spans: false } : read;
    const band = bandOf(lc.line);
    const num = numberCol >= 0 ? lc.cells[numberCol]!.map((w) => w.text).join(' ') : '';
    // The number column holds nothing but row numbers, so any short token there opens a row —
    // OCR often garbles narrow-column numbers ("1.1." read as "Е" or "2:").
    const token = num.trim();
    // A token of no letter or digit ("__.", "'") is a speck or a border stub, not a number.
    const looksNumber = ROW_START.test(token) || (page.source === 'ocr' && token.length <= MAX_OCR_NUMBER_CHARS && /[\p{L}\p{N}]/u.test(token));
    const opensRow = numberCol >= 0 && looksNumber && current.some((c) => (c.cells[numberCol]?.length ?? 0) > 0 || !c.spans);
    const prev = current.at(-1);
    // "Этап 3. …" alone in the № or activity cell: a section heading set in a table whose
    // rules (a frame, none) do not close it off from the row above.
    const filledCols = lc.cells.flatMap((c, k) => (c.length > 0 ? [k] : []));
    // "2. Работа с …" can also be an item of a list in the cell; set in bold, it is a heading.
    const headingShape = filledCols.length === 1 && (filledCols[0] === numberCol || columns[filledCols[0]!]!.role === 'activity') &&
      (SECTION_START.test(text) || (lc.line.words.every((w) => w.bold) && NUMBERED_HEADING.test(text)) ||
        (page.source === 'ocr' && OCR_ROMAN_START.test(text)) ||
        // OCR tells no bold: "2. Материально-…" alone in the activity cell after a heading
        // "1. …" is the next heading, not a list in the cell — where the rows' numbers stand in
        // a № column of their own (its cell is empty here) or there is none.
        (page.source === 'ocr' && nextHeading !== null && headingNumber(text) === nextHeading &&
          (numberless || filledCols[0] === activityCol)));
    if (headingShape || lc.spans) {
      const n = headingNumber(text);
      if (n !== null) nextHeading = n + 1;
    }
    const heading = current.length > 0 && headingShape;
    // The heading's cell may wrap ("Раздел 2. Работа с обучающимися и" | "родителями"); a line
    // filling another column is the first of the row under it, however close it follows.
    const endsHeading = headingCol >= 0 && filledCols.some((k) => k !== headingCol);
    // "Этап" | title, then "1." alone on the next line: the № cell of a heading whose label
    // wrapped in the narrow column, not a row of its own (on OCR'd pages, whose boxes of
    // lower-case pieces stand lower, the next line of the cell by the line pitch).
    // (A heading's first line may also be set out as a row: the label word in the № cell, the
    // title in the activity cell.)
    const labelLed = current.length === 1 && prev !== undefined && numberCol >= 0 && LABEL_WORD_START.test(prev.cells[numberCol]!.map((w) => w.text).join(' '));
    // A label broken letter-wise down the narrow cell ("Р" | "аз" | "де" | "л" | "1."): each
    // piece goes on a label word begun above, or numbers a whole one.
    const soFar = numberCol >= 0 ? joinLabel(current.map((c) => c.cells[numberCol]!.map((w) => w.text).join(' '))) : '';
    const piece = numberCol >= 0 ? lc.cells[numberCol]!.map((w) => w.text).join(' ') : '';
    const spelled = soFar !== '' && (SECTION_LABEL_WORDS.some((w) => w.startsWith((soFar + piece).toLowerCase())) ||
      (SECTION_LABEL_WORDS.includes(soFar.toLowerCase()) && /^(\d{1,2}|[IVXLC]{1,5})[.,]?$/u.test(piece)));
    const labelGoesOn = prev !== undefined && numberCol >= 0 && (current.every((c) => c.spans) || labelLed || spelled) && prev.cells[numberCol]!.length > 0 &&
      filledCols.length === 1 && filledCols[0] === numberCol &&
      (page.source === 'ocr' ? lc.line.y0 - prev.line.y1 < lineH || lc.line.y0 - prev.line.y0 < 1.5 * cellPitch : lc.line.y0 - prev.line.y1 < 0.6 * lineH);
    // The № cell of the line above, as its words read.
    const prevNum = prev && numberCol >= 0 ? prev.cells[numberCol]!.map((w) => w.text).join('') : '';
    let split: boolean;
    if (labelGoesOn) split = false;
    else if (rowsRuled) {
      // Rules delimit rows; a wrapped heading stays one row because its lines share a band.
      // A row number wrapped in a narrow № cell ("1." over "1." for "1.1.") is one number, not
      // two rows: within one ruled band of a text layer, a token that completes the cell's
      // number so far does not open a row. On an OCR'd page only on the row's second line: a
      // rule the scan lost can leave two rows in one band.
      const wrapsNumber = opensRow && band === prevBandIdx && prev !== undefined && (
        ((page.source === 'text-layer' || current.length === 1) && numberWraps(prev.cells[numberCol]!, lc.cells[numberCol]!, columns[numberCol]!) &&
          ROW_START.test(current.map((c) => c.cells[numberCol]!.map((w) => w.text).join('')).join('') + token)) ||
        // OCR misread the first part ("ъ.", "№" or "." over "1." for "5.1."): a mark no number is,
        // then a number, on the row's second line.
        (page.source === 'ocr' && current.length === 1 && [...prevNum].length <= 3 && !ROW_START.test(prevNum) && /^\d{1,2}\.?$/.test(token)));
      // On an OCR'd page a rule the scan lost would leave two rows in one band, so a number
      // opens a row there too — but not a line of nothing else: the label of a heading broken
      // in the narrow № cell ("Эта" | "п 1."), whose row's other cells all start on its top line.
      const numberOnly = page.source === 'ocr' && filledCols.length === 1 && filledCols[0] === numberCol && current.length > 0;
      split = band !== prevBandIdx || (opensRow && !wrapsNumber && !numberOnly) || heading || endsHeading ||
        // A section heading set across the table where the photo lost the rule above it, or
        // the row set out in the columns under it where it lost the rule below.
        (page.source === 'ocr' && prev !== undefined && ((lc.spans && !prev.spans) || (prev.spans && !lc.spans && lc.columnar))) ||
        // Rules the photo lost leave rows in one band: where no number cuts them, fresh cells do.
        (page.source === 'ocr' && numberless && numberCol >= 0 && activityCol >= 0 && !lc.spans && current.length > 0 && opensFreshCells(current, lc, activityCol)) ||
        (skipped[idx] === true && !opensRow && activityCol >= 0 && !lc.spans && current.length > 0 && opensFreshCells(current, lc, activityCol));
    } else {
      const gap = prev ? lc.line.y0 - prev.line.y1 : 0;
      // Without borders a number wrapped in a narrow № cell ("1." over "1." for "1.1.") has no band
      // to hold it: it completes the number on the row's first line, and the activity goes on
      // from the line above (or has ended) where a row's own opens with a capital. Without an
      // activity column, no cell of the line may open with one.
      const goesOn = (c: readonly Word[]) => c.length === 0 || !/^[\p{Lu}«"]/u.test(c[0]!.text);
      // OCR's boxes leave a wider gap, and it garbles the head of a number broken mid-way
      // ("1.1", "11", "12 2" over "0." for "1.10.", "1.17.", "1.23."): digits without a closing
      // stop, then a digit and the stop.
      // The line's activity must not open as a row's does, with a capitalised word (it may go
      // on with a quote: «Школа …»).
      const actHead = activityCol >= 0 ? lc.cells[activityCol]![0]?.text ?? '' : '';
      const ocrWrap = page.source === 'ocr' && current.length === 1 && gap < lineH && !CAPITALISED.test(actHead) && (
        (!prevNum.endsWith('.') &&
          ((/^\d{1,2}[.:]\s?\d[\d.\s]{0,3}$/.test(prevNum) && /^[\dЗО]{1,2}\.?$/u.test(token)) || (/^\d{2,3}$/.test(prevNum) && /^[\dЗО]\.$/u.test(token)))) ||
        // "1." over "1." for 1.1., read as printed (or the tail's stop lost: "1." over "7").
        (/^\d{1,2}\.$/.test(prevNum) && /^\d{1,2}\.?$/.test(token) && ROW_START.test(prevNum + token)));
      const wrapsNumber = opensRow && current.length === 1 && prev !== undefined && (ocrWrap ||
        (page.source === 'text-layer' && gap < 0.6 * lineH && prevNum.endsWith('.') && ROW_START.test(prevNum + token) &&
          (activityCol >= 0 ? goesOn(lc.cells[activityCol]!) : lc.cells.some((c, k) => k !== numberCol && c.length > 0) && lc.cells.every((c, k) => k === numberCol || goesOn(c)))));
      // Rules under the rows only (no column borders): they still delimit rows.
      split = (opensRow && !wrapsNumber) || heading || endsHeading || (rowRuled && band !== prevBandIdx) || lc.spans !== Boolean(prev?.spans) || (lc.spans && gap > 0.6 * lineH) ||
        Boolean(prev && numberless && lc.line.y0 - prev.line.y0 > (page.source === 'text-layer' ? cellPitch + TUNING.parse.rowGapShare * lineH : 1.6 * pitch)) ||
        (page.source === 'text-layer' && !lc.spans && restartsColumn(current, lc)) ||
        (page.source === 'ocr' && numberless && activityCol >= 0 && !lc.spans && current.length > 0 && opensFreshCells(current, lc, activityCol)) ||
        (skipped[idx] === true && !opensRow && activityCol >= 0 && !lc.spans && current.length > 0 && opensFreshCells(current, lc, activityCol));
    }
    if (current.length && split) {
      groups.push(current);
      // A heading "1. …" (merged, or read as a row of one cell) sets the next one's number.
      const only = new Set(current.flatMap((c) => c.cells.flatMap((ws, k) => (ws.length ? [k] : []))));
      const n = current[0]!.spans || (only.size === 1 && only.has(activityCol)) ? headingNumber(lineText(current[0]!.line)) : null;
      if (n !== null) nextHeading = n + 1;
      current = [];
    }
    if (current.length === 0) headingCol = headingShape ? filledCols[0]! : -1;
    // The label's rest belongs to the heading: the row after it opens a row of its own.
    current.push(labelGoesOn ? { ...lc, spans: true } : lc);
    prevBandIdx = band;
  }
  if (current.length) groups.push(current);

  // Row rules alone (no column borders) show merged cells the same way: the rule under a row
  // stops short of the column whose cell goes on into the next.
  const merged = rowRuled ? mergedCells(groups, columns, page.rules, hRules, bandOf, tx0, tx1, settings.ruleSnap, continuation ? openAbove : new Set()) : [];
  // A word wider than its cell is broken letter-wise by the producer, without a hyphen
  // ("Муниципальн" | "ый"): its line runs across the whole cell. Where the head is no word
  // and head and tail are one (or the break cuts a date), the two parts are one word again.
  const cellWidth = columns.map((_, k) => Math.max(0, ...lcs.map((lc) => {
    const ws = lc.cells[k]!;
    return ws.length ? ws.at(-1)!.bbox.x1 - ws[0]!.bbox.x0 : 0;
  })));
  const cellLines = (g: readonly LineCells[], k: number): string[] => g.map((lc, i) => {
    const ws = lc.cells[k]!;
    const text = ws.map((w) => w.text).join(' ');
    const next = g[i + 1]?.cells[k]![0];
    if (ws.length === 0 || !next || page.source !== 'text-layer') return text;
    if (ws.at(-1)!.bbox.x1 - ws[0]!.bbox.x0 < TUNING.parse.brokenWordFill * cellWidth[k]!) return text;
    return brokenWord(ws.at(-1)!.text, next.text, vocabulary) ? text + '\u00ad' : text;
  });
  const rows: GridRow[] = groups.map((g, idx) => {
    const words = g.flatMap((lc) => lc.line.words);
    // A merged heading cell holds one run of text. A ruled band that also has a line set out in
    // the columns is a body row, whichever of its lines looked merged where the scan lost a
    // stretch of border between two cells' words.
    const spans = g.some((lc) => lc.spans) && !g.some((lc) => lc.columnar);
    // A label that wrapped in the № cell beside its title reads before the title.
    const text = (lc: LineCells, inLabel: boolean) => lc.cells.flatMap((c, k) => ((k === numberCol) === inLabel ? c : [])).map((w) => w.text).join(' ');
    const wrappedLabel = spans && numberCol >= 0 && g.length > 1 && g.some((lc) => lc.cells[numberCol]!.length > 0 && lc.cells.every((c, k) => k === numberCol || c.length === 0));
    // So does a label in a № column set last, right of its title.
    const label = spans && numberCol >= 0 ? joinLabel(g.map((lc) => text(lc, true))) : '';
    const labelFirst = label !== '' && (wrappedLabel || (numberCol === columns.length - 1 && numberCol > 0 && SECTION_LABEL.test(label)));
    // A heading's wrapped line has words; OCR's marks of a rule under it («———_ о») have none.
    const headingLines = page.source === 'ocr' ? g.filter((lc, i) => i === 0 || lc.line.words.some((w) => /\p{L}{2}/u.test(w.text))) : g;
    const cells = spans
      ? [labelFirst
          ? `${label} ${joinCellLines(headingLines.map((lc) => text(lc, false)), vocabulary)}`.trim()
          : joinCellLines(headingLines.map((lc) => lineText(lc.line)), vocabulary), ...columns.slice(1).map(() => '')]
      : columns.map((_, k) => {
          // A section label broken letter-wise in the narrow № cell ("Эта" | "п 1.") is one word again.
          const label = k === numberCol ? joinLabel(cellLines(g, k)) : '';
          return LABEL_WORD_START.test(label) && SECTION_LABEL.test(label) ? label : joinCellLines(cellLines(g, k), vocabulary);
        });
    const inherit: number[] = [];
    for (const m of merged) {
      if (idx < m.from || idx > m.to || spans) continue;
      cells[m.column] = m.text(groups, vocabulary, cellLines);
      // A merged cell the page before left open, with no text on this page: its text is the
      // one above the break.
      if (m.fromAbove && cells[m.column] === '') inherit.push(m.column);
    }
    return {
      cells,
      spans,
      bold: words.length > 0 && words.every((w) => w.bold),
      page: page.number,
      bbox: bboxUnion(words.map((w) => w.bbox)) ?? null,
      conf: words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 1,
      ocr: page.source === 'ocr',
      pageStart: continuation && idx === 0,
      ...(inherit.length ? { inherit } : {}),
    };
  });
  const openBelow = rowRuled && !ended ? openAtBottom(groups, columns, page.rules, hRules, bandOf, tx0, tx1, settings.ruleSnap) : new Set<number>();
  return { rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')), ended, openBelow, unruled: !rowRuled };
}

/**
 * A table without row rules cannot show a responsible party merged down over several rows:
 * the merged cell's text stands by its first row and the cells below look empty. A plan
 * names who is responsible on (nearly) every row, so where the table's rows mostly have one,
 * an activity row without is the lower part of the cell above and takes its text
 * (rows-to-plan), as a reader of the printed table takes it.
 */
function inheritUnruledMerges(rows: GridRow[], columns: readonly PageColumn[]): void {
  const k = columns.findIndex((c) => c.role === 'responsible');
  const a = columns.findIndex((c) => c.role === 'activity');
  if (k < 0 || a < 0) return;
  // Rows of one filled cell (a heading in the activity cell) say nothing of who is responsible.
  const body = rows.filter((r) => !r.spans && r.cells[a]!.trim() !== '' && r.cells.filter((c) => c.trim() !== '').length >= 2);
  if (body.length === 0 || body.filter((r) => r.cells[k]!.trim() !== '').length < TUNING.parse.responsibleFilledShare * body.length) return;
  for (const r of body) if (r.cells[k]!.trim() === '' && !r.inherit?.includes(k)) r.inherit = [...(r.inherit ?? []), k];
}

/**
 * The № cell's number goes on on the next line: the line above ends a number right above, and
 * the two parts together are wider than the cell holds ("1." over "1." in a cell too narrow for
 * "1.1."). Rows "14." and "15." of a table without row rules fit the cell each, and together.
 */
function numberWraps(above: readonly Word[], below: readonly Word[], column: PageColumn): boolean {
  if (above.length === 0 || below.length === 0 || !Number.isFinite(column.x0) || !Number.isFinite(column.x1)) return false;
  const width = (ws: readonly Word[]) => ws.at(-1)!.bbox.x1 - ws[0]!.bbox.x0;
  // The cell's inner width: its text is inset from the border by the cell padding, both sides.
  const inner = column.x1 - column.x0 - 2 * Math.max(0, above[0]!.bbox.x0 - column.x0);
  return width(above) + width(below) > inner * 1.1;
}

/**
 * "Муниципальн" + "ый …", "ежемесяч" + "но": the head is no word but head and tail are one,
 * in the document itself or in the Russian dictionary (the OCR model's word list, read on
 * the first such line); "01.09.202" + "5". "Руководители" + "школ" stay two words.
 */
function brokenWord(head: string, tail: string, vocabulary: ReadonlySet<string>): boolean {
  if (/\d{1,2}\.\d{1,2}\.\d{1,3}$/.test(head) && /^\d/.test(tail)) return true;
  const stem = /\p{L}+$/u.exec(head)?.[0];
  const rest = /^\p{Ll}+/u.exec(tail)?.[0];
  if (!stem || !rest || stem.length < MIN_BROKEN_STEM) return false;
  const joined = stem + rest;
  const words = russianDictionary();
  if (words.knows(stem)) return false;
  return vocabulary.has(joined.toLowerCase()) || words.knows(joined);
}
const MIN_BROKEN_STEM = 3;

/** A word's horizontal middle, by which it falls in a column. */
const centre = (w: Word): number => (w.bbox.x0 + w.bbox.x1) / 2;
/** The word's middle lies in the column (an outer column without a border reaches to ±∞). */
const centredIn = (w: Word, c: PageColumn): boolean => centre(w) >= c.x0 && centre(w) < c.x1;

/** Cells a row's first line fills at least: a number alone or a wrapped heading fills fewer. */
const MIN_ROW_CELLS = 3;

/** How many of the table's columns the line has words in. */
function columnsTouched(l: TextLine, columns: readonly PageColumn[]): number {
  const ks = new Set<number>();
  for (const w of l.words) {
    const k = columns.findIndex((c) => centredIn(w, c));
    if (k >= 0) ks.add(k);
  }
  return ks.size;
}

/**
 * The line heads a table's number column with "№" / "N п/п": a table header begins. Looked for
 * in the plan's number column and in its first column: a second table keeps "№" first even
 * under a plan that numbers its rows in a last column or not at all.
 */
function opensNewTable(l: TextLine, columns: readonly PageColumn[]): boolean {
  const c = columns.find((col) => col.role === 'number');
  if (c) {
    const inNumber = l.words.filter((w) => centredIn(w, c));
    if (inNumber.length > 0 && NUMBER_LABEL.test(inNumber.map((w) => w.text).join(' ')) && l.words.length > inNumber.length) return true;
    if (c === columns[0]) return false;
  }
  // In a wide first column the label is the line's first word, set apart from the next cell's
  // text — not "№ 273-ФЗ" opening a wrapped line of an activity.
  const [w, n] = l.words;
  if (!w || !n || centre(w) >= columns[0]!.x1) return false;
  // Under a plan without a number column, "№" before a capitalised label ("№ Показатель 2025
  // 2026") heads another table however close they are set: no activity starts with the sign.
  return NUMBER_LABEL.test(w.text) && (n.bbox.x0 - w.bbox.x1 > w.bbox.y1 - w.bbox.y0 || (!c && /^\p{Lu}/u.test(n.text)));
}

/**
 * For each line, whether it lies between two row numbers read that skip some ("3)" then
 * "10)", "1.2." then "1.5."), or, where the table opens, above a first number that is not
 * its series' first: the rows there lost their numbers to OCR. Numbers of one
 * level and prefix only; a new section's "2.1." after "1.8." skips nothing.
 */
export function numbersSkipped(numberCells: readonly string[], opensTable = false): boolean[] {
  const parsed = numberCells.map((t) => {
    const m = /^(\d{1,2}(?:\.\d{1,2})*)[.)]?$/.exec(t.trim());
    if (!m) return null;
    const parts = m[1]!.split('.').map(Number);
    return { prefix: parts.slice(0, -1).join('.'), last: parts.at(-1)! };
  });
  // A token OCR garbled ("д." for 2.) still numbers a row: it fills one of the places skipped.
  const garbled = numberCells.map((t, i) => parsed[i] === null && t.trim().length > 0 && t.trim().length <= MAX_OCR_NUMBER_CHARS && /[\p{L}\p{N}]/u.test(t));
  const out = numberCells.map(() => false);
  let prev: { i: number; prefix: string; last: number } | null = null;
  parsed.forEach((n, i) => {
    if (!n) return;
    // On the page the table opens on, a first number read past the first of its series
    // ("1.2." or "3." at the top) says the rows above it lost theirs.
    if (!prev && opensTable) {
      const between = garbled.slice(0, i).filter(Boolean).length;
      if (n.last - 1 > between) for (let k = 0; k < i; k++) out[k] = true;
    }
    if (prev && n.prefix === prev.prefix) {
      const between = garbled.slice(prev.i + 1, i).filter(Boolean).length;
      if (n.last - prev.last - 1 > between) for (let k = prev.i + 1; k < i; k++) out[k] = true;
    }
    prev = { i, ...n };
  });
  return out;
}

/**
 * A line where the activity and at least two more cells begin anew: the first line of a row
 * in a table with neither numbers nor borders, whose rows an OCR'd page spaces no wider than
 * its lines. A cell begins anew with a capital or a digit (a wrapped cell's next line goes
 * on in lower case), or in any case where its column had text in the row, then a line
 * without — deadlines open in lower case ("в течение года"), and a responsible party merged
 * down over the rows leaves its column empty, so capitals alone miss such rows.
 */
function opensFreshCells(current: readonly LineCells[], lc: LineCells, activityCol: number): boolean {
  const opens = (ws: readonly Word[], digit: boolean) => ws.length > 0 && (digit ? /^[\p{Lu}\d«"]/u : /^[\p{Lu}«"]/u).test(ws[0]!.text);
  // An activity opens with a capital, or with its number set in the cell ("2. Проведение …").
  const act = lc.cells[activityCol]!;
  const numbered = act.length > 1 && /^\d{1,2}(\.\d{1,2})*[.)]$/.test(act[0]!.text) && opens(act.slice(1), false);
  if (!opens(act, false) && !numbered) return false;
  const restarts = (k: number) => {
    if (lc.cells[k]!.length === 0) return false;
    const had = current.findIndex((c) => c.cells[k]!.length > 0);
    return had >= 0 && current.slice(had).some((c) => c.cells[k]!.length === 0);
  };
  // Under lines of one cell each (the tail of a row the page break split, "профилей"), a
  // column's first text opens it too.
  const tail = current.length > 0 && current.every((c) => c.cells.filter((ws) => ws.length > 0).length <= 1);
  const starts = (k: number) => tail && lc.cells[k]!.length > 0 && current.every((c) => c.cells[k]!.length === 0);
  const fresh = lc.cells.flatMap((ws, k) => (k !== activityCol && (opens(ws, true) || restarts(k) || starts(k)) ? [k] : []));
  if (fresh.length >= MIN_FRESH_CELLS) return true;
  // One cell is enough where it both restarts its column and opens with a capitalised word, as
  // does the activity: the deadline above can run on into the row's own ("май 2026 г." | "до
  // 30.12.2025") with the responsible party merged down beside it.
  const word = (ws: readonly Word[]) => ws.length > 0 && CAPITALISED.test(ws[0]!.text);
  return word(lc.cells[activityCol]!) && fresh.some((k) => word(lc.cells[k]!) && restarts(k));
}
const MIN_FRESH_CELLS = 2;

/**
 * A cell's text is one run of lines from the top of its row: a column that had text in the
 * row, then a line without, and now has text again is the next row's cell — what separates
 * the rows of a table drawn without borders or numbers, whose cells all start at the row's
 * top. (A text layer only: OCR drops and invents words at cell edges.)
 */
function restartsColumn(current: readonly LineCells[], lc: LineCells): boolean {
  if (current.length < 2 || current.some((c) => c.spans)) return false;
  return lc.cells.some((words, k) => {
    if (words.length === 0) return false;
    const had = current.findIndex((c) => c.cells[k]!.length > 0);
    return had >= 0 && current.slice(had).some((c) => c.cells[k]!.length === 0);
  });
}

interface MergedCell {
  column: number;
  /** First and last row group the cell spans. */
  from: number;
  to: number;
  text: (groups: readonly LineCells[][], vocabulary: ReadonlySet<string>, cellLines: (g: readonly LineCells[], k: number) => string[]) => string;
  /** The cell goes on from the page before (its first row is this page's first). */
  fromAbove: boolean;
}

/**
 * Cells merged down over several rows (a responsible party shared by consecutive
 * activities): on a ruled page the rule between two rows is drawn across the other columns
 * but not across this one. The merged cell's text, wherever in it the producer set it, then
 * belongs to every row it spans — as a reader of the printed table takes it. The number and
 * activity columns are left alone: a row without its own number or activity is the
 * continuation of the one above (rows-to-plan), not a new activity sharing them.
 */
function mergedCells(
  groups: readonly LineCells[][],
  columns: readonly PageColumn[],
  rules: readonly Rule[],
  hRules: readonly number[],
  bandOf: (l: TextLine) => number,
  tx0: number,
  tx1: number,
  snap: number,
  openAbove: ReadonlySet<number>,
): MergedCell[] {
  const out: MergedCell[] = [];
  const isHeading = (g: readonly LineCells[]) => g.some((lc) => lc.spans) && !g.some((lc) => lc.columnar);
  columns.forEach((c, k) => {
    if (c.role === 'number' || c.role === 'activity') return;
    const x0 = Number.isFinite(c.x0) ? c.x0 : tx0, x1 = Number.isFinite(c.x1) ? c.x1 : tx1;
    let from = 0;
    const close = (to: number) => {
      const fromAbove = from === 0 && openAbove.has(k);
      if (to > from || fromAbove) {
        const span = { from, to };
        out.push({
          column: k,
          ...span,
          fromAbove,
          text: (gs, vocabulary, cellLines) => joinCellLines(gs.slice(span.from, span.to + 1).flatMap((g) => cellLines(g, k)), vocabulary),
        });
      }
    };
    for (let i = 1; i < groups.length; i++) {
      const a = bandOf(groups[i - 1]![0]!.line), b = bandOf(groups[i]![0]!.line);
      // Rows of one band (cut at row numbers, no rule between) share no merged cell.
      const open = b > a && !isHeading(groups[i]!) && !isHeading(groups[i - 1]!) && coverAt(rules, hRules[b - 1]!, x0, x1, snap) < TUNING.parse.mergedCellRuleCover;
      if (!open) {
        close(i - 1);
        from = i;
      }
    }
    close(groups.length - 1);
  });
  return out;
}

/**
 * Where a ruled table ends on a text-layer page: its last horizontal rule, or further down
 * where the column borders go on below it — a row split at the page break has its side
 * borders drawn to the page's bottom but no closing rule (every producer that draws each
 * cell's borders as its own segments does this). Borders are followed only while they join
 * up, so a second table further down the page is not taken in.
 */
function tableBottom(lastRule: number, vRules: readonly Rule[], tx0: number, tx1: number, snap: number): number {
  const inTable = vRules.filter((r) => r.at >= tx0 - snap && r.at <= tx1 + snap).sort((a, b) => a.from - b.from);
  let bottom = lastRule;
  for (const r of inTable) if (r.from <= bottom + snap && r.to > bottom) bottom = r.to;
  return bottom;
}

/**
 * Columns whose cell stays open at the bottom of the page: the rule closing the last row is
 * drawn under the other columns but not under these (a cell merged down over the page
 * break). A last row with no rule under it at all is a row split at the break, not this.
 */
function openAtBottom(
  groups: readonly LineCells[][],
  columns: readonly PageColumn[],
  rules: readonly Rule[],
  hRules: readonly number[],
  bandOf: (l: TextLine) => number,
  tx0: number,
  tx1: number,
  snap: number,
): Set<number> {
  const open = new Set<number>();
  const last = groups.at(-1);
  if (!last || bandOf(last[0]!.line) !== hRules.length - 1) return open;
  const y = hRules.at(-1)!;
  columns.forEach((c, k) => {
    const x0 = Number.isFinite(c.x0) ? c.x0 : tx0, x1 = Number.isFinite(c.x1) ? c.x1 : tx1;
    if (c.role !== 'number' && c.role !== 'activity' && coverAt(rules, y, x0, x1, snap) < TUNING.parse.mergedCellRuleCover) open.add(k);
  });
  return open;
}

/**
 * The last row rule of the table that starts at the page's first one: each next rule must be
 * joined to the one above by a column border. A second table further down the page (target
 * indicators under the plan, a title between them) has rules of its own that no border joins.
 */
function lastJoinedRule(hRules: readonly number[], vRules: readonly Rule[], tx0: number, tx1: number, snap: number): number {
  const inTable = vRules.filter((r) => r.at >= tx0 - snap && r.at <= tx1 + snap);
  let last = hRules[0]!;
  for (const y of hRules.slice(1)) {
    if (!inTable.some((r) => r.from <= last + snap && r.to >= y - snap)) break;
    last = y;
  }
  return last;
}

/** The same upwards: a continuation page whose first row has no rule above it. */
function tableTop(firstRule: number, vRules: readonly Rule[], tx0: number, tx1: number, snap: number): number {
  const inTable = vRules.filter((r) => r.at >= tx0 - snap && r.at <= tx1 + snap).sort((a, b) => b.to - a.to);
  let top = firstRule;
  for (const r of inTable) if (r.to >= top - snap && r.from < top) top = r.from;
  return top;
}

/**
 * A line spans the table when its text runs across a column boundary: neighbouring words on
 * either side of it are only a space apart, and (on ruled pages) no vertical rule crosses
 * the line there — the merged cell of a section heading. Asked only of lines that do not sit
 * in the columns (sitsInColumns).
 */
function lineSpans(l: TextLine, columns: readonly PageColumn[], vRules: readonly Rule[], lineH: number): boolean {
  for (let k = 1; k < columns.length; k++) {
    const b = columns[k]!.x0;
    if (!Number.isFinite(b)) continue;
    // A cell border runs past the whole line; a rule that only reaches into it was lengthened
    // by a letter's stem standing on it (OCR'd images), not a border.
    const ruled = vRules.some((r) => Math.abs(r.at - b) < 4 && r.from <= l.y0 + 1 && r.to >= l.y1 - 1);
    if (ruled) continue;
    // Drawn just above or below the line: the same column's border in the rows around it, not
    // a border of another table further down the page that happens to fall here.
    const ruledElsewhere = vRules.some((r) => Math.abs(r.at - b) < 4 && r.to >= l.y0 - 2 * lineH && r.from <= l.y1 + 2 * lineH);
    // A boundary no border marks anywhere on the page (a table in an outer frame only: its
    // columns stand at white rivers).
    const bordered = vRules.some((r) => Math.abs(r.at - b) < 4);
    for (let i = 0; i < l.words.length; i++) {
      const w = l.words[i]!;
      const n = l.words[i + 1];
      // A word the next one is printed over ran out of its cell (a long word in a fixed-width
      // column): the line is two cells' text, not one phrase across them.
      if (n && n.bbox.x0 < w.bbox.x1 - 1) continue;
      // A word running over a boundary no border marks: a heading's words flow across the
      // columns as one phrase, while a row's word too long for its cell (a fixed-width column)
      // runs out of it beside the wide gaps of the row's other cells.
      if (w.bbox.x0 < b - 2 && w.bbox.x1 > b + 2 && (bordered || onePhrase(l, lineH, columns))) return true;
      if (!n || w.bbox.x1 > b + 2 || n.bbox.x0 < b - 2) continue;
      const gap = n.bbox.x0 - w.bbox.x1;
      // Text flowing over the boundary; a ruled page with no rule here is a merged cell. On an
      // unruled page the line must read as one phrase: a row whose cells are padded tight (a
      // browser's 1-px padding) also has words close on both sides of a boundary, but elsewhere
      // the wide gaps of its other cells.
      if (gap < 0.45 * lineH && (vRules.length > 0 || (w.bbox.x1 < b && n.bbox.x0 > b && onePhrase(l, lineH, columns)))) return true;
      // The border is drawn above and below but not across this line: a merged cell, even
      // where OCR left a wider gap in a word it misread ("Но мативно-правовое").
      if (gap < 1.5 * lineH && ruledElsewhere) return true;
    }
  }
  return false;
}

/**
 * The line's words run at word spacing from the first after its number to the last: one
 * phrase, as a heading across the table is; a row's cells leave wider gaps between them.
 */
function onePhrase(l: TextLine, lineH: number, columns: readonly PageColumn[]): boolean {
  // A section's label in the № cell ("Раздел" of "Раздел 1." wrapped there) stands apart
  // from its title like a number does.
  const c = columns.find((col) => col.role === 'number');
  const inNumber = (w: Word) => c !== undefined && (c === columns[0] || c === columns.at(-1)) && centredIn(w, c);
  const rest = l.words.filter((w) => !inNumber(w));
  const words = ROW_START.test(rest[0]?.text ?? '') ? rest.slice(1) : rest;
  return words.every((w, i) => i === 0 || w.bbox.x0 - words[i - 1]!.bbox.x1 < TUNING.parse.phraseGap * lineH);
}

/**
 * Words standing apart at two or more column boundaries: a body row's cells. A wide gap from
 * the № cell counts once however many boundaries it passes: a section label in the № cell
 * and its title centred in the merged cell beside it leave one gap over several columns. (A
 * gap between two other cells does count per boundary: a row's empty cell between them —
 * a responsible merged down from the row above — is a cell all the same.)
 */
function sitsInColumns(l: TextLine, columns: readonly PageColumn[], lineH: number, ocr: boolean): boolean {
  const numberCol = columns.findIndex((c) => c.role === 'number');
  const inNumber = (w: Word) => numberCol >= 0 && centredIn(w, columns[numberCol]!);
  // Only a label there ("II.", "Этап 1."): the rest of a header's "№ п/п" is no heading's.
  const label = isLabel(l.words.filter(inNumber).map((w) => w.text).join(' '), ocr);
  let apart = 0;
  for (let i = 0; i + 1 < l.words.length; i++) {
    const w = l.words[i]!;
    const n = l.words[i + 1]!;
    if (n.bbox.x0 - w.bbox.x1 < 1.5 * lineH) continue;
    const passed = columns.slice(1).filter((c) => Number.isFinite(c.x0) && w.bbox.x1 <= c.x0 + 2 && n.bbox.x0 >= c.x0 - 2).length;
    apart += passed > 0 && label && (inNumber(w) || inNumber(n)) ? 1 : passed;
  }
  return apart >= 2;
}

/**
 * A mark OCR made of a cell border's own ink ("." "‹" ":", or a flat "о"): narrow, on a
 * column boundary, and no letter or digit or hardly any height. Kept in the line it would
 * bridge the gap between two cells' words and make a body row read as a merged heading.
 */
function isBorderSpeck(w: Word, bounds: readonly number[], lineH: number): boolean {
  const width = w.bbox.x1 - w.bbox.x0;
  if (width >= 0.5 * lineH) return false;
  if (!bounds.some((b) => Math.abs(centre(w) - b) <= 3)) return false;
  return !/[\p{L}\p{N}]/u.test(w.text) || w.bbox.y1 - w.bbox.y0 < 0.3 * lineH;
}

/**
 * A heading laid in the number and activity columns without crossing their boundary in a
 * way the gap test sees: a year ("2021 год"), or a bold numbered title ("1. Нормативно-
 * правовое обеспечение") with nothing in the other columns.
 */
function isHeadingLine(l: TextLine, cells: Word[][], columns: readonly PageColumn[]): boolean {
  const used = cells.map((c, k) => (c.length ? k : -1)).filter((k) => k >= 0);
  const roles = used.map((k) => columns[k]!.role);
  if (!roles.every((r) => r === 'number' || r === 'activity')) return false;
  const text = lineText(l);
  if (YEAR_HEADING.test(text)) return true;
  return l.words.every((w) => w.bold) && roles.includes('number') && NUMBERED_HEADING.test(text);
}


/** A section label in the № cell; on an OCR'd page also a bold Roman one read as letters ("г." for I.). */
const isLabel = (text: string, ocr: boolean): boolean => isSectionLabel(text) || (ocr && OCR_ROMAN_LABEL.test(text));

/** What a section's № cell holds beside its merged title: "II.", "3", "Этап 1.", "Раздел 2". */
const SECTION_LABEL = /^((раздел|блок|этап|направление)\s*)?(\d{1,2}|[IVXLC]{1,5})?\.?$/iu;
const LABEL_WORD_START = new RegExp(`^(${SECTION_LABEL_WORDS.join('|')})`, 'iu');

/**
 * The № cell's part of a section label on a heading's first line. A № column narrower than
 * the label word makes the producer break it letter-wise without a hyphen ("Разде" | "л 1.",
 * "Ра" | "зд" | "ел" | "1."): the head of a label word counts as the label.
 */
function isSectionLabel(text: string): boolean {
  if (SECTION_LABEL.test(text)) return true;
  return /^\p{Lu}\p{Ll}+$/u.test(text) && SECTION_LABEL_WORDS.some((w) => w.startsWith(text.toLowerCase()));
}

/** A label's wrapped lines read as one: a label word broken letter-wise joins without a space. */
function joinLabel(lines: readonly string[]): string {
  return lines.filter((t) => t !== '').reduce((acc, t) => {
    const head = /\p{L}+$/u.exec(acc)?.[0] ?? '';
    const tail = /^\p{Ll}+/u.exec(t)?.[0] ?? '';
    const broken = head !== '' && tail !== '' && SECTION_LABEL_WORDS.some((w) => w.startsWith((head + tail).toLowerCase()));
    return acc === '' ? t : broken ? acc + t : `${acc} ${t}`;
  }, '').replace(/^([а-яё]+)(?=[\dIVXLC])/iu, '$1 ');
}

/** A label no row number looks like: a word ("Раздел", its broken head) or a Roman numeral. */
const WORDED_LABEL = /^(\p{L}+|[IVXLC]{1,5}\.?)(\s|$)/u;

/**
 * A section heading set in one cell merged over the columns and centred in it: a label in
 * the № cell with the title centred on the columns beside it, or the whole heading centred on
 * the table. A short title stays inside one column, so nothing crosses a border; what tells
 * it from a row is where it stands: a cell's text starts at the cell's left edge, while this
 * run of words is centred on the merged cell. With no label, a heading's look is asked as well
 * (bold, or worded as one: "Этап 3. …", "2021 год") — a line of one cell can be centred by chance.
 */
function isCentredHeading(
  l: TextLine,
  cells: Word[][],
  columns: readonly PageColumn[],
  numberCol: number,
  textEdges: readonly number[],
  tx0: number,
  tx1: number,
  lineH: number,
  ocr: boolean,
): boolean {
  const label = numberCol >= 0 ? cells[numberCol]!.map((w) => w.text).join(' ') : '';
  if (label !== '' && (!isLabel(label, ocr) || (numberCol !== 0 && numberCol !== columns.length - 1))) return false;
  const rest = cells.flatMap((c, k) => (k === numberCol ? [] : c)).sort((a, b) => a.bbox.x0 - b.bbox.x0);
  if (rest.length === 0 || rest.some((w, i) => i > 0 && w.bbox.x0 - rest[i - 1]!.bbox.x1 >= 1.5 * lineH)) return false;
  // A heading opens with a capital or a number; a wrapped header label's tail ("вания") does not.
  if (!/^[\p{Lu}\d]/u.test(rest[0]!.text)) return false;
  // Text starting where its column's text starts is that cell's own — beside a row number. A
  // worded label ("Раздел", "II.") is no row's number, and a centred title may start at a
  // column's text edge by chance.
  // A title without a label that runs on as one phrase into the next column is no cell's own
  // text, wherever it happens to start.
  const first = cells.findIndex((c) => c.includes(rest[0]!));
  const across = label === '' && cells.filter((c) => c.length > 0).length >= 2 && onePhrase(l, lineH, columns);
  if (!WORDED_LABEL.test(label) && !across && Math.abs(rest[0]!.bbox.x0 - textEdges[first]!) < 0.5 * lineH) return false;
  if (label === '' && !rest.every((w) => w.bold) && !SECTION_TEXT.test(rest.map((w) => w.text).join(' '))) return false;
  const x0 = label === '' || numberCol !== 0 ? tx0 : columns[1]!.x0;
  const x1 = label === '' || numberCol === 0 ? tx1 : columns[numberCol]!.x0;
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || x1 <= x0) return false;
  const mid = (rest[0]!.bbox.x0 + rest.at(-1)!.bbox.x1) / 2;
  return Math.abs(mid - (x0 + x1) / 2) <= TUNING.parse.centredHeadingSlack * (x1 - x0);
}

const YEAR_HEADING = /^\d{4}\s*(г\.?|год)\.?$/i;
const NUMBERED_HEADING = /^(\d{1,2}|[IVXLC]{1,5})\.?\s+\p{Lu}/u;

/** The number of a heading "2. Материально-техническое обеспечение", or null. */
function headingNumber(text: string): number | null {
  const m = /^(\d{1,2})\.\s+\p{Lu}\p{Ll}/u.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The number the next heading of a plan without a № column would have: one more than that
 * of the last heading read so far, a row of nothing but "1. Диагностика …" in one cell.
 */
function nextHeadingNumber(rows: readonly GridRow[]): number | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const filled = rows[i]!.cells.filter((c) => c.trim() !== '');
    const n = filled.length === 1 ? headingNumber(filled[0]!) : null;
    if (n !== null) return n + 1;
  }
  return null;
}
