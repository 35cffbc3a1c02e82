import type { Database } from 'better-sqlite3';

export interface ActorCount {
  code: string;
  activities: number;
  documents: number;
}

export interface UnknownActor {
  /** The words of the responsible cell that matched no canonical code. */
  raw: string;
  activities: number;
  documents: { id: number; label: string }[];
  /** The first row naming it (plan id, row's seq, its activity and whole responsible cell). */
  example: { documentId: number; seq: number; activity: string; responsible: string };
}

// Each plan counted once, through the file it is read through (migration 009); its other
// files repeat its rows.
const BEST = '(d.plan_id IS NULL OR d.source_rank = 1)';

/** Canonical codes (and UNKNOWN) by the number of activities naming them, over stored plans. */
export function actorCounts(db: Database): ActorCount[] {
  return db.prepare<[], ActorCount>(
    `SELECT x.actor_code AS code, COUNT(DISTINCT x.activity_id) AS activities, COUNT(DISTINCT a.document_id) AS documents
     FROM activity_actors x JOIN activities a ON a.id = x.activity_id JOIN documents d ON d.id = a.document_id
     WHERE d.status IN ('ok', 'partial') AND ${BEST}
     GROUP BY x.actor_code ORDER BY activities DESC, code`,
  ).all();
}

/**
 * Responsible texts coded UNKNOWN, most frequent first, with the plans they occur in: the
 * list to read when extending the actor vocabulary. Texts are grouped as written, after
 * trimming and folding case and runs of spaces, so "Попечительский совет" and
 * "попечительский  совет" count together.
 */
export function unknownActors(db: Database): UnknownActor[] {
  const rows = db.prepare<[], { raw: string; activity_id: number; document_id: number; municipality: string | null; region: string | null; source_path: string; seq: number; activity: string; responsible: string }>(
    `SELECT x.raw, x.activity_id, d.id AS document_id, d.municipality, d.region, d.source_path, a.seq, a.activity, a.responsible
     FROM activity_actors x JOIN activities a ON a.id = x.activity_id JOIN documents d ON d.id = a.document_id
     WHERE x.actor_code = 'UNKNOWN' AND d.status IN ('ok', 'partial') AND ${BEST}
     ORDER BY d.id, a.seq`,
  ).all();
  const groups = new Map<string, { raw: string; activities: Set<number>; documents: Map<number, string>; example: UnknownActor['example'] }>();
  for (const r of rows) {
    const key = r.raw.replace(/\s+/g, ' ').trim().toLowerCase();
    let g = groups.get(key);
    if (g === undefined) {
      const example = { documentId: r.document_id, seq: r.seq, activity: r.activity.replace(/\s+/g, ' ').trim(), responsible: r.responsible.replace(/\s+/g, ' ').trim() };
      groups.set(key, (g = { raw: r.raw.replace(/\s+/g, ' ').trim(), activities: new Set(), documents: new Map(), example }));
    }
    g.activities.add(r.activity_id);
    g.documents.set(r.document_id, r.municipality ?? r.region ?? r.source_path.replace(/^.*[\\/]/, ''));
  }
  return [...groups.values()]
    .map((g) => ({ raw: g.raw, activities: g.activities.size, documents: [...g.documents].map(([id, label]) => ({ id, label })), example: g.example }))
    .sort((a, b) => b.activities - a.activities || a.raw.localeCompare(b.raw, 'ru'));
}
