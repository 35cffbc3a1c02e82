/**
 * Builds the small synthetic DOCX fixtures of tests/ingest/docx.test.ts by writing WordprocessingML
 * by hand and zipping it with fflate, so every structural case (merged cells, auto-numbering,
 * revisions …) is exercised by a file a few KB large whose content is known exactly.
 *
 * Run from the project root (there is no TS runner among the dependencies; .tmp/ is ignored):
 *   npx tsc --outDir .tmp/docx-fixtures-build --rootDir . --module NodeNext --moduleResolution NodeNext \
 *     --target ES2022 --strict --skipLibCheck scripts/make-docx-fixtures.ts \
 *   && node .tmp/docx-fixtures-build/scripts/make-docx-fixtures.js
 *
 * It writes fixtures/docx/*.docx; fixtures/docx/lysva-2021.autonumbered.docx is derived from
 * fixtures/corpus/docs/lysva-2021.docx. The exported builders are also used by the tests for cases that
 * must not be committed (zip bombs) or are variations of a fixture.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** Fixed timestamp so regenerated fixtures are byte-identical. */
const MTIME = new Date('2021-01-01T00:00:00Z');

// ---------------------------------------------------------------- WordprocessingML snippets

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface RunProps {
  bold?: boolean | 'off';
  style?: string;
  hidden?: boolean;
}

export function run(text: string, props: RunProps = {}): string {
  const rPr = [
    props.style ? `<w:rStyle w:val="${props.style}"/>` : '',
    props.bold === true ? '<w:b/>' : props.bold === 'off' ? '<w:b w:val="0"/>' : '',
    props.hidden ? '<w:vanish/>' : '',
  ].join('');
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export interface ParaProps {
  style?: string;
  num?: { numId: number; ilvl: number };
  pageBreakBefore?: boolean;
  /** A section ends with this paragraph; the value is the section's w:type. */
  sectionType?: string;
}

/** A paragraph; plain strings become one plain run, XML fragments (starting with '<') are kept. */
export function para(content: string | string[] = [], props: ParaProps = {}): string {
  const parts = (Array.isArray(content) ? content : [content]).map((c) => (c.startsWith('<') ? c : run(c)));
  const pPr = [
    props.style ? `<w:pStyle w:val="${props.style}"/>` : '',
    props.pageBreakBefore ? '<w:pageBreakBefore/>' : '',
    props.num ? `<w:numPr><w:ilvl w:val="${props.num.ilvl}"/><w:numId w:val="${props.num.numId}"/></w:numPr>` : '',
    props.sectionType ? `<w:sectPr><w:type w:val="${props.sectionType}"/></w:sectPr>` : '',
  ].join('');
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${parts.join('')}</w:p>`;
}

export interface CellProps {
  span?: number;
  vmerge?: 'restart' | 'continue';
}

/** A table cell; plain strings become paragraphs. */
export function cell(content: string | string[], props: CellProps = {}): string {
  const paras = (Array.isArray(content) ? content : [content]).map((c) => (c.startsWith('<') ? c : para(c)));
  const tcPr = [
    props.span ? `<w:gridSpan w:val="${props.span}"/>` : '',
    props.vmerge === 'restart' ? '<w:vMerge w:val="restart"/>' : props.vmerge === 'continue' ? '<w:vMerge/>' : '',
  ].join('');
  // Word requires at least one paragraph in a cell.
  return `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${paras.join('') || '<w:p/>'}</w:tc>`;
}

export function row(cells: string[], trPr = ''): string {
  return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
}

export function table(rows: string[], columns = 5): string {
  const grid = Array.from({ length: columns }, () => '<w:gridCol w:w="1800"/>').join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

export function documentXml(body: string, finalSectionType?: string): string {
  const sectPr = `<w:sectPr>${finalSectionType ? `<w:type w:val="${finalSectionType}"/>` : ''}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}"><w:body>${body}${sectPr}</w:body></w:document>`;
}

export function stylesXml(styles: string, defaultRunBold = false): string {
  const rPrDefault = `<w:rPrDefault><w:rPr>${defaultRunBold ? '<w:b/>' : ''}</w:rPr></w:rPrDefault>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W_NS}"><w:docDefaults>${rPrDefault}</w:docDefaults>`
    + `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${styles}</w:styles>`;
}

export interface LevelSpec {
  ilvl: number;
  numFmt: string;
  lvlText: string;
  start?: number;
  suff?: 'space' | 'nothing';
  isLgl?: boolean;
}

export function abstractNum(id: number, levels: LevelSpec[]): string {
  const lvls = levels.map((l) =>
    `<w:lvl w:ilvl="${l.ilvl}"><w:start w:val="${l.start ?? 1}"/><w:numFmt w:val="${l.numFmt}"/>`
    + `${l.isLgl ? '<w:isLgl/>' : ''}${l.suff ? `<w:suff w:val="${l.suff}"/>` : ''}<w:lvlText w:val="${esc(l.lvlText)}"/></w:lvl>`);
  return `<w:abstractNum w:abstractNumId="${id}">${lvls.join('')}</w:abstractNum>`;
}

export function num(numId: number, abstractId: number, startOverrides: Record<number, number> = {}): string {
  const overrides = Object.entries(startOverrides)
    .map(([ilvl, start]) => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`);
  return `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${overrides.join('')}</w:num>`;
}

export function numberingXml(abstracts: string[], nums: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="${W_NS}">${abstracts.join('')}${nums.join('')}</w:numbering>`;
}

// ---------------------------------------------------------------- packaging

export interface DocxParts {
  document?: string;
  styles?: string;
  numbering?: string;
  /** Further parts by ZIP name (docProps/app.xml …). */
  extra?: Record<string, string | Uint8Array>;
}

/** Zips the parts with the content types and relationships Word expects. */
export function buildDocx(parts: DocxParts): Uint8Array {
  const overrides: string[] = [];
  const rels: string[] = [];
  if (parts.document !== undefined) overrides.push(override('/word/document.xml', 'document.main'));
  if (parts.styles !== undefined) {
    overrides.push(override('/word/styles.xml', 'styles'));
    rels.push(rel('rId1', 'styles', 'styles.xml'));
  }
  if (parts.numbering !== undefined) {
    overrides.push(override('/word/numbering.xml', 'numbering'));
    rels.push(rel('rId2', 'numbering', 'numbering.xml'));
  }
  const files: Zippable = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + `<Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`),
    '_rels/.rels': strToU8(relationships([rel('rId1', 'officeDocument', 'word/document.xml')])),
    'word/_rels/document.xml.rels': strToU8(relationships(rels)),
  };
  if (parts.document !== undefined) files['word/document.xml'] = strToU8(parts.document);
  if (parts.styles !== undefined) files['word/styles.xml'] = strToU8(parts.styles);
  if (parts.numbering !== undefined) files['word/numbering.xml'] = strToU8(parts.numbering);
  for (const [name, data] of Object.entries(parts.extra ?? {})) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { mtime: MTIME, level: 6 });
}

function override(partName: string, kind: string): string {
  return `<Override PartName="${partName}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml"/>`;
}

function rel(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
}

function relationships(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

// ---------------------------------------------------------------- hostile archives (tests only)

/**
 * A DOCX whose word/document.xml inflates to `megabytes` MB of spaces. fflate's streaming writer
 * records the true size in the central directory; pass `declaredBytes` to make it lie.
 */
export function buildZipBomb(megabytes: number, declaredBytes?: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  const head = buildDocx({}); // content types and relationships only
  for (const [name, data] of Object.entries(unzipSync(head))) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    entry.push(data, true);
  }
  const bomb = new ZipDeflate('word/document.xml', { level: 1 });
  zip.add(bomb);
  const megabyte = new Uint8Array(1024 * 1024).fill(0x20);
  for (let i = 0; i < megabytes; i++) bomb.push(megabyte, i === megabytes - 1);
  zip.end();
  const bytes = concat(chunks);
  return declaredBytes === undefined ? bytes : setDeclaredSize(bytes, 'word/document.xml', declaredBytes);
}

/** Rewrites the uncompressed size the central directory declares for one entry. */
export function setDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (strFromU8(out.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---------------------------------------------------------------- the fixtures

const HEADER = row(['№ п/п', 'Мероприятие', 'Ответственные', 'Сроки', 'Результат'].map((h) => cell(para(run(h, { bold: true })))));

export const FIXTURES: Record<string, () => Uint8Array> = {
  'gridspan-section-row.docx': () => buildDocx({
    document: documentXml(para('План мероприятий') + table([
      HEADER,
      row([cell(para(run('1. Нормативно-правовое обеспечение', { bold: true })), { span: 5 })]),
      row([cell('1.1.'), cell('Разработка критериев'), cell('МОУО'), cell('Август 2021'), cell('Утверждены критерии')]),
      row([cell(''), cell('Мероприятие без номера', { span: 2 }), cell('2022'), cell('Отчёт')]),
    ])),
  }),

  'vmerge-cells.docx': () => buildDocx({
    document: documentXml(table([
      HEADER,
      row([cell('1.'), cell('Первое'), cell('Управление образования', { vmerge: 'restart' }), cell('2021'), cell('А')]),
      row([cell('2.'), cell('Второе'), cell('', { vmerge: 'continue' }), cell('2022'), cell('Б')]),
      // A row that Word split over a page: every cell that continues marks the new page.
      row([
        cell('3.'),
        cell(para(['<w:r><w:lastRenderedPageBreak/><w:t>Третье</w:t></w:r>'])),
        cell(para(['<w:r><w:lastRenderedPageBreak/><w:t>ОО</w:t></w:r>'])),
        cell(para(['<w:r><w:lastRenderedPageBreak/><w:t>2023</w:t></w:r>'])),
        cell('В'),
      ]),
    ])),
  }),

  'auto-numbered-cells.docx': () => buildDocx({
    document: documentXml(table([
      HEADER,
      row([cell(para('Нормативно-правовое обеспечение', { num: { numId: 1, ilvl: 0 } }), { span: 5 })]),
      row([cell(para([], { num: { numId: 1, ilvl: 1 } })), cell('Разработка'), cell('МОУО'), cell('2021'),
        cell([para('приказ', { num: { numId: 2, ilvl: 0 } }), para('план', { num: { numId: 2, ilvl: 0 } })])]),
      row([cell(para([], { num: { numId: 1, ilvl: 1 } })), cell('Утверждение'), cell('ОО'), cell('2022'), cell('')]),
      row([cell(para('Общесистемные мероприятия', { num: { numId: 1, ilvl: 0 } }), { span: 5 })]),
      row([cell(para([], { num: { numId: 1, ilvl: 1 } })), cell('Мониторинг'), cell('ИРО'), cell('2023'), cell('')]),
    ])),
    numbering: numberingXml(
      [
        abstractNum(10, [
          { ilvl: 0, numFmt: 'decimal', lvlText: '%1.', suff: 'space' },
          { ilvl: 1, numFmt: 'decimal', lvlText: '%1.%2.' },
        ]),
        abstractNum(20, [{ ilvl: 0, numFmt: 'bullet', lvlText: '\uF0B7' }]),
      ],
      [num(1, 10), num(2, 20)],
    ),
  }),

  'numbering-formats.docx': () => buildDocx({
    document: documentXml([
      para('римская', { num: { numId: 3, ilvl: 0 } }),
      para('римская', { num: { numId: 3, ilvl: 0 } }),
      para('тот же список, другой w:num', { num: { numId: 8, ilvl: 0 } }),
      para('перезапуск', { num: { numId: 7, ilvl: 0 } }),
      para('после перезапуска', { num: { numId: 7, ilvl: 0 } }),
      para('латинская', { num: { numId: 4, ilvl: 0 } }),
      para('латинская', { num: { numId: 4, ilvl: 0 } }),
      para('русская', { num: { numId: 5, ilvl: 0 } }),
      para('русская', { num: { numId: 5, ilvl: 0 } }),
      para('раздел', { num: { numId: 6, ilvl: 0 } }),
      para('юридическая', { num: { numId: 6, ilvl: 1 } }),
      para('нумерация из стиля', { style: 'NumberedHeading' }),
      para('нумерация из стиля', { style: 'NumberedHeading' }),
      para('нумерация снята', { style: 'NumberedHeading', num: { numId: 0, ilvl: 0 } }),
    ].join('')),
    styles: stylesXml('<w:style w:type="paragraph" w:styleId="NumberedHeading"><w:name w:val="Numbered Heading"/>'
      + '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>'),
    numbering: numberingXml(
      [
        abstractNum(30, [{ ilvl: 0, numFmt: 'upperRoman', lvlText: '%1.' }]),
        abstractNum(40, [{ ilvl: 0, numFmt: 'lowerLetter', lvlText: '%1)' }]),
        abstractNum(50, [{ ilvl: 0, numFmt: 'russianLower', lvlText: '%1)' }]),
        abstractNum(60, [
          { ilvl: 0, numFmt: 'upperRoman', lvlText: '%1.' },
          { ilvl: 1, numFmt: 'decimal', lvlText: '%1.%2.', isLgl: true },
        ]),
        abstractNum(90, [{ ilvl: 0, numFmt: 'decimal', lvlText: 'Раздел %1: ', suff: 'nothing' }]),
      ],
      [num(3, 30), num(8, 30), num(7, 30, { 0: 1 }), num(4, 40), num(5, 50), num(6, 60), num(9, 90)],
    ),
  }),

  'multi-paragraph-cells.docx': () => buildDocx({
    document: documentXml(table([
      HEADER,
      row([
        cell('1.'),
        cell(['Проведение семинаров', '', 'для учителей']),
        cell(para(['<w:r><w:t>МОУО,</w:t><w:br/><w:t>ИРО</w:t></w:r>'])),
        cell(para(['<w:r><w:t>Сентябрь</w:t><w:tab/><w:t>2021</w:t></w:r>'])),
        cell([para('Справка'), table([row([cell('вложенная'), cell('таблица')]), row([cell('вторая строка')])], 2)]),
      ]),
      row([cell('2.'), cell('Строка со сдвигом сетки')], '<w:gridBefore w:val="1"/><w:gridAfter w:val="2"/>'),
    ])),
  }),

  'inline-markup.docx': () => buildDocx({
    document: documentXml([
      para(['Ссылка: ', '<w:hyperlink w:anchor="x"><w:r><w:t>сайт</w:t></w:r></w:hyperlink>']),
      para(['<w:sdt><w:sdtPr><w:alias w:val="Дата"/></w:sdtPr><w:sdtContent><w:r><w:t>поле формы</w:t></w:r></w:sdtContent></w:sdt>']),
      para(['было ', '<w:del w:id="1" w:author="a"><w:r><w:delText>удалено </w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="a"><w:r><w:t>вставлено</w:t></w:r></w:ins>']),
      para(['<w:r><w:t>пере</w:t><w:softHyphen/><w:t>нос и Северо</w:t><w:noBreakHyphen/><w:t>Запад </w:t>'
        + '<w:sym w:font="Symbol" w:char="F0B7"/><w:t> пункт</w:t></w:r>']),
      para(['видимый', run(' скрытый', { hidden: true })]),
      para(['<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>']),
      para('жирный по стилю абзаца', { style: 'BoldHeading' }),
      para([run('жирный снят ', { bold: 'off' }), run('в одном прогоне')], { style: 'BoldHeading' }),
      para([run('жирный по стилю знака', { style: 'StrongChar' }), run('  ')]),
      para(['<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">'
        + '<w:drawing><w:txbxContent><w:p><w:r><w:t>надпись</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice></mc:AlternateContent></w:r>', 'текст рядом']),
      para(['<w:r><w:t>&#1041;уква &amp; знак</w:t></w:r>']),
    ].join('')),
    styles: stylesXml(
      '<w:style w:type="paragraph" w:styleId="BoldHeading"><w:name w:val="Bold Heading"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>'
      + '<w:style w:type="character" w:styleId="StrongChar"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'),
  }),

  'no-table.docx': () => buildDocx({
    document: documentXml([
      para('Первая страница'),
      para(['<w:r><w:t>конец первой</w:t><w:br w:type="page"/><w:t>вторая</w:t></w:r>']),
      para('третья', { pageBreakBefore: true }),
      para('конец раздела', { sectionType: 'continuous' }),
      para(['<w:r><w:br w:type="page"/></w:r>']),
      para('последняя'),
    ].join(''), 'nextPage'),
  }),

  'missing-document-xml.docx': () => buildDocx({ styles: stylesXml('') }),
};

/**
 * The lysva-2021 corpus DOCX with its literal "1." / "1.1." labels turned into Word
 * auto-numbering, so the reader's rendering of numbering can be compared with the original.
 */
export function autoNumberCorpusDocx(original: Uint8Array): Uint8Array {
  const files = unzipSync(original);
  const documentXmlBytes = files['word/document.xml'];
  if (!documentXmlBytes) throw new Error('no word/document.xml');
  const xml = strFromU8(documentXmlBytes);
  const start = xml.indexOf('<w:tbl>');
  const end = xml.indexOf('</w:tbl>');
  let expectSection = 1;
  let expectItem = 1;
  const numPr = (ilvl: number): string => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`;
  const paragraph = /<w:p><w:pPr>((?:(?!<\/w:pPr>).)*)<\/w:pPr><w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t>(\d+)\.(?:(\d+)\.)?( [^<]+)?<\/w:t><\/w:r><\/w:p>/g;
  const rewritten = xml.slice(start, end).replace(paragraph, (whole, pPr: string, rPr = '', major: string, minor?: string, rest?: string) => {
    if (minor === undefined && rest) {
      if (Number(major) !== expectSection) throw new Error(`section ${major} out of sequence`);
      expectSection++;
      expectItem = 1;
      return `<w:p><w:pPr>${numPr(0)}${pPr}</w:pPr><w:r>${rPr}<w:t>${rest.trim()}</w:t></w:r></w:p>`;
    }
    if (minor !== undefined && !rest) {
      if (Number(major) !== expectSection - 1 || Number(minor) !== expectItem) throw new Error(`item ${major}.${minor} out of sequence`);
      expectItem++;
      return `<w:p><w:pPr>${numPr(1)}${pPr}</w:pPr></w:p>`;
    }
    return whole;
  });
  if (expectSection === 1) throw new Error('no numbered sections found');
  files['word/document.xml'] = strToU8(xml.slice(0, start) + rewritten + xml.slice(end));
  files['word/numbering.xml'] = strToU8(numberingXml(
    [abstractNum(1, [
      { ilvl: 0, numFmt: 'decimal', lvlText: '%1.', suff: 'space' },
      { ilvl: 1, numFmt: 'decimal', lvlText: '%1.%2.' },
    ])],
    [num(1, 1)],
  ));
  const relsName = 'word/_rels/document.xml.rels';
  const relsBytes = files[relsName];
  if (relsBytes) {
    files[relsName] = strToU8(strFromU8(relsBytes).replace('</Relationships>', `${rel('rIdNum', 'numbering', 'numbering.xml')}</Relationships>`));
  }
  return zipSync(files, { mtime: MTIME, level: 6 });
}

function main(): void {
  const projectRoot = process.cwd();
  const out = path.join(projectRoot, 'fixtures', 'docx');
  mkdirSync(out, { recursive: true });
  for (const [name, build] of Object.entries(FIXTURES)) {
    const bytes = build();
    writeFileSync(path.join(out, name), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
  const lysva = readFileSync(path.join(projectRoot, 'fixtures', 'corpus', 'docs', 'lysva-2021.docx'));
  const auto = autoNumberCorpusDocx(lysva);
  writeFileSync(path.join(out, 'lysva-2021.autonumbered.docx'), auto);
  console.log(`lysva-2021.autonumbered.docx: ${auto.length} bytes`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
