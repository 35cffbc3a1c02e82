import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCsvFiles } from '../../src/compare/compare-csv.js';
import { parseCsv, UTF8_BOM } from '../../src/compare/csv.js';
import { linkDocuments, refreshLinks } from '../../src/compare/link.js';
import { coverageMatrix } from '../../src/compare/matrix.js';
import { resolveSettings } from '../../src/settings.js';
import { markReference, openDatabase, type Database } from '../../src/store/index.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { REGION, TEXT, writeSyntheticPlans } from './synthetic.js';

const settings = resolveSettings().compare;
let tmp: ReturnType<typeof tempDir>;
let db: Database;
beforeEach(() => {
  tmp = tempDir('compare-matrix-');
  db = openDatabase(tmp.file('m.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('v_coverage', () => {
  it('gives each reference activity its status for the plan', () => {
    const ids = writeSyntheticPlans(db);
    linkDocuments(db, settings);
    const rows = db.prepare('SELECT reference_activity, status, activity_seq, linked_activities FROM v_coverage WHERE document_id = ? ORDER BY reference_seq').all(ids.municipal);
    expect(rows).toEqual([
      // A is linked twice; the unchanged copy (row 1) is the one shown.
      { reference_activity: TEXT.A, status: 'present', activity_seq: 1, linked_activities: 2 },
      { reference_activity: TEXT.B, status: 'changed_responsible', activity_seq: 2, linked_activities: 1 },
      { reference_activity: TEXT.C, status: 'changed_deadline', activity_seq: 3, linked_activities: 1 },
      { reference_activity: TEXT.D, status: 'changed_both', activity_seq: 4, linked_activities: 1 },
      { reference_activity: TEXT.E, status: 'missing', activity_seq: null, linked_activities: 0 },
    ]);
  });

  it('has no rows for the reference plan itself, nor before linking', () => {
    const ids = writeSyntheticPlans(db);
    expect(db.prepare('SELECT COUNT(*) FROM v_coverage').pluck().get()).toBe(0);
    linkDocuments(db, settings);
    expect(db.prepare('SELECT COUNT(*) FROM v_coverage WHERE document_id = ?').pluck().get(ids.reference)).toBe(0);
  });

  it('loses a plan\'s rows when the plan is deleted, and every row when the reference is', () => {
    const ids = writeSyntheticPlans(db, { otherRegion: true });
    linkDocuments(db, settings);
    db.prepare('DELETE FROM documents WHERE id = ?').run(ids.other!);
    expect(db.prepare('SELECT DISTINCT document_id FROM v_coverage').pluck().all()).toEqual([ids.municipal]);
    db.prepare('DELETE FROM documents WHERE id = ?').run(ids.reference);
    expect(db.prepare('SELECT COUNT(*) FROM activity_links').pluck().get()).toBe(0);
  });
});

describe('coverageMatrix', () => {
  it('summarises each plan: coverage, statuses, own activities, top actors', () => {
    const ids = writeSyntheticPlans(db);
    linkDocuments(db, settings);
    const m = coverageMatrix(db);
    expect(m.blocks).toHaveLength(1);
    const [block] = m.blocks;
    expect(block!.reference.id).toBe(ids.reference);
    expect(block!.activities.map((a) => a.activity)).toEqual([TEXT.A, TEXT.B, TEXT.C, TEXT.D, TEXT.E]);
    const [row] = block!.rows;
    expect(row!.document).toMatchObject({ id: ids.municipal, label: 'Тестовский район', region: REGION });
    expect(row!.cells.map((c) => c.status)).toEqual(['present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing']);
    expect(row!.cells[0]).toMatchObject({ activitySeq: 1, activity: TEXT.A, linkedActivities: 2 });
    expect(row!.cells[0]!.score).toBeCloseTo(1, 9);
    expect(row!.summary).toMatchObject({
      activities: 6, covered: 4, coveragePct: 80,
      counts: { present: 1, changed_responsible: 1, changed_deadline: 1, changed_both: 1, missing: 1 },
      topActors: [{ code: 'ОО', activities: 3 }, { code: 'МОУО', activities: 2 }, { code: 'UNKNOWN', activities: 1 }],
    });
    expect(row!.summary.extra.map((e) => [e.seq, e.activity])).toEqual([[6, TEXT.own]]);
  });

  it('puts a plan of a region without its own reference under the most recent one, and filters by region and id', () => {
    const ids = writeSyntheticPlans(db, { otherRegion: true });
    linkDocuments(db, settings);
    const all = coverageMatrix(db);
    expect(all.blocks[0]!.rows.map((r) => r.document.id).sort()).toEqual([ids.municipal, ids.other].sort());
    const other = all.blocks[0]!.rows.find((r) => r.document.id === ids.other)!;
    expect(other.cells.map((c) => c.status)).toEqual(['missing', 'missing', 'missing', 'missing', 'present']);
    expect(coverageMatrix(db, { region: REGION }).blocks[0]!.rows.map((r) => r.document.id)).toEqual([ids.municipal]);
    expect(coverageMatrix(db, { documentIds: [ids.other!] }).blocks[0]!.rows.map((r) => r.document.id)).toEqual([ids.other]);
    expect(coverageMatrix(db, { region: 'Нет такого' }).blocks).toEqual([]);
  });
});

describe('compare CSV files', () => {
  it('writes the long coverage table, the summaries and the wide matrix, each with a BOM', () => {
    const ids = writeSyntheticPlans(db);
    linkDocuments(db, settings);
    const files = compareCsvFiles(coverageMatrix(db));
    expect(files.map((f) => f.name)).toEqual(['coverage.csv', 'summary.csv', `matrix-ref${ids.reference}.csv`]);
    for (const f of files) expect(f.content.startsWith(UTF8_BOM)).toBe(true);
    const [coverage, summary, wide] = files.map((f) => parseCsv(f.content));
    expect(coverage!).toHaveLength(1 + 5);
    const status = coverage![0]!.indexOf('status');
    expect(coverage!.slice(1).map((r) => r[status])).toEqual(['present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing']);
    expect(summary![1]![summary![0]!.indexOf('coverage_pct')]).toBe('80');
    expect(summary![1]![summary![0]!.indexOf('top_actors')]).toBe('ОО:3; МОУО:2; UNKNOWN:1');
    expect(wide![0]!.slice(0, 3)).toEqual(['document_id', 'plan', 'coverage_pct']);
    expect(wide![0]![3]).toBe(`1. ${TEXT.A.slice(0, 59).trimEnd()}…`);
    expect(wide![1]).toEqual([String(ids.municipal), 'Тестовский район', '80', 'present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing']);
  });
});

describe('refreshLinks (the end of an ingest batch)', () => {
  it('links what was stored when a reference exists, and does nothing but clear links without one', () => {
    const ids = writeSyntheticPlans(db);
    const summary = refreshLinks(db, settings);
    expect(summary).toMatchObject({ references: 1, documents: 1, activities: 6, linked: 5 });
    markReference(db, ids.reference, false);
    expect(refreshLinks(db, settings)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM activity_links').pluck().get()).toBe(0);
  });
});

describe('the example queries of docs/compare.md', () => {
  it('each runs on a linked database and returns rows', () => {
    writeSyntheticPlans(db);
    linkDocuments(db, settings);
    const doc = readFileSync(new URL('../../docs/compare.md', import.meta.url), 'utf8');
    const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(4);
    for (const sql of queries) expect(db.prepare(sql).all().length, sql).toBeGreaterThan(0);
  });
});
