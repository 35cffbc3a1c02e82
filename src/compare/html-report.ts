import type { CoverageMatrix } from './matrix.js';
import { REPORT_SCRIPT } from './report-client.js';

/*
 * The compare report: one HTML file with its CSS, data and script inline, so it can be mailed
 * or opened from a share without a server. The Content-Security-Policy forbids every
 * external load (fonts, images, scripts, fetch): the file works offline, and a report
 * opened on a laptop never calls out.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { --present: #2e7d32; --changed_responsible: #f9a825; --changed_deadline: #29b6f6; --changed_both: #ef6c00; --missing: #e6e9ec; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; color: #1b1f23; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 32px 0 2px; } h3 { font-size: 15px; margin: 20px 0 8px; }
.meta, .subtitle, .source, .hint, .score { color: #5f6b76; } .subtitle { margin: 0 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; list-style: none; padding: 0; margin: 12px 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.s-present { background: var(--present); fill: var(--present); } .s-changed_responsible { background: var(--changed_responsible); fill: var(--changed_responsible); }
.s-changed_deadline { background: var(--changed_deadline); fill: var(--changed_deadline); } .s-changed_both { background: var(--changed_both); fill: var(--changed_both); }
.s-missing { background: var(--missing); fill: var(--missing); }
.heatmap-box { overflow-x: auto; border: 1px solid #e1e4e8; border-radius: 6px; padding: 8px; }
.heatmap text { font-size: 12px; fill: #1b1f23; } .heatmap .col-head { font-size: 11px; fill: #5f6b76; }
.heatmap .cell { cursor: pointer; stroke: #fff; } .heatmap .cell:hover, .heatmap .cell:focus { stroke: #1b1f23; stroke-width: 2; outline: none; }
.sorter { display: inline-block; margin: 4px 0 8px; }
.details { margin: 12px 0; padding: 10px 12px; background: #f6f8fa; border-radius: 6px; min-height: 48px; }
.details h4 { margin: 0 0 8px; } .tag { padding: 1px 8px; border-radius: 10px; color: #fff; font-weight: 600; } .tag.s-missing { color: #1b1f23; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } .side h5 { margin: 0 0 4px; font-size: 13px; } .side p { margin: 0 0 6px; }
.side dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; } .side dt { color: #5f6b76; } .side dd { margin: 0; }
.summaries { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.summary { border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 12px; } .summary h4 { margin: 0; } .summary p { margin: 4px 0; }
.bar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; background: var(--missing); margin: 6px 0; }
.extra summary { cursor: pointer; } .extra ol { padding-left: 28px; margin: 6px 0; }
.reference-list li { margin: 3px 0; }
@media print { .sorter, .hint { display: none; } .heatmap-box { overflow: visible; } }
`;

export interface HtmlReportOptions {
  title?: string;
}

/** The report as one self-contained HTML document. */
export function htmlReport(matrix: CoverageMatrix, opts: HtmlReportOptions = {}): string {
  const title = opts.title ?? 'Roadmaps compared with the reference plan';
  const plans = matrix.blocks.reduce((n, b) => n + b.rows.length, 0);
  return `<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${plans} plan(s) against ${matrix.blocks.length} reference plan(s); generated ${escapeHtml(matrix.generatedAt)}.
Each cell says whether the plan has the reference activity and whether it kept its responsible parties and deadline.</p>
<main id="report"></main>
<noscript><p>This report draws its tables with JavaScript; the same data is in the CSV files written beside it.</p></noscript>
<script type="application/json" id="report-data">${jsonForScript(matrix)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside <script>: "</script>" or "<!--" in a plan's text cannot end the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
