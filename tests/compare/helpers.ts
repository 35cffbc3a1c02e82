import path from 'node:path';
import { main } from '../../src/cli.js';
import { corpusFolder, ROOT, tempDir } from '../helpers/corpus.js';

const silent = { write: () => true } as unknown as NodeJS.WritableStream;

/** A database holding the five corpus plans of one format, ingested by the real pipeline. */
export async function ingestCorpus(format: 'docx' | 'pdf'): Promise<string> {
  const db = path.join(tempDir(`compare-${format}-`), 'roadmaps.sqlite');
  let errors = '';
  const code = await main([corpusFolder([`.${format}`]), '--db', db, '--quiet'], {
    stdout: silent,
    stderr: { write: (s: string) => { errors += s; return true; } } as unknown as NodeJS.WritableStream,
  });
  if (code !== 0) throw new Error(`ingest of the ${format} corpus failed (${code}): ${errors}`);
  return db;
}

/** Captures what a CLI writes. */
export function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  return { stream: { write: (s: string | Uint8Array) => { text += String(s); return true; } } as unknown as NodeJS.WritableStream, text: () => text };
}

/** The compiled `roadmaps` launcher, building dist/ first when this checkout has not been built. */
export { roadmapsBin } from '../helpers/bin.js';
