import PQueue from 'p-queue';
import type { Page, Word } from '../model/index.js';
import type { InkMask } from './image-binarize.js';
import { cropGray, rotateQuarter, type PixelRect } from './image-gray.js';
import { preparePage, recognitionImage, type PreparedPage } from './image-preprocess.js';
import { rulesToPoints } from './image-rules.js';
import type { GrayImage, OcrEngine, WordRecognizer } from './ocr-engine.js';
import { buildComposite, findMissedInk, isDoubtful, mergeRereadings, readingScore, wordsBySlot } from './ocr-recover.js';
import { meanConfidence } from './ocr-words.js';
import { readRomanOnes } from './ocr-roman-one.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.ocrPage;
const R = TUNING.ingest.ocrRecover;

const px2pt = (px: number, dpi: number): number => Math.round(((px * 72) / dpi) * 100) / 100;

/**
 * A word of three or more characters whose box is taller than wide runs down the page:
 * Tesseract's layout analysis reads vertical lines of text, so a page turned by 90° can
 * still come back with confident words — standing on end.
 */
function isVertical(w: Word): boolean {
  return [...w.text].length >= 3 && w.bbox.y1 - w.bbox.y0 > w.bbox.x1 - w.bbox.x0;
}

/** Confidence-weighted count of characters in horizontal words: readable upright text. */
function readability(words: readonly Word[]): number {
  let s = 0;
  for (const w of words) if (!isVertical(w)) s += w.conf * w.conf * [...w.text].length;
  return s;
}

/**
 * A window of the page centred on its text (rule-free ink), at most `probeShare` of each
 * side: a sample for orientation probes that holds text even on a sparse page (a signature
 * page has its few lines at the top, where a centred window would see blank paper).
 */
function probeWindow(img: GrayImage, text: InkMask): GrayImage {
  let n = 0;
  let sx = 0;
  let sy = 0;
  const step = 4;
  for (let y = 0; y < text.height; y += step) {
    const row = y * text.width;
    for (let x = 0; x < text.width; x += step) {
      if (text.data[row + x] !== 0) {
        n++;
        sx += x;
        sy += y;
      }
    }
  }
  const cx = n > 0 ? sx / n : img.width / 2;
  const cy = n > 0 ? sy / n : img.height / 2;
  const w = img.width * D.probeShare;
  const h = img.height * D.probeShare;
  const left = Math.min(Math.max(0, cx - w / 2), img.width - w);
  const top = Math.min(Math.max(0, cy - h / 2), img.height - h);
  return cropGray(img, { left, top, width: w, height: h });
}

/**
 * Decides 0/90/180/270 by reading a central window at each candidate turn: Tesseract's
 * confidence collapses on text that is not upright. Returns the quarter turns to apply.
 */
async function probeOrientation(recognizer: WordRecognizer, prep: PreparedPage, candidates: readonly number[]): Promise<number> {
  const window = probeWindow(prep.image, prep.text);
  const scores = await Promise.all(
    candidates.map(async (k) => readability(await recognizer.recognizeWords(await rotateQuarter(window, k), 'page'))),
  );
  let best = 0;
  let bestScore = scores[candidates.indexOf(0)] ?? 0;
  candidates.forEach((k, i) => {
    if (k !== 0 && scores[i]! > bestScore * D.probeMargin) {
      best = k;
      bestScore = scores[i]!;
    }
  });
  return best;
}

/**
 * Reads again, a few at a time on composite lines, the ink the page pass skipped and the short
 * words it read poorly (see ocr-recover.ts), and alone what a line read poorly; returns the
 * page's words with the better readings.
 */
async function rereadDoubtful(recognizer: WordRecognizer, textMask: InkMask, words: readonly Word[]): Promise<Word[]> {
  const blobs = findMissedInk(textMask, words.filter((w) => !isDoubtful(w)));
  if (blobs.length === 0) return [...words];
  const read = async (group: readonly PixelRect[]): Promise<Word[][]> => {
    const { image, slots } = buildComposite(textMask, group);
    return wordsBySlot(await recognizer.recognizeWords(image, 'line'), slots, textMask.dpi);
  };
  const lines: PixelRect[][] = [];
  for (let i = 0; i < blobs.length; i += R.blobsPerLine) lines.push(blobs.slice(i, i + R.blobsPerLine));
  const perBlob = (await Promise.all(lines.map(read))).flat();
  const unsure = blobs.flatMap((_, i) => (readingScore(perBlob[i]!) < R.doubtfulBelowConf ? [i] : []));
  const alone = await Promise.all(unsure.map((i) => read([blobs[i]!])));
  unsure.forEach((i, j) => {
    if (readingScore(alone[j]![0]!) > readingScore(perBlob[i]!)) perBlob[i] = alone[j]![0]!;
  });
  return mergeRereadings(words, perBlob.flat());
}

async function readPrepared(recognizer: WordRecognizer, prep: PreparedPage): Promise<Word[]> {
  const { image, left, top } = recognitionImage(prep);
  const words = await recognizer.recognizeWords(image, 'page');
  if (left === 0 && top === 0) return words;
  // Back onto the prepared page, in points rounded like every other coordinate.
  const k = 72 / image.dpi;
  const at = (pt: number, px: number): number => Math.round((pt + px * k) * 100) / 100;
  return words.map((w) => ({ ...w, bbox: { x0: at(w.bbox.x0, left), y0: at(w.bbox.y0, top), x1: at(w.bbox.x1, left), y1: at(w.bbox.y1, top) } }));
}

/**
 * One page image → a Page: straightened (see image-preprocess.ts), ruling lines found and
 * erased, recognised, checked for a wrong orientation when confidence is low, and items the
 * layout analysis skipped read again.
 */
export async function recognizePage(recognizer: WordRecognizer, image: GrayImage, pageNumber: number): Promise<Page> {
  let prep = await preparePage(image);
  let words = await readPrepared(recognizer, prep);

  const conf = meanConfidence(words);
  const vertical = words.filter(isVertical).length;
  const standing = vertical > words.length * D.maxVerticalShare;
  const unsureTurn = prep.orientationRatio < D.orientationCheckBelowRatio || standing;
  const confidentlyUpright = words.length > 0 && conf >= D.uprightConf && !standing;
  if (!confidentlyUpright && (words.length === 0 || conf < D.orientationCheckBelowConf || unsureTurn)) {
    const candidates = unsureTurn ? [0, 1, 2, 3] : [0, 2];
    const turn = await probeOrientation(recognizer, prep, candidates);
    if (turn !== 0) {
      // Turned from the page as given, not from the prepared one: the skew measured on text
      // standing on end is wrong (4.6° for 0°), and undoing it after the turn leaves the page
      // a degree off — enough to break every rule into pieces and tilt the lines into each other.
      prep = await preparePage(await rotateQuarter(image, prep.quarterTurns + turn), { keepOrientation: true });
      words = await readPrepared(recognizer, prep);
    }
  }

  const all = readRomanOnes(await rereadDoubtful(recognizer, prep.text, words), prep.text);
  const { dpi } = prep.image;
  return {
    number: pageNumber,
    width: px2pt(prep.image.width, dpi),
    height: px2pt(prep.image.height, dpi),
    source: 'ocr',
    words: all,
    rules: rulesToPoints(prep.rules, dpi),
    conf: meanConfidence(all),
  };
}

/**
 * Wraps a recogniser into the pipeline's OcrEngine. Page preparation runs on the main
 * thread, so at most one page more than there are workers is in flight: enough to keep
 * the workers fed, and memory bounded whatever the caller queues.
 */
export function createPageEngine(recognizer: WordRecognizer): OcrEngine {
  const pages = new PQueue({ concurrency: recognizer.workers + 1 });
  return {
    workers: recognizer.workers,
    recognize: (image, pageNumber) => pages.add(() => recognizePage(recognizer, image, pageNumber)),
    async close() {
      await pages.onIdle();
      await recognizer.close();
    },
  };
}
