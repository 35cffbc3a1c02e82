import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportActivities } from '../../src/compare/export.js';
import { linkDocuments } from '../../src/compare/link.js';
import { coverageMatrix } from '../../src/compare/matrix.js';
import { refreshPlans } from '../../src/compare/plan-store.js';
import { listPlans, markPlanReference } from '../../src/compare/plans.js';
import { resolveSettings } from '../../src/settings.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { fakeSha } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { MUNICIPAL_ROWS, REGIONAL_ROWS, TEXT, writeMultiSourcePlans } from './synthetic.js';

const settings = resolveSettings().compare;

let tmp: ReturnType<typeof tempDir>;
let db: Database;
beforeEach(() => {
  tmp = tempDir('plan-store-');
  db = openDatabase(tmp.file('p.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const sink = () => {
  let text = '';
  return { stream: new Writable({ write(chunk, _e, done) { text += chunk.toString(); done(); } }), text: () => text };
};

describe('refreshPlans', () => {
  it('groups the files into plans, ranks them, and is idempotent', () => {
    const ids = writeMultiSourcePlans(db);
    // Not grouped yet: every file counts as a plan of its own, through itself.
    expect(db.prepare('SELECT COUNT(*) FROM v_plans').pluck().get()).toBe(0);
    expect(db.prepare('SELECT DISTINCT best_source FROM v_activities').pluck().all()).toEqual([1]);

    expect(refreshPlans(db)).toEqual({ plans: 2, changed: true });
    expect(refreshPlans(db)).toEqual({ plans: 2, changed: false });
    const docs = db.prepare('SELECT id, plan_id, source_rank FROM documents ORDER BY id').all();
    expect(docs).toEqual([
      { id: ids.photo, plan_id: ids.photo, source_rank: 2 },
      { id: ids.regionalDocx, plan_id: ids.photo, source_rank: 1 },
      { id: ids.municipalPdf, plan_id: ids.municipalPdf, source_rank: 2 },
      { id: ids.municipalDocx, plan_id: ids.municipalPdf, source_rank: 1 },
    ]);
    const plans = db.prepare('SELECT plan_id, best_document_id, sources, grouped_by, is_reference, act_number, other_sources_json FROM v_plans ORDER BY plan_id').all();
    expect(plans).toEqual([
      { plan_id: ids.photo, best_document_id: ids.regionalDocx, sources: 2, grouped_by: 'rows', is_reference: 1, act_number: null, other_sources_json: '["regional.p1.jpg"]' },
      { plan_id: ids.municipalPdf, best_document_id: ids.municipalDocx, sources: 2, grouped_by: 'act', is_reference: 0, act_number: '15-п', other_sources_json: '["municipal.pdf"]' },
    ]);
    expect(listPlans(db).map((p) => p.sources.map((s) => s.kind))).toEqual([['structured', 'photo'], ['structured', 'text_pdf']]);
  });

  it('regroups when a file goes: the next best file stands for the plan', () => {
    const ids = writeMultiSourcePlans(db);
    refreshPlans(db);
    db.prepare('DELETE FROM documents WHERE id = ?').run(ids.municipalDocx);
    expect(refreshPlans(db).changed).toBe(true);
    expect(db.prepare('SELECT best_document_id, sources FROM plans WHERE id = ?').get(ids.municipalPdf)).toEqual({ best_document_id: ids.municipalPdf, sources: 1 });
  });
});

describe('plans in the comparison', () => {
  it('links each plan once, through its best source, against the reference plan read from its DOCX', () => {
    const ids = writeMultiSourcePlans(db);
    const summary = linkDocuments(db, settings);
    // Both regional files are marked references (regional level); they are one reference plan.
    expect(summary).toMatchObject({ references: 1, documents: 1, activities: MUNICIPAL_ROWS.length });
    const links = db.prepare('SELECT DISTINCT a.document_id, l.reference_document_id FROM activity_links l JOIN activities a ON a.id = l.activity_id').all();
    expect(links).toEqual([{ document_id: ids.municipalDocx, reference_document_id: ids.regionalDocx }]);
    expect(db.prepare('SELECT DISTINCT document_id, plan_id FROM v_coverage').all()).toEqual([{ document_id: ids.municipalDocx, plan_id: ids.municipalPdf }]);
    expect(db.prepare('SELECT COUNT(*) FROM v_coverage').pluck().get()).toBe(REGIONAL_ROWS.length);

    const m = coverageMatrix(db);
    expect(m.blocks).toHaveLength(1);
    expect(m.blocks[0]!.reference).toMatchObject({ id: ids.regionalDocx, planId: ids.photo, otherSources: [{ id: ids.photo, kind: 'photo' }] });
    expect(m.blocks[0]!.rows.map((r) => [r.document.id, r.document.otherSources.map((o) => o.sourcePath)])).toEqual([[ids.municipalDocx, ['municipal.pdf']]]);
    // Any file of a plan selects it.
    expect(coverageMatrix(db, { documentIds: [ids.municipalPdf] }).blocks[0]!.rows.map((r) => r.document.id)).toEqual([ids.municipalDocx]);
  });

  it('counts actors per plan, not per file', () => {
    writeMultiSourcePlans(db);
    refreshPlans(db);
    const rows = db.prepare("SELECT municipality, activities, plans FROM v_actor_counts WHERE actor_code = 'МОУО' ORDER BY municipality").all();
    expect(rows).toEqual([
      { municipality: null, activities: REGIONAL_ROWS.length, plans: 1 },
      { municipality: 'Тестовский район', activities: MUNICIPAL_ROWS.length, plans: 1 },
    ]);
  });

  it('exports each plan\'s rows once, or every file\'s on request', async () => {
    writeMultiSourcePlans(db);
    linkDocuments(db, settings);
    const best = sink();
    expect((await exportActivities(db, best.stream, 'jsonl')).rows).toBe(REGIONAL_ROWS.length + MUNICIPAL_ROWS.length);
    expect(best.text().trim().split('\n').map((l) => JSON.parse(l).source_path)).not.toContain('municipal.pdf');
    const all = sink();
    expect((await exportActivities(db, all.stream, 'jsonl', { allSources: true })).rows).toBe(3 + REGIONAL_ROWS.length + 2 * MUNICIPAL_ROWS.length);
  });

  it('marks and unmarks a reference plan by any of its files', () => {
    const ids = writeMultiSourcePlans(db);
    refreshPlans(db);
    expect(markPlanReference(db, ids.photo, false)).toEqual([ids.photo, ids.regionalDocx]);
    expect(linkDocuments(db, settings).references).toBe(0);
    markPlanReference(db, ids.municipalPdf, true);
    expect(db.prepare('SELECT is_reference FROM documents WHERE id IN (?, ?)').pluck().all(ids.municipalPdf, ids.municipalDocx)).toEqual([1, 1]);
    const summary = linkDocuments(db, settings);
    expect(summary).toMatchObject({ references: 1, documents: 1 });
    expect(db.prepare('SELECT DISTINCT reference_document_id FROM activity_links').pluck().all()).toEqual([ids.municipalDocx]);
  });
});

describe('migration 9 (plans)', () => {
  it('upgrades a version-8 database: its files count as plans of their own until grouped', () => {
    const file = tmp.file('v8.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = ON');
    migrateToLatest(raw, MIGRATIONS.slice(0, 8));
    raw.exec(`INSERT INTO documents (id, source_path, sha256, format, status, level, region) VALUES
        (1, 'r.docx', '${fakeSha('r')}', 'docx', 'ok', 'regional', 'Пермский край'),
        (2, 'r.pdf', '${fakeSha('r2')}', 'pdf', 'ok', 'regional', 'Пермский край');
      INSERT INTO activities (document_id, seq, number, activity, responsible, deadline, result, confidence, needs_review, deadline_kind)
      VALUES (1, 1, '1', '${TEXT.A}', '', '', '', 1, 0, 'unknown'), (1, 2, '2', '${TEXT.B}', '', '', '', 1, 0, 'unknown'),
             (2, 1, '1', '${TEXT.A}', '', '', '', 1, 0, 'unknown'), (2, 2, '2', '${TEXT.B}', '', '', '', 1, 0, 'unknown')`);
    raw.close();
    const up = openDatabase(file);
    try {
      expect(up.prepare('SELECT plan_id, best_source FROM v_activities ORDER BY activity_id').all())
        .toEqual([{ plan_id: 1, best_source: 1 }, { plan_id: 1, best_source: 1 }, { plan_id: 2, best_source: 1 }, { plan_id: 2, best_source: 1 }]);
      expect(refreshPlans(up)).toEqual({ plans: 1, changed: true });
      expect(up.prepare('SELECT plan_id, best_source FROM v_activities ORDER BY activity_id').all())
        .toEqual([{ plan_id: 1, best_source: 1 }, { plan_id: 1, best_source: 1 }, { plan_id: 1, best_source: 0 }, { plan_id: 1, best_source: 0 }]);
    } finally {
      up.close();
    }
  });
});
