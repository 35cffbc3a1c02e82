/**
 * ODS compresses runs of equal cells and rows into one element with
 * table:number-columns-repeated / table:number-rows-repeated, and SheetJS builds a cell object
 * for every repetition of a cell that has content: one element `<table:table-row
 * table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384">
 * <text:p>x</text:p>…` is 17 billion cells from a few hundred bytes. This counts the cells SheetJS
 * would build, reading the markup the way its ODS parser does, so the bomb is refused before it.
 */

/**
 * SheetJS's tag pattern (xlmlregex in its ODS/XLML parser): only tags whose attributes are all
 * double-quoted match; others it skips, and so does this count.
 */
const TAG = /<([/]?)([^\s?><!/:"]*:|)([^\s?<>:/"]+)(?:\s+[^<>=?"'\s]+="[^"]*?")*\s*[/]?>/gm;

/** Element names SheetJS treats as rows and cells (the Chinese ones are UOS's dialect). */
const ROW = new Set(['table-row', '行']);
const CELL = new Set(['table-cell', '数据']);

/**
 * Cells SheetJS would build from an ODS content.xml, or a number above `limit` as soon as the
 * count passes it (the caller refuses the file then).
 */
export function odsExpandedCells(xml: string, limit: number): number {
  // SheetJS strips comments before tokenising; doing the same keeps a tag split by a comment
  // (`<table:table-ce<!-- -->ll …>`) from hiding from this count.
  const text = withoutComments(xml);
  let rowRepeat = 1;
  let cells = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const closing = m[1] === '/';
    const name = (m[3] ?? '').replace(/_[\s\S]*$/, '');
    const tag = m[0];
    if (ROW.has(name)) {
      rowRepeat = closing ? 1 : repeatCount(tag, 'number-rows-repeated');
      if (!Number.isFinite(rowRepeat)) return Number.POSITIVE_INFINITY;
    } else if (CELL.has(name) && !closing) {
      // A self-closing cell is stored once at most (SheetJS skips its repeats); an open one is
      // stored for every repeated column of every repeated row.
      const selfClosing = tag.charAt(tag.length - 2) === '/';
      cells += selfClosing ? 1 : rowRepeat * repeatCount(tag, 'number-columns-repeated');
      if (!(cells <= limit)) return Number.POSITIVE_INFINITY;
    }
  }
  return cells;
}

/**
 * The largest value the attribute is given, read both as SheetJS reads rows (`+value`, so "1e9"
 * and "Infinity" count) and columns (parseInt); at least 1.
 */
function repeatCount(tag: string, attribute: string): number {
  let n = 1;
  const re = new RegExp(`[\\s:]${attribute}="([^"]*)"`, 'g');
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const raw = m[1] ?? '';
    const asNumber = Number(raw);
    const asInt = Number.parseInt(raw, 10);
    if (Number.isNaN(asNumber) && Number.isNaN(asInt)) continue;
    n = Math.max(n, Number.isNaN(asNumber) ? asInt : Number.isNaN(asInt) ? asNumber : Math.max(asNumber, asInt));
  }
  return n;
}

/** Comment removal as SheetJS's str_remove_ng does it: an unclosed comment drops the rest. */
function withoutComments(xml: string): string {
  let at = xml.indexOf('<!--');
  if (at < 0) return xml;
  const out: string[] = [];
  let last = 0;
  while (at >= 0) {
    out.push(xml.slice(last, at));
    const end = xml.indexOf('-->', at + 4);
    if (end < 0) return out.join('');
    last = end + 3;
    at = xml.indexOf('<!--', last);
  }
  out.push(xml.slice(last));
  return out.join('');
}
