import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/compare/html-report.js';
import { linkDocuments } from '../../src/compare/link.js';
import { coverageMatrix, type CoverageMatrix } from '../../src/compare/matrix.js';
import { columnLabels, reportExtras, type ReportExtras } from '../../src/compare/report-data.js';
import { parseRoadmapsCli } from '../../src/roadmaps-options.js';
import { resolveSettings } from '../../src/settings.js';
import { openDatabase, writeDocument } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { TEXT, writeManyPlans, writeSyntheticPlans } from './synthetic.js';
import { openPdf } from '../../src/ingest/pdf-document.js';

// Text a plan could hold that would break out of the data block or inject markup if the
// report wrote it as HTML.
const HOSTILE = '</script><img src=x onerror="document.title=\'pwned\'"> <!-- «Лифт» & co';

let tmp: ReturnType<typeof tempDir>;
let matrix: CoverageMatrix;
let html: string;
let htmlEn: string;
let extras: ReportExtras;
let ids: ReturnType<typeof writeSyntheticPlans>;

beforeAll(() => {
  tmp = tempDir('html-report-');
  const db = openDatabase(tmp.file('h.sqlite'));
  ids = writeSyntheticPlans(db, { otherRegion: true });
  writeDocument(db, {
    sourcePath: 'hostile.docx', sha256: fakeSha('hostile'), format: 'docx', pages: 1, reviewBelow: 0.75,
    doc: makeDocument({
      meta: { region: 'Тестовый край', municipality: `Район <b>${HOSTILE}</b>`, level: 'municipal' },
      sections: [{ title: '', activities: [{ activity: `${TEXT.B} ${HOSTILE}`, result: '' }, { activity: HOSTILE, result: '' }] }],
    }),
  });
  linkDocuments(db, resolveSettings().compare);
  matrix = coverageMatrix(db, {}, new Date('2024-05-01T00:00:00Z'));
  extras = reportExtras(db, matrix);
  db.close();
  html = htmlReport(matrix, { extras, files: ['coverage.csv', 'summary.csv'] });
  htmlEn = htmlReport(matrix, { extras, lang: 'en' });
});
afterAll(() => tmp.cleanup());

describe('the HTML report as written', () => {
  it('is one file that names no external resource and forbids loading any', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    // The markup, style and script, without the data block (plan text may say anything).
    const code = html.replace(/(<script type="application\/json" id="report-data">)[^<]*/, '$1');
    expect(code).not.toMatch(/\ssrc\s*=/i);
    // Links only to the files written beside the report, which a reader follows by choice.
    expect([...code.matchAll(/\shref\s*=\s*"([^"]*)"/gi)].map((m) => m[1])).toEqual(['coverage.csv', 'summary.csv']);
    expect(code).not.toMatch(/url\(|@import|fetch\(|XMLHttpRequest/i);
    expect(code.match(/https?:\/\/[^\s'"]+/g) ?? []).toEqual([]);
  });

  it('cannot be broken out of by a plan\'s text', () => {
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data block and the script, nothing else
    expect(html).not.toContain('<img');
    expect(html).toContain('\\u003c/script\\u003e\\u003cimg');
  });
});

describe('the report in the analysts\' language', () => {
  it('is in Russian by default and in English when asked', () => {
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<h1>Дорожные карты в сравнении с эталонным планом</h1>');
    expect(html).toContain('отчёт составлен 01.05.2024 00:00 UTC');
    // The words a reader sees outside the script (whose labels come from the same table).
    const visible = html.replace(/<(script|style)[^>]*>[^]*?<\/\1>/g, '').replace(/<[^>]*>/g, ' ');
    expect(visible.match(/.{0,30}(reference|Coverage|plan\(s\)).{0,30}/)?.[0]).toBeUndefined();
    expect(htmlEn).toContain('<html lang="en">');
    expect(htmlEn).toContain('<h1>Roadmaps compared with the reference plan</h1>');
    expect(htmlEn).not.toContain('Дорожные карты в сравнении');
  });

  it('explains the actor codes met in the plans, and only those', () => {
    const glossary = /<dl class="glossary">(.*?)<\/dl>/.exec(html)?.[1] ?? '';
    const codes = [...glossary.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1]);
    expect(codes.sort()).toEqual(['UNKNOWN', 'МОУО', 'ОО']);
    expect(glossary).toContain('<dt>МОУО</dt><dd>муниципальный орган управления образованием');
    expect(html).toContain('<h2>Коды ответственных</h2>');
    expect(htmlEn).toContain('<h2>Actor codes</h2>');
  });

  it('carries the actor codes of both activities of a cell, so the page can say which differ', () => {
    const block = matrix.blocks[0]!;
    const row = block.rows.find((r) => r.document.id === ids.municipal)!;
    const b = block.activities.findIndex((a) => a.activity === TEXT.B);
    expect(row.cells[b]!.status).toBe('changed_responsible');
    expect(extras.actors[block.activities[b]!.id]).toEqual(['МОУО']);
    expect(extras.actors[row.cells[b]!.activityId!]).toEqual(['ОО']);
    expect(extras.plans[ids.municipal]).toMatchObject({ level: 'municipal', actDate: '2021-09-01', format: 'docx', kind: 'structured' });
  });
});

describe('compare --lang', () => {
  it('is Russian unless English is asked for, and nothing else', () => {
    expect(parseRoadmapsCli(['compare'])).toMatchObject({ command: 'compare', lang: 'ru' });
    expect(parseRoadmapsCli(['compare', '--lang', 'en'])).toMatchObject({ command: 'compare', lang: 'en' });
    expect(() => parseRoadmapsCli(['compare', '--lang', 'de'])).toThrow(/--lang must be ru or en \(got "de"\)/);
  });
});

describe('column labels', () => {
  it('name the activity by its number and first words, never twice the same', () => {
    const labels = columnLabels([
      { seq: 1, number: '1.1.', activity: 'Создание муниципальной рабочей группы по реализации проекта' },
      { seq: 2, number: '1.4.', activity: 'Проведение семинаров для учителей физики' },
      { seq: 3, number: '1.4.', activity: 'Проведение семинаров для учителей математики' },
      { seq: 4, number: '', activity: 'Мониторинг' },
    ]);
    expect(labels).toEqual(['1.1 Создание муниципальной рабочей группы…', '1.4 Проведение семинаров для учителей… [№2]', '1.4 Проведение семинаров для учителей… [№3]', '4 Мониторинг']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

/** A Chromium-family browser to render with: ROADMAPS_CHROMIUM, else the first on PATH. */
function findChromium(): string | null {
  if (process.env.ROADMAPS_CHROMIUM) return process.env.ROADMAPS_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

const chromium = findChromium();
// A new user's `npm test` cannot install a browser (npm reaches only its registry), so without
// one the browser tests are skipped with a notice; CI installs Chromium and requires them
// (ROADMAPS_REQUIRE_BROWSER=1 in .ci/run), so there a missing browser fails.
const requireBrowser = process.env.ROADMAPS_REQUIRE_BROWSER === '1';
const skipBrowser = process.env.ROADMAPS_SKIP_BROWSER === '1' || (chromium === null && !requireBrowser);
if (skipBrowser) console.warn('html-report: no Chromium on PATH — browser rendering tests skipped (apt-get install chromium to run them)');

// Runs first in <head>, before the report's CSP applies: records every resource the page
// fetched and every load the CSP blocked, and writes them into the DOM once the page loaded.
const PROBE = `<script>
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });
addEventListener('load', function () {
  var p = document.createElement('pre'); p.id = 'probe';
  p.textContent = JSON.stringify({ resources: performance.getEntriesByType('resource').map(function (e) { return e.name; }), violations: window.__violations, title: document.title });
  document.body.appendChild(p);
});
</script>`;

// Runs after the report's script: clicks a cell, filters by region and sorts by id as a
// reader would, and writes what the page then shows into the DOM for --dump-dom.
const ACTIONS = `<script>
addEventListener('load', function () {
  function texts(list) { return Array.prototype.map.call(list, function (n) { return n.textContent; }); }
  function attr(list, a) { return Array.prototype.map.call(list, function (n) { return n.getAttribute(a); }); }
  var out = {};
  out.rowsBefore = attr(document.querySelectorAll('table.heatmap tbody tr'), 'data-document');
  out.totalsBefore = texts(document.querySelectorAll('table.heatmap tfoot td.total'));
  document.querySelector('CELL_SELECTOR').click();
  var d = document.querySelector('.details');
  out.detail = d.textContent;
  out.dropped = texts(d.querySelectorAll('.drop'));
  out.added = texts(d.querySelectorAll('.add'));
  out.differs = d.querySelectorAll('td.differs').length;
  var region = document.querySelector('select.filter-region');
  region.value = 'Тестовый край';
  region.dispatchEvent(new Event('change'));
  out.rowsAfter = attr(document.querySelectorAll('table.heatmap tbody tr'), 'data-document');
  out.regionsAfter = attr(document.querySelectorAll('table.heatmap tbody tr'), 'data-region');
  out.totalsAfter = texts(document.querySelectorAll('table.heatmap tfoot td.total'));
  var sorter = document.querySelector('select.sorter');
  sorter.value = 'id';
  sorter.dispatchEvent(new Event('change'));
  out.cardsById = Array.prototype.map.call(document.querySelectorAll('article.summary h4'), function (h) { return Number(/#(\\d+)$/.exec(h.textContent)[1]); });
  var p = document.createElement('pre'); p.id = 'acted'; p.textContent = JSON.stringify(out);
  document.body.appendChild(p);
});
</script>`;

describe.skipIf(skipBrowser)('the HTML report in headless Chromium', () => {
  let dom: string;
  let domEn: string;
  let acted: { detail: string; dropped: string[]; added: string[]; differs: number; rowsBefore: string[]; rowsAfter: string[]; regionsAfter: string[];
    totalsBefore: string[]; totalsAfter: string[]; cardsById: number[] };
  const block = () => matrix.blocks[0]!;
  const totals = (rows: CoverageMatrix['blocks'][number]['rows']) => block().activities.map((_, i) => `${rows.filter((r) => r.cells[i]!.status !== 'missing').length}/${rows.length}`);
  beforeAll(() => {
    if (chromium === null) {
      throw new Error('no Chromium found: install it (apt-get install -y chromium), point ROADMAPS_CHROMIUM at one, or set ROADMAPS_SKIP_BROWSER=1 to skip the browser tests');
    }
    const render = (name: string, page: string) => {
      const file = path.join(tmp.dir, name);
      fs.writeFileSync(file, page);
      return execFileSync(chromium!, [
        '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
        `--user-data-dir=${path.join(tmp.dir, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', `file://${file}`,
      ], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
    };
    dom = render('report.html', html.replace('<head>', `<head>${PROBE}`));
    domEn = render('report-en.html', htmlEn);
    const b = block().activities.find((a) => a.activity === TEXT.B)!;
    const actions = ACTIONS.replace('CELL_SELECTOR', `td.cell[data-document="${ids.municipal}"][data-reference-activity="${b.id}"]`);
    const acting = render('acting.html', html.replace('</body>', `${actions}</body>`));
    const json = /<pre id="acted">([^<]*)<\/pre>/.exec(acting)?.[1];
    expect(json, 'the actions ran').toBeDefined();
    acted = JSON.parse(json!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as typeof acted;
  }, 180_000);

  const attrs = (tag: string, cls: string) => [...dom.matchAll(new RegExp(`<${tag} [^>]*class="${cls}[^"]*"[^>]*>`, 'g'))].map((m) => m[0]);

  it('ran its script: one heatmap cell per plan and reference activity, with the statuses of the matrix', () => {
    expect(dom).toMatch(/<body[^>]*data-rendered="true"/);
    const block = matrix.blocks[0]!;
    const cells = attrs('td', 'cell');
    expect(cells).toHaveLength(block.rows.length * block.activities.length);
    for (const row of block.rows) {
      row.cells.forEach((c, i) => {
        const ra = block.activities[i]!.id;
        const cell = cells.find((x) => x.includes(`data-document="${row.document.id}"`) && x.includes(`data-reference-activity="${ra}"`));
        expect(cell, `cell ${row.document.id}×${ra}`).toContain(`data-status="${c.status}"`);
      });
    }
    expect(new Set(cells.map((c) => /data-status="([^"]+)"/.exec(c)![1]))).toEqual(new Set(['present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing']));
  });

  it('shows a summary per plan with its coverage', () => {
    const cards = attrs('article', 'summary');
    expect(cards).toHaveLength(matrix.blocks[0]!.rows.length);
    expect(dom).toContain('Охват 80%: 4 из 5 мероприятий эталона');
    expect(dom).toMatch(/1 из 6 мероприятий плана нет в эталоне/);
  });

  it('names each plan in full with its id, region, level, act and form', () => {
    expect(dom).toMatch(/<span class="name">Тестовский район<\/span><span class="plan-id">#\d+<\/span><div class="plan-meta">Тестовый край · муниципальный · акт 01\.09\.2021 · DOCX<\/div>/);
  });

  it('labels the columns with the activities\' first words and totals rows and columns', () => {
    for (const label of columnLabels(block().activities)) expect(dom).toContain(`<div class="col-head">${label}</div>`);
    expect(acted.totalsBefore).toEqual(totals(block().rows));
    expect(dom).toContain('Планов с мероприятием');
  });

  it('shows a clicked cell\'s two activities with the actor codes dropped and added', () => {
    expect(acted.dropped).toEqual(['\u2212МОУО']);
    expect(acted.added).toEqual(['+ОО']);
    expect(acted.detail).toContain(TEXT.B);
    expect(acted.detail).toContain('другие ответственные');
    expect(acted.differs).toBe(4); // responsible and codes, on both sides
  });

  it('filters the plans by region, with the totals of the plans shown', () => {
    const inRegion = block().rows.filter((r) => r.document.region === 'Тестовый край');
    expect(inRegion.length).toBeGreaterThan(0);
    expect(inRegion.length).toBeLessThan(block().rows.length);
    expect(acted.rowsBefore).toHaveLength(block().rows.length);
    expect(acted.rowsAfter.sort()).toEqual(inRegion.map((r) => String(r.document.id)).sort());
    expect(new Set(acted.regionsAfter)).toEqual(new Set(['Тестовый край']));
    expect(acted.totalsAfter).toEqual(totals(inRegion));
  });

  it('orders the plans numerically by id when asked', () => {
    const planIds = block().rows.filter((r) => r.document.region === 'Тестовый край').map((r) => r.document.planId);
    expect(acted.cardsById).toEqual([...planIds].sort((a, b) => a - b));
  });

  it('writes the similarity with a decimal comma in Russian and a point in English', () => {
    const scores = block().rows.flatMap((r) => r.cells.flatMap((c) => (c.score === null ? [] : [c.score])));
    // Fractional scores among them, not only 1 (a copied row) or 0.
    expect(scores.some((x) => x > 0.01 && x < 0.99)).toBe(true);
    for (const x of scores) {
      expect(dom).toContain(`(сходство ${x.toFixed(2).replace('.', ',')})`);
      expect(domEn).toContain(`(similarity ${x.toFixed(2)})`);
    }
    expect(dom).not.toMatch(/сходство \d\.\d/);
    expect(domEn).not.toMatch(/similarity \d,\d/);
    // The clicked cell's detail too (TEXT.B copied word for word: 1,00).
    expect(acted.detail).toMatch(/\(сходство \d,\d\d\)/);
  });

  it('loaded nothing from outside the file and had nothing blocked', () => {
    const probe = /<pre id="probe">([^<]*)<\/pre>/.exec(dom);
    expect(probe, 'the probe ran').not.toBeNull();
    const result = JSON.parse(probe![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { resources: string[]; violations: string[]; title: string };
    expect(result.resources).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.title).not.toBe('pwned');
  });

  it('shows hostile plan text as text', () => {
    expect(dom).not.toMatch(/<img/i);
    expect(dom).toContain('&lt;/script&gt;&lt;img src=x');
  });
});

/** The report printed by Chromium (print-to-PDF) and each page's size and text, as pdf.js reads them. */
interface PrintedItem { str: string; x: number; y: number; width: number; upright: boolean }
interface PrintedPage { width: number; height: number; items: PrintedItem[] }

async function printReport(html: string, dir: string, name: string): Promise<PrintedPage[]> {
  const file = path.join(dir, `${name}.html`);
  const pdfFile = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, html);
  execFileSync(chromium!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', `--user-data-dir=${path.join(dir, 'profile')}`,
    '--virtual-time-budget=5000', '--no-pdf-header-footer', `--print-to-pdf=${pdfFile}`, `file://${file}`,
  ], { timeout: 60_000, stdio: 'ignore' });
  const pdf = await openPdf(fs.readFileSync(pdfFile));
  try {
    const pages: PrintedPage[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const view = page.getViewport({ scale: 1 });
      const items = (await page.getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() !== ''
        ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width, upright: i.transform[1] !== 0 }] : []));
      pages.push({ width: view.width, height: view.height, items });
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

describe.skipIf(skipBrowser)('the HTML report printed by headless Chromium (A4 landscape)', () => {
  const printed: Record<string, { pages: PrintedPage[]; labels: string[]; plans: number }> = {};
  beforeAll(async () => {
    if (chromium === null) throw new Error('no Chromium found (see above)');
    // A heatmap of the Perm plan's size (13 activities), and one too wide for wrapped headings.
    for (const [name, activities] of [['13', 13], ['30', 30]] as const) {
      const db = openDatabase(tmp.file(`print-${name}.sqlite`));
      writeManyPlans(db, { activities, plans: 30 });
      linkDocuments(db, resolveSettings().compare);
      const m = coverageMatrix(db, {}, new Date('2024-05-01T00:00:00Z'));
      const page = htmlReport(m, { extras: reportExtras(db, m) });
      db.close();
      printed[name] = { pages: await printReport(page, tmp.dir, `print-${name}`), labels: columnLabels(m.blocks[0]!.activities), plans: m.blocks[0]!.rows.length };
    }
  }, 180_000);

  // A heatmap page is one with plan rows: their coverage cell ("61,5%") stands alone.
  const isCoverage = (i: PrintedItem) => !i.upright && /^\d+(,\d)?%$/.test(i.str);
  const heatmapPages = (name: string) => printed[name]!.pages.filter((p) => p.items.some(isCoverage));

  it('prints every page on A4 landscape', () => {
    for (const { pages } of Object.values(printed)) {
      for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    }
  });

  it('repeats the heatmap\'s column headings on every page it spans, above the rows', () => {
    const { labels, plans } = printed['13']!;
    const pages = heatmapPages('13');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // Every plan's row is printed once: none lost at a page break.
    expect(pages.reduce((n, p) => n + p.items.filter(isCoverage).length, 0)).toBe(plans);
    for (const [k, p] of pages.entries()) {
      const heads = p.items.filter((i) => i.upright);
      // A heading wraps onto two or three lines: read in order, they give the labels whole.
      const text = heads.map((i) => i.str).join(' ');
      for (const label of labels) expect(text, `page ${k + 1} of the heatmap`).toContain(label);
      expect(p.items.some((i) => i.str === 'План') && p.items.some((i) => i.str === 'Охват'), `corner headings on page ${k + 1}`).toBe(true);
      const headsBottom = Math.min(...heads.map((i) => i.y));
      for (const row of p.items.filter(isCoverage)) expect(row.y).toBeLessThan(headsBottom);
    }
  });

  it('keeps a heatmap of many activities within the page, one heading line a column, on every page', () => {
    const { labels, plans } = printed['30']!;
    const pages = heatmapPages('30');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.reduce((n, p) => n + p.items.filter(isCoverage).length, 0)).toBe(plans);
    for (const p of pages) {
      const heads = p.items.filter((i) => i.upright);
      expect(heads).toHaveLength(labels.length);
      // Cut with an ellipsis where it is longer than the heading row is high, never elsewhere.
      heads.forEach((h, j) => expect(labels[j]!.startsWith(h.str.replace(/…$/, '')), `${h.str} / ${labels[j]}`).toBe(true));
      // The last column, the plan's coverage, is on the page, not cut off at its right edge.
      expect(p.items.some((i) => i.str === 'Охват')).toBe(true);
    }
  });
});
