/**
 * Worker-thread side of the batch: runs one file at a time through ingest → parse →
 * normalize and posts the result back. Running files here rather than on the main thread
 * lets the batch use every core for digital files and kill a file that runs over its time
 * limit (a worker can be terminated; a busy event loop cannot be interrupted). OCR is asked
 * of the main thread, which owns the one Tesseract pool of the batch.
 */
import { parentPort } from 'node:worker_threads';
import type { Page } from './model/index.js';
import { IngestError } from './errors.js';
import type { GrayImage, OcrEngine } from './ingest/ocr-engine.js';
import { runPipeline } from './pipeline.js';
import type { FromWorker, ToWorker } from './file-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('file-worker.ts must run in a worker thread');

let nextReq = 0;
const pending = new Map<number, { resolve: (p: Page) => void; reject: (e: Error) => void }>();
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** OCR through the main thread's engine: images go over, pages come back. */
let ocrWorkers = 1;
const remoteOcr: OcrEngine = {
  get workers() {
    return ocrWorkers;
  },
  recognize(image: GrayImage, pageNumber: number): Promise<Page> {
    const reqId = nextReq++;
    const data = image.data.buffer.byteLength === image.data.byteLength ? image.data : image.data.slice();
    return new Promise((resolve, reject) => {
      pending.set(reqId, { resolve, reject });
      post({ type: 'ocr', reqId, pageNumber, image: { ...image, data } }, [data.buffer as ArrayBuffer]);
    });
  },
  close: async () => {},
};

port.on('message', async (m: ToWorker) => {
  if (m.type === 'ocr-result') {
    const p = pending.get(m.reqId);
    pending.delete(m.reqId);
    if (!p) return;
    if (m.page) p.resolve(m.page);
    else p.reject(new IngestError('ocr_unavailable', m.error ?? 'OCR failed'));
    return;
  }
  ocrWorkers = m.settings.ocr.workers;
  const bytes = new Uint8Array(m.bytes);
  try {
    const { ingested, document } = await runPipeline(m.path, bytes, m.sha256, m.settings, {
      ocr: async () => remoteOcr,
      forceOcr: m.forceOcr,
      onPage: (done, total) => post({ type: 'page', id: m.id, done, total }),
    });
    post({ type: 'done', id: m.id, format: ingested.format, pageCount: ingested.pageCount, document });
  } catch (err) {
    const e = err as Error & { code?: string; hint?: string };
    post({
      type: 'error', id: m.id,
      error: err instanceof IngestError ? { known: true, code: err.code, message: err.message, hint: err.hint } : { known: false, code: 'internal_error', message: e?.message ?? String(err), stack: e?.stack },
    });
  }
});
