import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/compare/html-report.js';
import { linkDocuments } from '../../src/compare/link.js';
import { coverageMatrix, type CoverageMatrix } from '../../src/compare/matrix.js';
import { resolveSettings } from '../../src/settings.js';
import { openDatabase, writeDocument } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { TEXT, writeSyntheticPlans } from './synthetic.js';

// Text a plan could hold that would break out of the data block or inject markup if the
// report wrote it as HTML.
const HOSTILE = '</script><img src=x onerror="document.title=\'pwned\'"> <!-- «Лифт» & co';

let tmp: ReturnType<typeof tempDir>;
let matrix: CoverageMatrix;
let html: string;

beforeAll(() => {
  tmp = tempDir('html-report-');
  const db = openDatabase(tmp.file('h.sqlite'));
  writeSyntheticPlans(db, { otherRegion: true });
  writeDocument(db, {
    sourcePath: 'hostile.docx', sha256: fakeSha('hostile'), format: 'docx', pages: 1, reviewBelow: 0.75,
    doc: makeDocument({
      meta: { region: 'Тестовый край', municipality: `Район <b>${HOSTILE}</b>`, level: 'municipal' },
      sections: [{ title: '', activities: [{ activity: `${TEXT.B} ${HOSTILE}`, result: '' }, { activity: HOSTILE, result: '' }] }],
    }),
  });
  linkDocuments(db, resolveSettings().compare);
  matrix = coverageMatrix(db, {}, new Date('2024-05-01T00:00:00Z'));
  db.close();
  html = htmlReport(matrix);
});
afterAll(() => tmp.cleanup());

describe('the HTML report as written', () => {
  it('is one file that names no external resource and forbids loading any', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    // The markup, style and script, without the data block (plan text may say anything).
    const code = html.replace(/(<script type="application\/json" id="report-data">)[^<]*/, '$1');
    expect(code).not.toMatch(/\s(src|href)\s*=/i);
    expect(code).not.toMatch(/url\(|@import|fetch\(|XMLHttpRequest/i);
    // The only URL is the SVG namespace, an identifier that is never fetched.
    expect(code.match(/https?:\/\/[^\s'"]+/g) ?? []).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('cannot be broken out of by a plan\'s text', () => {
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data block and the script, nothing else
    expect(html).not.toContain('<img');
    expect(html).toContain('\\u003c/script\\u003e\\u003cimg');
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

describe.skipIf(skipBrowser)('the HTML report in headless Chromium', () => {
  let dom: string;
  beforeAll(() => {
    if (chromium === null) {
      throw new Error('no Chromium found: install it (apt-get install -y chromium), point ROADMAPS_CHROMIUM at one, or set ROADMAPS_SKIP_BROWSER=1 to skip the browser tests');
    }
    const file = path.join(tmp.dir, 'report.html');
    fs.writeFileSync(file, html.replace('<head>', `<head>${PROBE}`));
    dom = execFileSync(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
      `--user-data-dir=${path.join(tmp.dir, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', `file://${file}`,
    ], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  }, 90_000);

  const attrs = (tag: string, cls: string) => [...dom.matchAll(new RegExp(`<${tag} [^>]*class="${cls}[^"]*"[^>]*>`, 'g'))].map((m) => m[0]);

  it('ran its script: one heatmap cell per plan and reference activity, with the statuses of the matrix', () => {
    expect(dom).toMatch(/<body[^>]*data-rendered="true"/);
    const block = matrix.blocks[0]!;
    const cells = attrs('rect', 'cell');
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
    expect(dom).toContain('Coverage 80%: 4 of 5 reference activities');
    expect(dom).toMatch(/1 of 6 activities are not in the reference plan/);
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
