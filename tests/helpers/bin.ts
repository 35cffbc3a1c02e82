import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './corpus.js';

/** The compiled CLI, built once if this checkout has not been built yet. */
export function ingestBin(): string {
  if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  return path.join(ROOT, 'bin/ingest.js');
}

/**
 * `n` PDFs of distinct content made from one corpus PDF: a comment after %%EOF changes the
 * hash, not the document.
 */
export function distinctPdfs(src: string, dir: string, n: number): string[] {
  const bytes = fs.readFileSync(src);
  return Array.from({ length: n }, (_, i) => {
    const f = path.join(dir, `copy-${String(i).padStart(3, '0')}.pdf`);
    fs.writeFileSync(f, Buffer.concat([bytes, Buffer.from(`\n% copy ${i}\n`)]));
    return f;
  });
}
