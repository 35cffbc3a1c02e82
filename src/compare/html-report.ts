import type { CoverageMatrix } from './matrix.js';
import { REPORT_SCRIPT } from './report-client.js';
import { columnLabels, type ReportExtras } from './report-data.js';
import { fill, REPORT_STRINGS, type ReportLang } from './report-strings.js';

/*
 * The compare report: one HTML file with its CSS, data and script inline, so it can be mailed
 * or opened from a share without a server. The Content-Security-Policy forbids every
 * external load (fonts, images, scripts, fetch): the file works offline, and a report
 * opened on a laptop never calls out. Links to the CSV files written beside it are
 * navigation a reader chooses, not loads, and name only those files.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/*
 * Chromium repeats a table's heading row on every printed page only while the row is at most
 * about a quarter of the page's height: A4 landscape with 10 mm margins leaves 190 mm, and a
 * 45 mm row was repeated where a 60 mm one was not.
 * A column heading printed on one line (up to ~45 characters standing upright) is taller than
 * that, and the heatmap's pages after the first had no headings. In print the headings wrap
 * at this height instead: two or three lines a column, no word cut.
 */
const PRINT_HEAD_MM = 40;
/**
 * Wrapped headings widen their columns; past this many reference activities the page is too
 * narrow for that, and each heading keeps one line, cut at that height with an ellipsis (the
 * reference activities are listed in full below the plans).
 */
const PRINT_WRAP_COLUMNS = 18;

const STYLE = `
:root { --present: #2e7d32; --changed_responsible: #f9a825; --changed_deadline: #29b6f6; --changed_both: #c62828; --missing: #e6e9ec; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; padding: 16px 24px 48px; color: #1b1f23; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 32px 0 2px; } h3 { font-size: 15px; margin: 20px 0 8px; }
.meta, .subtitle, .source, .hint, .score, .plan-meta, .shown { color: #5f6b76; } .subtitle { margin: 0 0 8px; }
.files a { margin-right: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; list-style: none; padding: 0; margin: 12px 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; min-width: 18px; height: 16px; border-radius: 3px; font-size: 10px; line-height: 16px; text-align: center; font-weight: 700; color: #fff; }
.s-present { background: var(--present); } .s-changed_responsible { background: var(--changed_responsible); color: #1b1f23; }
.s-changed_deadline { background: var(--changed_deadline); color: #1b1f23; } .s-changed_both { background: var(--changed_both); color: #fff; }
.s-missing { background: var(--missing); color: #8a949e; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; margin: 8px 0; }
.controls select { max-width: 320px; }
.heatmap-box { overflow-x: auto; border: 1px solid #e1e4e8; border-radius: 6px; }
table.heatmap { border-collapse: separate; border-spacing: 2px; width: 100%; font-size: 13px; }
.heatmap thead th { vertical-align: bottom; font-weight: 400; }
.heatmap .col-head { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; text-align: left; font-size: 12px; color: #3d4852; padding: 4px 0; margin: 0 auto; }
.heatmap .row-head { text-align: left; font-weight: 400; min-width: 260px; width: 30%; padding: 3px 8px 3px 4px; }
.heatmap .row-head .name { font-weight: 600; } .heatmap .plan-id { color: #5f6b76; font-weight: 400; margin-left: 4px; }
.heatmap .plan-meta { font-size: 12px; } .heatmap .elsewhere { color: #b26a00; }
.heatmap td.cell { min-width: 24px; height: 28px; border-radius: 3px; cursor: pointer; text-align: center; font-size: 11px; font-weight: 700; }
.heatmap td.cell:hover, .heatmap td.cell:focus { outline: 2px solid #1b1f23; outline-offset: -2px; }
.heatmap td.cell.picked { outline: 3px solid #1b1f23; outline-offset: -3px; }
.heatmap th.pct, .heatmap td.pct { width: 1%; }
.heatmap .pct, .heatmap .total { text-align: right; padding: 0 6px; white-space: nowrap; font-variant-numeric: tabular-nums; }
.heatmap tfoot th, .heatmap tfoot td { border-top: 2px solid #c8ced4; font-weight: 600; }
.heatmap tfoot td.total { text-align: center; padding: 2px 0; font-size: 12px; }
.details { margin: 12px 0; padding: 10px 12px; background: #f6f8fa; border-radius: 6px; min-height: 48px; }
.details h4 { margin: 0 0 8px; } .tag { padding: 1px 8px; border-radius: 10px; font-weight: 600; }
.diff { margin: 0 0 8px; } .diff .drop { color: #b00020; font-weight: 700; margin-right: 6px; } .diff .add { color: #1b5e20; font-weight: 700; margin-right: 6px; }
table.pair { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.pair th, table.pair td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #e1e4e8; }
table.pair th[scope=row] { width: 130px; color: #5f6b76; font-weight: 400; } table.pair td.differs { background: #fff4e5; }
.corrected { color: #8a4b00; cursor: help; font-weight: 700; }
.summaries { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }
.summary { border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 12px; break-inside: avoid; } .summary h4 { margin: 0; } .summary p { margin: 4px 0; }
.bar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; background: var(--missing); margin: 6px 0; }
.extra summary { cursor: pointer; } .extra ol { padding-left: 28px; margin: 6px 0; }
.reference-list li { margin: 3px 0; }
.glossary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; } .glossary dt { font-weight: 700; } .glossary dd { margin: 0; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { padding: 0; font-size: 10pt; } * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .controls, .hint, .details:not(.has-detail) { display: none; }
  .heatmap-box { overflow: visible; border: 0; } table.heatmap { font-size: 9pt; } .heatmap tr { break-inside: avoid; }
  .heatmap .col-head { font-size: 8pt; line-height: 1.2; white-space: normal; max-height: ${PRINT_HEAD_MM}mm; } .heatmap td.cell { height: 5mm; min-width: 5mm; }
  .heatmap .row-head { min-width: 45mm; width: auto; }
  .heatmap:has(thead th:nth-child(${PRINT_WRAP_COLUMNS + 3})) .col-head { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .heatmap:has(thead th:nth-child(${PRINT_WRAP_COLUMNS + 3})) td.cell { min-width: 4mm; }
  .heatmap:has(thead th:nth-child(${PRINT_WRAP_COLUMNS + 3})) tfoot td.total { font-size: 7pt; white-space: normal; }
  .heatmap thead { display: table-header-group; } h2 { break-before: page; } section.block:first-of-type h2 { break-before: auto; }
  .summaries { grid-template-columns: 1fr 1fr; } .extra ol { display: none; }
}
`;

export interface HtmlReportOptions {
  title?: string;
  /** Language of the labels; Russian unless asked. */
  lang?: ReportLang;
  /** Actor codes, plan facts and the glossary (reportExtras); without them cells show no code diff. */
  extras?: ReportExtras;
  /** Names of the files written beside the report (the CSV files), linked from it. */
  files?: readonly string[];
}

/** The report as one self-contained HTML document. */
export function htmlReport(matrix: CoverageMatrix, opts: HtmlReportOptions = {}): string {
  const lang = opts.lang ?? 'ru';
  const t = REPORT_STRINGS[lang];
  const title = opts.title ?? t.title;
  const plans = matrix.blocks.reduce((n, b) => n + b.rows.length, 0);
  const extras: ReportExtras = opts.extras ?? { actors: {}, plans: {}, glossary: [] };
  const data = { ...matrix, lang, strings: t, extras, columns: matrix.blocks.map((b) => columnLabels(b.activities)) };
  // Only plain names of files in the report's folder: a path or a URL would point elsewhere.
  const files = (opts.files ?? []).filter((f) => /^[^/\\:]+$/.test(f));
  const links = files.length === 0 ? '' : `<p class="files">${escapeHtml(t.files)} ${files.map((f) => `<a href="${encodeURIComponent(f)}">${escapeHtml(f)}</a>`).join(' ')}</p>\n`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(fill(t.meta, { plans, references: matrix.blocks.length, generated: formatGenerated(matrix.generatedAt, lang) }))}</p>
${links}<main id="report"></main>
${glossaryHtml(extras, lang)}
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** The actor codes met in the report and what they mean; static HTML, so it prints and reads without the script. */
function glossaryHtml(extras: ReportExtras, lang: ReportLang): string {
  if (extras.glossary.length === 0) return '';
  const t = REPORT_STRINGS[lang];
  const rows = extras.glossary.map((g) => {
    const meaning = (lang === 'ru' ? g.meaningRu ?? g.meaningEn : g.meaningEn ?? g.meaningRu) ?? '';
    return `<dt>${escapeHtml(g.code)}</dt><dd>${escapeHtml(meaning)}</dd>`;
  });
  return `<section id="glossary"><h2>${escapeHtml(t.glossary)}</h2>\n<p class="glossary-note">${escapeHtml(t.glossaryNote)}</p>\n<dl class="glossary">${rows.join('')}</dl></section>`;
}

/** "2024-05-01T00:00:00.000Z" as the reader writes a date and time (UTC, said so). */
function formatGenerated(iso: string, lang: ReportLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (m === null) return iso;
  return lang === 'ru' ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]} UTC` : `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]} UTC`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside <script>: "</script>" or "<!--" in a plan's text cannot end the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
