import { describe, expect, it } from 'vitest';
import type { ParsedDocument, PlanRow } from '../../src/model/index.js';
import { normalizeDocument } from '../../src/normalize/index.js';

const provenance = { page: 1, pages: [1], bbox: null };
const meta = { region: null, municipality: null, level: null, issuer: null, actType: null, actNumber: null, actDate: null, title: null, periodFrom: null, periodTo: null };

function parsed(headings: string[]): ParsedDocument {
  const rows: PlanRow[] = headings.flatMap((h, i): PlanRow[] => [
    { kind: 'section', text: h, provenance },
    { kind: 'activity', number: `${i + 1}.`, activity: 'Проведение совещания', responsible: 'Управление образования', deadline: '2021 г.', result: 'Протокол', extra: {}, section: h, confidence: 0.9, provenance },
  ]);
  return { meta, preamble: [], columns: [], rows, method: 'lattice', issues: [] };
}

describe('normalizeDocument on OCR pages: section numbers', () => {
  it('places a look-alike by the sequence before reading its glyph ("У." after "III." is IV)', () => {
    const doc = normalizeDocument(parsed(['I. Нормативно', 'II. Методическое', 'III. Подготовка', 'У. Работа', 'У. Мониторинг']), { ocrPages: new Set([1]) });
    const headings = doc.rows.flatMap((r) => (r.kind === 'section' ? [r.text] : []));
    expect(headings).toEqual(['I. Нормативно', 'II. Методическое', 'III. Подготовка', 'IV. Работа', 'V. Мониторинг']);
    expect(doc.activities.map((a) => a.section)).toEqual(headings);
  });

  it('reads the glyph of a lone heading the sequence cannot place', () => {
    const doc = normalizeDocument(parsed(['Т. Нормативно-правовое обеспечение']), { ocrPages: new Set([1]) });
    expect(doc.activities[0]!.section).toBe('I. Нормативно-правовое обеспечение');
  });

  it('leaves digital headings as they are', () => {
    const doc = normalizeDocument(parsed(['I. Нормативно', 'У. Работа']), { ocrPages: new Set() });
    expect(doc.activities.map((a) => a.section)).toEqual(['I. Нормативно', 'У. Работа']);
  });
});

describe('normalizeDocument on OCR pages: cells', () => {
  it('an "ОО" read in lower case somewhere does not lower the others', () => {
    const doc = parsed(['1. Нормативно']);
    const base = doc.rows[1]!;
    const rows: PlanRow[] = [doc.rows[0]!, { ...base, responsible: 'Управление образования, оо' } as PlanRow, { ...base, number: '2.', responsible: 'Управление образования, ОО' } as PlanRow];
    const out = normalizeDocument({ ...doc, rows }, { ocrPages: new Set([1]) });
    expect(out.activities.map((a) => a.responsible)).toEqual(['Управление образования, ОО', 'Управление образования, ОО']);
  });
});
