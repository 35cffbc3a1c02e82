/** A plan as WordprocessingML, zipped with fflate at a fixed timestamp (same seed → same bytes). */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { esc } from '../make-docx-fixtures.js';
import type { Column, Plan, Row } from './plan.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MTIME = new Date('2024-01-01T00:00:00Z');
const A4 = { w: 11906, h: 16838 };
const MARGIN = 1134;

export const WEIGHT: Record<string, number> = { number: 0.6, activity: 4, responsible: 2.4, deadline: 1.7, result: 3, extra: 1.6 };

function runX(text: string, bold = false): string {
  // A line break inside one paragraph (a stamp typed line by line) is Word's <w:br/>.
  const body = text.split('\n').map((t) => `<w:t xml:space="preserve">${esc(t)}</w:t>`).join('<w:br/>');
  return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}${body}</w:r>`;
}
function p(text: string, o: { bold?: boolean; align?: 'center' | 'right' | 'both'; pageBreak?: boolean; sect?: string } = {}): string {
  const pPr = `${o.pageBreak ? '<w:pageBreakBefore/>' : ''}<w:spacing w:before="0" w:after="60"/>${o.align ? `<w:jc w:val="${o.align}"/>` : ''}${o.sect ?? ''}`;
  return `<w:p><w:pPr>${pPr}</w:pPr>${text ? runX(text, o.bold) : ''}</w:p>`;
}
function tc(text: string, width: number, o: { span?: number; vmerge?: 'restart' | 'continue'; shade?: boolean; bold?: boolean; center?: boolean } = {}): string {
  const tcPr = `<w:tcW w:w="${width}" w:type="dxa"/>${o.span && o.span > 1 ? `<w:gridSpan w:val="${o.span}"/>` : ''}`
    + `${o.vmerge === 'restart' ? '<w:vMerge w:val="restart"/>' : o.vmerge === 'continue' ? '<w:vMerge/>' : ''}`
    + `${o.shade ? '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>' : ''}`;
  return `<w:tc><w:tcPr>${tcPr}</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>${o.center ? '<w:jc w:val="center"/>' : ''}</w:pPr>${text ? runX(text, o.bold) : ''}</w:p></w:tc>`;
}

function bordersXml(kind: string): string {
  const on = (n: string) => `<w:${n} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const off = (n: string) => `<w:${n} w:val="nil"/>`;
  const set: Record<string, string[]> = {
    grid: ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'],
    hrules: ['top', 'bottom', 'insideH'],
    none: [],
    frame: ['top', 'left', 'bottom', 'right'],
  };
  const s = set[kind] ?? set.grid!;
  return `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((n) => (s.includes(n) ? on(n) : off(n))).join('')}</w:tblBorders>`;
}

export function widths(cols: { role: string }[], total: number): number[] {
  const sum = cols.reduce((a, c) => a + WEIGHT[c.role]!, 0);
  return cols.map((c) => Math.floor((WEIGHT[c.role]! / sum) * total));
}

function planTable(plan: Plan, total: number): string {
  const t = plan.traits;
  const cols = plan.columns;
  const w = widths(cols, total);
  const repeat = t.repeatHeader ? '<w:tblHeader/>' : '';
  const cant = t.rowsSplit ? '' : '<w:cantSplit/>';
  const shade = Boolean(t.shadedHeader);
  const trs: string[] = [];
  if (t.twoRowHeader) {
    const n = cols.length;
    const top = cols.slice(0, n - 2).map((c, i) => tc(c.header, w[i]!, { vmerge: 'restart', shade, bold: true, center: true }));
    top.push(tc('Организация исполнения', w[n - 2]! + w[n - 1]!, { span: 2, shade, bold: true, center: true }));
    const bottom = cols.slice(0, n - 2).map((_, i) => tc('', w[i]!, { vmerge: 'continue', shade }));
    bottom.push(tc(cols[n - 2]!.header, w[n - 2]!, { shade, bold: true, center: true }), tc(cols[n - 1]!.header, w[n - 1]!, { shade, bold: true, center: true }));
    trs.push(`<w:tr><w:trPr>${repeat}<w:cantSplit/></w:trPr>${top.join('')}</w:tr>`, `<w:tr><w:trPr>${repeat}<w:cantSplit/></w:trPr>${bottom.join('')}</w:tr>`);
  } else {
    trs.push(`<w:tr><w:trPr>${repeat}<w:cantSplit/></w:trPr>${cols.map((c, i) => tc(c.header, w[i]!, { shade, bold: true, center: true })).join('')}</w:tr>`);
  }
  for (const r of plan.rows) trs.push(`<w:tr><w:trPr>${r.kind === 'section' ? '<w:cantSplit/>' : cant}</w:trPr>${rowCells(plan, r, cols, w).join('')}</w:tr>`);
  const grid = w.map((x) => `<w:gridCol w:w="${x}"/>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>${bordersXml(String(t.borders))}`
    + `<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${trs.join('')}</w:tbl>`;
}

/** The displayed cells of one row, in column order: the same decisions as the HTML rendering. */
export interface CellOut { text: string; span: number; vmerge?: 'restart' | 'continue'; rowspan?: number; shade?: boolean; bold?: boolean }
export function layoutRow(plan: Plan, r: Row, cols: Column[]): CellOut[] {
  const style = String(plan.traits.sectionStyle);
  if (r.kind === 'section') {
    const n = cols.length;
    if (style === 'numcol') {
      const ni = cols.findIndex((c) => c.role === 'number');
      const label: CellOut = { text: r.label, span: 1, bold: true };
      const rest: CellOut = { text: r.title, span: n - 1, bold: true };
      return ni === 0 ? [label, rest] : [rest, label];
    }
    if (style === 'activity-cell') return cols.map((c) => ({ text: c.role === 'activity' ? r.text : '', span: 1, bold: true }));
    return [{ text: r.text, span: n, bold: true, shade: style === 'shaded' }];
  }
  return cols.map((c) => {
    if (c.role === 'extra') return { text: r.extras[plan.columns.filter((x) => x.role === 'extra').indexOf(c)] ?? '', span: 1 };
    if (c.role === 'responsible' && r.span !== 1) return r.span === 0 ? { text: '', span: 1, vmerge: 'continue' } : { text: r.responsible, span: 1, vmerge: 'restart', rowspan: r.span };
    return { text: r[c.role], span: 1 };
  });
}

function rowCells(plan: Plan, r: Row, cols: Column[], w: number[]): string[] {
  let at = 0;
  return layoutRow(plan, r, cols).map((c) => {
    const width = w.slice(at, at + c.span).reduce((a, b) => a + b, 0);
    at += c.span;
    return tc(c.text, width, { span: c.span, vmerge: c.vmerge, shade: c.shade, bold: c.bold, center: r.kind === 'section' && c.span > 1 ? true : false });
  });
}

function indicatorTable(plan: Plan, total: number): string {
  const ind = plan.indicators!;
  const w = [600, total - 600 - 2400, 1200, 1200];
  const tr = (cells: string[], bold = false) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.map((c, i) => tc(c, w[i]!, { bold, center: bold })).join('')}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>${bordersXml('grid')}</w:tblPr><w:tblGrid>${w.map((x) => `<w:gridCol w:w="${x}"/>`).join('')}</w:tblGrid>`
    + `${tr(ind.header, true)}${ind.rows.map((r) => tr(r)).join('')}</w:tbl>`;
}

export function buildPlanDocx(plan: Plan): Uint8Array {
  const t = plan.traits;
  const orient = String(t.orientation);
  const pages = String(t.pageNumbers);
  const refs = pages === 'top' ? `<w:headerReference w:type="default" r:id="rIdH"/>` : pages === 'bottom' ? `<w:footerReference w:type="default" r:id="rIdF"/>` : '';
  const sect = (land: boolean, inner = false) => {
    const sz = land ? `<w:pgSz w:w="${A4.h}" w:h="${A4.w}" w:orient="landscape"/>` : `<w:pgSz w:w="${A4.w}" w:h="${A4.h}"/>`;
    return `<w:sectPr>${refs}${inner ? '<w:type w:val="nextPage"/>' : ''}${sz}<w:pgMar w:top="${MARGIN}" w:right="850" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
  };
  const landTable = orient !== 'portrait';
  const tableWidth = (landTable ? A4.h : A4.w) - MARGIN - 850;
  const body: string[] = [];
  const placement = String(t.placement);
  if (placement !== 'annex-no-order') {
    for (const [i, l] of plan.issuerLines.entries()) body.push(p(l, { bold: true, align: 'center' }));
    body.push(p(''));
    for (const para of plan.preamble) body.push(p(para, { align: para.endsWith(':') && para === para.toUpperCase() ? undefined : 'both', bold: para === para.toUpperCase() }));
    body.push(p(''), p(plan.signature));
  }
  const annexFirst = placement === 'annex-no-order';
  if (orient === 'portrait-then-landscape-annex' && !annexFirst) {
    body.push(p('', { sect: sect(false, true) }));
  }
  const breakBefore = placement === 'annex' && orient !== 'portrait-then-landscape-annex';
  if (placement !== 'midpage') body.push(p(plan.annexCaption, { align: 'right', pageBreak: breakBefore }));
  else body.push(p(''));
  body.push(p(plan.doc.title, { bold: true, align: 'center' }));
  body.push(planTable(plan, tableWidth));
  if (plan.indicators) {
    body.push(p(''), p('Целевые показатели реализации плана', { bold: true, align: 'center' }), indicatorTable(plan, tableWidth));
  }
  body.push(p(''));
  const finalLand = orient === 'landscape' || orient === 'portrait-then-landscape-annex';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join('')}${sect(finalLand)}</w:body></w:document>`;
  const pt = Number(t.fontSize);
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="${pt * 2}"/><w:szCs w:val="${pt * 2}"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault>`
    + `<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;
  const pageField = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
  const ct = (part: string, kind: string) => `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml"/>`;
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const overrides = [ct('/word/document.xml', 'document.main'), ct('/word/styles.xml', 'styles')];
  const rels = [rel('rId1', 'styles', 'styles.xml')];
  const files: Zippable = {};
  if (pages === 'top') { overrides.push(ct('/word/header1.xml', 'header')); rels.push(rel('rIdH', 'header', 'header1.xml')); files['word/header1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="${W}" xmlns:r="${R}">${pageField}</w:hdr>`); }
  if (pages === 'bottom') { overrides.push(ct('/word/footer1.xml', 'footer')); rels.push(rel('rIdF', 'footer', 'footer1.xml')); files['word/footer1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="${W}" xmlns:r="${R}">${pageField}</w:ftr>`); }
  files['[Content_Types].xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`);
  files['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'word/document.xml')}</Relationships>`);
  files['word/_rels/document.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  files['word/document.xml'] = strToU8(document);
  files['word/styles.xml'] = strToU8(styles);
  return zipSync(files, { mtime: MTIME, level: 6 });
}
