/**
 * Measures activity linking on the corpus against the hand-checked pairs of
 * tests/compare/hand-links.ts: ingests the corpus (DOCX by default, `--pdf` for the digital
 * PDFs), links with the settings given, and prints every labelled pair with its score, the
 * score distribution of true and false candidate links, and precision/recall per threshold.
 *
 *   npx tsx scripts/link-measure.ts [--pdf] [--result-weight 0.5] [--twin-similarity 0.8] [--threshold 0.3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { main } from '../src/cli.js';
import { computeLinks } from '../src/compare/link.js';
import { loadPlanActivities, loadPlanDocuments } from '../src/compare/link-rows.js';
import { resolveSettings } from '../src/settings.js';
import { openDatabase } from '../src/store/index.js';
import { resolveHandLinks } from '../tests/compare/hand-links.js';

const { values } = parseArgs({
  options: {
    pdf: { type: 'boolean', default: false },
    'result-weight': { type: 'string' },
    'twin-similarity': { type: 'string' },
    threshold: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const defaults = resolveSettings().compare;
const settings = {
  resultWeight: values['result-weight'] === undefined ? defaults.resultWeight : Number(values['result-weight']),
  twinSimilarity: values['twin-similarity'] === undefined ? defaults.twinSimilarity : Number(values['twin-similarity']),
  linkThreshold: values.threshold === undefined ? defaults.linkThreshold : Number(values.threshold),
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'link-measure-'));
const ext = values.pdf ? '.pdf' : '.docx';
const docs = path.join(import.meta.dirname, '../fixtures/corpus/docs');
for (const f of fs.readdirSync(docs)) if (f.endsWith(ext) && !f.endsWith('.scan.pdf')) fs.copyFileSync(path.join(docs, f), path.join(dir, f));
const dbPath = path.join(dir, 'roadmaps.sqlite');
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
if ((await main([dir, '--db', dbPath, '--quiet'], { stdout: quiet, stderr: process.stderr })) !== 0) throw new Error('ingest failed');

const db = openDatabase(dbPath);
const documents = loadPlanDocuments(db);
const activities = loadPlanActivities(db);
const rows = db.prepare('SELECT a.id, a.document_id, d.source_path, a.activity FROM activities a JOIN documents d ON d.id = a.document_id').all() as { id: number; document_id: number; source_path: string; activity: string }[];
const labels = resolveHandLinks(rows);
const seqOf = new Map(activities.map((a) => [a.id, a.seq]));

// Everything is linked at threshold 0, so every labelled row has its best candidate and score.
const started = performance.now();
const all = computeLinks(documents, activities, { ...settings, linkThreshold: 0 });
const ms = performance.now() - started;
const byActivity = new Map(all.map((l) => [l.activityId, l]));

const ref = (id: number | null) => (id === null ? '—' : `R${seqOf.get(id)}`);
const pairs = labels.map((l) => {
  const link = byActivity.get(l.activityId)!;
  return { l, candidate: link.referenceActivityId, score: link.score, right: link.referenceActivityId === l.referenceActivityId };
});
if (!values.quiet) {
  console.log('doc                    seq  truth  best   score  verdict');
  for (const p of pairs) {
    const verdict = p.l.referenceActivityId === null ? 'no counterpart' : p.right ? 'right' : 'WRONG candidate';
    console.log(`${p.l.doc.padEnd(22)} ${String(seqOf.get(p.l.activityId)).padStart(3)}  ${ref(p.l.referenceActivityId).padEnd(5)}  ${ref(p.candidate).padEnd(5)}  ${p.score.toFixed(3)}  ${verdict}`);
  }
}
const fmt = (xs: number[]) => xs.sort((a, b) => a - b).map((x) => x.toFixed(2)).join(' ');
console.log(`\nscores of true links (best candidate is the labelled one): ${fmt(pairs.filter((p) => p.right && p.l.referenceActivityId !== null).map((p) => p.score))}`);
console.log(`scores of false links (label: none, or a wrong candidate):  ${fmt(pairs.filter((p) => !p.right).map((p) => p.score))}`);

console.log('\nthreshold  precision  recall  F1    (over the labelled rows)');
const positives = pairs.filter((p) => p.l.referenceActivityId !== null).length;
for (let t = 0.1; t <= 0.6001; t += 0.025) {
  const links = computeLinks(documents, activities, { ...settings, linkThreshold: t });
  const at = new Map(links.map((l) => [l.activityId, l.referenceActivityId]));
  let tp = 0; let fp = 0;
  for (const l of labels) {
    const got = at.get(l.activityId) ?? null;
    if (got === null) continue;
    if (got === l.referenceActivityId) tp += 1; else fp += 1;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const mark = Math.abs(t - settings.linkThreshold) < 1e-9 ? '  ← setting' : '';
  console.log(`${t.toFixed(3).padStart(9)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3).padStart(6)}  ${f1.toFixed(3)}  (${tp} right, ${fp} wrong of ${positives})${mark}`);
}
// The same, split by whether the plan is of the reference's region (the case the linker is
// built for) or of another region (compared with the Perm plan only for want of their own).
const chosen = new Map(computeLinks(documents, activities, settings).map((l) => [l.activityId, l.referenceActivityId]));
for (const [name, inRegion] of [['same region', true], ['other regions', false]] as const) {
  const group = labels.filter((l) => ['vereshchagino-2021', 'lysva-2021'].includes(l.doc) === inRegion);
  const tp = group.filter((l) => l.referenceActivityId !== null && chosen.get(l.activityId) === l.referenceActivityId).length;
  const fp = group.filter((l) => (chosen.get(l.activityId) ?? null) !== null && chosen.get(l.activityId) !== l.referenceActivityId).length;
  const pos = group.filter((l) => l.referenceActivityId !== null).length;
  console.log(`${name.padEnd(13)} at ${settings.linkThreshold}: precision ${(tp / Math.max(1, tp + fp)).toFixed(3)}, recall ${(tp / Math.max(1, pos)).toFixed(3)} (${tp} right, ${fp} wrong, ${pos} true links among ${group.length} labelled rows)`);
}

console.log(`\nlinking ${activities.length} activities of ${documents.length} plans: ${ms.toFixed(1)} ms (settings ${JSON.stringify(settings)})`);
db.close();
fs.rmSync(dir, { recursive: true, force: true });
