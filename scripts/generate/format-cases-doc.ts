/**
 * Builds fixtures/formats/cases/*.doc: small DOCX edge cases re-saved by LibreOffice as Word
 * 97–2003 (.doc), so that the .doc reader is tested on what a real office suite writes for
 * merged cells, nested tables, list numbering, fields and hidden text — and its blocks can be
 * compared with the DOCX reader's on the source (DOC_CASES gives the source of each case).
 *
 *   npx tsx scripts/generate/format-cases-doc.ts      # needs soffice (libreoffice-writer)
 *
 * The output is committed (the test machines have no LibreOffice); rerun to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDocx, cell, documentXml, para, row, run, table } from '../make-docx-fixtures.js';
import { parseFlags } from '../lib/flags.js';

const fromFixture = (name: string) => (root: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'docx', name));

/**
 * A nested table in a cell, a cell of several paragraphs, a line break, a tab, and a row that
 * skips grid columns. (fixtures/docx/multi-paragraph-cells.docx has the same content but ends a
 * cell with the nested table, which Word forbids and LibreOffice drops the outer table over.)
 */
export function nestedTableDocx(): Uint8Array {
  const header = row(['№ п/п', 'Мероприятие', 'Ответственные', 'Сроки', 'Результат'].map((h) => cell(para(run(h, { bold: true })))));
  return buildDocx({
    document: documentXml(table([
      header,
      row([
        cell('1.'),
        cell(['Проведение семинаров', '', 'для учителей']),
        cell(para(['<w:r><w:t>МОУО,</w:t><w:br/><w:t>ИРО</w:t></w:r>'])),
        cell(para(['<w:r><w:t>Сентябрь</w:t><w:tab/><w:t>2021</w:t></w:r>'])),
        cell([para('Справка'), table([row([cell('вложенная'), cell('таблица')]), row([cell('вторая строка', { span: 2 })])], 2), para('')]),
      ]),
      row([cell('2.'), cell('Строка со сдвигом сетки')], '<w:gridBefore w:val="1"/><w:gridAfter w:val="2"/>'),
    ])),
  });
}

/** Name of each .doc case → the DOCX it is converted from (given the project root). */
export const DOC_CASES: Readonly<Record<string, (root: string) => Uint8Array>> = {
  'merged-cells-horizontal.doc': fromFixture('gridspan-section-row.docx'),
  'merged-cells-vertical.doc': fromFixture('vmerge-cells.docx'),
  'nested-table-multi-paragraph.doc': () => nestedTableDocx(),
  'list-numbered-table.doc': fromFixture('auto-numbered-cells.docx'),
  'list-numbering-formats.doc': fromFixture('numbering-formats.docx'),
  'list-numbered-plan.doc': fromFixture('lysva-2021.autonumbered.docx'),
  'inline-markup-fields-hidden.doc': fromFixture('inline-markup.docx'),
  'page-breaks.doc': fromFixture('no-table.docx'),
};

function main(): void {
  const flags = parseFlags('npx tsx scripts/generate/format-cases-doc.ts', 'Re-saves small DOCX edge cases as .doc with LibreOffice.', {
    out: { type: 'string', default: 'fixtures/formats/cases', help: 'output folder' },
    soffice: { type: 'string', default: 'soffice', help: 'LibreOffice binary' },
  });
  const root = process.cwd();
  const work = mkdtempSync(path.join(tmpdir(), 'format-cases-doc-'));
  mkdirSync(flags.out, { recursive: true });
  try {
    const sources = Object.entries(DOC_CASES).map(([name, source]) => {
      const file = name.replace(/\.doc$/, '.docx');
      writeFileSync(path.join(work, file), source(root));
      return file;
    });
    // A private profile keeps a running desktop LibreOffice (or a stale lock) out of the way.
    const profile = `file://${path.join(work, '.profile')}`;
    execFileSync(flags.soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'doc:MS Word 97', ...sources], { cwd: work, stdio: 'pipe' });
    for (const name of Object.keys(DOC_CASES)) {
      copyFileSync(path.join(work, name), path.join(flags.out, name));
      console.log(name);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
