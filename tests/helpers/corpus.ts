import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DOCS = path.join(ROOT, 'fixtures/corpus/docs');
export const CORPUS_GOLD = path.join(ROOT, 'fixtures/corpus/gold');
export const CORPUS_IDS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'] as const;

/** The shared scorer when the workspace has it (CI, developers), else the copy in scripts/. */
export function scorerPath(): string {
  const shared = path.resolve(ROOT, '../shared/tools/score.py');
  return fs.existsSync(shared) ? shared : path.join(ROOT, 'scripts/score.py');
}

export type KindScores = Record<string, number | null>;

/** Runs score.py on a database and returns its per-kind summary ("pdf", "docx", "ALL" …). */
export function score(dbPath: string, goldDir: string = CORPUS_GOLD): { summary: Record<string, KindScores>; documents: { gold: string; kind: string; matched: number; gold_rows: number; pred_rows: number }[]; contract_problems: string[] } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'score-')), 'score.json');
  execFileSync('python3', [scorerPath(), dbPath, goldDir, '--json', out, '--quiet'], { stdio: 'pipe' });
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies corpus files whose names end with one of `suffixes` into a fresh folder. */
export function corpusFolder(suffixes: readonly string[]): string {
  const dir = tempDir('corpus-in-');
  for (const f of fs.readdirSync(CORPUS_DOCS)) {
    if (suffixes.some((s) => f.endsWith(s) && !(s === '.pdf' && f.endsWith('.scan.pdf')))) {
      fs.copyFileSync(path.join(CORPUS_DOCS, f), path.join(dir, f));
    }
  }
  return dir;
}

/** Captures what the CLI writes, so a test can read its JSON summary. */
export function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  return { stream: { write: (s: string) => { text += s; return true; } } as unknown as NodeJS.WritableStream, text: () => text };
}
