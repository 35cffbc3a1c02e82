import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { Vocabulary, VOCABULARY, VocabularyEntry } from './vocabulary.js';

/*
 * A user's vocabulary file: JSON that adds codes and variants to the shipped vocabulary
 * (vocabulary.ts), or with "replace": true stands for it whole. Example:
 *
 *   {
 *     "codes": { "ЦОКО": "regional centre of education quality assessment" },
 *     "entries": [
 *       { "code": "ЦОКО", "phrases": ["центр оценки качества образования", "ЦОКО", "РЦОИ"] },
 *       { "code": "ИРО", "phrases": ["Академия социального управления"] }
 *     ],
 *     "fillers": ["в пределах компетенции"]
 *   }
 *
 * Entries use the shipped syntax (phrases, patterns, weak, levels, regionalCode, subsumes).
 * The file's entries are matched before the shipped ones, so where two phrases cover the same
 * words the user's decides. A shipped code may be used but not described anew; unknown keys
 * are errors (a misspelt "phrase" must not be ignored silently).
 */
export const VocabularyFile = z
  .object({
    replace: z.boolean().default(false),
    codes: z.record(z.string().min(1), z.string()).default({}),
    entries: z.array(VocabularyEntry.strict()).default([]),
    fillers: z.array(z.string().min(1)).default([]),
    territories: z
      .object({ regional: z.array(z.string().min(1)).default([]), municipal: z.array(z.string().min(1)).default([]) })
      .strict()
      .prefault({}),
    continuations: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type VocabularyFile = z.infer<typeof VocabularyFile>;

export class VocabularyFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`vocabulary file ${file}: ${message}`);
    this.name = 'VocabularyFileError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`).join('; ');
}

/** The shipped vocabulary with a user file's additions (or the file alone, with "replace"). */
export function extendVocabulary(base: Vocabulary, file: VocabularyFile): Vocabulary {
  if (!file.replace) {
    for (const [code, meaning] of Object.entries(file.codes)) {
      if (code in base.codes && base.codes[code] !== meaning) {
        throw new Error(`code ${code} is already defined ("${base.codes[code]}"); use it without redefining it`);
      }
    }
  }
  const merged = file.replace
    ? { codes: file.codes, entries: file.entries, fillers: file.fillers, territories: file.territories, continuations: file.continuations }
    : {
        codes: { ...base.codes, ...file.codes },
        entries: [...file.entries, ...base.entries],
        fillers: [...base.fillers, ...file.fillers],
        territories: {
          regional: [...base.territories.regional, ...file.territories.regional],
          municipal: [...base.territories.municipal, ...file.territories.municipal],
        },
        continuations: [...base.continuations, ...file.continuations],
      };
  const checked = Vocabulary.safeParse(merged);
  if (!checked.success) throw new Error(describeIssues(checked.error));
  return checked.data;
}

/** Parses a vocabulary file's text; errors name the file and the offending field. */
export function parseVocabularyFile(text: string, file: string, base: Vocabulary = VOCABULARY): Vocabulary {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new VocabularyFileError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = VocabularyFile.safeParse(json);
  if (!parsed.success) throw new VocabularyFileError(file, describeIssues(parsed.error));
  try {
    return extendVocabulary(base, parsed.data);
  } catch (err) {
    throw new VocabularyFileError(file, (err as Error).message);
  }
}

/**
 * A vocabulary file as a document was normalized with it: its text (byte-order mark dropped)
 * and the SHA-256 of that text's UTF-8 bytes. Stored with the document (migration 012), so a
 * hand correction of a responsible cell is coded as ingest coded the rest of the document.
 */
export interface VocabularySource {
  sha256: string;
  content: string;
}

/** Reads and validates a vocabulary file; returns it with the text it was read from. */
export function readVocabularyFile(file: string, base: Vocabulary = VOCABULARY): { vocabulary: Vocabulary; source: VocabularySource } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new VocabularyFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const vocabulary = parseVocabularyFile(text, file, base);
  return { vocabulary, source: { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), content: text } };
}

/** Reads and validates a vocabulary file (the CLI's --vocabulary FILE). */
export function loadVocabularyFile(file: string, base: Vocabulary = VOCABULARY): Vocabulary {
  return readVocabularyFile(file, base).vocabulary;
}
