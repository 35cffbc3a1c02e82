import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Child processes run plain Node, which cannot load .ts. This transpiles the given source
 * folders and files (type-stripping only, no type check) into `outDir`, keeping their
 * relative layout so the `.js` import suffixes resolve, and links node_modules so packages
 * resolve too.
 */
export function transpileForChild(repoRoot: string, sources: readonly string[], outDir: string): void {
  for (const source of sources) {
    for (const file of tsFiles(path.join(repoRoot, source))) {
      const out = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const target = path.join(outDir, path.relative(repoRoot, file)).replace(/\.ts$/, '.js');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, out);
    }
  }
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
}

function tsFiles(dirOrFile: string): string[] {
  if (!statSync(dirOrFile).isDirectory()) return [dirOrFile];
  return readdirSync(dirOrFile, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dirOrFile, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}
