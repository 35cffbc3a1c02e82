import { csvDocument, RFC4180, type CsvDialect, type CsvValue } from './csv.js';
import { COVERAGE_STATUSES, type CoverageMatrix, type ReferenceBlock } from './matrix.js';

/** A file of the compare output: name inside the output folder, and its content. */
export interface OutputFile {
  name: string;
  content: string;
}

const COVERAGE_HEADER = [
  'reference_document_id', 'reference_plan', 'document_id', 'plan', 'region', 'municipality', 'source_path',
  'reference_seq', 'reference_number', 'reference_section', 'reference_activity', 'reference_responsible', 'reference_deadline',
  'status', 'activity_seq', 'activity', 'responsible', 'deadline', 'score', 'linked_activities', 'plan_id',
];

const SUMMARY_HEADER = [
  'reference_document_id', 'reference_plan', 'document_id', 'plan', 'region', 'municipality', 'source_path',
  'activities', 'reference_activities', 'covered', 'coverage_pct', ...COVERAGE_STATUSES, 'extra_activities', 'top_actors',
  // The plan's files other than the one it is read through (source_path), best first.
  'plan_id', 'sources', 'other_sources',
];

/** Longest reference-activity text in a wide matrix's column header. */
const HEADER_TEXT_CHARS = 60;

/**
 * The matrix as CSV: coverage.csv (one row per plan × reference activity, for pandas and
 * pivot tables), summary.csv (one row per plan, with its other files) and matrix-ref<ID>.csv (plans × reference
 * activities, the status in each cell, as a person reads it in a spreadsheet). In Russian
 * Excel's dialect (EXCEL_RU) the scores and percentages get a decimal comma, like the export's.
 */
export function compareCsvFiles(matrix: CoverageMatrix, dialect: CsvDialect = RFC4180): OutputFile[] {
  const coverage: CsvValue[][] = [];
  const summary: CsvValue[][] = [];
  for (const block of matrix.blocks) {
    const ref = block.reference;
    for (const row of block.rows) {
      const d = row.document;
      row.cells.forEach((c, i) => {
        const ra = block.activities[i]!;
        coverage.push([
          ref.id, ref.label, d.id, d.label, d.region, d.municipality, d.sourcePath,
          ra.seq, ra.number, ra.section, ra.activity, ra.responsible, ra.deadline,
          c.status, c.activitySeq, c.activity, c.responsible, c.deadline, c.score === null ? null : round3(c.score), c.linkedActivities,
          d.planId,
        ]);
      });
      const s = row.summary;
      summary.push([
        ref.id, ref.label, d.id, d.label, d.region, d.municipality, d.sourcePath,
        s.activities, block.activities.length, s.covered, s.coveragePct, ...COVERAGE_STATUSES.map((st) => s.counts[st]),
        s.extra.length, s.topActors.map((a) => `${a.code}:${a.activities}`).join('; '),
        d.planId, 1 + d.otherSources.length, d.otherSources.map((o) => o.sourcePath).join('; '),
      ]);
    }
  }
  return [
    { name: 'coverage.csv', content: csvDocument(COVERAGE_HEADER, coverage, dialect) },
    { name: 'summary.csv', content: csvDocument(SUMMARY_HEADER, summary, dialect) },
    ...matrix.blocks.map((b) => ({ name: `matrix-ref${b.reference.id}.csv`, content: wideMatrix(b, dialect) })),
  ];
}

function wideMatrix(block: ReferenceBlock, dialect: CsvDialect): string {
  const header = ['document_id', 'plan', 'coverage_pct', ...block.activities.map((a) => `${a.number || a.seq} ${clip(a.activity)}`)];
  return csvDocument(header, block.rows.map((r) => [r.document.id, r.document.label, r.summary.coveragePct, ...r.cells.map((c) => c.status)]), dialect);
}

const clip = (s: string): string => (s.length <= HEADER_TEXT_CHARS ? s : `${s.slice(0, HEADER_TEXT_CHARS - 1).trimEnd()}…`);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
