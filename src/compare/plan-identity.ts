import { tokenize } from '../normalize/text-tokens.js';
import { compareSources, type RankedSource } from './source-rank.js';

/*
 * Which stored files are one plan. A roadmap comes as DOCX, PDF, scan and photo; each is a
 * document of its own, and counted as such the comparison shows one municipality four times
 * and lets a photo of page 1 stand for a plan. Two rules make files one plan:
 *
 * - the act: the same approving act (number and date) for the same territory;
 * - the rows: where the act is not known on both (OCR'd headers, photos of the table only,
 *   plans that print no act), most of the smaller file's activities are the larger one's.
 *
 * Nothing known about two files may disagree: another region, municipality, ОКТМО, level, act
 * number or act date keeps them apart whatever their rows say — a municipal plan copies whole
 * rows of the regional one and stays its own plan. Groups are merged greedily, the closest
 * pair first, and a merge is checked against everything the group already knows, so a file
 * that knows nothing (a photo) cannot chain two different plans together.
 */

/** What identifies a plan, as a file states it or a group of files agrees on it. */
export interface PlanFacts {
  region: string | null;
  municipality: string | null;
  oktmo: string | null;
  level: string | null;
  actNumber: string | null;
  actDate: string | null;
  title: string | null;
}

export interface SourceDocument extends RankedSource, PlanFacts {
  isReference: boolean;
  /** The activity cells, in row order. */
  activities: readonly string[];
}

export type GroupedBy = 'single' | 'act' | 'rows' | 'act,rows';

export interface PlanGroup extends PlanFacts {
  /** The smallest document id of the group: stable while the group keeps its first file. */
  id: number;
  /** The group's documents, best source first (compareSources). */
  sources: SourceDocument[];
  groupedBy: GroupedBy;
  /** One of the files is marked a reference: the plan is (read through its best source). */
  isReference: boolean;
}

/** Share of the smaller file's activities the larger one must have for the two to be one plan. */
export const SAME_ROWS_SHARE = 0.8;
/** Word-set overlap at which two activity cells are the same row read twice (OCR misreads a word or two). */
export const SAME_ROW_JACCARD = 0.8;
/**
 * An activity text met in more files than this says which programme a plan belongs to, not
 * which plan it is (regional rows copied into every municipal plan); such texts do not
 * propose pairs to compare, though they still count when a pair is compared. Keeps the
 * pairing near-linear in the number of files.
 */
const MAX_FILES_PER_ROW_KEY = 40;

const FIELDS = ['region', 'municipality', 'oktmo', 'level', 'actNumber', 'actDate'] as const;
type Field = (typeof FIELDS)[number];

interface Group {
  id: number;
  members: Prepared[];
  known: Record<Field, Set<string>>;
  by: Set<'act' | 'rows'>;
}

interface Prepared {
  doc: SourceDocument;
  rows: { key: string; words: Set<string> }[];
  keys: Set<string>;
  group: Group;
}

/** Groups the stored documents (ok or partial) into plans, each with its sources ranked. */
export function groupPlans(documents: readonly SourceDocument[]): PlanGroup[] {
  const prepared = [...documents].sort((a, b) => a.id - b.id).map(prepare);

  // The act: same number and date (and nothing known that disagrees).
  const byAct = new Map<string, Prepared[]>();
  for (const p of prepared) {
    const number = actNumberKey(p.doc.actNumber);
    if (number === null || p.doc.actDate === null) continue;
    const key = `${number}|${p.doc.actDate}`;
    pushTo(byAct, key, p);
  }
  for (const files of byAct.values()) {
    for (let i = 1; i < files.length; i++) {
      for (let j = 0; j < i; j++) if (merge(files[j]!.group, files[i]!.group, 'act')) break;
    }
  }

  // The rows: pairs proposed by a shared activity text or a shared territory, scored, merged
  // best first.
  const candidates = new Map<string, [Prepared, Prepared]>();
  const propose = (list: readonly Prepared[]) => {
    if (list.length > MAX_FILES_PER_ROW_KEY) return;
    for (let i = 1; i < list.length; i++) {
      for (let j = 0; j < i; j++) candidates.set(`${list[j]!.doc.id}|${list[i]!.doc.id}`, [list[j]!, list[i]!]);
    }
  };
  const byRow = new Map<string, Prepared[]>();
  const byTerritory = new Map<string, Prepared[]>();
  for (const p of prepared) {
    for (const k of p.keys) pushTo(byRow, k, p);
    const t = territoryKey(p.doc);
    if (t !== null) pushTo(byTerritory, t, p);
  }
  for (const list of byRow.values()) propose(list);
  for (const list of byTerritory.values()) propose(list);

  const edges: { a: Prepared; b: Prepared; share: number; matched: number }[] = [];
  for (const [a, b] of candidates.values()) {
    if (a.group === b.group || !compatible(a.group, b.group)) continue;
    const { share, matched } = rowOverlap(a, b);
    const smaller = Math.min(a.rows.length, b.rows.length);
    if (share >= SAME_ROWS_SHARE && matched >= Math.min(2, smaller)) edges.push({ a, b, share, matched });
  }
  edges.sort((x, y) => y.share - x.share || y.matched - x.matched || x.a.doc.id - y.a.doc.id || x.b.doc.id - y.b.doc.id);
  for (const e of edges) merge(e.a.group, e.b.group, 'rows');

  const groups = [...new Set(prepared.map((p) => p.group))];
  return groups.map(toPlan).sort((a, b) => a.id - b.id);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function prepare(doc: SourceDocument): Prepared {
  const rows = doc.activities.map((text) => {
    const words = tokenize(text).map((t) => t.lower).filter((w) => /[\p{L}\p{N}]/u.test(w));
    return { key: words.join(' '), words: new Set(words) };
  }).filter((r) => r.key !== '');
  const known = Object.fromEntries(FIELDS.map((f) => [f, new Set<string>()])) as Record<Field, Set<string>>;
  const p: Prepared = { doc, rows, keys: new Set(rows.map((r) => r.key)), group: { id: doc.id, members: [], known, by: new Set() } };
  p.group.members.push(p);
  for (const f of FIELDS) {
    const v = fieldValue(doc, f);
    if (v !== null) known[f].add(v);
  }
  return p;
}

/** A field as compared: case, «ё», dashes and spacing folded; act numbers without their punctuation. */
function fieldValue(doc: SourceDocument, f: Field): string | null {
  const raw = doc[f];
  if (raw === null || raw.trim() === '') return null;
  if (f === 'actNumber') return actNumberKey(raw);
  return raw.toLowerCase().replace(/ё/g, 'е').replace(/[‐-―−]/g, '-').replace(/\s+/g, ' ').trim();
}

/** «№ 491/01-08», «491/01–08» and «491 / 01-08» are one number; look-alike Latin letters read as Cyrillic. */
function actNumberKey(raw: string | null): string | null {
  if (raw === null) return null;
  const key = raw.toLowerCase().replace(/[aceopxy]/g, (c) => 'асеорху'['aceopxy'.indexOf(c)]!).replace(/[^\p{L}\p{N}]/gu, '');
  return key === '' ? null : key;
}

function territoryKey(doc: SourceDocument): string | null {
  if (doc.oktmo !== null) return `oktmo:${doc.oktmo}`;
  const region = fieldValue(doc, 'region');
  if (region === null) return null;
  return `${region}|${fieldValue(doc, 'municipality') ?? ''}|${fieldValue(doc, 'level') ?? ''}`;
}

/**
 * Nothing the two groups know disagrees. A municipality is compared by its ОКТМО code when
 * both know one (names drift: «… муниципальный район» became «… городской округ»), else by name.
 */
function compatible(a: Group, b: Group): boolean {
  const disjoint = (f: Field) => a.known[f].size > 0 && b.known[f].size > 0 && ![...a.known[f]].some((v) => b.known[f].has(v));
  if (disjoint('oktmo')) return false;
  const byCode = a.known.oktmo.size > 0 && b.known.oktmo.size > 0;
  return !disjoint('region') && (byCode || !disjoint('municipality')) && !disjoint('level') && !disjoint('actNumber') && !disjoint('actDate');
}

function merge(a: Group, b: Group, by: 'act' | 'rows'): boolean {
  if (a === b) return true;
  if (!compatible(a, b)) return false;
  const [keep, gone] = a.id < b.id ? [a, b] : [b, a];
  for (const m of gone.members) {
    m.group = keep;
    keep.members.push(m);
  }
  for (const f of FIELDS) for (const v of gone.known[f]) keep.known[f].add(v);
  for (const x of gone.by) keep.by.add(x);
  keep.by.add(by);
  return true;
}

/**
 * Share of the smaller file's rows found in the larger one: the same normalised text, or (a
 * row read by OCR) nearly the same words. Each row of the larger file answers one row only,
 * so a plan repeating a row twice is not matched by a file holding it once.
 */
function rowOverlap(a: Prepared, b: Prepared): { share: number; matched: number } {
  const [small, large] = a.rows.length <= b.rows.length ? [a, b] : [b, a];
  if (small.rows.length === 0) return { share: 0, matched: 0 };
  const used = new Set<number>();
  let matched = 0;
  for (const r of small.rows) {
    let hit = large.rows.findIndex((x, i) => !used.has(i) && x.key === r.key);
    if (hit < 0) hit = large.rows.findIndex((x, i) => !used.has(i) && jaccard(x.words, r.words) >= SAME_ROW_JACCARD);
    if (hit >= 0) {
      used.add(hit);
      matched += 1;
    }
  }
  return { share: matched / small.rows.length, matched };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

function toPlan(g: Group): PlanGroup {
  const sources = g.members.map((m) => m.doc).sort(compareSources);
  // Metadata from the best source, gaps filled from the next: a photo may show the act
  // number that the scan's OCR lost.
  const first = <K extends 'region' | 'municipality' | 'oktmo' | 'level' | 'actNumber' | 'actDate' | 'title'>(k: K): string | null =>
    sources.find((s) => s[k] !== null && s[k]!.trim() !== '')?.[k] ?? null;
  const groupedBy: GroupedBy = sources.length === 1 ? 'single'
    : g.by.has('act') && g.by.has('rows') ? 'act,rows' : g.by.has('act') ? 'act' : 'rows';
  return {
    id: g.id,
    sources,
    groupedBy,
    region: first('region'),
    municipality: first('municipality'),
    oktmo: first('oktmo'),
    level: first('level'),
    actNumber: first('actNumber'),
    actDate: first('actDate'),
    title: first('title'),
    isReference: sources.some((s) => s.isReference),
  };
}
