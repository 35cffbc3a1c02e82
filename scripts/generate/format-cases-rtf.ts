/**
 * Builds fixtures/formats/cases/*.rtf for tests/ingest/rtf.test.ts:
 *
 * - Word-style cases written by hand (word-*.rtf): Word writes RTF unlike LibreOffice — Cyrillic
 *   as \'xx bytes of \ansicpg1251 / \fcharset204 fonts or as \uN with \uc1 fallbacks, \ltrch and
 *   \insrsid run groups, row definitions repeated before \row, nested tables with \itap,
 *   \nestcell and \nesttableprops, theme/datastore blobs — and no Word is at hand to save them.
 *   Their content is known exactly, so the tests assert it.
 * - The small DOCX edge cases of fixtures/docx/ re-saved by LibreOffice as RTF, so that the
 *   reader's blocks can be compared with the DOCX reader's on the source.
 *
 *   npx tsx scripts/generate/format-cases-rtf.ts                     # needs soffice
 *   npx tsx scripts/generate/format-cases-rtf.ts --skip-libreoffice  # hand-made cases only
 *
 * The output is committed (the test machines have no LibreOffice); rerun to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFlags } from '../lib/flags.js';

/** Source DOCX of fixtures/docx → the name of its LibreOffice-written RTF case. */
export const LIBREOFFICE_RTF_CASES: Readonly<Record<string, string>> = {
  'gridspan-section-row.docx': 'merged-cells-horizontal.rtf',
  'vmerge-cells.docx': 'merged-cells-vertical.rtf',
  'auto-numbered-cells.docx': 'list-numbered-table.rtf',
  'numbering-formats.docx': 'list-numbering-formats.rtf',
  'lysva-2021.autonumbered.docx': 'list-numbered-plan.rtf',
  'inline-markup.docx': 'inline-markup-fields-hidden.rtf',
  'no-table.docx': 'page-breaks.rtf',
};

// ---------------------------------------------------------------- text escapes

/** Unicode → windows-1251 byte, from the decoder's own table (Node has no 1251 encoder). */
const CP1251: ReadonlyMap<string, number> = (() => {
  const decoder = new TextDecoder('windows-1251');
  const map = new Map<string, number>();
  for (let b = 0x80; b < 0x100; b++) map.set(decoder.decode(Uint8Array.of(b)), b);
  return map;
})();

const hex = (b: number): string => `\\'${b.toString(16).padStart(2, '0')}`;

function asciiEscape(ch: string): string {
  return ch === '\\' || ch === '{' || ch === '}' ? `\\${ch}` : ch;
}

/** Text as \'xx bytes of windows-1251, the way Word writes runs of a \fcharset204 font. */
function ansi(text: string): string {
  return [...text].map((ch) => {
    if (ch.charCodeAt(0) < 0x80) return asciiEscape(ch);
    const b = CP1251.get(ch);
    if (b === undefined) throw new Error(`${ch} is not in windows-1251`);
    return hex(b);
  }).join('');
}

/** Text as \uN with a one-byte windows-1251 fallback (\uc1), the way Word writes Unicode runs. */
function uni(text: string): string {
  return [...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return asciiEscape(ch);
    const signed = code > 0x7fff ? code - 0x10000 : code;
    return `\\u${signed}${hex(CP1251.get(ch) ?? 0x3f)}`;
  }).join('');
}

// ---------------------------------------------------------------- Word-style building blocks

const HEADER = String.raw`{\rtf1\adeflang1025\ansi\ansicpg1251\uc1\adeff31507\deff0\stshfdbch31505\stshfloch31506\stshfhich31506\stshfbi31507\deflang1049\deflangfe1049\themelang1049\themelangfe0\themelangcs0
{\fonttbl{\f0\fbidi \froman\fcharset204\fprq2{\*\panose 02020603050405020304}Times New Roman;}{\f1\fbidi \fswiss\fcharset0\fprq2{\*\panose 020b0604020202020204}Arial;}
{\f3\fbidi \froman\fcharset2\fprq2{\*\panose 05050102010706020507}Symbol;}{\f40\fbidi \froman\fcharset238\fprq2 Times New Roman CE;}}
{\colortbl;\red0\green0\blue0;\red0\green0\blue255;}
{\*\defchp \f31506\fs22\lang1049\langfe1033\langfenp1033 }{\*\defpap \ql \li0\ri0\sa160\sl259\slmult1\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 }
{\stylesheet{\ql \li0\ri0\sa160\sl259\slmult1\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af31507\afs22\alang1025 \ltrch\fcs0 \f31506\fs22\lang1049\langfe1033\cgrid\langnp1049\langfenp1033 \snext0 \sqformat \spriority0 Normal;}
{\s15\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \ab\af0\afs24 \ltrch\fcs0 \b\f0\fs24\lang1049 \sbasedon0 \snext15 \sqformat Plan Heading;}}
{\*\listtable{\list\listtemplateid-1\listhybrid{\listlevel\levelnfc0\levelnfcn0\leveljc0\leveljcn0\levelfollow0\levelstartat1\levelspace0\levelindent0{\leveltext\leveltemplateid68747279\'02\'00.;}{\levelnumbers\'01;}\rtlch\fcs1 \af0 \ltrch\fcs0 \fi-360\li720\lin720 }{\listname ;}\listid1}
{\list\listtemplateid-2\listsimple{\listlevel\levelnfc23\levelnfcn23\leveljc0\leveljcn0\levelfollow0\levelstartat1\levelspace0\levelindent0{\leveltext\'01\u-3913 ?;}{\levelnumbers;}\f3 \fi-360\li720\lin720 }{\listname ;}\listid2}}
{\*\listoverridetable{\listoverride\listid1\listoverridecount0\ls1}{\listoverride\listid2\listoverridecount0\ls2}}
{\*\rsidtbl \rsid1\rsid2\rsid3}{\mmathPr\mmathFont34\mbrkBin0\mbrkBinSub0\msmallFrac0\mdispDef1}
`;

function info(pages: number): string {
  return String.raw`{\info{\title ${ansi('План мероприятий')}}{\author ${ansi('Иванова')}}{\operator User}{\creatim\yr2021\mo6\dy17\hr10\min5}{\version2}{\edmins1}{\nofpages${pages}}{\nofwords120}{\nofchars700}}
{\*\xmlnstbl {\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}
\paperw16838\paperh11906\margl1134\margr1134\margt850\margb850\gutter0\ltrsect
\widowctrl\ftnbj\aenddoc\trackmoves0\trackformatting1\donotembedsysfont1\formshade\horzdoc\dgmargin\dghspace180\dgvspace180\dghorigin1701\dgvorigin1984\dghshow1\dgvshow1
`;
}

/** Theme, colour mapping, latent styles and the datastore: Word writes them after the body. */
const TRAILER = String.raw`{\*\themedata 504b030414000600080000002100e9de0fbfff0000001c020000130000005b436f6e74656e745f54797065735d2e786d6cac91cb4ec3301045f748fc83e52d4a}
{\*\colorschememapping 3c3f786d6c2076657273696f6e3d22312e302220656e636f64696e673d225554462d3822207374616e64616c6f6e653d22796573223f3e}
{\*\latentstyles\lsdstimax376\lsdlockeddef0\lsdsemihiddendef0\lsdunhideuseddef0\lsdqformatdef0\lsdprioritydef99{\lsdlockedexcept \lsdqformat1 \lsdpriority0 \lsdlocked0 Normal;\lsdqformat1 \lsdpriority9 \lsdlocked0 heading 1;}}
{\*\datastore 01050000020000001800000004d73006f00660074002e0044006f00630075006d0065006e00740000000000000000000000000000}}
`;

/** A Word body paragraph: \pard properties, runs, and the paragraph's end (\par or \sect). */
function para(runs: string, props = '', end = 'par'): string {
  return String.raw`\pard\plain \ltrpar\ql \li0\ri0\sa160\sl259\slmult1\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 ${props}\rtlch\fcs1 \af0\afs24\alang1025 \ltrch\fcs0 \f0\fs24\lang1049\langfe1033\cgrid\langnp1049\langfenp1033 ${runs}` + `{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\${end} }\n`;
}

/** A run in Word's shape: a group with \rtlch/\ltrch property pairs and an \insrsid. */
function run(text: string, opts: { bold?: boolean; font?: number } = {}): string {
  const b = opts.bold ? '\\ab' : '';
  const chb = opts.bold ? '\\b' : '';
  const f = opts.font !== undefined ? `\\f${opts.font}` : '';
  return `{\\rtlch\\fcs1 ${b}\\af0 \\ltrch\\fcs0 ${chb}${f}\\insrsid1 ${text}}`;
}

interface WordCell {
  /** Right edge, twips. */
  right: number;
  /** Runs of each paragraph of the cell. */
  paragraphs: string[];
  merge?: 'clvmgf' | 'clvmrg' | 'clmgf' | 'clmrg';
}

/** Word's row definition (\trowd … \cellx), written before the row and again before \row. */
function rowDef(cells: WordCell[], index: number): string {
  const defs = cells.map((c) => `${c.merge ? `\\${c.merge}` : ''}\\clvertalt\\clbrdrt\\brdrs\\brdrw10 \\clbrdrl\\brdrs\\brdrw10 \\clbrdrb\\brdrs\\brdrw10 \\clbrdrr\\brdrs\\brdrw10 \\cltxlrtb\\clftsWidth3\\clwWidth${c.right}\\clshdrawnil \\cellx${c.right}`).join('');
  return String.raw`\trowd \irow${index}\irowband${index}\ltrrow\ts11\trgaph108\trleft-108\trbrdrt\brdrs\brdrw10 \trbrdrl\brdrs\brdrw10 \trbrdrb\brdrs\brdrw10 \trbrdrr\brdrs\brdrw10 \trftsWidth1\trftsWidthB3\trftsWidthA3\trautofit1\trpaddl108\trpaddr108\trpaddfl3\trpaddfr3\tblrsid1\tbllkhdrrows\tbllklastrow\tbllkhdrcols\tbllklastcol\tblind0\tblindtype3 ${defs}`;
}

const CELL_PARA = String.raw`\pard\plain \ltrpar\ql \li0\ri0\widctlpar\intbl\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0 \rtlch\fcs1 \af0\afs24\alang1025 \ltrch\fcs0 \f0\fs24\lang1049\langfe1049\cgrid\langnp1049\langfenp1049 `;

function row(cells: WordCell[], index: number): string {
  const body = cells.map((c) => {
    const paras = c.paragraphs.length > 0 ? c.paragraphs : [''];
    return paras.map((p, i) => `${CELL_PARA}${p}${i < paras.length - 1 ? '{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\par }' : '{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\cell }'}`).join('\n');
  }).join('\n');
  return `${rowDef(cells, index)}\n${body}\n\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar\\intbl\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0 {\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 ${rowDef(cells, index)}\\row }\n`;
}

const PLAN_EDGES = [885, 5787, 8757, 10985, 14462];

function planRow(texts: string[], opts: { bold?: boolean; merges?: (WordCell['merge'] | undefined)[] } = {}): WordCell[] {
  return texts.map((t, i) => ({
    right: PLAN_EDGES[i] as number,
    paragraphs: t ? [run(t, { bold: opts.bold })] : [],
    merge: opts.merges?.[i],
  }));
}

/**
 * A plan table with a vertically merged «responsible» cell, Cyrillic both as \'xx (the
 * \fcharset204 font and, through \ansicpg1251, a \fcharset0 one) and as \uN, list labels,
 * header/footer, fields, hidden text, an embedded object with a \bin payload, a page break.
 */
function wordVmergeCyrillic(): string {
  const heading = [
    para(run(ansi('УТВЕРЖДЕН')), '\\qr '),
    para(run(ansi('приказом от 17.06.2021 № 254-01')), '\\qr '),
    para(run(uni('План мероприятий («дорожная карта»)'), { bold: true }), '\\s15\\qc '),
    // A \fcharset0 font: its \'xx bytes follow the document's \ansicpg1251.
    para(run(ansi('по поддержке школ'), { font: 1 }), '\\qc '),
    para(`{\\listtext\\pard\\plain\\ltrpar \\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\f0\\fs24\\insrsid2 \\hich\\af0\\dbch\\af31505\\loch\\f0 1.\\tab}${run(ansi('Общие положения'))}`, '\\fi-360\\li720\\ilvl0\\ls1 '),
    para(`{\\listtext\\pard\\plain\\ltrpar \\rtlch\\fcs1 \\af3 \\ltrch\\fcs0 \\f3\\fs24\\insrsid2 \\loch\\af3\\dbch\\af31505\\hich\\f3 \\'b7\\tab}${run(ansi('пункт списка'))}`, '\\fi-360\\li720\\ilvl0\\ls2 '),
    para(`${run(ansi('Сайт: '))}{\\field{\\*\\fldinst {\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1  HYPERLINK "http://example.ru" }}{\\fldrslt {\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\ul\\cf2\\insrsid1 ${ansi('школа.рф')}}}}${run(`{\\v ${ansi(' скрытый')}}`)}`),
    // The \bin payload holds braces and a \par that only a length-aware reader steps over.
    para(`${run(ansi('Рисунок'))}{\\object\\objemb\\objw100\\objh100{\\*\\objclass Package}{\\*\\objdata \\bin6 }{\\par}}{\\nonshppict{\\pict\\wmetafile8\\picw100\\pich100 0102ff}}`),
  ].join('');
  const table = [
    planRow([ansi('№ п/п'), ansi('Мероприятие'), ansi('Ответственные'), ansi('Сроки'), ansi('Результат')], { bold: true }),
    [{ right: 14462, paragraphs: [run(uni('1. Организационные мероприятия'), { bold: true })] }],
    planRow(['1.1.', uni('Создание рабочей группы'), ansi('Управление образования'), uni('Июнь 2021'), ansi('Приказ')], { merges: [undefined, undefined, 'clvmgf'] }),
    planRow(['1.2.', ansi('Разработка плана'), '', uni('Июль 2021'), ansi('План')], { merges: [undefined, undefined, 'clvmrg'] }),
    planRow(['1.3.', `${ansi('Мониторинг «дорожной карты»')}`, `${ansi('Отдел')} \\emdash  ${uni('ИРО')}`, `2021\\~${ansi('г.')}`, ansi('Отчёт')]),
  ].map((cells, i) => row(cells, i)).join('');
  const after = para(`${run(ansi('Конец первой страницы'))}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\page }`) + para(run(uni('Вторая страница')));
  return [
    HEADER,
    info(3),
    String.raw`\sectd \ltrsect\lndscpsxn\linex0\headery708\footery708\colsx708\endnhere\sectlinegrid360\sectdefaultcl\sftnbj {\headerr \ltrpar \pard\plain \ltrpar\s17\qc \li0\ri0\widctlpar\itap0 \rtlch\fcs1 \af0 \ltrch\fcs0 \f0\fs24\lang1049 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 ${ansi('Колонтитул')} }{\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1  PAGE }}{\fldrslt {\rtlch\fcs1 \af0 \ltrch\fcs0 \lang1024\langfe1024\noproof\insrsid1 1}}}{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 \par }}
{\footerr \ltrpar \pard\plain \ltrpar\s18\qc \li0\ri0\widctlpar\itap0 \rtlch\fcs1 \af0 \ltrch\fcs0 \f0\fs24\lang1049 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 ${ansi('Нижний колонтитул')}\par }}
{\*\pnseclvl1\pnucrm\pnqc\pnstart1\pnindent720\pnhang {\pntxta .}}
`,
    heading,
    table,
    after,
    TRAILER,
  ].join('');
}

/**
 * An outer table whose cell holds a nested 2×2 table (Word: \itap2 paragraphs, \nestcell,
 * the nested row definition in {\*\nesttableprops … \nestrow}, a {\nonesttables \par} for old
 * readers), a legacy \clmgf/\clmrg merged row, and two sections, the second on a new page.
 */
function wordNestedTable(): string {
  const nestedPara = String.raw`\pard\plain \ltrpar\ql \li0\ri0\widctlpar\intbl\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap2 \rtlch\fcs1 \af0\afs24\alang1025 \ltrch\fcs0 \f0\fs24\lang1049\langfe1049\cgrid\langnp1049\langfenp1049 `;
  const nestedRow = (a: string, b: string, index: number): string => [
    `${nestedPara}${run(a)}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\nestcell }`,
    `${run(b)}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\nestcell }`,
    `${nestedPara}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 {\\*\\nesttableprops\\trowd \\irow${index}\\irowband${index}\\ltrrow\\ts11\\trgaph108\\trleft-5\\trftsWidth1\\trpaddl108\\trpaddr108\\trpaddfl3\\trpaddfr3\\tblind0\\tblindtype3 \\clvertalt\\cltxlrtb\\clftsWidth3\\clwWidth1500\\clshdrawnil \\cellx1500\\clvertalt\\cltxlrtb\\clftsWidth3\\clwWidth1500\\clshdrawnil \\cellx3000\\nestrow}{\\nonesttables \\par }}`,
  ].join('\n');
  const outerCells: WordCell[] = [
    { right: 2000, paragraphs: [run(ansi('Ячейка'))] },
    { right: 6000, paragraphs: [] },
  ];
  const outerRow = [
    rowDef(outerCells, 0),
    `${CELL_PARA}${run(ansi('Ячейка'))}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\cell }`,
    nestedRow(ansi('вложенная А'), ansi('вложенная Б'), 0),
    nestedRow(uni('вложенная В'), uni('вложенная Г'), 1),
    `${CELL_PARA}\\itap1 ${run(ansi('после вложенной'))}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 \\cell }`,
    `\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\widctlpar\\intbl\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0 {\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1 ${rowDef(outerCells, 0)}\\row }`,
  ].join('\n');
  const legacy = row([
    { right: 2000, paragraphs: [run(ansi('объединённая'), { bold: true })], merge: 'clmgf' },
    { right: 6000, paragraphs: [], merge: 'clmrg' },
  ], 1);
  return [
    HEADER,
    info(1),
    '\\sectd \\ltrsect\\linex0\\endnhere\\sectlinegrid360\\sectdefaultcl\\sftnbj\n',
    para(run(ansi('Первый раздел'))),
    outerRow,
    '\n',
    legacy,
    para(run(ansi('Конец раздела')), '', 'sect'),
    '\\sectd \\ltrsect\\sbkpage\\linex0\\endnhere\\sectlinegrid360\\sectdefaultcl\\sftnbj\n',
    para(run(ansi('Второй раздел'))),
    TRAILER,
  ].join('');
}

/** Hand-made Word-style cases: file name → RTF text (ASCII only: every other byte is escaped). */
export const WORD_RTF_CASES: Readonly<Record<string, () => string>> = {
  'word-merged-cells-vertical-cyrillic.rtf': wordVmergeCyrillic,
  'word-nested-table-sections.rtf': wordNestedTable,
};

function main(): void {
  const flags = parseFlags('npx tsx scripts/generate/format-cases-rtf.ts', 'Writes the hand-made Word-style RTF cases and re-saves the DOCX edge cases of fixtures/docx as RTF with LibreOffice.', {
    source: { type: 'string', default: 'fixtures/docx', help: 'folder of the DOCX cases' },
    out: { type: 'string', default: 'fixtures/formats/cases', help: 'output folder' },
    soffice: { type: 'string', default: 'soffice', help: 'LibreOffice binary' },
    'skip-libreoffice': { type: 'boolean', help: 'write the hand-made cases only' },
  });
  mkdirSync(flags.out, { recursive: true });
  for (const [name, build] of Object.entries(WORD_RTF_CASES)) {
    writeFileSync(path.join(flags.out, name), build(), 'latin1');
    console.log(name);
  }
  if (flags['skip-libreoffice']) return;
  const work = mkdtempSync(path.join(tmpdir(), 'format-cases-rtf-'));
  try {
    const sources = Object.keys(LIBREOFFICE_RTF_CASES);
    for (const file of sources) copyFileSync(path.join(flags.source, file), path.join(work, file));
    // A private profile keeps a running desktop LibreOffice (or a stale lock) out of the way.
    const profile = `file://${path.join(work, '.profile')}`;
    execFileSync(flags.soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'rtf', ...sources], { cwd: work, stdio: 'pipe' });
    for (const [file, name] of Object.entries(LIBREOFFICE_RTF_CASES)) {
      copyFileSync(path.join(work, file.replace(/\.docx$/, '.rtf')), path.join(flags.out, name));
      console.log(name);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
