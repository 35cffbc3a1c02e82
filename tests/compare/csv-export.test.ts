import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCsvFiles } from '../../src/compare/compare-csv.js';
import { csvDocument, csvField, csvLine, EXCEL_RU, parseCsv, UTF8_BOM } from '../../src/compare/csv.js';
import { exportActivities } from '../../src/compare/export.js';
import { linkDocuments } from '../../src/compare/link.js';
import { coverageMatrix } from '../../src/compare/matrix.js';
import { resolveSettings } from '../../src/settings.js';
import { openDatabase, writeDocument, type Database } from '../../src/store/index.js';
import { fakeSha, makeDocument } from '../store/helpers/make-document.js';
import { tempDir } from '../store/helpers/temp-db.js';
import { TEXT, writeSyntheticPlans } from './synthetic.js';

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

  it('writes every fractional number with a decimal comma in Russian Excel\'s dialect, and nothing else differently', async () => {
    // An OCR'd row: its confidence is fractional, as are the link scores.
    writeDocument(db, {
      sourcePath: 'scan.pdf', sha256: fakeSha('scan'), format: 'pdf', pages: 1, reviewBelow: 0.75,
      doc: makeDocument({ meta: { region: 'Тестовый край', municipality: 'Сканский район', level: 'municipal' },
        sections: [{ title: '', activities: [{ activity: TEXT.C, confidence: 0.87, bbox: { x0: 10.5, y0: 20.25, x1: 300.5, y1: 40.75 } }] }] }),
    });
    linkDocuments(db, resolveSettings().compare);
    const rfc = slowSink();
    const excel = slowSink();
    await exportActivities(db, rfc.stream, 'csv', {}, { bom: true, excel: false });
    await exportActivities(db, excel.stream, 'csv', {}, { bom: true, excel: true });
    const plain = parseCsv(rfc.text());
    const russian = parseCsv(excel.text(), ';');
    expect(russian[0]).toEqual(plain[0]);
    const header = plain[0]!;
    const types = viewRows();
    const fractional = new Set<string>();
    russian.slice(1).forEach((r, i) => header.forEach((col, j) => {
      const value = types[i]![col];
      if (typeof value === 'number' && !Number.isInteger(value)) {
        fractional.add(col);
        expect(r[j], `${col} of row ${i}`).toBe(String(value).replace('.', ','));
      } else {
        // Text (JSON boxes included: their points stay JSON), whole numbers, NULL: as in RFC 4180.
        expect(r[j], `${col} of row ${i}`).toBe(plain[i + 1]![j]);
      }
    }));
    expect([...fractional].sort()).toEqual(['confidence', 'link_score']);
  });

  it('writes the compare CSV files in Russian Excel\'s dialect on request: scores and percentages with a decimal comma', () => {
    // Three reference activities, one of them reworded by the plan: a fractional score and 33.3 %.
    const own = openDatabase(tmp.file('c.sqlite'));
    const write = (label: string, meta: Parameters<typeof makeDocument>[0]['meta'], activities: string[]) => writeDocument(own, {
      sourcePath: `${label}.docx`, sha256: fakeSha(label), format: 'docx', pages: 1, reviewBelow: 0.75,
      doc: makeDocument({ meta, sections: [{ title: '', activities: activities.map((activity) => ({ activity, result: '' })) }] }),
    });
    write('ref', { region: 'Тестовый край', level: 'regional' }, [TEXT.A, TEXT.B, TEXT.C]);
    write('muni', { region: 'Тестовый край', municipality: 'Тестовский район', level: 'municipal' }, [`${TEXT.B} в сельских школах района`]);
    linkDocuments(own, resolveSettings().compare);
    const matrix = coverageMatrix(own, {});
    own.close();
    const plain = compareCsvFiles(matrix);
    const russian = compareCsvFiles(matrix, EXCEL_RU);
    expect(russian.map((f) => f.name)).toEqual(plain.map((f) => f.name));
    const seen: string[] = [];
    russian.forEach((f, k) => {
      expect(f.content.startsWith(UTF8_BOM)).toBe(true);
      const a = parseCsv(plain[k]!.content);
      const b = parseCsv(f.content, ';');
      expect(b[0]).toEqual(a[0]);
      a.slice(1).forEach((row, i) => row.forEach((v, j) => {
        if (/^-?\d+\.\d+$/.test(v)) {
          seen.push(`${f.name}:${a[0]![j]}`);
          expect(b[i + 1]![j]).toBe(v.replace('.', ','));
        } else expect(b[i + 1]![j]).toBe(v);
      }));
    });
    // The similarity of each linked cell and the coverage of each plan, in all three files.
    expect(new Set(seen)).toEqual(new Set(['coverage.csv:score', 'summary.csv:coverage_pct', expect.stringMatching(/^matrix-ref\d+\.csv:coverage_pct$/)]));
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
