/**
 * One plan drawn from a seed: its traits (layout choices), its metadata, preamble and rows, and
 * the gold record a perfect pipeline must extract from any rendering of it.
 */
import fs from 'node:fs';
import * as P from './pools.js';

export type Role = 'number' | 'activity' | 'responsible' | 'deadline' | 'result';
export type Traits = Record<string, string | number | boolean>;

/** mulberry32 */
export function rng(seed: number): () => number {
  let s = seed * 2654435761;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(public r: () => number) {}
  int(lo: number, hi: number): number { return lo + Math.floor(this.r() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.r() * xs.length)]!; }
  chance(p: number): boolean { return this.r() < p; }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(this.r() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; }
    return a;
  }
}

export interface Column { role: Role | 'extra'; header: string; extra?: number }
export type Row =
  | { kind: 'section'; label: string; title: string; text: string }
  | { kind: 'activity'; number: string; activity: string; responsible: string; actors: string[]; deadline: string; result: string; extras: string[]; /** rows this row's responsible cell spans (1 = none); 0 = covered by one above */ span: number };

export interface Plan {
  id: string;
  seed: number;
  traits: Traits;
  columns: Column[];
  rows: Row[];
  doc: { region: string; municipality: string; issuer: string; actType: string; number: string; date: string; title: string; from: number; to: number };
  issuerLines: string[];
  preamble: string[];
  signature: string;
  annexCaption: string;
  indicators: { header: string[]; rows: string[][] } | null;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const ACT_GEN: Record<string, string> = { постановление: 'постановлению', приказ: 'приказу', распоряжение: 'распоряжению' };
const VERB: Record<string, string> = { постановление: 'ПОСТАНОВЛЯЮ:', приказ: 'ПРИКАЗЫВАЮ:', распоряжение: 'ОБЯЗЫВАЮ:' };
const ACT_TITLE: Record<string, string> = { постановление: 'ПОСТАНОВЛЕНИЕ', приказ: 'ПРИКАЗ', распоряжение: 'РАСПОРЯЖЕНИЕ' };
export { ACT_TITLE };

let municipalities: { prefix: string; name: string; genitive: string }[] | null = null;
function loadMunicipalities(): { prefix: string; name: string; genitive: string }[] {
  if (municipalities) return municipalities;
  const oktmo = JSON.parse(fs.readFileSync('/work/shared/reference/oktmo-2019.json', 'utf8')) as Record<string, string>;
  const out: { prefix: string; name: string; genitive: string }[] = [];
  const prefixes = new Set(P.REGIONS.map((r) => r.prefix));
  for (const code of Object.keys(oktmo).sort()) {
    const name = oktmo[code]!;
    const prefix = code.slice(0, 2);
    if (!prefixes.has(prefix) || !/^\d\d[67]\d\d000/.test(code)) continue;
    const m = /^([А-ЯЁ][а-яё-]+)(ский|цкий) (муниципальный район|городской округ)$/.exec(name);
    if (!m) continue;
    const kind = m[3] === 'муниципальный район' ? 'муниципального района' : 'городского округа';
    out.push({ prefix, name: `${m[1]}${m[2]} ${m[3] === 'муниципальный район' ? 'муниципальный район' : 'городской округ'}`, genitive: `${m[1]}${m[2] === 'ский' ? 'ского' : 'цкого'} ${kind}` });
  }
  municipalities = out;
  return out;
}

function pad(n: number): string { return String(n).padStart(2, '0'); }

export function drawPlan(seed: number, force: Traits = {}): Plan {
  const d = new Draw(rng(seed));
  const t: Traits = { seed };
  const trait = <T extends string | number | boolean>(name: string, value: T): T => {
    const v = (name in force ? force[name] : value) as T;
    t[name] = v;
    return v;
  };

  // ---- metadata
  const region = d.pick(P.REGIONS);
  const munis = loadMunicipalities().filter((m) => m.prefix === region.prefix);
  const muni = munis.length ? d.pick(munis) : { name: 'Первомайский муниципальный район', genitive: 'Первомайского муниципального района', prefix: region.prefix };
  const issuer = d.pick(P.ISSUER_KINDS)(muni.genitive);
  const actType = issuer.startsWith('Администрация') ? d.pick(['постановление', 'распоряжение']) : 'приказ';
  const number = d.pick([String(d.int(12, 980)), `01-05/${d.int(10, 700)}`, `${d.int(10, 900)}-п`, `${d.int(100, 999)}/01-08`, `${d.int(10, 400)}-од`]);
  const from = d.int(2021, 2025);
  const to = from + d.int(1, 3);
  const date = `${from}-${pad(d.int(1, 12))}-${pad(d.int(1, 28))}`;
  const dateRu = date.split('-').reverse().join('.');
  const periodText = d.pick([`на ${from}–${to} годы`, `на ${from}-${to} гг.`, `до ${to} года`, `на период ${from}–${to} гг.`]);
  const title = `План мероприятий («дорожная карта») ${d.pick(P.TITLE_TOPICS)} на территории ${muni.genitive} ${periodText}`;

  // ---- layout traits
  const columnOrder = trait('columnOrder', d.pick(['standard', 'deadline-before-responsible', 'result-before-deadline', 'number-last', 'shuffled']));
  const numbering = trait('numbering', d.pick(['dot', 'dotted-sub', 'paren', 'none']));
  let roles: Role[];
  switch (columnOrder) {
    case 'standard': roles = ['number', 'activity', 'responsible', 'deadline', 'result']; break;
    case 'deadline-before-responsible': roles = ['number', 'activity', 'deadline', 'responsible', 'result']; break;
    case 'result-before-deadline': roles = ['number', 'activity', 'result', 'deadline', 'responsible']; break;
    case 'number-last': roles = ['activity', 'responsible', 'deadline', 'result', 'number']; break;
    default: roles = ['number', ...d.shuffle(['activity', 'responsible', 'deadline', 'result'] as Role[])];
  }
  const noNumberColumn = numbering === 'none';
  if (noNumberColumn) roles = roles.filter((r) => r !== 'number');
  const headerWording = trait('headerWording', d.int(0, 3));
  // Drawn apart from the main sequence, so the traits of a seed stay what they were before the
  // wide pool existed (the committed fixtures are drawn with headerPool=base).
  const hd = new Draw(rng(seed * 7919 + 104729));
  const headerPool = trait('headerPool', hd.chance(0.5) ? 'wide' : 'base');
  const headerOf = (r: Role): string => {
    if (headerPool === 'wide') return hd.pick(P.HEADERS_WIDE[r]);
    const xs = P.HEADERS[r];
    return xs[(headerWording + (r.length % 2)) % xs.length]!;
  };
  const columns: Column[] = roles.map((r) => ({ role: r, header: headerOf(r) }));
  const extraCount = trait('extraColumns', d.pick([0, 0, 1, 2]));
  const extraIdx = d.shuffle(P.EXTRA_COLUMNS.map((_, i) => i)).slice(0, extraCount);
  for (const e of extraIdx) columns.splice(d.int(noNumberColumn ? 0 : 1, columns.length), 0, { role: 'extra', header: P.EXTRA_COLUMNS[e]!.header, extra: e });
  trait('columnRoles', columns.map((c) => (c.role === 'extra' ? 'extra' : c.role)).join(','));
  trait('twoRowHeader', d.chance(0.3));
  trait('repeatHeader', d.chance(0.5));
  trait('rowsSplit', d.chance(0.6));
  trait('longCells', d.chance(0.4));
  trait('pageNumbers', d.pick(['none', 'top', 'bottom']));
  trait('borders', d.pick(['grid', 'grid', 'hrules', 'none', 'frame']));
  trait('shadedHeader', d.chance(0.4));
  trait('rowspanResponsible', d.chance(0.4));
  const sectionCount = trait('sections', d.pick([0, 1, 2, 3, 4, 5, 6]));
  trait('sectionStyle', d.pick(['merged', 'numcol', 'activity-cell', 'shaded']));
  // A label in the № cell beside one merged title needs the № column at an edge; an extra column
  // after a last № column would take the label, which no author does (the heading is then one
  // cell over the row).
  const numberAt = columns.findIndex((c) => c.role === 'number');
  if ((noNumberColumn || (numberAt !== 0 && numberAt !== columns.length - 1)) && t.sectionStyle === 'numcol') t.sectionStyle = 'merged';
  const sectionNumbering = trait('sectionNumbering', d.pick(['roman', 'arabic', 'razdel', 'etap', 'years']));
  trait('fontSize', d.int(9, 13));
  trait('orientation', d.pick(['portrait', 'landscape', 'portrait-then-landscape-annex']));
  trait('placement', d.pick(['midpage', 'annex', 'annex-no-order']));
  if (t.orientation === 'portrait-then-landscape-annex' && t.placement === 'midpage') t.placement = 'annex';
  trait('secondTable', d.chance(0.3));
  const rowCount = trait('rowCount', d.int(6, 50));
  if (numbering === 'dotted-sub' && sectionCount === 0) t.numbering = 'dot';

  // ---- rows
  const rows: Row[] = [];
  const perSection = sectionCount ? splitCount(d, rowCount, sectionCount) : [rowCount];
  const titles = d.shuffle(P.SECTION_TITLES);
  let running = 0;
  const acts = d.shuffle(P.ACTIVITIES);
  let ai = 0;
  for (let s = 0; s < perSection.length; s++) {
    if (sectionCount) {
      const label = sectionNumbering === 'roman' ? `${ROMAN[s]}.` : sectionNumbering === 'arabic' ? `${s + 1}.` : sectionNumbering === 'razdel' ? `Раздел ${s + 1}.` : sectionNumbering === 'etap' ? `Этап ${s + 1}.` : '';
      const title = sectionNumbering === 'years' ? `${from + s} год` : titles[s % titles.length]!;
      rows.push({ kind: 'section', label, title, text: label ? `${label} ${title}` : title });
    }
    for (let i = 0; i < perSection[s]!; i++) {
      running++;
      const num = t.numbering === 'dot' ? `${running}.` : t.numbering === 'dotted-sub' ? `${s + 1}.${i + 1}.` : t.numbering === 'paren' ? `${running})` : '';
      let activity = acts[ai++ % acts.length]!;
      if (t.longCells && d.chance(0.35)) activity = `${activity}, в том числе ${lowerFirst(d.pick(P.ACTIVITIES))}`;
      const party = d.pick(P.RESPONSIBLE);
      let result = d.pick(P.RESULTS);
      if (t.longCells && d.chance(0.3)) result = `${result}; ${lowerFirst(d.pick(P.RESULTS))}`;
      rows.push({ kind: 'activity', number: num, activity, responsible: party.text, actors: [...party.actors], deadline: d.pick(P.DEADLINES), result, extras: extraIdx.map((e) => d.pick(P.EXTRA_COLUMNS[e]!.values)), span: 1 });
    }
  }
  // responsible merged over 2–4 consecutive activity rows of one section
  if (t.rowspanResponsible) {
    let groups = 0;
    for (let i = 0; i < rows.length; i++) {
      const a = rows[i]!;
      if (a.kind !== 'activity' || !d.chance(0.3)) continue;
      let n = d.int(2, 4);
      let k = 1;
      while (k < n && rows[i + k]?.kind === 'activity') k++;
      if (k < 2) continue;
      a.span = k;
      for (let j = 1; j < k; j++) { const b = rows[i + j] as Extract<Row, { kind: 'activity' }>; b.span = 0; b.responsible = a.responsible; b.actors = [...a.actors]; }
      groups++;
      i += k - 1;
    }
    t.rowspanGroups = groups;
  }

  const verb = VERB[actType]!;
  const preamble = t.placement === 'annex-no-order' ? [] : [
    d.pick(P.ORDER_BODY),
    verb,
    `1. Утвердить прилагаемый план мероприятий («дорожную карту») ${periodText}.`,
    `2. Руководителям общеобразовательных организаций обеспечить выполнение мероприятий плана в установленные сроки.`,
    `3. Контроль за исполнением ${actType === 'приказ' ? 'приказа' : actType === 'постановление' ? 'постановления' : 'распоряжения'} ${d.pick(['оставляю за собой', 'возложить на заместителя начальника управления образования'])}.`,
  ];
  const annexCaption = `Приложение к ${ACT_GEN[actType]} ${issuer.startsWith('Администрация') ? 'администрации' : 'управления образования'} от ${dateRu} № ${number}`;
  const indicators = t.secondTable ? {
    header: ['№', 'Показатель', String(from), String(from + 1)],
    rows: [
      ['1', 'Доля школ с низкими образовательными результатами, %', String(d.int(10, 30)), String(d.int(5, 10))],
      ['2', 'Доля педагогов ШНОР, прошедших повышение квалификации, %', String(d.int(40, 70)), String(d.int(70, 100))],
      ['3', 'Количество школ, вышедших из перечня ШНОР', String(d.int(0, 2)), String(d.int(1, 4))],
    ],
  } : null;

  return {
    id: `gen-${String(seed).padStart(4, '0')}`,
    seed,
    traits: t,
    columns,
    rows,
    doc: { region: region.name, municipality: muni.name, issuer, actType, number, date, title, from, to },
    issuerLines: [issuer.toUpperCase(), ACT_TITLE[actType]!, `от ${dateRu} № ${number}`],
    preamble,
    signature: `${d.pick(['Начальник управления образования', 'Глава муниципального образования', 'Председатель комитета'])}    ${d.pick(['И.В. Петрова', 'А.С. Кузнецов', 'Н.Г. Смирнова', 'О.П. Васильева'])}`,
    annexCaption,
    indicators,
  };
}

function lowerFirst(s: string): string { return s.charAt(0).toLowerCase() + s.slice(1); }

function splitCount(d: Draw, total: number, parts: number): number[] {
  const out = Array.from({ length: parts }, () => 1);
  for (let i = parts; i < total; i++) out[d.int(0, parts - 1)]!++;
  return out;
}

export function gold(p: Plan): unknown {
  const roles = p.columns.filter((c) => c.role !== 'extra').map((c) => c.role as Role);
  const headers: Record<string, string> = {};
  for (const c of p.columns) if (c.role !== 'extra') headers[c.role] = c.header;
  return {
    id: p.id,
    source: `scripts/generate/layouts.ts seed ${p.seed}`,
    document: {
      region: p.doc.region, municipality: p.doc.municipality, level: 'municipal', issuer: p.doc.issuer,
      act: { type: p.doc.actType, number: p.doc.number, date: p.doc.date },
      title: p.doc.title, period: { from: p.doc.from, to: p.doc.to },
    },
    preamble: p.preamble,
    columns: roles,
    headers,
    rows: p.rows.map((r) => r.kind === 'section' ? { section: r.text } : { number: r.number, activity: r.activity, responsible: r.responsible, deadline: r.deadline, result: r.result, actors: r.actors }),
  };
}
