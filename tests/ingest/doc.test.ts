import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import CFB from 'cfb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptFileError, IngestError, TooLargeError, UnsupportedFormatError } from '../../src/errors.js';
import type { StructBlock, StructCell } from '../../src/model/document.js';
import { readDoc } from '../../src/ingest/doc.js';
import { ByteStream } from '../../src/ingest/doc-bytes.js';
import { readFib } from '../../src/ingest/doc-fib.js';
import { readDocx } from '../../src/ingest/docx.js';
import { DOC_CASES, nestedTableDocx } from '../../scripts/generate/format-cases-doc.js';
import { buildDoc, sprm, TC, type DocParagraph } from '../helpers/doc-builder.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMITS = { maxUncompressedMb: 100 };
const CORPUS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'];

const formatFixture = (name: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'formats', name));
const docCase = (name: string): Uint8Array => formatFixture(path.join('cases', name));
const docxOfCase = (name: string): StructBlock[] => {
  const source = DOC_CASES[name];
  if (!source) throw new Error(`no case ${name}`);
  return readDocx(source(root), LIMITS).blocks;
};
const read = (bytes: Uint8Array) => readDoc(bytes, LIMITS);

function tables(blocks: StructBlock[]): StructCell[][][] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
}
const texts = (rows: StructCell[][]): string[][] => rows.map((r) => r.map((c) => c.text));
const paragraphTexts = (blocks: StructBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

/** A copy of a compound file with one stream changed (or removed, when `change` returns null). */
function withStream(bytes: Uint8Array, name: string, change: (content: Buffer) => Buffer | null): Uint8Array {
  const container = CFB.parse(bytes, { type: 'buffer' } as CFB.CFB$ParsingOptions);
  const entry = CFB.find(container, name);
  if (!entry) throw new Error(`no ${name} stream`);
  const changed = change(Buffer.from(entry.content as Uint8Array));
  if (changed === null) CFB.utils.cfb_del(container, `/${name}`);
  else {
    entry.content = changed;
    entry.size = changed.length;
  }
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

/** The FIB of a compound file, to find where to damage it. */
function fibOf(bytes: Uint8Array) {
  const container = CFB.parse(bytes, { type: 'buffer' } as CFB.CFB$ParsingOptions);
  return readFib(new ByteStream('WordDocument', new Uint8Array(CFB.find(container, 'WordDocument')!.content as Uint8Array)));
}

/** Offset in the FIB of the (fc, lcb) pair with this index (csw 14, cslw 22, as Word writes). */
const fibPair = (index: number): number => 154 + index * 8;

function expectError(run: () => unknown, type: abstract new (...args: never[]) => Error, message?: RegExp): void {
  const started = Date.now();
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(type);
  if (message) expect((thrown as Error).message).toMatch(message);
  expect(Date.now() - started).toBeLessThan(5_000);
}

const cells = (texts: string[]): DocParagraph[] => texts.map((t) => ({ runs: [t], mark: '\x07', papx: sprm.inTable }));
const rowEnd = (edges: number[], flags: number[] = [], extra: number[] = []): DocParagraph => (
  { runs: [], mark: '\x07', papx: [...sprm.inTable, ...sprm.ttp, ...sprm.defTable(edges, flags), ...extra] });

describe('readDoc: the corpus re-saved by LibreOffice reads as its DOCX', () => {
  it.each(CORPUS)('%s', (id) => {
    const doc = read(formatFixture(`${id}.doc`));
    const docx = readDocx(readFileSync(path.join(root, 'fixtures', 'corpus', 'docs', `${id}.docx`)), LIMITS);
    expect(doc.issues).toEqual([]);
    expect(doc.blocks).toEqual(docx.blocks);
    expect(doc.pageCount).toBe(docx.pageCount);
    expect(tables(doc.blocks)[0]?.length).toBeGreaterThan(10);
  });
});

describe('readDoc: table structure (LibreOffice cases)', () => {
  it('maps cells onto the grid of all row edges: a section row spans five columns', () => {
    const blocks = read(docCase('merged-cells-horizontal.doc')).blocks;
    expect(blocks).toEqual(docxOfCase('merged-cells-horizontal.doc'));
    const rows = tables(blocks)[0]!;
    expect(rows[1]).toEqual([{ text: '1. Нормативно-правовое обеспечение', span: 5, vmerge: null, bold: true }]);
    expect(rows[3]?.map((c) => c.span)).toEqual([1, 2, 1, 1]);
  });

  it('reports vertical merges as restart / continue', () => {
    const doc = read(docCase('merged-cells-vertical.doc'));
    expect(doc.blocks).toEqual(docxOfCase('merged-cells-vertical.doc'));
    expect(tables(doc.blocks)[0]!.map((r) => r[2]?.vmerge)).toEqual([null, 'restart', 'continue', null]);
  });

  it('flattens a nested table into the lines of its cell and keeps multi-paragraph cells', () => {
    const rows = tables(read(docCase('nested-table-multi-paragraph.doc')).blocks);
    expect(rows).toHaveLength(1);
    const docx = tables(readDocx(nestedTableDocx(), LIMITS).blocks)[0]!;
    expect(rows[0]!.slice(0, 2)).toEqual(docx.slice(0, 2));
    expect(texts(rows[0]!)[1]).toEqual(['1.', 'Проведение семинаров\nдля учителей', 'МОУО,\nИРО', 'Сентябрь\t2021', 'Справка\nвложенная\nтаблица\nвторая строка']);
    // LibreOffice writes w:gridAfter as two real cells; the row keeps its place on the grid.
    expect(texts(rows[0]!)[2]).toEqual(['', '2.', 'Строка со сдвигом сетки', '', '']);
    expect(rows[0]![2]!.reduce((n, c) => n + c.span, 0)).toBe(5);
  });
});

describe('readDoc: list numbering rendered from the list tables', () => {
  it('labels list-numbered section rows and row numbers as Word shows them', () => {
    const blocks = read(docCase('list-numbered-table.doc')).blocks;
    expect(blocks).toEqual(docxOfCase('list-numbered-table.doc'));
    expect(texts(tables(blocks)[0]!).map((r) => r[0])).toEqual(['№ п/п', '1. Нормативно-правовое обеспечение', '1.1.', '1.2.', '2. Общесистемные мероприятия', '2.1.']);
    // A Wingdings "l" bullet is shown as a bullet.
    expect(tables(blocks)[0]![2]![4]!.text).toBe('• приказ\n• план');
  });

  it('reads a plan whose numbers are all list-generated as its DOCX', () => {
    const blocks = read(docCase('list-numbered-plan.doc')).blocks;
    expect(blocks).toEqual(docxOfCase('list-numbered-plan.doc'));
  });

  it('renders roman, letter, Russian and prefixed formats, and style numbering', () => {
    // LibreOffice writes each w:num as a list of its own and drops isLgl, so three labels differ
    // from the DOCX on purpose: the .doc says «I.» where the DOCX continued or was legal.
    expect(paragraphTexts(read(docCase('list-numbering-formats.doc')).blocks)).toEqual([
      'I. римская', 'II. римская', 'I. тот же список, другой w:num', 'I. перезапуск', 'I. после перезапуска',
      'a) латинская', 'b) латинская', 'а) русская', 'б) русская', 'I. раздел', 'I.1. юридическая',
      'Раздел 1: нумерация из стиля', 'Раздел 2: нумерация из стиля', 'нумерация снята',
    ]);
  });
});

describe('readDoc: text and formatting', () => {
  it('keeps field results, drops field codes, hidden and deleted text; bold from styles', () => {
    const blocks = read(docCase('inline-markup-fields-hidden.doc')).blocks;
    expect(blocks.map((b) => (b.kind === 'paragraph' ? [b.text, b.bold] : b.kind))).toEqual([
      ['Ссылка: сайт', false],
      ['поле формы', false],
      ['было вставлено', false],
      // LibreOffice drops the spaces around the symbol (unpreserved in the DOCX's XML).
      ['перенос и Северо-Запад•пункт', false],
      ['видимый', false],
      // The PAGE field's result as LibreOffice saved it.
      ['1', false],
      ['жирный по стилю абзаца', true],
      ['жирный снят в одном прогоне', false],
      ['жирный по стилю знака', true],
      ['текст рядом', false],
      ['Буква & знак', false],
    ]);
  });

  it('counts page and section breaks', () => {
    const doc = read(docCase('page-breaks.doc'));
    expect(doc.pageCount).toBe(readDocx(DOC_CASES['page-breaks.doc']!(root), LIMITS).pageCount);
    // LibreOffice splits a paragraph at a page break inside it.
    expect(paragraphTexts(doc.blocks)).toEqual(['Первая страница', 'конец первой', 'вторая', 'третья', 'конец раздела', 'последняя']);
  });
});

describe('readDoc: Word-like files built in the test', () => {
  it('decodes 8-bit (cp1252) pieces and UTF-16 pieces of one document', () => {
    const doc = read(buildDoc({
      encoding: 'mixed',
      split: 2,
      paragraphs: [
        { runs: [{ text: 'Plan “A” – 2021 ’s', bold: true }] },
        { runs: ['café ', { text: 'bold', bold: true }] },
        { runs: ['Кириллица во втором куске'] },
      ],
    }));
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Plan “A” – 2021 ’s', bold: true },
      { kind: 'paragraph', text: 'café bold', bold: false },
      { kind: 'paragraph', text: 'Кириллица во втором куске', bold: false },
    ]);
  });

  it('reads a Word 97 table: TC80 vertical and legacy horizontal merges, sprm overrides, row offsets', () => {
    const edges = [0, 500, 2000, 3000];
    const doc = read(buildDoc({
      paragraphs: [
        { runs: ['Перед таблицей'] },
        ...cells(['№', 'Мероприятие', 'Срок']), rowEnd(edges),
        ...cells(['1.', 'Первое', '2021']), rowEnd(edges, [0, TC.vertMerge | TC.vertRestart, 0]),
        ...cells(['2.', '', '2022']), rowEnd(edges, [0, TC.vertMerge, 0]),
        ...cells(['Раздел', 'продолжение', 'x']), rowEnd(edges, [TC.firstMerged, TC.merged, 0]),
        // sprmTVertMerge and sprmTMerge change the cells sprmTDefTable described.
        ...cells(['3.', 'Третье', '2023']), rowEnd(edges, [], [...sprm.vertMerge(1, 3)]),
        ...cells(['', '', '']), rowEnd(edges, [], [...sprm.vertMerge(1, 1), ...sprm.merge(0, 2)]),
        // A row starting one column in and ending one column early.
        ...cells(['сдвиг']), rowEnd([500, 2000]),
        { runs: ['После таблицы'] },
      ],
    }));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const rows = tables(doc.blocks)[0]!;
    const cell = (text: string, props: Partial<StructCell> = {}): StructCell => ({ text, span: 1, vmerge: null, bold: false, ...props });
    expect(rows).toEqual([
      [cell('№'), cell('Мероприятие'), cell('Срок')],
      [cell('1.'), cell('Первое', { vmerge: 'restart' }), cell('2021')],
      [cell('2.'), cell('', { vmerge: 'continue' }), cell('2022')],
      [cell('Раздел\nпродолжение', { span: 2 }), cell('x')],
      [cell('3.'), cell('Третье', { vmerge: 'restart' }), cell('2023')],
      [cell('', { span: 2 }), cell('')],
      [cell(''), cell('сдвиг'), cell('')],
    ]);
  });

  it('flattens nested tables (sprmPItap 2) into the outer cell, skipping their row ends', () => {
    const inner = (text: string): DocParagraph => ({ runs: [text], mark: '\r', papx: [...sprm.inTable, ...sprm.itap(2), ...sprm.innerCell] });
    const doc = read(buildDoc({
      paragraphs: [
        { runs: ['1.'], mark: '\x07', papx: [...sprm.inTable, ...sprm.itap(1)] },
        { runs: ['Справка'], mark: '\r', papx: [...sprm.inTable, ...sprm.itap(1)] },
        inner('вложенная'), inner('таблица'),
        { runs: [], mark: '\r', papx: [...sprm.inTable, ...sprm.itap(2), ...sprm.innerTtp] },
        { runs: [''], mark: '\x07', papx: [...sprm.inTable, ...sprm.itap(1)] },
        { runs: [], mark: '\x07', papx: [...sprm.inTable, ...sprm.itap(1), ...sprm.ttp, ...sprm.defTable([0, 500, 3000])] },
      ],
    }));
    expect(tables(doc.blocks).map(texts)).toEqual([[['1.', 'Справка\nвложенная\nтаблица']]]);
  });

  it('keeps only field results and text-like control characters', () => {
    const doc = read(buildDoc({
      paragraphs: [
        // A field whose code holds a nested field: both codes go, the outer result stays.
        { runs: ['\x13 HYPERLINK \x13 REF x \x14код\x15 \x14сайт\x15, \x13 PAGE \x15конец'] },
        { runs: ['пере\x1Fнос Северо\x1EЗапад\x0Bстрока\x01\x08\x05\x02 символ \uF0B7'] },
        { runs: ['до разрыва\x0Cпосле'] },
      ],
    }));
    expect(paragraphTexts(doc.blocks)).toEqual(['сайт, конец', 'перенос Северо-Запад\nстрока символ •', 'до разрыва\nпосле']);
    expect(doc.pageCount).toBe(2);
  });

  it('takes the page count Word saved in the summary information when it is larger', () => {
    const paragraphs = [{ runs: ['до\x0Cпосле'] }];
    expect(read(buildDoc({ paragraphs, summaryPages: 7 })).pageCount).toBe(7);
    expect(read(buildDoc({ paragraphs, summaryPages: 1 })).pageCount).toBe(2);
  });

  it('drops hidden text and deleted revisions, and shows sprmCSymbol glyphs', () => {
    const doc = read(buildDoc({
      paragraphs: [
        { runs: ['видимый', { text: ' скрытый', chpx: sprm.vanish }, ' ', { text: 'удалено ', chpx: sprm.deleted }, 'вставлено'] },
        { runs: ['пункт ', { text: '(', chpx: [...sprm.special, ...sprm.symbol(0xf0b7)] }, ' и (скобки)'] },
      ],
    }));
    expect(paragraphTexts(doc.blocks)).toEqual(['видимый вставлено', 'пункт • и (скобки)']);
  });

  it('applies a fast save\'s piece properties (Prc grpprl, and a Prm0 sprm)', () => {
    const paragraphs = [{ runs: ['Жирный весь кусок'] }];
    expect(read(buildDoc({ paragraphs, pieceGrpprl: sprm.bold })).blocks).toEqual([{ kind: 'paragraph', text: 'Жирный весь кусок', bold: true }]);
    // Prm0: isprm 0x55 (sprmCFBold) with operand 1.
    expect(read(buildDoc({ paragraphs, prm: (0x55 << 1) | (1 << 8) })).blocks[0]).toMatchObject({ bold: true });
    // Prm0 sprmCFVanish: the whole piece is hidden text.
    expect(read(buildDoc({ paragraphs, prm: (0x5c << 1) | (1 << 8) })).blocks).toEqual([]);
  });
});

describe('readDoc: damaged and hostile files', () => {
  const lysva = formatFixture('lysva-2021.doc');
  const fib = fibOf(lysva);

  it.each([0.05, 0.3, 0.6, 0.9, 0.99])('a file cut at %s of its length is corrupt', (fraction) => {
    expectError(() => read(lysva.subarray(0, Math.floor(lysva.length * fraction))), CorruptFileError, /compound file/);
  });

  it('a file that lost only the padding of its last sector reads as the whole', () => {
    expect(read(lysva.subarray(0, lysva.length - 35))).toEqual(read(lysva));
  });

  it('garbage after an OLE signature is corrupt', () => {
    const garbage = new Uint8Array(4096).map((_, k) => (k * 7919) & 0xff);
    garbage.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expectError(() => read(garbage), CorruptFileError);
  });

  it('missing streams are corrupt, naming the stream', () => {
    expectError(() => read(withStream(lysva, 'WordDocument', () => null)), CorruptFileError, /WordDocument stream is missing/);
    expectError(() => read(withStream(lysva, '1Table', () => null)), CorruptFileError, /1Table stream is missing/);
  });

  it('a WordDocument stream without a Word FIB is corrupt', () => {
    expectError(() => read(withStream(lysva, 'WordDocument', (w) => { w.writeUInt16LE(0x1234, 0); return w; })), CorruptFileError, /wIdent/);
    expectError(() => read(withStream(lysva, 'WordDocument', (w) => w.subarray(0, 20))), CorruptFileError, /too short/);
  });

  it('password-protected and Word 6/95 files are unsupported, saying what to do', () => {
    const flags = (value: number) => withStream(lysva, 'WordDocument', (w) => { w.writeUInt16LE(w.readUInt16LE(10) | value, 10); return w; });
    expectError(() => read(flags(0x0100)), UnsupportedFormatError, /password-protected .* remove the password/);
    expectError(() => read(flags(0x8100)), UnsupportedFormatError, /XOR-obfuscated/);
    expectError(() => read(withStream(lysva, 'WordDocument', (w) => { w.writeUInt16LE(0x65, 2); return w; })), UnsupportedFormatError, /Word 6\.0\/95/);
  });

  it('pointers outside their streams are corrupt, naming the structure', () => {
    const setPair = (index: number, fcValue: number, lcb?: number) => withStream(lysva, 'WordDocument', (w) => {
      w.writeUInt32LE(fcValue, fibPair(index));
      if (lcb !== undefined) w.writeUInt32LE(lcb, fibPair(index) + 4);
      return w;
    });
    expectError(() => read(setPair(33, 0x7fff0000)), CorruptFileError, /piece table \(CLX\).*outside the 1Table stream/);
    expectError(() => read(setPair(33, fib.clx.fc, 0)), CorruptFileError, /no piece table/);
    expectError(() => read(setPair(13, 0x7fff0000)), CorruptFileError, /paragraph property bin table/);
    // A piece whose text lies past the end of the WordDocument stream.
    expectError(() => read(withStream(lysva, '1Table', (t) => {
      const count = (fib.clx.lcb - 5 - 4) / 12;
      t.writeUInt32LE(0x3ffffff0, fib.clx.fc + 5 + (count + 1) * 4 + 2);
      return t;
    })), CorruptFileError, /text of piece 0/);
    // A paragraph FKP page number past the end of the stream.
    expectError(() => read(withStream(lysva, '1Table', (t) => {
      const count = (fib.plcfBtePapx.lcb - 4) / 8;
      t.writeUInt32LE(0x3fffff, fib.plcfBtePapx.fc + (count + 1) * 4);
      return t;
    })), CorruptFileError, /paragraph FKP page/);
  });

  it('text the piece table does not cover is corrupt', () => {
    const longer = withStream(lysva, 'WordDocument', (w) => { w.writeInt32LE(fib.ccpText + 1000, 34 + 28 + 2 + 12); return w; });
    expectError(() => read(longer), CorruptFileError, /covers 6481 of the 7481 characters/);
  });

  it('declared or decoded text past the limit is too large', () => {
    const huge = withStream(lysva, 'WordDocument', (w) => { w.writeInt32LE(0x7fffffff, 34 + 28 + 2 + 12); return w; });
    expectError(() => read(huge), TooLargeError);
    // Thousands of pieces all pointing at the same text: a small file that decodes huge.
    const bomb = buildDoc({ paragraphs: [{ runs: ['x'.repeat(400)] }], repeatPieces: 20_000 });
    expect(bomb.length).toBeLessThan(400_000);
    expectError(() => readDoc(bomb, { maxUncompressedMb: 1 }), TooLargeError, /declares 8020000 characters/);
  });

  it('a damaged style sheet costs the styles\' bold, reported as an issue, not the text', () => {
    const doc = read(withStream(lysva, '1Table', (t) => { t.writeUInt16LE(0xfff0, fib.stshf.fc); return t; }));
    expect(doc.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/style sheet/) })]);
    expect(tables(doc.blocks)[0]).toHaveLength(tables(read(lysva).blocks)[0]!.length);
  });

  it('random damage to the streams either reads or throws a typed error, quickly', () => {
    const sources = [lysva, docCase('list-numbering-formats.doc'), docCase('nested-table-multi-paragraph.doc')];
    fc.assert(fc.property(
      fc.integer({ min: 0, max: sources.length - 1 }),
      fc.constantFrom('WordDocument', '1Table'),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      (which, stream, edits) => {
        const damaged = withStream(sources[which]!, stream, (s) => {
          // Half of the edits hit the FIB / the start of the table stream, where pointers live.
          for (const [at, value] of edits) s[at % (at % 2 ? s.length : Math.min(s.length, 1024))] = value;
          return s;
        });
        const started = Date.now();
        try {
          readDoc(damaged, { maxUncompressedMb: 10 });
        } catch (error) {
          if (!(error instanceof IngestError)) throw error;
        }
        expect(Date.now() - started).toBeLessThan(2_000);
      },
    ), { numRuns: 300 });
  });
});
