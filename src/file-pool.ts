import { Worker } from 'node:worker_threads';
import type { NormalizedDocument, SourceFormat } from './model/index.js';
import { TUNING, type Settings } from './settings.js';
import { IngestError, TimeoutError } from './errors.js';
import type { OcrEngine } from './ingest/ocr-engine.js';
import type { FromWorker, ToWorker } from './file-worker-protocol.js';

export interface FileJob {
  path: string;
  sha256: string;
  bytes: Uint8Array;
  settings: Settings;
  forceOcr: boolean;
  onPage?: (done: number, total: number) => void;
}

export interface FileResult {
  format: SourceFormat;
  pageCount: number;
  document: NormalizedDocument;
}

const D = TUNING.batch;

interface Slot {
  worker: Worker;
  files: number;
  busy: boolean;
}

/**
 * Long-lived worker threads that run files through the pipeline. The pool enforces the
 * per-file time limit by terminating the worker (the only way to stop code that does not
 * yield) and starting a fresh one, and serves the workers' OCR requests from the batch's
 * single OCR engine.
 */
export class FilePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((s: Slot) => void)[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly ocr: () => Promise<OcrEngine>,
  ) {}

  async run(job: FileJob): Promise<FileResult> {
    const slot = await this.acquire();
    const id = slot.files++;
    try {
      return await this.runOn(slot, id, job);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private runOn(slot: Slot, id: number, job: FileJob): Promise<FileResult> {
    const { worker } = slot;
    const seconds = job.settings.limits.timeoutSeconds;
    return new Promise<FileResult>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const timer = setTimeout(() => {
        // Stop the runaway file and give the slot a fresh worker.
        finish(() => reject(new TimeoutError(seconds)));
        this.replace(slot);
      }, seconds * 1000);
      timer.unref();
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ocr') {
          this.ocr()
            .then((engine) => engine.recognize(m.image, m.pageNumber))
            .then(
              (page) => post(worker, { type: 'ocr-result', reqId: m.reqId, page }),
              (err: Error) => post(worker, { type: 'ocr-result', reqId: m.reqId, error: err?.message ?? String(err) }),
            );
          return;
        }
        if (m.id !== id) return;
        if (m.type === 'page') job.onPage?.(m.done, m.total);
        else if (m.type === 'done') finish(() => resolve({ format: m.format, pageCount: m.pageCount, document: m.document }));
        else if (m.type === 'error') {
          const e = m.error;
          finish(() => reject(e.known ? new IngestError(e.code as IngestError['code'], e.message, e.hint) : Object.assign(new Error(e.message), { stack: e.stack })));
        }
      };
      const onError = (err: Error) => {
        const oom = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(err as { code?: string }).code} ${err.message}`);
        finish(() => reject(oom ? new IngestError('too_large', `processing needed more than ${D.workerHeapMb} MB of memory`) : err));
        this.replace(slot);
      };
      const onExit = (code: number) => {
        finish(() => reject(new Error(`file worker exited unexpectedly (code ${code})`)));
        this.replace(slot);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // The worker gets its own copy of the bytes: transferring detaches them from the caller.
      const bytes = job.bytes.slice().buffer as ArrayBuffer;
      post(worker, { type: 'file', id, path: job.path, sha256: job.sha256, bytes, settings: job.settings, forceOcr: job.forceOcr }, [bytes]);
    });
  }

  private async acquire(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.slots.length < this.size) {
      const slot: Slot = { worker: newWorker(), files: 0, busy: true };
      this.slots.push(slot);
      return slot;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    if (this.closed) return;
    if (slot.files >= D.recycleAfterFiles) this.replace(slot);
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private replace(slot: Slot): void {
    const old = slot.worker;
    old.removeAllListeners('exit');
    void old.terminate();
    if (this.closed) return;
    slot.worker = newWorker();
    slot.files = 0;
  }
}

function post(worker: Worker, m: ToWorker, transfer: ArrayBuffer[] = []): void {
  try {
    worker.postMessage(m, transfer);
  } catch {
    // The worker is gone (terminated after a timeout): nothing is waiting for this reply.
  }
}

function newWorker(): Worker {
  // Compiled: dist/file-worker.js. Under the test runner the sources are TypeScript, loaded
  // through tsx (a dev dependency); the installed CLI never takes this branch.
  const fromSource = import.meta.url.endsWith('.ts');
  const resourceLimits = { maxOldGenerationSizeMb: D.workerHeapMb };
  if (!fromSource) return new Worker(new URL('./file-worker.js', import.meta.url), { resourceLimits });
  const url = new URL('./file-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}
