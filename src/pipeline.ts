import type { IngestedDocument, NormalizedDocument } from './model/index.js';
import type { Settings } from './settings.js';
import { ingestBytes, type IngestServices } from './ingest/index.js';
import { parseDocument } from './parse/index.js';
import { normalizeDocument } from './normalize/index.js';
import { readVocabularyFile, type VocabularySource } from './normalize/vocabulary-file.js';
import type { Vocabulary } from './normalize/vocabulary.js';

export interface PipelineResult {
  ingested: IngestedDocument;
  document: NormalizedDocument;
}

/** One file through ingest → parse → normalize. Storing is the batch's job (one writer). */
export async function runPipeline(
  sourcePath: string,
  bytes: Uint8Array,
  sha256: string,
  settings: Settings,
  services: IngestServices,
): Promise<PipelineResult> {
  const ingested = await ingestBytes(sourcePath, bytes, sha256, settings, services);
  return { ingested, document: parseAndNormalize(ingested, settings) };
}

/** The stages after ingest, for tools that look at the ingested pages before parsing them. */
export function parseAndNormalize(ingested: IngestedDocument, settings: Settings): NormalizedDocument {
  const parsed = parseDocument(ingested, settings);
  const ocrPages = new Set(ingested.pages.filter((p) => p.source === 'ocr').map((p) => p.number));
  const file = settings.normalize.vocabularyFile;
  const user = file ? vocabularyOf(file) : null;
  const doc = normalizeDocument({ ...parsed, issues: [...ingested.issues, ...parsed.issues] }, { ocrPages, ...(user ? { vocabulary: user.vocabulary } : {}) });
  // The text the codes came from goes with them, for the store to keep beside the document.
  return user ? { ...doc, vocabularyFile: user.source } : doc;
}

/** Each worker reads the user's vocabulary file once (the CLI validated it before the batch). */
const vocabularies = new Map<string, { vocabulary: Vocabulary; source: VocabularySource }>();
function vocabularyOf(file: string): { vocabulary: Vocabulary; source: VocabularySource } {
  let v = vocabularies.get(file);
  if (!v) vocabularies.set(file, (v = readVocabularyFile(file)));
  return v;
}
