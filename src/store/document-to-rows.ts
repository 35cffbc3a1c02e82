import type { Issue, NormalizedActivity, NormalizedDocument, SourceFormat } from '../model/index.js';
import type { ActivityInsert, DocumentInsert, DocumentStatus, FragmentInsert, RowCells, SectionInsert } from './rows.js';

export interface DocumentRowsInput {
  sourcePath: string;
  sha256: string;
  format: SourceFormat;
  pages: number;
  doc: NormalizedDocument;
  /** Rows with a confidence below this are flagged needs_review (Settings.ocr.reviewBelow). */
  reviewBelow: number;
}

/** Everything one document becomes, before ids are known. */
export interface DocumentRows {
  document: Omit<DocumentInsert, 'id' | 'ingested_at' | 'is_reference'>;
  sections: Omit<SectionInsert, 'document_id'>[];
  /** Index into `sections` for each activity, parallel to `activities`. */
  activitySections: (number | null)[];
  activities: Omit<ActivityInsert, 'document_id' | 'section_id'>[];
  actors: { activityIndex: number; actor_code: string; raw: string }[];
  fragments: Omit<FragmentInsert, 'document_id'>[];
  /** The user's vocabulary file the actors were coded with, kept beside the document (migration 012). */
  vocabulary: { sha256: string; content: string } | null;
}

const ISO_DATE = /^\d{4}-[01]\d-[0-3]\d$/;

/**
 * Status rule: 'ok' only when the document carries no issue at all; any warning or error,
 * or a plan without a single activity row, makes it 'partial' (stored, but worth a look).
 * Row-level doubts (needs_review) do not change the document's status.
 */
export function documentStatus(issues: readonly Issue[], activityCount: number): DocumentStatus {
  return issues.length > 0 || activityCount === 0 ? 'partial' : 'ok';
}

export function documentToRows(input: DocumentRowsInput): DocumentRows {
  const { doc } = input;
  const issues: Issue[] = [...doc.issues];
  const storeIssue = (message: string): void => { issues.push({ stage: 'store', severity: 'warning', message }); };
  // Rows cut off by the end of the file are not activities; each remembers which one it follows.
  const kept: NormalizedActivity[] = [];
  const fragments: DocumentRows['fragments'] = [];
  for (const a of doc.activities) {
    if (a.cutOff === true) fragments.push(fragmentRow(a, fragments.length + 1, kept.length));
    else kept.push(a);
  }
  if (kept.length === 0) storeIssue('no activity rows were extracted');

  const actDate = isoOrNull(doc.meta.actDate);
  if (actDate === null && doc.meta.actDate !== null) storeIssue(`act date "${doc.meta.actDate}" is not YYYY-MM-DD; not stored`);

  const activities = kept.map((a, i) => activityRow(a, i + 1, input.reviewBelow));
  const badDates = kept.filter((a) => isoOrNull(a.deadlineParsed.from) !== a.deadlineParsed.from
    || isoOrNull(a.deadlineParsed.to) !== a.deadlineParsed.to).length;
  if (badDates > 0) storeIssue(`${badDates} deadline date(s) not in YYYY-MM-DD form were not stored (raw text kept)`);

  const sections = sectionsOf(doc, kept);
  const actors = kept.flatMap((a, activityIndex) =>
    a.actors.map((actor) => ({ activityIndex, actor_code: actor.code, raw: actor.raw })));

  return {
    document: {
      source_path: input.sourcePath,
      sha256: input.sha256,
      format: input.format,
      pages: input.pages,
      region: doc.meta.region,
      municipality: doc.meta.municipality,
      oktmo: doc.meta.oktmo ?? null,
      level: doc.meta.level,
      issuer: doc.meta.issuer,
      act_type: doc.meta.actType,
      act_number: doc.meta.actNumber,
      act_date: actDate,
      title: doc.meta.title,
      period_from: doc.meta.periodFrom,
      period_to: doc.meta.periodTo,
      status: documentStatus(issues, kept.length),
      error: null,
      parse_method: doc.method,
      issues_json: JSON.stringify(issues),
      preamble_json: JSON.stringify(doc.preamble),
      columns_json: JSON.stringify(doc.columns),
      activity_count: activities.length,
      review_count: activities.filter((a) => a.needs_review === 1).length,
      fragment_count: fragments.length,
      missing_rows: doc.missingRows ?? 0,
    },
    sections,
    activitySections: assignSections(sections, kept),
    activities,
    actors,
    fragments,
    vocabulary: doc.vocabularyFile ?? null,
  };
}

/** Why a row needs a human look; the store's `review_reasons` vocabulary. */
function reviewReasonsOf(a: NormalizedActivity, reviewBelow: number): string[] {
  const reasons: string[] = [];
  if (a.confidence < reviewBelow) reasons.push('low_confidence');
  // An empty activity cell means the row was split or merged wrongly, whatever the OCR says.
  if (a.activity.trim() === '') reasons.push('empty_activity');
  if (a.mayContinue === true) reasons.push('may_continue');
  // Rows of the source may be missing next to this one: it may end or begin mid-plan too.
  if (a.rowsMissing === true) reasons.push('rows_missing');
  return reasons;
}

/** The cells and provenance an activity and a fragment store alike. */
function rowCells(a: NormalizedActivity): RowCells {
  return {
    section: a.section,
    number: a.number,
    activity: a.activity,
    responsible: a.responsible,
    deadline: a.deadline,
    result: a.result,
    page: a.provenance.page,
    confidence: a.confidence,
    extra_json: JSON.stringify(a.extra),
    bbox_json: a.provenance.bbox === null ? null : JSON.stringify(a.provenance.bbox),
  };
}

function activityRow(a: NormalizedActivity, seq: number, reviewBelow: number): DocumentRows['activities'][number] {
  const reasons = reviewReasonsOf(a, reviewBelow);
  return {
    seq,
    ...rowCells(a),
    needs_review: reasons.length > 0 ? 1 : 0,
    review_reasons: reasons.length > 0 ? reasons.join(',') : null,
    pages_json: JSON.stringify(a.provenance.pages),
    ...deadlineColumns(a.deadlineParsed),
  };
}

export type DeadlineColumns = Pick<ActivityInsert, 'deadline_kind' | 'deadline_from' | 'deadline_to' | 'deadline_years'
  | 'deadline_months' | 'deadline_recurrence' | 'deadline_year_inferred'>;

/** A structured deadline as the activities columns store it (also used by hand corrections). */
export function deadlineColumns(d: NormalizedActivity['deadlineParsed']): DeadlineColumns {
  return {
    deadline_kind: d.kind,
    deadline_from: isoOrNull(d.from),
    deadline_to: isoOrNull(d.to),
    // Comma lists rather than JSON so `',' || deadline_years || ',' LIKE '%,2022,%'` works everywhere.
    deadline_years: d.years.length > 0 ? d.years.join(',') : null,
    deadline_months: d.months.length > 0 ? d.months.join(',') : null,
    deadline_recurrence: d.recurrence,
    deadline_year_inferred: d.yearInferred ? 1 : 0,
  };
}

function fragmentRow(a: NormalizedActivity, seq: number, afterSeq: number): DocumentRows['fragments'][number] {
  return { seq, after_seq: afterSeq, reason: 'cut_off', ...rowCells(a) };
}

function isoOrNull(value: string | null): string | null {
  return value !== null && ISO_DATE.test(value) ? value : null;
}

const sameTitle = (a: string, b: string): boolean => squash(a) === squash(b);
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The section rows of the plan in document order. A plan whose sections reached the
 * activities only as context (no section rows) gets them from the activities' own headings.
 */
function sectionsOf(doc: NormalizedDocument, activities: readonly NormalizedActivity[]): DocumentRows['sections'] {
  const rows = doc.rows.flatMap((r) => (r.kind === 'section' ? [{ title: r.text, page: r.provenance.page }] : []));
  if (rows.length > 0) return rows.map((r, i) => ({ seq: i + 1, ...r }));
  const derived: DocumentRows['sections'] = [];
  for (const a of activities) {
    const last = derived[derived.length - 1];
    if (a.section.trim() !== '' && (last === undefined || !sameTitle(last.title, a.section))) {
      derived.push({ seq: derived.length + 1, title: a.section, page: a.provenance.page });
    }
  }
  return derived;
}

/**
 * Links each activity to its section. Titles can repeat ("2021 год" under two parts), so the
 * search moves forward with the document and only looks back when a heading is not ahead.
 */
function assignSections(sections: DocumentRows['sections'], activities: readonly NormalizedActivity[]): (number | null)[] {
  let cursor = 0;
  return activities.map((a) => {
    if (a.section.trim() === '') return null;
    for (let j = cursor; j < sections.length; j++) {
      if (sameTitle(sections[j]!.title, a.section)) return (cursor = j);
    }
    for (let j = cursor - 1; j >= 0; j--) {
      if (sameTitle(sections[j]!.title, a.section)) return j;
    }
    return null;
  });
}
