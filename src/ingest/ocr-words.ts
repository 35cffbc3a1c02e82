import type { BBox, Word } from '../model/index.js';

/** The part of tesseract.js's `blocks` tree we read (v6/v7 return no flat word list). */
export interface TessBBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface TessSymbol {
  text: string;
  confidence: number;
  bbox: TessBBox;
}
export interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBBox;
  symbols?: TessSymbol[] | null;
}
export interface TessLine {
  words?: TessWord[] | null;
}
export interface TessParagraph {
  lines?: TessLine[] | null;
}
export interface TessBlock {
  paragraphs?: TessParagraph[] | null;
}

/** Where a recognised raster sits on the page: pixel offset and resolution. */
export interface PixelFrame {
  dpi: number;
  offsetX: number;
  offsetY: number;
}

/**
 * Characters Tesseract produces for table borders touching or near text (grey remnants of a
 * vertical rule come out as the light quotes too; Russian text quotes with «» and „“).
 */
const BORDER_CHARS = new Set(['|', '¦', '‖', '│', '┃', '[', ']', '‘', '’', '‚', '`']);
/** A word that is nothing but border glyphs or an underscore run (a rule read as text). */
const BORDER_ONLY = /^[|¦‖│┃[\]_]+$/u;

/**
 * Removes table-border remnants: a word made only of border glyphs is dropped (null); border
 * glyphs glued to either end ("|МОУО", "ОУ|") are cut off. Brackets are only cut when
 * unbalanced inside the word, so "[1]" survives.
 */
export function stripBorderGlyphs(text: string): { text: string; cutStart: number; cutEnd: number } | null {
  const chars = [...text];
  if (chars.length === 0 || BORDER_ONLY.test(text)) return null;
  const opens = chars.filter((c) => c === '[').length;
  const closes = chars.filter((c) => c === ']').length;
  const isBorder = (c: string): boolean => BORDER_CHARS.has(c) && !((c === '[' || c === ']') && opens === closes);
  let start = 0;
  let end = chars.length;
  while (start < end && isBorder(chars[start]!)) start++;
  while (end > start && isBorder(chars[end - 1]!)) end--;
  const kept = chars.slice(start, end).join('');
  if (kept.length === 0 || BORDER_ONLY.test(kept)) return null;
  return { text: kept, cutStart: start, cutEnd: chars.length - end };
}

function toPoints(b: TessBBox, f: PixelFrame): BBox {
  const k = 72 / f.dpi;
  const r = (v: number): number => Math.round(v * 100) / 100;
  return { x0: r((b.x0 + f.offsetX) * k), y0: r((b.y0 + f.offsetY) * k), x1: r((b.x1 + f.offsetX) * k), y1: r((b.y1 + f.offsetY) * k) };
}

/** The word's box after cutting glyphs off its ends, from its symbols when they line up. */
function trimmedBox(w: TessWord, cutStart: number, cutEnd: number): TessBBox {
  const symbols = w.symbols ?? [];
  if (cutStart + cutEnd === 0 || symbols.length !== [...w.text].length) return w.bbox;
  const kept = symbols.slice(cutStart, symbols.length - cutEnd);
  if (kept.length === 0) return w.bbox;
  return {
    x0: Math.min(...kept.map((s) => s.bbox.x0)),
    y0: Math.min(...kept.map((s) => s.bbox.y0)),
    x1: Math.max(...kept.map((s) => s.bbox.x1)),
    y1: Math.max(...kept.map((s) => s.bbox.y1)),
  };
}

/**
 * Flattens Tesseract's block tree into model words: boxes from pixels of the recognised
 * raster to PDF points of the page, confidence 0–100 → 0–1, border glyphs removed.
 */
export function wordsFromBlocks(blocks: readonly TessBlock[] | null | undefined, frame: PixelFrame): Word[] {
  const out: Word[] = [];
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs ?? []) {
      for (const line of para.lines ?? []) {
        const words: { w: TessWord; text: string; box: TessBBox }[] = [];
        for (const w of line.words ?? []) {
          const raw = w.text.trim();
          if (raw.length === 0) continue;
          const stripped = stripBorderGlyphs(raw);
          if (stripped === null) continue;
          words.push({ w, text: stripped.text, box: trimmedBox(w, stripped.cutStart, stripped.cutEnd) });
        }
        const band = lineBand(words.map((x) => x.box));
        for (const { w, text, box } of words) {
          const y0 = band ? Math.max(box.y0, band.y0) : box.y0, y1 = band ? Math.min(box.y1, band.y1) : box.y1;
          out.push({
            text,
            // A word lying wholly outside its line's band keeps its box: there is nothing to trim to.
            bbox: toPoints(y1 > y0 ? { ...box, y0, y1 } : box, frame),
            conf: Math.max(0, Math.min(1, w.confidence / 100)),
            bold: false,
          });
        }
      }
    }
  }
  return out;
}

/**
 * How far a word's box may reach above or below its line's typical band, in line heights:
 * brackets, descenders and accents stay inside.
 */
const LINE_BAND_SLACK = 0.35;

/**
 * The vertical band a line's words share, from the medians of their tops and bottoms. A line
 * Tesseract ran into the ink of the line below (a bold 9-pt header right under a title) gives
 * some words boxes reaching down over that line: they would hide its ink from the second
 * reading and merge the two lines. Null for lines of fewer than three words.
 */
function lineBand(boxes: readonly TessBBox[]): { y0: number; y1: number } | null {
  if (boxes.length < 3) return null;
  const mid = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const y0 = mid(boxes.map((b) => b.y0)), y1 = mid(boxes.map((b) => b.y1));
  const slack = LINE_BAND_SLACK * (y1 - y0);
  return { y0: y0 - slack, y1: y1 + slack };
}

/** Mean confidence of the words weighted by their length (long words dominate reading). */
export function meanConfidence(words: readonly Word[]): number {
  let sum = 0;
  let n = 0;
  for (const w of words) {
    const len = [...w.text].length;
    sum += w.conf * len;
    n += len;
  }
  return n === 0 ? 0 : sum / n;
}
