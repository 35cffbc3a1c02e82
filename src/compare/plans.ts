import path from 'node:path';
import type { Database } from 'better-sqlite3';

export interface PlanListing {
  id: number;
  status: string;
  isReference: boolean;
  level: string | null;
  region: string | null;
  municipality: string | null;
  actDate: string | null;
  activities: number;
  sourcePath: string;
}

/** Every stored document (failed ones too, so a user sees why a file is not listed as a plan). */
export function listPlans(db: Database): PlanListing[] {
  return db.prepare<[], { id: number; status: string; is_reference: number; level: string | null; region: string | null; municipality: string | null; act_date: string | null; activity_count: number; source_path: string }>(
    `SELECT id, status, is_reference, level, region, municipality, act_date, activity_count, source_path
     FROM documents ORDER BY id`,
  ).all().map((r) => ({
    id: r.id, status: r.status, isReference: r.is_reference === 1, level: r.level, region: r.region,
    municipality: r.municipality, actDate: r.act_date, activities: r.activity_count, sourcePath: r.source_path,
  }));
}

/**
 * The document a user means: an id, or a path it was ingested from (as typed or resolved
 * against the working directory; every path a copy was met at counts).
 */
export function findDocument(db: Database, target: string): { id: number; status: string } | undefined {
  if (/^\d+$/.test(target)) {
    return db.prepare<[number], { id: number; status: string }>('SELECT id, status FROM documents WHERE id = ?').get(Number(target));
  }
  const candidates = [...new Set([target, path.resolve(target)])];
  for (const p of candidates) {
    const hit = db.prepare<[string, string], { id: number; status: string }>(
      `SELECT id, status FROM documents WHERE source_path = ?
       UNION ALL
       SELECT d.id, d.status FROM document_sources s JOIN documents d ON d.sha256 = s.sha256 WHERE s.source_path = ?
       LIMIT 1`,
    ).get(p, p);
    if (hit) return hit;
  }
  return undefined;
}
