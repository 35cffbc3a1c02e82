/**
 * Regenerates fixtures/metadata/ from the shared corpus. Run from the repository root:
 *
 *   npx tsx scripts/make-metadata-fixtures.ts [corpus-docs-dir]
 *
 * For each document it writes
 *   <id>.txt              — the seed's plain text, copied as is;
 *   <id>.pdf.layout.txt   — `pdftotext -layout` (visual lines with their indentation, and the
 *                           table text after them; poppler is needed here only, never at run time);
 *   <id>.pdf.meta.json    — the metadata lines and table text the pipeline's own PDF path
 *                           (text layer → pagesToGrid) produces;
 *   <id>.docx.meta.json   — the same from the DOCX path (readDocx → blocksToGrid);
 *   <id>.gold-meta.json   — the gold record's document metadata and preamble (rows dropped);
 *   <id>.scan.ocr.txt     — Tesseract's reading (rus, 300 dpi, --psm 4) of the image-only
 *                           scan's first two pages: the text an OCR'd header really gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocx } from '../src/ingest/docx.js';
import { openPdf } from '../src/ingest/pdf-document.js';
import { pageRules } from '../src/ingest/pdf-rules.js';
import { pageTextWords } from '../src/ingest/pdf-text-layer.js';
import type { Page } from '../src/model/index.js';
import type { TableGrid } from '../src/parse/grid.js';
import { pagesToGrid } from '../src/parse/page-table.js';
import { blocksToGrid } from '../src/parse/struct-table.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';

const docsDir = process.argv[2] ?? '../shared/corpus/docs';
const goldDir = path.join(docsDir, '..', 'gold');
const outDir = 'fixtures/metadata';

const tableText = (grid: TableGrid): string => grid.rows.map((r) => r.cells.join(' | ')).join('\n');

type Matrix = [number, number, number, number, number, number];

/** Pages of the scan holding the header, the order and the title in every corpus document. */
const OCR_PAGES = 2;

/** Debian's tesseract and pdftoppm, for fixtures only (the pipeline uses tesseract.js). */
function ocrScan(file: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meta-ocr-'));
  try {
    execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', '-l', String(OCR_PAGES), file, path.join(dir, 'p')]);
    return readdirSync(dir).sort().map((png) => execFileSync('tesseract', [path.join(dir, png), '-', '-l', 'rus', '--psm', '4'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).join('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's pages from its text layer, as ingest builds them (the corpus PDFs all have one). */
async function textLayerPages(file: string): Promise<Page[]> {
  const doc = await openPdf(readFileSync(file));
  const pages: Page[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform as Matrix;
    const words = await pageTextWords(page, vt);
    const rules = pageRules(await page.getOperatorList(), vt, DEFAULT_SETTINGS.pdf);
    pages.push({ number: n, width: viewport.width, height: viewport.height, source: 'text-layer', words, rules, conf: 1 });
  }
  await doc.destroy();
  return pages;
}

mkdirSync(outDir, { recursive: true });
for (const id of readdirSync(docsDir).sort()) {
  const base = path.join(docsDir, id, id);
  // Written, not copied: the corpus files are read-only and a copy would keep that mode.
  writeFileSync(path.join(outDir, `${id}.txt`), readFileSync(`${base}.txt`));
  const layout = execFileSync('pdftotext', ['-layout', `${base}.pdf`, '-'], { encoding: 'utf8' });
  writeFileSync(path.join(outDir, `${id}.pdf.layout.txt`), layout);

  const fromPages = pagesToGrid(await textLayerPages(`${base}.pdf`), DEFAULT_SETTINGS.table);
  writeFileSync(path.join(outDir, `${id}.pdf.meta.json`), JSON.stringify({ lines: fromPages.meta, tableText: tableText(fromPages.grid) }, null, 1) + '\n');

  const docx = readDocx(readFileSync(`${base}.docx`), { maxUncompressedMb: DEFAULT_SETTINGS.limits.maxDocxUncompressedMb });
  const fromBlocks = blocksToGrid(docx.blocks, DEFAULT_SETTINGS.table, 'structure');
  writeFileSync(path.join(outDir, `${id}.docx.meta.json`), JSON.stringify({ lines: fromBlocks.meta, tableText: tableText(fromBlocks.grid) }, null, 1) + '\n');
  const gold = JSON.parse(readFileSync(path.join(goldDir, `${id}.gold.json`), 'utf8')) as { id: string; document: unknown; preamble: string[] };
  writeFileSync(path.join(outDir, `${id}.gold-meta.json`), JSON.stringify({ id: gold.id, document: gold.document, preamble: gold.preamble }, null, 1) + '\n');
  writeFileSync(path.join(outDir, `${id}.scan.ocr.txt`), ocrScan(`${base}.scan.pdf`));
  console.log(`${id}: ${fromPages.meta.length} pdf lines, ${fromBlocks.meta.length} docx lines`);
}
