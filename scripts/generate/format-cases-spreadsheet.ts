/**
 * Builds fixtures/formats/cases/ spreadsheet edge cases: small workbooks written as flat ODS
 * (.fods, plain XML) and re-saved by LibreOffice Calc as .xlsx, .xls and .ods, so that the
 * spreadsheet reader is tested on what a real office suite writes for merged cells, a margin
 * column, a date, a cell of two lines, several sheets, a sheet holding only a picture; plus an Excel 95 (BIFF5) workbook
 * assembled here byte by byte, because LibreOffice no longer writes that format and its text
 * is in the Windows code page rather than UTF-16.
 *
 *   npx tsx scripts/generate/format-cases-spreadsheet.ts      # needs soffice (libreoffice-calc)
 *
 * The output is committed (the test machines have no LibreOffice); rerun to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import CFB from 'cfb';
import { parseFlags } from '../lib/flags.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface FodsCell {
  text?: string | string[];
  date?: string;
  across?: number;
  down?: number;
  bold?: boolean;
}
/** A row: cells from column A; null is an empty cell, 'covered' a cell under a merge. */
type FodsRow = (FodsCell | null | 'covered')[];

function fodsCell(c: FodsCell | null | 'covered'): string {
  if (c === null) return '<table:table-cell/>';
  if (c === 'covered') return '<table:covered-table-cell/>';
  const span = `${c.across ? ` table:number-columns-spanned="${c.across}"` : ''}${c.down ? ` table:number-rows-spanned="${c.down}"` : ''}`;
  const style = c.date ? ' table:style-name="date"' : c.bold ? ' table:style-name="bold"' : '';
  const lines = Array.isArray(c.text) ? c.text : [c.text ?? ''];
  const value = c.date ? ` office:value-type="date" office:date-value="${c.date}"` : ' office:value-type="string"';
  return `<table:table-cell${style}${span}${value}>${lines.map((l) => `<text:p>${esc(l)}</text:p>`).join('')}</table:table-cell>`;
}

/** A 1×1 PNG: the picture of the pictures-only case. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PICTURE = `<table:shapes><draw:frame svg:width="5cm" svg:height="5cm" svg:x="1cm" svg:y="1cm"><draw:image><office:binary-data>${PIXEL_PNG}</office:binary-data></draw:image></draw:frame></table:shapes>`;

/** Sheets by name; a sheet given as 'picture' holds one picture and no text (a scan pasted in). */
function fods(sheets: Record<string, FodsRow[] | 'picture'>): string {
  const tables = Object.entries(sheets).map(([name, rows]) => `<table:table table:name="${esc(name)}">${rows === 'picture'
    ? `${PICTURE}<table:table-row><table:table-cell/></table:table-row>`
    : rows.map((r) => `<table:table-row>${r.length ? r.map(fodsCell).join('') : '<table:table-cell/>'}</table:table-row>`).join('')}</table:table>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="dmy"><number:day number:style="long"/><number:text>.</number:text><number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="date" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="dmy"/>
<style:style style:name="bold" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>${tables.join('')}</office:spreadsheet></office:body>
</office:document>
`;
}

const b = (text: string | string[], extra: Omit<FodsCell, 'text' | 'bold'> = {}): FodsCell => ({ text, bold: true, ...extra });
const t = (text: string | string[], extra: Omit<FodsCell, 'text'> = {}): FodsCell => ({ text, ...extra });

/**
 * A notes sheet before the plan sheet; on the plan sheet an empty margin column A, the act's
 * heading merged across the table, a two-line cell, a date, a responsible party merged down
 * two rows, an empty row inside the table, and signatures under it after an empty row.
 */
export const PLAN_LAYOUT: Record<string, FodsRow[]> = {
  'Пояснения': [
    [t('Пояснительная записка к плану')],
    [t('Составлено методическим отделом'), t('2021')],
  ],
  'План': [
    [null, b('ПРИКАЗ', { across: 5 }), 'covered', 'covered', 'covered', 'covered'],
    [null, t('от 01.09.2021 № 305', { across: 5 }), 'covered', 'covered', 'covered', 'covered'],
    [],
    [null, b('№ п/п'), b('Мероприятие'), b('Срок'), b('Ответственный'), b('Результат')],
    [null, b('1. Организационные мероприятия', { across: 5 }), 'covered', 'covered', 'covered', 'covered'],
    [null, t('1.1.'), t(['Создание рабочей группы', 'и утверждение состава']), { date: '2021-09-01', text: '01.09.2021' }, t('Управление образования', { down: 2 }), t('Приказ')],
    [null, t('1.2.'), t('Проведение совещания'), t('в течение года'), 'covered', t('Протокол')],
    [],
    [null, t('1.3.'), t('Мониторинг'), t('ежегодно'), t('МОУО'), t('Справка')],
    [],
    [null, t('Начальник управления')],
    [null, t('И.И. Иванов')],
  ],
};

/** A workbook whose only table has no plan header. */
export const NO_PLAN_HEADER: Record<string, FodsRow[]> = {
  'Данные': [
    [t('Контингент школ')],
    [b('Школа'), b('Ученики'), b('Учителя')],
    [t('МБОУ СОШ № 1'), t('420'), t('31')],
  ],
};

/** CP1251 bytes of ASCII, Russian letters and «№» (what Excel 95 wrote in Russian Windows). */
export function cp1251(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x401) return 0xa8;
    if (c === 0x451) return 0xb8;
    if (c === 0x2116) return 0xb9;
    throw new Error(`no CP1251 byte for ${ch}`);
  });
}

function record(type: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, type, true);
  view.setUint16(2, body.length, true);
  out.set(body, 4);
  return out;
}

function u16s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  values.forEach((v, i) => new DataView(out.buffer).setUint16(i * 2, v, true));
  return out;
}

const join = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * An Excel 95 workbook (BIFF5 "Book" stream in an OLE container) of one sheet «Лист1» holding
 * a heading and a three-row plan, its text in code page 1251.
 */
export function biff5Workbook(): Uint8Array {
  const rows = [
    ['ПРИКАЗ'],
    [],
    ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'],
    ['1.', 'Проведение совещания', 'Сентябрь 2021', 'Управление образования', 'Протокол'],
  ];
  const label = (r: number, c: number, text: string): Uint8Array => {
    const bytes = cp1251(text);
    return record(0x0204, join([u16s(r, c, 0x0f, bytes.length), bytes]));
  };
  const sheet = join([
    record(0x0809, u16s(0x0500, 0x0010, 0, 0)),
    record(0x0000, u16s(0, rows.length, 0, 5, 0)),
    ...rows.flatMap((cells, r) => cells.map((text, c) => label(r, c, text))),
    record(0x000a, new Uint8Array(0)),
  ]);
  const sheetName = cp1251('Лист1');
  const globalsWithout = (offset: number): Uint8Array => join([
    record(0x0809, u16s(0x0500, 0x0005, 0, 0)),
    record(0x0042, u16s(1251)),
    record(0x0085, join([new Uint8Array(new Uint32Array([offset]).buffer), Uint8Array.of(0, 0, sheetName.length), sheetName])),
    record(0x000a, new Uint8Array(0)),
  ]);
  const globals = globalsWithout(0);
  const book = join([globalsWithout(globals.length), sheet]);
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, 'Book', book);
  return Uint8Array.from(CFB.write(container, { type: 'buffer', fileType: 'cfb' }) as ArrayLike<number>);
}

/** Flat-ODS sources converted by Calc, and the formats each is saved in. */
const CALC_CASES: readonly { name: string; sheets: Record<string, FodsRow[] | 'picture'>; formats: readonly string[] }[] = [
  { name: 'plan-layout-merged-margin-signatures', sheets: PLAN_LAYOUT, formats: ['xlsx', 'xls', 'ods'] },
  { name: 'no-plan-header', sheets: NO_PLAN_HEADER, formats: ['xlsx'] },
  { name: 'pictures-only', sheets: { 'Скан': 'picture' }, formats: ['xlsx', 'xls', 'ods'] },
];

const FILTERS: Record<string, string> = { xlsx: 'xlsx:Calc MS Excel 2007 XML', xls: 'xls:MS Excel 97', ods: 'ods' };

function main(): void {
  const flags = parseFlags('npx tsx scripts/generate/format-cases-spreadsheet.ts', 'Writes spreadsheet edge cases (.xlsx, .xls, .ods via LibreOffice Calc; an Excel 95 .xls by hand).', {
    out: { type: 'string', default: 'fixtures/formats/cases', help: 'output folder' },
    soffice: { type: 'string', default: 'soffice', help: 'LibreOffice binary' },
  });
  const work = mkdtempSync(path.join(tmpdir(), 'format-cases-spreadsheet-'));
  mkdirSync(flags.out, { recursive: true });
  try {
    // A private profile keeps a running desktop LibreOffice (or a stale lock) out of the way.
    const profile = `file://${path.join(work, '.profile')}`;
    for (const { name, sheets, formats } of CALC_CASES) {
      writeFileSync(path.join(work, `${name}.fods`), fods(sheets));
      for (const fmt of formats) {
        execFileSync(flags.soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', FILTERS[fmt]!, `${name}.fods`], { cwd: work, stdio: 'pipe' });
        copyFileSync(path.join(work, `${name}.${fmt}`), path.join(flags.out, `${name}.${fmt}`));
        console.log(`${name}.${fmt}`);
      }
    }
    writeFileSync(path.join(flags.out, 'excel95-biff5-cp1251.xls'), biff5Workbook());
    console.log('excel95-biff5-cp1251.xls');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
