import PQueue from 'p-queue';
import Tesseract from 'tesseract.js';
import type { Word } from '../model/index.js';
import { OcrUnavailableError, TimeoutError } from '../errors.js';
import type { GrayImage, LayoutMode, OcrEngine, WordRecognizer } from './ocr-engine.js';
import { encodePgm } from './image-gray.js';
import { locateModelDir, OCR_MODEL, validateModel } from './ocr-model.js';
import { wordsFromBlocks, type TessBlock } from './ocr-words.js';
import { createPageEngine } from './ocr-page.js';
import { TUNING } from '../settings.js';

const D = TUNING.ingest.tesseract;

export interface TesseractEngineOptions {
  workers: number;
  recycleAfterPages: number;
  loadTimeoutSeconds: number;
  /** Folder of rus.traineddata.gz; defaults to the vendored models/ folder. */
  modelDir?: string;
}

interface Slot {
  worker: Tesseract.Worker | null;
  pages: number;
  busy: boolean;
}

const PSM_FOR: Record<LayoutMode, string> = {
  page: D.pagePsm,
  line: D.linePsm,
  block: D.blockPsm,
};

function withTimeout<T>(p: Promise<T>, seconds: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), seconds * 1000);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * Starts one tesseract.js worker on the vendored model. Never touches the network or the
 * working directory: langPath is the absolute model folder, cacheMethod 'none' (the default
 * cache reads and writes ./rus.traineddata), and a load failure rejects at once through
 * errorHandler or at the timeout (createWorker itself never settles on a bad model).
 */
async function startWorker(modelDir: string, loadTimeoutSeconds: number): Promise<Tesseract.Worker> {
  let failLoad: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    failLoad = reject;
  });
  const created = Tesseract.createWorker(OCR_MODEL.language, Tesseract.OEM.LSTM_ONLY, {
    langPath: modelDir,
    gzip: true,
    cacheMethod: 'none',
    logger: () => {},
    errorHandler: (err: unknown) => failLoad(new OcrUnavailableError(`Tesseract worker failed: ${String(err)}`)),
  });
  const worker = await withTimeout(
    Promise.race([created, failed]),
    loadTimeoutSeconds,
    () => new OcrUnavailableError(`the OCR model did not load within ${loadTimeoutSeconds} s`),
  );
  // Failures of later jobs reject their own promise; the handler must not throw.
  failLoad = () => {};
  await worker.setParameters({
    tessedit_pageseg_mode: Tesseract.PSM.AUTO,
    preserve_interword_spaces: '1',
    // Layout work the pipeline does itself or never needs, about 6 % of a page's recognition
    // (1.77 → 1.66 s on ten prepared scan pages, 5 of 2,227 words read differently): the
    // table is rebuilt from word boxes and ruling lines (parse), a turned page is turned
    // upright before recognition (image-preprocess, ocr-page), and roadmaps have no
    // white-on-black text to try inverted.
    textord_tabfind_find_tables: '0',
    textord_tabfind_vertical_text: '0',
    tessedit_do_invert: '0',
    // Two more passes whose output the pipeline never reads, ~5 % of a page together (1,490 →
    // 1,400 ms of CPU on ten prepared scan pages, every word read the same): the fixed-pitch
    // test (typewriter spacing, for the legacy character chopper; LSTM reads whole lines)
    // and paragraph detection from the recognised text (paragraphs are flattened away).
    textord_disable_pitch_test: '1',
    paragraph_text_based: '0',
  } as Partial<Tesseract.WorkerParams>);
  return worker;
}

/**
 * A pool of tesseract.js workers recognising rasters into words (points of the raster).
 * Own pool rather than tesseract.js's scheduler: the scheduler cannot remove a worker, and
 * workers must be recycled (RSS creeps up, tesseract.js #1045) and replaced when stuck.
 */
export async function createTesseractRecognizer(opts: TesseractEngineOptions): Promise<WordRecognizer> {
  const workers = Math.max(1, Math.floor(opts.workers));
  const modelDir = opts.modelDir ?? locateModelDir();
  validateModel(modelDir);
  const slots: Slot[] = Array.from({ length: workers }, () => ({ worker: null, pages: 0, busy: false }));
  // The first worker is started eagerly so a broken setup fails here, not mid-document.
  slots[0]!.worker = await startWorker(modelDir, opts.loadTimeoutSeconds);
  const queue = new PQueue({ concurrency: workers });
  let closed = false;

  const retire = async (slot: Slot): Promise<void> => {
    const w = slot.worker;
    slot.worker = null;
    slot.pages = 0;
    if (w) await w.terminate().catch(() => {});
  };

  const run = async (image: GrayImage, mode: LayoutMode): Promise<Word[]> => {
    const slot = slots.find((s) => !s.busy);
    if (!slot) throw new Error('OCR pool invariant broken: no idle worker');
    slot.busy = true;
    try {
      if (slot.worker && slot.pages >= opts.recycleAfterPages) await retire(slot);
      slot.worker ??= await startWorker(modelDir, opts.loadTimeoutSeconds);
      const worker = slot.worker;
      const job = worker.recognize(
        Buffer.from(encodePgm(image).buffer),
        { tessedit_pageseg_mode: PSM_FOR[mode], user_defined_dpi: String(Math.round(image.dpi)) } as Partial<Tesseract.RecognizeOptions>,
        { blocks: true, text: false },
      );
      let result: Tesseract.RecognizeResult;
      try {
        result = await withTimeout(job, D.jobTimeoutSeconds, () => new TimeoutError(D.jobTimeoutSeconds));
      } catch (err) {
        // A timed-out or crashed worker may still be running: never reuse it.
        await retire(slot);
        throw err instanceof Error ? err : new Error(String(err));
      }
      if (mode === 'page') slot.pages++;
      return wordsFromBlocks(result.data.blocks as unknown as TessBlock[] | null, { dpi: image.dpi, offsetX: 0, offsetY: 0 });
    } finally {
      slot.busy = false;
    }
  };

  return {
    workers,
    recognizeWords(image, mode) {
      if (closed) return Promise.reject(new OcrUnavailableError('the OCR engine is closed'));
      return queue.add(() => run(image, mode));
    },
    async close() {
      closed = true;
      await queue.onIdle();
      await Promise.all(slots.map(retire));
    },
  };
}

/** The OCR engine of the pipeline: page preparation and rule detection around Tesseract. */
export async function createTesseractEngine(opts: TesseractEngineOptions): Promise<OcrEngine> {
  return createPageEngine(await createTesseractRecognizer(opts));
}
