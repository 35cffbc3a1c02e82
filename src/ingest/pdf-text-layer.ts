import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { Word } from '../model/index.js';
import { TUNING } from '../settings.js';
import { Util, type PDFPageProxy } from './pdf-document.js';

type Matrix = [number, number, number, number, number, number];

/** Share of a text-layer line height above the baseline (ascent) used for word boxes. */
const ASCENT = 0.8;
const DESCENT = 0.2;
const BOLD_FONT = /bold|black|heavy|semibold|demi/i;

/**
 * The page's text layer as words in points with a top-left origin (the viewport transform
 * handles /Rotate and crop boxes). pdf.js items are runs of text; they are split at spaces
 * into words whose x positions are interpolated along the run, so a run that a justified
 * line or a tab stretched over two cells still lands its words in the right cells.
 * Call after `getOperatorList()` so fonts are loaded and bold can be read from their names.
 */
export async function pageTextWords(page: PDFPageProxy, viewport: Matrix): Promise<Word[]> {
  const content = await page.getTextContent({ disableNormalization: false });
  const words: Word[] = [];
  const boldByFont = new Map<string, boolean>();
  // The word the previous item ended with, while nothing (not even a space item) came since.
  let open: { word: Word; baseline: number; fontSize: number } | null = null;
  for (const raw of content.items) {
    const item = raw as TextItem;
    if (!item.str || !item.str.trim()) {
      open = null;
      continue;
    }
    const m = Util.transform(viewport, item.transform) as Matrix;
    // Horizontal text only: vertical headers are rare in plans and would need their own layout.
    if (Math.abs(m[1]) > Math.abs(m[0]) * 0.2 || m[0] <= 0) continue;
    const fontSize = Math.hypot(m[2], m[3]);
    const scaleX = Math.hypot(m[0], m[1]) / Math.hypot(item.transform[0] ?? 1, item.transform[1] ?? 0 ) || 1;
    const runWidth = item.width * scaleX;
    let bold = boldByFont.get(item.fontName);
    if (bold === undefined) {
      bold = fontIsBold(page, item.fontName);
      boldByFont.set(item.fontName, bold);
    }
    const x = m[4];
    const baseline = m[5];
    const y0 = baseline - fontSize * ASCENT;
    const y1 = baseline + fontSize * DESCENT;
    const str = item.str;
    const perChar = str.length > 0 ? runWidth / str.length : 0;
    let last: Word | null = null;
    for (const match of str.matchAll(/\S+/g)) {
      const start = match.index;
      const text = match[0];
      const bbox = { x0: x + start * perChar, y0, x1: x + (start + text.length) * perChar, y1 };
      // Some producers (AbiWord's cairo, report generators) end a run at a hyphen or a slash
      // and start the next one flush against it: "семинара" "-совещания". With no space
      // between them in the text or on the page they are one word, as a reader sees it.
      if (start === 0 && open && Math.abs(open.baseline - baseline) < 0.2 * fontSize && Math.abs(bbox.x0 - open.word.bbox.x1) < TUNING.ingest.glueGapEm * fontSize) {
        open.word.text += text;
        open.word.bbox = { ...open.word.bbox, x1: bbox.x1 };
        last = open.word;
        continue;
      }
      last = { text, bbox, conf: 1, bold };
      words.push(last);
    }
    open = last && !/\s$/.test(str) ? { word: last, baseline, fontSize } : null;
  }
  return words;
}

function fontIsBold(page: PDFPageProxy, fontName: string): boolean {
  try {
    if (!page.commonObjs.has(fontName)) return false;
    const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean; black?: boolean } | null;
    return Boolean(font?.bold || font?.black || (font?.name && BOLD_FONT.test(font.name)));
  } catch {
    return false;
  }
}

/** Share of letters and digits among visible characters: low for fonts without a Unicode map. */
export function alphaRatio(words: readonly Word[]): { chars: number; ratio: number } {
  let chars = 0;
  let good = 0;
  for (const w of words) {
    for (const ch of w.text) {
      chars++;
      if (/[\p{L}\p{N}]/u.test(ch) && !/[\u0080-\u00bf\u00c0-\u024f\uFFFD]/.test(ch)) good++;
    }
  }
  return { chars, ratio: chars ? good / chars : 0 };
}
