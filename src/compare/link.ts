import type { Database } from 'better-sqlite3';
import type { Settings } from '../settings.js';
import { toStoreError } from '../store/errors.js';
import { busyTimeoutOf } from '../store/open-database.js';
import { sameActors, sameDeadline } from './changes.js';
import { chooseCounterpart, twinsOf } from './counterpart.js';
import { loadPlanActivities, planDocuments, type PlanActivity, type PlanDocument } from './link-rows.js';
import { groupPlans } from './plan-identity.js';
import { loadSources, storePlans } from './plan-store.js';
import { referenceFor } from './reference-choice.js';
import { ActivitySimilarity } from './similarity.js';

export type CompareSettings = Settings['compare'];

/** Recorded with every link, so links made by another method or version can be told apart. */
export const LINK_METHOD = 'tfidf-cosine/v1';

/** One row of activity_links. */
export interface ActivityLink {
  activityId: number;
  referenceDocumentId: number;
  /** The counterpart, or null when no reference activity reaches the threshold. */
  referenceActivityId: number | null;
  /** The most similar reference activity by text, even below the threshold. */
  nearestActivityId: number | null;
  score: number;
  responsibleChanged: boolean | null;
  deadlineChanged: boolean | null;
}

export interface LinkSummary {
  /** Reference plans found (a file of the plan has documents.is_reference = 1). */
  references: number;
  /** Plans whose activities were linked (each through its best source). */
  documents: number;
  activities: number;
  linked: number;
  seconds: number;
}

/**
 * Links every activity of every non-reference plan (as `documents` gives them: one file per
 * plan, its best source) to its counterpart in the reference plan chosen for it
 * (referenceFor), or to none. Pure: the caller stores the result.
 */
export function computeLinks(documents: readonly PlanDocument[], allActivities: readonly PlanActivity[], settings: CompareSettings): ActivityLink[] {
  const references = documents.filter((d) => d.isReference);
  if (references.length === 0) return [];
  // Only the files the plans are read through: the other files of a plan repeat its rows,
  // and counted in the idf they would weigh each plan by its number of files.
  const ids = new Set(documents.map((d) => d.id));
  const activities = allActivities.filter((a) => ids.has(a.documentId));
  const byDocument = new Map<number, PlanActivity[]>();
  for (const a of activities) {
    let list = byDocument.get(a.documentId);
    if (list === undefined) byDocument.set(a.documentId, (list = []));
    list.push(a);
  }
  const similarity = new ActivitySimilarity(activities, { resultWeight: settings.resultWeight });
  const indexes = new Map<number, { scores: (a: PlanActivity) => Float64Array; twins: number[][] }>();
  const indexOf = (referenceId: number) => {
    let idx = indexes.get(referenceId);
    if (idx === undefined) {
      const refActivities = byDocument.get(referenceId) ?? [];
      const { scores } = similarity.index(refActivities);
      const twins = twinsOf(refActivities.length, (i) => scores(refActivities[i]!), settings.twinSimilarity);
      indexes.set(referenceId, (idx = { scores, twins }));
    }
    return idx;
  };
  const out: ActivityLink[] = [];
  for (const doc of documents) {
    if (doc.isReference) continue;
    const reference = referenceFor(doc, references)!;
    const refActivities = byDocument.get(reference.id) ?? [];
    const index = indexOf(reference.id);
    for (const a of byDocument.get(doc.id) ?? []) {
      const choice = chooseCounterpart(index.scores(a), a, refActivities, index.twins, { threshold: settings.linkThreshold });
      const counterpart = choice.index === null ? null : refActivities[choice.index]!;
      out.push({
        activityId: a.id,
        referenceDocumentId: reference.id,
        referenceActivityId: counterpart?.id ?? null,
        nearestActivityId: choice.nearest === null ? null : refActivities[choice.nearest]!.id,
        score: choice.score,
        responsibleChanged: counterpart === null ? null : !sameActors(a.actors, counterpart.actors),
        deadlineChanged: counterpart === null ? null : !sameDeadline(a.deadline, counterpart.deadline),
      });
    }
  }
  return out;
}

/**
 * Regroups the stored files into plans (plan-store.ts) and replaces every stored link with
 * links computed from the current database, one plan through its best source. Idempotent;
 * after the reference flag moves, it re-links everything to the new reference. With no
 * reference marked, it leaves no links.
 *
 * The links are computed from a read snapshot, outside the write lock (linking 10 000
 * activities takes seconds, and an ingest running beside it must not time out waiting), then
 * written in one IMMEDIATE transaction: readers see the old links or the new ones, never a
 * mix. When another connection committed in between (PRAGMA data_version moved), the
 * snapshot may name activities that are gone, so the links are computed again under the lock.
 */
export function linkDocuments(db: Database, settings: CompareSettings): LinkSummary {
  const started = performance.now();
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  // The plans are grouped in the same snapshot the links are computed from and stored with
  // them, so the links always describe the files the plans are read through.
  const read = () => {
    const plans = groupPlans(loadSources(db));
    const documents = planDocuments(plans);
    return { plans, documents, links: computeLinks(documents, loadPlanActivities(db), settings), version: dataVersion() };
  };
  const snapshot = db.transaction(read)();
  const write = db.transaction(() => {
    const { plans, documents, links } = dataVersion() === snapshot.version ? snapshot : read();
    storePlans(db, plans);
    db.prepare('DELETE FROM activity_links').run();
    const insert = db.prepare(
      `INSERT INTO activity_links (activity_id, reference_document_id, reference_activity_id, nearest_activity_id,
         score, threshold, method, responsible_changed, deadline_changed)
       VALUES (@activityId, @referenceDocumentId, @referenceActivityId, @nearestActivityId,
         @score, @threshold, @method, @responsibleChanged, @deadlineChanged)`,
    );
    const bit = (b: boolean | null) => (b === null ? null : b ? 1 : 0);
    for (const l of links) {
      insert.run({
        ...l, threshold: settings.linkThreshold, method: LINK_METHOD,
        responsibleChanged: bit(l.responsibleChanged), deadlineChanged: bit(l.deadlineChanged),
      });
    }
    const references = documents.filter((d) => d.isReference).length;
    return {
      references,
      documents: references === 0 ? 0 : documents.length - references,
      activities: links.length,
      linked: links.filter((l) => l.referenceActivityId !== null).length,
    };
  });
  const summary = guarded(db, () => write.immediate());
  return { ...summary, seconds: (performance.now() - started) / 1000 };
}

/** Busy and corrupt-file errors as the store's typed errors, like every other write. */
function guarded<T>(db: Database, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err, db.name, busyTimeoutOf(db));
  }
}

/**
 * For the end of an ingest batch (call it after the last file is stored, on the batch's
 * connection): re-links so the links describe the documents just stored. Returns null when
 * no reference plan is stored (then it only clears links left from an unmarked reference).
 */
export function refreshLinks(db: Database, settings: CompareSettings): LinkSummary | null {
  const summary = linkDocuments(db, settings);
  return summary.references === 0 ? null : summary;
}
