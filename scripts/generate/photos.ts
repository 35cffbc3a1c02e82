/**
 * Phone photos of plan pages: page 1 of every PDF of a generated folder (scripts/generate/
 * layouts.ts) or of the corpus, photographed by photo.ts with traits drawn from a seed.
 *
 *   npx tsx scripts/generate/photos.ts --in .tmp/layouts --out .tmp/photos --producers lo,chromium
 *   npx tsx scripts/generate/photos.ts --corpus ../shared/corpus --out .tmp/photos-corpus
 *
 * Writes OUT/files/<id>.<producer>.p1.jpg (score.py scores '.p1.jpg' by precision only: one
 * page of the plan), OUT/gold/<id>.gold.json (+ the plan's traits.json, with the photo's
 * traits added per photo in OUT/gold/<id>.<producer>.photo.json) and OUT/MANIFEST.json with
 * the command that rebuilds the folder. Same inputs and seed → same bytes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { parseFlags, runScript } from '../lib/flags.js';
import { drawPhotoTraits, photographPage, traitBuckets, type PhotoTraits } from './photo.js';

const SPECS = {
  in: { type: 'string', help: 'a generated folder (files/<id>.<producer>.pdf, gold/)' },
  corpus: { type: 'string', help: 'instead of --in: a corpus folder (docs/<id>/<id>.pdf, gold/), photographed at its table page' },
  out: { type: 'string', default: '.tmp/photos', help: 'output folder: files/, gold/, MANIFEST.json' },
  producers: { type: 'string', list: true, default: 'lo,chromium', help: 'which producers\' PDFs of --in to photograph' },
  ids: { type: 'string', list: true, help: 'only these plan ids (default: all)' },
  seed: { type: 'number', default: 1, help: 'salt of the photo traits (a photo\'s seed is this plus a hash of its name)' },
  only: { type: 'string', list: true, help: 'force photo traits, name=value (e.g. shadow=0.4,background=light)' },
  dpi: { type: 'number', default: 250, help: 'resolution the page is rendered at before it is photographed' },
  concurrency: { type: 'number', default: Math.max(1, os.availableParallelism()), help: 'photos made at once' },
} as const;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function parseForce(pairs: string[]): Partial<PhotoTraits> {
  const f: Record<string, unknown> = {};
  for (const pr of pairs) {
    const [k, v] = pr.split('=');
    if (!k || v === undefined) throw new Error(`--only wants name=value, got '${pr}'`);
    f[k] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return f as Partial<PhotoTraits>;
}

interface Job { id: string; kind: string; pdf: string; page: number; gold: string; traits?: string }

function jobsOf(flags: { in?: string; corpus?: string; producers: string[]; ids?: string[] }): Job[] {
  const jobs: Job[] = [];
  if (flags.corpus) {
    const docs = path.join(flags.corpus, 'docs');
    for (const id of fs.readdirSync(docs).sort()) {
      const render = path.join(docs, id, 'render.json');
      const page = fs.existsSync(render) ? (JSON.parse(fs.readFileSync(render, 'utf8')) as { table_page?: number }).table_page ?? 1 : 1;
      jobs.push({ id, kind: 'pdf', pdf: path.join(docs, id, `${id}.pdf`), page, gold: path.join(flags.corpus, 'gold', `${id}.gold.json`) });
    }
  } else if (flags.in) {
    const files = path.join(flags.in, 'files');
    for (const f of fs.readdirSync(files).sort()) {
      const m = /^(.+)\.([a-z]+)\.pdf$/.exec(f);
      if (!m || !flags.producers.includes(m[2]!)) continue;
      jobs.push({ id: m[1]!, kind: m[2]!, pdf: path.join(files, f), page: 0, gold: path.join(flags.in, 'gold', `${m[1]}.gold.json`), traits: path.join(flags.in, 'gold', `${m[1]}.traits.json`) });
    }
  } else throw new Error('give --in (a generated folder) or --corpus');
  return jobs.filter((j) => !flags.ids?.length || flags.ids.includes(j.id));
}

/**
 * The page a user would photograph: the first that holds the plan's first activity (a
 * generated plan's page 1 may be the covering order alone, or end on the table's heading).
 */
export function firstRowPage(pdf: string, goldFile: string): number {
  const gold = JSON.parse(fs.readFileSync(goldFile, 'utf8')) as { rows: { activity?: string }[] };
  const first = gold.rows.find((r) => r.activity)?.activity ?? '';
  // Words, not a phrase: a cell's lines come out of pdftotext interleaved with its neighbours'.
  // A word hyphenated at a line's end is missed, so the page matching most of them wins.
  const words = first.split(/\s+/).filter((w) => w.length > 2).slice(0, 6);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 1);
  let best = 1;
  let bestHits = 0;
  for (let p = 1; p <= pages; p++) {
    const text = new Set(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }).split(/\s+/));
    const hits = words.filter((w) => text.has(w)).length;
    if (hits > bestHits) { best = p; bestHits = hits; }
  }
  return best;
}

/** Page `page` of a PDF as a PNG raster (pdftoppm), the page a phone is pointed at. */
export function renderPage(pdf: string, page: number, dpi: number, tmpBase: string): Buffer {
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, tmpBase]);
  return fs.readFileSync(`${tmpBase}.png`);
}

async function main(): Promise<void> {
  const flags = parseFlags('npx tsx scripts/generate/photos.ts', 'Phone photos (perspective, rotation, curl, shadow, vignette, colour cast, blur, JPEG, backgrounds, cut edge, EXIF 6/8) of page 1 of generated or corpus plans, with gold and traits.', SPECS);
  const force = parseForce(flags.only ?? []);
  const jobs = jobsOf(flags);
  const out = path.resolve(flags.out);
  for (const d of ['files', 'gold']) fs.mkdirSync(path.join(out, d), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'photos-'));
  const made: { file: string; traits: PhotoTraits }[] = [];
  const queue = new PQueue({ concurrency: flags.concurrency });
  try {
    await Promise.all(jobs.map((j) => queue.add(async () => {
      const base = `${j.id}.${j.kind === 'pdf' ? '' : `${j.kind}.`}p1`;
      const png = path.join(tmp, base);
      const page = j.page || firstRowPage(j.pdf, j.gold);
      const traits = drawPhotoTraits(flags.seed + hash(base), force);
      const { jpeg, corners } = await photographPage(renderPage(j.pdf, page, flags.dpi, png), traits);
      fs.writeFileSync(path.join(out, 'files', `${base}.jpg`), jpeg);
      fs.copyFileSync(j.gold, path.join(out, 'gold', path.basename(j.gold)));
      if (j.traits && fs.existsSync(j.traits)) fs.copyFileSync(j.traits, path.join(out, 'gold', path.basename(j.traits)));
      fs.writeFileSync(path.join(out, 'gold', `${base.replace(/\.p1$/, '')}.photo.json`), `${JSON.stringify({ ...traits, page, corners: corners.map(([x, y]) => [Math.round(x), Math.round(y)]), buckets: traitBuckets(traits) }, null, 2)}\n`);
      made.push({ file: `files/${base}.jpg`, traits });
      console.log(`${base}.jpg  ${traits.longSide}px q${traits.quality} ${Object.entries(traitBuckets(traits)).filter(([, v]) => v !== 'none' && v !== '1').map(([k, v]) => `${k}=${v}`).join(' ')}`);
    })));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  made.sort((a, b) => a.file.localeCompare(b.file));
  const manifest = { command: `npx tsx scripts/generate/photos.ts ${process.argv.slice(2).join(' ')}`, flags, files: made };
  fs.writeFileSync(path.join(out, 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`\n${made.length} photos → ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) void runScript(main);
