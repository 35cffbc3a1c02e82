import type { Database } from 'better-sqlite3';
import { toStoreError } from '../store/errors.js';
import { busyTimeoutOf } from '../store/open-database.js';
import { groupPlans, type PlanGroup, type SourceDocument } from './plan-identity.js';

/*
 * The `plans` table (migration 009) as a function of the stored documents. Grouping reads
 * every stored file, so it is not part of writing one: `ingest` regroups at the end of a batch
 * (linkDocuments does it in the transaction that writes the links), and each `roadmaps`
 * command regroups before it reads, so a database written by an older version, or a file
 * deleted by hand, is grouped right before anything is counted. Recomputing from scratch
 * makes it idempotent; the table is rewritten only when the result differs from what is
 * stored, so a command that only reads takes no write lock.
 */

/** Stored extractions (ok or partial) with what grouping and ranking need. */
export function loadSources(db: Database): SourceDocument[] {
  const docs = db.prepare<[], {
    id: number; source_path: string; format: string | null; pages: number | null; region: string | null; municipality: string | null;
    oktmo: string | null; level: string | null; act_number: string | null; act_date: string | null; title: string | null;
    is_reference: number; activity_count: number; missing_rows: number; fragment_count: number;
  }>(
    `SELECT id, source_path, format, pages, region, municipality, oktmo, level, act_number, act_date, title,
            is_reference, activity_count, missing_rows, fragment_count
     FROM documents WHERE status IN ('ok', 'partial') ORDER BY id`,
  ).all();
  const rows = new Map<number, { texts: string[]; ocr: number; confidence: number }>();
  for (const a of db.prepare<[], { document_id: number; activity: string; confidence: number }>(
    `SELECT a.document_id, a.activity, a.confidence FROM activities a JOIN documents d ON d.id = a.document_id
     WHERE d.status IN ('ok', 'partial') ORDER BY a.document_id, a.seq`,
  ).iterate()) {
    let r = rows.get(a.document_id);
    if (r === undefined) rows.set(a.document_id, (r = { texts: [], ocr: 0, confidence: 0 }));
    r.texts.push(a.activity);
    r.confidence += a.confidence;
    if (a.confidence < 1) r.ocr += 1;
  }
  return docs.map((d) => {
    const r = rows.get(d.id);
    return {
      id: d.id, sourcePath: d.source_path, format: d.format, pages: d.pages,
      region: d.region, municipality: d.municipality, oktmo: d.oktmo, level: d.level,
      actNumber: d.act_number, actDate: d.act_date, title: d.title, isReference: d.is_reference === 1,
      activityCount: r?.texts.length ?? 0, meanConfidence: r === undefined ? null : r.confidence / r.texts.length,
      ocrRows: r?.ocr ?? 0, missingRows: d.missing_rows, fragmentCount: d.fragment_count,
      activities: r?.texts ?? [],
    };
  });
}

interface PlanRow {
  id: number; region: string | null; municipality: string | null; oktmo: string | null; level: string | null;
  act_number: string | null; act_date: string | null; title: string | null; best_document_id: number | null;
  sources: number; grouped_by: string; is_reference: number;
}

function planRow(p: PlanGroup): PlanRow {
  return {
    id: p.id, region: p.region, municipality: p.municipality, oktmo: p.oktmo, level: p.level,
    act_number: p.actNumber, act_date: p.actDate, title: p.title, best_document_id: p.sources[0]!.id,
    sources: p.sources.length, grouped_by: p.groupedBy, is_reference: p.isReference ? 1 : 0,
  };
}

/** Everything the plans table and documents.plan_id/source_rank hold, in a comparable form. */
function fingerprint(plans: readonly PlanRow[], membership: readonly (readonly [number, number | null, number | null])[]): string {
  return JSON.stringify([plans, membership]);
}

function storedFingerprint(db: Database): string {
  const plans = db.prepare<[], PlanRow>(
    `SELECT id, region, municipality, oktmo, level, act_number, act_date, title, best_document_id, sources, grouped_by, is_reference
     FROM plans ORDER BY id`).all();
  const membership = db.prepare<[], { id: number; plan_id: number | null; source_rank: number | null }>(
    'SELECT id, plan_id, source_rank FROM documents ORDER BY id').all().map((d) => [d.id, d.plan_id, d.source_rank] as const);
  return fingerprint(plans, membership);
}

/** What the store should hold for this grouping: plan rows and each document's plan and rank. */
function wanted(db: Database, plans: readonly PlanGroup[]): { rows: PlanRow[]; membership: (readonly [number, number | null, number | null])[]; print: string } {
  const rows = plans.map(planRow);
  const rank = new Map<number, [number, number]>();
  for (const p of plans) p.sources.forEach((s, i) => rank.set(s.id, [p.id, i + 1]));
  const ids = db.prepare<[], number>('SELECT id FROM documents ORDER BY id').pluck().all();
  const membership = ids.map((id) => [id, rank.get(id)?.[0] ?? null, rank.get(id)?.[1] ?? null] as const);
  return { rows, membership, print: fingerprint(rows, membership) };
}

/**
 * Writes the grouping unless the store already holds exactly it; true when it wrote. Call it
 * inside a write transaction. Documents that are not plans (failed files) get no plan.
 */
export function storePlans(db: Database, plans: readonly PlanGroup[]): boolean {
  const { rows, membership, print } = wanted(db, plans);
  if (print === storedFingerprint(db)) return false;
  db.prepare('UPDATE documents SET plan_id = NULL, source_rank = NULL WHERE plan_id IS NOT NULL OR source_rank IS NOT NULL').run();
  db.prepare('DELETE FROM plans').run();
  const insert = db.prepare<[PlanRow]>(
    `INSERT INTO plans (id, region, municipality, oktmo, level, act_number, act_date, title, best_document_id, sources, grouped_by, is_reference)
     VALUES (@id, @region, @municipality, @oktmo, @level, @act_number, @act_date, @title, @best_document_id, @sources, @grouped_by, @is_reference)`);
  for (const r of rows) insert.run(r);
  const member = db.prepare<[number, number, number]>('UPDATE documents SET plan_id = ?, source_rank = ? WHERE id = ?');
  for (const [id, planId, sourceRank] of membership) if (planId !== null) member.run(planId, sourceRank!, id);
  return true;
}

export interface PlansRefresh {
  plans: number;
  /** The stored grouping changed (links made before it may describe the wrong files). */
  changed: boolean;
}

/**
 * Recomputes the grouping and stores it when it changed. Computed from a read snapshot, and
 * compared there, so the usual case (nothing changed) takes no write lock; if another
 * connection committed before the lock was taken, computed again under it.
 */
export function refreshPlans(db: Database): PlansRefresh {
  const version = () => db.pragma('data_version', { simple: true }) as number;
  try {
    const snapshot = db.transaction(() => {
      const plans = groupPlans(loadSources(db));
      return { plans, unchanged: wanted(db, plans).print === storedFingerprint(db), version: version() };
    })();
    if (snapshot.unchanged) return { plans: snapshot.plans.length, changed: false };
    return db.transaction(() => {
      const plans = version() === snapshot.version ? snapshot.plans : groupPlans(loadSources(db));
      return { plans: plans.length, changed: storePlans(db, plans) };
    }).immediate();
  } catch (err) {
    throw toStoreError(err, db.name, busyTimeoutOf(db));
  }
}
