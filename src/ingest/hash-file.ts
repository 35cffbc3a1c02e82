import { createHash } from 'node:crypto';

/** SHA-256 of the content: the document's identity for idempotent re-runs. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
