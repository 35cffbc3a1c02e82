import type { Vocabulary } from './vocabulary.js';
import type { ActivityRow, NormalizedActivity, NormalizedDocument, ParsedDocument, PlanRow } from '../model/index.js';
import { collectInlineAbbreviations, extractActors } from './actors.js';
import { parseDeadline, yearOfSection } from './deadlines.js';
import { canonicalPlaces, normalizeActDate } from './places.js';
import { dropSpecksBeforeLabel, lowerInventedCapitals, lowercaseWords, repairOcrText, repairSectionNumber } from './ocr-repair.js';
import { repairRowNumbers } from './row-numbers.js';
import { repairSectionLabels, repairSectionSequence } from './section-numbers.js';
import { createSpeller, memo } from './spelling.js';

export interface NormalizeOptions {
  /** Pages whose words came from OCR: their rows get OCR repairs. */
  ocrPages: ReadonlySet<number>;
  /** Party vocabulary to code with (a user's file merged in); the shipped one when absent. */
  vocabulary?: Vocabulary;
}

/**
 * Parsed plan → canonical values: OCR'd text repaired, responsible parties mapped to the
 * vocabulary (with abbreviations the document defines itself), deadlines structured with
 * years taken from the section or the plan's period, places in one nominative form.
 */
export function normalizeDocument(parsed: ParsedDocument, opts: NormalizeOptions): NormalizedDocument {
  const fromOcr = (r: PlanRow) => r.provenance.page !== null && opts.ocrPages.has(r.provenance.page);
  // The document's own spelling is only consulted for OCR'd cells: digital files skip it.
  const texts = opts.ocrPages.size === 0 ? [] : parsed.rows.flatMap((r) => (r.kind === 'section' ? [r.text] : [r.activity, r.responsible, r.deadline, r.result]));
  // Each text is repaired once: the same cells feed the document's words and the rows, and
  // every row of a section carries its heading again.
  const repair = memo(repairOcrText);
  // From the repaired text: a misread "оо" would otherwise vouch for lowering every "ОО".
  const documentWords = lowercaseWords(texts.map(repair));
  // The dictionary is read on the first OCR'd document only: digital files never load it.
  const spell = opts.ocrPages.size === 0 ? (s: string) => s : createSpeller(texts);
  // Spelling before lowering: a repaired word can then be found in lower case elsewhere.
  const cell = (s: string) => lowerInventedCapitals(spell(repair(s)), documentWords);
  // Headings are compared whole and often written once: their words take an unvouched repair.
  const heading = memo((s: string) => spell(repair(dropSpecksBeforeLabel(s)), { unvouched: true }));
  const repaired: PlanRow[] = parsed.rows.map((r) => {
    if (!fromOcr(r)) return r;
    if (r.kind === 'section') return { ...r, text: heading(r.text) };
    return {
      ...r,
      number: repair(r.number),
      activity: cell(r.activity),
      responsible: cell(r.responsible),
      deadline: cell(r.deadline),
      result: cell(r.result),
      section: heading(r.section),
    };
  });
  // Section numbers from their sequence first, while look-alikes are still raw: "У." after
  // "III." is IV by its place, where the glyph alone would read V and break the sequence.
  // What the sequence cannot place (a lone heading) gets the glyph reading after.
  const numbered = repairSectionSequence(repairSectionLabels(repaired, fromOcr), fromOcr).map((r): PlanRow => {
    if (!fromOcr(r)) return r;
    return r.kind === 'section' ? { ...r, text: repairSectionNumber(r.text) } : { ...r, section: repairSectionNumber(r.section) };
  });
  const rows = repairRowNumbers(numbered, fromOcr);
  const activityRows = rows.filter((r): r is ActivityRow => r.kind === 'activity');
  const level = parsed.meta.level;
  const vocabulary = opts.vocabulary ? { vocabulary: opts.vocabulary } : {};
  const abbreviations = collectInlineAbbreviations([...parsed.preamble, ...activityRows.map((r) => r.responsible)], { level, ...vocabulary });
  // A region the document does not name comes from its municipality through the classifier (ОКТМО).
  const places = canonicalPlaces(parsed.meta.region, parsed.meta.municipality);
  const meta = {
    ...parsed.meta,
    region: places.region,
    municipality: places.municipality,
    oktmo: places.oktmo,
    actDate: parsed.meta.actDate ? normalizeActDate(parsed.meta.actDate) ?? parsed.meta.actDate : null,
  };
  const activities: NormalizedActivity[] = activityRows.map((r) => ({
    ...r,
    actors: extractActors(r.responsible, { abbreviations, level, ...vocabulary }),
    deadlineParsed: parseDeadline(r.deadline, {
      sectionYear: yearOfSection(r.section),
      periodFrom: meta.periodFrom,
      periodTo: meta.periodTo,
    }),
  }));
  return { ...parsed, meta, rows, activities };
}
