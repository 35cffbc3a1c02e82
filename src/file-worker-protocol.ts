import type { NormalizedDocument, Page, SourceFormat } from './model/index.js';
import type { GrayImage } from './ingest/ocr-engine.js';
import type { Settings } from './settings.js';

/** Messages between the batch (main thread) and its file workers. */
export type ToWorker =
  | { type: 'file'; id: number; path: string; sha256: string; bytes: ArrayBuffer; settings: Settings; forceOcr: boolean }
  | { type: 'ocr-result'; reqId: number; page?: Page; error?: string };

export type WorkerError = { known: boolean; code: string; message: string; hint?: string; stack?: string };

export type FromWorker =
  | { type: 'ocr'; reqId: number; pageNumber: number; image: GrayImage }
  | { type: 'page'; id: number; done: number; total: number }
  | { type: 'done'; id: number; format: SourceFormat; pageCount: number; document: NormalizedDocument }
  | { type: 'error'; id: number; error: WorkerError };
