import type { Database } from 'better-sqlite3';

export interface SearchHit {
  activityId: number;
  documentId: number;
  seq: number;
  municipality: string | null;
  region: string | null;
  /** The matched cell's text with the matched words in «…». */
  snippet: string;
  activity: string;
}

/** The query as the index stores text: «ё» written «е» (migration 007). */
export function foldQuery(query: string): string {
  return query.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

/**
 * Activities whose activity, responsible or result cell matches an FTS5 query
 * («методическ*», «"рабочая группа"», «наставник AND ИРО»), best first; each plan's rows once,
 * from the file it is read through (not again from its scan and photo). Case of every script
 * is folded, «ё» = «е». Throws SQLite's error for a malformed query.
 */
export function searchActivities(db: Database, query: string, limit: number): SearchHit[] {
  return db.prepare<[string, number], SearchHit>(`
    SELECT a.id AS activityId, a.document_id AS documentId, a.seq, d.municipality, d.region,
           snippet(activities_fts, -1, '«', '»', '…', 12) AS snippet, a.activity
    FROM activities_fts JOIN activities a ON a.id = activities_fts.rowid JOIN documents d ON d.id = a.document_id
    WHERE activities_fts MATCH ? AND (d.plan_id IS NULL OR d.source_rank = 1)
    ORDER BY rank LIMIT ?`).all(foldQuery(query), limit);
}
