import type { ActivityRow, PlanRow } from '../model/index.js';
import { cleanText } from './cell-text.js';
import { CAPITALISED, OCR_ROMAN_START, SECTION_TEXT, type GridColumn, type GridRow } from './grid.js';

/** Share of rows carrying a number above which a plan counts as numbering every row. */
const FULLY_NUMBERED_SHARE = 0.85;
const YEAR_HEADING = /^\d{4}\s*(г\.?|год)\s*$/iu;
/** A heading's number whose stop OCR read as a comma, before a capitalised word. */
const OCR_COMMA_HEADING = /^(\d{1,2}),\s+(?=\p{Lu}\p{Ll})/u;
const SECTION_WORD = /^(раздел|блок|этап|направление)(\s+(\d{1,2}|[IVXLC]{1,5})\.?)?$/iu;
const SINGLE_LEVEL = /^(\d{1,2}|[IVXLC]{1,5})\.?$/;
/** A word of three letters or a number of two digits: what any heading has. */
const WORD = /\p{L}{3}|\d{2}/u;

/**
 * Grid rows → plan rows: section headings recognised, rows that continue over a page break
 * joined to their row, each activity tagged with its section.
 */
export function gridToPlanRows(columns: readonly GridColumn[], rows: readonly GridRow[]): PlanRow[] {
  const idx = (role: string) => columns.findIndex((c) => c.role === role);
  const iNum = idx('number'), iAct = idx('activity'), iResp = idx('responsible'), iDead = idx('deadline'), iRes = idx('result');
  const at = (r: GridRow, i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
  const headerTexts = columns.map((c) => norm(c.header));
  const numbered = rows.filter((r) => at(r, iNum) !== '').length;
  const candidates = rows.filter((r) => r.cells.some((c) => c.trim() !== '') && !r.spans).length;
  // A plan that numbers (nearly) every row: a row without a number is the rest of the one above.
  const fullyNumbered = iNum >= 0 && candidates > 2 && numbered >= FULLY_NUMBERED_SHARE * candidates;
  const out: PlanRow[] = [];
  let section = '';
  let last: ActivityRow | null = null;

  // A dropped speck row that opened a page hands that mark on to the row after it.
  let pageStartDropped = false;
  // The cells a row split at a page break left at the foot of the page before.
  let carried: GridRow | null = null;
  for (let i = 0; i < rows.length; i++) {
    const g0 = rows[i]!;
    const g: GridRow = carried ? { ...g0, cells: g0.cells.map((c, k) => joinText((carried!.cells[k] ?? '').trim(), c.trim())) } : g0;
    carried = null;
    const r: GridRow = pageStartDropped ? { ...g, pageStart: true } : g;
    pageStartDropped = false;
    const filled = r.cells.map((c, k) => ({ k, t: c.trim() })).filter((c) => c.t !== '');
    if (filled.length === 0) continue;
    if (filled.length >= 2 && filled.every((c) => norm(c.t) === headerTexts[c.k])) continue; // repeated header
    // Specks and border stubs OCR reads as letters ("т ох ИС") can span the table; a heading
    // has at least one real word or number. Dropped, the row above can still continue below.
    if (r.spans && r.ocr && !filled.some((c) => WORD.test(c.t))) {
      pageStartDropped = r.pageStart === true;
      continue;
    }
    const provenance = { page: r.page, bbox: r.bbox, pages: r.page ? [r.page] : [] };

    const sectionText = asSection(r, filled, iNum, iAct, columns.length, numbered);
    if (sectionText !== null) {
      section = sectionText;
      out.push({ kind: 'section', text: sectionText, provenance });
      last = null;
      continue;
    }
    const number = cleanNumber(at(r, iNum));
    const fields = { activity: at(r, iAct), responsible: at(r, iResp), deadline: at(r, iDead), result: at(r, iRes) };
    // A page's last row with no number or activity, where the next page opens with a new
    // activity: the top of that row, whose other cells the break carried over (a deadline
    // left at the foot of the page), not the rest of the row above.
    const next = rows[i + 1];
    if (!number && !fields.activity && iAct >= 0 && next?.pageStart && next.page !== r.page && !cleanNumber(at(next, iNum)) && /^[\p{Lu}«"]/u.test(at(next, iAct))) {
      carried = r;
      continue;
    }
    if (last && shouldContinue(r, number, fields, last, fullyNumbered)) {
      last.activity = joinText(last.activity, fields.activity);
      last.responsible = joinText(last.responsible, fields.responsible);
      last.deadline = joinText(last.deadline, fields.deadline);
      last.result = joinText(last.result, fields.result);
      columns.forEach((c, k) => {
        if (c.role === 'extra' && at(r, k)) last!.extra[c.header] = joinText(last!.extra[c.header] ?? '', at(r, k));
      });
      if (r.page && !last.provenance.pages.includes(r.page)) last.provenance.pages.push(r.page);
      last.confidence = Math.min(last.confidence, r.conf);
      continue;
    }
    const extra: Record<string, string> = {};
    columns.forEach((c, k) => {
      if (c.role === 'extra' && at(r, k)) extra[c.header || `column ${k + 1}`] = at(r, k);
    });
    if (last && r.inherit) {
      const field = { [iResp]: 'responsible', [iDead]: 'deadline', [iRes]: 'result' } as Record<number, 'responsible' | 'deadline' | 'result'>;
      for (const k of r.inherit) {
        const f = field[k];
        if (f && !fields[f]) fields[f] = last[f];
        else if (columns[k]?.role === 'extra' && last.extra[columns[k]!.header]) extra[columns[k]!.header] = last.extra[columns[k]!.header]!;
      }
    }
    // A row with nothing in any cell once cleaned but a letter or two (OCR's remnants of a
    // wrapped header label, «ти», «я» under «№ п/п», which no number is) says nothing of the plan.
    if (!number && Object.values(fields).every((v) => !v) && Object.values(extra).every((v) => /^\p{Ll}{0,3}$/u.test(v))) continue;
    const row: ActivityRow = { kind: 'activity', number, ...fields, extra, section, confidence: r.conf, provenance };
    out.push(row);
    last = row;
  }
  // A heading with no activity under it at the very end is not a section of the plan but the
  // text after a table the page did not close (a signature, "Начальник управления …" set
  // right below a borderless table).
  while (out.at(-1)?.kind === 'section') out.pop();
  return out;
}

function asSection(
  r: GridRow,
  filled: { k: number; t: string }[],
  iNum: number,
  iAct: number,
  ncols: number,
  _numbered: number,
): string | null {
  if (r.spans) return cleanText(filled.map((c) => c.t).join(' '));
  // "Этап" | "1." | "Диагностика" — a heading's word in the number cell is no row number,
  // whatever cells the heading's words fell in.
  if (iNum >= 0 && filled[0]!.k === iNum && SECTION_WORD.test(filled[0]!.t)) {
    const joined = cleanText(filled.map((c) => c.t).join(' '));
    if (SECTION_TEXT.test(joined)) return joined;
  }
  if (ncols > 1 && filled.length === 1) {
    const t = filled[0]!.t;
    if (SECTION_TEXT.test(t) || (r.ocr && OCR_ROMAN_START.test(t)) || (r.bold && filled[0]!.k <= Math.max(iNum, iAct, 1))) return cleanText(t);
    // OCR's comma for the stop of a heading's number («1, Материально-техническое …»).
    if (r.ocr && OCR_COMMA_HEADING.test(t)) return cleanText(t.replace(OCR_COMMA_HEADING, '$1. '));
    return null;
  }
  // "1." | "Нормативно-правовое обеспечение" or "2020" | "год" with nothing else: a heading
  // laid over the number and activity cells. Bold, a Roman numeral or a year tells it from an
  // activity whose other cells are empty.
  if (filled.length === 2 && filled[0]!.k === iNum && filled[1]!.k === iAct) {
    const joined = cleanText(`${filled[0]!.t} ${filled[1]!.t}`);
    const strong = r.bold || /^[IVXLC]+\.?$/.test(filled[0]!.t) || YEAR_HEADING.test(joined);
    if (strong && (SINGLE_LEVEL.test(filled[0]!.t) || YEAR_HEADING.test(joined)) && SECTION_TEXT.test(joined)) return joined;
  }
  return null;
}

/**
 * A row continues the previous activity when it opens a page (or has no activity text at
 * all), has no number of its own, and either the plan numbers its rows or it leaves empty
 * a column the previous row filled — a new activity fills its columns, a cell's overflow
 * onto the next page usually does not.
 */
function shouldContinue(
  r: GridRow,
  number: string,
  f: { activity: string; responsible: string; deadline: string; result: string },
  last: ActivityRow,
  fullyNumbered: boolean,
): boolean {
  if (number) return false;
  // In a plan numbering every row, one without is the rest of the row above — unless OCR lost
  // the number of a row set out in full: its activity and two more cells begin anew.
  if (fullyNumbered && last.number) return !(r.ocr && !r.pageStart && opensOwnRow(f));
  if (!f.activity && (f.responsible || f.deadline || f.result) && !r.pageStart) return true;
  if (!r.pageStart) return false;
  if (last.number) return true;
  // A row of its own opens the page where its activity and another cell begin with a
  // capitalised word: a cell split at the break goes on mid-sentence, and the column left
  // empty is then a responsible party merged down from the page before.
  if (CAPITALISED.test(f.activity) && [f.responsible, f.deadline, f.result].some((c) => CAPITALISED.test(c))) return false;
  // An activity going on in lower case is the rest of the one above, though every cell of
  // the row ran over the break.
  if (/^\p{Ll}/u.test(f.activity)) return true;
  const prev = [last.activity, last.responsible, last.deadline, last.result];
  const cur = [f.activity, f.responsible, f.deadline, f.result];
  return prev.some((p, k) => p !== '' && cur[k] === '');
}

/** An activity opening with a capitalised word beside two more cells opening with a capital or a digit. */
function opensOwnRow(f: { activity: string; responsible: string; deadline: string; result: string }): boolean {
  if (!CAPITALISED.test(f.activity)) return false;
  return [f.responsible, f.deadline, f.result].filter((c) => /^[\p{Lu}\d«"]/u.test(c)).length >= 2;
}

function cleanNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/^№/, '');
}

function joinText(a: string, b: string): string {
  if (!b) return a;
  if (!a) return b;
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a + b;
  return `${a} ${b}`;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
