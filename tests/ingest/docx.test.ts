import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CorruptFileError, TooLargeError } from '../../src/errors.js';
import type { StructBlock, StructCell } from '../../src/model/document.js';
import { readDocx } from '../../src/ingest/docx.js';
import { formatNumber } from '../../src/ingest/docx-numbering.js';
import {
  autoNumberCorpusDocx, buildDocx, buildZipBomb, documentXml, FIXTURES, para, setDeclaredSize,
} from '../../scripts/make-docx-fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMITS = { maxUncompressedMb: 100 };

const fixture = (name: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'docx', name));
const corpusDocx = (id: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'corpus', 'docs', `${id}.docx`));

function tables(blocks: StructBlock[]): StructCell[][][] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
}

function paragraphs(blocks: StructBlock[]): { text: string; bold: boolean }[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? [{ text: b.text, bold: b.bold }] : []));
}

function onlyTable(bytes: Uint8Array): StructCell[][] {
  const found = tables(readDocx(bytes, LIMITS).blocks);
  expect(found).toHaveLength(1);
  return found[0] ?? [];
}

const texts = (rows: StructCell[][]): string[][] => rows.map((r) => r.map((c) => c.text));

describe('readDocx: committed fixtures match their generator', () => {
  // Guards against editing the generator without regenerating (or hand-editing a fixture).
  it.each(Object.keys(FIXTURES))('%s', (name) => {
    const build = FIXTURES[name];
    expect(build).toBeDefined();
    if (build) expect(Buffer.from(fixture(name)).equals(Buffer.from(build()))).toBe(true);
  });
});

describe('readDocx: table structure', () => {
  it('keeps a gridSpan section row as one wide bold cell', () => {
    const rows = onlyTable(fixture('gridspan-section-row.docx'));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual([{ text: '1. Нормативно-правовое обеспечение', span: 5, vmerge: null, bold: true }]);
    expect(texts(rows)[2]).toEqual(['1.1.', 'Разработка критериев', 'МОУО', 'Август 2021', 'Утверждены критерии']);
    expect(rows[3]?.map((c) => c.span)).toEqual([1, 2, 1, 1]);
    // Header cells are bold runs; body cells are not.
    expect(rows[0]?.every((c) => c.bold)).toBe(true);
    expect(rows[2]?.some((c) => c.bold)).toBe(false);
  });

  it('reports vertical merges as restart / continue', () => {
    const rows = onlyTable(fixture('vmerge-cells.docx'));
    expect(rows.map((r) => r[2]?.vmerge)).toEqual([null, 'restart', 'continue', null]);
    expect(rows[1]?.[2]?.text).toBe('Управление образования');
    expect(rows[2]?.[2]?.text).toBe('');
  });

  it('joins a cell\'s paragraphs with newlines and flattens nested tables', () => {
    const rows = onlyTable(fixture('multi-paragraph-cells.docx'));
    expect(texts(rows)[1]).toEqual([
      '1.',
      'Проведение семинаров\nдля учителей',
      'МОУО,\nИРО',
      'Сентябрь\t2021',
      'Справка\nвложенная\nтаблица\nвторая строка',
    ]);
  });

  it('keeps grid alignment of rows with gridBefore / gridAfter', () => {
    const rows = onlyTable(fixture('multi-paragraph-cells.docx'));
    expect(rows[2]).toEqual([
      { text: '', span: 1, vmerge: null, bold: false },
      { text: '2.', span: 1, vmerge: null, bold: false },
      { text: 'Строка со сдвигом сетки', span: 1, vmerge: null, bold: false },
      { text: '', span: 2, vmerge: null, bold: false },
    ]);
  });
});

describe('readDocx: auto-numbering', () => {
  it('repeats letters as Word does, but not without bound (a hostile w:start)', () => {
    expect(formatNumber(27, 'lowerLetter')).toBe('aa');
    expect(formatNumber(33, 'russianUpper')).toMatch(/^\p{Lu}+$/u);
    expect(formatNumber(2_000_000_000, 'lowerLetter')).toBe('2000000000');
  });

  it('renders numbered cells and section rows as Word shows them', () => {
    const rows = onlyTable(fixture('auto-numbered-cells.docx'));
    expect(rows.map((r) => r[0]?.text)).toEqual([
      '№ п/п', '1. Нормативно-правовое обеспечение', '1.1.', '1.2.', '2. Общесистемные мероприятия', '2.1.',
    ]);
    // A bullet list in another column uses its own counters and shows a real bullet.
    expect(rows[2]?.[4]?.text).toBe('• приказ\n• план');
  });

  it('formats roman, letter, russian and legal numbering, restarts and style-linked lists', () => {
    const { blocks } = readDocx(fixture('numbering-formats.docx'), LIMITS);
    expect(paragraphs(blocks).map((p) => p.text)).toEqual([
      'I. римская',
      'II. римская',
      // Another w:num of the same abstract list continues the sequence …
      'III. тот же список, другой w:num',
      // … unless it carries a startOverride.
      'I. перезапуск',
      'II. после перезапуска',
      'a) латинская',
      'b) латинская',
      'а) русская',
      'б) русская',
      'I. раздел',
      // isLgl shows the parent level in decimal.
      '1.1. юридическая',
      'Раздел 1: нумерация из стиля',
      'Раздел 2: нумерация из стиля',
      // numId 0 on the paragraph switches off the style's numbering.
      'нумерация снята',
    ]);
  });

  it('reads an auto-numbered copy of a corpus plan exactly like the literally numbered original', () => {
    const original = readDocx(corpusDocx('lysva-2021'), LIMITS);
    const auto = readDocx(fixture('lysva-2021.autonumbered.docx'), LIMITS);
    expect(auto).toEqual(original);
    // And the fixture really is auto-numbered (not a copy of the original).
    const xml = strFromU8(unzipSync(fixture('lysva-2021.autonumbered.docx'))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('<w:numPr>');
    expect(xml).not.toContain('<w:t>1.1.</w:t>');
  });

  it('the auto-numbered fixture is what the generator makes of the corpus file', () => {
    const built = autoNumberCorpusDocx(corpusDocx('lysva-2021'));
    expect(Buffer.from(built).equals(Buffer.from(fixture('lysva-2021.autonumbered.docx')))).toBe(true);
  });
});

describe('readDocx: runs and inline markup', () => {
  const read = () => paragraphs(readDocx(fixture('inline-markup.docx'), LIMITS).blocks);

  it('takes text from hyperlinks, content controls and insertions; drops deletions and hidden text', () => {
    const p = read().map((x) => x.text);
    expect(p).toContain('Ссылка: сайт');
    expect(p).toContain('поле формы');
    expect(p).toContain('было вставлено');
    expect(p).toContain('видимый');
    expect(p.join(' ')).not.toMatch(/удалено|скрытый/);
  });

  it('drops soft hyphens, keeps non-breaking hyphens, maps symbol bullets', () => {
    expect(read().map((x) => x.text)).toContain('перенос и Северо-Запад • пункт');
  });

  it('keeps a field\'s result, not its code; skips text boxes; decodes character references', () => {
    const p = read().map((x) => x.text);
    expect(p).toContain('7');
    expect(p.join(' ')).not.toMatch(/PAGE|надпись/);
    expect(p).toContain('текст рядом');
    expect(p).toContain('Буква & знак');
  });

  it('resolves bold from paragraph style, character style and direct w:b w:val="0"', () => {
    const byText = new Map(read().map((x) => [x.text, x.bold]));
    expect(byText.get('жирный по стилю абзаца')).toBe(true);
    expect(byText.get('жирный снят в одном прогоне')).toBe(false);
    expect(byText.get('жирный по стилю знака')).toBe(true);
    expect(byText.get('Ссылка: сайт')).toBe(false);
  });

  it('does not depend on the namespace prefix', () => {
    const files = unzipSync(fixture('gridspan-section-row.docx'));
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    files['word/document.xml'] = strToU8(xml.replace(/<(\/?)w:/g, '<$1ns0:').replace(/ w:/g, ' ns0:').replace('xmlns:w=', 'xmlns:ns0='));
    const renamed = readDocx(zipSync(files), LIMITS);
    expect(renamed).toEqual(readDocx(fixture('gridspan-section-row.docx'), LIMITS));
  });
});

describe('readDocx: page count', () => {
  it('counts page breaks, pageBreakBefore and new-page sections', () => {
    const { blocks, pageCount } = readDocx(fixture('no-table.docx'), LIMITS);
    expect(tables(blocks)).toHaveLength(0);
    // br page ×2, pageBreakBefore, and the final section starting on a new page.
    expect(pageCount).toBe(5);
    expect(paragraphs(blocks)[1]?.text).toBe('конец первой\nвторая');
  });

  it('counts a table row split over a page once, not once per cell', () => {
    expect(readDocx(fixture('vmerge-cells.docx'), LIMITS).pageCount).toBe(2);
  });

  it('is at least 1 and trusts Word\'s saved page count when larger', () => {
    expect(readDocx(fixture('gridspan-section-row.docx'), LIMITS).pageCount).toBe(1);
    const withApp = buildDocx({
      document: documentXml(para('текст')),
      extra: { 'docProps/app.xml': '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>12</Pages></Properties>' },
    });
    expect(readDocx(withApp, LIMITS).pageCount).toBe(12);
  });
});

describe('readDocx: broken and hostile files', () => {
  it('refuses an archive without word/document.xml', () => {
    expect(() => readDocx(fixture('missing-document-xml.docx'), LIMITS)).toThrow(CorruptFileError);
  });

  it('refuses a bare ZIP header', () => {
    expect(() => readDocx(readFileSync(path.join(root, 'fixtures', 'bad', 'zip-header-only.docx')), LIMITS)).toThrow(CorruptFileError);
  });

  it('refuses bytes that are not a ZIP, and truncated archives', () => {
    expect(() => readDocx(strToU8('План мероприятий'), LIMITS)).toThrow(CorruptFileError);
    const whole = corpusDocx('lysva-2021');
    expect(() => readDocx(whole.subarray(0, Math.floor(whole.length / 2)), LIMITS)).toThrow(CorruptFileError);
  });

  it('refuses a document.xml cut in half inside a well-formed ZIP (rows would be lost silently)', () => {
    const files = unzipSync(corpusDocx('lysva-2021'));
    const xml = files['word/document.xml']!;
    files['word/document.xml'] = xml.subarray(0, Math.floor(xml.length / 2));
    expect(() => readDocx(zipSync(files), LIMITS)).toThrow(/cut short/);
  });

  it('refuses a document.xml cut where the cut ends on a closing tag (before </w:document>, before the last <w:sectPr>)', () => {
    for (const marker of ['</w:document>', '<w:sectPr']) {
      const files = unzipSync(corpusDocx('perm-krai-2021'));
      const xml = Buffer.from(files['word/document.xml']!);
      files['word/document.xml'] = xml.subarray(0, xml.lastIndexOf(marker));
      expect(() => readDocx(zipSync(files), LIMITS), marker).toThrow(/cut short or damaged/);
    }
  });

  it('reads a document.xml stored as UTF-16 with a byte-order mark (legal XML) like its UTF-8 original', () => {
    const files = unzipSync(corpusDocx('perm-krai-2021'));
    const utf8 = readDocx(zipSync(files), LIMITS);
    files['word/document.xml'] = Buffer.from(`\ufeff${strFromU8(files['word/document.xml']!).replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, 'utf16le');
    expect(readDocx(zipSync(files), LIMITS).blocks).toEqual(utf8.blocks);
  });

  it('refuses a document.xml without a body, or that is not XML', () => {
    expect(() => readDocx(buildDocx({ document: '<?xml version="1.0"?><other/>' }), LIMITS)).toThrow(CorruptFileError);
    expect(() => readDocx(buildDocx({ document: 'garbage <<<>>> &&& <w:p' }), LIMITS)).toThrow(CorruptFileError);
  });

  describe('zip bombs', () => {
    // 200 MB of spaces deflates to ~200 KB; built once, in memory.
    let bomb: Uint8Array | undefined;
    const getBomb = (): Uint8Array => (bomb ??= buildZipBomb(200));

    it('refuses from the declared size without inflating', () => {
      // One part of 200 MB: over the per-part limit (32 MB), which is checked first …
      expect(() => readDocx(getBomb(), LIMITS)).toThrow(/^too large: word\/document\.xml of the DOCX declares 200\.0 MB uncompressed \(limit 32\.0 MB per part\)$/);
      expect(() => readDocx(getBomb(), LIMITS)).toThrow(TooLargeError);
      // … and over the document's total (100 MB) when the part limit is out of the way.
      expect(() => readDocx(getBomb(), { ...LIMITS, maxXmlPartMb: 500 })).toThrow(/DOCX parts declare 200\.0 MB uncompressed \(limit 100\.0 MB\)/);
    });

    it('stops inflating at the limit when the declared size lies', () => {
      const lying = setDeclaredSize(getBomb(), 'word/document.xml', 10_000);
      expect(() => readDocx(lying, LIMITS)).toThrow(TooLargeError);
      expect(() => readDocx(lying, LIMITS)).toThrow(/word\/document\.xml of the DOCX inflates beyond 32\.0 MB, the limit per part \(its ZIP entry declares 10000 bytes\)/);
      expect(() => readDocx(lying, { ...LIMITS, maxXmlPartMb: 500 })).toThrow(/DOCX parts inflate beyond 100\.0 MB/);
    });

    it('applies the configured limit', () => {
      const small = setDeclaredSize(fixture('gridspan-section-row.docx'), 'word/document.xml', 2 * 1024 * 1024);
      expect(() => readDocx(small, { maxUncompressedMb: 1 })).toThrow(TooLargeError);
    });
  });

  describe('one XML part past limits.maxXmlPartMb', () => {
    /** word/document.xml of `mb` MB: the same paragraph repeated, no table (an honest, huge part). */
    const hugeDocument = (mb: number): Uint8Array => {
      const p = '<w:p><w:r><w:t>Строка текста приказа без таблицы плана мероприятий.</w:t></w:r></w:p>';
      return buildDocx({ document: documentXml(p.repeat(Math.floor((mb * 1024 * 1024) / Buffer.byteLength(p)))) });
    };
    let huge: Uint8Array | undefined;
    const get90 = (): Uint8Array => (huge ??= hugeDocument(90));

    it('a 90 MB document.xml is refused at once from its declared size, naming the part and the limit', () => {
      // Before the per-part limit, it was inflated, validated and parsed (7.6 s and 1 GB here;
      // in the CLI's worker it ran out of heap after 7–11 s).
      const docx = get90(); // 370 KB zipped, built once (~2 s)
      const started = performance.now();
      expect(() => readDocx(docx, LIMITS)).toThrow(TooLargeError);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(() => readDocx(docx, LIMITS)).toThrow(/^too large: word\/document\.xml of the DOCX declares 90\.0 MB uncompressed \(limit 32\.0 MB per part\)$/);
    }, 30_000);

    it('a part that lies about its size is stopped while inflating, at the limit', () => {
      const lying = setDeclaredSize(get90(), 'word/document.xml', 1024);
      const started = performance.now();
      expect(() => readDocx(lying, LIMITS)).toThrow(/^too large: word\/document\.xml of the DOCX inflates beyond 32\.0 MB, the limit per part \(its ZIP entry declares 1024 bytes\)$/);
      expect(performance.now() - started).toBeLessThan(5000);
    }, 30_000);

    it('applies the configured limit to every part read, and reads a part under it', () => {
      const doc = hugeDocument(1.5);
      expect(readDocx(doc, { ...LIMITS, maxXmlPartMb: 2 }).blocks.length).toBeGreaterThan(10_000);
      expect(() => readDocx(doc, { ...LIMITS, maxXmlPartMb: 1 })).toThrow(/word\/document\.xml of the DOCX declares 1\.5 MB uncompressed \(limit 1\.0 MB per part\)/);
      expect(() => readDocx(setDeclaredSize(doc, 'word/document.xml', 1000), { ...LIMITS, maxXmlPartMb: 1 })).toThrow(/word\/document\.xml of the DOCX inflates beyond 1\.0 MB/);
      // A styles part is held to it as well (it is parsed whole too).
      const styles = `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${'<w:style w:styleId="x"/>'.repeat(60_000)}</w:styles>`;
      const withStyles = buildDocx({ document: documentXml(para('Текст')), styles });
      expect(readDocx(withStyles, LIMITS).blocks).toHaveLength(1);
      expect(() => readDocx(withStyles, { ...LIMITS, maxXmlPartMb: 1 })).toThrow(/word\/styles\.xml of the DOCX declares 1\.4 MB/);
    });

    it('the ingest stage fails the file as too_large with the settings\' limit', async () => {
      const { ingestBytes } = await import('../../src/ingest/index.js');
      const { resolveSettings } = await import('../../src/settings.js');
      const settings = resolveSettings({ limits: { maxXmlPartMb: 1 } });
      const ocr = () => Promise.reject(new Error('no OCR needed'));
      await expect(ingestBytes('big.docx', hugeDocument(1.5), 'x', settings, { ocr })).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/word\/document\.xml .*limit 1\.0 MB per part/) });
    });
  });
});

interface GoldRow {
  section?: string;
  number?: string;
  activity?: string;
  responsible?: string;
  deadline?: string;
  result?: string;
}
interface Gold {
  columns: string[];
  rows: GoldRow[];
}

const CORPUS = ['krasnooktyabrsky-2020', 'lysva-2021', 'perm-krai-2021', 'prigorodny-2021', 'vereshchagino-2021'];
const squash = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

describe('readDocx: corpus documents', () => {
  it.each(CORPUS)('%s: the plan table has the gold rows, in order', (id) => {
    const gold = JSON.parse(readFileSync(path.join(root, 'fixtures', 'corpus', 'gold', `${id}.gold.json`), 'utf8')) as Gold;
    const { blocks, pageCount } = readDocx(corpusDocx(id), LIMITS);
    expect(pageCount).toBeGreaterThanOrEqual(1);
    const plan = tables(blocks).sort((a, b) => b.length - a.length)[0] ?? [];
    const headerRows = plan.length - gold.rows.length;
    expect(headerRows).toBeGreaterThanOrEqual(0);
    expect(headerRows).toBeLessThanOrEqual(1);

    gold.rows.forEach((g, i) => {
      const cells = plan[headerRows + i] ?? [];
      if (g.section !== undefined) {
        expect(cells).toHaveLength(1);
        expect(cells[0]?.span).toBe(gold.columns.length);
        expect(squash(cells[0]?.text)).toBe(squash(g.section));
      } else {
        expect(cells).toHaveLength(gold.columns.length);
        const cellOf = (role: string) => squash(cells[gold.columns.indexOf(role)]?.text);
        expect(cellOf('number')).toBe(squash(g.number));
        expect(cellOf('activity')).toBe(squash(g.activity));
      }
    });
  });
});

describe('readDocx: a long plan', () => {
  // Speed is the benchmark's business (npm run bench); this pins that a long table is read whole.
  it('reads every row of a 30-page plan', () => {
    // The lysva plan (5 pages) with its table rows repeated six times: ~30 pages, 132 rows.
    const originalRows = onlyTable(corpusDocx('lysva-2021')).length;
    const files = unzipSync(corpusDocx('lysva-2021'));
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    const bodyStart = xml.indexOf('</w:tblGrid>') + '</w:tblGrid>'.length;
    const bodyEnd = xml.indexOf('</w:tbl>');
    files['word/document.xml'] = strToU8(xml.slice(0, bodyEnd) + xml.slice(bodyStart, bodyEnd).repeat(5) + xml.slice(bodyEnd));
    const { blocks } = readDocx(zipSync(files), LIMITS);
    expect(tables(blocks)[0]?.length).toBe(originalRows * 6);
  });
});
