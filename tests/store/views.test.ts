import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedDocument } from '../../src/model/index.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { writeDocument, writeFailure } from '../../src/store/write-document.js';
import { fakeSha, makeDocument } from './helpers/make-document.js';
import { tempDir } from './helpers/temp-db.js';

const REGION = 'Пермский край';

// Two municipalities and the regional plan, with overlapping actors, plus one failed file.
const docs: Record<string, NormalizedDocument> = {
  lysva: makeDocument({
    meta: { region: REGION, municipality: 'Лысьвенский городской округ', level: 'municipal', actNumber: '491/01-08', actDate: '2021-10-28' },
    sections: [
      { title: '1. Нормативное обеспечение', activities: [
        { activity: 'Мониторинг образовательных результатов', actors: [{ code: 'МОУО', raw: 'УО' }, { code: 'ШНОР', raw: 'ШНОР' }] },
        { actors: [{ code: 'МОУО', raw: 'Управление образования' }, { code: 'МОУО', raw: 'УО' }] },
      ] },
      { title: '2. Методическое сопровождение', activities: [{ actors: [{ code: 'ММС', raw: 'ЦНМО' }], confidence: 0.4 }] },
    ],
    issues: [{ stage: 'parse', severity: 'warning', page: 2, message: 'cell continues on next page' }],
  }),
  vereshchagino: makeDocument({
    meta: { region: REGION, municipality: 'Верещагинский городской округ', level: 'municipal' },
    sections: [{ title: '1. Раздел', activities: [
      { actors: [{ code: 'ОО', raw: 'образовательные организации' }] },
      { actors: [], deadline: 'ежегодно', deadlineParsed: { kind: 'recurring', years: [2021, 2022], months: [], from: null, to: null, recurrence: 'annual' } },
      { actors: [{ code: 'UNKNOWN', raw: 'попечительский совет' }] },
    ] }],
  }),
  region: makeDocument({
    meta: { region: REGION, municipality: null, level: 'regional' },
    sections: [{ title: 'I. Общие', activities: [{ activity: 'Мониторинг образовательных результатов', actors: [{ code: 'РОИВ', raw: 'МО ПК' }, { code: 'ИРО', raw: 'ИРО' }] }] }],
  }),
};

let tmp: ReturnType<typeof tempDir>;
let db: Database;
const ids: Record<string, number> = {};

beforeAll(() => {
  tmp = tempDir();
  db = openDatabase(tmp.file('views.sqlite'));
  for (const [label, doc] of Object.entries(docs)) {
    ids[label] = writeDocument(db, { sourcePath: `${label}.pdf`, sha256: fakeSha(label), format: 'pdf', pages: 4, doc, reviewBelow: 0.75 }).documentId;
  }
  writeFailure(db, { sourcePath: 'broken.pdf', sha256: fakeSha('broken'), format: 'pdf', pages: null, code: 'corrupt_file', message: 'truncated' });
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const distinctSorted = (xs: string[]): string[] => [...new Set(xs)].sort();

describe('v_activities', () => {
  it('has one row per activity with its document fields and its distinct actor codes', () => {
    const rows = db.prepare('SELECT * FROM v_activities ORDER BY document_id, seq').all() as Record<string, unknown>[];
    const expected = Object.entries(docs).flatMap(([label, doc]) => doc.activities.map((a, i) => ({
      document_id: ids[label], seq: i + 1, activity: a.activity, region: doc.meta.region, municipality: doc.meta.municipality,
      level: doc.meta.level, act_number: doc.meta.actNumber, act_date: doc.meta.actDate, source_path: `${label}.pdf`,
      actor_codes: a.actors.length ? distinctSorted(a.actors.map((x) => x.code)).join(',') : null,
    })));
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => expect(row).toMatchObject(expected[i]!));
  });
});

describe('v_activities provenance', () => {
  it('says where each row comes from: format, pages, box, and the territory code', () => {
    const columns = (db.prepare('SELECT * FROM v_activities LIMIT 1').columns()).map((c) => c.name);
    // Migration 008's provenance columns, then 009's plan columns, then 010's corrected cells, appended in that order.
    expect(columns.slice(-7)).toEqual(['source_format', 'pages_json', 'bbox_json', 'oktmo', 'plan_id', 'best_source', 'corrected_fields']);
    const row = db.prepare('SELECT source_format, pages_json FROM v_activities LIMIT 1').get() as { source_format: string | null; pages_json: string };
    expect(Array.isArray(JSON.parse(row.pages_json))).toBe(true);
  });
});

describe('v_actor_counts', () => {
  it('counts activities per municipality and actor code', () => {
    const rows = db.prepare('SELECT municipality, actor_code, activities, documents FROM v_actor_counts').all() as
      { municipality: string | null; actor_code: string; activities: number; documents: number }[];
    const expected = new Map<string, number>();
    for (const doc of Object.values(docs)) {
      for (const a of doc.activities) {
        for (const code of new Set(a.actors.map((x) => x.code))) {
          const key = `${doc.meta.municipality}|${code}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
      }
    }
    expect(new Map(rows.map((r) => [`${r.municipality}|${r.actor_code}`, r.activities]))).toEqual(expected);
    expect(rows.every((r) => r.documents === 1)).toBe(true);
  });
});

describe('v_documents_summary', () => {
  it('summarises every document, failed ones included', () => {
    const rows = db.prepare('SELECT * FROM v_documents_summary ORDER BY document_id').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(Object.keys(docs).length + 1);
    for (const [label, doc] of Object.entries(docs)) {
      const row = rows.find((r) => r.document_id === ids[label]);
      expect(row).toMatchObject({
        status: doc.issues.length ? 'partial' : 'ok',
        activity_count: doc.activities.length,
        review_count: doc.activities.filter((a) => a.confidence < 0.75).length,
        section_count: doc.rows.filter((r) => r.kind === 'section').length,
        distinct_actors: new Set(doc.activities.flatMap((a) => a.actors.map((x) => x.code))).size,
        issue_count: doc.issues.length,
        is_reference: doc.meta.level === 'regional' ? 1 : 0,
      });
    }
    expect(rows.find((r) => r.source_path === 'broken.pdf')).toMatchObject({ status: 'failed', error: 'corrupt_file: truncated', activity_count: 0 });
  });
});

describe('v_document_issues', () => {
  it('lists each stored issue as a row', () => {
    const rows = db.prepare('SELECT document_id, stage, severity, page, message FROM v_document_issues').all();
    expect(rows).toEqual(Object.entries(docs).flatMap(([label, doc]) =>
      doc.issues.map((i) => ({ document_id: ids[label], stage: i.stage, severity: i.severity, page: i.page ?? null, message: i.message }))));
  });
});

describe('the example queries of SCHEMA.md', () => {
  const schemaDoc = readFileSync(new URL('../../src/store/SCHEMA.md', import.meta.url), 'utf8');
  const queries = [...schemaDoc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('are there, and each runs and returns rows', () => {
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const sql of queries) expect(db.prepare(sql).all().length, sql).toBeGreaterThan(0);
  });

  it('count activities copied word for word from the reference plan', () => {
    const copy = queries.find((q) => q.includes('copied_from_reference'));
    const rows = db.prepare(copy!).all() as { municipality: string; copied_from_reference: number }[];
    const reference = new Set(Object.values(docs).filter((d) => d.meta.level === 'regional')
      .flatMap((d) => d.activities.map((a) => a.activity.trim())));
    for (const doc of Object.values(docs).filter((d) => d.meta.level !== 'regional')) {
      const expected = doc.activities.filter((a) => reference.has(a.activity.trim())).length;
      expect(rows.find((r) => r.municipality === doc.meta.municipality)?.copied_from_reference).toBe(expected);
    }
    expect(rows.some((r) => r.copied_from_reference > 0)).toBe(true);
  });
});
