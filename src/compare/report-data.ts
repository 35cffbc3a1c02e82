import type { Database } from 'better-sqlite3';
import { actorGlossary, type GlossaryEntry } from './actor-glossary.js';
import type { CoverageMatrix, ReferenceActivity } from './matrix.js';
import { sourceKind, type SourceKind } from './source-rank.js';

/*
 * What the report shows beyond the coverage matrix: the actor codes of each activity in it
 * (so a cell can say which parties were dropped and added, not only that they differ), each
 * plan's level, act and form, and the glossary of the codes. Read from the database once,
 * when the report is written, so the page needs nothing but its own file.
 */

export interface ReportPlanFacts {
  level: string | null;
  actType: string | null;
  actNumber: string | null;
  actDate: string | null;
  format: string | null;
  kind: SourceKind;
}

export interface ReportExtras {
  /** Canonical actor codes of each activity the matrix shows (reference and plan rows), sorted. */
  actors: Record<number, string[]>;
  /** By document id: the plans' sources the matrix reads them through, and the references. */
  plans: Record<number, ReportPlanFacts>;
  glossary: GlossaryEntry[];
  /**
   * Cells corrected by hand (migration 010) of the activities the matrix shows: activity id →
   * field → the text as extracted, so the page can mark the cell and show what the file says.
   */
  corrected?: Record<number, Record<string, string>>;
}

export function reportExtras(db: Database, matrix: CoverageMatrix): ReportExtras {
  const activityIds = new Set<number>();
  const documentIds = new Set<number>();
  for (const b of matrix.blocks) {
    documentIds.add(b.reference.id);
    for (const a of b.activities) activityIds.add(a.id);
    for (const r of b.rows) {
      documentIds.add(r.document.id);
      for (const c of r.cells) if (c.activityId !== null) activityIds.add(c.activityId);
    }
  }
  const actors: Record<number, string[]> = {};
  for (const r of db.prepare<[string], { activity_id: number; code: string }>(
    `SELECT DISTINCT activity_id, actor_code AS code FROM activity_actors
     WHERE activity_id IN (SELECT value FROM json_each(?)) ORDER BY activity_id, actor_code`).all(JSON.stringify([...activityIds]))) {
    (actors[r.activity_id] ??= []).push(r.code);
  }
  const plans: Record<number, ReportPlanFacts> = {};
  for (const d of db.prepare<[string], { id: number; level: string | null; act_type: string | null; act_number: string | null; act_date: string | null; format: string | null; pages: number | null; source_path: string; ocr_rows: number }>(
    `SELECT d.id, IFNULL(p.level, d.level) AS level, d.act_type, IFNULL(p.act_number, d.act_number) AS act_number,
            IFNULL(p.act_date, d.act_date) AS act_date, d.format, d.pages, d.source_path,
            (SELECT COUNT(*) FROM activities a WHERE a.document_id = d.id AND a.confidence < 1) AS ocr_rows
     FROM documents d LEFT JOIN plans p ON p.id = d.plan_id
     WHERE d.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...documentIds]))) {
    plans[d.id] = {
      level: d.level, actType: d.act_type, actNumber: d.act_number, actDate: d.act_date, format: d.format,
      kind: sourceKind({ format: d.format, pages: d.pages, sourcePath: d.source_path, ocrRows: d.ocr_rows }),
    };
  }
  const corrected: Record<number, Record<string, string>> = {};
  for (const c of db.prepare<[string], { activity_id: number; field: string; old_value: string }>(
    `SELECT a.id AS activity_id, c.field, c.old_value FROM corrections c
     JOIN documents d ON d.sha256 = c.sha256 JOIN activities a ON a.document_id = d.id AND a.seq = c.seq
     WHERE c.status = 'applied' AND a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...activityIds]))) {
    (corrected[c.activity_id] ??= {})[c.field] = c.old_value;
  }
  const used = new Set(Object.values(actors).flat());
  for (const b of matrix.blocks) for (const r of b.rows) for (const t of r.summary.topActors) used.add(t.code);
  return { actors, plans, glossary: actorGlossary(used).filter((g) => used.has(g.code)), corrected };
}

/** Words of an activity a column heading shows. */
const LABEL_WORDS = 4;
const LABEL_CHARS = 40;

/**
 * Column headings: the activity's number as printed (its position when it has none) and the
 * first words of its text. Plans number their rows by hand, so two rows can share a number
 * ("1.4." twice); a heading that would repeat another gets the row's position, so no two
 * columns read the same.
 */
export function columnLabels(activities: readonly Pick<ReferenceActivity, 'seq' | 'number' | 'activity'>[]): string[] {
  const base = activities.map((a) => {
    const num = a.number.trim().replace(/\.$/, '') || String(a.seq);
    const words = a.activity.trim().split(/\s+/).filter(Boolean);
    let text = words.slice(0, LABEL_WORDS).join(' ');
    if (text.length > LABEL_CHARS) text = text.slice(0, LABEL_CHARS - 1).trimEnd() + '…';
    else if (words.length > LABEL_WORDS) text += '…';
    return text ? `${num} ${text}` : num;
  });
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  return base.map((b, i) => (count.get(b)! > 1 ? `${b} [№${activities[i]!.seq}]` : b));
}
