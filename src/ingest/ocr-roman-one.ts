import type { Word } from '../model/index.js';
import type { InkMask } from './image-binarize.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.romanOne;

/**
 * Tesseract's Russian model reads a Roman «I.» opening a section heading as «1.»: the Latin
 * letter is rare in its training text. The two differ in shape: the digit's flag reaches left
 * of its stem at the top, while I's top is its stem (sans) or has serifs on both sides
 * (serif). Where a heading number the page's other headings cannot vouch for was read «1.»,
 * the glyph itself is measured, and a top with no flag makes it «I.».
 *
 * Only «1.» opening a phrase set close to a capitalised word («1. Кадровые условия») is
 * looked at — a row number stands apart in its own cell — and only when the glyph is clear:
 * tall enough to measure and standing alone (a blurred «I.» merged with its neighbours says
 * nothing). Measured on the heading numbers of 60 generated photos (two unseen sets): every
 * «1» as printed had its flag clear of the threshold, most «I» had none, and those whose serifs
 * blurred into a flag are left as read; on 212 photos of five sets it changed six numbers, all
 * printed «I.».
 */
export function readRomanOnes(words: readonly Word[], mask: InkMask): Word[] {
  const k = mask.dpi / 72;
  return words.map((w) => {
    if (w.text !== '1.' || !opensHeading(w, words)) return w;
    const flag = flagOf(mask, { x0: w.bbox.x0 * k, y0: w.bbox.y0 * k, x1: w.bbox.x1 * k, y1: w.bbox.y1 * k });
    return flag !== null && flag <= D.maxFlag ? { ...w, text: 'I.' } : w;
  });
}

/** The word opens a phrase whose next word, close on its line, is capitalised. */
function opensHeading(w: Word, words: readonly Word[]): boolean {
  const h = w.bbox.y1 - w.bbox.y0;
  const onLine = (o: Word) => Math.min(o.bbox.y1, w.bbox.y1) - Math.max(o.bbox.y0, w.bbox.y0) > 0.5 * Math.min(h, o.bbox.y1 - o.bbox.y0);
  const gap = D.maxGapToTitle * h;
  const before = words.some((o) => o !== w && onLine(o) && o.bbox.x1 <= w.bbox.x0 + 1 && w.bbox.x0 - o.bbox.x1 < gap);
  if (before) return false;
  const next = words.filter((o) => o !== w && onLine(o) && o.bbox.x0 >= w.bbox.x1 - 1 && o.bbox.x0 - w.bbox.x1 < gap).sort((a, b) => a.bbox.x0 - b.bbox.x0)[0];
  return next !== undefined && /^\p{Lu}\p{Ll}/u.test(next.text);
}

interface Box { x0: number; y0: number; x1: number; y1: number }

/**
 * How far the glyph's top reaches left of its stem more than right of it, over its height
 * (the digit's flag: 0.05–0.16; a plain or serifed I: about 0), or null when the glyph cannot
 * be measured: too small, or run together with what follows.
 */
export function flagOf(mask: InkMask, box: Box): number | null {
  const x0 = Math.max(0, Math.floor(box.x0) - 2), x1 = Math.min(mask.width - 1, Math.ceil(box.x1) + 2);
  const y0 = Math.max(0, Math.floor(box.y0) - 2), y1 = Math.min(mask.height - 1, Math.ceil(box.y1) + 2);
  const ink = (x: number, y: number) => mask.data[y * mask.width + x] !== 0;
  // Columns inked above the baseline's dot: the first run of them is the «1» or «I».
  const top = Math.round(box.y0), dotFree = Math.round(box.y0 + (box.y1 - box.y0) * D.dotFreeShare);
  const inked = (x: number) => { for (let y = Math.max(0, top); y < dotFree; y++) if (ink(x, y)) return true; return false; };
  let gx0 = x0;
  while (gx0 <= x1 && !inked(gx0)) gx0++;
  let gx1 = gx0;
  while (gx1 <= x1 && inked(gx1)) gx1++;
  if (gx0 > x1) return null;
  const rowInked = (y: number) => { for (let x = gx0; x < gx1; x++) if (ink(x, y)) return true; return false; };
  let gy0 = y0;
  while (gy0 < y1 && !rowInked(gy0)) gy0++;
  let gy1 = y1;
  while (gy1 > gy0 && !rowInked(gy1)) gy1--;
  const gh = gy1 - gy0 + 1;
  if (gh < D.minGlyphPx || gx1 - gx0 > D.maxGlyphWidthShare * gh) return null;
  const span = (ya: number, yb: number) => {
    let lo = Infinity, hi = -Infinity;
    for (let y = ya; y < yb; y++) for (let x = gx0; x < gx1; x++) if (ink(x, y)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
    return { lo, hi };
  };
  const head = span(gy0, gy0 + Math.ceil(gh * 0.25));
  const stem = span(gy0 + Math.floor(gh * 0.4), gy0 + Math.ceil(gh * 0.65));
  if (!Number.isFinite(head.lo) || !Number.isFinite(stem.lo)) return null;
  return ((stem.lo - head.lo) - (head.hi - stem.hi)) / gh;
}
