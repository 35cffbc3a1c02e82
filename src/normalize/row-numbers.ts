import type { ActivityRow, PlanRow } from '../model/index.js';
import { editDistance } from './text-tokens.js';

const NUMBER = /^(\d{1,2})((?:\.\d{1,2})*)\.?$/;
const SECTION_NUMBER = /^(\d{1,2})\.?\s/;

/**
 * Row numbers that OCR garbled ("Е", "2:", "р" for "1.1.", "2.1.", "2.2.") restored from
 * their neighbours: the previous number in the section plus one at its last level, or the
 * section's own number with ".1" for the first row. Only rows whose number is not a number
 * at all are touched, and only when the sequence around them is numeric; `isOcr` says which
 * rows came from OCR.
 */
export function repairRowNumbers(rows: readonly PlanRow[], isOcr: (r: PlanRow) => boolean): PlanRow[] {
  let prev: string | null = null;
  let section: string | null = null;
  let style: 'dotted' | 'plain' | null = null;
  return rows.map((r) => {
    if (r.kind === 'section') {
      section = SECTION_NUMBER.exec(r.text)?.[1] ?? null;
      prev = null;
      return r;
    }
    const valid = NUMBER.test(r.number);
    const expected = isOcr(r) && r.number !== '' ? nextNumber(prev, section, style ?? 'dotted') : null;
    // OCR drops and misreads the dots of "2.5." ("25.", "341." for "3.1."): a number of the
    // wrong depth for its place in the sequence, a character or two away from the expected
    // one, is that one. A number of the right depth is trusted (plans do skip numbers).
    if (valid && !(expected && depth(r.number) !== depth(expected) && editDistance(r.number, expected) <= 2)) {
      prev = r.number;
      style ??= r.number.endsWith('.') ? 'dotted' : 'plain';
      return r;
    }
    if (!expected) return r;
    prev = expected;
    return { ...r, number: expected } satisfies ActivityRow;
  });
}

const depth = (n: string) => n.replace(/\.$/, '').split('.').length;

function nextNumber(prev: string | null, section: string | null, style: 'dotted' | 'plain'): string | null {
  const dot = style === 'dotted' ? '.' : '';
  if (prev) {
    const parts = prev.replace(/\.$/, '').split('.').map(Number);
    parts[parts.length - 1]! += 1;
    return parts.join('.') + dot;
  }
  if (section) return `${section}.1${dot}`;
  return null;
}
