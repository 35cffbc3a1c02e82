import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './corpus.js';

/** Newest modification time of the TypeScript sources the CLI is compiled from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The compiled CLI, built when this checkout has not been built yet or a source changed since:
 * tests of the installed command must not run yesterday's code.
 */
export function ingestBin(): string {
  buildIfStale();
  return path.join(ROOT, 'bin/ingest.js');
}

/** The compiled `roadmaps` command, built like ingestBin's. */
export function roadmapsBin(): string {
  buildIfStale();
  return path.join(ROOT, 'bin/roadmaps.js');
}

function buildIfStale(): void {
  const cli = path.join(ROOT, 'dist/cli.js');
  if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestSource(path.join(ROOT, 'src'))) {
    try {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } catch (err) {
      // tsc still emits on type errors, which the typecheck step reports; only a build that
      // produced nothing stops the test here.
      if (!fs.existsSync(cli)) throw err;
    }
  }
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
