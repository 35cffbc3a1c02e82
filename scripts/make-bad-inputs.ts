/**
 * Writes a folder of hostile and broken inputs, each with the outcome the pipeline must give
 * it. Deterministic (seeded), so a failing case can be regenerated exactly; nothing big is
 * committed — tests/e2e/bad-inputs.test.ts generates the folder into a temporary directory.
 *
 *   npx tsx scripts/make-bad-inputs.ts OUT_DIR [--seed N]
 *
 * The cases must be run with `--max-pages 1000` (BAD_INPUT_MAX_PAGES): then the thousand blank
 * pages are read to the end, and only the page tree claiming more is refused by count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import CFB from 'cfb';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import type { ErrorCode } from '../src/errors.js';
import { buildDocx, buildZipBomb, cell, documentXml, para, row, setDeclaredSize, table } from './make-docx-fixtures.js';
import { Prng } from './bad-inputs/prng.js';
import { latin1, pdfText, writePdf, type PdfObject } from './bad-inputs/pdf-writer.js';
import { rc4Security } from './bad-inputs/pdf-encrypt.js';
import { jpegHeaderOnly, pngBlank, pngClaimingSize, tiffPages } from './bad-inputs/image-bombs.js';
import { zipWithBitRot } from './bad-inputs/zip-bit-rot.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_PDF = path.join(ROOT, 'fixtures/corpus/docs/lysva-2021.pdf');

/** The page limit the cases are designed for (see the header comment). */
export const BAD_INPUT_MAX_PAGES = 1000;
/** DOCX zip bombs inflate to this much: past the 100 MB default of limits.maxDocxUncompressedMb. */
const BOMB_MB = 120;
/** An honest document.xml this large: past the 32 MB default of limits.maxXmlPartMb, under the total. */
const HUGE_PART_MB = 90;
/** A PDF content stream inflating to this much: past the 64 MB default of limits.maxPdfStreamMb. */
const FLATE_BOMB_MB = 128;

export interface BadInput {
  /** File name inside the generated folder. */
  name: string;
  /**
   * The error code the file must fail with, or 'stored' when nothing needed is lost (then
   * `activities` says how many rows it holds), or 'archive' for a ZIP whose entries are
   * documents of their own, each with its outcome in `entries`.
   */
  expected: ErrorCode | 'stored' | 'archive';
  what: string;
  activities?: number;
  /** A stored file must also be marked partial with this warning (damage that lost nothing). */
  warning?: string;
  /** Words the failure's message must hold besides its code's (the entry a CRC names). */
  message?: string;
  entries?: { name: string; expected: ErrorCode; message?: string }[];
}

interface Case extends BadInput {
  bytes: () => Uint8Array;
}

const indexOf = (hay: Uint8Array, needle: string, from = 0): number => Buffer.from(hay).indexOf(needle, from, 'latin1');

/**
 * Cut points in the corpus PDF, found from its structure rather than fixed offsets. LibreOffice
 * writes content streams and fonts first, then the page objects, the page tree, the catalog,
 * the info dictionary, the xref table and the trailer. pdf.js rebuilds a lost xref only from
 * a trailer, so every cut before the trailer loses the document; a cut after it loses only
 * the end-of-file marker.
 */
function truncations(pdf: Uint8Array): { label: string; at: number; expected: ErrorCode | 'stored' }[] {
  const find = (needle: string, from = 0) => {
    const at = indexOf(pdf, needle, from);
    if (at < 0) throw new Error(`${SOURCE_PDF}: no "${needle}"`);
    return at;
  };
  const firstStream = find('stream') + 'stream\n'.length;
  const firstEndstream = find('endstream');
  const xref = find('\nxref') + 1;
  const trailer = find('trailer', xref);
  const startxref = find('startxref', trailer);
  const eof = find('%%EOF', startxref);
  const cuts: [string, number, ErrorCode | 'stored'][] = [
    ['inside-header', 5, 'corrupt_file'],
    ['after-header', find('\n') + 1, 'corrupt_file'],
    ['mid-first-stream', Math.floor((firstStream + firstEndstream) / 2), 'corrupt_file'],
    ['after-first-stream', firstEndstream + 'endstream\n'.length, 'corrupt_file'],
    ['mid-file', Math.floor(pdf.length / 2), 'corrupt_file'],
    ['before-first-page', find('/Type/Page') - 12, 'corrupt_file'],
    ['before-page-tree', find('/Type/Pages') - 12, 'corrupt_file'],
    ['before-catalog', find('/Type/Catalog') - 12, 'corrupt_file'],
    ['before-xref', xref, 'corrupt_file'],
    ['mid-xref', Math.floor((xref + trailer) / 2), 'corrupt_file'],
    ['before-trailer', trailer, 'corrupt_file'],
    ['inside-trailer', trailer + 'trailer\n<<'.length, 'corrupt_file'],
    ['before-startxref', startxref, 'stored'],
    ['before-eof-marker', eof, 'stored'],
    ['inside-eof-marker', eof + 3, 'stored'],
  ];
  return cuts.map(([label, at, expected]) => ({ label, at, expected }));
}

/** Page tree with `kids` blank A4 pages, declaring `count` of them. */
function blankPagesPdf(kids: number, count = kids): Uint8Array {
  const pages = Array.from({ length: kids }, (): PdfObject => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>');
  const refs = pages.map((_, i) => `${i + 3} 0 R`).join(' ');
  return writePdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${refs}] /Count ${count} >>`, ...pages]);
}

/** One page of text lines and ruled table cells in Helvetica, as a PDF generator writes it. */
function textPagePdf(lines: { x: number; y: number; text: string; size?: number }[], rules: [number, number, number, number][] = [], encrypt?: ReturnType<typeof rc4Security>): Uint8Array {
  const ops = [
    ...rules.map(([x, y, w, h]) => `${x} ${y} ${w} ${h} re S`),
    ...lines.map((l) => `BT /F1 ${l.size ?? 10} Tf ${l.x} ${l.y} Td ${pdfText(l.text)} Tj ET`),
  ].join('\n');
  const content = latin1(ops);
  const objects: PdfObject[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    { dict: '<< >>', stream: encrypt ? encrypt.encrypt(4, content) : content },
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  if (!encrypt) return writePdf(objects);
  objects.push(encrypt.encryptDict);
  return writePdf(objects, `/Encrypt ${objects.length} 0 R ${encrypt.id} `);
}

const ENGLISH_PLAN = [
  ['No.', 'Activity', 'Responsible', 'Deadline', 'Expected result'],
  ['1.', 'Seminar for heads of schools', 'Education department', 'March 2021', 'Seminar held'],
  ['2.', 'Analysis of assessment results', 'Methodical centre', 'Annually, June', 'Analytical report'],
  ['3.', 'Mentoring of low-performing schools', 'Schools with high results', 'During the year', 'Mentoring pairs formed'],
] as const;

/** The English plan laid out as a ruled landscape table, the way Word exports it. */
function englishPlanPdf(): Uint8Array {
  const xs = [40, 90, 330, 500, 620, 800];
  const top = 480;
  const rowH = 30;
  const lines = [{ x: 300, y: 530, text: 'Action plan ("roadmap") for schools with low results, 2021-2024', size: 12 }];
  const rules: [number, number, number, number][] = [];
  ENGLISH_PLAN.forEach((cells, r) => {
    const y = top - r * rowH;
    cells.forEach((text, c) => {
      lines.push({ x: xs[c]! + 4, y: y - 18, text, size: 10 });
      rules.push([xs[c]!, y - rowH, xs[c + 1]! - xs[c]!, rowH]);
    });
  });
  return textPagePdf(lines, rules);
}

function englishPlanDocx(): Uint8Array {
  const rows = ENGLISH_PLAN.map((cells) => row(cells.map((t) => cell(t))));
  return buildDocx({ document: documentXml(para('Action plan ("roadmap") for schools with low results') + table(rows, 5)) });
}

/** A municipal order in Russian that approves a plan but does not contain it. */
function russianOrderDocx(): Uint8Array {
  const body = [
    'АДМИНИСТРАЦИЯ ЛЫСЬВЕНСКОГО ГОРОДСКОГО ОКРУГА',
    'ПРИКАЗ',
    '28.10.2021 № 491/01-08',
    'Об утверждении плана мероприятий («дорожной карты») по поддержке школ с низкими образовательными результатами',
    'В целях реализации региональной программы поддержки школ с низкими образовательными результатами ПРИКАЗЫВАЮ:',
    '1. Утвердить прилагаемый план мероприятий («дорожную карту») на 2021–2024 годы.',
    '2. Руководителям общеобразовательных организаций обеспечить исполнение плана.',
    '3. Контроль за исполнением приказа оставляю за собой.',
    'Начальник управления образования                    И.И. Иванова',
  ].map((t) => para(t)).join('');
  return buildDocx({ document: documentXml(body) });
}

/**
 * A DOCX whose document.xml defines nested entities ("billion laughs"): a few hundred bytes
 * that would expand to gigabytes if the XML parser expanded them naively.
 */
function entityBombDocx(): Uint8Array {
  const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
  const xml = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ха-ха">${levels}]>`
    + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>';
  return buildDocx({ document: xml });
}

/** A plan table as UTF-16 without a byte-order mark: every other byte is 0x04 or 0x00. */
function utf16WithoutBom(endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(PLAN_TEXT, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

/**
 * 16-bit PCM audio (a quiet tone, little-endian, no header): binary of two-byte units whose high
 * bytes are mostly 0x00 like ASCII in UTF-16LE, but also 0xFF (negative samples) and with NUL
 * and control units. Not UTF-16 text.
 */
function pcmSamples(): Uint8Array {
  const samples = new Int16Array(16_000);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(200 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  return new Uint8Array(samples.buffer);
}

/**
 * A DOCX whose word/document.xml is an honest `mb` MB of paragraphs (no table): over the
 * per-part limit (limits.maxXmlPartMb, 32 MB) but under the document's total (100 MB).
 */
function hugeDocumentXmlDocx(mb: number): Uint8Array {
  const p = '<w:p><w:r><w:t>Строка текста приказа без таблицы плана мероприятий.</w:t></w:r></w:p>';
  const body = p.repeat(Math.floor((mb * 1024 * 1024) / Buffer.byteLength(p)));
  return buildDocx({ document: `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>` });
}

const PLAN_TEXT = 'План мероприятий («дорожная карта»)\n№\tМероприятие\tОтветственные\tСроки\tРезультат\n'
  + '1.\tСеминар для руководителей школ\tУправление образования\tмарт 2021\tСеминар проведён\n'
  + '2.\tАнализ результатов оценочных процедур\tРуководители ОО\tежегодно, июнь\tАналитическая справка\n';

/** Bytes of `text` in a single-byte code page, by inverting the platform's decoder. */
function singleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(text, (ch) => byChar.get(ch) ?? 0x3f);
}

/** A page drawing one image XObject that declares `width`×`height` pixels. */
function pdfWithImage(width: number, height: number): Uint8Array {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    { dict: '<< >>', stream: latin1('q 595 0 0 842 0 0 cm /Im1 Do Q') },
    { dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /FlateDecode >>`, stream: deflateSync(Buffer.alloc(Math.ceil(width / 8) * 64)) },
  ]);
}

/** A one-page PDF whose content stream is `stream` under `dict`. */
function pdfWithContent(dict: string, stream: Uint8Array): Uint8Array {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    { dict, stream },
  ]);
}

/** The corpus DOCX with its document.xml cut in half, re-zipped whole: the ZIP is sound. */
function docxCutXml(): Uint8Array {
  const files = unzipSync(new Uint8Array(fs.readFileSync(path.join(ROOT, 'fixtures/corpus/docs/perm-krai-2021.docx'))));
  const xml = files['word/document.xml']!;
  files['word/document.xml'] = xml.subarray(0, Math.floor(xml.length / 2));
  return zipSync(files);
}

const PERM_DOCX = path.join(ROOT, 'fixtures/corpus/docs/perm-krai-2021.docx');

/** The corpus DOCX with one byte of `part` changed on disk after zipping (a deadline year, a font size). */
function docxBitRot(part: string, from: string, to: string): Uint8Array {
  return zipWithBitRot(unzipSync(new Uint8Array(fs.readFileSync(PERM_DOCX))), part, from, to);
}

/** A ZIP of the corpus DOCX and a note, the DOCX's bytes changed after zipping. */
function zipMemberBitRot(): Uint8Array {
  const docx = new Uint8Array(fs.readFileSync(PERM_DOCX));
  // The DOCX's own deflated bytes: a flip there fails the member's CRC (and likely its inflation).
  // The note's text is its own: the same bytes as another case's would be stored once.
  return zipWithBitRot({ 'plan.docx': docx, 'note.txt': strToU8('сопроводительная записка') }, 'plan.docx', 'word/document.xml', 'word/documenu.xml');
}

/** A real DOCX (an order without a plan) whose first ZIP entry is a PDF. */
function docxFirstEntryPdf(): Uint8Array {
  const docx = unzipSync(russianOrderDocx());
  return zipSync({ 'attachment.pdf': blankPagesPdf(1), ...docx });
}

/** A JPEG whose comment segment holds "%PDF-1.4": must stay a (broken) JPEG, not become a PDF. */
function jpegWithPdfComment(): Uint8Array {
  const comment = latin1('%PDF-1.4 scanned by a copier');
  const com = Uint8Array.from([0xff, 0xfe, 0, comment.length + 2, ...comment]);
  const jpeg = jpegHeaderOnly(100, 100);
  return Uint8Array.from([...jpeg.subarray(0, 2), ...com, ...jpeg.subarray(2)]);
}

/** An ODT whose content.xml declares nested entities (billion laughs). */
function odtEntityBomb(): Uint8Array {
  const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
  const xml = `<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY l0 "ха">${levels}]>`
    + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&l9;</text:p></office:text></office:body></office:document-content>';
  return zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8(xml) });
}

/** An XLSX whose one worksheet inflates to BOMB_MB of blank cells' XML. */
function xlsxZipBomb(): Uint8Array {
  const rel = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`${rel}<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8(`${rel}<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': [new Uint8Array(BOMB_MB * 1024 * 1024).fill(0x20), { level: 9 }],
  });
}

/** An OLE compound file with a WordDocument stream of random bytes. */
function docGarbage(prng: Prng): Uint8Array {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, 'WordDocument', Buffer.from(prng.bytes(4096)));
  CFB.utils.cfb_add(container, '1Table', Buffer.from(prng.bytes(4096)));
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

function cases(seed: number): Case[] {
  const prng = new Prng(seed);
  const pdf = new Uint8Array(fs.readFileSync(SOURCE_PDF));
  const out: Case[] = truncations(pdf).map(({ label, at, expected }) => ({
    name: `truncated-${label}-${at}.pdf`,
    expected,
    ...(expected === 'stored' ? { activities: 18, warning: 'cut short' } : {}),
    what: `lysva-2021.pdf cut at byte ${at} of ${pdf.length} (${label.replace(/-/g, ' ')})`,
    bytes: () => pdf.subarray(0, at),
  }));
  const random = (n: number) => prng.bytes(n);
  const randomPdf = random(8192);
  const randomZip = random(4096);
  // High bytes, spaces and line breaks only: no NUL or control character, so it sniffs as text.
  const highBytes = prng.bytes(6000, () => (prng.int(0, 9) === 0 ? 0x20 : prng.int(0, 60) === 0 ? 0x0a : prng.int(0x80, 0xff)));
  const randomBinary = random(4096);
  const fileId = random(16);
  let bomb: Uint8Array | undefined;
  const zipBomb = () => (bomb ??= buildZipBomb(BOMB_MB)); // a second of deflating: built once
  let huge: Uint8Array | undefined;
  const hugeDocx = () => (huge ??= hugeDocumentXmlDocx(HUGE_PART_MB));
  out.push(
    { name: 'zero-bytes.pdf', expected: 'empty_file', what: 'an empty file', bytes: () => new Uint8Array(0) },
    { name: 'pdf-header-random-body.pdf', expected: 'corrupt_file', what: '%PDF-1.7 then 8 KB of random bytes', bytes: () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomPdf]) },
    { name: 'zip-header-random-body.docx', expected: 'corrupt_file', what: 'a ZIP local-file header then 4 KB of random bytes', bytes: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomZip]) },
    {
      name: 'zip-not-docx.docx', expected: 'archive', what: 'a valid ZIP of a text file and a CSV: an archive, each entry a document',
      entries: [{ name: 'data.csv', expected: 'no_plan_table' }, { name: 'readme.txt', expected: 'no_plan_table' }],
      bytes: () => zipSync({ 'readme.txt': strToU8('not a document'), 'data.csv': strToU8('a,b\n1,2\n') }),
    },
    {
      name: 'zip-traversal.zip', expected: 'archive', what: 'a ZIP whose entry names leave the archive (../, absolute)',
      entries: [{ name: '../../evil.pdf', expected: 'corrupt_file' }, { name: '/etc/evil.txt', expected: 'corrupt_file' }, { name: 'note.txt', expected: 'no_plan_table' }],
      bytes: () => zipSync({ '../../evil.pdf': blankPagesPdf(1), '/etc/evil.txt': strToU8('x'), 'note.txt': strToU8('просто текст') }),
    },
    { name: 'utf16-with-bom.txt', expected: 'stored', activities: 2, what: 'a plan table in UTF-16LE with a BOM (Notepad\'s "Unicode")', bytes: () => Buffer.from(`\ufeff${PLAN_TEXT}`, 'utf16le') },
    { name: 'mac-cyrillic.txt', expected: 'stored', activities: 2, what: 'a plan table in Mac Cyrillic (not CP1251, CP866 or KOI8-R)', bytes: () => singleByte(PLAN_TEXT.replace(/[«»]/g, '"').replace('№', 'п/п'), 'x-mac-cyrillic') },
    { name: 'koi8-r.txt', expected: 'stored', activities: 2, what: 'a plan table in KOI8-R', bytes: () => singleByte(PLAN_TEXT.replace(/[«»]/g, '"').replace('№', 'п/п'), 'koi8-r') },
    { name: 'docx-cut-document-xml.docx', expected: 'corrupt_file', what: 'a sound ZIP whose word/document.xml is cut in half', bytes: docxCutXml },
    {
      name: 'docx-crc-document-xml.docx', expected: 'corrupt_file', message: 'word/document.xml fails its CRC-32 check',
      what: 'the corpus DOCX whose word/document.xml had one digit changed after zipping ("2021" → "2027" in a deadline): well-formed, only the CRC tells',
      bytes: () => docxBitRot('word/document.xml', 'июль, 2021', 'июль, 2027'),
    },
    {
      name: 'docx-crc-styles-xml.docx', expected: 'stored', activities: 13, warning: 'word/styles.xml ignored: word/styles.xml fails its CRC-32 check',
      what: 'the corpus DOCX whose word/styles.xml had one digit changed after zipping: styles only refine the text, so it is stored with a warning',
      bytes: () => docxBitRot('word/styles.xml', 'w:val="24"', 'w:val="25"'),
    },
    {
      name: 'zip-crc-member.zip', expected: 'archive', what: 'a ZIP whose DOCX member had bytes changed after zipping: that member fails its CRC, the note is read',
      entries: [{ name: 'plan.docx', expected: 'corrupt_file', message: 'plan.docx fails its CRC-32 check' }, { name: 'note.txt', expected: 'no_plan_table' }],
      bytes: zipMemberBitRot,
    },
    { name: 'docx-first-entry-pdf.docx', expected: 'no_plan_table', what: 'a DOCX (an order, no plan) whose first ZIP entry is a PDF: read as the DOCX', bytes: docxFirstEntryPdf },
    { name: 'jpeg-with-pdf-comment.jpg', expected: 'corrupt_file', what: 'a truncated JPEG with "%PDF-1.4" in its comment: a broken image, not a PDF', bytes: jpegWithPdfComment },
    { name: 'pdf-image-20000x20000.pdf', expected: 'too_large', what: 'an image-only page of one 20000×20000 image (400 MP)', bytes: () => pdfWithImage(20000, 20000) },
    { name: 'pdf-flate-twice-bomb.pdf', expected: 'too_large', what: `a content stream Flate-compressed twice, inflating to ${FLATE_BOMB_MB} MB`, bytes: () => pdfWithContent('<< /Filter [/FlateDecode /FlateDecode] >>', deflateSync(deflateSync(Buffer.alloc(FLATE_BOMB_MB * 1024 * 1024, 0x20), { level: 9 }), { level: 9 })) },
    { name: 'pdf-padded-dict-bomb.pdf', expected: 'too_large', what: 'a Flate bomb whose stream dictionary is padded past 4 KB', bytes: () => pdfWithContent(`<< /Filter /FlateDecode ${' '.repeat(8192)}>>`, deflateSync(Buffer.alloc(FLATE_BOMB_MB * 1024 * 1024, 0x20), { level: 9 })) },
    { name: 'pdf-image-key-bomb.pdf', expected: 'too_large', what: 'a Flate bomb whose dictionary has an unrelated /Image key', bytes: () => pdfWithContent('<< /Filter /FlateDecode /Image true >>', deflateSync(Buffer.alloc(FLATE_BOMB_MB * 1024 * 1024, 0x20), { level: 9 })) },
    { name: `tiff-${BAD_INPUT_MAX_PAGES + 200}-pages.tif`, expected: 'too_large', what: `a TIFF of ${BAD_INPUT_MAX_PAGES + 200} small pages: counted from its directories before any is decoded`, bytes: () => tiffPages(BAD_INPUT_MAX_PAGES + 200) },
    { name: 'rtf-deep-nesting.rtf', expected: 'corrupt_file', what: 'an RTF opening 200,000 nested groups', bytes: () => latin1(`{\\rtf1\\ansi ${'{'.repeat(200_000)}x`) },
    { name: 'odt-entity-bomb.odt', expected: 'corrupt_file', what: 'an ODT whose content.xml declares nested entities', bytes: odtEntityBomb },
    { name: 'xlsx-zip-bomb.xlsx', expected: 'too_large', what: `an XLSX whose worksheet inflates to ${BOMB_MB} MB`, bytes: xlsxZipBomb },
    { name: 'doc-garbage.doc', expected: 'corrupt_file', what: 'an OLE file whose WordDocument stream is random bytes', bytes: () => docGarbage(prng) },
    { name: 'docx-zip-bomb.docx', expected: 'too_large', what: `word/document.xml inflating to ${BOMB_MB} MB, declared honestly`, bytes: zipBomb },
    { name: 'docx-zip-bomb-lying.docx', expected: 'too_large', what: `word/document.xml inflating to ${BOMB_MB} MB, declaring 1 KB`, bytes: () => setDeclaredSize(zipBomb(), 'word/document.xml', 1024) },
    {
      name: 'docx-huge-document-xml.docx', expected: 'too_large', message: `word/document.xml of the DOCX declares ${HUGE_PART_MB}.0 MB`,
      what: `an honest ${HUGE_PART_MB} MB word/document.xml of paragraphs: over the 32 MB per-part limit, refused before inflating`, bytes: hugeDocx,
    },
    {
      name: 'docx-huge-document-xml-lying.docx', expected: 'too_large', message: 'word/document.xml of the DOCX inflates beyond 32.0 MB',
      what: `the same ${HUGE_PART_MB} MB word/document.xml declaring 1 KB: stopped at the per-part limit while inflating`, bytes: () => setDeclaredSize(hugeDocx(), 'word/document.xml', 1024),
    },
    // fast-xml-parser leaves entity references inside entity values unexpanded: one paragraph "&l9;".
    { name: 'docx-entity-bomb.docx', expected: 'no_plan_table', what: 'document.xml with nested XML entities (billion laughs)', bytes: entityBombDocx },
    { name: 'png-claims-20000x20000.png', expected: 'too_large', what: 'a 100-byte PNG whose header says 20000×20000', bytes: () => pngClaimingSize(20000, 20000) },
    { name: 'png-blank-20000x20000.png', expected: 'too_large', what: 'a valid 1-bit 20000×20000 PNG (~50 KB, 400 MP)', bytes: () => pngBlank(20000, 20000) },
    { name: 'jpeg-claims-65000x65000.jpg', expected: 'too_large', what: 'a JPEG header for 65000×65000 pixels', bytes: () => jpegHeaderOnly(65000, 65000) },
    { name: 'encrypted-rc4.pdf', expected: 'encrypted_pdf', what: 'a one-page PDF with a user password (RC4 40-bit)', bytes: () => textPagePdf([{ x: 72, y: 500, text: 'Secret plan' }], [], rc4Security('secret', 'owner', fileId)) },
    { name: `blank-pages-${BAD_INPUT_MAX_PAGES}.pdf`, expected: 'no_plan_table', what: `${BAD_INPUT_MAX_PAGES} empty pages`, bytes: () => blankPagesPdf(BAD_INPUT_MAX_PAGES) },
    { name: `blank-pages-${BAD_INPUT_MAX_PAGES + 1}.pdf`, expected: 'too_large', what: 'one page over the page limit', bytes: () => blankPagesPdf(BAD_INPUT_MAX_PAGES + 1) },
    // pdf.js checks the declared count against the tree and reads the one page there is.
    { name: 'page-count-lies.pdf', expected: 'no_plan_table', what: 'a page tree of one blank page claiming 100 million', bytes: () => blankPagesPdf(1, 100_000_000) },
    { name: 'pdf-flate-bomb.pdf', expected: 'too_large', what: `a page whose content stream inflates to ${FLATE_BOMB_MB} MB of spaces`, bytes: () => writePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
      { dict: '<< /Filter /FlateDecode >>', stream: deflateSync(Buffer.alloc(FLATE_BOMB_MB * 1024 * 1024, 0x20), { level: 9 }) },
    ]) },
    { name: 'english-plan.docx', expected: 'no_plan_table', what: 'an English action plan with a No/Activity/Responsible/Deadline table', bytes: englishPlanDocx },
    { name: 'english-plan.pdf', expected: 'no_plan_table', what: 'the same English plan as a ruled PDF table', bytes: englishPlanPdf },
    { name: 'order-without-plan.docx', expected: 'no_plan_table', what: 'a Russian order approving a plan, the plan not attached', bytes: russianOrderDocx },
    { name: 'high-bytes.txt', expected: 'no_plan_table', what: 'random bytes 0x80–0xFF with spaces: decodes as some 8-bit code page', bytes: () => highBytes },
    { name: 'utf16le-without-bom.txt', expected: 'stored', activities: 2, what: 'a plan table in UTF-16LE without a byte-order mark: told by its bytes (0x04/0x00 at odd offsets)', bytes: () => utf16WithoutBom('le') },
    { name: 'utf16be-without-bom.txt', expected: 'stored', activities: 2, what: 'a plan table in UTF-16BE without a byte-order mark (0x04/0x00 at even offsets)', bytes: () => utf16WithoutBom('be') },
    { name: 'pcm-samples.raw', expected: 'unsupported_format', what: '16-bit PCM samples of a quiet tone: two-byte units like UTF-16, but not text', bytes: pcmSamples },
    { name: 'random-binary.bin', expected: 'unsupported_format', what: '4 KB of random bytes', bytes: () => randomBinary },
  );
  return out;
}

/**
 * Writes every case into `dir` and returns them. With `symlinkLoop`, also a link `loop` → `.`
 * inside the folder: walking it naively never ends (or reads each file forty times).
 */
export function makeBadInputs(dir: string, opts: { seed?: number; symlinkLoop?: boolean } = {}): BadInput[] {
  fs.mkdirSync(dir, { recursive: true });
  const list = cases(opts.seed ?? 1);
  for (const c of list) fs.writeFileSync(path.join(dir, c.name), c.bytes());
  if (opts.symlinkLoop) fs.symlinkSync('.', path.join(dir, 'loop'), 'dir');
  return list.map(({ bytes: _bytes, ...rest }) => rest);
}

function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args.splice(seedAt, 2)[1]) : 1;
  const [dir] = args;
  if (!dir || !Number.isInteger(seed)) {
    console.error('usage: npx tsx scripts/make-bad-inputs.ts OUT_DIR [--seed N]');
    process.exit(2);
  }
  for (const c of makeBadInputs(dir, { seed, symlinkLoop: true })) {
    console.log(`${c.name.padEnd(44)} ${c.expected.padEnd(18)} ${c.what}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
