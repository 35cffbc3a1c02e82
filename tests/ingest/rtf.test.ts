import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CorruptFileError, TooLargeError } from '../../src/errors.js';
import type { StructBlock, StructCell } from '../../src/model/document.js';
import { readDocx } from '../../src/ingest/docx.js';
import { readRtf } from '../../src/ingest/rtf.js';
import { LIBREOFFICE_RTF_CASES, WORD_RTF_CASES } from '../../scripts/generate/format-cases-rtf.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMITS = { maxUncompressedMb: 100 };
const CORPUS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'];

const corpusRtf = (id: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'formats', `${id}.rtf`));
const corpusDocx = (id: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'corpus', 'docs', `${id}.docx`));
const caseRtf = (name: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'formats', 'cases', name));
const docxCase = (name: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'docx', name));
/** An RTF written in the test: ASCII, with every other byte as an escape. */
const rtf = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/** The source DOCX of a LibreOffice-written case. */
function sourceOf(caseName: string): Uint8Array {
  const source = Object.entries(LIBREOFFICE_RTF_CASES).find(([, name]) => name === caseName)?.[0];
  if (!source) throw new Error(`${caseName} is not a LibreOffice case`);
  return docxCase(source);
}

function tables(blocks: StructBlock[]): StructCell[][][] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
}

const texts = (rows: StructCell[][] | undefined): string[][] => (rows ?? []).map((r) => r.map((c) => c.text));
const paragraphTexts = (blocks: StructBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const cell = (text: string, extra: Partial<StructCell> = {}): StructCell => ({ text, span: 1, vmerge: null, bold: false, ...extra });

/** A one-table document body in LibreOffice's shape; `rows` are full \trowd … \row strings. */
const doc = (body: string, header = '\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\froman\\fcharset204 Times;}}'): Uint8Array =>
  rtf(`{\\rtf1${header}\n${body}}`);

describe('readRtf: corpus documents saved as RTF by LibreOffice', () => {
  it.each(CORPUS)('%s: the same blocks and page count as readDocx of the source', (id) => {
    const fromDocx = readDocx(corpusDocx(id), LIMITS);
    const fromRtf = readRtf(corpusRtf(id), LIMITS);
    expect(fromRtf.issues).toEqual([]);
    expect(fromRtf.pageCount).toBe(fromDocx.pageCount);
    expect(fromRtf.blocks).toEqual(fromDocx.blocks);
  });
});

describe('readRtf: committed hand-made fixtures match their generator', () => {
  it.each(Object.keys(WORD_RTF_CASES))('%s', (name) => {
    const build = WORD_RTF_CASES[name];
    expect(build).toBeDefined();
    if (build) expect(Buffer.from(caseRtf(name)).equals(Buffer.from(build(), 'latin1'))).toBe(true);
  });
});

describe('readRtf: Word-style files', () => {
  it('reads a plan with a vertically merged cell and Cyrillic as \\\'xx and as \\uN', () => {
    const { blocks, pageCount, issues } = readRtf(caseRtf('word-merged-cells-vertical-cyrillic.rtf'), LIMITS);
    expect(issues).toEqual([]);
    expect(paragraphTexts(blocks)).toEqual([
      'УТВЕРЖДЕН',
      'приказом от 17.06.2021 № 254-01',
      'План мероприятий («дорожная карта»)',
      // A \fcharset0 font follows the document's \ansicpg1251 (LibreOffice would read 1252).
      'по поддержке школ',
      // \listtext labels, a symbol-font bullet among them.
      '1. Общие положения',
      '• пункт списка',
      // A field's result without its code; hidden text dropped.
      'Сайт: школа.рф',
      // An embedded object whose \bin payload holds braces and a \par.
      'Рисунок',
      'Конец первой страницы',
      'Вторая страница',
    ]);
    expect(blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('План'))).toMatchObject({ bold: true });
    const [plan] = tables(blocks);
    expect(plan).toEqual([
      ['№ п/п', 'Мероприятие', 'Ответственные', 'Сроки', 'Результат'].map((t) => cell(t, { bold: true })),
      [cell('1. Организационные мероприятия', { span: 5, bold: true })],
      [cell('1.1.'), cell('Создание рабочей группы'), cell('Управление образования', { vmerge: 'restart' }), cell('Июнь 2021'), cell('Приказ')],
      [cell('1.2.'), cell('Разработка плана'), cell('', { vmerge: 'continue' }), cell('Июль 2021'), cell('План')],
      [cell('1.3.'), cell('Мониторинг «дорожной карты»'), cell('Отдел — ИРО'), cell('2021\u00a0г.'), cell('Отчёт')],
    ]);
    // Header and footer text is not body text.
    expect(JSON.stringify(blocks)).not.toContain('олонтитул');
    // Word's saved page count (\nofpages3) wins over the one \page break.
    expect(pageCount).toBe(3);
  });

  it('flattens a nested table into the outer cell and merges legacy \\clmgf/\\clmrg cells', () => {
    const { blocks, pageCount } = readRtf(caseRtf('word-nested-table-sections.rtf'), LIMITS);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Первый раздел', bold: false },
      {
        kind: 'table',
        rows: [
          [cell('Ячейка'), cell('вложенная А\nвложенная Б\nвложенная В\nвложенная Г\nпосле вложенной')],
          [cell('объединённая', { span: 2, bold: true })],
        ],
      },
      { kind: 'paragraph', text: 'Конец раздела', bold: false },
      { kind: 'paragraph', text: 'Второй раздел', bold: false },
    ]);
    // The second section starts on a new page (\sbkpage).
    expect(pageCount).toBe(2);
  });
});

describe('readRtf: DOCX edge cases saved as RTF by LibreOffice', () => {
  it.each(['merged-cells-horizontal.rtf', 'merged-cells-vertical.rtf', 'list-numbered-table.rtf', 'list-numbered-plan.rtf'])(
    '%s: the same blocks as readDocx of the source',
    (name) => {
      expect(readRtf(caseRtf(name), LIMITS).blocks).toEqual(readDocx(sourceOf(name), LIMITS).blocks);
    },
  );

  it('keeps list labels as LibreOffice wrote them', () => {
    const expected = readDocx(sourceOf('list-numbering-formats.rtf'), LIMITS).blocks.map((b) =>
      // LibreOffice ignores w:isLgl (legal numbering) and writes the label as «I.1.».
      b.kind === 'paragraph' && b.text === '1.1. юридическая' ? { ...b, text: 'I.1. юридическая' } : b);
    expect(readRtf(caseRtf('list-numbering-formats.rtf'), LIMITS).blocks).toEqual(expected);
  });

  it('reads fields, revisions, hidden text and symbols as the DOCX reader does', () => {
    const expected = readDocx(sourceOf('inline-markup-fields-hidden.rtf'), LIMITS).blocks.map((b) => {
      if (b.kind !== 'paragraph') return b;
      // LibreOffice drops the unpreserved spaces around the w:sym and refreshes the PAGE field.
      if (b.text.startsWith('перенос')) return { ...b, text: 'перенос и Северо-Запад•пункт' };
      return b.text === '7' ? { ...b, text: '1' } : b;
    });
    expect(readRtf(caseRtf('inline-markup-fields-hidden.rtf'), LIMITS).blocks).toEqual(expected);
  });

  it('counts LibreOffice\'s \\pagebb page starts', () => {
    // LibreOffice turns the page break, the page-break-before and the new-page section into
    // three \pagebb paragraphs.
    const { blocks, pageCount } = readRtf(caseRtf('page-breaks.rtf'), LIMITS);
    expect(paragraphTexts(blocks)).toEqual(['Первая страница', 'конец первой', 'вторая', 'третья', 'конец раздела', 'последняя']);
    expect(pageCount).toBe(4);
  });
});

describe('readRtf: text decoding', () => {
  it('decodes \\\'xx in \\ansicpg1251, and per font \\fcharset204 over a 1252 document', () => {
    expect(paragraphTexts(readRtf(rtf("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'eb\\'e0\\'ed\\par}"), LIMITS).blocks)).toEqual(['План']);
    const western = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset204 Times;}}caf\\'e9 {\\f1 \\'cf\\'eb\\'e0\\'ed}\\par}";
    expect(paragraphTexts(readRtf(rtf(western), LIMITS).blocks)).toEqual(['café План']);
  });

  it('reads \\uN with its \\uc fallbacks skipped, negative N and surrogate pairs', () => {
    const text = "{\\rtf1\\ansi\\ansicpg1251 \\u1055\\'cf{\\uc2\\u1083\\'eb\\'eb}\\uc0\\u1072 \\uc1\\u-10179?\\u-8704?\\u8470 ?\\par}";
    expect(paragraphTexts(readRtf(rtf(text), LIMITS).blocks)).toEqual(['Пла\u{1F600}№']);
  });

  it('reads control symbols and character words', () => {
    const text = '{\\rtf1 a\\~b\\_c\\-d\\{\\}\\\\ \\emdash \\endash \\bullet \\lquote x\\rquote \\ldblquote y\\rdblquote a\\tab b\\line c\\par}';
    expect(paragraphTexts(readRtf(rtf(text), LIMITS).blocks)).toEqual(['a\u00a0b-cd{}\\ —–•‘x’“y”a\tb\nc']);
  });

  it('restores formatting at group ends; \\plain and \\b0 switch bold off', () => {
    const { blocks } = readRtf(rtf('{\\rtf1{\\b bold}\\par {\\b a}b\\par \\b x{\\plain y}\\par \\b0 z\\par}'), LIMITS);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'bold', bold: true },
      { kind: 'paragraph', text: 'ab', bold: false },
      { kind: 'paragraph', text: 'xy', bold: false },
      { kind: 'paragraph', text: 'z', bold: false },
    ]);
  });

  it('drops hidden text, tracked deletions and non-text destinations', () => {
    const text = '{\\rtf1{\\info{\\title T}}{\\header H\\par}{\\footnote F}{\\*\\bkmkstart b}a{\\v hidden}{\\deleted del}'
      + '{\\field{\\*\\fldinst PAGE}{\\fldrslt 5}}{\\pict\\pngblip 89504e47}{\\*\\unknown x}\\par}';
    expect(paragraphTexts(readRtf(rtf(text), LIMITS).blocks)).toEqual(['a5']);
  });

  it('keeps \\pntext labels like \\listtext', () => {
    const text = "{\\rtf1{\\fonttbl{\\f1\\fcharset2 Symbol;}}{\\pntext\\f1 \\'b7\\tab}{\\*\\pn\\pnlvlblt{\\pntxtb \\'b7}}item\\par}";
    expect(paragraphTexts(readRtf(rtf(text), LIMITS).blocks)).toEqual(['• item']);
  });

  it('warns about code pages it cannot decode and reads them as 1252', () => {
    const { blocks, issues } = readRtf(rtf("{\\rtf1\\pc caf\\'e9\\par}"), LIMITS);
    expect(paragraphTexts(blocks)).toEqual(['café']);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('code page 437') })]);
  });
});

describe('readRtf: tables', () => {
  const row = (edges: number[], cells: string[], opts: { left?: number; flags?: string[] } = {}): string =>
    `\\trowd\\trleft${opts.left ?? 0}${edges.map((e, i) => `${opts.flags?.[i] ?? ''}\\cellx${e}`).join('')}`
    + `${cells.map((c) => `\\pard\\intbl ${c}\\cell`).join('')}\\row\\pard `;

  it('maps each row\'s cell edges onto the table\'s union of edges (spans)', () => {
    const body = row([1000, 2000, 3000], ['a', 'b', 'c']) + row([1000, 3000], ['d', 'e']) + row([3000], ['wide'])
      // Edges within a few twips of each other are one grid line.
      + row([1003, 1998, 3000], ['f', 'g', 'h']);
    const [rows] = tables(readRtf(doc(body), LIMITS).blocks);
    expect(rows?.map((r) => r.map((c) => c.span))).toEqual([[1, 1, 1], [1, 2], [3], [1, 1, 1]]);
  });

  it('keeps a row that starts right of the table with an empty placeholder cell', () => {
    const body = row([1000, 2000, 3000], ['a', 'b', 'c']) + row([2000, 3000], ['b', 'c'], { left: 1000 });
    const [rows] = tables(readRtf(doc(body), LIMITS).blocks);
    expect(rows?.[1]).toEqual([cell(''), cell('b'), cell('c')]);
  });

  it('reads vertical merges and legacy horizontal merges', () => {
    const body = row([1000, 2000, 3000], ['a', 'b', 'c'], { flags: ['\\clvmgf', '\\clmgf', '\\clmrg'] })
      + row([1000, 2000, 3000], ['', 'e', 'f'], { flags: ['\\clvmrg'] });
    const [rows] = tables(readRtf(doc(body), LIMITS).blocks);
    expect(rows).toEqual([
      [cell('a', { vmerge: 'restart' }), cell('b\nc', { span: 2 })],
      [cell('', { vmerge: 'continue' }), cell('e'), cell('f')],
    ]);
  });

  it('joins a cell\'s paragraphs with newlines; cell bold only when all its text is bold', () => {
    const body = '\\trowd\\cellx1000\\cellx2000\\pard\\intbl {\\b one}\\par\\pard\\intbl {\\b two}\\cell\\pard\\intbl {\\b x} y\\cell\\row\\pard ';
    const [rows] = tables(readRtf(doc(body), LIMITS).blocks);
    expect(rows).toEqual([[cell('one\ntwo', { bold: true }), cell('x y')]]);
  });

  it('splits tables at body paragraphs and keeps paragraphs between them', () => {
    const body = `${row([1000], ['a'])}\\pard between\\par ${row([1000], ['b'])}\\pard after\\par `;
    const { blocks } = readRtf(doc(body), LIMITS);
    expect(blocks.map((b) => b.kind)).toEqual(['table', 'paragraph', 'table', 'paragraph']);
    expect(tables(blocks).map(texts)).toEqual([[['a']], [['b']]]);
  });

  it('takes a row definition written only before \\row (Word repeats it there)', () => {
    const body = '\\pard\\intbl a\\cell b\\cell{\\trowd\\cellx1000\\cellx3000\\row}\\pard ';
    const [rows] = tables(readRtf(doc(body), LIMITS).blocks);
    expect(texts(rows)).toEqual([['a', 'b']]);
  });

  it('keeps the cells of a last row that has no \\row', () => {
    const [rows] = tables(readRtf(doc('\\trowd\\cellx1000\\cellx2000\\pard\\intbl a\\cell b\\cell'), LIMITS).blocks);
    expect(texts(rows)).toEqual([['a', 'b']]);
  });
});

describe('readRtf: page count', () => {
  it('counts \\page, \\pagebb and new-page sections, not continuous ones', () => {
    const text = '{\\rtf1\\sectd a\\page b\\par \\pard\\pagebb c\\par \\pard d\\sect\\sectd\\sbknone e\\sect\\sectd f\\par}';
    const { blocks, pageCount } = readRtf(rtf(text), LIMITS);
    expect(paragraphTexts(blocks)).toEqual(['a\nb', 'c', 'd', 'e', 'f']);
    expect(pageCount).toBe(4);
  });

  it('is at least 1, or Word\'s saved \\nofpages when larger', () => {
    expect(readRtf(rtf('{\\rtf1}'), LIMITS)).toEqual({ blocks: [], pageCount: 1, issues: [] });
    expect(readRtf(rtf('{\\rtf1{\\info{\\nofpages7}}x\\par}'), LIMITS).pageCount).toBe(7);
  });
});

describe('readRtf: broken and hostile files', () => {
  const plan = corpusRtf('lysva-2021');
  const quick = (read: () => unknown): unknown => {
    const started = Date.now();
    try {
      return read();
    } finally {
      expect(Date.now() - started).toBeLessThan(2000);
    }
  };

  it.each([0.05, 0.2, 0.4, 0.6, 0.8, 0.95])('refuses the plan cut short at %d of its length', (fraction) => {
    const cut = plan.subarray(0, Math.floor(plan.length * fraction));
    expect(() => quick(() => readRtf(cut, LIMITS))).toThrow(/cut short/);
    expect(() => readRtf(cut, LIMITS)).toThrow(CorruptFileError);
  });

  it('never returns a cut file without saying so, wherever the cut falls', () => {
    const points = 150;
    let accepted = 0;
    for (let k = 1; k < points; k++) {
      const cut = plan.subarray(0, Math.floor((plan.length * k) / points));
      try {
        const read = readRtf(cut, LIMITS);
        expect(read.issues.length).toBeGreaterThan(0);
        accepted++;
      } catch (error) {
        expect(error).toBeInstanceOf(CorruptFileError);
      }
    }
    // Only cuts right after a paragraph or row end are read (with a warning): a few at most.
    expect(accepted).toBeLessThan(points / 20);
  });

  it('refuses a file cut inside a paragraph, or inside paragraph properties after a \\par', () => {
    expect(() => readRtf(rtf('{\\rtf1 first\\par second half'), LIMITS)).toThrow(CorruptFileError);
    expect(() => readRtf(rtf('{\\rtf1 first\\par\\pard\\ql'), LIMITS)).toThrow(/cut short/);
  });

  it('reads a file missing only its closing brace, with a warning', () => {
    // Only trailing braces are missing after the last complete paragraph: nothing is half-read.
    const withoutBrace = plan.subarray(0, plan.lastIndexOf(0x7d));
    const read = readRtf(withoutBrace, LIMITS);
    expect(read.blocks).toEqual(readRtf(plan, LIMITS).blocks);
    expect(read.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('closing brace') })]);
  });

  it('reads a file cut right after a \\row as far as it goes, with a warning', () => {
    const text = Buffer.from(plan).toString('latin1');
    const at = text.indexOf('\\row', text.indexOf('\\row') + 1) + '\\row'.length;
    const read = readRtf(plan.subarray(0, at), LIMITS);
    expect(tables(read.blocks)[0]).toHaveLength(2);
    expect(read.issues).toHaveLength(1);
  });

  it('refuses binary garbage inside the document', () => {
    const damaged = Uint8Array.from(plan);
    let seed = 7;
    for (let i = 40_000; i < 40_400; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      damaged[i] = seed & 0xff;
    }
    expect(() => quick(() => readRtf(damaged, LIMITS))).toThrow(CorruptFileError);
  });

  it('refuses bytes that are not RTF', () => {
    expect(() => readRtf(rtf('{\\rtx1 hello}'), LIMITS)).toThrow(/does not start with/);
    expect(() => readRtf(rtf('hello'), LIMITS)).toThrow(CorruptFileError);
  });

  it('refuses braces that close the document early, before more RTF', () => {
    expect(() => readRtf(rtf('{\\rtf1 a\\par} b\\par}'), LIMITS)).toThrow(/unbalanced braces/);
    // Padding after the document (NULs, line breaks) is not content.
    expect(paragraphTexts(readRtf(rtf('{\\rtf1 a\\par}\r\n\0\0'), LIMITS).blocks)).toEqual(['a']);
  });

  it('refuses groups nested beyond the depth limit, without using the call stack', () => {
    const deep = rtf(`{\\rtf1 ${'{'.repeat(1_000_000)}x${'}'.repeat(1_000_000)}}`);
    expect(() => quick(() => readRtf(deep, LIMITS))).toThrow(/nested more than/);
    const deepSkipped = rtf(`{\\rtf1{\\*\\x ${'{'.repeat(1_000_000)}}}`);
    expect(() => quick(() => readRtf(deepSkipped, LIMITS))).toThrow(CorruptFileError);
  });

  it('refuses a \\bin that runs past the end of the file', () => {
    expect(() => readRtf(rtf('{\\rtf1{\\*\\objdata\\bin9999999999 xx}}'), LIMITS)).toThrow(/\\bin/);
    expect(() => readRtf(rtf('{\\rtf1{\\*\\objdata\\bin5 ab}}'), LIMITS)).toThrow(/cut short/);
  });

  it('stops building cells at the decode limit', () => {
    const bomb = rtf(`{\\rtf1\\trowd\\cellx100\\pard\\intbl ${'\\cell'.repeat(50_000)}\\row}`);
    expect(() => quick(() => readRtf(bomb, { maxUncompressedMb: 1 }))).toThrow(TooLargeError);
    const definitions = rtf(`{\\rtf1\\trowd${'\\cellx1'.repeat(50_000)}}`);
    expect(() => quick(() => readRtf(definitions, { maxUncompressedMb: 1 }))).toThrow(TooLargeError);
  });
});
