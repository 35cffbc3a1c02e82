import type { Word } from '../model/index.js';

/** Words sharing a baseline band, sorted left to right. */
export interface TextLine {
  words: Word[];
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

/**
 * Groups a page's words into horizontal lines. A word joins the line whose vertical centre
 * band it overlaps by more than `mergeRatio` of the smaller height — so cells of one table
 * row, set at the same baseline in different columns, form one line that columns then cut.
 */
export function wordsToLines(words: readonly Word[], mergeRatio: number): TextLine[] {
  const byCentre = (a: Word, b: Word) => (a.bbox.y0 + a.bbox.y1) - (b.bbox.y0 + b.bbox.y1) || a.bbox.x0 - b.bbox.x0;
  // A speck OCR read as a mark ("›", "—" a quarter point high) would set a line's band so thin
  // that words of two lines both overlap it: specks join the lines the words made, last.
  const h = medianWordHeight(words);
  const speck = (w: Word) => isSpeck(w, h);
  const sorted = [...words.filter((w) => !speck(w)).sort(byCentre), ...words.filter(speck).sort(byCentre)];
  const lines: TextLine[] = [];
  for (const w of sorted) {
    const h = w.bbox.y1 - w.bbox.y0;
    let best: TextLine | undefined;
    let bestOverlap = 0;
    // Only the last few lines can overlap a word further down the sorted order (specks, sorted
    // apart, may lie by any of them).
    const from = speck(w) ? 0 : lines.length - 4;
    for (let i = lines.length - 1; i >= 0 && i >= from; i--) {
      const l = lines[i]!;
      const ov = Math.min(l.y1, w.bbox.y1) - Math.max(l.y0, w.bbox.y0);
      const minH = Math.min(h, l.y1 - l.y0);
      if (ov > mergeRatio * minH && ov > bestOverlap) {
        best = l;
        bestOverlap = ov;
      }
    }
    if (best) {
      best.words.push(w);
      best.x0 = Math.min(best.x0, w.bbox.x0);
      best.x1 = Math.max(best.x1, w.bbox.x1);
      // The band stays that of the line's first words: growing it would chain lines together.
    } else {
      lines.push({ words: [w], y0: w.bbox.y0, y1: w.bbox.y1, x0: w.bbox.x0, x1: w.bbox.x1 });
    }
  }
  for (const l of lines) l.words.sort((a, b) => a.bbox.x0 - b.bbox.x0);
  lines.sort((a, b) => a.y0 - b.y0);
  return lines;
}

/** Words lower than this share of the page's median word height are specks, not text. */
const SPECK_SHARE = 0.3;

/** A mark far lower than the words around it (of `typicalHeight`): a speck, not text. */
export const isSpeck = (w: Word, typicalHeight: number): boolean => w.bbox.y1 - w.bbox.y0 < SPECK_SHARE * typicalHeight;

/** The words without specks. */
export function withoutSpecks(words: readonly Word[]): Word[] {
  const h = medianWordHeight(words);
  return words.filter((w) => !isSpeck(w, h));
}

export const lineText = (l: TextLine): string => l.words.map((w) => w.text).join(' ');

/** Median height of words: the page's typical font size, used to scale tolerances. */
export function medianWordHeight(words: readonly Word[]): number {
  if (words.length === 0) return 10;
  const hs = words.map((w) => w.bbox.y1 - w.bbox.y0).sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)]!;
}
