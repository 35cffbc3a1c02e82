import type { PlanDocument } from './link-rows.js';

/**
 * The reference plan a document is compared with, when several are marked: whole plans
 * before partial ones; one of the same region, else any; among those the most recent (latest approving act, undated acts last,
 * then the latest stored). A document whose region is unknown goes to the most recent
 * reference overall. Null when there is no reference at all.
 */
export function referenceFor(doc: PlanDocument, references: readonly PlanDocument[]): PlanDocument | null {
  // A reference known only from part of its plan (a photo of page 1 that matched no fuller
  // file) is used only where no whole reference plan exists.
  const whole = references.filter((r) => r.partial !== true);
  const usable = whole.length > 0 ? whole : references;
  const sameRegion = doc.region === null ? [] : usable.filter((r) => r.region === doc.region);
  const pool = sameRegion.length > 0 ? sameRegion : usable;
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
