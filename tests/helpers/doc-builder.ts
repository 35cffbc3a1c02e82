/**
 * Builds minimal Word 97 binary documents for tests: a FIB, the text in one or two pieces
 * (8-bit "compressed" and/or UTF-16), one paragraph FKP and one character FKP, in an OLE
 * container. Enough to exercise what LibreOffice never writes (8-bit pieces, fast-save piece
 * properties, Word 97 tables without nesting depth, legacy merged cells, sprmTVertMerge) and to
 * make structurally valid files that then get damaged on purpose.
 */
import CFB from 'cfb';

export interface DocRun {
  text: string;
  bold?: boolean;
  /** Further character sprms of the run, as bytes. */
  chpx?: number[];
}

export interface DocParagraph {
  /** Text without the final mark; plain strings are runs without formatting. */
  runs: (string | DocRun)[];
  /** The mark ending the paragraph: 0x0D (paragraph) or 0x07 (cell or row end). */
  mark?: '\r' | '\x07';
  /** The paragraph's sprms, as bytes. */
  papx?: number[];
}

export interface DocSpec {
  paragraphs: DocParagraph[];
  /** 'mixed': paragraphs before `split` in an 8-bit piece, the rest in a UTF-16 piece. */
  encoding?: 'unicode' | 'compressed' | 'mixed';
  split?: number;
  /** A Prc grpprl every piece applies (a fast save's edit), as bytes. */
  pieceGrpprl?: number[];
  /** Raw Prm of every piece (overrides pieceGrpprl), e.g. a Prm0. */
  prm?: number;
  /** FibBase flags besides fWhichTblStm. */
  flags?: number;
  nFib?: number;
  /** Declared main-text length, when it should lie. */
  ccpText?: number;
  /** Repeat the piece table's pieces this many times (all pointing at the same bytes). */
  repeatPieces?: number;
  /** Page count saved in a SummaryInformation property set. */
  summaryPages?: number;
}

const TEXT_AT = 1024;
const PAGE = 512;
const F_WHICH_TBL_STM = 0x0200;

/** Sprm byte helpers for tests. */
export const sprm = {
  inTable: [0x16, 0x24, 1],
  ttp: [0x17, 0x24, 1],
  itap: (depth: number) => [0x49, 0x66, depth, 0, 0, 0],
  innerTtp: [0x4c, 0x24, 1],
  innerCell: [0x4b, 0x24, 1],
  ilfo: (ilfo: number) => [0x0b, 0x46, ilfo & 0xff, ilfo >> 8],
  /** sprmTDefTable: cell edges in twips and each cell's TC80 flags. */
  defTable: (edges: number[], tcFlags: number[] = []): number[] => {
    const body = [edges.length - 1, ...edges.flatMap((e) => [e & 0xff, (e >> 8) & 0xff])];
    for (const f of tcFlags) body.push(f & 0xff, f >> 8, ...new Array<number>(18).fill(0));
    const cb = body.length + 1;
    return [0x08, 0xd6, cb & 0xff, cb >> 8, ...body];
  },
  vertMerge: (itc: number, value: number) => [0x2b, 0xd6, 2, itc, value],
  merge: (first: number, lim: number) => [0x24, 0x56, first, lim],
  bold: [0x35, 0x08, 1],
  vanish: [0x3c, 0x08, 1],
  deleted: [0x00, 0x08, 1],
  special: [0x55, 0x08, 1],
  /** sprmCSymbol: font index and character code. */
  symbol: (code: number) => [0x09, 0x6a, 0, 0, code & 0xff, code >> 8],
};

/** TC80 flags. */
export const TC = { firstMerged: 0x01, merged: 0x02, vertMerge: 0x20, vertRestart: 0x40 };

interface Char {
  code: number;
  /** The run's CHPX grpprl, as bytes (empty: no CHPX). */
  chpx: number[];
  paragraph: number;
  fc: number;
}

export function buildDoc(spec: DocSpec): Uint8Array {
  const split = spec.encoding === 'mixed' ? (spec.split ?? Math.ceil(spec.paragraphs.length / 2))
    : spec.encoding === 'compressed' ? spec.paragraphs.length : 0;
  const pieceTexts: { chars: Omit<Char, 'fc'>[]; compressed: boolean }[] = [
    { chars: [], compressed: true },
    { chars: [], compressed: false },
  ];
  spec.paragraphs.forEach((p, index) => {
    const piece = pieceTexts[index < split ? 0 : 1]!;
    for (const r of p.runs) {
      const run = typeof r === 'string' ? { text: r } : r;
      const chpx = [...(run.bold ? sprm.bold : []), ...(run.chpx ?? [])];
      for (const ch of run.text) piece.chars.push({ code: ch.charCodeAt(0), chpx, paragraph: index });
    }
    piece.chars.push({ code: (p.mark ?? '\r').charCodeAt(0), chpx: [], paragraph: index });
  });

  const word = new Uint8Array(1 << 16);
  const view = new DataView(word.buffer);
  const chars: Char[] = [];
  const pieces: { cp: number; fc: number; compressed: boolean; length: number }[] = [];
  let at = TEXT_AT;
  let cp = 0;
  for (const piece of pieceTexts) {
    if (piece.chars.length === 0) continue;
    at += at % 2;
    pieces.push({ cp, fc: at, compressed: piece.compressed, length: piece.chars.length });
    for (const c of piece.chars) {
      chars.push({ ...c, fc: at });
      if (piece.compressed) word[at++] = encode8(c.code);
      else {
        view.setUint16(at, c.code, true);
        at += 2;
      }
    }
    cp += piece.chars.length;
  }
  const textEnd = at;
  const firstPage = Math.ceil(textEnd / PAGE);
  const papxPages = papxFkps(spec, chars, textEnd);
  papxPages.pages.forEach((page, k) => word.set(page, (firstPage + k) * PAGE));
  const chpxPage = firstPage + papxPages.pages.length;
  word.set(chpxFkp(chars, textEnd), chpxPage * PAGE);
  const wordLength = (chpxPage + 1) * PAGE;

  // Table stream: CLX, then the two bin tables.
  const table: number[] = [];
  const u32 = (v: number) => table.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const u16 = (v: number) => table.push(v & 0xff, (v >>> 8) & 0xff);
  if (spec.pieceGrpprl) {
    table.push(0x01);
    u16(spec.pieceGrpprl.length);
    table.push(...spec.pieceGrpprl);
  }
  const repeat = spec.repeatPieces ?? 1;
  const allPieces = Array.from({ length: repeat }, () => pieces).flat();
  table.push(0x02);
  u32(allPieces.length * 12 + 4);
  let pcp = 0;
  for (const p of allPieces) {
    u32(pcp);
    pcp += p.length;
  }
  u32(pcp);
  const prm = spec.prm ?? (spec.pieceGrpprl ? 1 : 0);
  for (const p of allPieces) {
    u16(0);
    u32(p.compressed ? (p.fc * 2) | 0x40000000 : p.fc);
    u16(prm);
  }
  const clx = { fc: 0, lcb: table.length };
  const binTable = (bounds: number[], pns: number[]) => {
    const fc = table.length;
    bounds.forEach(u32);
    pns.forEach(u32);
    return { fc, lcb: table.length - fc };
  };
  const papx = binTable(papxPages.bounds, papxPages.pages.map((_, k) => firstPage + k));
  const chpx = binTable([TEXT_AT, textEnd], [chpxPage]);

  // FIB: FibBase, csw 14 words, cslw 22 longs, cbRgFcLcb 93 pairs, cswNew 0.
  view.setUint16(0, 0xa5ec, true);
  view.setUint16(2, spec.nFib ?? 0xc1, true);
  view.setUint16(10, F_WHICH_TBL_STM | (spec.flags ?? 0), true);
  view.setUint16(32, 14, true);
  const lw = 34 + 28;
  view.setUint16(lw, 22, true);
  view.setInt32(lw + 2, wordLength, true);
  view.setInt32(lw + 2 + 12, spec.ccpText ?? cp * repeat, true);
  const rg = lw + 2 + 22 * 4;
  view.setUint16(rg, 93, true);
  const pair = (index: number, where: { fc: number; lcb: number }) => {
    view.setUint32(rg + 2 + index * 8, where.fc, true);
    view.setUint32(rg + 6 + index * 8, where.lcb, true);
  };
  pair(12, chpx);
  pair(13, papx);
  pair(33, clx);

  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/WordDocument', Buffer.from(word.subarray(0, wordLength)));
  CFB.utils.cfb_add(container, '/1Table', Buffer.from(table));
  if (spec.summaryPages !== undefined) CFB.utils.cfb_add(container, '/\u0005SummaryInformation', summaryInformation(spec.summaryPages));
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

/** A property set ([MS-OLEPS]) with one property: PIDSI_PAGECOUNT as a VT_I4. */
function summaryInformation(pages: number): Buffer {
  const out = Buffer.alloc(48 + 24);
  out.writeUInt16LE(0xfffe, 0);
  out.writeUInt32LE(1, 24);
  Buffer.from('e0859ff2f94f6810ab9108002b27b3d9', 'hex').copy(out, 28);
  out.writeUInt32LE(48, 44);
  out.writeUInt32LE(24, 48);
  out.writeUInt32LE(1, 52);
  out.writeUInt32LE(0x0e, 56);
  out.writeUInt32LE(16, 60);
  out.writeUInt16LE(0x0003, 64);
  out.writeInt32LE(pages, 68);
  return out;
}

/** cp1252 bytes for the few non-Latin-1 characters tests use. */
function encode8(code: number): number {
  const high: Record<number, number> = { 0x2013: 0x96, 0x2014: 0x97, 0x201c: 0x93, 0x201d: 0x94, 0x2019: 0x92 };
  const byte = code < 0x100 ? code : high[code];
  if (byte === undefined) throw new Error(`U+${code.toString(16)} cannot be stored 8-bit`);
  return byte;
}

/**
 * One run per paragraph: [first char's FC, the next paragraph's), the last one reaching `end`,
 * spread over as many pages as they need.
 */
function papxFkps(spec: DocSpec, chars: Char[], end: number): { pages: Uint8Array[]; bounds: number[] } {
  const runs: { fc: number; grpprl: number[] }[] = [];
  spec.paragraphs.forEach((p, index) => {
    const first = chars.find((c) => c.paragraph === index);
    if (first) runs.push({ fc: first.fc, grpprl: p.papx ?? [] });
  });
  const pages: Uint8Array[] = [];
  const bounds: number[] = [];
  let from = 0;
  while (from < runs.length) {
    let to = runs.length;
    let page = papxPage(runs, from, to, end);
    while (!page) page = papxPage(runs, from, --to, end);
    pages.push(page);
    bounds.push(runs[from]!.fc);
    from = to;
  }
  bounds.push(end);
  return { pages, bounds };
}

/** A PapxFkp of runs [from, to), or undefined when they do not fit one page. */
function papxPage(runs: { fc: number; grpprl: number[] }[], from: number, to: number, end: number): Uint8Array | undefined {
  if (to <= from) throw new Error('a paragraph too large for an FKP');
  const page = new Uint8Array(PAGE);
  const view = new DataView(page.buffer);
  const crun = to - from;
  for (let k = 0; k <= crun; k++) view.setUint32(k * 4, runs[from + k]?.fc ?? end, true);
  let free = PAGE - 1;
  // Paragraphs with the same properties share one PapxInFkp, as in Word's own pages.
  const placed = new Map<string, number>();
  for (let k = 0; k < crun; k++) {
    const g = runs[from + k]!.grpprl;
    let offset = placed.get(g.join());
    if (offset === undefined) {
      // PapxInFkp with cb = 0: an exact word count follows, then istd 0 and the grpprl.
      const body = [0, 0, ...g, ...(g.length % 2 ? [0] : [])];
      free -= 2 + body.length;
      free -= free % 2;
      if (free < (crun + 1) * 4 + crun * 13) return undefined;
      page[free] = 0;
      page[free + 1] = body.length / 2;
      page.set(body, free + 2);
      offset = free;
      placed.set(g.join(), offset);
    }
    page[(crun + 1) * 4 + k * 13] = offset / 2;
  }
  page[PAGE - 1] = crun;
  return page;
}

/** Runs of one CHPX; runs without sprms get none, runs with the same sprms share one. */
function chpxFkp(chars: Char[], end: number): Uint8Array {
  const page = new Uint8Array(PAGE);
  const view = new DataView(page.buffer);
  const runs: { fc: number; chpx: number[] }[] = [];
  for (const c of chars) {
    const last = runs[runs.length - 1];
    if (!last || last.chpx.join() !== c.chpx.join()) runs.push({ fc: c.fc, chpx: c.chpx });
  }
  const crun = runs.length;
  runs.forEach((r, k) => view.setUint32(k * 4, r.fc, true));
  view.setUint32(crun * 4, end, true);
  let free = PAGE - 1;
  const placed = new Map<string, number>();
  runs.forEach((r, k) => {
    if (r.chpx.length === 0) return;
    let offset = placed.get(r.chpx.join());
    if (offset === undefined) {
      free -= 1 + r.chpx.length;
      free -= free % 2;
      page.set([r.chpx.length, ...r.chpx], free);
      offset = free;
      placed.set(r.chpx.join(), offset);
    }
    page[(crun + 1) * 4 + k] = offset / 2;
  });
  if ((crun + 1) * 4 + crun > free) throw new Error('character FKP overflow');
  page[PAGE - 1] = crun;
  return page;
}
