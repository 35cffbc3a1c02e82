/**
 * Plans of regions no other fixture holds, rebuilt from the text public pages show: each
 * document of fixtures/regional-unseen/documents.json (header, approval stamp, table rows as
 * the source prints them) written as DOCX, as HTML and as digital PDFs, with its gold record.
 *
 *   npx tsx scripts/generate/regional-unseen.ts [--spec fixtures/regional-unseen/documents.json] [--out fixtures/regional-unseen] [--producers weasy,lo]
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseFlags, runScript } from '../lib/flags.js';
import { buildPlanDocx } from './docx.js';
import { buildPlanHtml } from './html.js';
import type { Column, Plan, Role, Row } from './plan.js';
import { PRODUCERS, runLibreOffice, runOne, type Producer } from './producers.js';

const SPECS = {
  spec: { type: 'string', default: 'fixtures/regional-unseen/documents.json', help: 'the documents, as their sources print them' },
  out: { type: 'string', default: 'fixtures/regional-unseen', help: 'output folder: files/ and gold/' },
  html: { type: 'string', default: '.tmp/regional-unseen-html', help: 'where the HTML the Chromium and WeasyPrint PDFs are printed from goes' },
  producers: { type: 'string', list: true, default: 'weasy', help: `PDF producers (${PRODUCERS.join(', ')})` },
  timeout: { type: 'number', default: 120, help: 'seconds a producer may take per file' },
} as const;

const ROLES = ['number', 'activity', 'responsible', 'deadline', 'result'] as const;

const Activity = z.object({
  number: z.string().default(''),
  activity: z.string(),
  responsible: z.string().default(''),
  deadline: z.string().default(''),
  result: z.string().default(''),
  extras: z.array(z.string()).default([]),
  actors: z.array(z.string()).default([]),
});
/** A row printed in the table but not an activity of the plan (the columns' numbers "1 2 3 4 5"). */
const RawRow = z.object({ cells: z.array(z.string()), gold: z.literal(false) });
const Section = z.object({ section: z.string() });

const Doc = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  source: z.string().url(),
  document: z.object({
    region: z.string().nullable(),
    municipality: z.string().nullable(),
    level: z.enum(['regional', 'municipal', 'school']),
    issuer: z.string().nullable(),
    act: z.object({ type: z.string(), number: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).nullable(),
    title: z.string().nullable(),
    period: z.object({ from: z.number(), to: z.number() }).nullable(),
  }),
  /** The act's own head (issuer, act word, date and number), one line each. */
  header: z.array(z.string()),
  /** The approval stamp above the title, one line each as printed. */
  stamp: z.array(z.string()),
  columns: z.array(z.object({ role: z.enum([...ROLES, 'extra']), header: z.string() })),
  rows: z.array(z.union([RawRow, Section, Activity])),
});
type Doc = z.infer<typeof Doc>;
const Spec = z.object({ about: z.string(), documents: z.array(Doc) });

/** The layout every document keeps: its own text decides what the reader meets, not the drawing. */
const TRAITS = {
  placement: 'annex-no-order', orientation: 'landscape', borders: 'grid', fontSize: 11, pageNumbers: 'none',
  sectionStyle: 'merged', repeatHeader: true, rowsSplit: true, twoRowHeader: false, shadedHeader: false,
} as const;

export function toPlan(d: Doc): Plan {
  const columns: Column[] = d.columns.map((c) => ({ role: c.role, header: c.header }));
  const extraCount = columns.filter((c) => c.role === 'extra').length;
  const rows: Row[] = d.rows.map((r): Row => {
    if ('section' in r) return { kind: 'section', label: '', title: r.section, text: r.section };
    if ('cells' in r) {
      const cell = (role: Role) => r.cells[columns.findIndex((c) => c.role === role)] ?? '';
      const extras = columns.flatMap((c, i) => (c.role === 'extra' ? [r.cells[i] ?? ''] : []));
      return { kind: 'activity', number: cell('number'), activity: cell('activity'), responsible: cell('responsible'), actors: [], deadline: cell('deadline'), result: cell('result'), extras, span: 1 };
    }
    const extras = Array.from({ length: extraCount }, (_, i) => r.extras[i] ?? '');
    return { kind: 'activity', number: r.number, activity: r.activity, responsible: r.responsible, actors: r.actors, deadline: r.deadline, result: r.result, extras, span: 1 };
  });
  const doc = d.document;
  return {
    id: d.id,
    seed: 0,
    traits: { ...TRAITS, placement: d.header.length ? 'annex' : 'annex-no-order' },
    columns,
    rows,
    doc: {
      region: doc.region ?? '', municipality: doc.municipality ?? '', issuer: doc.issuer ?? '', actType: doc.act?.type ?? '',
      number: doc.act?.number ?? '', date: doc.act?.date ?? '', title: doc.title ?? '', from: doc.period?.from ?? 0, to: doc.period?.to ?? 0,
    },
    issuerLines: d.header,
    preamble: [],
    signature: '',
    annexCaption: d.stamp.join('\n'),
    indicators: null,
  };
}

export function goldOf(d: Doc): unknown {
  const headers: Record<string, string> = {};
  for (const c of d.columns) if (c.role !== 'extra') headers[c.role] = c.header;
  return {
    id: d.id,
    source: d.source,
    document: d.document,
    preamble: [],
    columns: d.columns.filter((c) => c.role !== 'extra').map((c) => c.role),
    headers,
    rows: d.rows.flatMap((r): object[] => {
      if ('cells' in r) return [];
      if ('section' in r) return [{ section: r.section }];
      return [{ number: r.number, activity: r.activity, responsible: r.responsible, deadline: r.deadline, result: r.result, actors: r.actors }];
    }),
  };
}

async function main(): Promise<void> {
  const f = parseFlags('npx tsx scripts/generate/regional-unseen.ts', 'Rebuilds the plans of fixtures/regional-unseen from their description: OUT/files/<id>.docx and <id>.<producer>.pdf, OUT/gold/<id>.gold.json (GOLD-SCHEMA); the HTML they are printed from goes to --html.', SPECS);
  const producers = f.producers.map((p) => { if (!(PRODUCERS as readonly string[]).includes(p)) throw new Error(`unknown producer ${p}`); return p as Producer; });
  const spec = Spec.parse(JSON.parse(fs.readFileSync(f.spec, 'utf8')));
  const dirs = { files: path.join(f.out, 'files'), gold: path.join(f.out, 'gold'), html: f.html };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const ms = f.timeout * 1000;
  for (const d of spec.documents) {
    const plan = toPlan(d);
    fs.writeFileSync(path.join(dirs.files, `${d.id}.docx`), buildPlanDocx(plan));
    fs.writeFileSync(path.join(dirs.html, `${d.id}.html`), buildPlanHtml(plan));
    fs.writeFileSync(path.join(dirs.gold, `${d.id}.gold.json`), `${JSON.stringify(goldOf(d), null, 2)}\n`);
  }
  const docx = spec.documents.map((d) => path.join(dirs.files, `${d.id}.docx`));
  if (producers.includes('lo')) {
    for (const [id, err] of await runLibreOffice(docx, dirs.files, ms)) console.log(`FAIL ${id} lo: ${err}`);
  }
  for (const d of spec.documents) {
    for (const p of producers) {
      if (p === 'lo') continue;
      const err = await runOne(p, d.id, path.join(dirs.files, `${d.id}.docx`), path.join(dirs.html, `${d.id}.html`), dirs.files, ms);
      if (err) console.log(`FAIL ${d.id} ${p}: ${err}`);
    }
    console.log(d.id);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runScript(main);
