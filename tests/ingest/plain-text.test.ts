import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StructBlock, StructCell } from '../../src/model/document.js';
import { decodeText, readPlainText, utf16Layout } from '../../src/ingest/plain-text.js';
import { sniffFormat } from '../../src/ingest/sniff-format.js';
import { Prng } from '../../scripts/bad-inputs/prng.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const txtFixture = (name: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'txt', name));
const corpusTxt = (id: string): Uint8Array => readFileSync(path.join(root, 'fixtures', 'corpus', 'txt', `${id}.txt`));

const tables = (blocks: StructBlock[]): StructCell[][][] => blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : []));
const paragraphs = (blocks: StructBlock[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));

/** Byte of each character a single-byte code page can encode, by inverting the platform's decoder. */
function codePage(encoding: string): Map<string, number> {
  const decoder = new TextDecoder(encoding);
  const byChar = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const ch = decoder.decode(new Uint8Array([byte]));
    if (!byChar.has(ch)) byChar.set(ch, byte);
  }
  return byChar;
}

function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const byChar = codePage(encoding);
  return Uint8Array.from([...text], (ch) => {
    const byte = byChar.get(ch);
    if (byte === undefined) throw new Error(`${JSON.stringify(ch)} has no ${encoding} byte`);
    return byte;
  });
}

const SAMPLE = '№ п/п\tМероприятие\tСроки\n1.1.\tРазработка и утверждение критериев\tАвгуст, 2021\nОтветственный: Управление образования';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(SAMPLE);
    expect(decodeText(utf8)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeText(withBom)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-16 with a BOM, and sniffs it as text despite its NUL bytes', () => {
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from(SAMPLE, 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(sniffFormat(le).format).toBe('txt');
  });

  it('reads UTF-32 by its mark — whose little-endian form opens with UTF-16\'s — and sniffs it as text', () => {
    const units = (le: boolean) => {
      const cps = [0xfeff, ...[...SAMPLE].map((c) => c.codePointAt(0)!)];
      const out = new Uint8Array(cps.length * 4);
      cps.forEach((cp, i) => new DataView(out.buffer).setUint32(i * 4, cp, le));
      return out;
    };
    expect(decodeText(units(true))).toEqual({ text: SAMPLE, encoding: 'utf-32le' });
    expect(decodeText(units(false))).toEqual({ text: SAMPLE, encoding: 'utf-32be' });
    expect(sniffFormat(units(true)).format).toBe('txt');
    expect(sniffFormat(units(false)).format).toBe('txt');
    // A cut last unit and a unit past U+10FFFF are marks of damage, not a failure.
    const cut = units(true).slice(0, 4 * 3 + 2);
    expect(decodeText(cut).text).toBe(`${SAMPLE.slice(0, 2)}\ufffd`);
  });

  it.each(['windows-1251', 'ibm866', 'koi8-r', 'x-mac-cyrillic'])('recognises %s when the bytes are not UTF-8', (encoding) => {
    // KOI8-R and Mac Cyrillic have no «№»: the sample keeps what the code page can encode.
    const page = codePage(encoding);
    const sample = [...SAMPLE].filter((ch) => page.has(ch)).join('');
    const decoded = decodeText(encodeSingleByte(sample, encoding));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(sample);
  });

  it('tells the code pages apart on a whole corpus document', () => {
    const original = new TextDecoder().decode(corpusTxt('vereshchagino-2021'));
    for (const encoding of ['windows-1251', 'ibm866', 'koi8-r', 'x-mac-cyrillic']) {
      // Keep what the code page can encode (CP866 has no «», for one).
      const page = codePage(encoding);
      const text = [...original].filter((ch) => page.has(ch)).join('');
      expect(text.length).toBeGreaterThan(original.length * 0.95);
      expect(decodeText(encodeSingleByte(text, encoding))).toEqual({ text, encoding });
    }
  });
});

describe('decodeText: UTF-16 without a byte-order mark', () => {
  const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
  const utf16be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

  it.each([['utf-16le', utf16le], ['utf-16be', utf16be]] as const)('reads %s told by its byte layout, and sniffs it as text', (encoding, encode) => {
    const bytes = encode(SAMPLE);
    expect(utf16Layout(bytes)).toBe(encoding);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding });
    expect(sniffFormat(bytes).format).toBe('txt');
  });

  it('reads a whole corpus document either way, as its UTF-8 reading (tables, CRLF, «», №, —)', () => {
    const original = new TextDecoder().decode(corpusTxt('lysva-2021')).replace(/\n/g, '\r\n');
    expect(original).toMatch(/[«№—]/);
    const expected = readPlainText(new TextEncoder().encode(original)).blocks;
    expect(tables(expected)).toHaveLength(1);
    for (const bytes of [utf16le(original), utf16be(original)]) {
      expect(decodeText(bytes).text).toBe(original);
      expect(readPlainText(bytes).blocks).toEqual(expected);
    }
  });

  it('reads ASCII-only UTF-16 as UTF-16, not as UTF-8 with a NUL between letters', () => {
    const ascii = 'No\tActivity\tResponsible\tDeadline\n1.\tSeminar\tEducation department\tMarch 2021\n';
    expect(decodeText(utf16le(ascii))).toEqual({ text: ascii, encoding: 'utf-16le' });
    expect(decodeText(utf16be(ascii))).toEqual({ text: ascii, encoding: 'utf-16be' });
  });

  it('reads a file cut at an odd byte (the half unit at its end decodes as U+FFFD)', () => {
    const cut = utf16le(SAMPLE).subarray(0, 2 * SAMPLE.length - 1);
    const decoded = decodeText(cut);
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text.startsWith(SAMPLE.slice(0, -1))).toBe(true);
  });

  it('does not guess from a sample too short to show a pattern', () => {
    expect(utf16Layout(utf16le('План'))).toBeUndefined();
    expect(utf16Layout(utf16le('План мероприятий'))).toBeUndefined(); // 16 units, under 32
  });

  it('does not take binary data for UTF-16: random bytes, 16-bit samples and counters, UTF-32, spaced-out 8-bit text', () => {
    const prng = new Prng(15);
    const pcm = new Int16Array(8000).map((_, i) => Math.round(200 * Math.sin(i / 3)));
    const counters = Uint16Array.from({ length: 8192 }, (_, i) => i % 4096);
    const utf32 = new Uint8Array(Uint32Array.from([...SAMPLE.repeat(4)], (c) => c.codePointAt(0)!).buffer);
    const cases: Record<string, Uint8Array> = {
      random: prng.bytes(65536),
      'random units with high bytes 0x00/0x04': prng.bytes(4096, () => 0).map((_, i) => (i % 2 ? (prng.int(0, 1) ? 0x04 : 0x00) : prng.int(0, 255))),
      pcm: new Uint8Array(pcm.buffer),
      counters: new Uint8Array(counters.buffer),
      utf32,
      // Letters between spaces read as U+2061 … (General Punctuation) in UTF-16LE: not Latin or Cyrillic.
      'spaced-out ASCII': new TextEncoder().encode('P L A N   o f   a c t i v i t i e s   f o r   s c h o o l s   2 0 2 1 '.repeat(4)),
    };
    for (const [what, bytes] of Object.entries(cases)) {
      expect(utf16Layout(bytes), what).toBeUndefined();
      expect(utf16Layout(bytes.slice(1)), `${what} shifted by a byte`).toBeUndefined();
    }
    for (const what of ['random', 'pcm', 'counters', 'utf32']) expect(sniffFormat(cases[what]!).format, what).toBe('unsupported');
  });

  it('does not take any binary fixture for UTF-16 (images, PDFs, office packages, OLE files), even asked directly', () => {
    const binary = /\.(pdf|png|jpe?g|tiff?|webp|gif|bmp|docx|xlsx|odt|ods|doc|xls|zip|bin|gz)$/i;
    const files = readdirSync(path.join(root, 'fixtures'), { recursive: true, encoding: 'utf8' }).filter((f) => binary.test(f));
    expect(files.length).toBeGreaterThan(150);
    const taken = files.filter((f) => utf16Layout(readFileSync(path.join(root, 'fixtures', f))) !== undefined);
    expect(taken).toEqual([]);
  });
});

describe('readPlainText', () => {
  it('turns a run of tab-separated lines into one table, across blank lines', () => {
    const { blocks } = readPlainText(txtFixture('tab-separated-table.txt'));
    const found = tables(blocks);
    expect(found).toHaveLength(1);
    const rows = found[0] ?? [];
    expect(rows[0]?.map((c) => c.text)).toEqual([
      '№ п/п', 'Мероприятия (содержание деятельности)', 'Ответственный исполнитель', 'Сроки исполнения', 'Планируемый результат',
    ]);
    // A section row keeps its empty trailing cells, so it still spans the table.
    expect(rows[1]?.map((c) => c.text)).toEqual(['1. Нормативно-правовое обеспечение', '', '', '', '']);
    // A row continued after a page break starts with an empty number cell.
    const continued = rows.find((r) => r[1]?.text.startsWith('переходу школ'));
    expect(continued?.[0]?.text).toBe('');
    expect(rows.every((r) => r.every((c) => c.span === 1 && c.vmerge === null))).toBe(true);
    expect(rows.map((r) => r[0]?.text).filter((t) => /^\d+\.\d+\.$/.test(t ?? ''))).toEqual(['1.1.', '1.2.', '1.3.', '1.4.', '2.1.']);
    // Text before the table stays paragraphs.
    expect(paragraphs(blocks).map((p) => p.text)).toEqual([
      'по развитию муниципальной системы поддержки школ с низкими образовательными результатами',
      'обучающихся Лысьвенского городского округа на 2021-2024 гг',
    ]);
  });

  it('emits cells interleaved one per line as paragraphs, not as a one-column table', () => {
    const { blocks } = readPlainText(txtFixture('one-cell-per-line.txt'));
    expect(tables(blocks)).toHaveLength(0);
    const texts = paragraphs(blocks).map((p) => p.text);
    expect(texts).toContain('№ п/п');
    expect(texts).toContain('1.1.');
    expect(texts).toContain('июнь, 2021 г.');
    expect(texts.every((t) => !t.includes('\t') && t === t.trim())).toBe(true);
  });

  it('reads **…** (over several lines) and <b>…</b> as bold and drops the markers', () => {
    const { blocks } = readPlainText(txtFixture('bold-markup.txt'));
    const heading = paragraphs(blocks).slice(0, 3);
    expect(heading.map((p) => p.bold)).toEqual([true, true, true]);
    expect(heading[0]?.text).toBe('План мероприятий («дорожная карта»)');
    expect(heading[2]?.text).toBe('функционирующих в сложных социальных условиях');
    const rows = tables(blocks)[0] ?? [];
    const yearRow = rows.find((r) => r[0]?.text === '2020 год');
    expect(yearRow?.[0]?.bold).toBe(true);
    expect(rows.flat().some((c) => /\*\*|<\/?b>/.test(c.text))).toBe(false);
    expect(rows.find((r) => r[0]?.text === '1.')?.[0]?.bold).toBe(false);
  });

  it('treats CR, CRLF and form feeds as line ends', () => {
    const bytes = new TextEncoder().encode('Заголовок\r\nа\tб\rв\tг\fИтог');
    const { blocks } = readPlainText(bytes);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Заголовок', bold: false },
      { kind: 'table', rows: [['а', 'б'], ['в', 'г']].map((r) => r.map((text) => ({ text, bold: false, span: 1, vmerge: null }))) },
      { kind: 'paragraph', text: 'Итог', bold: false },
    ]);
  });

  it('returns no blocks for blank input', () => {
    expect(readPlainText(new TextEncoder().encode(' \n\n \t \n')).blocks).toEqual([]);
  });
});

interface Gold {
  rows: { section?: string; number?: string }[];
}

describe('readPlainText: corpus documents', () => {
  const goldNumbers = (id: string): string[] => {
    const gold = JSON.parse(readFileSync(path.join(root, 'fixtures', 'corpus', 'gold', `${id}.gold.json`), 'utf8')) as Gold;
    return gold.rows.flatMap((r) => (r.number ? [r.number] : []));
  };

  it.each(['lysva-2021', 'krasnooktyabrsky-2020'])('%s: tab tables carry the gold numbers in order', (id) => {
    const rows = tables(readPlainText(corpusTxt(id)).blocks).flat();
    const numbers = rows.map((r) => r[0]?.text ?? '').filter((t) => /^\d+\.(\d+\.)?$/.test(t));
    expect(numbers).toEqual(goldNumbers(id));
  });

  it('perm-krai-2021: one cell per line, every gold number is a paragraph, in order', () => {
    const { blocks } = readPlainText(corpusTxt('perm-krai-2021'));
    expect(tables(blocks)).toHaveLength(0);
    const numbers = paragraphs(blocks).map((p) => p.text).filter((t) => /^\d+\.\d+\.$/.test(t));
    expect(numbers).toEqual(goldNumbers('perm-krai-2021'));
  });

  it.each(['vereshchagino-2021', 'prigorodny-2021'])('%s: text without tabs is all paragraphs', (id) => {
    const { blocks } = readPlainText(corpusTxt(id));
    expect(tables(blocks)).toHaveLength(0);
    expect(blocks.length).toBeGreaterThan(50);
    expect(paragraphs(blocks).every((p) => p.text === p.text.trim() && p.text !== '')).toBe(true);
  });
});
