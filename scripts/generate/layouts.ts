/**
 * Seeded, deterministic roadmap plans in many layouts, each written as DOCX and HTML and
 * printed to PDF by up to four producers, with the gold record and the traits drawn.
 *
 *   npx tsx scripts/generate/layouts.ts --seed 1 --count 20 --out .tmp/layouts --producers lo,chromium,weasy,abiword [--scans 150,200]
 */
import fs from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import { parseFlags, runScript } from '../lib/flags.js';
import { buildPlanDocx } from './docx.js';
import { buildPlanHtml } from './html.js';
import { drawPlan, gold, type Traits } from './plan.js';
import { PRODUCERS, runLibreOffice, runOne, versions, type Producer } from './producers.js';
import { writePortraitScan } from './scan.js';

const SPECS = {
  seed: { type: 'number', default: 1, help: 'first seed; plan ids are gen-<seed> (gen-0001)' },
  count: { type: 'number', default: 20, help: 'how many consecutive seeds' },
  seeds: { type: 'string', list: true, help: 'explicit seeds instead of --seed/--count (e.g. 3,17,40)' },
  out: { type: 'string', default: '.tmp/layouts', help: 'output folder: files/, gold/, html/, MANIFEST.json' },
  producers: { type: 'string', list: true, default: 'lo,chromium,weasy,abiword', help: 'PDF producers: lo (LibreOffice docx→pdf), abiword (docx→pdf), chromium (HTML print-to-pdf), weasy (WeasyPrint HTML)' },
  scans: { type: 'string', list: true, default: '', help: 'dpis of harsh scans (TIFF) made from every PDF, e.g. 150,200; none by default' },
  'scan-producers': { type: 'string', list: true, help: 'make scans only from these producers\' PDFs (default: all)' },
  'scan-ids': { type: 'string', list: true, help: 'make scans only of these seeds (default: all)' },
  'only-traits': { type: 'string', list: true, help: 'force traits, name=value pairs (e.g. borders=none,twoRowHeader=true); values are parsed as number/boolean where they look like one' },
  timeout: { type: 'number', default: 120, help: 'seconds a producer may take per file' },
  concurrency: { type: 'number', default: 2, help: 'producer jobs at once' },
  'no-pdf': { type: 'boolean', help: 'write docx, html and gold only' },
} as const;

function parseForce(pairs: string[]): Traits {
  const f: Traits = {};
  for (const pr of pairs) {
    const [k, v] = pr.split('=');
    if (!k || v === undefined) throw new Error(`--only-traits wants name=value, got '${pr}'`);
    f[k] = v === 'true' ? true : v === 'false' ? false : /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return f;
}

export interface RunOptions { seeds: number[]; out: string; producers: Producer[]; scans: number[]; scanProducers?: string[]; scanIds?: number[]; force: Traits; timeoutS: number; concurrency: number; noPdf: boolean; command: string; flags: unknown }

export async function generate(o: RunOptions): Promise<void> {
  const filesDir = path.join(o.out, 'files');
  const goldDir = path.join(o.out, 'gold');
  const htmlDir = path.join(o.out, 'html');
  for (const d of [filesDir, goldDir, htmlDir]) fs.mkdirSync(d, { recursive: true });
  const made: string[] = [];
  const failures: { id: string; producer: string; error: string }[] = [];
  const plans = o.seeds.map((s) => drawPlan(s, o.force));
  for (const p of plans) {
    const docx = path.join(filesDir, `${p.id}.docx`);
    fs.writeFileSync(docx, buildPlanDocx(p));
    fs.writeFileSync(path.join(htmlDir, `${p.id}.html`), buildPlanHtml(p));
    fs.writeFileSync(path.join(goldDir, `${p.id}.gold.json`), `${JSON.stringify(gold(p), null, 2)}\n`);
    fs.writeFileSync(path.join(goldDir, `${p.id}.traits.json`), `${JSON.stringify(p.traits, null, 2)}\n`);
    made.push(`files/${p.id}.docx`, `html/${p.id}.html`, `gold/${p.id}.gold.json`, `gold/${p.id}.traits.json`);
  }
  const vers = o.noPdf ? {} : await versions(o.producers);
  const fail = (id: string, producer: string, error: string) => { failures.push({ id, producer, error }); console.log(`  FAIL ${id} ${producer}: ${error.split('\n')[0]}`); };
  if (!o.noPdf) {
    const queue = new PQueue({ concurrency: o.concurrency });
    const ms = o.timeoutS * 1000;
    const jobs: Promise<unknown>[] = [];
    if (o.producers.includes('lo')) {
      // LibreOffice: batches of 10 files per start, so one slow file does not hold back the rest
      for (let i = 0; i < plans.length; i += 10) {
        const batch = plans.slice(i, i + 10);
        jobs.push(queue.add(async () => {
          const failed = await runLibreOffice(batch.map((p) => path.join(filesDir, `${p.id}.docx`)), filesDir, ms);
          for (const p of batch) failed.has(p.id) ? fail(p.id, 'lo', failed.get(p.id)!) : made.push(`files/${p.id}.lo.pdf`);
        }));
      }
    }
    for (const p of plans) {
      jobs.push(queue.add(async () => {
        const t0 = Date.now();
        const done: string[] = [];
        for (const pr of o.producers) {
          if (pr === 'lo') continue;
          const err = await runOne(pr, p.id, path.join(filesDir, `${p.id}.docx`), path.join(htmlDir, `${p.id}.html`), filesDir, ms);
          if (err) fail(p.id, pr, err);
          else { made.push(`files/${p.id}.${pr}.pdf`); done.push(pr); }
        }
        console.log(`${p.id}  ${String(p.traits.rowCount).padStart(2)} rows  ${done.join(',') || '-'}  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }));
    }
    await Promise.all(jobs);
    if (o.scans.length) {
      const sjobs: Promise<unknown>[] = [];
      for (const p of plans) {
        if (o.scanIds && !o.scanIds.includes(p.seed)) continue;
        for (const pr of o.producers) {
          if (o.scanProducers && !o.scanProducers.includes(pr)) continue;
          const pdf = path.join(filesDir, `${p.id}.${pr}.pdf`);
          if (!fs.existsSync(pdf)) continue;
          for (const dpi of o.scans) {
            sjobs.push(queue.add(async () => {
              const name = `${p.id}.${pr}.scan${dpi}.tif`;
              try { await writePortraitScan(pdf, path.join(filesDir, name), dpi); made.push(`files/${name}`); console.log(`${name}`); } catch (e) { fail(p.id, `${pr}.scan${dpi}`, (e as Error).message); }
            }));
          }
        }
      }
      await Promise.all(sjobs);
    }
  }
  made.sort();
  const manifest = { command: o.command, flags: o.flags, seeds: o.seeds, producers: o.producers, versions: vers, failures, files: made };
  fs.writeFileSync(path.join(o.out, 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const pdfs = made.filter((f) => f.endsWith('.pdf')).length;
  console.log(`\n${plans.length} plans, ${pdfs} PDFs, ${made.filter((f) => f.endsWith('.tif')).length} scans, ${failures.length} failures → ${o.out}`);
  for (const f of failures) console.log(`  failed: ${f.id} ${f.producer}`);
}

async function main(): Promise<void> {
  const f = parseFlags('npx tsx scripts/generate/layouts.ts', 'Seeded, deterministic roadmap plans (ШНОР) in many layouts: OUT/files/<id>.docx, <id>.<producer>.pdf, optional <id>.<producer>.scan<dpi>.tif; OUT/gold/<id>.gold.json (GOLD-SCHEMA) and <id>.traits.json; OUT/html/<id>.html; OUT/MANIFEST.json. Same seed → same plan and same DOCX/HTML bytes.', SPECS);
  const seeds = f.seeds?.length ? f.seeds.map(Number) : Array.from({ length: f.count }, (_, i) => f.seed + i);
  const producers = f.producers.map((p) => { if (!(PRODUCERS as readonly string[]).includes(p)) throw new Error(`unknown producer ${p}`); return p as Producer; });
  await generate({
    seeds, out: f.out, producers, scans: f.scans.map(Number), scanProducers: f['scan-producers'], scanIds: f['scan-ids']?.map(Number),
    force: parseForce(f['only-traits'] ?? []), timeoutS: f.timeout, concurrency: f.concurrency, noPdf: Boolean(f['no-pdf']),
    command: `npx tsx scripts/generate/layouts.ts ${process.argv.slice(2).join(' ')}`, flags: f,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) void runScript(main);
