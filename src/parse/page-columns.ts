import type { ColumnRole, Rule, Word } from '../model/index.js';
import { roleOfHeader } from './header-roles.js';
import { TUNING } from '../settings.js';
import { CAPITALISED, SECTION_TEXT } from './grid.js';
import { withoutSpecks, type TextLine } from './text-lines.js';

/** A table column on the page: its role, header text and x extent (points). */
export interface PageColumn {
  role: ColumnRole;
  header: string;
  x0: number;
  x1: number;
}

/**
 * Words of one header line closer than this many word heights belong to one cell. A space is
 * 0.3–0.7 of the height (more when a text layer's run widths are interpolated); the gap
 * between two columns' labels is padding on both sides plus centring slack, well above one.
 */
const HEADER_WORD_GAP = 1.0;
/**
 * Past this many heights, a gap before a capitalised word parts two labels however far below
 * HEADER_WORD_GAP: a label goes on in lower case ("Перечень мероприятий" | "Примечание" with a
 * narrow cell padding between them, as LibreOffice sets a left-aligned label that fills its cell).
 */
const CAPITAL_LABEL_GAP = 0.6;

interface Group {
  x0: number;
  x1: number;
  words: Word[];
}

/**
 * Header words grouped into header cells: words on one line closer than a space join;
 * groups on different lines that overlap horizontally are one (centred multi-line headers).
 * Where vertical rules cross the header band they are hard limits a group cannot cross.
 */
export function groupHeaderWords(allWords: readonly Word[], ruleXs: readonly number[]): Group[] {
  // A speck OCR read as a mark ("›") is no label: as a group of its own it would make a column.
  // Nor is a stroke standing taller than wide that it read as a dash ("№ — Мероприятие"):
  // the piece of a column border left between two labels, which it would glue together.
  const words = withoutSpecks(allWords).filter((w) => !(/^[—–\-|]$/u.test(w.text) && w.bbox.x1 - w.bbox.x0 < 0.5 * (w.bbox.y1 - w.bbox.y0)));
  const h = median(words.map((w) => w.bbox.y1 - w.bbox.y0));
  const cellOf = (x: number) => ruleXs.filter((r) => r < x).length;
  const nextTo = (o: Word, w: Word) => {
    if (!sameLine(o, w) || numberSignApart(o, w)) return false;
    const gap = gapBetween(o, w);
    const right = o.bbox.x0 <= w.bbox.x0 ? w : o;
    return gap < HEADER_WORD_GAP * h && !(gap > CAPITAL_LABEL_GAP * h && CAPITALISED.test(right.text));
  };
  let groups: Group[] = [];
  const byLine = [...words].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  for (const w of byLine) {
    // A label laid across a column border is the merged upper cell of a two-level header
    // ("Исполнение" over "Ответственные" | "Сроки"): it names no one column.
    if (ruleXs.some((x) => w.bbox.x0 < x - 2 && w.bbox.x1 > x + 2)) continue;
    const cx = (w.bbox.x0 + w.bbox.x1) / 2;
    const g = groups.find((g) =>
      cellOf((g.x0 + g.x1) / 2) === cellOf(cx) &&
      (overlaps(g, w.bbox.x0, w.bbox.x1) || g.words.some((o) => nextTo(o, w))));
    if (g) addTo(g, w);
    else groups.push({ x0: w.bbox.x0, x1: w.bbox.x1, words: [w] });
  }
  // Merging can make groups overlap that did not before: repeat until stable. A word taken by
  // the label above it that it overlaps still joins its neighbour on its own line ("Срок
  // реализации" under a wider "Организация исполнения").
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i]!, b = groups[j]!;
        if (cellOf((a.x0 + a.x1) / 2) === cellOf((b.x0 + b.x1) / 2) && (overlaps(a, b.x0, b.x1) || a.words.some((o) => b.words.some((w) => nextTo(o, w))))) {
          for (const w of b.words) addTo(a, w);
          groups.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  groups = groups.flatMap((g) => splitSpanningLabels(g, h)).sort((a, b) => a.x0 - b.x0);
  return groups;
}

/**
 * Cells glued together by words that overlap or run close, told apart by a line below them
 * that is set a column gap apart:
 * - the upper row of a two-level header drawn without column borders: a label set over two
 *   lower labels ("Организация исполнения" over "Период" and "Показатель") overlaps both. A
 *   label above that runs across the gap between two labels of their own (capitalised) names
 *   no one column, as where rules cross it, and is left out. Only a label above counts: the
 *   upper row of such a header is on top, while a wrapped label's lower line may sit under a
 *   gap OCR left inside a label's first line.
 * - labels of narrow columns whose first lines run as close as a space ("Источни
 *   Ответственны", words the producer broke to fit): their wrapped ends below ("к", "е за")
 *   are set apart where the line above has that space, and the cells part there.
 */
function splitSpanningLabels(g: Group, h: number): Group[] {
  const lines = linesOf(g.words);
  for (let li = 1; li < lines.length; li++) {
    const cells = clustersOf(lines[li]!, h);
    if (cells.length < 2) continue;
    const above = lines.slice(0, li).flatMap((l) => clustersOf(l, h));
    const cuts: number[] = [];
    const dropped = new Set<Word>();
    for (let k = 0; k + 1 < cells.length; k++) {
      const a = cells[k]!.x1, b = cells[k + 1]!.x0;
      const spanning = opensLabel(cells[k]!) && opensLabel(cells[k + 1]!) ? above.filter((c) => c.x0 < a && c.x1 > b) : [];
      if (spanning.length > 0) {
        for (const c of spanning) for (const w of c.words) dropped.add(w);
        cuts.push((a + b) / 2);
        continue;
      }
      const space = above.flatMap((c) => spacesOf(c)).find((sp) => sp.a >= a && sp.b <= b);
      if (space) cuts.push((space.a + space.b) / 2);
    }
    if (cuts.length === 0) continue;
    const parts: Word[][] = cuts.map(() => []).concat([[]]);
    for (const w of g.words) {
      if (dropped.has(w)) continue;
      const cx = (w.bbox.x0 + w.bbox.x1) / 2;
      parts[cuts.filter((x) => cx > x).length]!.push(w);
    }
    const kept = parts.filter((p) => p.length > 0);
    // Cuts that leave every word on one side part nothing: try the next line.
    if (kept.length < 2 && dropped.size === 0) continue;
    return kept.flatMap((p) => splitSpanningLabels(groupOf(p), h));
  }
  return [g];
}

/** The spaces between a run's words. */
function spacesOf(c: Group): { a: number; b: number }[] {
  return c.words.slice(1).map((w, k) => ({ a: c.words[k]!.bbox.x1, b: w.bbox.x0 }));
}

const opensLabel = (c: Group): boolean => /^[\p{Lu}№]/u.test(c.words[0]!.text);

function linesOf(words: readonly Word[]): Word[][] {
  const lines: Word[][] = [];
  for (const w of [...words].sort((a, b) => a.bbox.y0 - b.bbox.y0)) {
    const line = lines.find((l) => sameLine(l[0]!, w));
    if (line) line.push(w);
    else lines.push([w]);
  }
  return lines;
}

/** One line's words in runs closer than a column gap. */
function clustersOf(line: readonly Word[], h: number): Group[] {
  const out: Group[] = [];
  for (const w of [...line].sort((a, b) => a.bbox.x0 - b.bbox.x0)) {
    const last = out.at(-1);
    if (last && w.bbox.x0 - last.x1 < HEADER_WORD_GAP * h && !numberSignApart(last.words.at(-1)!, w)) addTo(last, w);
    else out.push({ x0: w.bbox.x0, x1: w.bbox.x1, words: [w] });
  }
  return out;
}

function groupOf(words: readonly Word[]): Group {
  const g: Group = { x0: Infinity, x1: -Infinity, words: [] };
  for (const w of words) addTo(g, w);
  return g;
}

/**
 * "№" (or "№ п/п") left-aligned in a narrow column sits closer to the next column's label
 * than a column gap: it is a label of its own when a capitalised label follows ("№
 * Мероприятие"), not when a lower-case word completes it ("№ мероприятия").
 */
function numberSignApart(a: Word, b: Word): boolean {
  const [left, right] = a.bbox.x0 <= b.bbox.x0 ? [a, b] : [b, a];
  if (NUMBER_LABEL.test(right.text)) return false;
  // "п/п" ("по порядку") closes the number's label: a word after it, whatever its case, is
  // the next column's ("п/п" over "выполнении" of "Отметка о выполнении" beside it). So does
  // "п/" when the narrow cell wrapped the last letter to a line of its own.
  return (NUMBER_LABEL.test(left.text) && /^\p{Lu}/u.test(right.text)) || IN_ORDER.test(left.text);
}
const IN_ORDER = /^(№\s*)?п\/(п\.?)?$/i;
const NUMBER_LABEL = /^(№|n|no|№п\/п|п\/п|пп)\.?$/i;

function addTo(g: Group, w: Word): void {
  g.words.push(w);
  g.x0 = Math.min(g.x0, w.bbox.x0);
  g.x1 = Math.max(g.x1, w.bbox.x1);
}
const overlaps = (g: { x0: number; x1: number }, x0: number, x1: number) => Math.min(g.x1, x1) - Math.max(g.x0, x0) > 0;
// Against the lower of the two: OCR gives a two-line label read as one line ("Ответственные",
// "выполнение") boxes twice as tall as a short word of it ("за") set between them.
const sameLine = (a: Word, b: Word) => Math.min(a.bbox.y1, b.bbox.y1) - Math.max(a.bbox.y0, b.bbox.y0) > 0.5 * Math.min(a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0);
const gapBetween = (a: Word, b: Word) => Math.max(b.bbox.x0 - a.bbox.x1, a.bbox.x0 - b.bbox.x1);

export function groupText(g: Group): string {
  return linesOf(g.words).map((l) => l.sort((a, b) => a.bbox.x0 - b.bbox.x0).map((w) => w.text).join(' ')).join(' ')
    .replace(/(\p{L})- (\p{Ll})/gu, '$1$2').replace(/\s+/g, ' ').trim();
}

/**
 * Column boundaries for a table whose header cells are `groups`. Between two neighbouring
 * header cells the boundary is a vertical rule when one runs there (lattice); otherwise the
 * x in between that the fewest body lines cover (the white "river" of a stream table).
 */
export function columnsFromHeader(
  headerGroups: readonly Group[],
  verticalRuleXs: readonly number[],
  bodyLines: readonly TextLine[],
): PageColumn[] {
  const groups = splitAtRivers(headerGroups, verticalRuleXs, bodyLines);
  const boundsFrom = (lines: readonly TextLine[]) => {
    const out: number[] = [];
    for (let i = 0; i + 1 < groups.length; i++) {
      const a = groups[i]!, b = groups[i + 1]!;
      const lo = (a.x0 + a.x1) / 2, hi = (b.x0 + b.x1) / 2;
      const rule = verticalRuleXs.filter((x) => x > a.x1 - 1 && x < b.x0 + 1);
      if (rule.length > 0) out.push(rule.reduce((p, x) => (Math.abs(x - (a.x1 + b.x0) / 2) < Math.abs(p - (a.x1 + b.x0) / 2) ? x : p)));
      else out.push(river(lines, lo, hi, a.x1, b.x0));
    }
    return out;
  };
  // Numbered headings ("1.   Диагностика и мониторинг", the title centred over the columns)
  // cover the white between columns with their words: the rivers are read without them.
  const riverLines = bodyLines.filter((l) => !isHeadingPhrase(l));
  let bounds = boundsFrom(riverLines.length > 0 ? riverLines : bodyLines);
  // A section heading set across the columns covers the white between them with its own words,
  // and the white beside it then passes for the river. Where a boundary so found cuts through a
  // word of a line set out in cells (a body row's), it is read again without the lines that run
  // as one phrase over two or more of the boundaries.
  const headings = bodyLines.filter((l) => phraseCrossings(l, bounds) >= 2 || isHeadingPhrase(l));
  const rows = bodyLines.filter((l) => !headings.includes(l));
  const cuts = (b: number) => rows.some((l) => setOut(l) && l.words.some((w) => w.bbox.x0 < b - 2 && w.bbox.x1 > b + 2));
  if (headings.length > 0 && rows.length > 0 && bounds.some(cuts)) {
    const again = boundsFrom(rows);
    bounds = bounds.map((b, i) => (cuts(b) ? again[i]! : b));
  }
  const left = verticalRuleXs.filter((x) => x < (groups[0]?.x0 ?? 0) + 1);
  const right = verticalRuleXs.filter((x) => x > (groups.at(-1)?.x1 ?? 0) - 1);
  const xs = [left.length ? Math.max(...left) : -Infinity, ...bounds, right.length ? Math.min(...right) : Infinity];
  const named: PageColumn[] = groups.map((g, i) => {
    const header = groupText(g);
    return { role: roleOfHeader(header) ?? 'extra', header, x0: xs[i]!, x1: xs[i + 1]! };
  });
  return withUnnamedCells(named, verticalRuleXs, bodyLines);
}

/**
 * Cells between two rules that no label names but the body fills: a «№» column whose label
 * was left blank, kept as a column of its own (unnamed, so the content decides its role)
 * rather than read into its neighbour's text ("1. Утверждено …" as the activity).
 */
function withUnnamedCells(cols: PageColumn[], ruleXs: readonly number[], bodyLines: readonly TextLine[]): PageColumn[] {
  const out = [...cols];
  for (let i = 0; i + 1 < ruleXs.length; i++) {
    const x0 = ruleXs[i]!, x1 = ruleXs[i + 1]!;
    if (cols.some((c) => Math.min(c.x1, x1) - Math.max(c.x0, x0) > 0)) continue;
    const filled = bodyLines.some((l) => l.words.some((w) => w.bbox.x0 >= x0 && w.bbox.x1 <= x1));
    if (filled) out.push({ role: 'extra', header: '', x0, x1 });
  }
  return out.sort((a, b) => a.x0 - b.x0);
}

/** Header groups parted where the body's white rivers run under them (see splitAtRiver). */
export function splitAtRivers(groups: readonly Group[], ruleXs: readonly number[], bodyLines: readonly TextLine[]): Group[] {
  return joinUnruledNeighbours(groups.flatMap((g) => splitAtRiver(g, ruleXs, bodyLines)), ruleXs);
}

/**
 * One header group over two columns of the body: the body's words leave a white river inside
 * it, with text on both sides. Labels of neighbouring columns set closer than a word gap (or a
 * long word run past its cell) group together; the body, which fills its columns, shows where
 * they part. A ruled column border would have parted them already, so only unruled gaps count.
 */
function splitAtRiver(g: Group, ruleXs: readonly number[], bodyLines: readonly TextLine[]): Group[] {
  const cfg = TUNING.parse.headerRiver;
  if (g.words.length < 2 || ruleXs.some((x) => x > g.x0 && x < g.x1)) return [g];
  // Section headings run across the table, over every river: they say nothing of columns. A
  // row set out in cells ("2.   Анализ результатов …") only reads like one.
  const lines = bodyLines.slice(0, cfg.probeLines).filter((l) => l.words.some((w) => w.bbox.x1 > g.x0 && w.bbox.x0 < g.x1) && (setOut(l) || !SECTION_TEXT.test(l.words.map((w) => w.text).join(' '))));
  if (lines.length < cfg.minLines) return [g];
  const step = 0.5;
  const n = Math.ceil((g.x1 - g.x0) / step);
  const cover = new Array<number>(n + 1).fill(0);
  for (const l of lines) {
    const hit = new Array<boolean>(n + 1).fill(false);
    for (const w of l.words) {
      const a = Math.max(0, Math.floor((w.bbox.x0 - g.x0) / step)), b = Math.min(n, Math.ceil((w.bbox.x1 - g.x0) / step));
      for (let k = a; k <= b; k++) hit[k] = true;
    }
    hit.forEach((h, k) => { if (h) cover[k]!++; });
  }
  const maxCover = Math.floor(cfg.maxCoverShare * lines.length);
  const rivers: { a: number; b: number; side: number }[] = [];
  for (let k = 0; k <= n; ) {
    if (cover[k]! > maxCover) { k++; continue; }
    let e = k;
    while (e + 1 <= n && cover[e + 1]! <= maxCover) e++;
    const a = g.x0 + k * step, b = g.x0 + e * step;
    k = e + 1;
    if (b - a < cfg.minWidth || a <= g.x0 || b >= g.x1) continue;
    const left = lines.filter((l) => l.words.some((w) => w.bbox.x1 <= a + step && w.bbox.x1 > g.x0)).length;
    const right = lines.filter((l) => l.words.some((w) => w.bbox.x0 >= b - step && w.bbox.x0 < g.x1)).length;
    const side = Math.min(left, right);
    if (side >= cfg.minSideShare * lines.length) rivers.push({ a, b, side });
  }
  // The clearest river that has header words on both sides: one with all of them on one side
  // (a label running past its own column) says nothing of how the labels part.
  for (const river of rivers.sort((x, y) => y.side - x.side)) {
    const cut = (river.a + river.b) / 2;
    // A word run over the river, wider than its narrow column («мероприятия» under «№»), goes
    // with the label on another line it lies under or over the most, not by its middle.
    const over = (a: Word, b: Word) => Math.max(0, Math.min(a.bbox.x1, b.bbox.x1) - Math.max(a.bbox.x0, b.bbox.x0));
    const straddles = (w: Word) => w.bbox.x0 < cut && w.bbox.x1 > cut;
    const leftOf = (w: Word): boolean => {
      if (!straddles(w)) return (w.bbox.x0 + w.bbox.x1) / 2 < cut;
      const stacked = g.words.filter((o) => o !== w && !straddles(o) && !sameLine(o, w) && over(o, w) > 0);
      if (stacked.length === 0) return (w.bbox.x0 + w.bbox.x1) / 2 < cut;
      const most = stacked.reduce((p, o) => (over(o, w) > over(p, w) ? o : p));
      return (most.bbox.x0 + most.bbox.x1) / 2 < cut;
    };
    const left = g.words.filter(leftOf);
    const right = g.words.filter((w) => !leftOf(w));
    if (left.length === 0 || right.length === 0) continue;
    const part = (words: Word[]): Group => ({ x0: Math.min(...words.map((w) => w.bbox.x0)), x1: Math.max(...words.map((w) => w.bbox.x1)), words });
    return [part(left), part(right)].flatMap((p) => splitAtRiver(p, ruleXs, bodyLines));
  }
  return [g];
}

/**
 * In a ruled table, two header labels with no rule between them, where rules part most other
 * neighbours, are one cell's words set apart: a long label OCR read with a wide gap
 * ("Мероприятие (содержание   деятельности)"). A river boundary there would cut the column
 * in two and make every body line cross it. Where few gaps are ruled (a frame only, a partly
 * ruled table) the labels stay apart and the river decides.
 */
function joinUnruledNeighbours(groups: readonly Group[], ruleXs: readonly number[]): Group[] {
  const ruled = (a: Group, b: Group) => ruleXs.some((x) => x > a.x1 - 1 && x < b.x0 + 1);
  let ruledGaps = 0;
  for (let i = 0; i + 1 < groups.length; i++) if (ruled(groups[i]!, groups[i + 1]!)) ruledGaps++;
  const gaps = groups.length - 1;
  if (ruledGaps < 2 || ruledGaps * 2 <= gaps) return [...groups];
  // Two labels that each name a different column («Содержание мероприятия» | «Ответственные
  // исполнители») are two columns whatever the rules: the border between them was lost (a
  // photo's slanted or faint line), not a gap inside one label.
  const roleOf = (g: Group) => roleOfHeader(groupText(g));
  const out: Group[] = [];
  for (const g of groups) {
    const last = out.at(-1);
    const named = last ? [roleOf(last), roleOf(g)] : [];
    const twoColumns = named[0] != null && named[1] != null && named[0] !== named[1];
    if (last && !ruled(last, g) && !twoColumns) out[out.length - 1] = { x0: Math.min(last.x0, g.x0), x1: Math.max(last.x1, g.x1), words: [...last.words, ...g.words] };
    else out.push(g);
  }
  return out;
}

/**
 * A numbered section heading: worded as one ("1. Диагностика …", "Раздел 2. …") and, after
 * its number (which may stand apart in the № cell), one phrase. A row set out in cells
 * ("2.   Анализ результатов   II квартал …") only opens like one.
 */
function isHeadingPhrase(l: TextLine): boolean {
  if (!SECTION_TEXT.test(l.words.map((w) => w.text).join(' '))) return false;
  const rest = l.words.slice(1);
  return rest.length === 0 || !setOut({ ...l, words: rest });
}

/** Words of the line set apart by more than a space: cells of a row, not one phrase. */
function setOut(l: TextLine): boolean {
  const h = median(l.words.map((w) => w.bbox.y1 - w.bbox.y0));
  return l.words.some((w, i) => i > 0 && w.bbox.x0 - l.words[i - 1]!.bbox.x1 >= 1.5 * h);
}

/** Boundaries a line's text runs over: a word across one, or two words a space apart astride it. */
function phraseCrossings(l: TextLine, bounds: readonly number[]): number {
  const h = median(l.words.map((w) => w.bbox.y1 - w.bbox.y0));
  return bounds.filter((b) => l.words.some((w, i) => {
    if (w.bbox.x0 < b - 2 && w.bbox.x1 > b + 2) return true;
    const n = l.words[i + 1];
    return n !== undefined && w.bbox.x1 <= b + 2 && n.bbox.x0 >= b - 2 && n.bbox.x0 - w.bbox.x1 < 0.6 * h;
  })).length;
}

function river(lines: readonly TextLine[], lo: number, hi: number, aRight: number, bLeft: number): number {
  const step = 0.5;
  const n = Math.max(1, Math.ceil((hi - lo) / step));
  const cover = new Array<number>(n + 1).fill(0);
  for (const l of lines) {
    for (const w of l.words) {
      if (w.bbox.x1 < lo || w.bbox.x0 > hi) continue;
      const a = Math.max(0, Math.floor((w.bbox.x0 - lo) / step));
      const b = Math.min(n, Math.ceil((w.bbox.x1 - lo) / step));
      for (let k = a; k <= b; k++) cover[k]!++;
    }
  }
  const min = Math.min(...cover);
  // Among the least-covered positions, take the middle of the widest run; prefer runs that
  // lie between the two header cells' facing edges, where the boundary must be.
  let best = { start: 0, len: -1, score: -Infinity };
  for (let k = 0; k <= n; ) {
    if (cover[k] !== min) { k++; continue; }
    let e = k;
    while (e + 1 <= n && cover[e + 1] === min) e++;
    const mid = lo + ((k + e) / 2) * step;
    const inside = mid >= Math.min(aRight, bLeft) - 2 && mid <= Math.max(aRight, bLeft) + 2 ? 1 : 0;
    const score = (e - k + 1) + inside * 1000;
    if (score > best.score) best = { start: k, len: e - k + 1, score };
    k = e + 1;
  }
  return lo + (best.start + (best.len - 1) / 2) * step;
}

/** x positions of vertical rules, snapped together, that overlap the band y0..y1. */
export function verticalRulesIn(rules: readonly Rule[], y0: number, y1: number, snap: number): number[] {
  const xs = rules
    .filter((r) => r.orientation === 'v' && Math.min(r.to, y1) - Math.max(r.from, y0) > Math.min(4, (y1 - y0) / 2))
    .map((r) => r.at)
    .sort((a, b) => a - b);
  return snapValues(xs, snap);
}

/**
 * Column borders a table drawn with row rules only still shows: browser engines draw each
 * cell's bottom border as its own segment, so the segments of one rule meet at the column
 * boundaries. x positions where segments meet (and the outer ends of those rules), kept when
 * at least half of the segmented rules in y0..y1 show them.
 */
export function segmentJoinsIn(rules: readonly Rule[], y0: number, y1: number, snap: number): number[] {
  const hs = rules.filter((r) => r.orientation === 'h' && r.at >= y0 && r.at <= y1).sort((a, b) => a.at - b.at || a.from - b.from);
  const lines: Rule[][] = [];
  for (const r of hs) {
    const l = lines.at(-1);
    if (l && Math.abs(l[0]!.at - r.at) <= snap) l.push(r);
    else lines.push([r]);
  }
  const joins: number[][] = [];
  for (const segs of lines) {
    if (segs.length < 2) continue;
    const xs: number[] = [];
    for (let i = 0; i + 1 < segs.length; i++) if (Math.abs(segs[i + 1]!.from - segs[i]!.to) <= snap) xs.push((segs[i]!.to + segs[i + 1]!.from) / 2);
    if (xs.length) joins.push([segs[0]!.from, ...xs, segs.at(-1)!.to]);
  }
  if (joins.length < 2) return [];
  const all = snapValues(joins.flat().sort((a, b) => a - b), snap);
  return all.filter((x) => joins.filter((j) => j.some((v) => Math.abs(v - x) <= snap)).length >= joins.length / 2);
}

/** Share of [x0, x1] that horizontal rules at height y cover (cell-by-cell segments summed). */
export function coverAt(rules: readonly Rule[], y: number, x0: number, x1: number, snap: number): number {
  const segs = rules
    .filter((r) => r.orientation === 'h' && Math.abs(r.at - y) <= snap)
    .map((r) => [Math.max(r.from, x0), Math.min(r.to, x1)] as const)
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0, reach = x0;
  for (const [a, b] of segs) {
    if (b <= reach) continue;
    covered += b - Math.max(a, reach);
    reach = b;
  }
  return x1 > x0 ? covered / (x1 - x0) : 0;
}

export function snapValues(sorted: readonly number[], snap: number): number[] {
  const out: number[] = [];
  let run: number[] = [];
  for (const x of sorted) {
    if (run.length && x - run[run.length - 1]! > snap) {
      out.push(run.reduce((a, b) => a + b, 0) / run.length);
      run = [];
    }
    run.push(x);
  }
  if (run.length) out.push(run.reduce((a, b) => a + b, 0) / run.length);
  return out;
}

/** The q-quantile (0..1) of xs, or null when there are none. */
export function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 10;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A boundary and a vertical rule closer than this (pt) are the same line. */
const RULE_MATCH_PT = 3;

/**
 * The header page's columns moved onto another page of the same table. Text-layer pages put
 * the table at the same place on every page; scans do not (each sheet lies differently on
 * the glass), so the boundaries are registered to the page's own vertical rules: the shift
 * that lines up most boundaries with rules, then each boundary snapped to its rule. With too
 * few rules to agree on a shift, the columns are kept as they are.
 */
export function registerColumns(columns: readonly PageColumn[], rules: readonly Rule[], maxShift: number): PageColumn[] {
  const vs = rules.filter((r) => r.orientation === 'v').map((r) => r.at);
  const bounds = [columns[0]!.x0, ...columns.map((c) => c.x1)].filter(Number.isFinite);
  if (vs.length < 2 || bounds.length < 2) return [...columns];
  const matches = (d: number) => bounds.filter((b) => vs.some((v) => Math.abs(v - (b + d)) <= RULE_MATCH_PT)).length;
  let best = { d: 0, n: matches(0) };
  for (const b of bounds) {
    for (const v of vs) {
      const d = v - b;
      if (Math.abs(d) > maxShift) continue;
      const n = matches(d);
      if (n > best.n || (n === best.n && Math.abs(d) < Math.abs(best.d))) best = { d, n };
    }
  }
  // Even unshifted, boundaries are snapped to the page's own rules: a sheet that lies a pt or
  // two off matches every rule at shift 0 yet leaves each boundary beside its border, where a
  // cell's first word, touching the border, reads as text running across it.
  if (best.n < Math.max(2, Math.ceil(bounds.length / 2))) return [...columns];
  const place = (x: number) => {
    if (!Number.isFinite(x)) return x;
    const moved = x + best.d;
    const rule = vs.reduce((p, v) => (Math.abs(v - moved) < Math.abs(p - moved) ? v : p), Infinity);
    return Math.abs(rule - moved) <= RULE_MATCH_PT ? rule : moved;
  };
  return columns.map((c) => ({ ...c, x0: place(c.x0), x1: place(c.x1) }));
}
