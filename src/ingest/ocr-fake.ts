import fs from 'node:fs/promises';
import path from 'node:path';
import { Page } from '../model/document.js';
import { OcrUnavailableError } from '../errors.js';
import type { GrayImage, OcrEngine } from './ocr-engine.js';

export interface ReplayEngineOptions {
  /** Folder of recordings, e.g. fixtures/ocr. */
  dir: string;
  /** Recording name: pages are read from `<dir>/<name>.p<N>.json` (scripts/ocr-dump.ts). */
  name: string;
  /** Reported pool size (the replay itself has no limit). */
  workers?: number;
}

/** Where the recording of one page lives. */
export function recordingPath(dir: string, name: string, pageNumber: number): string {
  return path.join(dir, `${name}.p${pageNumber}.json`);
}

/**
 * An OcrEngine that replays recorded Pages instead of running Tesseract, so tests of the
 * stages after OCR (table parsing, normalisation) run in milliseconds and give the same
 * result everywhere. The image is ignored; the page number selects the recording, and the
 * recording is validated against the model so a stale fixture fails loudly.
 */
export function createReplayEngine(opts: ReplayEngineOptions): OcrEngine {
  let closed = false;
  return {
    workers: opts.workers ?? 1,
    async recognize(_image: GrayImage, pageNumber: number): Promise<Page> {
      if (closed) throw new OcrUnavailableError('the OCR engine is closed');
      const file = recordingPath(opts.dir, opts.name, pageNumber);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        throw new OcrUnavailableError(`no OCR recording ${file} (record it with scripts/ocr-dump.ts)`);
      }
      const page = Page.parse(JSON.parse(text));
      return { ...page, number: pageNumber };
    },
    async close() {
      closed = true;
    },
  };
}
