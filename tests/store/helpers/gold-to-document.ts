import { readFileSync } from 'node:fs';
import { NormalizedDocument, type NormalizedActivity, type PlanColumn } from '../../../src/model/index.js';

type Field = 'number' | 'activity' | 'responsible' | 'deadline' | 'result';

/** The subset of GOLD-SCHEMA.md (shared/corpus) a perfect pipeline would hand to the store. */
interface Gold {
  id: string;
  document: {
    region: string | null; municipality: string | null; level: 'regional' | 'municipal' | 'school' | null;
    issuer: string | null; title: string | null;
    act: { type: string | null; number: string | null; date: string | null };
    period: { from: number | null; to: number | null };
  };
  preamble: string[];
  columns: Field[];
  headers: Record<Field, string>;
  rows: ({ section: string } | (Partial<Record<Field, string>> & { actors?: string[] }))[];
}

export function readGold(path: string): Gold {
  return JSON.parse(readFileSync(path, 'utf8')) as Gold;
}

/** What a flawless extraction of the gold document would look like as a NormalizedDocument. */
export function goldToDocument(gold: Gold): NormalizedDocument {
  let section = '';
  const rows: unknown[] = [];
  const activities: NormalizedActivity[] = [];
  for (const r of gold.rows) {
    if ('section' in r) {
      section = r.section;
      rows.push({ kind: 'section', text: r.section, provenance: { page: null, bbox: null, pages: [] } });
      continue;
    }
    const row = {
      kind: 'activity' as const,
      number: r.number ?? '', activity: r.activity ?? '', responsible: r.responsible ?? '',
      deadline: r.deadline ?? '', result: r.result ?? '',
      extra: {}, section, confidence: 1, provenance: { page: null, bbox: null, pages: [] },
    };
    rows.push(row);
    activities.push({
      ...row,
      actors: (r.actors ?? []).map((code) => ({ code, raw: row.responsible })),
      deadlineParsed: { raw: row.deadline, kind: 'unknown', years: [], months: [], from: null, to: null, recurrence: null, yearInferred: false },
    });
  }
  const d = gold.document;
  const columns: PlanColumn[] = gold.columns.map((role) => ({ role, header: gold.headers[role] }));
  return NormalizedDocument.parse({
    meta: {
      region: d.region, municipality: d.municipality, level: d.level, issuer: d.issuer,
      actType: d.act.type, actNumber: d.act.number, actDate: d.act.date, title: d.title,
      periodFrom: d.period.from, periodTo: d.period.to,
    },
    preamble: gold.preamble, columns, rows, method: 'structure', issues: [], activities,
  });
}
