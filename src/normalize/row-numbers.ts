import type { ActivityRow, PlanRow } from '../model/index.js';
import { closerOf, compareNumbers, depth, ROW_NUMBER as NUMBER, undotted } from '../model/row-number.js';
import { editDistance } from './text-tokens.js';

const SECTION_NUMBER = /^(\d{1,2})\.?\s/;

/**
 * Row numbers that OCR garbled ("Е", "2:", "р" for "1.1.", "2.1.", "2.2.") restored from
 * their neighbours: the previous number in the section plus one at its last level, or the
 * section's own number with ".1" for the first row. Only rows whose number is not a number
 * at all are touched, and only when the sequence around them is numeric; `isOcr` says which
 * rows came from OCR.
 */
export function repairRowNumbers(rows: readonly PlanRow[], isOcr: (r: PlanRow) => boolean): PlanRow[] {
  // A number the last step restores (the first row's, from the row after it) is a neighbour
  // the sequence goes by on the next pass ("02" between it and "3" is "2"): passes run until
  // the numbers hold, so repairing repaired rows changes nothing.
  let out = repairPass(rows, isOcr);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const again = repairPass(out, isOcr);
    if (again.every((r, i) => r.kind !== 'activity' || r.number === (out[i] as ActivityRow).number)) break;
    out = again;
  }
  return out;
}
const MAX_PASSES = 4;

function repairPass(rows: readonly PlanRow[], isOcr: (r: PlanRow) => boolean): PlanRow[] {
  let prev: string | null = null;
  let section: string | null = null;
  // The mark the plan closes its numbers with ("1.1.", "1)", "12"): a restored number wears it.
  let style: string | null = null;
  // A plan numbering its rows "1.1., 1.2." under its sections: OCR may drop every dot of a
  // number ("12" for "1.2.", even "1" for "1.1."), which only this evidence can tell from a
  // plain "12". Plans numbering rows 1, 2, 3 … across Arabic sections are left alone.
  const readable = rows.filter((r): r is ActivityRow => r.kind === 'activity' && NUMBER.test(r.number));
  const hierarchical = readable.filter((r) => depth(r.number) >= 2).length * 2 > readable.length;
  // A plan numbering its rows "1.", "2." … on through numbered sections: its rows read in
  // steps of one at the top level more often than in steps under a section. There a section's
  // number does not open its rows' numbers ("1." under "1. Диагностика" is not "1.1." misread).
  const flat = flatSteps(rows) > steps(readable, 2);
  const out = rows.map((row, i) => {
    if (row.kind === 'section') {
      section = SECTION_NUMBER.exec(row.text)?.[1] ?? null;
      prev = null;
      return row;
    }
    // A comma for a dot ("1,4.") is the one misreading that leaves the number plain to read;
    // the sequence would otherwise overrule it, and plans do repeat a number.
    const r = isOcr(row) && NUMBER.test(commasAsDots(row.number)) ? { ...row, number: commasAsDots(row.number) } : row;
    const valid = NUMBER.test(r.number);
    const expected = isOcr(r) && r.number !== '' ? nextNumber(prev, flat ? null : section, style ?? '.') : null;
    // OCR drops and misreads the dots of "2.5." ("25.", "341." for "3.1."): a number of the
    // wrong depth for its place in the sequence, a character or two away from the expected
    // one, is that one. A number of the right depth is trusted (plans do skip numbers).
    const misdotted = expected !== null && depth(r.number) !== depth(expected) &&
      (editDistance(r.number, expected) <= 2 || (hierarchical && editDistance(digits(r.number), digits(expected)) <= 1));
    // A digit lost or gained at a border ("7." between "16." and "18.", "13.3." between "3.2."
    // and "3.4."), or a number of the wrong depth ("9" between "3.1." and "3.3."): the next
    // row goes on from the expected number, so this one is it. A skip ("2.4., 2.6., 2.7.") has
    // the next row going on from its own.
    const next = rows[i + 1];
    const outOfSequence = expected !== null && valid && undotted(r.number) !== undotted(expected) &&
      (editDistance(r.number, expected) === 1 || depth(r.number) !== depth(expected)) &&
      next?.kind === 'activity' && next.number === nextNumber(expected, null, closerOf(expected));
    if (valid && !misdotted && !outOfSequence) {
      prev = r.number;
      style ??= closerOf(r.number);
      return r;
    }
    if (!expected) return r;
    prev = expected;
    return { ...r, number: expected } satisfies ActivityRow;
  });
  return out.map((r, i) => {
    // The first row of an unnumbered section has nothing before it to go by: the row after it
    // does ("те" before "2." is "1."). Run on the repaired rows so a second pass agrees.
    if (r.kind !== 'activity' || !isOcr(r) || r.number === '') return r;
    const before = out[i - 1];
    if (before?.kind === 'activity' && before.number !== '') return r;
    const number = oneBefore(out[i + 1]);
    if (number === null) return r;
    if (!NUMBER.test(r.number)) return { ...r, number } satisfies ActivityRow;
    // A readable first number the next row contradicts ("2." or "3." before "2.": numbering
    // runs upward) or that lacks the dot the rest carry ("1" before "2.") is misread too.
    const next = out[i + 1] as ActivityRow;
    const contradicted = depth(r.number) === depth(next.number) && compareNumbers(r.number, next.number) >= 0;
    return contradicted || `${r.number}.` === number ? ({ ...r, number } satisfies ActivityRow) : r;
  });
}

/** Neighbouring readable numbers of two levels or more, one apart at their last level. */
function steps(rows: readonly ActivityRow[], minDepth: number): number {
  let n = 0;
  for (let i = 1; i < rows.length; i++) {
    const a = undotted(rows[i - 1]!.number).split('.').map(Number), b = undotted(rows[i]!.number).split('.').map(Number);
    if (a.length >= minDepth && a.length === b.length && a.slice(0, -1).join('.') === b.slice(0, -1).join('.') && b.at(-1) === a.at(-1)! + 1) n++;
  }
  return n;
}

/**
 * Neighbouring one-level numbers one apart ("7.", "8."), leaving out those that may be a
 * section's numbers with their dots lost ("11.", "12." under section 1 are "1.1.", "1.2.").
 */
function flatSteps(rows: readonly PlanRow[]): number {
  let n = 0;
  let section: string | null = null;
  let prev: number | null = null;
  for (const r of rows) {
    if (r.kind === 'section') {
      section = SECTION_NUMBER.exec(r.text)?.[1] ?? null;
      continue;
    }
    const plain = /^(\d{1,2})[.)]?$/.exec(r.number);
    const value = plain && !(section !== null && plain[1]!.length > 1 && plain[1]!.startsWith(section)) ? Number(plain[1]) : null;
    if (value !== null && prev !== null && value === prev + 1) n++;
    prev = value;
  }
  return n;
}

const commasAsDots = (n: string) => n.replace(/(\d),(?=\d)/g, '$1.');
const digits = (n: string) => n.replace(/\D/g, '');

/** One less than the row's number at its last level, when it reads as a number of 2 or more. */
function oneBefore(next: PlanRow | undefined): string | null {
  if (next?.kind !== 'activity' || !NUMBER.test(next.number)) return null;
  const parts = undotted(next.number).split('.').map(Number);
  if (parts.at(-1)! < 2) return null;
  parts[parts.length - 1]! -= 1;
  return parts.join('.') + closerOf(next.number);
}

function nextNumber(prev: string | null, section: string | null, closer: string): string | null {
  if (prev) {
    const parts = undotted(prev).split('.').map(Number);
    parts[parts.length - 1]! += 1;
    return parts.join('.') + closer;
  }
  // Bracketed numbers ("1)") count on through a plan's sections rather than under them.
  if (section && closer !== ')') return `${section}.1${closer}`;
  return null;
}
