/**
 * A second, independent hostile suite: variants of every class of issue #15 that
 * scripts/make-bad-inputs.ts does not write — other parameters, containers, encodings, names
 * and file types — mixed among good corpus files, each with the outcomes it may end in.
 * Seeded and deterministic. scripts/measure/hostile-suite.ts runs the folder as one batch
 * through the CLI and checks every case; tests/e2e/hostile-suite.test.ts runs a fast subset.
 *
 *   npx tsx scripts/bad-inputs/unseen-suite.ts --out .tmp/hostile/suite [--seed 7] [--subset fast]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ErrorCode } from '../../src/errors.js';
import { displayName } from '../../src/inputs.js';
import { parseFlags, runScript } from '../lib/flags.js';
import { Prng } from './prng.js';
import { latin1, writePdf, type PdfObject } from './pdf-writer.js';
import { ascii85, asciiHex, lzwEncode, runLengthOf } from './unseen-encoders.js';
import { bmpHeader, gifScreen, jpegFrame, pngGrayBlank, pngHeader, tiffChain, webpCanvas } from './unseen-images.js';
import { rawZip } from './unseen-zip.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = path.join(ROOT, 'fixtures/corpus/docs');
const FORMATS = path.join(ROOT, 'fixtures/formats');
const MB = 1024 * 1024;

/** One way a case may end. A case passes when any of its outcomes holds. */
export type Outcome =
  /** A documents row with status failed and this error code. */
  | { failed: ErrorCode }
  /** A documents row stored (ok or partial as given; 'any' = either) with this many activities. */
  | { stored: 'ok' | 'partial' | 'any'; activities?: number; minActivities?: number; contains?: string }
  /** No documents row; a line on stderr naming the file and matching `line`. */
  | { line: string }
  /** A ZIP of documents: at least `entries` rows under `name!/`, none stored. */
  | { archive: 'none-stored'; entries: number };

export interface SuiteCase {
  id: string;
  /** Class of issue #15 the case is a variant of. */
  kind: 'image' | 'pdf' | 'office' | 'zip' | 'text' | 'name' | 'special' | 'good';
  /** Path inside the input folder, as hex of its bytes (names need not be UTF-8). */
  fileHex: string;
  /** The same path readable (bytes not UTF-8 written \xHH). */
  shown: string;
  what: string;
  /** SHA-256 of the content written (null for special files). */
  sha256: string | null;
  expect: Outcome[];
  /** In the fast subset run by tests/e2e/hostile-suite.test.ts. */
  fast: boolean;
  /** Created by the checker at run time (it needs the run's user or a writer beside it). */
  runtime?: 'unreadable' | 'grows';
}

/** A separate CLI run: a flag or database case. `{in}`, `{db}`, `{dir}` are filled in by the checker. */
export interface SuiteInvocation {
  id: string;
  what: string;
  args: string[];
  /** What `{db}` is before the run: prepared by the checker. */
  db: 'fresh' | 'directory' | 'text-file' | 'newer-schema' | 'truncated-db' | 'missing-folder' | 'dev-null';
  exit: number[];
  /** Every stderr line but the summary must match one of these; at least the first must occur. */
  stderr: string;
  /** The database path must keep every byte (and gain no -wal/-shm/-journal). */
  untouched?: boolean;
  fast: boolean;
}

export interface Manifest {
  seed: number;
  /** Per-file time limit the run must use (seconds). */
  timeoutSeconds: number;
  cases: SuiteCase[];
  invocations: SuiteInvocation[];
}

interface Made {
  id: string;
  kind: SuiteCase['kind'];
  /** File name inside the folder; a Buffer when not UTF-8; may contain one sub-folder. */
  name: string | Buffer;
  what: string;
  expect: Outcome[];
  bytes?: () => Uint8Array;
  special?: 'fifo' | 'socket' | 'symlink-loop' | 'dangling-link' | 'dev-zero-link' | 'folder';
  runtime?: SuiteCase['runtime'];
}

const read = (file: string) => new Uint8Array(fs.readFileSync(file));
const F = (code: ErrorCode): Outcome => ({ failed: code });
/** Damaged office XML: never `ok` — a partial document with a warning, or refused as corrupt. */
const DAMAGED: Outcome[] = [{ failed: 'corrupt_file' }, { stored: 'partial' }];

const GOOD_ROWS: Record<string, number> = {
  'krasnooktyabrsky-2020': 33, 'lysva-2021': 18, 'perm-krai-2021': 13, 'prigorodny-2021': 23, 'vereshchagino-2021': 8,
};

/** A corpus DOCX with its own bytes (a part's timestamp differs): the batch stores each copy. */
function distinctDocx(id: string, n: number): Uint8Array {
  const parts = unzipSync(read(path.join(DOCS, `${id}.docx`)));
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) z[k] = [v, { mtime: new Date(2001, 0, 1, 0, 0, 2 * n) }];
  return zipSync(z);
}

/** A corpus PDF with its own bytes: a comment after %%EOF changes the hash, not the document. */
function distinctPdf(id: string, n: number): Uint8Array {
  return Buffer.concat([read(path.join(DOCS, `${id}.pdf`)), Buffer.from(`\n% hostile-suite copy ${n}\n`)]);
}

const page = (contents: string, resources = '<< >>'): PdfObject =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contents} /Resources ${resources} >>`;
const head: PdfObject[] = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];

/** A one-page PDF whose only content stream is `stream` under `dict` (object 4), plus `more`. */
function contentPdf(dict: string, stream: Uint8Array, more: PdfObject[] = [], resources = '<< >>'): Uint8Array {
  return writePdf([...head, page('4 0 R', resources), { dict, stream }, ...more]);
}

/** An image-only page drawing XObject 5 (its dictionary and data given), plus `more`. */
function imagePdf(dict: string, data: Uint8Array, more: PdfObject[] = []): Uint8Array {
  return writePdf([
    ...head,
    page('4 0 R', '<< /XObject << /Im1 5 0 R >> >>'),
    { dict: '<< >>', stream: latin1('q 595 0 0 842 0 0 cm /Im1 Do Q') },
    { dict, stream: data },
    ...more,
  ]);
}

const SPACES = (mb: number) => Buffer.alloc(mb * MB, 0x20);

/** A PDF 1.5 whose objects sit in a compressed object stream found through an xref stream. */
export function objectStreamPdf(inner: string[], contentDict: string, content: Uint8Array): Uint8Array {
  // Objects 1..n are in object stream n+2; the content stream is object n+1 (streams cannot be in one).
  const n = inner.length;
  let offsets = '';
  let body = '';
  inner.forEach((o, i) => {
    offsets += `${i + 1} ${body.length} `;
    body += `${o}\n`;
  });
  const objStm = Buffer.concat([Buffer.from(offsets, 'latin1'), Buffer.from(body, 'latin1')]);
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const add = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  const contentAt = at;
  add(Buffer.concat([Buffer.from(`${n + 1} 0 obj\n${contentDict.replace(/>>\s*$/, ` /Length ${content.length} >>`)}\nstream\n`, 'latin1'), Buffer.from(content), Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  const stmAt = at;
  const zipped = deflateSync(objStm);
  add(Buffer.concat([Buffer.from(`${n + 2} 0 obj\n<< /Type /ObjStm /N ${n} /First ${offsets.length} /Filter /FlateDecode /Length ${zipped.length} >>\nstream\n`, 'latin1'), zipped, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  const xrefAt = at;
  const rows: number[][] = [[0, 0, 0xffff]];
  for (let i = 0; i < n; i++) rows.push([2, n + 2, i]);
  rows.push([1, contentAt, 0], [1, stmAt, 0], [1, xrefAt, 0]);
  const xref = Buffer.alloc(rows.length * 7);
  rows.forEach(([t, a, b], i) => {
    xref[i * 7] = t!;
    xref.writeUInt32BE(a!, i * 7 + 1);
    xref.writeUInt16BE(b!, i * 7 + 5);
  });
  const size = rows.length;
  add(Buffer.concat([Buffer.from(`${n + 3} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Length ${xref.length} >>\nstream\n`, 'latin1'), xref, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]));
  return new Uint8Array(Buffer.concat(parts));
}

/** The perm-krai DOCX with word/document.xml replaced by `xml` (bytes as given). */
function docxWithDocument(xml: Uint8Array | ((orig: Uint8Array) => Uint8Array)): Uint8Array {
  const parts: Zippable = unzipSync(read(path.join(DOCS, 'perm-krai-2021.docx')));
  parts['word/document.xml'] = typeof xml === 'function' ? xml(parts['word/document.xml'] as Uint8Array) : xml;
  return zipSync(parts);
}

function cutAt(bytes: Uint8Array, marker: string, before = true): Uint8Array {
  const at = Buffer.from(bytes).lastIndexOf(marker);
  if (at < 0) throw new Error(`no ${marker}`);
  return bytes.subarray(0, before ? at : at + marker.length);
}

/** Cuts a UTF-8 byte string inside a two-byte Cyrillic letter at about `share` of it. */
function cutInsideLetter(bytes: Uint8Array, share: number): Uint8Array {
  let at = Math.floor(bytes.length * share);
  while (at < bytes.length && !(bytes[at]! >= 0xd0 && bytes[at]! <= 0xd1)) at++;
  return bytes.subarray(0, at + 1);
}

const TEXT_PLAN = 'ПЛАН МЕРОПРИЯТИЙ ("ДОРОЖНАЯ КАРТА")\nпо повышению качества образования\n'
  + '№ п/п\tНаименование мероприятия\tОтветственный исполнитель\tСрок исполнения\tОжидаемый результат\n'
  + '1.\tПроведение совещания с руководителями общеобразовательных организаций\tОтдел образования\tсентябрь 2022\tПротокол совещания\n'
  + '2.\tМониторинг результатов всероссийских проверочных работ\tМетодический кабинет\tежегодно, май\tАналитическая справка\n'
  + '3.\tОрганизация курсов повышения квалификации учителей\tРуководители школ\tв течение года\tУдостоверения о повышении квалификации\n';

/** Bytes of `text` in a single-byte code page, by inverting the platform's decoder. */
function singleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const byChar = new Map<string, number>();
  for (let b = 255; b >= 0; b--) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(text, (ch) => {
    // KOI8 has no numero sign: writers put "N" for it.
    const b = byChar.get(ch) ?? (ch === '№' ? 0x4e : undefined);
    if (b === undefined) throw new Error(`${encoding} cannot write ${ch}`);
    return b;
  });
}

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

function nestedDocx(depth: number): Uint8Array {
  const open = '<w:sdt><w:sdtContent>'.repeat(depth);
  const close = '</w:sdtContent></w:sdt>'.repeat(depth);
  return docxWithDocument(strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${open}<w:p><w:r><w:t>x</w:t></w:r></w:p>${close}</w:body></w:document>`));
}

function nestedTablesDocx(depth: number): Uint8Array {
  const open = '<w:tbl><w:tr><w:tc>'.repeat(depth);
  const close = '<w:p/></w:tc></w:tr></w:tbl>'.repeat(depth);
  return docxWithDocument(strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${open}<w:p><w:r><w:t>x</w:t></w:r></w:p>${close}</w:body></w:document>`));
}

/** One 50 KB entity referenced 20,000 times: a quadratic blow-up (1 GB) without nesting. */
function quadraticEntityDocx(): Uint8Array {
  const refs = '&a;'.repeat(20_000);
  return docxWithDocument(strToU8(`<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "${'ж'.repeat(50_000)}">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${refs}</w:t></w:r></w:p></w:body></w:document>`));
}

/** Parameter entities and an external one: must be neither expanded nor fetched. */
function parameterEntityDocx(): Uint8Array {
  const dtd = '<!ENTITY % p0 "ha"><!ENTITY % p1 "%p0;%p0;%p0;%p0;%p0;%p0;%p0;%p0;"><!ENTITY % p2 "%p1;%p1;%p1;%p1;%p1;%p1;%p1;%p1;"><!ENTITY ext SYSTEM "file:///dev/zero">';
  return docxWithDocument(strToU8(`<?xml version="1.0"?><!DOCTYPE w:document [${dtd}]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&ext;</w:t></w:r></w:p></w:body></w:document>`));
}

/** An honest document.xml of `mb` MB: one paragraph repeated (under the 100 MB unpack limit, over the 32 MB per part). */
function hugePartDocx(mb: number): Uint8Array {
  const p = '<w:p><w:r><w:t>Строка текста приказа без таблицы плана мероприятий.</w:t></w:r></w:p>';
  const body = p.repeat(Math.floor((mb * MB) / Buffer.byteLength(p)));
  return docxWithDocument(strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`));
}

/** An XLSX whose one cell sits at XFD1048576 and whose dimension claims the whole grid. */
function xlsxFarCell(): Uint8Array {
  const parts = unzipSync(read(path.join(FORMATS, 'krasnooktyabrsky-2020.xlsx')));
  const sheet = Object.keys(parts).find((k) => /^xl\/worksheets\/sheet\d*\.xml$/.test(k))!;
  parts[sheet] = strToU8('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>'
    + '<row r="1"><c r="A1" t="inlineStr"><is><t>План</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>конец</t></is></c></row></sheetData></worksheet>');
  return zipSync(parts);
}

/** An ODS row repeated a million times with a cell repeated 16,384 times. */
function odsRepeated(): Uint8Array {
  const parts = unzipSync(read(path.join(FORMATS, 'vereshchagino-2021.ods')));
  const xml = '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Лист1">'
    + '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>План мероприятий</text:p></table:table-cell></table:table-row>'
    + '</table:table></office:spreadsheet></office:body></office:document-content>';
  parts['content.xml'] = strToU8(xml);
  return zipSync({ mimetype: [parts['mimetype']!, { level: 0 }], ...Object.fromEntries(Object.entries(parts).filter(([k]) => k !== 'mimetype')) });
}

function withPart(file: string, part: string, edit: (b: Uint8Array) => Uint8Array): Uint8Array {
  const parts: Record<string, Uint8Array> = unzipSync(read(file));
  parts[part] = edit(parts[part]!);
  const first: Zippable = parts['mimetype'] ? { mimetype: [parts['mimetype'], { level: 0 }] } : {};
  return zipSync({ ...first, ...Object.fromEntries(Object.entries(parts).filter(([k]) => k !== 'mimetype')) });
}

function rawDocx(opts: { descriptorLie?: boolean; zip64?: boolean }): Uint8Array {
  const parts = unzipSync(read(path.join(DOCS, 'perm-krai-2021.docx')));
  return rawZip(Object.entries(parts).map(([name, data]) => ({
    name, data,
    ...(name === 'word/document.xml' && opts.descriptorLie ? { descriptor: { crc: 0xdeadbeef, compressed: 7, size: 3 } } : {}),
    ...(name === 'word/document.xml' && opts.zip64 ? { zip64Size: 1n << 40n } : {}),
  })));
}

/** A ZIP of `n` central-directory entries all pointing at one local header of `mb` MB of zeros. */
function overlappingZip(n: number, mb: number): Uint8Array {
  return rawZip([{ name: 'kernel.bin', data: Buffer.alloc(mb * MB) }], { aliases: Array.from({ length: n - 1 }, (_, i) => ({ name: `part-${String(i + 1).padStart(3, '0')}.bin`, of: 0 })) });
}

function cases(seed: number, subset: 'all' | 'fast'): Made[] {
  const prng = new Prng(seed);
  const out: Made[] = [];
  let copy = seed * 1000;
  const good = (id: string, fmt: 'docx' | 'pdf') => (fmt === 'docx' ? distinctDocx(id, ++copy) : distinctPdf(id, ++copy));
  const stored = (activities: number, contains?: string): Outcome[] => [{ stored: 'ok', activities, ...(contains ? { contains } : {}) }];

  // ------------------------------------------------------------------ good files among them
  for (const id of Object.keys(GOOD_ROWS)) {
    for (const fmt of ['docx', 'pdf'] as const) {
      out.push({ id: `good-${id}-${fmt}`, kind: 'good', name: `good/${id}.${fmt}`, what: `corpus ${fmt.toUpperCase()}`, expect: stored(GOOD_ROWS[id]!), bytes: () => read(path.join(DOCS, `${id}.${fmt}`)) });
    }
  }
  out.push({ id: 'good-prigorodny-odt', kind: 'good', name: 'good/prigorodny-2021.odt', what: 'fixtures/formats ODT', expect: [{ stored: 'any', minActivities: 20 }], bytes: () => read(path.join(FORMATS, 'prigorodny-2021.odt')) });
  out.push({ id: 'good-perm-krai-doc', kind: 'good', name: 'good/perm-krai-2021.doc', what: 'fixtures/formats DOC', expect: [{ stored: 'any', minActivities: 12 }], bytes: () => read(path.join(FORMATS, 'perm-krai-2021.doc')) });

  // ------------------------------------------------------------------ images
  const img = (id: string, what: string, expect: Outcome[], bytes: () => Uint8Array) =>
    out.push({ id, kind: 'image', name: `images/${id}`, what, expect, bytes });
  img('png-rgba16-60000x60000.png', '16-bit RGBA PNG header claiming 60000×60000 (28 GB decoded)', [F('too_large')], () => pngHeader(60000, 60000, 16, 6));
  img('png-palette-1x2000000000.png', 'palette PNG 1 px wide, 2 billion rows', [F('too_large')], () => pngHeader(1, 2_000_000_000, 8, 3));
  img('png-gray8-12500x12500.png', 'a complete, valid 8-bit gray PNG of 156 MP (just over the 150 MP limit)', [F('too_large')], () => pngGrayBlank(12500, 12500));
  img('tiff-be-100000x100000.tif', 'big-endian TIFF whose one IFD declares 100000×100000', [F('too_large')], () => tiffChain([{ width: 100000, height: 100000 }], { bigEndian: true }));
  img('tiff-5000-ifds.tif', 'TIFF of 5000 tiny IFDs (past the 500-page default)', [F('too_large')], () => tiffChain(Array.from({ length: 5000 }, () => ({ width: 8, height: 8 }))));
  img('tiff-ifd-loop.tif', 'TIFF of 3 IFDs whose last points back at the first (a loop)', [F('corrupt_file'), F('no_plan_table'), F('illegible')], () => tiffChain([{ width: 8, height: 8 }, { width: 8, height: 8 }, { width: 8, height: 8 }], { loopTo: 0 }));
  img('tiff-second-page-huge.tif', 'TIFF whose page 1 is 8×8 and page 2 declares 90000×90000', [F('too_large')], () => tiffChain([{ width: 8, height: 8 }, { width: 90000, height: 90000 }]));
  img('jpeg-progressive-65500x65500.jpg', 'progressive JPEG (SOF2) frame of 65500×65500', [F('too_large')], () => jpegFrame(65500, 65500, 0xc2));
  img('jpeg-arithmetic-60000x60000.jpg', 'arithmetic-coded JPEG (SOF9) frame of 60000×60000', [F('too_large'), F('corrupt_file')], () => jpegFrame(60000, 60000, 0xc9));
  img('jpeg-sof-after-200k-app.jpg', 'baseline JPEG whose 50000×50000 frame follows 200 KB of APP2 segments', [F('too_large')], () => jpegFrame(50000, 50000, 0xc0, 3, 200_000));
  img('webp-16383x16383.webp', 'extended WebP canvas of 16383×16383 (268 MP)', [F('too_large'), F('corrupt_file')], () => webpCanvas(16383, 16383));
  img('gif-65535x65535.gif', 'GIF logical screen of 65535×65535', [F('unsupported_format'), F('too_large')], () => gifScreen(65535, 65535));
  img('bmp-2000000x2000000.bmp', 'BMP header of 2000000×2000000, no pixels', [F('unsupported_format'), F('too_large')], () => bmpHeader(2_000_000, 2_000_000));

  // ------------------------------------------------------------------ PDFs
  const pdf = (id: string, what: string, expect: Outcome[], bytes: () => Uint8Array) =>
    out.push({ id, kind: 'pdf', name: `pdf/${id}`, what, expect, bytes });
  const TL = [F('too_large')];
  // Past the 64 MB stream limit either way; the fast subset spends less time deflating.
  const BOMB = subset === 'fast' ? 80 : 256;
  pdf('image-dct-30000x30000.pdf', 'page image 30000×30000 behind DCTDecode', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width 30000 /Height 30000 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /DCTDecode >>', jpegFrame(30000, 30000, 0xc0)));
  pdf('image-jpx-40000x40000.pdf', 'page image 40000×40000 behind JPXDecode', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width 40000 /Height 40000 /Filter /JPXDecode >>', Buffer.from('0000000c6a5020200d0a870a', 'hex')));
  pdf('image-ccitt-60000x60000.pdf', '1-bit page image 60000×60000 behind CCITTFaxDecode', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width 60000 /Height 60000 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 60000 /Rows 60000 >> >>', new Uint8Array(64)));
  pdf('image-jbig2-50000x50000.pdf', '1-bit page image 50000×50000 behind JBIG2Decode', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width 50000 /Height 50000 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode >>', new Uint8Array(64)));
  pdf('image-flate-predictor-25000x25000.pdf', 'gray image 25000×25000, Flate with PNG predictor 15', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width 25000 /Height 25000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns 25000 >> >>', deflateSync(Buffer.alloc(25001 * 16))));
  pdf('image-width-indirect.pdf', 'image 30000×30000 whose /Width and /Height are indirect objects', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width 6 0 R /Height 7 0 R /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /FlateDecode >>', deflateSync(Buffer.alloc(30000 / 8 * 16)), ['30000', '30000']));
  pdf('image-subtype-name-escape.pdf', 'image 22000×22000 whose /Subtype is written /Im#61ge (a legal name escape)', TL, () => imagePdf('<< /Type /XObject /Subtype /Im#61ge /Width 22000 /Height 22000 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /FlateDecode >>', deflateSync(Buffer.alloc(Math.ceil(22000 / 8) * 22000), { level: 9 })));
  pdf('image-comment-in-dict.pdf', 'image 22000×22000 with a comment between /Width and its value', TL, () => imagePdf('<< /Type /XObject /Subtype /Image /Width %w\n22000 /Height %h\n22000 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /FlateDecode >>', deflateSync(Buffer.alloc(Math.ceil(22000 / 8) * 22000), { level: 9 })));
  pdf('image-dct-sof-lies.pdf', 'image dictionary says 100×100, its JPEG frame says 20000×20000', TL.concat(F('corrupt_file'), F('no_plan_table')), () => imagePdf('<< /Type /XObject /Subtype /Image /Width 100 /Height 100 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode >>', jpegFrame(20000, 20000, 0xc0, 1)));
  pdf('inline-image-bomb.pdf', 'inline image (BI … ID … EI) of 24000×24000 gray, Flate, in a small content stream', TL, () => {
    const data = deflateSync(Buffer.alloc(24000 * 24000 / 64), { level: 9 });
    const ops = Buffer.concat([Buffer.from('q 595 0 0 842 0 0 cm BI /W 24000 /H 24000 /BPC 1 /CS /G /F /Fl ID ', 'latin1'), data, Buffer.from('\nEI Q', 'latin1')]);
    return contentPdf('<< >>', ops);
  });
  pdf('content-ahx-flate-bomb.pdf', `content stream [/ASCIIHexDecode /FlateDecode] inflating to ${BOMB} MB`, TL, () => contentPdf('<< /Filter [/ASCIIHexDecode /FlateDecode] >>', asciiHex(deflateSync(SPACES(BOMB), { level: 9 }))));
  pdf('content-a85-flate-bomb.pdf', `content stream [/ASCII85Decode /FlateDecode] inflating to ${BOMB} MB`, TL, () => contentPdf('<< /Filter [/A85 /Fl] >>', ascii85(deflateSync(SPACES(BOMB), { level: 9 }))));
  pdf('content-lzw-bomb.pdf', `content stream behind LZWDecode decoding to ${BOMB} MB`, TL, () => contentPdf('<< /Filter /LZWDecode >>', lzwEncode(SPACES(BOMB))));
  pdf('content-runlength-bomb.pdf', `content stream behind RunLengthDecode decoding to ${BOMB} MB`, TL, () => contentPdf('<< /Filter /RunLengthDecode >>', runLengthOf(0x20, BOMB * MB)));
  pdf('content-filter-indirect-bomb.pdf', `content stream whose /Filter is an indirect object, inflating to ${BOMB} MB`, TL, () => contentPdf('<< /Filter 5 0 R >>', deflateSync(SPACES(BOMB), { level: 9 }), ['[/FlateDecode]']));
  pdf('content-filter-name-escape-bomb.pdf', `content stream whose filter is written /Fl#61teDecode, inflating to ${BOMB} MB`, TL, () => contentPdf('<< /Filter /Fl#61teDecode >>', deflateSync(SPACES(BOMB), { level: 9 })));
  pdf('content-flate-predictor-bomb.pdf', `content stream Flate with predictor 12, inflating to ${BOMB} MB`, TL, () => contentPdf('<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1024 >> >>', deflateSync(Buffer.alloc(BOMB * MB + BOMB * 1024, 0), { level: 9 })));
  pdf('objstm-xref-stream-bomb.pdf', `PDF 1.5 with object and xref streams; its content inflates to ${BOMB} MB`, TL, () => objectStreamPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>'], '<< /Filter /FlateDecode >>', deflateSync(SPACES(BOMB), { level: 9 })));
  pdf('objstm-bomb.pdf', 'an object stream itself inflating to 256 MB', TL, () => {
    const big = Buffer.concat([Buffer.from('1 0 ', 'latin1'), SPACES(BOMB)]);
    return writePdf([...head, page('4 0 R'), { dict: '<< >>', stream: latin1('') }, { dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', stream: deflateSync(big, { level: 9 }) }]);
  });
  pdf('form-xobject-recursion.pdf', 'a page drawing a Form XObject that draws itself', [F('no_plan_table'), F('corrupt_file')], () => writePdf([
    ...head,
    page('4 0 R', '<< /XObject << /Fm1 5 0 R >> >>'),
    { dict: '<< >>', stream: latin1('/Fm1 Do') },
    { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 5 0 R >> >> >>', stream: latin1('q /Fm1 Do Q') },
  ]));
  pdf('text-ops-100k.pdf', 'one page of 100,000 tiny text-show operations', [F('no_plan_table')], () => {
    const ops: string[] = ['BT /F1 1 Tf'];
    for (let i = 0; i < 100_000; i++) ops.push(`${(i % 590) + 1} ${Math.floor(i / 590) % 840 + 1} Td (${String.fromCharCode(97 + (i % 26))}) Tj`);
    ops.push('ET');
    return contentPdf('<< /Filter /FlateDecode >>', deflateSync(Buffer.from(ops.join('\n'), 'latin1')), ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'], '<< /Font << /F1 5 0 R >> >>');
  });
  pdf('page-tree-200k-kids.pdf', 'a page tree of 200,000 entries all naming one page (past the page limit)', TL.concat(F('no_plan_table'), F('corrupt_file')), () => {
    const kids = Array.from({ length: 200_000 }, () => '3 0 R').join(' ');
    return writePdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count 200000 >>`, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>']);
  });

  // ------------------------------------------------------------------ office documents and ZIPs
  const office = (id: string, what: string, expect: Outcome[], bytes: () => Uint8Array) =>
    out.push({ id, kind: 'office', name: `office/${id}`, what, expect, bytes });
  const perm = (f: (b: Uint8Array) => Uint8Array) => () => docxWithDocument(f);
  office('docx-cut-10pct.docx', 'perm-krai document.xml cut at 10 %', DAMAGED, perm((b) => b.subarray(0, Math.floor(b.length * 0.1))));
  office('docx-cut-90pct.docx', 'perm-krai document.xml cut at 90 %', DAMAGED, perm((b) => b.subarray(0, Math.floor(b.length * 0.9))));
  office('docx-cut-inside-letter.docx', 'perm-krai document.xml cut inside a two-byte Cyrillic letter at 70 %', DAMAGED, perm((b) => cutInsideLetter(b, 0.7)));
  office('docx-cut-before-sectpr.docx', 'perm-krai document.xml cut just before its final <w:sectPr', DAMAGED, perm((b) => cutAt(b, '<w:sectPr')));
  office('docx-cut-before-end-tag.docx', 'perm-krai document.xml missing only its </w:document>', DAMAGED, perm((b) => cutAt(b, '</w:document>')));
  office('docx-utf16-document.docx', 'perm-krai document.xml re-encoded as UTF-16LE with a BOM (legal XML)', stored(13).concat(F('corrupt_file')), perm((b) => Buffer.from(`\ufeff${Buffer.from(b).toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, 'utf16le')));
  office('docx-no-content-types.docx', 'perm-krai without [Content_Types].xml', stored(13), () => {
    const p = unzipSync(read(path.join(DOCS, 'perm-krai-2021.docx')));
    delete p['[Content_Types].xml'];
    return zipSync(p);
  });
  office('docx-nested-sdt-100k.docx', 'document.xml nesting 100,000 content controls', [F('corrupt_file'), F('no_plan_table'), F('too_large')], () => nestedDocx(100_000));
  office('docx-nested-tables-20k.docx', 'document.xml nesting 20,000 tables', [F('corrupt_file'), F('no_plan_table'), F('too_large')], () => nestedTablesDocx(20_000));
  office('docx-quadratic-entity.docx', 'one 50 KB entity referenced 20,000 times (1 GB if expanded)', [F('corrupt_file'), F('no_plan_table'), F('too_large')], quadraticEntityDocx);
  office('docx-parameter-entities.docx', 'parameter entities and an external entity naming /dev/zero', [F('corrupt_file'), F('no_plan_table')], parameterEntityDocx);
  office('docx-huge-part-90mb.docx', 'an honest 90 MB document.xml of paragraphs, no table (over the 32 MB per-part limit)', [F('too_large')], () => hugePartDocx(90));
  office('docx-data-descriptor-lie.docx', 'perm-krai with a data descriptor that disagrees with the central directory', stored(13).concat(F('corrupt_file')), () => rawDocx({ descriptorLie: true }));
  office('docx-zip64-claim.docx', 'perm-krai whose document.xml claims 1 TB in a ZIP64 extra field', [F('too_large'), F('corrupt_file')], () => rawDocx({ zip64: true }));
  office('odt-cut-content.odt', 'prigorodny ODT with content.xml cut at 60 %', DAMAGED, () => withPart(path.join(FORMATS, 'prigorodny-2021.odt'), 'content.xml', (b) => b.subarray(0, Math.floor(b.length * 0.6))));
  office('xlsx-cut-sheet.xlsx', 'krasnooktyabrsky XLSX with its worksheet cut at 60 %', DAMAGED, () => {
    const file = path.join(FORMATS, 'krasnooktyabrsky-2020.xlsx');
    const sheet = Object.keys(unzipSync(read(file))).find((k) => /^xl\/worksheets\/sheet\d*\.xml$/.test(k))!;
    return withPart(file, sheet, (b) => b.subarray(0, Math.floor(b.length * 0.6)));
  });
  office('xlsx-far-cell.xlsx', 'an XLSX with one cell at XFD1048576 and a whole-grid dimension', [F('no_plan_table'), F('too_large')], xlsxFarCell);
  office('ods-million-rows.ods', 'an ODS row repeated 1,048,576 times of a cell repeated 16,384 times', [F('no_plan_table'), F('too_large')], odsRepeated);
  office('docx-first-entry-jpeg.docx', 'perm-krai with a JPEG zipped as its first entry', stored(13), () => {
    const p = unzipSync(read(path.join(DOCS, 'perm-krai-2021.docx')));
    return zipSync({ 'media/cover.jpg': read(path.join(DOCS, 'perm-krai-2021.p1.jpg')), ...p });
  });
  out.push({ id: 'zip-overlapping-60.zip', kind: 'zip', name: 'zip/zip-overlapping-60.zip', what: 'a ZIP of 60 directory entries sharing one 20 MB local entry (overlap)', expect: [F('corrupt_file'), { archive: 'none-stored', entries: 1 }], bytes: () => overlappingZip(60, 20) });
  out.push({ id: 'zip-entry-count-lies.zip', kind: 'zip', name: 'zip/zip-entry-count-lies.zip', what: 'a ZIP of 2 notes whose end record claims 65535 entries', expect: [F('corrupt_file'), { archive: 'none-stored', entries: 1 }], bytes: () => {
    const z = rawZip([{ name: 'a.txt', data: strToU8('записка один') }, { name: 'b.txt', data: strToU8('записка два') }]);
    const b = Buffer.from(z);
    b.writeUInt16LE(65535, b.length - 22 + 8);
    b.writeUInt16LE(65535, b.length - 22 + 10);
    return new Uint8Array(b);
  } });

  // ------------------------------------------------------------------ text encodings
  const text = (id: string, what: string, bytes: () => Uint8Array, expect: Outcome[] = stored(3, 'совещания')) =>
    out.push({ id, kind: 'text', name: `text/${id}`, what, expect, bytes });
  text('plan-cp1251.txt', 'the plan in CP1251', () => singleByte(TEXT_PLAN, 'windows-1251'));
  text('plan-koi8r.txt', 'the plan in KOI8-R', () => singleByte(TEXT_PLAN, 'koi8-r'));
  text('plan-cp866.txt', 'the plan in CP866', () => singleByte(TEXT_PLAN, 'ibm866'));
  text('plan-mac-cyrillic.txt', 'the plan in Mac Cyrillic', () => singleByte(TEXT_PLAN, 'x-mac-cyrillic'));
  text('plan-koi8r-crlf-upper.txt', 'the plan in KOI8-R, capital letters only, CRLF line ends', () => singleByte(TEXT_PLAN.toUpperCase().replace(/\n/g, '\r\n'), 'koi8-r'), stored(3, 'СОВЕЩАНИЯ'));
  text('plan-utf16le-bom.txt', 'the plan in UTF-16LE with a BOM', () => Buffer.from(`\ufeff${TEXT_PLAN}`, 'utf16le'));
  text('plan-utf16be-bom.txt', 'the plan in UTF-16BE with a BOM', () => utf16be(`\ufeff${TEXT_PLAN}`));
  text('plan-utf16be-nobom.txt', 'the plan in UTF-16BE without a BOM', () => utf16be(TEXT_PLAN));
  text('plan-utf16le-nobom-crlf.txt', 'the plan in UTF-16LE without a BOM, CRLF line ends (Notepad)', () => Buffer.from(TEXT_PLAN.replace(/\n/g, '\r\n'), 'utf16le'));
  text('int16-le-counters.bin', 'little-endian 16-bit counters 0..4095 (two-byte units, high bytes 0x00-0x0F): not text', () => new Uint8Array(Uint16Array.from({ length: 8192 }, (_, i) => i % 4096).buffer), [F('unsupported_format')]);
  text('plan-utf8-bom-crlf.txt', 'the plan in UTF-8 with a BOM and CRLF line ends', () => Buffer.from(`\ufeff${TEXT_PLAN.replace(/\n/g, '\r\n')}`, 'utf8'));
  text('plan-cp1251-short.txt', 'two lines of CP1251 (little text to count letters in)', () => singleByte('ПЛАН МЕРОПРИЯТИЙ\nмониторинг\n', 'windows-1251'), [F('no_plan_table')]);

  // ------------------------------------------------------------------ names (good content)
  let n = 0;
  const named = (id: string, name: string | Buffer, what: string) => {
    const docId = Object.keys(GOOD_ROWS)[n++ % 5]!;
    const fmt = n % 2 ? 'docx' : 'pdf';
    out.push({ id, kind: 'name', name, what, expect: stored(GOOD_ROWS[docId]!), bytes: () => good(docId, fmt) });
  };
  const dir = (s: string | Buffer) => Buffer.concat([Buffer.from('names/'), Buffer.isBuffer(s) ? s : Buffer.from(s)]);
  named('name-koi8r', dir(Buffer.from(singleByte('план мероприятий.docx', 'koi8-r'))), 'name in KOI8-R bytes');
  named('name-cp866', dir(Buffer.from(singleByte('дорожная карта.docx', 'ibm866'))), 'name in CP866 bytes');
  named('name-newline-forged-ok', dir('x\n  ok      forged.docx: 99 activities, 1 page(s), structure\n.docx'), 'a name holding a newline and a forged ok line');
  named('name-ansi-escape', dir('\x1b[2J\x1b[31mred\x1b[0m.docx'), 'a name holding ANSI escape sequences (clear screen, colour)');
  named('name-leading-dashes', dir('--db=evil.sqlite'), 'a name that looks like a flag');
  named('name-dash', dir('-'), 'a file named "-"');
  named('name-255-bytes', dir(`${'я'.repeat(125)}.docx`), 'a name of 255 bytes (125 Cyrillic letters + .docx)');
  named('name-invalid-utf8', dir(Buffer.from([0xff, 0xfe, 0x2e, 0x64, 0x6f, 0x63, 0x78])), 'a name of bytes that are never UTF-8 (0xFF 0xFE)');
  named('name-overlong-slash', dir(Buffer.from([0x61, 0xc0, 0xaf, 0x62])), 'a name with an overlong UTF-8 "/" (0xC0 0xAF)');
  named('name-lone-surrogate', dir(Buffer.from([0x73, 0xed, 0xa0, 0x80, 0x2e, 0x70, 0x64, 0x66])), 'a name with a UTF-8-encoded lone surrogate (CESU)');
  named('name-bidi-override', dir('plan\u202Excod.pdf'), 'a name with a right-to-left override');
  named('name-literal-backslash-x', dir('\\xff.docx'), 'a name written with a literal backslash-x (as the escaped form of another)');
  named('name-raw-ff', dir(Buffer.from([0xff, 0x2e, 0x64, 0x6f, 0x63, 0x78])), 'a name of the raw byte 0xFF (its escaped form equals the previous name)');
  named('name-bang-slash', dir('archive.zip!'), 'a file named like an archive entry prefix');
  named('name-spaces-only', dir('   '), 'a name of three spaces');
  named('name-nfd', dir('йод.docx'.normalize('NFD')), 'a name in decomposed Unicode (й as и + breve)');

  // ------------------------------------------------------------------ special files
  const special = (id: string, what: string, kind: NonNullable<Made['special']>, expect: Outcome[]) =>
    out.push({ id, kind: 'special', name: `special/${id}`, what, expect, special: kind });
  special('fifo', 'a FIFO inside the folder (opening it would block)', 'fifo', [{ line: 'not a regular file' }]);
  special('socket', 'a Unix socket inside the folder', 'socket', [{ line: 'not a regular file' }]);
  special('dev-zero-link', 'a symbolic link to /dev/zero (reads never end)', 'dev-zero-link', [{ line: 'not a regular file' }]);
  special('dangling-link', 'a symbolic link to nothing', 'dangling-link', [{ line: 'no such file' }]);
  special('loop', 'two folders linking to each other (a → ../b, b → ../a)', 'symlink-loop', []);
  out.push({ id: 'locked-folder', kind: 'special', name: 'special/locked', what: 'a folder this user may not list (mode 000, run as another user)', expect: [{ line: 'permission denied' }], special: 'folder', runtime: 'unreadable' });
  out.push({ id: 'zero-bytes-deep', kind: 'special', name: 'special/deep/er/zero.pdf', what: 'a zero-byte file two folders down', expect: [F('empty_file')], bytes: () => new Uint8Array(0) });
  out.push({ id: 'unreadable', kind: 'special', name: 'special/unreadable.docx', what: 'a good DOCX this user may not read (mode 000, run as another user)', expect: [{ line: 'permission denied' }, F('corrupt_file')], bytes: () => good('lysva-2021', 'docx'), runtime: 'unreadable' });
  out.push({ id: 'grows-while-read', kind: 'special', name: 'special/grows.txt', what: 'a text file appended to while the batch runs', expect: [F('no_plan_table'), { stored: 'any' }], bytes: () => Buffer.from('Начало файла\n'.repeat(prng.int(100, 200))), runtime: 'grows' });
  return out;
}

/**
 * The subset tests/e2e/hostile-suite.test.ts runs (well under a minute on two cores): one or
 * more of each class, the slow bombs and most good files left to the full run.
 */
const FAST = new Set([
  'good-perm-krai-2021-docx', 'good-vereshchagino-2021-pdf', 'good-lysva-2021-docx',
  'png-palette-1x2000000000.png', 'tiff-second-page-huge.tif', 'tiff-5000-ifds.tif', 'jpeg-progressive-65500x65500.jpg', 'webp-16383x16383.webp',
  'image-width-indirect.pdf', 'image-dct-sof-lies.pdf', 'inline-image-bomb.pdf', 'content-ahx-flate-bomb.pdf', 'content-runlength-bomb.pdf',
  'content-filter-indirect-bomb.pdf', 'objstm-xref-stream-bomb.pdf',
  'docx-cut-before-end-tag.docx', 'docx-cut-before-sectpr.docx', 'docx-utf16-document.docx', 'xlsx-cut-sheet.xlsx', 'docx-zip64-claim.docx',
  'docx-huge-part-90mb.docx',
  'plan-koi8r.txt', 'plan-mac-cyrillic.txt', 'plan-cp866.txt', 'plan-utf16be-bom.txt', 'plan-utf16be-nobom.txt', 'int16-le-counters.bin',
  'name-newline-forged-ok', 'name-ansi-escape', 'name-literal-backslash-x', 'name-raw-ff', 'name-koi8r',
  'fifo', 'socket', 'dev-zero-link', 'loop', 'unreadable', 'locked-folder',
]);

const INVOCATIONS: SuiteInvocation[] = [
  { id: 'timeout-zero', what: '--timeout 0', args: ['{in}', '--db', '{db}', '--timeout', '0'], db: 'fresh', exit: [2], stderr: '--timeout', fast: false },
  { id: 'timeout-negative', what: '--timeout -5', args: ['{in}', '--db', '{db}', '--timeout', '-5'], db: 'fresh', exit: [2], stderr: '--timeout', fast: false },
  { id: 'timeout-nan', what: '--timeout NaN', args: ['{in}', '--db', '{db}', '--timeout', 'NaN'], db: 'fresh', exit: [2], stderr: '--timeout', fast: true },
  { id: 'timeout-1e12', what: '--timeout 1e12', args: ['{in}', '--db', '{db}', '--timeout=1e12'], db: 'fresh', exit: [2], stderr: '--timeout', fast: true },
  { id: 'timeout-infinity', what: '--timeout Infinity', args: ['{in}', '--db', '{db}', '--timeout', 'Infinity'], db: 'fresh', exit: [2], stderr: '--timeout', fast: false },
  { id: 'timeout-empty', what: '--timeout ""', args: ['{in}', '--db', '{db}', '--timeout', ''], db: 'fresh', exit: [2], stderr: '--timeout', fast: false },
  { id: 'timeout-tiny', what: '--timeout 0.001: the file fails as a timeout, the run ends', args: ['{in}', '--db', '{db}', '--timeout', '0.001'], db: 'fresh', exit: [1], stderr: 'took longer than 0.001 s', fast: false },
  { id: 'concurrency-huge', what: '--concurrency 100000', args: ['{in}', '--db', '{db}', '--concurrency', '100000'], db: 'fresh', exit: [2], stderr: '--concurrency', fast: true },
  { id: 'db-directory', what: '--db naming a folder', args: ['{in}', '--db', '{db}'], db: 'directory', exit: [2, 3], stderr: '{db}', untouched: true, fast: false },
  { id: 'db-text-file', what: '--db naming a text file', args: ['{in}', '--db', '{db}'], db: 'text-file', exit: [3], stderr: '{db}', untouched: true, fast: true },
  { id: 'db-newer-schema', what: '--db naming a database of schema version 99', args: ['{in}', '--db', '{db}'], db: 'newer-schema', exit: [3], stderr: 'newer', untouched: true, fast: true },
  { id: 'db-truncated', what: '--db naming the first 3 KB of a real database', args: ['{in}', '--db', '{db}'], db: 'truncated-db', exit: [3], stderr: '{db}', untouched: true, fast: false },
  { id: 'db-missing-folder', what: '--db inside a folder that does not exist', args: ['{in}', '--db', '{db}'], db: 'missing-folder', exit: [2, 3], stderr: '{db}', fast: false },
  { id: 'db-dev-null', what: '--db /dev/null', args: ['{in}', '--db', '{db}'], db: 'dev-null', exit: [2, 3], stderr: '/dev/null', fast: false },
  { id: 'arg-leading-dash', what: 'a file "-x.docx" named without --', args: ['-x.docx', '--db', '{db}'], db: 'fresh', exit: [2], stderr: 'unknown option -x.docx', fast: false },
  { id: 'arg-socket', what: 'a socket named on the command line', args: ['{dir}/special/socket', '--db', '{db}'], db: 'fresh', exit: [1, 2], stderr: 'not a regular file', fast: false },
  { id: 'arg-dev-zero', what: '/dev/zero named on the command line', args: ['/dev/zero', '--db', '{db}'], db: 'fresh', exit: [1, 2], stderr: 'not a regular file', fast: true },
  { id: 'arg-missing-escape', what: 'a missing file whose name holds an escape sequence', args: ['{dir}/no\x1b[31msuch.pdf', '--db', '{db}'], db: 'fresh', exit: [1, 2], stderr: 'no such file', fast: false },
];

function hex(s: string | Buffer): string {
  return Buffer.from(s).toString('hex');
}

/** Writes the suite into `dir` (emptied first) and its manifest.json; returns the manifest. */
export function makeUnseenSuite(dir: string, opts: { seed?: number; subset?: 'all' | 'fast' } = {}): Manifest {
  const seed = opts.seed ?? 7;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const subset = opts.subset ?? 'all';
  const all = cases(seed, subset);
  const unknown = [...FAST].filter((id) => !all.some((c) => c.id === id));
  if (unknown.length) throw new Error(`fast subset names no case: ${unknown.join(', ')}`);
  const made = all.filter((c) => subset !== 'fast' || FAST.has(c.id));
  const list: SuiteCase[] = [];
  const hashes = new Set<string>();
  for (const c of made) {
    const rel = Buffer.isBuffer(c.name) ? c.name : Buffer.from(c.name);
    const file = Buffer.concat([Buffer.from(`${dir}/`), rel]);
    fs.mkdirSync(file.subarray(0, file.lastIndexOf(0x2f)), { recursive: true });
    let sha: string | null = null;
    if (c.bytes) {
      const bytes = c.bytes();
      sha = createHash('sha256').update(bytes).digest('hex');
      if (hashes.has(sha)) throw new Error(`${c.id}: same content as another case (it would be skipped, not stored)`);
      hashes.add(sha);
      fs.writeFileSync(file, bytes);
    } else if (c.special === 'fifo') execFileSync('mkfifo', [file.toString('latin1')]);
    else if (c.special === 'socket') execFileSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', file.toString('latin1')]);
    else if (c.special === 'dev-zero-link') fs.symlinkSync('/dev/zero', file);
    else if (c.special === 'folder') fs.mkdirSync(file);
    else if (c.special === 'dangling-link') fs.symlinkSync('nowhere-at-all.pdf', file);
    else if (c.special === 'symlink-loop') {
      fs.mkdirSync(Buffer.concat([file, Buffer.from('/a')]), { recursive: true });
      fs.mkdirSync(Buffer.concat([file, Buffer.from('/b')]), { recursive: true });
      fs.symlinkSync('../b', Buffer.concat([file, Buffer.from('/a/to-b')]));
      fs.symlinkSync('../a', Buffer.concat([file, Buffer.from('/b/to-a')]));
    }
    list.push({ id: c.id, kind: c.kind, fileHex: hex(rel), shown: displayName(rel), what: c.what, sha256: sha, expect: c.expect, fast: FAST.has(c.id), ...(c.runtime ? { runtime: c.runtime } : {}) });
  }
  const manifest: Manifest = { seed, timeoutSeconds: 60, cases: list, invocations: INVOCATIONS.filter((i) => subset !== 'fast' || i.fast) };
  fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}.manifest.json`), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function main(): Promise<void> {
  const flags = parseFlags('npx tsx scripts/bad-inputs/unseen-suite.ts', 'Writes the unseen hostile suite (input folder OUT and OUT.manifest.json beside it).', {
    out: { type: 'string', default: '.tmp/hostile/suite', help: 'input folder to write (emptied first)' },
    seed: { type: 'number', default: 7, help: 'seed of the random parts' },
    subset: { type: 'string', default: 'all', help: 'all, or fast (the cases the e2e test runs)' },
  });
  if (flags.subset !== 'all' && flags.subset !== 'fast') throw new Error('--subset is all or fast');
  const m = makeUnseenSuite(path.resolve(flags.out), { seed: flags.seed, subset: flags.subset });
  for (const c of m.cases) console.log(`${c.kind.padEnd(8)} ${c.shown.replace(/[\x00-\x1f]/g, '?').padEnd(48)} ${c.expect.map((e) => JSON.stringify(e)).join(' | ')}`);
  console.log(`${m.cases.length} cases, ${m.invocations.length} separate runs → ${flags.out}.manifest.json`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void runScript(main);
