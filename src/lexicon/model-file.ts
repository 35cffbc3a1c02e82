import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { OcrUnavailableError } from '../errors.js';
import { isGzip, readTessdataOffsets, TraineddataFormatError } from './traineddata.js';

/*
 * The vendored Tesseract model. It lives here rather than in ingest because two stages read
 * it: OCR recognises with it, and normalize repairs OCR'd words with its dictionary.
 */
export const OCR_MODEL = {
  language: 'rus',
  /** File name tesseract.js asks for when `gzip: true` (langPath + lang + '.traineddata.gz'). */
  fileName: 'rus.traineddata.gz',
  /** The vendored folder, searched upwards from this module (src/lexicon, dist/src/lexicon, …). */
  dirName: 'models',
  /** Folders climbed before giving up: src/lexicon → root is 2, a nested build output 3–4. */
  maxLevels: 5,
} as const;

/**
 * The absolute folder holding the vendored model. It is found from this module's own
 * location, so it works from src/ (vitest), from dist/ (the built CLI) and from any cwd;
 * tesseract.js wants a plain path (a file:// URL makes it fetch, research/ocr.md).
 */
export function locateModelDir(start = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (let i = 0; i <= OCR_MODEL.maxLevels; i++) {
    const candidate = path.join(dir, OCR_MODEL.dirName);
    if (fs.existsSync(path.join(candidate, OCR_MODEL.fileName))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new OcrUnavailableError(`${OCR_MODEL.dirName}/${OCR_MODEL.fileName} not found above ${start}`);
}

export interface ModelFile {
  /** The uncompressed traineddata bytes. */
  raw: Buffer;
  /** Component offsets of its header (-1 = absent). */
  offsets: number[];
}

/**
 * Reads and unpacks the model, checking that it is a complete traineddata archive: a
 * truncated or corrupt model makes tesseract.js's createWorker hang instead of rejecting
 * (research/ocr.md, pitfall 4), and would make the dictionary read garbage.
 */
export function readModelFile(modelDir: string): ModelFile {
  const file = path.join(modelDir, OCR_MODEL.fileName);
  let raw: Buffer;
  try {
    const bytes = fs.readFileSync(file);
    raw = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  } catch (err) {
    throw new OcrUnavailableError(`cannot read the OCR model ${file}: ${(err as Error).message}`);
  }
  try {
    return { raw, offsets: readTessdataOffsets(raw) };
  } catch (err) {
    if (!(err instanceof TraineddataFormatError)) throw err;
    throw new OcrUnavailableError(`the OCR model ${file} is damaged (${err.reason}); restore it from the repository`);
  }
}

/** Checks the model before an OCR worker loads it (see readModelFile). */
export function validateModel(modelDir: string): void {
  readModelFile(modelDir);
}
