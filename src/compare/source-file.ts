import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { sha256 } from '../ingest/hash-file.js';

/** Where a stored document's bytes can be read now, checked against the hash it was stored with. */
export interface SourceFileState {
  /** The path ingest recorded last. */
  recordedPath: string;
  recorded: 'present' | 'missing' | 'changed';
  /** sha256 of what is at the recorded path now, when it differs. */
  currentSha256: string | null;
  /** A path holding exactly the stored content: the recorded one, or another it was met at. */
  usablePath: string | null;
  /** Every other path the same content was met at (document_sources). */
  otherPaths: string[];
}

/**
 * Finds the stored content on disk. A file edited or moved since ingest no longer shows what
 * the row was read from, so the recorded path counts only while its hash matches; a copy met
 * at another path (same hash, document_sources) stands in for it.
 */
export function locateSourceFile(db: Database, documentSha256: string, recordedPath: string): SourceFileState {
  const otherPaths = db.prepare<[string, string], string>(
    'SELECT source_path FROM document_sources WHERE sha256 = ? AND source_path <> ? ORDER BY last_seen_at DESC').pluck().all(documentSha256, recordedPath);
  const hashOf = (p: string): string | null => {
    try {
      return fs.statSync(p).isFile() ? sha256(fs.readFileSync(p)) : null;
    } catch {
      return null;
    }
  };
  const current = hashOf(recordedPath);
  const recorded = current === null ? 'missing' : current === documentSha256 ? 'present' : 'changed';
  const usablePath = recorded === 'present' ? recordedPath : otherPaths.find((p) => hashOf(p) === documentSha256) ?? null;
  return { recordedPath, recorded, currentSha256: recorded === 'changed' ? current : null, usablePath, otherPaths };
}
