import type { Page, Rule, Word } from '../../src/model/index.js';

/**
 * A tiny typesetter for parser tests: lays a plan table out on pages of positioned words and
 * ruling lines the way a word processor would (text wrapped in cells, rows broken across
 * pages, optional repeated header), so each layout case gets a fixture named after it
 * without shipping binary PDFs.
 */
export interface TableSpec {
  title?: string[];
  columns: { header: string; width: number }[];
  rows: ({ section: string } | { cells: string[] })[];
  ruled?: boolean;
  landscape?: boolean;
  repeatHeader?: boolean;
  fontSize?: number;
  /** Page number printed at the bottom centre. */
  pageNumbers?: boolean;
  /** Text after the table (a signature). */
  after?: string[];
  bold?: { header?: boolean; sections?: boolean };
}

const MARGIN = 56;

export function layoutTable(spec: TableSpec): Page[] {
  const fs = spec.fontSize ?? 10;
  const lh = fs * 1.25;
  const charW = fs * 0.5;
  const pad = 3;
  const [pw, ph] = spec.landscape ? [842, 595] : [595, 842];
  const pages: { words: Word[]; rules: Rule[] }[] = [];
  let page = { words: [] as Word[], rules: [] as Rule[] };
  pages.push(page);
  let y = MARGIN;
  const x0 = MARGIN;
  const xs = [x0];
  for (const c of spec.columns) xs.push(xs.at(-1)! + c.width);
  const tableRight = xs.at(-1)!;
  const bottom = ph - MARGIN;

  const put = (text: string, x: number, yTop: number, bold: boolean) => {
    let cx = x;
    for (const w of text.split(/\s+/).filter(Boolean)) {
      const wWidth = w.length * charW;
      page.words.push({ text: w, bbox: { x0: cx, y0: yTop, x1: cx + wWidth, y1: yTop + fs }, conf: 1, bold });
      cx += wWidth + charW;
    }
  };
  const wrap = (text: string, width: number): string[] => {
    const max = Math.max(1, Math.floor((width - 2 * pad) / charW));
    const lines: string[] = [];
    let cur = '';
    for (const w of text.split(/\s+/).filter(Boolean)) {
      if (cur && (cur + ' ' + w).length > max) {
        lines.push(cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) lines.push(cur);
    return lines;
  };
  const hrule = (at: number) => { if (spec.ruled) page.rules.push({ orientation: 'h', at, from: x0, to: tableRight }); };
  const vrules = (from: number, to: number, only?: number[]) => {
    if (!spec.ruled) return;
    (only ?? xs).forEach((x) => page.rules.push({ orientation: 'v', at: x, from, to }));
  };
  const newPage = () => {
    if (spec.pageNumbers) put(String(pages.length), pw / 2, ph - MARGIN / 2, false);
    page = { words: [], rules: [] };
    pages.push(page);
    y = MARGIN;
  };
  const header = () => {
    const cells = spec.columns.map((c, k) => wrap(c.header, c.width));
    const n = Math.max(...cells.map((c) => c.length));
    hrule(y);
    cells.forEach((lines, k) => lines.forEach((l, i) => put(l, xs[k]! + pad, y + pad + i * lh, spec.bold?.header ?? true)));
    vrules(y, y + n * lh + 2 * pad);
    y += n * lh + 2 * pad;
    hrule(y);
  };

  for (const t of spec.title ?? []) {
    put(t, MARGIN + 40, y, true);
    y += lh;
  }
  y += lh;
  header();
  for (const row of spec.rows) {
    if ('section' in row) {
      if (y + lh + 2 * pad > bottom) { newPage(); if (spec.repeatHeader) header(); else hrule(y); }
      put(row.section, x0 + pad, y + pad, spec.bold?.sections ?? true);
      vrules(y, y + lh + 2 * pad, [x0, tableRight]);
      y += lh + 2 * pad;
      hrule(y);
      continue;
    }
    const cells = row.cells.map((t, k) => wrap(t, spec.columns[k]!.width));
    const n = Math.max(1, ...cells.map((c) => c.length));
    let top = y;
    for (let i = 0; i < n; i++) {
      if (y + pad + lh > bottom) {
        // The row continues on the next page: close this part, reopen the table there.
        vrules(top, y + pad);
        hrule(y + pad);
        newPage();
        if (spec.repeatHeader) header(); else hrule(y);
        top = y;
      }
      cells.forEach((lines, k) => { if (lines[i]) put(lines[i]!, xs[k]! + pad, y + pad, false); });
      y += lh;
    }
    y += 2 * pad;
    vrules(top, y);
    hrule(y);
  }
  y += 3 * lh;
  for (const t of spec.after ?? []) {
    put(t, MARGIN, y, false);
    y += lh;
  }
  if (spec.pageNumbers) put(String(pages.length), pw / 2, ph - MARGIN / 2, false);
  return pages.map((p, i) => ({ number: i + 1, width: pw, height: ph, source: 'text-layer' as const, words: p.words, rules: p.rules, conf: 1 }));
}
