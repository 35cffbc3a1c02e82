/**
 * Builds fixtures/formats/cases/*.odt: edge cases of the ODT reader as LibreOffice writes them.
 *
 * - The DOCX edge cases of fixtures/docx/ re-saved as .odt, so that the reader's blocks can be
 *   compared with the DOCX reader's on the source (merged cells, Word numbering turned into
 *   ODF lists, fields and hidden text, page breaks). multi-paragraph-cells.docx is left out:
 *   LibreOffice does not import its hand-made table (no w:tblGrid) as a table.
 * - An HTML table opened in Writer: a block merged over two rows and two columns, a cell
 *   merged down three rows, several paragraphs and a nested table in one cell.
 * - Two flat ODF documents (.fodt) re-saved as .odt, for what only ODF can say: list headers,
 *   text:continue-numbering / text:continue-list, start values, letter numbering past the
 *   alphabet, headings numbered by the outline style; bold from styles and numeric weights,
 *   text:s, hidden text and page breaks asked for by styles.
 *
 *   npx tsx scripts/generate/format-cases-odt.ts      # needs soffice (libreoffice-writer)
 *
 * The output is committed (the test machines have no LibreOffice); rerun to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlags } from '../lib/flags.js';

const flags = parseFlags('npx tsx scripts/generate/format-cases-odt.ts', 'Writes the ODT edge cases with LibreOffice.', {
  source: { type: 'string', default: 'fixtures/docx', help: 'folder of the DOCX cases' },
  out: { type: 'string', default: 'fixtures/formats/cases', help: 'output folder' },
  soffice: { type: 'string', default: 'soffice', help: 'LibreOffice binary' },
});

/** Source DOCX → the name of the .odt case, saying what it exercises. */
export const ODT_DOCX_CASES: Readonly<Record<string, string>> = {
  'gridspan-section-row.docx': 'merged-cells-horizontal.odt',
  'vmerge-cells.docx': 'merged-cells-vertical.odt',
  'auto-numbered-cells.docx': 'list-numbered-table.odt',
  'numbering-formats.docx': 'list-numbering-formats.odt',
  'lysva-2021.autonumbered.docx': 'list-numbered-plan.odt',
  'inline-markup.docx': 'inline-markup-fields-hidden.odt',
  'no-table.docx': 'page-breaks.odt',
};

const MERGED_HTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>merged cells</title></head><body>
<p><b>План мероприятий</b></p>
<table border="1">
<thead><tr><th>№</th><th>Мероприятие</th><th>Ответственные</th><th>Сроки</th><th>Результат</th></tr></thead>
<tbody>
<tr><td>1.</td><td>Первое</td><td rowspan="2" colspan="2">Управление образования, 2021–2022</td><td>А</td></tr>
<tr><td>2.</td><td>Второе</td><td>Б</td></tr>
<tr><td>3.</td><td><p>Третье</p><p>второй абзац</p></td><td>ОО<br>ИРО</td><td>2023</td><td><p>Справка</p><table border="1"><tr><td>вложенная</td><td>таблица</td></tr><tr><td colspan="2">вторая строка</td></tr></table></td></tr>
<tr><td colspan="5"><b>2. Раздел</b></td></tr>
<tr><td rowspan="3">4.</td><td>Четвёртое</td><td>МОУО</td><td>2024</td><td>Г</td></tr>
<tr><td>продолжение</td><td>ИРО</td><td>2024</td><td>Д</td></tr>
<tr><td>ещё</td><td>ОО</td><td>2025</td><td>Е</td></tr>
</tbody></table>
</body></html>
`;

const FODT_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xml="http://www.w3.org/XML/1998/namespace" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">`;

const LISTS_FODT = `${FODT_HEAD}
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Plan_20_Heading" style:display-name="Plan Heading" style:family="paragraph">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <text:outline-style style:name="Outline">
   <text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>
   <text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
  </text:outline-style>
  <text:list-style style:name="Plan">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
   <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
  </text:list-style>
  <text:list-style style:name="Letters">
   <text:list-level-style-number text:level="1" style:num-format="а, б, .., аа, аб, ... (ru)" style:num-suffix=")"/>
  </text:list-style>
  <text:list-style style:name="LatinSync">
   <text:list-level-style-number text:level="1" style:num-format="a" style:num-letter-sync="true" style:num-suffix=")"/>
  </text:list-style>
  <text:list-style style:name="Roman">
   <text:list-level-style-number text:level="1" style:num-format="I" style:num-prefix="Этап " style:num-suffix="." text:start-value="3"/>
  </text:list-style>
 </office:styles>
 <office:body>
  <office:text>
   <text:h text:style-name="Plan_20_Heading" text:outline-level="1">Общие положения</text:h>
   <text:h text:style-name="Plan_20_Heading" text:outline-level="2">Цели</text:h>
   <text:h text:style-name="Plan_20_Heading" text:outline-level="2">Задачи</text:h>
   <text:h text:style-name="Plan_20_Heading" text:outline-level="1">Мероприятия</text:h>
   <text:list xml:id="plan1" text:style-name="Plan">
    <text:list-header><text:p text:style-name="Standard">Заголовок списка без номера</text:p></text:list-header>
    <text:list-item><text:p text:style-name="Standard">Первое</text:p><text:p text:style-name="Standard">продолжение первого</text:p></text:list-item>
    <text:list-item><text:list><text:list-item><text:p text:style-name="Standard">Подпункт</text:p></text:list-item></text:list></text:list-item>
   </text:list>
   <text:p text:style-name="Standard">Перерыв</text:p>
   <text:list text:style-name="Plan" text:continue-numbering="true">
    <text:list-item><text:p text:style-name="Standard">Второе</text:p></text:list-item>
   </text:list>
   <text:list text:style-name="Plan">
    <text:list-item><text:p text:style-name="Standard">Новый список</text:p></text:list-item>
   </text:list>
   <text:list text:style-name="Plan" text:continue-list="plan1">
    <text:list-item><text:p text:style-name="Standard">Третье</text:p></text:list-item>
    <text:list-item text:start-value="10"><text:p text:style-name="Standard">Десятое</text:p></text:list-item>
   </text:list>
   <text:list text:style-name="Letters">
    <text:list-item text:start-value="9"><text:p text:style-name="Standard">девятая</text:p></text:list-item>
    <text:list-item><text:p text:style-name="Standard">десятая</text:p></text:list-item>
    <text:list-item text:start-value="26"><text:p text:style-name="Standard">двадцать шестая</text:p></text:list-item>
    <text:list-item text:start-value="29"><text:p text:style-name="Standard">двадцать девятая</text:p></text:list-item>
    <text:list-item><text:p text:style-name="Standard">тридцатая</text:p></text:list-item>
    <text:list-item><text:p text:style-name="Standard">тридцать первая</text:p></text:list-item>
   </text:list>
   <text:list text:style-name="LatinSync">
    <text:list-item text:start-value="26"><text:p text:style-name="Standard">z</text:p></text:list-item>
    <text:list-item><text:p text:style-name="Standard">aa</text:p></text:list-item>
   </text:list>
   <text:list text:style-name="Roman">
    <text:list-item><text:p text:style-name="Standard">третий этап</text:p></text:list-item>
    <text:list-item><text:p text:style-name="Standard">четвёртый этап</text:p></text:list-item>
   </text:list>
  </office:text>
 </office:body>
</office:document>
`;

const STYLES_FODT = `${FODT_HEAD}
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Plan_20_Title" style:display-name="Plan Title" style:family="paragraph">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="New_20_Page" style:display-name="New Page" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:style style:name="Semibold" style:family="text">
   <style:text-properties fo:font-weight="600"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="normal"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="700"/></style:style>
  <style:style style:name="T3" style:family="text"><style:text-properties text:display="none"/></style:style>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-after="page"/></style:style>
  <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Plan_20_Title"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="P3" style:family="paragraph" style:parent-style-name="Plan_20_Title"><style:paragraph-properties fo:text-align="center"/></style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:p text:style-name="P3">Жирный по родительскому стилю</text:p>
   <text:p text:style-name="Plan_20_Title"><text:span text:style-name="T1">Обычный </text:span>внутри жирного</text:p>
   <text:p text:style-name="Standard"><text:span text:style-name="T2">Жирный 700</text:span> <text:span text:style-name="Semibold">и полужирный 600</text:span></text:p>
   <text:p text:style-name="Standard">Пробелы:<text:s text:c="3"/>три, табуляция<text:tab/>и перенос<text:line-break/>строки</text:p>
   <text:p text:style-name="Standard">Видимый<text:span text:style-name="T3"> скрытый</text:span> текст</text:p>
   <text:p text:style-name="New_20_Page">Страница 2 (разрыв в общем стиле)</text:p>
   <text:p text:style-name="P1">Разрыв после абзаца</text:p>
   <text:p text:style-name="Standard">Страница 3</text:p>
   <text:p text:style-name="P2">Страница 4, жирный заголовок</text:p>
  </office:text>
 </office:body>
</office:document>
`;

/** Written sources (in the work folder) → the name of the .odt case. */
const WRITTEN_CASES: readonly { file: string; text: string; filter?: string; name: string }[] = [
  { file: 'merged.html', text: MERGED_HTML, filter: 'HTML (StarWriter)', name: 'merged-cells-block-nested-table.odt' },
  { file: 'lists.fodt', text: LISTS_FODT, name: 'list-continuation-outline.odt' },
  { file: 'styles.fodt', text: STYLES_FODT, name: 'styles-bold-spaces-breaks.odt' },
];

const work = mkdtempSync(path.join(tmpdir(), 'format-cases-odt-'));
mkdirSync(flags.out, { recursive: true });
// A private profile keeps a running desktop LibreOffice (or a stale lock) out of the way.
const profile = `-env:UserInstallation=file://${path.join(work, '.profile')}`;
const convert = (args: string[]): void => {
  execFileSync(flags.soffice, [profile, '--headless', '--convert-to', 'odt', ...args], { cwd: work, stdio: 'pipe' });
};
try {
  const sources = Object.keys(ODT_DOCX_CASES);
  for (const file of sources) copyFileSync(path.join(flags.source, file), path.join(work, file));
  convert(sources);
  for (const [file, name] of Object.entries(ODT_DOCX_CASES)) {
    copyFileSync(path.join(work, file.replace(/\.docx$/, '.odt')), path.join(flags.out, name));
    console.log(name);
  }
  for (const { file, text, filter, name } of WRITTEN_CASES) {
    writeFileSync(path.join(work, file), text);
    convert([...(filter ? [`--infilter=${filter}`] : []), file]);
    copyFileSync(path.join(work, file.replace(/\.\w+$/, '.odt')), path.join(flags.out, name));
    console.log(name);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
