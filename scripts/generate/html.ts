/** A plan as one self-contained HTML file for Chromium and WeasyPrint (same cells as the DOCX). */
import type { Plan } from './plan.js';
import { WEIGHT, layoutRow } from './docx.js';

function h(s: string): string { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }

export function buildPlanHtml(plan: Plan): string {
  const t = plan.traits;
  const orient = String(t.orientation);
  const pages = String(t.pageNumbers);
  const box = pages === 'top' ? '@top-center { content: counter(page); }' : pages === 'bottom' ? '@bottom-center { content: counter(page); }' : '';
  const borders = String(t.borders);
  const line = '0.6pt solid #000';
  const cellBorder = borders === 'grid' ? `border: ${line};` : borders === 'hrules' ? `border-top: ${line}; border-bottom: ${line};` : '';
  const tableBorder = borders === 'grid' || borders === 'frame' ? `border: ${line};` : borders === 'hrules' ? `border-top: ${line}; border-bottom: ${line};` : '';
  const firstLand = orient === 'landscape';
  // overflow-wrap: a word longer than its column is broken, as Word and LibreOffice break it;
  // left to overflow (fixed layout) it would run over the next cell, which no word processor prints.
  const css = `
@page { size: A4 ${firstLand ? 'landscape' : 'portrait'}; margin: 2cm 1.5cm 2cm 2cm; ${box} }
@page land { size: A4 landscape; margin: 2cm 1.5cm 2cm 2cm; ${box} }
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: ${t.fontSize}pt; line-height: 1.15; margin: 0; }
p { margin: 0 0 3pt 0; }
.c { text-align: center; } .r { text-align: right; } .j { text-align: justify; } .b { font-weight: bold; }
.annex { ${orient === 'portrait-then-landscape-annex' ? 'page: land;' : ''} ${t.placement === 'annex' ? 'break-before: page;' : ''} }
table { border-collapse: collapse; width: 100%; table-layout: fixed; ${tableBorder} }
td, th { ${cellBorder} padding: 1pt 3pt; vertical-align: top; text-align: left; font-weight: normal; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; ${t.shadedHeader ? 'background: #d9d9d9;' : ''} }
thead { display: ${t.repeatHeader ? 'table-header-group' : 'table-row-group'}; }
tr { break-inside: ${t.rowsSplit ? 'auto' : 'avoid'}; }
tr.sec td { font-weight: bold; } td.shade { background: #d9d9d9; } td.mid { text-align: center; }
table.ind td, table.ind th { border: ${line}; }
`;
  const out: string[] = [];
  if (t.placement !== 'annex-no-order') {
    for (const l of plan.issuerLines) out.push(`<p class="c b">${h(l)}</p>`);
    out.push('<p>&nbsp;</p>');
    for (const para of plan.preamble) out.push(`<p class="${para === para.toUpperCase() ? 'b' : 'j'}">${h(para)}</p>`);
    out.push('<p>&nbsp;</p>', `<p>${h(plan.signature)}</p>`);
  }
  const annex: string[] = [];
  if (t.placement !== 'midpage') annex.push(`<p class="r">${h(plan.annexCaption).replace(/\n/g, '<br>')}</p>`);
  else annex.push('<p>&nbsp;</p>');
  annex.push(`<p class="c b">${h(plan.doc.title)}</p>`);
  const cols = plan.columns;
  const sum = cols.reduce((a, c) => a + WEIGHT[c.role]!, 0);
  const colgroup = `<colgroup>${cols.map((c) => `<col style="width:${((WEIGHT[c.role]! / sum) * 100).toFixed(2)}%">`).join('')}</colgroup>`;
  let head: string;
  if (t.twoRowHeader) {
    const n = cols.length;
    head = `<tr>${cols.slice(0, n - 2).map((c) => `<th rowspan="2">${h(c.header)}</th>`).join('')}<th colspan="2">Организация исполнения</th></tr>`
      + `<tr><th>${h(cols[n - 2]!.header)}</th><th>${h(cols[n - 1]!.header)}</th></tr>`;
  } else head = `<tr>${cols.map((c) => `<th>${h(c.header)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  for (const r of plan.rows) {
    const cells = layoutRow(plan, r, cols).filter((c) => c.vmerge !== 'continue').map((c) => {
      const attrs = `${c.span > 1 ? ` colspan="${c.span}"` : ''}${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}`;
      const cls = [c.shade ? 'shade' : '', r.kind === 'section' && c.span > 1 ? 'mid' : ''].filter(Boolean).join(' ');
      return `<td${attrs}${cls ? ` class="${cls}"` : ''}>${h(c.text)}</td>`;
    });
    body.push(`<tr${r.kind === 'section' ? ' class="sec"' : ''}>${cells.join('')}</tr>`);
  }
  annex.push(`<table class="plan">${colgroup}<thead>${head}</thead><tbody>${body.join('\n')}</tbody></table>`);
  if (plan.indicators) {
    const ind = plan.indicators;
    annex.push('<p>&nbsp;</p><p class="c b">Целевые показатели реализации плана</p>',
      `<table class="ind"><colgroup><col style="width:6%"><col style="width:62%"><col style="width:16%"><col style="width:16%"></colgroup><thead><tr>${ind.header.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${ind.rows.map((r) => `<tr>${r.map((x) => `<td>${h(x)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
  }
  out.push(`<div class="annex">${annex.join('\n')}</div>`);
  return `<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>${h(plan.doc.title)}</title><style>${css}</style></head><body>\n${out.join('\n')}\n</body></html>\n`;
}
