import type { PlanDocument } from './link-rows.js';

/**
 * The reference plan a document is compared with, when several are marked: one of the same
 * region, else any; among those the most recent (latest approving act, undated acts last,
 * then the latest stored). A document whose region is unknown goes to the most recent
 * reference overall. Null when there is no reference at all.
 */
export function referenceFor(doc: PlanDocument, references: readonly PlanDocument[]): PlanDocument | null {
  const sameRegion = doc.region === null ? [] : references.filter((r) => r.region === doc.region);
  const pool = sameRegion.length > 0 ? sameRegion : references;
  let best: PlanDocument | null = null;
  for (const r of pool) if (best === null || newer(r, best)) best = r;
  return best;
}

function newer(a: PlanDocument, b: PlanDocument): boolean {
  if (a.actDate !== b.actDate) {
    if (a.actDate === null) return false;
    if (b.actDate === null) return true;
    return a.actDate > b.actDate;
  }
  return a.id > b.id;
}
