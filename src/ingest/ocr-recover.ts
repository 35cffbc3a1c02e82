import type { Word } from '../model/index.js';
import type { InkMask } from './image-binarize.js';
import { cropGray, type PixelRect } from './image-gray.js';
import type { GrayImage } from './ocr-engine.js';
import { nextSet, quadsOf } from './mask-scan.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.ocrRecover;

/**
 * Finds ink that the page recognition did not turn into words: short items such as row
 * numbers ("1.", "2.3.") in a narrow first column, which Tesseract's layout analysis tends to
 * discard as noise next to table borders. Returns their boxes in pixels.
 */
export function findMissedInk(mask: InkMask, words: readonly Word[]): PixelRect[] {
  const mm = (v: number): number => (v / 25.4) * mask.dpi;
  const cell = Math.max(2, Math.round(mm(D.cellMm)));
  const gw = Math.ceil(mask.width / cell);
  const gh = Math.ceil(mask.height / cell);
  const covered = new Uint8Array(mask.width * mask.height);
  const k = mask.dpi / 72;
  const margin = mm(D.coverMarginMm);
  for (const w of words) {
    const x0 = Math.max(0, Math.floor(w.bbox.x0 * k - margin));
    const x1 = Math.min(mask.width - 1, Math.ceil(w.bbox.x1 * k + margin));
    const y0 = Math.max(0, Math.floor(w.bbox.y0 * k - margin));
    const y1 = Math.min(mask.height - 1, Math.ceil(w.bbox.y1 * k + margin));
    for (let y = y0; y <= y1; y++) covered.fill(1, y * mask.width + x0, y * mask.width + x1 + 1);
  }
  const ink = new Uint16Array(gw * gh);
  const inkCovered = new Uint16Array(gw * gh);
  const data = mask.data;
  const quads = quadsOf(data);
  const cellOf = new Int32Array(mask.width);
  for (let x = 0; x < mask.width; x++) cellOf[x] = Math.floor(x / cell);
  for (let y = 0; y < mask.height; y++) {
    const gy = Math.floor(y / cell) * gw;
    const row = y * mask.width;
    const end = row + mask.width;
    for (let i = nextSet(data, quads, row, end); i < end; i = nextSet(data, quads, i + 1, end)) {
      const g = gy + cellOf[i - row]!;
      ink[g]!++;
      if (covered[i] === 1) inkCovered[g]!++;
    }
  }
  const inked = new Uint8Array(gw * gh);
  for (let g = 0; g < gw * gh; g++) inked[g] = ink[g]! >= D.minCellInk ? 1 : 0;

  // Blobs: cells connected vertically, or horizontally across gaps of up to joinGap.
  const join = Math.max(1, Math.round(mm(D.joinGapMm) / cell));
  const label = new Int32Array(gw * gh).fill(-1);
  const stack: number[] = [];
  const blobs: Array<{ x0: number; y0: number; x1: number; y1: number; ink: number; covered: number }> = [];
  for (let s = 0; s < gw * gh; s++) {
    if (inked[s] === 0 || label[s] !== -1) continue;
    const b = { x0: Infinity, y0: Infinity, x1: -1, y1: -1, ink: 0, covered: 0 };
    label[s] = blobs.length;
    stack.push(s);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % gw;
      const y = (p - x) / gw;
      b.x0 = Math.min(b.x0, x);
      b.x1 = Math.max(b.x1, x);
      b.y0 = Math.min(b.y0, y);
      b.y1 = Math.max(b.y1, y);
      b.ink += ink[p]!;
      b.covered += inkCovered[p]!;
      const visit = (q: number): void => {
        if (inked[q] === 1 && label[q] === -1) {
          label[q] = blobs.length;
          stack.push(q);
        }
      };
      if (y > 0) visit(p - gw);
      if (y < gh - 1) visit(p + gw);
      for (let d = 1; d <= join; d++) {
        if (x - d >= 0) visit(p - d);
        if (x + d < gw) visit(p + d);
      }
    }
    blobs.push(b);
  }

  const out: Array<PixelRect & { ink: number }> = [];
  for (const b of blobs) {
    const width = (b.x1 - b.x0 + 1) * cell;
    const height = (b.y1 - b.y0 + 1) * cell;
    if (b.covered > b.ink * (1 - D.minUncoveredShare)) continue;
    if (height < mm(D.minHeightMm) || height > mm(D.maxHeightMm)) continue;
    if (width < mm(D.minWidthMm) || width > mm(D.maxWidthMm)) continue;
    // Tall thin strokes are rule remnants (a lone "1" is ~4× taller than wide; "1." wider).
    if (height > D.maxAspect * width) continue;
    // Blobs on the raster's edge are scan borders and cut-off content, not text.
    if (b.x0 === 0 || b.y0 === 0 || b.x1 === gw - 1 || b.y1 === gh - 1) continue;
    out.push({ left: b.x0 * cell, top: b.y0 * cell, width, height, ink: b.ink });
  }
  out.sort((p, q) => q.ink - p.ink);
  return out.slice(0, D.maxBlobs).map(({ left, top, width, height }) => ({ left, top, width, height }));
}

/** Where each blob landed in the composite: its span and its origin on the page. */
export interface CompositeSlot {
  left: number;
  right: number;
  /** Page pixel position of the slot's top-left corner. */
  pageX: number;
  pageY: number;
}

/**
 * Lines the blobs up (with padding) into one text line so a single recognition call reads
 * them all: a call has a fixed cost (image transfer, layout analysis) far above that of a
 * blob, and a line is what Tesseract reads best (stacked in a column, the same crops came
 * back as garbage with psm 6). Crops share a bottom line, as text shares a baseline (row
 * numbers, the commonest missed items, have no descenders); centred crops of unequal height
 * made a wavy line that Tesseract read as one garbled word.
 *
 * The crops are drawn from the ink mask (black on pure white): grey crops of paper pasted
 * on a white canvas made Tesseract's global threshold take the paper for ink.
 */
export function buildComposite(mask: InkMask, blobs: readonly PixelRect[]): { image: GrayImage; slots: CompositeSlot[] } {
  const pad = Math.round((D.padMm / 25.4) * mask.dpi);
  // Only the crops are turned into black-on-white, not the whole page (8.7 MP at 300 dpi).
  const crops = blobs.map((b) => {
    const left = Math.max(0, Math.round(b.left - pad));
    const top = Math.max(0, Math.round(b.top - pad));
    const ink = cropGray(mask, { left, top, width: b.width + 2 * pad, height: b.height + 2 * pad });
    return { x: left, y: top, image: { ...ink, data: ink.data.map((v) => (v === 0 ? 255 : 0)) } };
  });
  const gap = Math.round((D.gapMm / 25.4) * mask.dpi);
  const height = Math.max(1, ...crops.map((c) => c.image.height)) + 2 * pad;
  const width = crops.reduce((w, c) => w + c.image.width + gap, gap);
  const data = new Uint8Array(width * height).fill(255);
  const slots: CompositeSlot[] = [];
  let x = gap;
  for (const c of crops) {
    const top = height - pad - c.image.height;
    for (let r = 0; r < c.image.height; r++) {
      data.set(c.image.data.subarray(r * c.image.width, (r + 1) * c.image.width), (top + r) * width + x);
    }
    slots.push({ left: x, right: x + c.image.width, pageX: c.x - x, pageY: c.y - top });
    x += c.image.width + gap;
  }
  return { image: { data, width, height, dpi: mask.dpi }, slots };
}

/** A short, poorly recognised word, worth a second reading. */
export function isDoubtful(w: Word): boolean {
  return w.conf < D.doubtfulBelowConf && [...w.text].length <= D.doubtfulMaxChars;
}

const overlaps = (a: Word, b: Word): boolean =>
  Math.min(a.bbox.x1, b.bbox.x1) > Math.max(a.bbox.x0, b.bbox.x0) && Math.min(a.bbox.y1, b.bbox.y1) > Math.max(a.bbox.y0, b.bbox.y0);

/**
 * Merges second readings into the page's words: a doubtful word is replaced by the
 * rereading that overlaps it when that one is more confident; rereadings of ink no word
 * covered are added.
 */
export function mergeRereadings(words: readonly Word[], rereadings: readonly Word[]): Word[] {
  const out: Word[] = [];
  const used = new Set<Word>();
  for (const w of words) {
    if (!isDoubtful(w)) {
      out.push(w);
      continue;
    }
    const better = rereadings.filter((r) => overlaps(r, w));
    if (better.length > 0 && Math.max(...better.map((r) => r.conf)) > w.conf) {
      for (const r of better) used.add(r);
    } else out.push(w);
  }
  for (const r of rereadings) {
    if (used.has(r)) out.push(r);
    else if (!words.some((w) => overlaps(w, r))) out.push(r);
  }
  return out;
}

/** Confidence per character of a blob's reading (0 when nothing was read). */
export function readingScore(ws: readonly Word[]): number {
  const chars = ws.reduce((n, w) => n + [...w.text].length, 0);
  return chars === 0 ? 0 : ws.reduce((sum, w) => sum + w.conf * [...w.text].length, 0) / chars;
}

/** Words read on the composite, per slot, in page points; doubtful ones and spills dropped. */
export function wordsBySlot(words: readonly Word[], slots: readonly CompositeSlot[], dpi: number): Word[][] {
  const k = dpi / 72;
  const out: Word[][] = slots.map(() => []);
  for (const w of words) {
    if (w.conf < D.minConf) continue;
    const cx = ((w.bbox.x0 + w.bbox.x1) / 2) * k;
    const i = slots.findIndex((s) => cx >= s.left && cx < s.right);
    const slot = slots[i];
    // A word spilling over two slots mixes two blobs: its box would be meaningless.
    if (!slot || w.bbox.x0 * k < slot.left - 2 || w.bbox.x1 * k > slot.right + 2) continue;
    const dx = slot.pageX / k;
    const dy = slot.pageY / k;
    out[i]!.push({ ...w, bbox: { x0: w.bbox.x0 + dx, y0: w.bbox.y0 + dy, x1: w.bbox.x1 + dx, y1: w.bbox.y1 + dy } });
  }
  return out;
}
