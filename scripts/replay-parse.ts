/**
 * Runs a scan or photo through the pipeline with recorded OCR pages (scripts/ocr-dump.ts)
 * instead of Tesseract, and prints the page lines and the plan rows: the quick loop for
 * working on the parser's OCR cases without paying for recognition each time.
 *
 *   npx tsx scripts/replay-parse.ts FILE... --rec DIR [--lines [--rules]] [--page N] [--db OUT.sqlite] [--quiet]
 *
 * With --db the documents are stored too, so `python3 scripts/score.py OUT.sqlite
 * fixtures/corpus/gold` scores a parser or normalizer change on the OCR corpus in seconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveSettings } from '../src/settings.js';
import { parseAndNormalize } from '../src/pipeline.js';
import { ingestBytes } from '../src/ingest/index.js';
import { createReplayEngine } from '../src/ingest/ocr-fake.js';
import { wordsToLines } from '../src/parse/text-lines.js';
import { openDatabase, writeDocument, writeFailure } from '../src/store/index.js';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const valued = new Set(['--rec', '--page', '--db']);
const files = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
const rec = opt('rec');
if (files.length === 0 || !rec) {
  console.error('usage: replay-parse FILE... --rec DIR [--lines [--rules]] [--page N] [--db OUT.sqlite] [--quiet]');
  process.exit(2);
}
const settings = resolveSettings();
const dbPath = opt('db');
const db = dbPath === undefined ? undefined : openDatabase(dbPath);
for (const file of files) {
  // One file's failure (no plan table found) is a result to see, not the end of the run.
  try {
    await replay(file);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.log(`FAILED ${path.basename(file)}: ${message}`);
    // Stored as the batch stores it, so a score counts the file's rows as lost.
    if (db) {
      const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      writeFailure(db, { sourcePath: file, sha256, format: null, pages: null, code: (e as { code?: string }).code ?? 'error', message });
    }
  }
}
db?.close();

async function replay(file: string): Promise<void> {
  const name = path.basename(file).replace(/\.[^.]+$/, '');
  const engine = createReplayEngine({ dir: rec!, name });
  try {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const ingested = await ingestBytes(file, bytes, 'replay', settings, { ocr: async () => engine });
    const quiet = args.includes('--quiet');
    const onlyPage = opt('page') ? Number(opt('page')) : undefined;
    // The lines first: they are what to look at when the parse below fails.
    if (!quiet && args.includes('--lines')) {
      for (const p of ingested.pages) {
        if (onlyPage !== undefined && p.number !== onlyPage) continue;
        console.log(`=== page ${p.number} (${p.source}) ${p.width}×${p.height} pt, ${p.words.length} words, ${p.rules.length} rules`);
        for (const l of wordsToLines(p.words, settings.table.lineMergeRatio)) {
          console.log(`${l.y0.toFixed(0).padStart(5)} ${l.words.map((w) => `${w.text}@${w.bbox.x0.toFixed(0)}`).join(' ')}`);
        }
        // Where the rules lie decides header ends and row cuts: shown beside the lines.
        if (args.includes('--rules')) {
          for (const r of p.rules) console.log(`rule ${r.orientation} at ${r.at.toFixed(1)} from ${r.from.toFixed(1)} to ${r.to.toFixed(1)}`);
        }
      }
    }
    const document = parseAndNormalize(ingested, settings);
    if (db) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      writeDocument(db, { sourcePath: file, sha256, format: ingested.format, pages: ingested.pageCount, doc: document, reviewBelow: settings.ocr.reviewBelow });
    }
    if (quiet) return;
    for (const c of document.columns) console.log(`column ${c.role} «${c.header}»${'x0' in c ? ` ${JSON.stringify(c)}` : ''}`);
    for (const i of document.issues) console.log(`issue: ${i.stage} ${i.severity} ${i.page ?? ''} ${i.message}`);
    for (const r of document.rows) {
      if (r.kind === 'section') console.log(`§ [p${r.provenance.page}] ${r.text}`);
      else console.log(`${r.number.padEnd(6)} [p${r.provenance.page}] ${r.activity.slice(0, 70)} | ${r.responsible.slice(0, 25)} | ${r.deadline.slice(0, 20)} | ${r.result.slice(0, 30)}`);
    }
  } finally {
    await engine.close();
  }
}
