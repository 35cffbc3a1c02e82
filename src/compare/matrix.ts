import type { Database } from 'better-sqlite3';
import { sourceKind, type SourceKind } from './source-rank.js';

/** Cell statuses of v_coverage, in the order the report lists them. */
export const COVERAGE_STATUSES = ['present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export interface MatrixFilter {
  /** Only plans of this region (documents.region, exact). */
  region?: string;
  /** Only the plans of these documents (any file of a plan selects the plan). */
  documentIds?: readonly number[];
}

/** A file of a plan other than the one it is read through. */
export interface OtherSource {
  id: number;
  sourcePath: string;
  format: string | null;
  kind: SourceKind;
}

export interface ReferenceActivity {
  id: number;
  seq: number;
  number: string;
  section: string;
  activity: string;
  responsible: string;
  deadline: string;
}

export interface MatrixCell {
  status: CoverageStatus;
  /** The plan's activity shown for this reference activity (see v_coverage), if any. */
  activityId: number | null;
  activitySeq: number | null;
  activity: string | null;
  responsible: string | null;
  deadline: string | null;
  score: number | null;
  /** Activities of the plan linked to this reference activity. */
  linkedActivities: number;
}

export interface PlanSummary {
  activities: number;
  /** Reference activities the plan has, changed or not. */
  covered: number;
  /** covered / reference activities, 0..100 with one decimal. */
  coveragePct: number;
  counts: Record<CoverageStatus, number>;
  /** The plan's own activities: linked to no reference activity. */
  extra: { seq: number; number: string; activity: string; score: number }[];
  /** Actor codes by the number of the plan's activities naming them, most first. */
  topActors: { code: string; activities: number }[];
}

export interface MatrixRow {
  /** The plan, through its best source (`id`, `sourcePath`); its other files in `otherSources`, best first. */
  document: {
    id: number; planId: number; label: string; region: string | null; municipality: string | null; sourcePath: string; actDate: string | null;
    otherSources: OtherSource[];
  };
  cells: MatrixCell[];
  summary: PlanSummary;
}

export interface ReferenceBlock {
  reference: { id: number; planId: number; label: string; region: string | null; title: string | null; sourcePath: string; otherSources: OtherSource[] };
  activities: ReferenceActivity[];
  rows: MatrixRow[];
}

export interface CoverageMatrix {
  generatedAt: string;
  blocks: ReferenceBlock[];
}

/** How many of a plan's top actors a summary lists. */
const TOP_ACTORS = 5;

/**
 * The plans × reference activities matrix from v_coverage, one block per reference plan, with
 * a summary per plan. Reads only: the links must have been made (linkDocuments).
 */
export function coverageMatrix(db: Database, filter: MatrixFilter = {}, now: Date = new Date()): CoverageMatrix {
  const planOf = new Map(db.prepare<[], { id: number; plan_id: number }>('SELECT id, IFNULL(plan_id, id) AS plan_id FROM documents').all()
    .map((r) => [r.id, r.plan_id]));
  const plans = filter.documentIds === undefined ? undefined : new Set(filter.documentIds.map((id) => planOf.get(id) ?? -id));
  // Linked plans through their best source (links made before the last grouping may name
  // other files of a plan; they are not a plan of their own).
  const docs = db.prepare<[], DocumentRecord>(
    `SELECT DISTINCT d.id, IFNULL(d.plan_id, d.id) AS plan_id, d.source_path, d.region, d.municipality, d.act_date, d.title, l.reference_document_id
     FROM activity_links l JOIN activities a ON a.id = l.activity_id JOIN documents d ON d.id = a.document_id
     WHERE d.status IN ('ok', 'partial') AND (d.plan_id IS NULL OR d.source_rank = 1)
     ORDER BY d.region, d.municipality, d.id`,
  ).all().filter((d) => (filter.region === undefined || d.region === filter.region)
    && (plans === undefined || plans.has(d.plan_id)));
  const otherSources = new Map<number, OtherSource[]>();
  for (const o of db.prepare<[], { plan_id: number; id: number; source_path: string; format: string | null; pages: number | null; ocr_rows: number }>(
    `SELECT d.plan_id, d.id, d.source_path, d.format, d.pages,
            (SELECT COUNT(*) FROM activities a WHERE a.document_id = d.id AND a.confidence < 1) AS ocr_rows
     FROM documents d WHERE d.plan_id IS NOT NULL AND d.source_rank > 1 ORDER BY d.plan_id, d.source_rank`).all()) {
    const list = otherSources.get(o.plan_id) ?? [];
    list.push({ id: o.id, sourcePath: o.source_path, format: o.format, kind: sourceKind({ format: o.format, pages: o.pages, sourcePath: o.source_path, ocrRows: o.ocr_rows }) });
    otherSources.set(o.plan_id, list);
  }

  const referenceIds = [...new Set(docs.map((d) => d.reference_document_id))].sort((a, b) => a - b);
  const referenceDoc = db.prepare<[number], Omit<DocumentRecord, 'reference_document_id'>>(
    'SELECT id, IFNULL(plan_id, id) AS plan_id, source_path, region, municipality, act_date, title FROM documents WHERE id = ?');
  const referenceActivities = db.prepare<[number], ReferenceActivity>(
    'SELECT id, seq, number, section, activity, responsible, deadline FROM activities WHERE document_id = ? ORDER BY seq');
  // One pass over each source for all plans: v_coverage ranks links over the whole table, so
  // asking it once per plan would cost plans × links.
  const cellsByDocument = groupBy(db.prepare<[], CellRecord & { document_id: number }>(
    `SELECT c.document_id, c.reference_activity_id, c.status, c.activity_id, c.activity_seq, c.score, c.linked_activities,
            a.activity, a.responsible, a.deadline
     FROM v_coverage c LEFT JOIN activities a ON a.id = c.activity_id`).all());
  const extrasByDocument = groupBy(db.prepare<[], PlanSummary['extra'][number] & { document_id: number }>(
    `SELECT a.document_id, a.seq, a.number, a.activity, l.score FROM activities a JOIN activity_links l ON l.activity_id = a.id
     WHERE l.reference_activity_id IS NULL ORDER BY a.document_id, a.seq`).all());
  const actorsByDocument = groupBy(db.prepare<[], { document_id: number; code: string; activities: number }>(
    `SELECT a.document_id, x.actor_code AS code, COUNT(DISTINCT x.activity_id) AS activities
     FROM activity_actors x JOIN activities a ON a.id = x.activity_id
     GROUP BY a.document_id, x.actor_code ORDER BY a.document_id, activities DESC, code`).all());
  const activityCounts = new Map(db.prepare<[], { document_id: number; n: number }>(
    'SELECT document_id, COUNT(*) AS n FROM activities GROUP BY document_id').all().map((r) => [r.document_id, r.n]));

  const blocks = referenceIds.map((refId): ReferenceBlock => {
    const ref = referenceDoc.get(refId)!;
    const activities = referenceActivities.all(refId);
    const rows = docs.filter((d) => d.reference_document_id === refId).map((d): MatrixRow => {
      const byRef = new Map((cellsByDocument.get(d.id) ?? []).map((c) => [c.reference_activity_id, c]));
      const rowCells = activities.map((ra): MatrixCell => {
        const c = byRef.get(ra.id);
        return {
          status: c?.status ?? 'missing',
          activityId: c?.activity_id ?? null,
          activitySeq: c?.activity_seq ?? null,
          activity: c?.activity ?? null,
          responsible: c?.responsible ?? null,
          deadline: c?.deadline ?? null,
          score: c?.score ?? null,
          linkedActivities: c?.linked_activities ?? 0,
        };
      });
      return {
        document: {
          id: d.id, planId: d.plan_id, label: '', region: d.region, municipality: d.municipality, sourcePath: d.source_path, actDate: d.act_date,
          otherSources: otherSources.get(d.plan_id) ?? [],
        },
        cells: rowCells,
        summary: summarize(
          rowCells,
          activityCounts.get(d.id) ?? 0,
          (extrasByDocument.get(d.id) ?? []).map(({ seq, number, activity, score }) => ({ seq, number, activity, score })),
          (actorsByDocument.get(d.id) ?? []).slice(0, TOP_ACTORS).map(({ code, activities: n }) => ({ code, activities: n })),
        ),
      };
    });
    labelRows(rows);
    return {
      reference: {
        id: ref.id, planId: ref.plan_id, label: documentLabel(ref), region: ref.region, title: ref.title, sourcePath: ref.source_path,
        otherSources: otherSources.get(ref.plan_id) ?? [],
      },
      activities, rows,
    };
  });
  return { generatedAt: now.toISOString(), blocks };
}

interface DocumentRecord {
  id: number; plan_id: number; source_path: string; region: string | null; municipality: string | null;
  act_date: string | null; title: string | null; reference_document_id: number;
}

interface CellRecord {
  reference_activity_id: number; status: CoverageStatus; activity_id: number | null; activity_seq: number | null;
  score: number | null; linked_activities: number; activity: string | null; responsible: string | null; deadline: string | null;
}

function groupBy<T extends { document_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    let list = out.get(r.document_id);
    if (list === undefined) out.set(r.document_id, (list = []));
    list.push(r);
  }
  return out;
}

function summarize(cells: readonly MatrixCell[], activities: number, extra: PlanSummary['extra'], topActors: PlanSummary['topActors']): PlanSummary {
  const counts = Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, 0])) as Record<CoverageStatus, number>;
  for (const c of cells) counts[c.status] += 1;
  const covered = cells.length - counts.missing;
  const coveragePct = cells.length === 0 ? 0 : Math.round((1000 * covered) / cells.length) / 10;
  return { activities, covered, coveragePct, counts, extra, topActors };
}

/** The name a reader knows a plan by: its municipality, else its region, else its file. */
export function documentLabel(d: { municipality: string | null; region: string | null; source_path: string }): string {
  return d.municipality ?? d.region ?? d.source_path.replace(/^.*[\\/]/, '');
}

/** Plans of one municipality (several years, revisions) are told apart by date and plan id. */
function labelRows(rows: MatrixRow[]): void {
  const base = rows.map((r) => documentLabel({ municipality: r.document.municipality, region: r.document.region, source_path: r.document.sourcePath }));
  rows.forEach((r, i) => {
    const twins = base.filter((b) => b === base[i]).length;
    r.document.label = twins === 1 ? base[i]! : `${base[i]!} (${r.document.actDate ? `${r.document.actDate}, ` : ''}#${r.document.planId})`;
  });
}
