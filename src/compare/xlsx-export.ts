import type { Database } from 'better-sqlite3';
import { actorCounts } from './actor-counts.js';
import { actorGlossary } from './actor-glossary.js';
import { activityQuery, type ExportFilter } from './export.js';
import { coverageMatrix, type ReferenceBlock } from './matrix.js';
import { listPlans } from './plans.js';
import { buildWorkbook, isoDate, type SheetSpec, type XlsxValue } from './xlsx-workbook.js';

/** Columns of the activities sheet holding ISO dates, written as date cells. */
const DATE_COLUMNS = new Set(['act_date', 'deadline_from', 'deadline_to']);
/** Longest reference-activity text in a coverage column's header. */
const HEADER_TEXT_CHARS = 60;

export interface WorkbookResult {
  bytes: Buffer;
  sheets: string[];
  activities: number;
  plans: number;
}

/**
 * The export as one workbook: every activity (as the CSV export has them), the coverage
 * matrix of each reference plan, the plans with their files, and the actor codes with their
 * meaning. Reads only: the links are used as stored (ingest and `compare` make them).
 */
export function exportWorkbook(db: Database, filter: ExportFilter = {}): WorkbookResult {
  const activities = activitiesSheet(db, filter);
  const plans = plansSheet(db, filter);
  const blocks = coverageMatrix(db, { region: filter.region, documentIds: filter.documentIds }).blocks;
  const coverage = blocks.length === 0
    ? [{ name: 'coverage', header: ['note'], rows: [['No plan is linked to a reference plan: mark one with "roadmaps reference <id>".']] }]
    : blocks.map((b) => coverageSheet(b, blocks.length === 1 ? 'coverage' : `coverage ref${b.reference.id}`));
  const sheets: SheetSpec[] = [activities, ...coverage, plans, actorsSheet(db)];
  return { bytes: buildWorkbook(sheets), sheets: sheets.map((s) => s.name), activities: activities.rows.length, plans: plans.rows.length };
}

function activitiesSheet(db: Database, filter: ExportFilter): SheetSpec {
  const { stmt, params, columns } = activityQuery(db, filter);
  const rows: XlsxValue[][] = [];
  for (const r of stmt.iterate(params) as IterableIterator<Record<string, XlsxValue>>) {
    rows.push(columns.map((c) => (DATE_COLUMNS.has(c) ? isoDate(r[c]) ?? r[c] : r[c])));
  }
  return { name: 'activities', header: columns, rows };
}

function coverageSheet(block: ReferenceBlock, name: string): SheetSpec {
  const header = [
    'plan_id', 'document_id', 'plan', 'region', 'municipality', 'act_date', 'source_path', 'other_sources',
    'coverage_pct', 'covered', 'reference_activities',
    ...block.activities.map((a) => `${a.number || a.seq} ${clip(a.activity)}`),
  ];
  const rows = block.rows.map((r) => [
    r.document.planId, r.document.id, r.document.label, r.document.region, r.document.municipality, isoDate(r.document.actDate),
    r.document.sourcePath, r.document.otherSources.map((o) => o.sourcePath).join('; '),
    r.summary.coveragePct, r.summary.covered, block.activities.length,
    ...r.cells.map((c) => c.status),
  ]);
  return { name, header, rows };
}

function plansSheet(db: Database, filter: ExportFilter): SheetSpec {
  const header = [
    'plan_id', 'is_reference', 'level', 'region', 'municipality', 'oktmo', 'act_number', 'act_date', 'title',
    'activities', 'best_source', 'best_format', 'best_kind', 'sources', 'other_sources', 'grouped_by',
  ];
  const wanted = filter.documentIds === undefined ? undefined : new Set(db.prepare<[string], number>(
    'SELECT DISTINCT IFNULL(plan_id, id) FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(filter.documentIds)));
  const rows = listPlans(db)
    .filter((p) => (filter.region === undefined || p.region === filter.region) && (wanted === undefined || wanted.has(p.id)))
    .map((p) => {
      const [best, ...others] = p.sources;
      return [
        p.id, p.isReference ? 1 : 0, p.level, p.region, p.municipality, p.oktmo, p.actNumber, isoDate(p.actDate), p.title,
        best?.activities, best?.sourcePath, best?.format, best?.kind, p.sources.length,
        others.map((o) => `${o.sourcePath} (${o.kind})`).join('; '), p.groupedBy,
      ];
    });
  return { name: 'plans', header, rows };
}

function actorsSheet(db: Database): SheetSpec {
  const counts = new Map(actorCounts(db).map((c) => [c.code, c]));
  const rows = actorGlossary(counts.keys()).map((g) => [
    g.code, g.meaningRu, g.meaningEn, counts.get(g.code)?.activities ?? 0, counts.get(g.code)?.documents ?? 0,
  ]);
  return { name: 'actors', header: ['code', 'meaning', 'meaning_en', 'activities', 'plans'], rows };
}

const clip = (s: string): string => (s.length <= HEADER_TEXT_CHARS ? s : `${s.slice(0, HEADER_TEXT_CHARS - 1).trimEnd()}…`);
