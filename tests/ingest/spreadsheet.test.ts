import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import CFB from 'cfb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CorruptFileError, IngestError, NoPlanTableError, TooLargeError } from '../../src/errors.js';
import type { StructBlock, StructCell } from '../../src/model/document.js';
import { readDocx } from '../../src/ingest/docx.js';
import { readSpreadsheet } from '../../src/ingest/spreadsheet.js';
import { MAX_SHEET_ROWS, MAX_TABLE_COLUMNS } from '../../src/ingest/spreadsheet-layout.js';
import { MAX_WORKBOOK_CELLS } from '../../src/ingest/spreadsheet-package.js';
import { setDeclaredSize } from '../../scripts/make-docx-fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMITS = { maxUncompressedMb: 100 };
const CORPUS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'];
const KINDS = ['xlsx', 'xls', 'ods'] as const;
type Kind = (typeof KINDS)[number];

const formatFile = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(root, 'fixtures', 'formats', name)));
const caseFile = (name: string): Uint8Array => formatFile(path.join('cases', name));
const read = (bytes: Uint8Array, kind: Kind, limits = LIMITS) => readSpreadsheet(bytes, limits, kind);

const tables = (blocks: StructBlock[]): StructCell[][][] => blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
const paragraphs = (blocks: StructBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const cell = (text: string, extra: Partial<StructCell> = {}): StructCell => ({ text, span: 1, vmerge: null, bold: false, ...extra });

/**
 * What LibreOffice changed on the way from the DOCX to a sheet (through its HTML import): no
 * bold, non-breaking spaces typed as spaces, and list labels «1.» taken for the number 1.
 */
const same = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/^(\d+)\.$/, '$1');

/** A workbook written by SheetJS itself, for cases Calc cannot be asked to write. */
function sheetJsBook(sheets: Record<string, XLSX.WorkSheet>, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, sheet] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, sheet, name);
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
}

const PLAN_HEADER = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'];

function expectError(run: () => unknown, type: new (...args: never[]) => IngestError, message?: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  if (message) expect((caught as Error).message).toMatch(message);
}

describe('readSpreadsheet: the corpus re-saved by LibreOffice Calc gives the DOCX reader\'s blocks', () => {
  const cases = CORPUS.flatMap((id) => KINDS.map((kind) => [id, kind] as const));
  it.each(cases)('%s.%s', (id, kind) => {
    const docx = readDocx(readFileSync(path.join(root, 'fixtures', 'corpus', 'docs', `${id}.docx`)), LIMITS);
    const sheet = read(formatFile(`${id}.${kind}`), kind);
    expect(sheet.issues).toEqual([]);
    expect(sheet.pageCount).toBe(1);
    // The heading paragraphs, in order.
    expect(paragraphs(sheet.blocks).map(same)).toEqual(paragraphs(docx.blocks).map(same).filter(Boolean));
    // One plan table with the same rows, cells, spans and vertical merges.
    const [want] = tables(docx.blocks);
    const [got] = tables(sheet.blocks);
    expect(tables(sheet.blocks)).toHaveLength(1);
    expect(got!.map((r) => r.map((c) => ({ ...c, text: same(c.text), bold: false }))))
      .toEqual(want!.map((r) => r.map((c) => ({ ...c, text: same(c.text), bold: false }))));
  });
});

describe('readSpreadsheet: layout of a plan sheet (Calc-written cases)', () => {
  const expected: StructBlock[] = [
    { kind: 'paragraph', text: 'ПРИКАЗ', bold: false },
    { kind: 'paragraph', text: 'от 01.09.2021 № 305', bold: false },
    {
      kind: 'table',
      rows: [
        ['№ п/п', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'].map((t) => cell(t)),
        [cell('1. Организационные мероприятия', { span: 5 })],
        [cell('1.1.'), cell('Создание рабочей группы\nи утверждение состава'), cell('01.09.2021'), cell('Управление образования', { vmerge: 'restart' }), cell('Приказ')],
        [cell('1.2.'), cell('Проведение совещания'), cell('в течение года'), cell('', { vmerge: 'continue' }), cell('Протокол')],
        [cell('1.3.'), cell('Мониторинг'), cell('ежегодно'), cell('МОУО'), cell('Справка')],
      ],
    },
    { kind: 'paragraph', text: 'Начальник управления', bold: false },
    { kind: 'paragraph', text: 'И.И. Иванов', bold: false },
  ];

  it.each(KINDS)(
    'heading rows, merged cells both ways, a margin column, a date, two lines, a gap, signatures (.%s)',
    (kind) => {
      const r = read(caseFile(`plan-layout-merged-margin-signatures.${kind}`), kind);
      expect(r.blocks).toEqual(expected);
      expect(r.issues).toEqual([{ stage: 'ingest', severity: 'warning', message: 'sheet «Пояснения» ignored: no plan header' }]);
    },
  );

  it('passes on every sheet, with a warning, when none has a plan header', () => {
    const r = read(caseFile('no-plan-header.xlsx'), 'xlsx');
    expect(r.blocks).toEqual([
      { kind: 'paragraph', text: 'Контингент школ', bold: false },
      { kind: 'table', rows: [['Школа', 'Ученики', 'Учителя'].map((t) => cell(t)), ['МБОУ СОШ № 1', '420', '31'].map((t) => cell(t))] },
    ]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.message).toMatch(/no sheet has a plan table header/);
  });

  it.each(KINDS)('says a workbook holding only a picture has no plan table (.%s)', (kind) => {
    expectError(() => read(caseFile(`pictures-only.${kind}`), kind), NoPlanTableError, /pictures and charts are not read/);
  });

  it('decodes an Excel 95 workbook\'s text from its code page (CP1251)', () => {
    const r = read(caseFile('excel95-biff5-cp1251.xls'), 'xls');
    expect(r.blocks).toEqual([
      { kind: 'paragraph', text: 'ПРИКАЗ', bold: false },
      { kind: 'table', rows: [PLAN_HEADER.map((t) => cell(t)), ['1.', 'Проведение совещания', 'Сентябрь 2021', 'Управление образования', 'Протокол'].map((t) => cell(t))] },
    ]);
  });
});

describe('readSpreadsheet: layout rules (SheetJS-written workbooks)', () => {
  it('shows Excel\'s locale date format (built-in format 14) the Russian way', () => {
    const sheet = XLSX.utils.aoa_to_sheet([PLAN_HEADER, ['1.', 'Совещание', { t: 'n', v: 44440, z: 'm/d/yy' }, 'МОУО', 'Протокол']]);
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const [table] = tables(read(sheetJsBook({ План: sheet }, bookType), bookType === 'xlsx' ? 'xlsx' : 'xls').blocks);
      expect(table![1]![2]!.text).toBe('01.09.2021');
    }
  });

  it('reads every plan sheet in order', () => {
    const r = read(sheetJsBook({
      '2021': XLSX.utils.aoa_to_sheet([PLAN_HEADER, ['1.', 'Совещание', 'май', 'МОУО', 'Протокол']]),
      'Справка': XLSX.utils.aoa_to_sheet([['Итоги года']]),
      '2022': XLSX.utils.aoa_to_sheet([PLAN_HEADER, ['1.', 'Семинар', 'июнь', 'ИРО', 'Справка']]),
    }), 'xlsx');
    expect(tables(r.blocks).map((t) => t[1]![1]!.text)).toEqual(['Совещание', 'Семинар']);
    expect(r.issues.map((i) => i.message)).toEqual(['sheet «Справка» ignored: no plan header']);
  });

  it('finds a two-level header (a merged group label over the lower labels)', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['План мероприятий'],
      ['№', 'Мероприятие', 'Организация исполнения', null],
      [null, null, 'Ответственный', 'Срок'],
      ['1.', 'Совещание', 'МОУО', 'май'],
    ]);
    sheet['!merges'] = [{ s: { r: 1, c: 2 }, e: { r: 1, c: 3 } }, { s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }, { s: { r: 1, c: 1 }, e: { r: 2, c: 1 } }];
    const r = read(sheetJsBook({ План: sheet }), 'xlsx');
    expect(paragraphs(r.blocks)).toEqual(['План мероприятий']);
    expect(tables(r.blocks)[0]).toEqual([
      [cell('№', { vmerge: 'restart' }), cell('Мероприятие', { vmerge: 'restart' }), cell('Организация исполнения', { span: 2 })],
      [cell('', { vmerge: 'continue' }), cell('', { vmerge: 'continue' }), cell('Ответственный'), cell('Срок')],
      ['1.', 'Совещание', 'МОУО', 'май'].map((t) => cell(t)),
    ]);
  });

  it('keeps a one-cell row directly under the table in it, and a table row after an empty row too', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      PLAN_HEADER,
      ['1.', 'Совещание', 'май', 'МОУО', 'Протокол'],
      ['2. Методическое сопровождение'],
      [],
      ['2.1.', 'Семинар', 'июнь', 'ИРО', 'Справка'],
    ]);
    const r = read(sheetJsBook({ План: sheet }), 'xlsx');
    expect(r.blocks).toHaveLength(1);
    expect(tables(r.blocks)[0]!.map((row) => row.map((c) => c.text))).toEqual([
      PLAN_HEADER, ['1.', 'Совещание', 'май', 'МОУО', 'Протокол'], ['2. Методическое сопровождение', '', '', '', ''], ['2.1.', 'Семинар', 'июнь', 'ИРО', 'Справка'],
    ]);
  });

  it('visits only the cells that exist: a used range and a merge over the whole sheet cost nothing', () => {
    // Written by hand: SheetJS's own writer would walk the whole declared range.
    const parts = unzipSync(formatFile('lysva-2021.xlsx'));
    const name = 'xl/worksheets/sheet1.xml';
    const xml = strFromU8(parts[name]!)
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
      .replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>далеко</t></is></c></row></sheetData>')
      .replace('</mergeCells>', '<mergeCell ref="A1:XFD1048576"/></mergeCells>');
    const started = performance.now();
    const r = read(zipSync({ ...parts, [name]: strToU8(xml) }), 'xlsx');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.blocks.at(-1)).toEqual({ kind: 'paragraph', text: 'далеко', bold: false });
    expect(tables(r.blocks)).toHaveLength(1);
  });

  it(`refuses a table of more than ${MAX_TABLE_COLUMNS} columns with text`, () => {
    const wide = Array.from({ length: MAX_TABLE_COLUMNS + 1 }, (_, i) => `к${i}`);
    const sheet = XLSX.utils.aoa_to_sheet([[...PLAN_HEADER, ...wide], ['1.', 'Совещание', 'май', 'МОУО', 'Протокол', ...wide]]);
    expectError(() => read(sheetJsBook({ План: sheet }), 'xlsx'), TooLargeError, /columns/);
  });

  it(`refuses a sheet of more than ${MAX_SHEET_ROWS.toLocaleString('en')} rows with text`, () => {
    // Numbers written by hand: SheetJS's writer alone would take seconds.
    const parts = unzipSync(formatFile('lysva-2021.xlsx'));
    const name = 'xl/worksheets/sheet1.xml';
    const rows = Array.from({ length: MAX_SHEET_ROWS }, (_, i) => `<row r="${i + 60}"><c r="A${i + 60}"><v>${i}</v></c></row>`).join('');
    const xml = strFromU8(parts[name]!).replace('</sheetData>', `${rows}</sheetData>`);
    expectError(() => read(zipSync({ ...parts, [name]: strToU8(xml) }), 'xlsx'), TooLargeError, /rows with text/);
  });

  it('says a workbook without text (empty sheets) has no plan table', () => {
    const empty = (bookType: XLSX.BookType): Uint8Array => sheetJsBook({ Лист1: XLSX.utils.aoa_to_sheet([]) }, bookType);
    expectError(() => read(empty('xlsx'), 'xlsx'), NoPlanTableError, /no cell of the workbook's 1 sheet/);
    expectError(() => read(empty('ods'), 'ods'), NoPlanTableError);
    expectError(() => read(empty('biff8'), 'xls'), NoPlanTableError);
  });

  it('merges a cell both ways: a span on its first row, continued below', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      PLAN_HEADER,
      ['1.', 'Совещание', 'в течение года по плану', null, 'Протокол'],
      ['2.', 'Семинар', null, null, 'Справка'],
    ]);
    sheet['!merges'] = [{ s: { r: 1, c: 2 }, e: { r: 2, c: 3 } }];
    expect(tables(read(sheetJsBook({ План: sheet }), 'xlsx').blocks)[0]!.slice(1)).toEqual([
      [cell('1.'), cell('Совещание'), cell('в течение года по плану', { span: 2, vmerge: 'restart' }), cell('Протокол')],
      [cell('2.'), cell('Семинар'), cell('', { span: 2, vmerge: 'continue' }), cell('Справка')],
    ]);
  });

  it('reads a binary Excel workbook (.xlsb), which sniffs as XLSX', () => {
    const book = sheetJsBook({ План: XLSX.utils.aoa_to_sheet([PLAN_HEADER, ['1.', 'Совещание', 'май', 'МОУО', 'Протокол']]) }, 'xlsb');
    expect(tables(read(book, 'xlsx').blocks)[0]![1]!.map((c) => c.text)).toEqual(['1.', 'Совещание', 'май', 'МОУО', 'Протокол']);
  });
});

describe('readSpreadsheet: damaged files fail with a typed error, quickly', () => {
  it.each(KINDS)('truncated .%s at several points', (kind) => {
    const bytes = formatFile(`lysva-2021.${kind}`);
    for (const fraction of [0.02, 0.25, 0.5, 0.75, 0.98]) {
      const started = performance.now();
      expectError(() => read(bytes.subarray(0, Math.floor(bytes.length * fraction)), kind), CorruptFileError);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it.each(KINDS)('garbage bytes given as .%s', (kind) => {
    let seed = 7;
    const garbage = Uint8Array.from({ length: 8192 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    expectError(() => read(garbage, kind), CorruptFileError);
  });

  it('an .xls whose Workbook stream holds garbage', () => {
    const original = formatFile('lysva-2021.xls');
    const stream = Buffer.from(CFB.find(CFB.read(original, { type: 'buffer' }), 'Workbook')!.content as Uint8Array);
    let seed = 1;
    for (const [from, to] of [[0, 64], [200, 1200], [3000, 3400], [stream.length - 300, stream.length]] as const) {
      const damaged = Buffer.from(stream);
      for (let i = from; i < to; i++) damaged[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      const container = CFB.read(original, { type: 'buffer' });
      CFB.utils.cfb_del(container, '/Workbook');
      CFB.utils.cfb_add(container, '/Workbook', damaged);
      expectError(() => read(new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer), 'xls'), CorruptFileError);
    }
  });

  it('an .xls whose Workbook stream is cut after a sheet began (every record whole)', () => {
    const original = formatFile('lysva-2021.xls');
    const container = CFB.read(original, { type: 'buffer' });
    const stream = Buffer.from(CFB.find(container, 'Workbook')!.content as Uint8Array);
    // Cut at a record boundary in the middle of the stream: only the missing EOF tells.
    let at = 0;
    while (at < stream.length / 2) at += 4 + stream.readUInt16LE(at + 2);
    CFB.utils.cfb_del(container, '/Workbook');
    CFB.utils.cfb_add(container, '/Workbook', stream.subarray(0, at));
    expectError(() => read(new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer), 'xls'), CorruptFileError, /without EOF/);
  });
});

describe('readSpreadsheet: hostile packages are refused before SheetJS sees them', () => {
  const xlsxParts = (): Record<string, Uint8Array> => unzipSync(formatFile('lysva-2021.xlsx'));
  const odsParts = (): Record<string, Uint8Array> => unzipSync(formatFile('lysva-2021.ods'));
  const SHEET = 'xl/worksheets/sheet1.xml';
  const LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
  const withLaughs = (xml: string): string => xml.replace(/^<\?xml[^>]*\?>/, LAUGHS).replace(/(<sheetData>|<text:p>)/, '$1&lol3;');

  it('a part larger than the budget, from its declared size, before inflating', () => {
    const parts = xlsxParts();
    const big = zipSync({ ...parts, [SHEET]: strToU8(strFromU8(parts[SHEET]!).replace('</worksheet>', `${' '.repeat(3 * 1024 * 1024)}</worksheet>`)) });
    expectError(() => read(big, 'xlsx', { maxUncompressedMb: 2 }), TooLargeError, /declare/);
  });

  it('a part over the per-part limit (limits.maxXmlPartMb), declared or inflated, in an .xlsx and an .ods', () => {
    const limits = { maxUncompressedMb: 100, maxXmlPartMb: 2 };
    const parts = xlsxParts();
    const big = zipSync({ ...parts, [SHEET]: strToU8(strFromU8(parts[SHEET]!).replace('</worksheet>', `${' '.repeat(3 * 1024 * 1024)}</worksheet>`)) });
    expectError(() => readSpreadsheet(big, limits, 'xlsx'), TooLargeError, /^too large: xl\/worksheets\/sheet1\.xml of the XLSX declares 3\.\d MB uncompressed \(limit 2\.0 MB per part\)$/);
    expectError(() => readSpreadsheet(setDeclaredSize(big, SHEET, 1000), limits, 'xlsx'), TooLargeError, /sheet1\.xml of the XLSX inflates beyond 2\.0 MB, the limit per part \(its ZIP entry declares 1000 bytes\)/);
    // The same workbook is read when the part is under the limit.
    expect(tables(readSpreadsheet(big, { ...limits, maxXmlPartMb: 4 }, 'xlsx').blocks).length).toBeGreaterThan(0);
    const ods = odsParts();
    const bigOds = zipSync({ ...ods, 'content.xml': strToU8(strFromU8(ods['content.xml']!).replace('</office:document-content>', `${' '.repeat(3 * 1024 * 1024)}</office:document-content>`)) });
    expectError(() => readSpreadsheet(bigOds, limits, 'ods'), TooLargeError, /content\.xml of the ODS declares 3\.\d MB uncompressed \(limit 2\.0 MB per part\)/);
  });

  it('a zip bomb whose entry lies about its size stops at the budget', () => {
    const parts = xlsxParts();
    const bomb = zipSync({ ...parts, [SHEET]: strToU8(strFromU8(parts[SHEET]!).replace('</worksheet>', `${' '.repeat(8 * 1024 * 1024)}</worksheet>`)) });
    expectError(() => read(setDeclaredSize(bomb, SHEET, 1000), 'xlsx', { maxUncompressedMb: 2 }), TooLargeError, /zip bomb/);
  });

  it('a DOCTYPE with entities in an .xlsx sheet or an .ods content.xml (billion laughs)', () => {
    const parts = xlsxParts();
    const xlsx = zipSync({ ...parts, [SHEET]: strToU8(withLaughs(strFromU8(parts[SHEET]!))) });
    expectError(() => read(xlsx, 'xlsx'), CorruptFileError, /DOCTYPE/);
    const ods = odsParts();
    expectError(() => read(zipSync({ ...ods, 'content.xml': strToU8(withLaughs(strFromU8(ods['content.xml']!))) }), 'ods'), CorruptFileError, /DOCTYPE/);
    // Defence in depth: SheetJS itself never expands declared entities (it knows only the five
    // predefined ones), so even a DOCTYPE that got past the check could not blow up.
    const book = XLSX.read(xlsx, { type: 'buffer', dense: true });
    const texts = (book.Sheets[book.SheetNames[0]!]!['!data'] ?? []).flat().map((c) => String(c?.w ?? c?.v ?? ''));
    expect(texts.every((t) => t.length < 1000)).toBe(true);
  });

  it('a worksheet or content.xml cut short inside a sound ZIP: corrupt, not a shorter table', () => {
    const xlsx = unzipSync(formatFile('krasnooktyabrsky-2020.xlsx'));
    const sheet = Object.keys(xlsx).find((k) => /^xl\/worksheets\/sheet\d*\.xml$/.test(k))!;
    xlsx[sheet] = xlsx[sheet]!.subarray(0, Math.floor(xlsx[sheet]!.length * 0.6));
    expectError(() => read(zipSync(xlsx), 'xlsx'), CorruptFileError, /cut short or damaged/);
    const ods = odsParts();
    const content = ods['content.xml']!;
    expectError(() => read(zipSync({ ...ods, 'content.xml': content.subarray(0, content.length - 40) }), 'ods'), CorruptFileError, /content\.xml is cut short/);
  });

  it('an .ods whose repeated rows and columns would make billions of cells', () => {
    const ods = odsParts();
    const content = strFromU8(ods['content.xml']!);
    const bomb = (row: string): Uint8Array => zipSync({ ...ods, 'content.xml': strToU8(content.replace('</table:table>', `${row}</table:table>`)) });
    const started = performance.now();
    expectError(() => read(bomb('<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'), 'ods'), TooLargeError, /cells/);
    // SheetJS reads the row count with `+value`: "Infinity" would loop forever.
    expectError(() => read(bomb('<table:table-row table:number-rows-repeated="Infinity"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'), 'ods'), TooLargeError);
    // A comment inside a tag is removed by SheetJS before it reads the tag; so it is here.
    expectError(() => read(bomb('<table:table-row table:number-rows-repeated="2000000"><table:table-ce<!-- -->ll office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'), 'ods'), TooLargeError);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('the empty repeated cells Calc writes to the sheet\'s end cost nothing', () => {
    const ods = odsParts();
    const content = strFromU8(ods['content.xml']!).replace('</table:table>', '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>');
    expect(tables(read(zipSync({ ...ods, 'content.xml': strToU8(content) }), 'ods').blocks)).toHaveLength(1);
  });

  it(`an .xlsx of more than ${MAX_WORKBOOK_CELLS.toLocaleString('en')} cells`, () => {
    const parts = xlsxParts();
    const cells = '<c r="A1"/>'.repeat(MAX_WORKBOOK_CELLS + 1);
    const xml = strFromU8(parts[SHEET]!).replace('</sheetData>', `<row r="60">${cells}</row></sheetData>`);
    expectError(() => read(zipSync({ ...parts, [SHEET]: strToU8(xml) }), 'xlsx'), TooLargeError, /cells/);
  });

  it('one shared string repeated by many cells is bounded by the text it hands on', () => {
    const parts = xlsxParts();
    const strings = strFromU8(parts['xl/sharedStrings.xml']!).replace(/<t([^>]*)>[^<]*<\/t>/, (_m, attrs: string) => `<t${attrs}>${'Ы'.repeat(200_000)}</t>`);
    const rows = Array.from({ length: 40 }, (_, i) => `<row r="${i + 60}"><c r="A${i + 60}" t="s"><v>0</v></c><c r="B${i + 60}" t="s"><v>0</v></c></row>`).join('');
    const zip = zipSync({ ...parts, 'xl/sharedStrings.xml': strToU8(strings), [SHEET]: strToU8(strFromU8(parts[SHEET]!).replace('</sheetData>', `${rows}</sheetData>`)) });
    expectError(() => read(zip, 'xlsx', { maxUncompressedMb: 10 }), TooLargeError, /text exceeds/);
  });
});
