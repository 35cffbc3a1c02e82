import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CorruptFileError, TooLargeError, UnsupportedFormatError } from '../../src/errors.js';
import type { StructBlock, StructCell } from '../../src/model/document.js';
import { readDocx } from '../../src/ingest/docx.js';
import { readOdt } from '../../src/ingest/odt.js';
import { setDeclaredSize } from '../../scripts/make-docx-fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMITS = { maxUncompressedMb: 100 };

const read = (...parts: string[]): Uint8Array => readFileSync(path.join(root, ...parts));
const formatsOdt = (id: string): Uint8Array => read('fixtures', 'formats', `${id}.odt`);
const caseOdt = (name: string): Uint8Array => read('fixtures', 'formats', 'cases', name);
const docxOf = (...parts: string[]): StructBlock[] => readDocx(read(...parts), LIMITS).blocks;

function tables(blocks: StructBlock[]): StructCell[][][] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
}

function paragraphs(blocks: StructBlock[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? [`${b.bold ? '*' : ''}${b.text}`] : []));
}

/** Cells as `text`, with `<span>`, `[restart]`/`[continue]` and a `*` for bold: one string per row. */
function rowsOf(blocks: StructBlock[]): string[][] {
  const [rows] = tables(blocks);
  return (rows ?? []).map((r) => r.map((c) => `${c.text}${c.span > 1 ? `<${c.span}>` : ''}${c.vmerge ? `[${c.vmerge}]` : ''}${c.bold ? '*' : ''}`));
}

/** The package without meta.xml: the page count is then estimated from the body. */
function withoutMeta(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  delete files['meta.xml'];
  return zipSync(files);
}

function replacePart(bytes: Uint8Array, name: string, data: string | Uint8Array): Uint8Array {
  const files: Zippable = unzipSync(bytes);
  files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

// ---------------------------------------------------------------- packages built in the test

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

const contentXml = (body: string, automatic = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3">`
  + `<office:automatic-styles>${automatic}</office:automatic-styles>`
  + `<office:body><office:text>${body}</office:text></office:body></office:document-content>`;

const stylesXml = (styles: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.3">`
  + `<office:styles>${styles}</office:styles></office:document-styles>`;

const metaXml = (pages: number): string =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS}><office:meta>`
  + `<meta:document-statistic meta:page-count="${pages}"/></office:meta></office:document-meta>`;

interface OdtParts {
  content: string;
  styles?: string;
  meta?: string;
  manifest?: string;
}

function buildOdt(parts: OdtParts): Uint8Array {
  const files: Zippable = { mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }] };
  files['content.xml'] = strToU8(parts.content);
  if (parts.styles !== undefined) files['styles.xml'] = strToU8(parts.styles);
  if (parts.meta !== undefined) files['meta.xml'] = strToU8(parts.meta);
  if (parts.manifest !== undefined) files['META-INF/manifest.xml'] = strToU8(parts.manifest);
  return zipSync(files);
}

const odt = (body: string, automatic = '', styles?: string): StructBlock[] =>
  readOdt(buildOdt({ content: contentXml(body, automatic), ...(styles !== undefined ? { styles: stylesXml(styles) } : {}) }), LIMITS).blocks;

const p = (text: string, style = 'Standard'): string => `<text:p text:style-name="${style}">${text}</text:p>`;
const tc = (text: string, attrs = ''): string => `<table:table-cell ${attrs}>${p(text)}</table:table-cell>`;
const covered = '<table:covered-table-cell/>';
const tr = (...cells: string[]): string => `<table:table-row>${cells.join('')}</table:table-row>`;
const tbl = (...rows: string[]): string => `<table:table table:name="T">${rows.join('')}</table:table>`;

// ---------------------------------------------------------------- the corpus

const CORPUS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'];
/** meta:page-count LibreOffice saved with each corpus document. */
const SAVED_PAGES: Record<string, number> = {
  'krasnooktyabrsky-2020': 3, 'lysva-2021': 3, 'perm-krai-2021': 4, 'prigorodny-2021': 5, 'vereshchagino-2021': 2,
};

describe('readOdt: the corpus re-saved by LibreOffice gives the DOCX reader\'s blocks', () => {
  it.each(CORPUS)('%s', (id) => {
    const result = readOdt(formatsOdt(id), LIMITS);
    expect(result.blocks).toEqual(docxOf('fixtures', 'corpus', 'docs', `${id}.docx`));
    expect(result.pageCount).toBe(SAVED_PAGES[id]);
    expect(result.issues).toEqual([]);
  });

  it('estimates the pages from soft page breaks and style breaks when meta.xml is missing', () => {
    // LibreOffice marks no soft break inside a row split over two pages, so the estimate is
    // exact where no row splits and a lower bound elsewhere.
    for (const id of ['lysva-2021', 'perm-krai-2021', 'vereshchagino-2021']) {
      expect(readOdt(withoutMeta(formatsOdt(id)), LIMITS).pageCount).toBe(SAVED_PAGES[id]);
    }
    for (const id of CORPUS) {
      const estimate = readOdt(withoutMeta(formatsOdt(id)), LIMITS).pageCount;
      expect(estimate).toBeGreaterThanOrEqual(1);
      expect(estimate).toBeLessThanOrEqual(SAVED_PAGES[id] ?? 0);
    }
  });
});

// ---------------------------------------------------------------- LibreOffice's own cases

describe('readOdt: edge cases as LibreOffice writes them (fixtures/formats/cases)', () => {
  it.each([
    ['merged-cells-horizontal.odt', 'gridspan-section-row.docx'],
    ['merged-cells-vertical.odt', 'vmerge-cells.docx'],
    ['list-numbered-table.odt', 'auto-numbered-cells.docx'],
    ['list-numbered-plan.odt', 'lysva-2021.autonumbered.docx'],
  ])('%s reads as its source %s', (odtName, docxName) => {
    expect(readOdt(caseOdt(odtName), LIMITS).blocks).toEqual(docxOf('fixtures', 'docx', docxName));
  });

  it('keeps Word numbering turned into ODF lists, as LibreOffice shows it', () => {
    const blocks = readOdt(caseOdt('list-numbering-formats.odt'), LIMITS).blocks;
    const fromDocx = paragraphs(docxOf('fixtures', 'docx', 'numbering-formats.docx'));
    // Word's isLgl shows "1.1." under "I."; ODF has no such flag, and LibreOffice shows "I.1.".
    expect(paragraphs(blocks)).toEqual(fromDocx.map((t) => t.replace('1.1. юридическая', 'I.1. юридическая')));
    expect(paragraphs(blocks)).toContain('I.1. юридическая');
  });

  it('reads links, content controls, tracked changes, symbols, hidden text and character styles', () => {
    expect(paragraphs(readOdt(caseOdt('inline-markup-fields-hidden.odt'), LIMITS).blocks)).toEqual([
      'Ссылка: сайт',
      'поле формы',
      'было вставлено', // the deletion, kept in text:tracked-changes, is not read
      // LibreOffice's import dropped the spaces around Word's w:sym; the glyph is still «•».
      'перенос и Северо-Запад•пункт',
      'видимый',
      '0', // the page-number field as LibreOffice saved it (Word had cached 7)
      '*жирный по стилю абзаца',
      'жирный снят в одном прогоне',
      '*жирный по стилю знака',
      'текст рядом',
      'Буква & знак',
    ]);
  });

  it('counts page breaks asked for by styles and master-page switches', () => {
    const bytes = caseOdt('page-breaks.odt');
    // Word's in-paragraph page break became a paragraph with break-before: one more paragraph.
    expect(paragraphs(readOdt(bytes, LIMITS).blocks)).toEqual(['Первая страница', 'конец первой', 'вторая', 'третья', 'конец раздела', 'последняя']);
    expect(readOdt(bytes, LIMITS).pageCount).toBe(5);
    expect(readOdt(withoutMeta(bytes), LIMITS).pageCount).toBe(5);
  });

  it('turns a block merged over rows and columns into a wide restart and a wide continue', () => {
    const blocks = readOdt(caseOdt('merged-cells-block-nested-table.odt'), LIMITS).blocks;
    expect(paragraphs(blocks)).toEqual(['*План мероприятий']);
    expect(rowsOf(blocks)).toEqual([
      ['№*', 'Мероприятие*', 'Ответственные*', 'Сроки*', 'Результат*'],
      ['1.', 'Первое', 'Управление образования, 2021–2022<2>[restart]', 'А'],
      ['2.', 'Второе', '<2>[continue]', 'Б'],
      ['3.', 'Третье\nвторой абзац', 'ОО\nИРО', '2023', 'Справка\nвложенная\nтаблица\nвторая строка'],
      ['2. Раздел<5>*'],
      ['4.[restart]', 'Четвёртое', 'МОУО', '2024', 'Г'],
      ['[continue]', 'продолжение', 'ИРО', '2024', 'Д'],
      ['[continue]', 'ещё', 'ОО', '2025', 'Е'],
    ]);
  });

  it('numbers lists and outline headings as LibreOffice renders them', () => {
    // The expected labels are those of LibreOffice's own text export of the same file.
    expect(paragraphs(readOdt(caseOdt('list-continuation-outline.odt'), LIMITS).blocks)).toEqual([
      '*1. Общие положения',
      '*1.1. Цели',
      '*1.2. Задачи',
      '*2. Мероприятия',
      'Заголовок списка без номера',
      '1. Первое',
      'продолжение первого',
      '1.1. Подпункт',
      'Перерыв',
      '2. Второе', // text:continue-numbering
      '1. Новый список',
      '3. Третье', // text:continue-list of the first list
      '10. Десятое',
      'и) девятая',
      'к) десятая', // LibreOffice's Russian letters skip й …
      'ы) двадцать шестая', // … and keep ы
      'я) двадцать девятая',
      'аа) тридцатая',
      'аб) тридцать первая',
      'z) z',
      'aa) aa',
      'Этап III. третий этап',
      'Этап IV. четвёртый этап',
    ]);
  });

  it('takes bold from styles and weights, keeps text:s, tabs and line breaks, drops hidden text', () => {
    const bytes = caseOdt('styles-bold-spaces-breaks.odt');
    expect(paragraphs(readOdt(bytes, LIMITS).blocks)).toEqual([
      '*Жирный по родительскому стилю',
      'Обычный внутри жирного',
      '*Жирный 700 и полужирный 600',
      'Пробелы:   три, табуляция\tи перенос\nстроки',
      'Видимый текст',
      'Страница 2 (разрыв в общем стиле)',
      'Разрыв после абзаца',
      'Страница 3',
      '*Страница 4, жирный заголовок',
    ]);
    expect(readOdt(bytes, LIMITS).pageCount).toBe(4);
    expect(readOdt(withoutMeta(bytes), LIMITS).pageCount).toBe(4);
  });
});

// ---------------------------------------------------------------- structures built in the test

describe('readOdt: text', () => {
  it('collapses white space as ODF does, in pretty-printed XML too', () => {
    const body = `<text:p text:style-name="Standard">
        <text:span>Первое</text:span>
        <text:span>слово</text:span>   и   ещё
      </text:p>${p(' <text:s text:c="2"/>отступ<text:tab/> после табуляции ')}${p('через <text:span> границу</text:span>')}`;
    expect(paragraphs(odt(body))).toEqual(['Первое слово и ещё', 'отступ\t после табуляции', 'через границу']);
  });

  it('reads any namespace prefix', () => {
    const content = contentXml(p('Другой префикс')).replace(/(<\/?|\s)text:/g, '$1t:').replace('xmlns:text=', 'xmlns:t=');
    expect(content).toContain('<t:p t:style-name="Standard">');
    expect(paragraphs(readOdt(buildOdt({ content }), LIMITS).blocks)).toEqual(['Другой префикс']);
  });

  it('skips notes, comments, text boxes and a cached list label', () => {
    const body = p('Основной<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
      + '<text:note-body><text:p>сноска</text:p></text:note-body></text:note> текст'
      + '<office:annotation><dc:creator>a</dc:creator><text:p>комментарий</text:p></office:annotation>'
      + '<draw:frame><draw:text-box><text:p>надпись</text:p></draw:text-box></draw:frame>')
      + '<text:list><text:list-item><text:p><text:number>7.</text:number>пункт</text:p></text:list-item></text:list>';
    expect(paragraphs(odt(body))).toEqual(['Основной текст', 'пункт']);
  });

  it('takes bold through common-style parents and the default style, per text run', () => {
    const styles = '<style:default-style style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:default-style>'
      + '<style:style style:name="Base" style:family="paragraph"><style:text-properties fo:font-weight="normal"/></style:style>'
      + '<style:style style:name="Heavy" style:family="paragraph" style:parent-style-name="Base"><style:text-properties fo:font-weight="800"/></style:style>'
      + '<style:style style:name="Child" style:family="paragraph" style:parent-style-name="Heavy"/>';
    const automatic = '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Child"/>'
      + '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="300"/></style:style>';
    const blocks = odt(p('по умолчанию', 'Unknown') + p('обычный', 'Base') + p('через два родителя', 'P1')
      + p('<text:span text:style-name="T1">тонкий</text:span> <text:s/> ', 'P1'), automatic, styles);
    expect(paragraphs(blocks)).toEqual(['*по умолчанию', 'обычный', '*через два родителя', 'тонкий']);
  });

  it('numbers text:numbered-paragraph and leaves a list-header heading unnumbered', () => {
    const styles = '<text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style>'
      + '<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/></text:outline-style>';
    const body = '<text:numbered-paragraph text:list-id="x" text:style-name="N"><text:p>первый</text:p></text:numbered-paragraph>'
      + '<text:numbered-paragraph text:list-id="x" text:style-name="N"><text:p>второй</text:p></text:numbered-paragraph>'
      + '<text:h text:outline-level="1">Раздел</text:h><text:h text:outline-level="1" text:is-list-header="true">Без номера</text:h>'
      + '<text:h text:outline-level="1">Следующий</text:h>';
    expect(paragraphs(odt(body, '', styles))).toEqual(['1. первый', '2. второй', 'I. Раздел', 'Без номера', 'II. Следующий']);
  });

  it('drops a paragraph hidden by its style', () => {
    const automatic = '<style:style style:name="H" style:family="paragraph"><style:text-properties text:display="none"/></style:style>';
    expect(paragraphs(odt(p('скрытый', 'H') + p('видимый'), automatic))).toEqual(['видимый']);
  });
});

describe('readOdt: tables', () => {
  it('reads rows inside header rows, row groups and table:table-rows, in order', () => {
    const body = '<table:table><table:table-column table:number-columns-repeated="2"/>'
      + `<table:table-header-rows>${tr(tc('№'), tc('Мероприятие'))}</table:table-header-rows>`
      + `<table:table-row-group><table:table-rows>${tr(tc('1.'), tc('первое'))}</table:table-rows></table:table-row-group>`
      + `${tr(tc('2.'), tc('второе'))}</table:table>`;
    expect(rowsOf(odt(body))).toEqual([['№', 'Мероприятие'], ['1.', 'первое'], ['2.', 'второе']]);
  });

  it('absorbs horizontal covers, continues vertical ones, and reads a stray covered cell as a cell', () => {
    const body = tbl(
      tr(tc('A', 'table:number-columns-spanned="2" table:number-rows-spanned="2"'), covered, tc('B')),
      tr(covered, covered, tc('C')),
      tr(tc('D'), '<table:covered-table-cell><text:p>E</text:p></table:covered-table-cell>', tc('F')),
    );
    expect(rowsOf(odt(body))).toEqual([['A<2>[restart]', 'B'], ['<2>[continue]', 'C'], ['D', 'E', 'F']]);
  });

  it('repeats cells and rows, within bounds', () => {
    const body = tbl(
      tr(tc('x', 'table:number-columns-repeated="3"')),
      `<table:table-row table:number-rows-repeated="2">${tc('y')}</table:table-row>`,
      `<table:table-row table:number-rows-repeated="1000000000">${tc('z')}</table:table-row>`,
    );
    const rows = rowsOf(odt(body));
    expect(rows.slice(0, 3)).toEqual([['x', 'x', 'x'], ['y'], ['y']]);
    expect(rows).toHaveLength(3 + 1000);
  });

  it('keeps a cell bold only when all its text runs are, and flattens lists and nested tables', () => {
    const automatic = '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
      + '<text:list-style style:name="L"><text:list-level-style-bullet text:level="1" text:bullet-char="–"/></text:list-style>';
    const body = tbl(tr(
      `<table:table-cell>${p('<text:span text:style-name="B">весь</text:span>')}${p('<text:span text:style-name="B">жирный</text:span>')}</table:table-cell>`,
      `<table:table-cell>${p('<text:span text:style-name="B">наполовину</text:span> жирный')}</table:table-cell>`,
      `<table:table-cell><text:list text:style-name="L"><text:list-item>${p('приказ')}</text:list-item><text:list-item>${p('план')}</text:list-item></text:list>`
      + `${tbl(tr(tc('вложенная'), covered), tr(tc('ячейка'), tc('ещё')))}</table:table-cell>`,
    ));
    expect(rowsOf(odt(body, automatic))).toEqual([['весь\nжирный*', 'наполовину жирный', '– приказ\n– план\nвложенная\nячейка\nещё']]);
  });

  it('counts a page once for a row that soft page breaks split in every cell', () => {
    const split = (text: string): string => `<table:table-cell><text:p>${text}</text:p><text:soft-page-break/><text:p>конец</text:p></table:table-cell>`;
    const body = `${p('до')}${tbl(tr(split('a'), split('b'), split('c')), '<text:soft-page-break/>', tr(tc('d')))}`;
    expect(readOdt(buildOdt({ content: contentXml(body) }), LIMITS).pageCount).toBe(3);
  });

  it('counts a table that starts a page, but not a first block that asks for one', () => {
    const automatic = '<style:style style:name="Tb" style:family="table"><style:table-properties fo:break-before="page"/></style:style>'
      + '<style:style style:name="Pb" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>'
      + '<style:style style:name="Pm" style:family="paragraph" style:master-page-name="Landscape"/>';
    const body = `${p('первый', 'Pb')}<table:table table:style-name="Tb">${tr(tc('таблица'))}</table:table>${p('альбомная', 'Pm')}`;
    const bytes = buildOdt({ content: contentXml(body, automatic) });
    expect(readOdt(bytes, LIMITS).pageCount).toBe(3);
    expect(readOdt(buildOdt({ content: contentXml(body, automatic), meta: metaXml(7) }), LIMITS).pageCount).toBe(7);
  });
});

// ---------------------------------------------------------------- broken and hostile files

/** An ODT whose content.xml inflates to `megabytes` MB (one paragraph of spaces). */
function odtBomb(megabytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  const entry = new ZipDeflate('content.xml', { level: 1 });
  zip.add(entry);
  const [head, tail] = contentXml(p('@')).split('@') as [string, string];
  entry.push(strToU8(head));
  const megabyte = new Uint8Array(1024 * 1024).fill(0x20);
  for (let i = 0; i < megabytes; i++) entry.push(megabyte);
  entry.push(strToU8(tail), true);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Where an entry's compressed data lies in a ZIP, from its central and local headers. */
function compressedRange(zip: Uint8Array, name: string): [number, number] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 46; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (Buffer.from(zip.subarray(at + 46, at + 46 + nameLength)).toString() !== name) continue;
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    return [start, start + view.getUint32(at + 20, true)];
  }
  throw new Error(`no ${name} in the archive`);
}

function timed<T>(run: () => T): { result: T | Error; ms: number } {
  const start = performance.now();
  let result: T | Error;
  try {
    result = run();
  } catch (error) {
    result = error as Error;
  }
  return { result, ms: performance.now() - start };
}

describe('readOdt: broken and hostile files', () => {
  it('refuses bytes that are not a ZIP, and archives cut short', () => {
    expect(() => readOdt(strToU8('План мероприятий'), LIMITS)).toThrow(CorruptFileError);
    expect(() => readOdt(new Uint8Array(4096).fill(0xa5), LIMITS)).toThrow(CorruptFileError);
    const whole = formatsOdt('lysva-2021');
    for (const fraction of [0.05, 0.3, 0.5, 0.8, 0.99]) {
      const { result, ms } = timed(() => readOdt(whole.subarray(0, Math.floor(whole.length * fraction)), LIMITS));
      expect(result).toBeInstanceOf(CorruptFileError);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('reports damage inside the archive rather than reading altered text', () => {
    // fflate does not check CRCs, and a flipped byte in a deflate stream can inflate to
    // plausible XML with one word changed; the reader checks the CRCs itself.
    const whole = caseOdt('merged-cells-vertical.odt');
    const [start, end] = compressedRange(whole, 'content.xml');
    for (let at = start; at < end; at += 5) {
      const damaged = Uint8Array.from(whole);
      damaged[at] = (damaged[at] ?? 0) ^ 0x5a;
      expect(() => readOdt(damaged, LIMITS)).toThrow(CorruptFileError);
    }
  });

  it('refuses content.xml that is missing, cut short, not well-formed or without office:text', () => {
    const whole = formatsOdt('lysva-2021');
    const files = unzipSync(whole);
    delete files['content.xml'];
    expect(() => readOdt(zipSync(files), LIMITS)).toThrow(/no content\.xml/);
    const xml = unzipSync(whole)['content.xml'] ?? new Uint8Array();
    expect(() => readOdt(replacePart(whole, 'content.xml', xml.subarray(0, xml.length / 2)), LIMITS)).toThrow(CorruptFileError);
    expect(() => readOdt(buildOdt({ content: contentXml('<text:p><text:span>x</text:p></text:span>') }), LIMITS)).toThrow(/not well-formed/);
    expect(() => readOdt(buildOdt({ content: '<?xml version="1.0"?><other/>' }), LIMITS)).toThrow(CorruptFileError);
    const noText = contentXml('').replace('<office:text></office:text>', '');
    expect(() => readOdt(buildOdt({ content: noText }), LIMITS)).toThrow(/no office:text/);
  });

  it('refuses a spreadsheet handed to it, and a password-protected document', () => {
    expect(() => readOdt(read('fixtures', 'formats', 'lysva-2021.ods'), LIMITS)).toThrow(UnsupportedFormatError);
    const manifest = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
      + '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
      + '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
      + '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>';
    const encrypted = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': [Uint8Array.from({ length: 512 }, (_, i) => (i * 151) & 0xff), { level: 0 }],
      'META-INF/manifest.xml': strToU8(manifest),
    });
    expect(() => readOdt(encrypted, LIMITS)).toThrow(/password-protected/);
  });

  it('refuses entity declarations (billion laughs) at once', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
      + '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
      + contentXml(p('&d;&d;&d;&d;&d;&d;&d;&d;')).replace('<?xml version="1.0" encoding="UTF-8"?>', '');
    const { result, ms } = timed(() => readOdt(buildOdt({ content: laughs }), LIMITS));
    expect(result).toBeInstanceOf(CorruptFileError);
    expect(String(result)).toMatch(/entities/);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses absurdly deep nesting without exhausting the stack', () => {
    const deep = `${'<text:span>'.repeat(5000)}x${'</text:span>'.repeat(5000)}`;
    const { result, ms } = timed(() => readOdt(buildOdt({ content: contentXml(p(deep)) }), LIMITS));
    expect(result).toBeInstanceOf(CorruptFileError);
    expect(ms).toBeLessThan(2000);
  });

  it('reads the text when styles.xml is broken, and says so', () => {
    const bytes = replacePart(formatsOdt('vereshchagino-2021'), 'styles.xml', '<office:document-styles><broken');
    const result = readOdt(bytes, LIMITS);
    expect(tables(result.blocks)).toHaveLength(1);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.message).toMatch(/styles\.xml ignored/);
  });

  describe('bombs', () => {
    it('refuses from the declared size without inflating', () => {
      expect(() => readOdt(odtBomb(8), { maxUncompressedMb: 2 })).toThrow(/ODT parts declare/);
    });

    it('stops inflating at the limit when the declared size lies', () => {
      const lying = setDeclaredSize(odtBomb(8), 'content.xml', 10_000);
      expect(() => readOdt(lying, { maxUncompressedMb: 2 })).toThrow(/inflate beyond/);
    });

    it('holds content.xml to the per-part limit (limits.maxXmlPartMb), declared or inflated', () => {
      const limits = { maxUncompressedMb: 100, maxXmlPartMb: 4 };
      expect(() => readOdt(odtBomb(8), limits)).toThrow(/^too large: content\.xml of the ODT declares 8\.0 MB uncompressed \(limit 4\.0 MB per part\)$/);
      const lying = setDeclaredSize(odtBomb(8), 'content.xml', 10_000);
      expect(() => readOdt(lying, limits)).toThrow(/^too large: content\.xml of the ODT inflates beyond 4\.0 MB, the limit per part \(its ZIP entry declares 10000 bytes\)$/);
      // A part under the limit is read (1 MB of spaces in one paragraph: no text).
      expect(readOdt(odtBomb(1), limits).blocks).toEqual([]);
    });

    it('bounds what text:s and repeated cells expand to', () => {
      const one = readOdt(buildOdt({ content: contentXml(p('a<text:s text:c="999999999"/>b')) }), LIMITS).blocks;
      expect(paragraphs(one)[0]).toHaveLength(1002); // one text:s stands for at most 1000 spaces
      const many = p('<text:s text:c="1000"/>x'.repeat(3000));
      expect(() => readOdt(buildOdt({ content: contentXml(many) }), { maxUncompressedMb: 1 })).toThrow(TooLargeError);
      const cells = tbl(`<table:table-row table:number-rows-repeated="1000">${tc('x', 'table:number-columns-repeated="64"')}</table:table-row>`.repeat(20));
      expect(() => readOdt(buildOdt({ content: contentXml(cells) }), { maxUncompressedMb: 1 })).toThrow(TooLargeError);
    });
  });
});
