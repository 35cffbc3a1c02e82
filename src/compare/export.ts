import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database, Statement } from 'better-sqlite3';
import { csvLine, EXCEL_RU, RFC4180, UTF8_BOM, type CsvValue } from './csv.js';

export type ExportFormat = 'csv' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

export interface ExportFilter {
  region?: string;
  /** The plans of these documents (any file of a plan selects the plan). */
  documentIds?: readonly number[];
  /** Every file's rows, not only those of the file each plan is read through. */
  allSources?: boolean;
}

/**
 * Columns of the export: v_activities (with the plan each row belongs to), plus the link to the reference plan when one was
 * made (NULL otherwise), so a spreadsheet can filter on "copied from the regional plan"; last, the cells
 * corrected by hand (`roadmaps correct`, comma list, NULL when none), so a reader knows which text is not the file's.
 */
const SELECT = `
SELECT v.activity_id, v.document_id, v.source_path, v.region, v.municipality, v.level, v.issuer,
       v.act_type, v.act_number, v.act_date, v.document_title, v.is_reference,
       v.seq, v.section, v.number, v.activity, v.responsible, v.deadline, v.result, v.actor_codes,
       v.deadline_kind, v.deadline_from, v.deadline_to, v.deadline_years, v.deadline_months,
       v.deadline_recurrence, v.page, v.confidence, v.needs_review, v.review_reasons,
       v.source_format, v.pages_json, v.bbox_json, v.oktmo, v.plan_id, v.best_source,
       l.reference_activity_id, l.score AS link_score, v.corrected_fields
FROM v_activities v LEFT JOIN activity_links l ON l.activity_id = v.activity_id`;

/** The export's statement for a filter: the CSV, JSON Lines and XLSX exports share it. */
export function activityQuery(db: Database, filter: ExportFilter): { stmt: Statement; params: Record<string, unknown>; columns: string[] } {
  // A plan stored from four files is one plan: by default its rows come once, from the file
  // it is read through (best_source, migration 009).
  const where: string[] = filter.allSources ? [] : ['v.best_source = 1'];
  const params: Record<string, unknown> = {};
  if (filter.region !== undefined) {
    where.push('v.region = @region');
    params.region = filter.region;
  }
  if (filter.documentIds !== undefined) {
    // json_each keeps the statement one prepared shape whatever the number of ids.
    where.push('v.plan_id IN (SELECT IFNULL(plan_id, id) FROM documents WHERE id IN (SELECT value FROM json_each(@ids)))');
    params.ids = JSON.stringify(filter.documentIds);
  }
  const stmt = db.prepare(`${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY v.document_id, v.seq`);
  return { stmt, params, columns: stmt.columns().map((c) => c.name) };
}

export interface ExportResult {
  rows: number;
}

export interface CsvOptions {
  /**
   * Start with a UTF-8 byte-order mark: what Excel needs to read Cyrillic, and what a program
   * reading standard output does not want (it would become part of the first column's name).
   */
  bom: boolean;
  /** Russian Excel's dialect: ";" between fields, "," in numbers. */
  excel: boolean;
}

/**
 * Writes the activities as CSV (UTF-8, RFC 4180 or Russian Excel's dialect) or JSON Lines (one object per line,
 * SQLite types kept: numbers stay numbers, NULL is null). Rows are streamed from SQLite with
 * iterate() and written as they come, waiting for the stream to drain, so a database of any
 * size is exported in constant memory. The statement is read-only; the caller owns `out`.
 */
export async function exportActivities(
  db: Database,
  out: Writable,
  format: ExportFormat,
  filter: ExportFilter = {},
  csv: CsvOptions = { bom: true, excel: false },
): Promise<ExportResult> {
  const dialect = csv.excel ? EXCEL_RU : RFC4180;
  const { stmt, params, columns } = activityQuery(db, filter);
  let rows = 0;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  if (format === 'csv') await write((csv.bom ? UTF8_BOM : '') + csvLine(columns, dialect));
  for (const row of stmt.iterate(params) as IterableIterator<Record<string, CsvValue>>) {
    await write(format === 'csv' ? csvLine(columns.map((c) => row[c]), dialect) : `${JSON.stringify(row)}\n`);
    rows += 1;
  }
  return { rows };
}
