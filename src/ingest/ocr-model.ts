import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { OcrUnavailableError } from '../errors.js';

export const OCR_MODEL = {
  language: 'rus',
  /** File name tesseract.js asks for when `gzip: true` (langPath + lang + '.traineddata.gz'). */
  fileName: 'rus.traineddata.gz',
  /** The vendored folder, searched upwards from this module (src/ingest, dist/ingest, …). */
  dirName: 'models',
  /** Folders climbed before giving up: src/ingest → root is 2, a nested build output 3–4. */
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

/**
 * Checks that the model file is a complete traineddata archive before a worker loads it: a
 * truncated or corrupt model makes tesseract.js's createWorker hang instead of rejecting
 * (research/ocr.md, pitfall 4). A traineddata file starts with an int32 entry count followed
 * by one int64 offset per entry (-1 for absent parts), all within the file.
 */
export function validateModel(modelDir: string): void {
  const file = path.join(modelDir, OCR_MODEL.fileName);
  let raw: Buffer;
  try {
    const bytes = fs.readFileSync(file);
    raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  } catch (err) {
    throw new OcrUnavailableError(`cannot read the OCR model ${file}: ${(err as Error).message}`);
  }
  const bad = (why: string): never => {
    throw new OcrUnavailableError(`the OCR model ${file} is damaged (${why}); restore it from the repository`);
  };
  if (raw.length < 4) bad('too short');
  const entries = raw.readInt32LE(0);
  if (entries <= 0 || entries > 64 || raw.length < 4 + entries * 8) bad('bad header');
  let last = 0;
  let present = 0;
  for (let i = 0; i < entries; i++) {
    const offset = Number(raw.readBigInt64LE(4 + i * 8));
    if (offset === -1) continue;
    if (offset < last || offset > raw.length) bad('offsets out of range');
    last = offset;
    present++;
  }
  if (present === 0) bad('no components');
}
