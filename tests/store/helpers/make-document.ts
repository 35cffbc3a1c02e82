import { createHash } from 'node:crypto';
import {
  NormalizedDocument, type Actor, type Deadline, type DocumentMeta, type Issue, type NormalizedActivity, type PlanColumn,
} from '../../../src/model/index.js';

export interface ActivitySpec {
  number?: string;
  activity?: string;
  responsible?: string;
  deadline?: string;
  result?: string;
  confidence?: number;
  actors?: Actor[];
  extra?: Record<string, string>;
  page?: number | null;
  pages?: number[];
  bbox?: { x0: number; y0: number; x1: number; y1: number } | null;
  deadlineParsed?: Partial<Deadline>;
}

export interface SectionSpec {
  /** '' for activities before the first section heading (no section row is emitted). */
  title: string;
  activities: ActivitySpec[];
}

export interface DocumentSpec {
  meta?: Partial<DocumentMeta>;
  sections: SectionSpec[];
  issues?: Issue[];
  preamble?: string[];
  method?: NormalizedDocument['method'];
}

export const FIVE_COLUMNS: PlanColumn[] = [
  { role: 'number', header: '№ п/п' },
  { role: 'activity', header: 'Мероприятие' },
  { role: 'responsible', header: 'Ответственные исполнители' },
  { role: 'deadline', header: 'Сроки исполнения' },
  { role: 'result', header: 'Планируемый результат' },
];

const EMPTY_META: DocumentMeta = {
  region: null, municipality: null, level: null, issuer: null, actType: null, actNumber: null,
  actDate: null, title: null, periodFrom: null, periodTo: null,
};

/** Builds a NormalizedDocument from a compact spec and validates it against the model. */
export function makeDocument(spec: DocumentSpec): NormalizedDocument {
  const rows: unknown[] = [];
  const activities: NormalizedActivity[] = [];
  let n = 0;
  for (const section of spec.sections) {
    if (section.title !== '') {
      rows.push({ kind: 'section', text: section.title, provenance: { page: 1, bbox: null, pages: [1] } });
    }
    for (const a of section.activities) {
      n += 1;
      const row = {
        kind: 'activity' as const,
        number: a.number ?? `${n}.`,
        activity: a.activity ?? `Мероприятие ${n}`,
        responsible: a.responsible ?? 'Управление образования',
        deadline: a.deadline ?? 'сентябрь 2021',
        result: a.result ?? `Результат ${n}`,
        extra: a.extra ?? {},
        section: section.title,
        confidence: a.confidence ?? 1,
        provenance: { page: a.page === undefined ? 1 : a.page, bbox: a.bbox ?? null, pages: a.pages ?? [1] },
      };
      rows.push(row);
      activities.push({
        ...row,
        actors: a.actors ?? [{ code: 'МОУО', raw: row.responsible }],
        deadlineParsed: {
          raw: row.deadline, kind: 'date', years: [2021], months: [9], from: '2021-09-01', to: '2021-09-30',
          recurrence: null, yearInferred: false, ...a.deadlineParsed,
        },
      });
    }
  }
  return NormalizedDocument.parse({
    meta: { ...EMPTY_META, ...spec.meta },
    preamble: spec.preamble ?? [],
    columns: FIVE_COLUMNS,
    rows,
    method: spec.method ?? 'structure',
    issues: spec.issues ?? [],
    activities,
  });
}

/** A content hash for a synthetic document: distinct labels give distinct documents. */
export function fakeSha(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}
