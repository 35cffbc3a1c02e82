import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvLine, parseCsv, UTF8_BOM } from '../../src/compare/csv.js';
import { exportActivities } from '../../src/compare/export.js';
import { linkDocuments } from '../../src/compare/link.js';
import { resolveSettings } from '../../src/settings.js';
import { openDatabase, writeDocument, type Database } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { writeSyntheticPlans } from './synthetic.js';

describe('CSV (RFC 4180)', () => {
  it('quotes only fields that need it, doubling quotes, with CRLF line ends', () => {
    expect(csvField('Управление образования')).toBe('Управление образования');
    expect(csvField('МОУО, ОО')).toBe('"МОУО, ОО"');
    expect(csvField('«Образовательный лифт»: "500+"')).toBe('"«Образовательный лифт»: ""500+"""');
    expect(csvField('строка\nвторая')).toBe('"строка\nвторая"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(true)).toBe('1');
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });

  it('starts a file with the UTF-8 byte-order mark Excel needs for Cyrillic', () => {
    const doc = csvDocument(['муниципалитет'], [['Лысьва']]);
    expect(doc.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(doc, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(doc).toBe('\uFEFFмуниципалитет\r\nЛысьва\r\n');
  });

  it('round-trips any text through write and read', () => {
    const cell = fc.string({ unit: fc.constantFrom('а', 'Я', 'x', ',', '"', '\n', '\r', ' ', '«', '1') , maxLength: 12 });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 6 }), (rows) => {
      const parsed = parseCsv(csvDocument(['a', 'b'], rows));
      expect(parsed).toEqual([['a', 'b'], ...rows]);
    }));
  });
});

describe('exportActivities', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  beforeEach(() => {
    tmp = tempDir('compare-export-');
    db = openDatabase(tmp.file('e.sqlite'));
    writeSyntheticPlans(db);
    // Text that needs every kind of quoting.
    writeDocument(db, {
      sourcePath: 'tricky.docx', sha256: fakeSha('tricky'), format: 'docx', pages: 1, reviewBelow: 0.75,
      doc: makeDocument({
        meta: { region: 'Пермский край', municipality: 'Кудымкар, городской округ', level: 'municipal' },
        sections: [{ title: '1. «Раздел», "кавычки"', activities: [{ activity: 'Первая строка\nвторая строка, с запятой и "кавычками"', responsible: 'УО;\r\nОО' }] }],
      }),
    });
    linkDocuments(db, resolveSettings().compare);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  /** Collects a stream that asks the writer to wait after every chunk (highWaterMark 1). */
  function slowSink(): { stream: Writable; text: () => string; drains: () => number } {
    let text = '';
    let drains = 0;
    const stream = new Writable({
      highWaterMark: 1,
      write(chunk, _enc, done) { text += chunk.toString(); setImmediate(done); },
    });
    stream.on('drain', () => { drains += 1; });
    return { stream, text: () => text, drains: () => drains };
  }

  const viewRows = (): Record<string, unknown>[] => db.prepare(
    `SELECT v.*, l.reference_activity_id, l.score AS link_score FROM v_activities v
     LEFT JOIN activity_links l ON l.activity_id = v.activity_id ORDER BY v.document_id, v.seq`).all() as Record<string, unknown>[];

  it('writes CSV with a BOM that reads back to the rows of v_activities, honouring back-pressure', async () => {
    const out = slowSink();
    const { rows } = await exportActivities(db, out.stream, 'csv');
    const expected = viewRows();
    expect(rows).toBe(expected.length);
    expect(out.drains()).toBeGreaterThan(rows); // it waited for the stream every time
    const text = out.text();
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(records).toHaveLength(expected.length);
    records.forEach((r, i) => {
      const want = expected[i]!;
      header!.forEach((col, j) => {
        const v = want[col];
        expect(r[j], `${col} of row ${i}`).toBe(v === null || v === undefined ? '' : String(v));
      });
    });
    expect(header).toContain('reference_activity_id');
    expect(records.some((r) => r[header!.indexOf('activity')]!.includes('\n'))).toBe(true);
  });

  it('writes Russian Excel\'s dialect on request: semicolons, decimal commas, a BOM; or no BOM at all', async () => {
    const out = slowSink();
    await exportActivities(db, out.stream, 'csv', {}, { bom: true, excel: true });
    const text = out.text();
    expect(text.startsWith(`${UTF8_BOM}activity_id;document_id;`)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    const header = lines[0]!.split(';');
    const score = header.indexOf('link_score');
    // A fractional link score is written with a decimal comma.
    const values = lines.slice(1).filter(Boolean).map((l) => l.split(';')[score]).filter((v) => v && v !== '1' && v !== '0');
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).toMatch(/^0,\d+$/);
    // A semicolon inside a cell is quoted in this dialect («УО;» in the tricky row).
    expect(text).toContain('"УО;');
    const plain = slowSink();
    await exportActivities(db, plain.stream, 'csv', {}, { bom: false, excel: false });
    expect(plain.text().startsWith('activity_id,')).toBe(true);
  });

  it('writes JSON Lines that parse back to the same values and types', async () => {
    const out = slowSink();
    await exportActivities(db, out.stream, 'jsonl');
    const lines = out.text().split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    const expected = viewRows();
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toEqual(expected);
    expect(typeof parsed[0]!.confidence).toBe('number');
    expect(parsed.find((p) => String(p.activity).includes('кавычками'))!.responsible).toBe('УО;\r\nОО');
  });

  it('filters by region and by document', async () => {
    const out = slowSink();
    const { rows } = await exportActivities(db, out.stream, 'jsonl', { region: 'Пермский край' });
    expect(rows).toBe(1);
    const ids = db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').pluck().all() as number[];
    const byId = slowSink();
    const r2 = await exportActivities(db, byId.stream, 'jsonl', { documentIds: ids });
    expect(r2.rows).toBe(5);
    expect(new Set(byId.text().trim().split('\n').map((l) => JSON.parse(l).document_id))).toEqual(new Set(ids));
  });
});
