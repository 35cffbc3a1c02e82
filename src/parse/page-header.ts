import { russianDictionary } from '../lexicon/dictionary.js';
import { SECTION_LABEL_WORDS } from '../lexicon/section-labels.js';
import type { Rule, Word } from '../model/index.js';
import { TUNING, type Settings } from '../settings.js';
import { isHeaderWord, mapHeaderRow, MAX_HEADER_CELL_WORDS } from './header-roles.js';
import { columnsFromHeader, coverAt, groupHeaderWords, groupText, segmentJoinsIn, splitAtRivers, verticalRulesIn, type PageColumn } from './page-columns.js';
import type { TextLine } from './text-lines.js';
import { holdsRowNumbers, mostlyRowNumbers, OCR_ROMAN_START, ROW_START, SECTION_TEXT } from './grid.js';

export interface FoundHeader {
  /** Index of the first and last header line in the page's lines. */
  first: number;
  last: number;
  y0: number;
  y1: number;
  columns: PageColumn[];
  /** The line of column numbers under the labels («1 2 3 4 5»): in the band, in no label. */
  numbers?: number;
}

/** The words of the header's labels: its lines but the column numbers under them. */
function labelWords(header: FoundHeader, lines: readonly TextLine[]): Word[] {
  return lines.slice(header.first, header.last + 1).filter((_, k) => header.first + k !== header.numbers).flatMap((l) => l.words);
}



function headerWordCount(line: TextLine): number {
  return line.words.filter((w) => isHeaderWord(w.text)).length;
}

function headerShare(line: TextLine): number {
  return headerWordCount(line) / line.words.length;
}

/** Header words that make a line a header's first however many other labels it has. */
const WIDE_HEADER_WORDS = 4;

/**
 * Finds the plan table's header on a page: a run of lines, mostly header words, whose
 * words group into cells naming at least `minHeaderRoles` roles including the activity.
 * The run starts at a line with a header word and takes following lines within the header
 * window until a body row starts (a row number at the left, or a line that is not
 * header-like once all roles are found).
 */
export function findHeader(
  lines: readonly TextLine[],
  rules: readonly Rule[],
  settings: Settings['table'],
): FoundHeader | null {
  // Every start line near the first match is tried: a title ending in "результатами" just
  // above the header would otherwise pull title words into the header cells. The candidate
  // naming most roles wins; then the one with most header words and fewest others.
  let chosen: FoundHeader | null = null;
  let chosenScore = -Infinity;
  let firstY: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i]!;
    if (firstY !== null && start.y0 - firstY > settings.headerWindow) break;
    // A header line is mostly header words; prose that mentions "сроки" or "мероприятий" is not.
    // A wide header whose budget or indicator labels are no header words («федеральный
    // бюджет», «внебюджетные средства») still names four roles' words on its first line.
    if (headerShare(start) < 0.5 && headerWordCount(start) < WIDE_HEADER_WORDS) continue;
    let last = i;
    let best: FoundHeader | null = null;
    for (let j = i; j < lines.length; j++) {
      const l = lines[j]!;
      // A label set down a narrow column letter by letter can run past the window: its pieces
      // still belong to the header found above them.
      if (l.y0 - start.y0 > settings.headerWindow && !(best && wrapsLabels(l, lines[j - 1]!) && continuesHeader(l, lines[j - 1]!, best, rules))) break;
      if (j > i && ROW_START.test(l.words[0]?.text ?? '') && best) break;
      // «п 1.» under «Эта» (a section label broken in a narrow № cell) is no «№ п/п».
      if (j > i && best && holdsItemNumber(l)) break;
      const share = headerShare(l);
      if (share < 0.34 && best) {
        // Lines without header words belong to the header between header lines ("(содержание"
        // between "Мероприятия" and "деятельности)"), or below them as the wrapped end of a
        // label or two ("характеристики результата)") — not a body row, which fills columns.
        const later = lines.slice(j + 1).find((m) => m.y0 - start.y0 <= settings.headerWindow && headerShare(m) >= 0.5 && !holdsItemNumber(m));
        if (!later && !continuesHeader(l, lines[j - 1]!, best, rules)) break;
      }
      // Headers are usually set in bold: the first plain line after a bold header is the body.
      if (best && l.words.every((w) => !w.bold) && lines.slice(i, j).every((m) => m.words.every((w) => w.bold))) break;
      last = j;
      const found = headerOf(lines, i, last, rules, settings);
      if (found) best = found;
      else if (best) break;
    }
    if (best) best = withColumnNumbers(closeRuledHeader(best, lines, rules, settings), lines);
    if (best) {
      firstY ??= start.y0;
      const roles = new Set(best.columns.map((c) => c.role).filter((r) => r !== 'extra')).size;
      const words = labelWords(best, lines);
      const headerWords = words.filter((w) => isHeaderWord(w.text)).length;
      const score = roles * 1000 + headerWords - 2 * (words.length - headerWords);
      if (score > chosenScore) {
        chosen = best;
        chosenScore = score;
      }
    }
  }
  return chosen;
}

/**
 * The row of column numbers many tables print under their labels («1 2 3 4 5», one per
 * column, read left to right): the header's own last line, not a first activity «1» with
 * cells «2», «3». Consecutive from 1, at least three of them, and nothing else on the line.
 * Read here, before the columns are known, since a number may stand where no label does (a
 * blank «№» label); rows of such numbers met later are dropped by their cells (isColumnNumbering).
 */
function withColumnNumbers(header: FoundHeader, lines: readonly TextLine[]): FoundHeader {
  const next = lines[header.last + 1];
  if (!next || next.words.length < MIN_COLUMN_NUMBERS) return header;
  const values = [...next.words].sort((a, b) => a.bbox.x0 - b.bbox.x0).map((w) => /^(\d{1,2})\.?$/u.exec(w.text)?.[1]);
  if (!values.every((v, k) => v !== undefined && Number(v) === k + 1)) return header;
  return { ...header, last: header.last + 1, y1: next.y1, numbers: header.last + 1 };
}
const MIN_COLUMN_NUMBERS = 3;

/** Lines i..last read as a header: their words grouped into labels that name enough roles. */
function headerOf(lines: readonly TextLine[], i: number, last: number, rules: readonly Rule[], settings: Settings['table']): FoundHeader | null {
  const words = lines.slice(i, last + 1).flatMap((x) => x.words);
  const y0 = lines[i]!.y0, y1 = lines[last]!.y1;
  const ruleXs = verticalRulesIn(rules, y0, y1, settings.ruleSnap);
  let groups = groupHeaderWords(words, ruleXs);
  let roles = mapHeaderRow(groups.map(groupText), settings.minHeaderRoles);
  // Labels of neighbouring columns set closer than a word gap ("Содержание деятельности" |
  // "Ответственны" broken in its narrow cell) read as one until the body's rivers part them.
  if (!roles) {
    groups = splitAtRivers(groups, ruleXs, lines.slice(last + 1));
    roles = mapHeaderRow(groups.map(groupText), settings.minHeaderRoles);
  }
  const texts = groups.map(groupText);
  // Header cells are short labels; a long group is a paragraph that happens to match.
  if (!roles || !texts.every((t, k) => roles[k] === 'extra' || t.split(' ').length <= MAX_HEADER_CELL_WORDS)) return null;
  return { first: i, last, y0, y1, columns: groups.map((g, k) => ({ role: roles[k]!, header: groupText(g), x0: g.x0, x1: g.x1 })) };
}

/**
 * On a ruled page the header's band ends at the first rule drawn across the whole table below
 * its first line: every line above that rule is header, however few header words it has —
 * the second line of "№ / п/п", "Форма / отчётности", or the lower row of a two-level header
 * under a merged cell (whose own rule crosses only part of the table). Taken only when the
 * longer band still reads as a header.
 */
function closeRuledHeader(header: FoundHeader, lines: readonly TextLine[], rules: readonly Rule[], settings: Settings['table']): FoundHeader {
  const x0 = Math.min(...header.columns.map((c) => c.x0)), x1 = Math.max(...header.columns.map((c) => c.x1));
  const firstLine = lines[header.first]!;
  const ys = [...new Set(rules.filter((r) => r.orientation === 'h' && r.at > firstLine.y1 - 1 && r.at < header.y0 + settings.headerWindow * TUNING.parse.headerCloseReach).map((r) => r.at))].sort((a, b) => a - b);
  const close = snapValuesWithin(ys, settings.ruleSnap).find((y) => coverAt(rules, y, x0, x1, settings.ruleSnap) >= TUNING.parse.headerCloseRuleCover);
  if (close === undefined) return header;
  // A rule across the table under the header's first line, above its last: what lies below it
  // is the body's first row (a section label broken in the narrow № cell, "Эта" | "п 1.",
  // reads as header words) — the header is cut there where it still reads as one.
  if (close < header.y1) {
    let cut = header.last;
    while (cut > header.first && (lines[cut]!.y0 + lines[cut]!.y1) / 2 > close) cut--;
    return cut < header.last ? (headerOf(lines, header.first, cut, rules, settings) ?? header) : header;
  }
  // The body's column borders under the rule: a phrase across one of them is no label.
  const bodyBorders = verticalRulesIn(rules, close, close + settings.headerWindow, settings.ruleSnap).filter((x) => x > x0 + settings.ruleSnap && x < x1 - settings.ruleSnap);
  let last = header.last;
  while (last + 1 < lines.length && (lines[last + 1]!.y0 + lines[last + 1]!.y1) / 2 < close && !opensBody(lines[last + 1]!, header, bodyBorders)) last++;
  if (last === header.last) return header;
  return headerOf(lines, header.first, last, rules, settings) ?? header;
}

/**
 * A line below the header's words that is the body's, however the rules fell: a row number,
 * a section heading ("Раздел 1. Кадровые условия"), or a phrase no label wraps into (a
 * heading centred over the table whose label OCR lost, "Работа с обучающимися и
 * родителями"). Where a photo or scan lost the rule under the header, the first rule found is
 * the one under such a line, and the header would swallow it.
 */
function opensBody(l: TextLine, header: FoundHeader, borders: readonly number[]): boolean {
  if (numberedOrHeading(l)) return true;
  // Label words: the second line of "№ / п/п", "Форма / отчётности", a two-level header's lower row.
  if (headerShare(l) >= 0.34) return false;
  return phrases(l.words).some((p) => !wrapsInto(p, header.columns, borders));
}

/**
 * Runs of words a space apart: a cell's text, not two cells'. A space is a third of the text's
 * height or so; two cells' texts stand their paddings apart, more than half of it.
 */
function phrases(words: readonly Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const out: Word[][] = [];
  for (const w of sorted) {
    const run = out.at(-1);
    const prev = run?.at(-1);
    if (run && prev && w.bbox.x0 - prev.bbox.x1 < (prev.bbox.y1 - prev.bbox.y0) / 2) run.push(w);
    else out.push([w]);
  }
  return out;
}

/**
 * Whether a phrase can be the wrapped rest of a label above it. A label wraps inside its
 * cell, so its rest overlaps the label (left-aligned, centred or right-aligned alike), stays
 * within one label and one body column, and is no wider than the label's line plus the word
 * that did not fit on it: a rest whose first word would have fitted on the label's line was
 * never wrapped.
 */
function wrapsInto(phrase: readonly Word[], columns: readonly PageColumn[], borders: readonly number[]): boolean {
  const x0 = phrase[0]!.bbox.x0, x1 = phrase.at(-1)!.bbox.x1;
  if (borders.some((x) => x > x0 && x < x1)) return false;
  const labels = columns.filter((c) => Math.min(c.x1, x1) - Math.max(c.x0, x0) > 0);
  if (phrase.some((w) => columns.filter((c) => Math.min(c.x1, w.bbox.x1) - Math.max(c.x0, w.bbox.x0) > 0).length >= 2)) return false;
  if (labels.length !== 1) return false;
  const first = phrase[0]!.bbox;
  const space = (first.y1 - first.y0) / 3;
  return x1 - x0 < labels[0]!.x1 - labels[0]!.x0 + space + (first.x1 - first.x0);
}

function snapValuesWithin(sorted: readonly number[], snap: number): number[] {
  const out: number[] = [];
  for (const y of sorted) if (out.length === 0 || y - out.at(-1)! > snap) out.push(y);
  return out;
}

/** A number with its stop («1.», «2.3.»): a row's or a section label's, never a header label's. */
function holdsItemNumber(l: TextLine): boolean {
  return l.words.some((w) => /^\d{1,2}(\.\d{1,2})*\.$/.test(w.text));
}

/**
 * A line no header label is: a row number opens it, or it reads as a section heading (the
 * first of a borderless table, "Раздел 1. Диагностика", OCR's "Г." for I.).
 */
function numberedOrHeading(l: TextLine): boolean {
  const text = l.words.map((w) => w.text).join(' ');
  return ROW_START.test(l.words[0]?.text ?? '') || ROW_START.test(text) || SECTION_TEXT.test(text) || OCR_ROMAN_START.test(text) || opensBrokenLabel(l);
}

/**
 * «Разд» | «Кадровые условия», «ел 1.» below: a section label word broken in a narrow № cell,
 * beside its title — the head of the word, capitalised, opening a line that goes on.
 */
function opensBrokenLabel(l: TextLine): boolean {
  const first = [...l.words].sort((a, b) => a.bbox.x0 - b.bbox.x0)[0]?.text ?? '';
  return l.words.length >= 2 && /^\p{Lu}\p{Ll}{2,}$/u.test(first) && SECTION_LABEL_WORDS.some((w) => w.length > first.length && w.startsWith(first.toLowerCase()));
}

/** A wrapped header label: in at most two header cells, no row number, no rule above it. */
function continuesHeader(l: TextLine, prev: TextLine, header: FoundHeader, rules: readonly Rule[]): boolean {
  if (numberedOrHeading(l)) return false;
  const cells = new Set<number>();
  for (const w of l.words) {
    const k = header.columns.findIndex((c) => Math.min(c.x1, w.bbox.x1) - Math.max(c.x0, w.bbox.x0) > 0);
    // Signs beside a line of broken label pieces are what OCR made of another label; beside
    // capitalised words («\. Кадровые условия») they are a heading's misread number.
    if (k < 0 && isLabelNoise(w) && wrapsLabels(l, prev)) continue;
    if (k < 0) return false;
    cells.add(k);
  }
  // "п/п" (or the "п" of a wrapped "п/п") under "№" is the label's second line, whatever else
  // wraps beside it ("финансирования", "исполнение"): no body row has it in its number cell.
  const numberCell = header.columns.findIndex((c) => c.role === 'number');
  const numberLabel = numberCell >= 0 && l.words.some((w) => /^(п\/п|п\/?|\/?п)\.?$/i.test(w.text) && header.columns.findIndex((c) => Math.min(c.x1, w.bbox.x1) - Math.max(c.x0, w.bbox.x0) > 0) === numberCell);
  if (cells.size > 2 && !numberLabel && !wrapsLabels(l, prev) && !lowerCaseLabels(l)) return false;
  const left = header.columns[0]!.x0, right = header.columns.at(-1)!.x1;
  // Segments summed: some producers draw each cell's border on its own.
  const ruled = rules.some((r) => r.orientation === 'h' && r.at > prev.y1 - 1 && r.at < l.y0 + 1 && coverAt(rules, r.at, left, right, 0.5) > 0.5);
  return !ruled;
}

/**
 * The line is the header's broken labels running on: every word in lower case, and at least
 * half of them pieces of a label word broken in its narrow cell — the end of the word above
 * («отчётност» | «и», «выполнен» | «ия», «финансир» | «ования»), a word's beginning broken
 * again below («финанси» | «рования»), or a letter or two of a label set down a narrow column
 * («№» over «ме», «ро», «пр», «ия», «ти», «я»). The rest are whole words («результаты» under
 * «Ожидаемые»). No body row is made of such pieces, and a body's first line has a row number,
 * a heading or a capital. Signs OCR made of a label it could not read are passed over.
 */
function wrapsLabels(l: TextLine, prev: TextLine): boolean {
  const dictionary = russianDictionary();
  const words = l.words.filter((w) => !isLabelNoise(w));
  if (words.length === 0 || !words.every((w) => /^\p{Ll}+$/u.test(w.text))) return false;
  let pieces = 0;
  for (const w of words) {
    const above = prev.words.filter((p) => Math.min(p.bbox.x1, w.bbox.x1) - Math.max(p.bbox.x0, w.bbox.x0) > 0 || Math.abs(p.bbox.x0 - w.bbox.x0) < p.bbox.y1 - p.bbox.y0);
    const known = dictionary.knows(w.text);
    if (w.text.length <= MAX_LABEL_PIECE || above.some((p) => dictionary.knows((p.text + w.text).toLowerCase())) || (!known && dictionary.begins(w.text))) pieces++;
    else if (!known) return false;
  }
  return pieces * 2 >= words.length;
}

/**
 * What OCR makes of a label set letter-wise down a narrow cell when it cannot read it
 * («2359352» for «№ мероприятия»): signs without a letter that are no row number.
 */
function isLabelNoise(w: Word): boolean {
  return !/\p{L}/u.test(w.text) && !ROW_START.test(w.text);
}
/**
 * Every word in lower case, brackets aside, and no number: the second line of labels
 * («исполнения», «(действия)», «исполнитель», however OCR garbled them), never a body row's
 * first line, whose activity opens with a capital.
 */
function lowerCaseLabels(l: TextLine): boolean {
  return l.words.length >= 2 && l.words.every((w) => /^\p{Ll}[\p{Ll}-]*$/u.test(w.text.replace(/^[(«"]+|[)»",.;:]+$/gu, '')));
}

/** Letters of a label set down a column too narrow for its word. */
const MAX_LABEL_PIECE = 2;

/** Recomputes column boundaries of a found header against the page's body lines and rules. */
/** Body lines under the header whose rules decide the column boundaries. */
const BODY_PROBE_LINES = 8;

export function headerColumns(
  header: FoundHeader,
  lines: readonly TextLine[],
  rules: readonly Rule[],
  bodyLines: readonly TextLine[],
  settings: Settings['table'],
): PageColumn[] {
  const words = labelWords(header, lines);
  const headerRuleXs = verticalRulesIn(rules, header.y0, header.y1, settings.ruleSnap);
  const bodyTop = bodyLines[0]?.y0 ?? header.y1;
  // The first body lines only: a second table further down the page (indicators under the
  // plan) has borders of its own that are not this table's columns.
  const bodyBottom = bodyLines.slice(0, BODY_PROBE_LINES).at(-1)?.y1 ?? header.y1;
  // Body rules decide the boundaries: header-only rules may belong to a multi-level header.
  const bodyRuleXs = bodyBottom > bodyTop ? verticalRulesIn(rules, bodyTop, bodyBottom, settings.ruleSnap) : headerRuleXs;
  const lineH = lines[header.first]!.y1 - lines[header.first]!.y0;
  const ruleXs = bodyRuleXs.length >= 2 ? bodyRuleXs
    : headerRuleXs.length >= 2 ? headerRuleXs
    : segmentJoinsIn(rules, header.y0 - lineH, Math.max(bodyBottom, header.y1), settings.ruleSnap);
  // The header's words are grouped again within the borders the body shows: a two-level
  // header's upper label that runs over one of them ("Организация исполнения" over
  // "Ответственный" and "Мероприятие", drawn with row rules only) names no one column, and
  // glued to a lower label it would pull its neighbour's column into it.
  const groups = groupHeaderWords(words, ruleXs);
  const cols = columnsFromHeader(groups, ruleXs, bodyLines);
  const roles = mapHeaderRow(cols.map((c) => c.header), settings.minHeaderRoles);
  const named = numberColumnByContent(roles ? cols.map((c, k) => ({ ...c, role: roles[k]! })) : cols, bodyLines);
  return groups.length > 0 ? numberColumnOutside(named, groups[0]!.x0, bodyLines) : named;
}

/**
 * Row numbers set left of every label, parted from the first column's text by white: the №
 * column whose label OCR lost altogether (a «№ мероприятия» set letter-wise down its narrow
 * cell came back as «2359352»), which would otherwise glue each number to the first column's
 * text and leave the rows without numbers to start them. Taken when the words left of the
 * first label that end before the white are nearly all row numbers, and no body word crosses
 * the white.
 */
function numberColumnOutside(cols: PageColumn[], firstLabelX0: number, bodyLines: readonly TextLine[]): PageColumn[] {
  if (cols.some((c) => c.role === 'number') || cols.length === 0) return cols;
  const lines = bodyLines.slice(0, CONTENT_PROBE_LINES);
  const numbers = lines.map((l) => l.words[0]).filter((w): w is Word => w !== undefined && w.bbox.x1 < firstLabelX0 && ROW_START.test(w.text));
  if (numbers.length < MIN_OUTSIDE_NUMBERS) return cols;
  const white = Math.max(...numbers.map((w) => w.bbox.x1));
  const across = lines.filter((l) => l.words.some((w) => w.bbox.x0 < white - 1 && w.bbox.x1 > white + 1)).length;
  if (across > 0) return cols;
  const right = lines.flatMap((l) => l.words).filter((w) => w.bbox.x0 >= white && w.bbox.x0 < firstLabelX0 + (w.bbox.y1 - w.bbox.y0) * 4);
  if (right.length === 0) return cols;
  const cells = lines.map((l) => l.words.filter((w) => w.bbox.x1 <= white).map((w) => w.text).join(' '));
  if (!mostlyRowNumbers(cells)) return cols;
  const border = (white + Math.min(...right.map((w) => w.bbox.x0))) / 2;
  if (border <= cols[0]!.x0) return cols;
  return [{ role: 'number', header: '', x0: cols[0]!.x0, x1: border }, { ...cols[0]!, x0: border }, ...cols.slice(1)];
}
/** Row numbers needed left of the labels before they make a column of their own. */
const MIN_OUTSIDE_NUMBERS = 3;

/** Body lines looked at for what an unnamed column holds: a dozen rows or so. */
const CONTENT_PROBE_LINES = 40;

/**
 * A label OCR garbled past reading ("п/п" read "пт" or "п/л") leaves the № column an extra,
 * and its numbers would be glued to the next cell's text. Its cells say what it is
 * (holdsRowNumbers): an outer column with a short label whose filled cells are row numbers.
 */
function numberColumnByContent(cols: PageColumn[], bodyLines: readonly TextLine[]): PageColumn[] {
  if (cols.some((c) => c.role === 'number')) return cols;
  for (const k of new Set([0, cols.length - 1])) {
    const c = cols[k]!;
    if (c.role !== 'extra') continue;
    const cells = bodyLines.slice(0, CONTENT_PROBE_LINES)
      .map((l) => l.words.filter((w) => (w.bbox.x0 + w.bbox.x1) / 2 >= c.x0 && (w.bbox.x0 + w.bbox.x1) / 2 < c.x1))
      .filter((ws) => ws.length > 0)
      .map((ws) => ws.map((w) => w.text).join(' '));
    if (holdsRowNumbers(c.header, cells)) return cols.map((x, i) => (i === k ? { ...x, role: 'number' } : x));
  }
  return cols;
}

/**
 * A header repeated at the top of a continuation page: leading lines made of the first
 * header's words. Matching against the known header (rather than keywords) keeps body text
 * such as "результатами" out of the band.
 */
export function findRepeatedHeader(lines: readonly TextLine[], first: FoundHeader, firstLines: readonly TextLine[]): { last: number; y1: number } | null {
  const vocab = new Map<string, number>();
  let total = 0;
  for (const l of firstLines.slice(first.first, first.last + 1)) for (const w of l.words) { vocab.set(wordKey(w.text), (vocab.get(wordKey(w.text)) ?? 0) + 1); total++; }
  let matched = 0;
  let last = -1;
  for (let i = 0; i < Math.min(lines.length, first.last - first.first + 3); i++) {
    const words = lines[i]!.words;
    const hits = words.filter((w) => (vocab.get(wordKey(w.text)) ?? 0) > 0).length;
    // OCR reads a label differently on each page ("п/п" once, "пт" the next): most of a
    // line's words, not all, must be the first header's.
    if (hits < words.length * REPEATED_HEADER_LINE_SHARE) break;
    for (const w of words) { const n = vocab.get(wordKey(w.text)) ?? 0; if (n > 0) vocab.set(wordKey(w.text), n - 1); }
    matched += hits;
    last = i;
  }
  return last >= 0 && matched >= total * 0.7 ? { last, y1: lines[last]!.y1 } : null;
}

/** Share of a line's words that must be the first header's for the line to repeat it. */
const REPEATED_HEADER_LINE_SHARE = 0.8;

/**
 * A header word compared by its letters and digits: OCR reads the brackets and stops of a
 * repeated header differently from page to page ("деятельности}" for "деятельности)"), and a
 * label line left unmatched would start the body with header words.
 */
function wordKey(text: string): string {
  const key = text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return key === '' ? text : key;
}
