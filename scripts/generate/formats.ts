/**
 * Builds fixtures/formats/: the corpus DOCX re-saved by a real office suite in the formats
 * archives hold (.doc, .rtf, .odt, and as spreadsheets .xlsx/.xls/.ods), so that each reader is
 * tested against what LibreOffice actually writes rather than against hand-made files.
 *
 *   npx tsx scripts/generate/formats.ts            # needs soffice (libreoffice-writer, -calc)
 *
 * Word formats are converted straight from the DOCX. A spreadsheet is how a clerk keeps a plan
 * in Calc/Excel: the DOCX goes through HTML and is opened by Calc's HTML import, which lays the
 * heading paragraphs out as one-cell rows above the table and keeps merged cells merged.
 * The output is committed (the test machines have no LibreOffice); rerun to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlags } from '../lib/flags.js';

const flags = parseFlags('npx tsx scripts/generate/formats.ts', 'Re-saves the corpus DOCX as .doc, .rtf, .odt, .xlsx, .xls and .ods with LibreOffice.', {
  corpus: { type: 'string', default: 'fixtures/corpus/docs', help: 'folder of <id>.docx files' },
  out: { type: 'string', default: 'fixtures/formats', help: 'output folder' },
  soffice: { type: 'string', default: 'soffice', help: 'LibreOffice binary' },
});

const WORD_FORMATS = ['doc', 'rtf', 'odt'] as const;
const SHEET_FORMATS = ['xlsx', 'xls', 'ods'] as const;

function convert(args: string[], cwd: string): void {
  // A private profile keeps a running desktop LibreOffice (or a stale lock) out of the way.
  const profile = `file://${path.join(cwd, '.profile')}`;
  execFileSync(flags.soffice, [`-env:UserInstallation=${profile}`, '--headless', ...args], { cwd, stdio: 'pipe' });
}

const docx = readdirSync(flags.corpus).filter((f) => f.endsWith('.docx')).sort();
if (docx.length === 0) throw new Error(`no .docx in ${flags.corpus}`);
const work = mkdtempSync(path.join(tmpdir(), 'formats-'));
mkdirSync(flags.out, { recursive: true });
const made: string[] = [];
try {
  for (const file of docx) copyFileSync(path.join(flags.corpus, file), path.join(work, file));
  for (const fmt of WORD_FORMATS) convert(['--convert-to', fmt, ...docx], work);
  convert(['--convert-to', 'html', ...docx], work);
  for (const file of docx) {
    const html = file.replace(/\.docx$/, '.html');
    for (const fmt of SHEET_FORMATS) convert(['--infilter=HTML (StarCalc)', '--convert-to', fmt, html], work);
  }
  for (const file of docx) {
    const id = file.replace(/\.docx$/, '');
    for (const fmt of [...WORD_FORMATS, ...SHEET_FORMATS]) {
      const name = `${id}.${fmt}`;
      copyFileSync(path.join(work, name), path.join(flags.out, name));
      made.push(name);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const version = execFileSync(flags.soffice, ['--version'], { encoding: 'utf8' }).trim();
writeFileSync(path.join(flags.out, 'MANIFEST.json'), `${JSON.stringify({
  made_by: 'npx tsx scripts/generate/formats.ts',
  converter: version,
  sources: docx.map((f) => path.join(flags.corpus, f)),
  files: made,
}, null, 2)}\n`);
console.log(`${made.length} files in ${flags.out} (${version})`);
