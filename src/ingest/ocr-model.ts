// The model file is shared with normalize's dictionary repair, so it lives in src/lexicon.
export { locateModelDir, OCR_MODEL, validateModel } from '../lexicon/model-file.js';
