import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityRow, PlanRow } from '../../src/model/index.js';
import { PlanRow as PlanRowSchema } from '../../src/model/plan.js';
import { repairRowNumbers } from '../../src/normalize/row-numbers.js';
import { repairSectionNumber } from '../../src/normalize/ocr-repair.js';
import { gridToPlanRows } from '../../src/parse/rows-to-plan.js';
import { isColumnNumbering, ROW_START, type GridColumn, type GridRow } from '../../src/parse/grid.js';

const prov = { page: 1, bbox: null, pages: [1] };
const sec = (text: string): PlanRow => ({ kind: 'section', text, provenance: prov });
const act = (number: string, activity = 'Мероприятие'): ActivityRow => ({
  kind: 'activity', number, activity, responsible: 'УО', deadline: '2021', result: 'Отчёт', extra: {}, section: '', confidence: 0.9, provenance: prov,
});
const numbers = (rows: readonly PlanRow[]) => rows.flatMap((r) => (r.kind === 'activity' ? [r.number] : []));

/** Roman numerals the section repair accepts (I … XXIX). */
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXIV', 'XXIX'];
/** Glyphs Tesseract returns for the letters of a Roman numeral (domain.md: "Т." = I, "Ш." = III, "ТУ." = IV, "У." = V). */
const ROMAN_MISREADS: Record<string, readonly string[]> = { I: ['I', 'Т', 'T', 'l', 'І', '|', '!'], V: ['V', 'У', 'Y'], X: ['X', 'Х'] };
/** Whole groups read as one glyph. */
const GROUP_MISREADS: readonly [string, readonly string[]][] = [['III', ['Ш', 'ш']], ['II', ['П', 'п']]];
/** What OCR leaves of a number in a narrow column: never a number itself. */
const JUNK = ['Е', 'р', 'п', '|', 'l.', '2:', '.', '—', 'ё'];
const TITLES = ['Нормативно-правовое обеспечение', 'Мониторинг', 'Методическое сопровождение', 'Работа с родителями'];

/**
 * A clean plan: sections "k. Title", each with items numbered k.1 … k.n in one style, as the
 * documents number them.
 */
const cleanPlan = fc.record({
  sections: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
  dotted: fc.boolean(),
  title: fc.constantFrom(...TITLES),
}).map(({ sections, dotted, title }) => {
  const rows: PlanRow[] = [];
  sections.forEach((n, s) => {
    rows.push(sec(`${s + 1}. ${title}`));
    for (let i = 1; i <= n; i++) rows.push(act(`${s + 1}.${i}${dotted ? '.' : ''}`));
  });
  return { rows, dotted };
});

/** OCR damage to one number: junk in its place, or a dot lost ("2.5." → "25.") or read as a digit ("3.1." → "341."). */
const garble = (n: string, how: number, junk: string): string => {
  const inner = n.indexOf('.');
  if (how === 0 || inner < 0 || inner === n.length - 1) return junk;
  if (how === 1) return n.slice(0, inner) + n.slice(inner + 1);
  return `${n.slice(0, inner)}4${n.slice(inner + 1)}`;
};

describe('repairRowNumbers properties', () => {
  it('restores every garbled number of a numbered plan from its neighbours', () => {
    fc.assert(
      fc.property(
        cleanPlan,
        fc.infiniteStream(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...JUNK))),
        ({ rows, dotted }, damage) => {
          const it = damage[Symbol.iterator]();
          let firstActivity = true;
          const garbled = rows.map((r) => {
            if (r.kind !== 'activity') return r;
            const [odds, how, junk] = it.next().value as [number, number, string];
            // Plain style is learnt from the first number read: that one must survive.
            const spare = firstActivity && !dotted;
            firstActivity = false;
            return odds === 0 && !spare ? { ...r, number: garble(r.number, how, junk) } : r;
          });
          expect(numbers(repairRowNumbers(garbled, () => true))).toEqual(numbers(rows));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('trusts valid numbers of the right depth, skips and all, and touches nothing but numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (steps, dotted) => {
        const rows: PlanRow[] = [];
        steps.forEach((gaps, s) => {
          rows.push(sec(`${s + 1}. Раздел`));
          let i = 0;
          for (const g of gaps) rows.push(act(`${s + 1}.${(i += g)}${dotted ? '.' : ''}`));
        });
        expect(repairRowNumbers(rows, () => true)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary numbers and sections, leaves digital rows alone, and is idempotent on OCR rows', () => {
    const row = fc.oneof(
      fc.string({ maxLength: 12 }).map(sec),
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...JUNK, '1.', '1.1.', '2.10', '99.99.', '100.', '1..2', 'IV.')).map((n) => act(n)),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        expect(repairRowNumbers(rows, () => false)).toEqual(rows);
        const once = repairRowNumbers(rows, () => true);
        expect(once).toHaveLength(rows.length);
        once.forEach((r, k) => {
          expect(PlanRowSchema.parse(r)).toEqual(r);
          // Only the number may change, and an empty one stays empty.
          expect({ ...r, number: '' }).toEqual({ ...rows[k]!, number: '' });
          if (rows[k]!.kind === 'activity' && (rows[k] as ActivityRow).number === '') expect((r as ActivityRow).number).toBe('');
        });
        expect(repairRowNumbers(once, () => true)).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('section number repair properties', () => {
  const romanHeading = fc.tuple(fc.constantFrom(...ROMAN), fc.constantFrom(...TITLES));

  it('leaves correct Roman and Arabic headings as they are', () => {
    fc.assert(
      fc.property(romanHeading, fc.integer({ min: 1, max: 99 }), ([r, title], n) => {
        expect(repairSectionNumber(`${r}. ${title}`)).toBe(`${r}. ${title}`);
        expect(repairSectionNumber(`${n}. ${title}`)).toBe(`${n}. ${title}`);
      }),
    );
  });

  it('reads any OCR misreading of a Roman section number as the numeral, with or without the space', () => {
    fc.assert(
      fc.property(romanHeading, fc.infiniteStream(fc.nat()), fc.boolean(), ([roman, title], picks, space) => {
        const it = picks[Symbol.iterator]();
        const pick = <T>(xs: readonly T[]): T => xs[(it.next().value as number) % xs.length]!;
        let garbled = '';
        for (let rest = roman; rest.length > 0;) {
          const group = GROUP_MISREADS.find(([g]) => rest.startsWith(g) && pick([true, false]));
          if (group) {
            garbled += pick(group[1]);
            rest = rest.slice(group[0].length);
          } else {
            garbled += pick(ROMAN_MISREADS[rest[0]!]!);
            rest = rest.slice(1);
          }
        }
        const heading = `${garbled}.${space ? ' ' : ''}${title}`;
        expect(repairSectionNumber(heading), heading).toBe(`${roman}. ${title}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and never changes text that does not open with a numeral-like token and a dot', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const out = repairSectionNumber(s);
        if (!/^\s*[^\s.]{1,5}\s*\./u.test(s)) expect(out).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('row-number parsing in the table grid', () => {
  const COLUMNS: GridColumn[] = [
    { role: 'number', header: '№ п/п' }, { role: 'activity', header: 'Мероприятие' }, { role: 'responsible', header: 'Ответственные' },
    { role: 'deadline', header: 'Сроки' }, { role: 'result', header: 'Результат' },
  ];
  const gridRow = (cells: string[], spans: boolean | null = null): GridRow => ({ cells, spans, bold: false, page: 1, bbox: null, conf: 1, ocr: false, pageStart: false });
  const heading = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom(...TITLES)).map(([n, t]) => `${n}. ${t}`),
    fc.tuple(fc.constantFrom(...ROMAN), fc.constantFrom(...TITLES)).map(([r, t]) => `${r}. ${t}`),
    fc.integer({ min: 2019, max: 2030 }).map((y) => `${y} год`),
  );
  const number = fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 }).chain((parts) =>
    fc.boolean().map((dot) => parts.join('.') + (dot ? '.' : '')));
  /** The same number as a PDF text layer or OCR spaces it: "1. 2.", "№1.2", "1 .2". */
  const spaced = (n: string, at: number[], sign: boolean) =>
    (sign ? '№' : '') + [...n].map((ch, i) => (at.includes(i) ? ` ${ch}` : ch)).join('');

  it('every numbered row is an activity keeping its number (spacing and "№" dropped) under the heading above it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(heading, fc.array(fc.tuple(number, fc.array(fc.nat({ max: 12 }), { maxLength: 2 }), fc.boolean()), { minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (plan, mergedHeadings) => {
          const rows: GridRow[] = [];
          const expected: { number: string; section: string }[] = [];
          for (const [h, items] of plan) {
            // A merged heading cell (DOCX span) or a heading alone in the activity column.
            rows.push(mergedHeadings ? gridRow([h, '', '', '', ''], true) : gridRow(['', h, '', '', '']));
            for (const [n, at, sign] of items) {
              rows.push(gridRow([spaced(n, at, sign), 'Провести семинар', 'УО', 'март 2021', 'Проведён']));
              expected.push({ number: n, section: h });
            }
          }
          const out = gridToPlanRows(COLUMNS, rows);
          expect(out.filter((r) => r.kind === 'section').map((r) => (r.kind === 'section' ? r.text : ''))).toEqual(plan.map(([h]) => h));
          expect(out.flatMap((r) => (r.kind === 'activity' ? [{ number: r.number, section: r.section }] : []))).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('ROW_START accepts every row number and year heading the plans use, and no activity text', () => {
    fc.assert(
      fc.property(number, fc.constantFrom(...ROMAN), fc.integer({ min: 1990, max: 2099 }), fc.constantFrom(...TITLES), (n, r, y, title) => {
        expect(ROW_START.test(n), n).toBe(true);
        expect(ROW_START.test(`${r}.`)).toBe(true);
        expect(ROW_START.test(`${y} год`)).toBe(true);
        expect(ROW_START.test(title)).toBe(false);
      }),
    );
  });

  it('a row numbering the columns "1 | 2 | 3 …" is told from a numbered activity row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 8 }), fc.boolean(), number, (width, dots, n) => {
        expect(isColumnNumbering(Array.from({ length: width }, (_, k) => `${k + 1}${dots ? '.' : ''}`))).toBe(true);
        expect(isColumnNumbering([n, 'Провести семинар', 'УО', 'март 2021'])).toBe(false);
      }),
    );
  });
});
