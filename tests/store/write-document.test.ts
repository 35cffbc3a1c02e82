import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NormalizedDocument } from '../../src/model/index.js';
import { StoreError } from '../../src/store/errors.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import {
  findStoredDocument, markReference, noteSourcePath, writeDocument, writeFailure, type WriteDocumentInput,
} from '../../src/store/write-document.js';
import { fakeSha, makeDocument, type DocumentSpec } from './helpers/make-document.js';
import { tempDir } from './helpers/temp-db.js';

const REVIEW_BELOW = 0.75;

let tmp: ReturnType<typeof tempDir>;
let db: Database;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(tmp.file('w.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function input(doc: NormalizedDocument, label: string, sourcePath = `${label}.pdf`): WriteDocumentInput {
  return { sourcePath, sha256: fakeSha(label), format: 'pdf', pages: 3, doc, reviewBelow: REVIEW_BELOW };
}

const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

interface DocRow { id: number; source_path: string; sha256: string | null; status: string; error: string | null;
  municipality: string | null; act_date: string | null; issues_json: string; activity_count: number;
  review_count: number; is_reference: number; ingested_at: string }
const docRows = (): DocRow[] => db.prepare<[], DocRow>('SELECT * FROM documents ORDER BY id').all();

const municipalSpec: DocumentSpec = {
  meta: {
    region: 'Пермский край', municipality: 'Лысьвенский городской округ', level: 'municipal',
    issuer: 'Управление образования', actType: 'приказ', actNumber: '491/01-08', actDate: '2021-10-28',
    title: 'План мероприятий («дорожная карта»)', periodFrom: 2021, periodTo: 2024,
  },
  preamble: ['В целях реализации подпрограммы', 'ПРИКАЗЫВАЮ:'],
  sections: [
    { title: '1. Нормативно-правовое обеспечение', activities: [
      { number: '1.1.', activity: 'Разработка критериев', responsible: 'УО, ИРО',
        actors: [{ code: 'МОУО', raw: 'УО' }, { code: 'ИРО', raw: 'ИРО' }],
        bbox: { x0: 10, y0: 20, x1: 500, y1: 60 }, pages: [2, 3], page: 2, extra: { 'Примечание': 'нет' },
        deadlineParsed: { kind: 'range', years: [2021, 2022], months: [7, 8], from: '2021-07-01', to: '2022-08-31' } },
      { number: '1.2.', activity: 'Мониторинг', confidence: 0.5, deadline: 'ежегодно',
        deadlineParsed: { kind: 'recurring', years: [], months: [], from: null, to: null, recurrence: 'annual' } },
    ] },
    { title: '2. Методическое сопровождение', activities: [{ number: '2.1.', activity: 'Семинары' }] },
  ],
};

describe('writeDocument', () => {
  it('round-trips a document, its sections, activities in order and actors', () => {
    const doc = makeDocument(municipalSpec);
    const r = writeDocument(db, input(doc, 'lysva'));
    expect(r.activities).toBe(doc.activities.length);

    const d = db.prepare('SELECT * FROM documents WHERE id = ?').get(r.documentId) as Record<string, unknown>;
    expect(d).toMatchObject({
      source_path: 'lysva.pdf', sha256: fakeSha('lysva'), format: 'pdf', pages: 3, status: 'ok', error: null,
      region: doc.meta.region, municipality: doc.meta.municipality, level: doc.meta.level, issuer: doc.meta.issuer,
      act_type: doc.meta.actType, act_number: doc.meta.actNumber, act_date: doc.meta.actDate, title: doc.meta.title,
      period_from: doc.meta.periodFrom, period_to: doc.meta.periodTo, parse_method: doc.method,
      activity_count: doc.activities.length, is_reference: 0,
    });
    expect(JSON.parse(d.preamble_json as string)).toEqual(doc.preamble);
    expect(JSON.parse(d.columns_json as string)).toEqual(doc.columns);
    expect(JSON.parse(d.issues_json as string)).toEqual([]);
    expect(d.ingested_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const acts = db.prepare('SELECT * FROM activities WHERE document_id = ? ORDER BY seq').all(r.documentId) as Record<string, unknown>[];
    expect(acts.map((a) => a.seq)).toEqual(doc.activities.map((_, i) => i + 1));
    doc.activities.forEach((a, i) => {
      const row = acts[i]!;
      expect(row).toMatchObject({
        number: a.number, activity: a.activity, responsible: a.responsible, deadline: a.deadline, result: a.result,
        section: a.section, page: a.provenance.page, confidence: a.confidence,
        needs_review: a.confidence < REVIEW_BELOW ? 1 : 0,
        deadline_kind: a.deadlineParsed.kind, deadline_from: a.deadlineParsed.from, deadline_to: a.deadlineParsed.to,
        deadline_years: a.deadlineParsed.years.length ? a.deadlineParsed.years.join(',') : null,
        deadline_months: a.deadlineParsed.months.length ? a.deadlineParsed.months.join(',') : null,
        deadline_recurrence: a.deadlineParsed.recurrence,
      });
      expect(JSON.parse(row.extra_json as string)).toEqual(a.extra);
      expect(JSON.parse(row.pages_json as string)).toEqual(a.provenance.pages);
      expect(row.bbox_json === null ? null : JSON.parse(row.bbox_json as string)).toEqual(a.provenance.bbox);
      const actors = db.prepare('SELECT actor_code AS code, raw FROM activity_actors WHERE activity_id = ? ORDER BY actor_code, raw').all(row.id);
      expect(actors).toEqual([...a.actors].sort((x, y) => (x.code + x.raw < y.code + y.raw ? -1 : 1)));
    });
    expect(d.review_count).toBe(doc.activities.filter((a) => a.confidence < REVIEW_BELOW).length);

    const sectionTitles = doc.rows.flatMap((row) => (row.kind === 'section' ? [row.text] : []));
    const linked = db.prepare(`SELECT a.section, s.title, s.seq FROM activities a JOIN sections s ON s.id = a.section_id
      WHERE a.document_id = ? ORDER BY a.seq`).all(r.documentId) as { section: string; title: string; seq: number }[];
    expect(linked).toHaveLength(doc.activities.length);
    for (const l of linked) {
      expect(l.title).toBe(l.section);
      expect(sectionTitles[l.seq - 1]).toBe(l.title);
    }
  });

  it('marks a document with issues as partial and one without any as ok', () => {
    const warned = makeDocument({ ...municipalSpec, issues: [{ stage: 'parse', severity: 'warning', page: 2, message: 'header not repeated' }] });
    const clean = makeDocument(municipalSpec);
    writeDocument(db, input(warned, 'warned'));
    writeDocument(db, input(clean, 'clean'));
    const status = Object.fromEntries(docRows().map((d) => [d.source_path, d.status]));
    expect(status).toEqual({ 'warned.pdf': 'partial', 'clean.pdf': 'ok' });
  });

  it('stores a plan without activities as partial with a store issue', () => {
    writeDocument(db, input(makeDocument({ sections: [] }), 'empty'));
    const [d] = docRows();
    expect(d?.status).toBe('partial');
    expect(JSON.parse(d!.issues_json)).toEqual([expect.objectContaining({ stage: 'store', severity: 'warning' })]);
  });

  it('keeps a malformed act date out of act_date and says so in the issues', () => {
    writeDocument(db, input(makeDocument({ ...municipalSpec, meta: { ...municipalSpec.meta, actDate: '28.10.2021' } }), 'baddate'));
    const [d] = docRows();
    expect(d).toMatchObject({ act_date: null, status: 'partial' });
    expect(d!.issues_json).toContain('28.10.2021');
  });

  it('keeps malformed deadline dates out of the date columns but keeps the raw deadline', () => {
    const doc = makeDocument({ sections: [{ title: '', activities: [
      { deadline: 'до 1.9.2021', deadlineParsed: { kind: 'date', from: '2021-9-1', to: '2021-09-01' } },
    ] }] });
    writeDocument(db, input(doc, 'baddeadline'));
    expect(db.prepare('SELECT deadline, deadline_from, deadline_to FROM activities').get())
      .toEqual({ deadline: 'до 1.9.2021', deadline_from: null, deadline_to: '2021-09-01' });
    expect(docRows()[0]).toMatchObject({ status: 'partial' });
    expect(docRows()[0]!.issues_json).toContain('deadline date');
  });

  it('replaces the stored rows of the same content instead of duplicating them', () => {
    const first = writeDocument(db, input(makeDocument(municipalSpec), 'same'));
    const before = docRows()[0]!;
    const shorter = makeDocument({ ...municipalSpec, sections: [{ title: 'Единственный раздел', activities: [{ activity: 'Новое' }] }] });
    const second = writeDocument(db, input(shorter, 'same'));
    expect(second.documentId).toBe(first.documentId);
    expect(count('documents')).toBe(1);
    expect(count('activities')).toBe(shorter.activities.length);
    expect(count('sections')).toBe(1);
    expect(count('activity_actors')).toBe(shorter.activities.flatMap((a) => a.actors).length);
    expect(docRows()[0]!.ingested_at).toBe(before.ingested_at);
  });

  it('leaves nothing of a document whose write fails halfway, and keeps the previous version', () => {
    const good = makeDocument(municipalSpec);
    writeDocument(db, input(good, 'atomic'));
    const snapshot = db.prepare('SELECT * FROM activities ORDER BY id').all();
    const broken = structuredClone(good);
    // A confidence outside 0..1 passes the TypeScript type but not the CHECK on activities;
    // it sits on the last activity so earlier rows are inserted before the failure.
    broken.activities[broken.activities.length - 1]!.confidence = 1.5;
    broken.meta.municipality = 'Другой округ';
    expect(() => writeDocument(db, input(broken, 'atomic'))).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT * FROM activities ORDER BY id').all()).toEqual(snapshot);
    expect(docRows().map((d) => d.municipality)).toEqual([good.meta.municipality]);

    expect(() => writeDocument(db, input(broken, 'fresh-broken'))).toThrow(/CHECK constraint/);
    expect(findStoredDocument(db, fakeSha('fresh-broken'))).toBeUndefined();
    expect(count('activities')).toBe(good.activities.length);
  });

  it('round-trips arbitrary cell text exactly', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ activity: fc.string({ unit: 'grapheme' }), responsible: fc.string(), deadline: fc.string(), result: fc.string(), number: fc.string() }), { minLength: 1, maxLength: 5 }),
      fc.string(),
      (cells, section) => {
        const doc = makeDocument({ sections: [{ title: section, activities: cells }] });
        const { documentId } = writeDocument(db, input(doc, 'prop'));
        const rows = db.prepare('SELECT number, activity, responsible, deadline, result, section FROM activities WHERE document_id = ? ORDER BY seq').all(documentId);
        expect(rows).toEqual(doc.activities.map((a) => ({
          number: a.number, activity: a.activity, responsible: a.responsible, deadline: a.deadline, result: a.result, section: a.section,
        })));
      },
    ), { numRuns: 60 });
  });

  it('flags empty activity cells for review even at full confidence', () => {
    const doc = makeDocument({ sections: [{ title: '', activities: [{ activity: '  ' }, { activity: 'Текст' }] }] });
    writeDocument(db, input(doc, 'blank'));
    expect(db.prepare('SELECT needs_review FROM activities ORDER BY seq').pluck().all()).toEqual([1, 0]);
    expect(db.prepare('SELECT review_reasons FROM activities ORDER BY seq').pluck().all()).toEqual(['empty_activity', null]);
    expect(docRows()[0]!.review_count).toBe(1);
  });

  it('says why a row is flagged: a possibly cut last row, low confidence, or both', () => {
    const doc = makeDocument({ sections: [{ title: '', activities: [{ activity: 'Первое' }, { activity: 'Второе' }, { activity: 'Третье' }] }] });
    const [a, b, c] = doc.activities;
    const flagged = { ...doc, activities: [{ ...a!, confidence: 0.5 }, b!, { ...c!, confidence: 0.5, mayContinue: true }] };
    writeDocument(db, input(flagged, 'cut'));
    expect(db.prepare('SELECT needs_review, review_reasons FROM v_activities ORDER BY seq').all()).toEqual([
      { needs_review: 1, review_reasons: 'low_confidence' },
      { needs_review: 0, review_reasons: null },
      { needs_review: 1, review_reasons: 'low_confidence,may_continue' },
    ]);
    expect(docRows()[0]!.review_count).toBe(2);
  });

  it('stores the estimate of rows the plan may lack, and flags the rows around the loss rows_missing', () => {
    const doc = makeDocument({ sections: [{ title: '', activities: [{ number: '1.', activity: 'Первое' }, { number: '2.', activity: 'Второе', confidence: 0.5 }, { number: '5.', activity: 'Третье' }] }] });
    const [a, b, c] = doc.activities;
    const lossy = { ...doc, missingRows: 2, issues: [{ stage: 'parse' as const, severity: 'warning' as const, message: '2 row(s) may be missing: row numbers skip from 2. to 5.' }],
      activities: [a!, { ...b!, rowsMissing: true }, { ...c!, rowsMissing: true }] };
    const r = writeDocument(db, input(lossy, 'lossy'));
    expect(r).toMatchObject({ activities: 3, review: 2, missingRows: 2 });
    expect(db.prepare('SELECT status, missing_rows, review_count FROM documents').get()).toEqual({ status: 'partial', missing_rows: 2, review_count: 2 });
    expect(db.prepare('SELECT number, needs_review, review_reasons FROM v_activities ORDER BY seq').all()).toEqual([
      { number: '1.', needs_review: 0, review_reasons: null },
      { number: '2.', needs_review: 1, review_reasons: 'low_confidence,rows_missing' },
      { number: '5.', needs_review: 1, review_reasons: 'rows_missing' },
    ]);
    // A plan with no sign of loss, and a failed file, store 0.
    writeDocument(db, input(makeDocument(municipalSpec), 'clean'));
    writeFailure(db, { sourcePath: 'bad.pdf', sha256: fakeSha('bad'), format: 'pdf', pages: null, code: 'corrupt_file', message: 'x' });
    expect(db.prepare("SELECT source_path, missing_rows FROM documents WHERE source_path != 'lossy.pdf' ORDER BY id").all()).toEqual([
      { source_path: 'clean.pdf', missing_rows: 0 }, { source_path: 'bad.pdf', missing_rows: 0 },
    ]);
  });

  it('keeps a row cut off by the end of a one-page file apart, in fragments, placed after the activity it follows', () => {
    const doc = makeDocument({ sections: [
      { title: '1. Нормативное обеспечение', activities: [{ number: '1.1.', activity: 'Первое' }, { number: '1.2.', activity: 'Второе' }] },
      { title: '2. Мониторинг', activities: [{ number: '2.1.', activity: 'Разработка плана по переходу школ с низкими' }] },
    ] });
    const [a, b, c] = doc.activities;
    const cut = { ...doc, activities: [a!, b!, { ...c!, confidence: 0.9, mayContinue: true, cutOff: true }] };
    const r = writeDocument(db, input(cut, 'photo', 'photo.jpg'));
    expect(r).toMatchObject({ activities: 2, fragments: 1, review: 0 });
    expect(db.prepare('SELECT seq, number FROM activities ORDER BY seq').all()).toEqual([{ seq: 1, number: '1.1.' }, { seq: 2, number: '1.2.' }]);
    expect(db.prepare('SELECT seq, after_seq, reason, section, number, activity, confidence FROM fragments').all()).toEqual([
      { seq: 1, after_seq: 2, reason: 'cut_off', section: '2. Мониторинг', number: '2.1.', activity: 'Разработка плана по переходу школ с низкими', confidence: 0.9 },
    ]);
    expect(db.prepare('SELECT activity_count, fragment_count FROM documents').get()).toEqual({ activity_count: 2, fragment_count: 1 });
    // Its heading is still a section of the document, though no activity sits under it.
    expect(db.prepare('SELECT title FROM sections ORDER BY seq').pluck().all()).toEqual(['1. Нормативное обеспечение', '2. Мониторинг']);
    // Re-writing the same content replaces its fragments too.
    writeDocument(db, input(cut, 'photo', 'photo.jpg'));
    expect(count('fragments')).toBe(1);
    db.prepare('DELETE FROM documents').run();
    expect(count('fragments')).toBe(0);
  });
});

describe('writeFailure', () => {
  const failure = (label: string | null, sourcePath: string, message = 'no plan table found') => ({
    sourcePath, sha256: label === null ? null : fakeSha(label), format: 'pdf', pages: 2, code: 'no_plan_table', message,
  });

  it('records one line "code: message" with status failed', () => {
    writeFailure(db, failure('f', 'f.pdf', 'first line\n  second line'));
    expect(docRows()).toEqual([expect.objectContaining({ status: 'failed', error: 'no_plan_table: first line second line', sha256: fakeSha('f') })]);
  });

  it('a failure then a success for the same content leaves one ok row', () => {
    writeFailure(db, failure('retry', 'retry.pdf'));
    const failedId = docRows()[0]!.id;
    const r = writeDocument(db, input(makeDocument(municipalSpec), 'retry'));
    expect(docRows()).toEqual([expect.objectContaining({ id: failedId, status: 'ok', error: null })]);
    expect(r.documentId).toBe(failedId);
    expect(findStoredDocument(db, fakeSha('retry'))).toEqual({ id: failedId, status: 'ok', sourcePath: 'retry.pdf' });
  });

  it('never overwrites a stored extraction of the same content', () => {
    const { documentId } = writeDocument(db, input(makeDocument(municipalSpec), 'kept'));
    const activitiesBefore = count('activities');
    expect(writeFailure(db, failure('kept', 'kept.pdf', 'timeout'))).toEqual({ documentId, keptStored: true });
    expect(docRows()).toEqual([expect.objectContaining({ status: 'ok', error: null })]);
    expect(count('activities')).toBe(activitiesBefore);
  });

  it('does not touch stored documents of other content', () => {
    writeDocument(db, input(makeDocument(municipalSpec), 'other'));
    writeFailure(db, failure('broken', 'broken.pdf'));
    expect(docRows().map((d) => [d.source_path, d.status])).toEqual([['other.pdf', 'ok'], ['broken.pdf', 'failed']]);
  });

  it('keys an unreadable file (no hash) on its path: retries replace the row', () => {
    writeFailure(db, failure(null, 'locked.pdf', 'permission denied'));
    writeFailure(db, failure(null, 'locked.pdf', 'still denied'));
    writeFailure(db, failure(null, 'elsewhere.pdf', 'permission denied'));
    expect(docRows().map((d) => [d.source_path, d.error])).toEqual([
      ['locked.pdf', 'no_plan_table: still denied'], ['elsewhere.pdf', 'no_plan_table: permission denied'],
    ]);
  });

  it('clears the failure of a path once that path is stored successfully', () => {
    writeFailure(db, failure(null, 'plan.pdf', 'unreadable'));
    writeFailure(db, failure('old-bytes', 'plan.pdf'));
    expect(count('documents')).toBe(1);
    writeDocument(db, input(makeDocument(municipalSpec), 'new-bytes', 'plan.pdf'));
    expect(docRows().map((d) => [d.source_path, d.status])).toEqual([['plan.pdf', 'ok']]);
  });
});

describe('same content at several paths', () => {
  it('is found by hash and every path is remembered', () => {
    writeDocument(db, input(makeDocument(municipalSpec), 'copy', 'a/plan.pdf'));
    expect(findStoredDocument(db, fakeSha('copy'))?.sourcePath).toBe('a/plan.pdf');
    noteSourcePath(db, fakeSha('copy'), 'b/plan-copy.pdf');
    noteSourcePath(db, fakeSha('copy'), 'b/plan-copy.pdf');
    expect(db.prepare('SELECT source_path FROM document_sources WHERE sha256 = ? ORDER BY source_path').pluck().all(fakeSha('copy')))
      .toEqual(['a/plan.pdf', 'b/plan-copy.pdf']);
    expect(findStoredDocument(db, fakeSha('missing'))).toBeUndefined();
  });
});

describe('reference plans', () => {
  it('marks regional plans as references by default and keeps a manual flag across re-ingest', () => {
    const regional = makeDocument({ ...municipalSpec, meta: { region: 'Пермский край', level: 'regional' } });
    const { documentId: reg } = writeDocument(db, input(regional, 'region'));
    const { documentId: mun } = writeDocument(db, input(makeDocument(municipalSpec), 'muni'));
    const flag = (id: number): unknown => db.prepare('SELECT is_reference FROM documents WHERE id = ?').pluck().get(id);
    expect([flag(reg), flag(mun)]).toEqual([1, 0]);
    markReference(db, reg, false);
    markReference(db, mun, true);
    writeDocument(db, input(regional, 'region'));
    writeDocument(db, input(makeDocument(municipalSpec), 'muni'));
    expect([flag(reg), flag(mun)]).toEqual([0, 1]);
  });
});

describe('errors', () => {
  it('only database problems become StoreErrors; constraint bugs keep their own error', () => {
    const bad = makeDocument(municipalSpec);
    bad.activities[0]!.confidence = Number.NaN;
    let caught: unknown;
    try { writeDocument(db, input(bad, 'nan')); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).not.toBeInstanceOf(StoreError);
  });
});
