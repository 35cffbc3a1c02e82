import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { markReference } from '../store/index.js';
import { toStoreError } from '../store/errors.js';
import { busyTimeoutOf } from '../store/open-database.js';
import { sourceKind, type SourceKind } from './source-rank.js';
import type { PlanFacts } from './plan-identity.js';

export interface DocumentListing {
  id: number;
  status: string;
  isReference: boolean;
  level: string | null;
  region: string | null;
  municipality: string | null;
  actDate: string | null;
  activities: number;
  sourcePath: string;
  /** The plan the file belongs to (null: a failed file, or not grouped yet). */
  planId: number | null;
  /** 1: the file the plan is read through; 2…: its other files, best first. */
  sourceRank: number | null;
}

/** Every stored document (failed ones too, so a user sees why a file is not listed as a plan). */
export function listDocuments(db: Database): DocumentListing[] {
  return db.prepare<[], { id: number; status: string; is_reference: number; level: string | null; region: string | null; municipality: string | null; act_date: string | null; activity_count: number; source_path: string; plan_id: number | null; source_rank: number | null }>(
    `SELECT id, status, is_reference, level, region, municipality, act_date, activity_count, source_path, plan_id, source_rank
     FROM documents ORDER BY id`,
  ).all().map((r) => ({
    id: r.id, status: r.status, isReference: r.is_reference === 1, level: r.level, region: r.region,
    municipality: r.municipality, actDate: r.act_date, activities: r.activity_count, sourcePath: r.source_path,
    planId: r.plan_id, sourceRank: r.source_rank,
  }));
}

export interface PlanSource {
  id: number;
  sourcePath: string;
  format: string | null;
  kind: SourceKind;
  pages: number | null;
  activities: number;
  status: string;
}

export interface PlanListing extends PlanFacts {
  id: number;
  isReference: boolean;
  groupedBy: string;
  /** Best first: the first is the file the plan is read through. */
  sources: PlanSource[];
}

/** The stored plans (call refreshPlans first) with their files, best source first. */
export function listPlans(db: Database): PlanListing[] {
  const plans = db.prepare<[], { id: number; is_reference: number; region: string | null; municipality: string | null; oktmo: string | null; level: string | null; act_number: string | null; act_date: string | null; title: string | null; grouped_by: string }>(
    `SELECT id, is_reference, region, municipality, oktmo, level, act_number, act_date, title, grouped_by FROM plans ORDER BY id`).all();
  const files = db.prepare<[], { plan_id: number; id: number; source_path: string; format: string | null; pages: number | null; activity_count: number; status: string; ocr_rows: number }>(
    `SELECT d.plan_id, d.id, d.source_path, d.format, d.pages, d.activity_count, d.status,
            (SELECT COUNT(*) FROM activities a WHERE a.document_id = d.id AND a.confidence < 1) AS ocr_rows
     FROM documents d WHERE d.plan_id IS NOT NULL ORDER BY d.plan_id, d.source_rank`).all();
  const byPlan = new Map<number, PlanSource[]>();
  for (const f of files) {
    const list = byPlan.get(f.plan_id) ?? [];
    list.push({
      id: f.id, sourcePath: f.source_path, format: f.format, pages: f.pages, activities: f.activity_count, status: f.status,
      kind: sourceKind({ format: f.format, pages: f.pages, sourcePath: f.source_path, ocrRows: f.ocr_rows }),
    });
    byPlan.set(f.plan_id, list);
  }
  return plans.map((p) => ({
    id: p.id, isReference: p.is_reference === 1, region: p.region, municipality: p.municipality, oktmo: p.oktmo, level: p.level,
    actNumber: p.act_number, actDate: p.act_date, title: p.title, groupedBy: p.grouped_by, sources: byPlan.get(p.id) ?? [],
  }));
}

/**
 * Marks (or unmarks) a plan as a reference: the flag is set on every file of the plan the
 * document belongs to, so no other file of it keeps the plan a reference after `--off`.
 * Returns the ids of the files changed.
 */
export function markPlanReference(db: Database, documentId: number, isReference: boolean): number[] {
  const ids = db.prepare<[{ id: number }], number>(
    `SELECT id FROM documents WHERE status <> 'failed' AND (id = @id OR plan_id = (SELECT plan_id FROM documents WHERE id = @id))
     ORDER BY id`).pluck().all({ id: documentId });
  try {
    db.transaction(() => { for (const id of ids) markReference(db, id, isReference); }).immediate();
  } catch (err) {
    throw toStoreError(err, db.name, busyTimeoutOf(db));
  }
  return ids;
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
