import { SquishedDawg, type NearWord } from './dawg.js';
import { locateModelDir, readModelFile } from './model-file.js';
import { TESSDATA, tessdataComponent } from './traineddata.js';
import { parseUnicharset } from './unicharset.js';

/**
 * The Russian word list Tesseract itself recognises with (the LSTM word dawg of the vendored
 * model): 293,898 entries of general vocabulary, written as they occur (lower case,
 * Capitalised, UPPER), so it knows nothing of this project's corpus. It holds many inflected
 * forms but not all ("общесистемных" without "общесистемные"), and some web debris ("под-держка").
 */
export class WordDictionary {
  constructor(private readonly dawg: SquishedDawg) {}

  /** True when the word is listed in any case, with ё and е taken as one letter. */
  knows(word: string): boolean {
    return this.dawg.has(word) || this.dawg.near(word, 0, foldWord).length > 0;
  }

  /** True when some listed word, in lower case or Capitalised, begins with `prefix` (lower case). */
  begins(prefix: string): boolean {
    const capital = prefix.charAt(0).toUpperCase() + prefix.slice(1);
    return this.dawg.begins(prefix) || this.dawg.begins(capital);
  }

  /** Listed words within `maxEdits` edits, in lower case with ё written е. */
  near(word: string, maxEdits: number): NearWord[] {
    return this.dawg.near(word, maxEdits, foldWord);
  }
}

/** Case and ё are not spelling: OCR and the documents write е for ё, and capitals vary. */
export function foldWord(s: string): string {
  return s.toLowerCase().replace(/ё/gu, 'е');
}

/** The LSTM word graph of the model in `modelDir` (the vendored one by default). */
export function readWordDawg(modelDir: string = locateModelDir()): SquishedDawg {
  const { raw, offsets } = readModelFile(modelDir);
  const unicharset = tessdataComponent(raw, offsets, TESSDATA.lstmUnicharset);
  const wordDawg = tessdataComponent(raw, offsets, TESSDATA.lstmWordDawg);
  if (!unicharset || !wordDawg) throw new Error(`the OCR model in ${modelDir} has no LSTM word dictionary`);
  return SquishedDawg.parse(wordDawg, parseUnicharset(unicharset.toString('utf8')));
}

let cached: WordDictionary | undefined;

/**
 * The dictionary of the vendored model, read on first use and kept for the process. Each
 * batch worker thread reads its own copy: about 40 ms and 4 MB of edge arrays.
 */
export function russianDictionary(): WordDictionary {
  cached ??= new WordDictionary(readWordDawg());
  return cached;
}
