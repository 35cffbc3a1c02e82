import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../src/compare/link-rows.js';
import { groupPlans, type SourceDocument } from '../../src/compare/plan-identity.js';
import { referenceFor } from '../../src/compare/reference-choice.js';
import { compareSources, isPartialSource, sourceKind } from '../../src/compare/source-rank.js';

/** Ten distinct activity texts of one made-up plan. */
const ROWS = [
  'Разработка муниципальной программы поддержки школ с низкими результатами обучения',
  'Проведение диагностики причин низких образовательных результатов обучающихся',
  'Организация стажировок педагогов на базе школ с высокими результатами',
  'Участие в курсах повышения квалификации для школьных проектных команд',
  'Проведение муниципального семинара по обмену опытом работы',
  'Мониторинг реализации школьных проектов улучшения результатов',
  'Подготовка отчета о промежуточных результатах реализации программы',
  'Информирование педагогической общественности о ходе проекта',
  'Анализ результатов государственной итоговой аттестации',
  'Заключение договоров о сотрудничестве со школами-партнерами',
];
/** Ten other texts: a plan of another municipality. */
const OTHER_ROWS = ROWS.map((r, i) => `Собственное мероприятие номер ${i + 1} другого района по теме ${['кадров', 'финансов', 'питания', 'спорта', 'досуга', 'транспорта', 'ремонта', 'библиотек', 'кружков', 'экскурсий'][i]}`);

let nextId = 1;
function source(over: Partial<SourceDocument> & { activities: readonly string[] }): SourceDocument {
  const id = over.id ?? nextId++;
  return {
    id, sourcePath: `plan-${id}.docx`, format: 'docx', pages: 3, ocrRows: 0, activityCount: over.activities.length,
    meanConfidence: 1, missingRows: 0, fragmentCount: 0,
    region: 'Пермский край', municipality: 'Лысьвенский городской округ', oktmo: null, level: 'municipal',
    actNumber: null, actDate: null, title: null, isReference: false,
    ...over,
  };
}
const docx = (o: Partial<SourceDocument> & { activities: readonly string[] }) => source({ format: 'docx', ...o });
const pdf = (o: Partial<SourceDocument> & { activities: readonly string[] }) => source({ format: 'pdf', sourcePath: `plan-${nextId}.pdf`, ...o });
const scan = (o: Partial<SourceDocument> & { activities: readonly string[] }) =>
  source({ format: 'pdf', sourcePath: `plan-${nextId}.scan.pdf`, ocrRows: o.activities.length, meanConfidence: 0.95, ...o });
const photo = (o: Partial<SourceDocument> & { activities: readonly string[] }) =>
  source({ format: 'image', pages: 1, sourcePath: `plan-${nextId}.p1.jpg`, ocrRows: o.activities.length, meanConfidence: 0.94, fragmentCount: 1, ...o });

const groupsOf = (docs: SourceDocument[]) => groupPlans(docs).map((p) => p.sources.map((s) => s.id).sort((a, b) => a - b));

describe('groupPlans: the files of one plan', () => {
  it('joins files of the same territory and approving act, whatever their rows', () => {
    const act = { actNumber: '№ 491/01-08', actDate: '2021-10-28' };
    const a = docx({ ...act, activities: ROWS });
    const b = pdf({ ...act, actNumber: '491/01–08', activities: ROWS.slice(0, 4) }); // the number written otherwise
    const [plan, ...rest] = groupPlans([b, a]);
    expect(rest).toEqual([]);
    expect(plan!.groupedBy).toBe('act');
    expect(plan!.id).toBe(Math.min(a.id, b.id));
    expect(plan!.sources.map((s) => s.id)).toEqual([a.id, b.id]);
  });

  it('joins files that share their rows when the act is not known on both: OCR misreads and a photo of page 1 included', () => {
    const a = docx({ activities: ROWS });
    const s = scan({ activities: ROWS.map((r, i) => (i % 3 === 0 ? r.replace('Проведение', 'Проведенне').replace('Разработка', 'Разработна') : r)) });
    // The photo knows nothing: no territory, no level, the first three rows.
    const p = photo({ region: null, municipality: null, level: null, activities: ROWS.slice(0, 3) });
    const plans = groupPlans([a, s, p]);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.groupedBy).toBe('rows');
    expect(plans[0]!.sources.map((x) => x.id)).toEqual([a.id, s.id, p.id]);
  });

  it('fills the plan\'s metadata from its other files where the best one lacks it', () => {
    const a = docx({ region: null, municipality: null, activities: ROWS });
    const p = photo({ actNumber: '460', activities: ROWS.slice(0, 4) });
    const [plan] = groupPlans([a, p]);
    expect(plan).toMatchObject({ region: 'Пермский край', municipality: 'Лысьвенский городской округ', actNumber: '460' });
    expect(plan!.sources[0]!.id).toBe(a.id);
  });

  it('keeps apart a municipal plan that copies every row of the regional one', () => {
    const regional = docx({ municipality: null, level: 'regional', isReference: true, activities: ROWS });
    const municipal = docx({ activities: ROWS.slice(0, 8) });
    expect(groupsOf([regional, municipal])).toEqual([[regional.id], [municipal.id]]);
  });

  it('keeps apart two editions of one plan (same territory and rows, other act date), and plans of other territories', () => {
    const v1 = docx({ actNumber: '12', actDate: '2021-01-10', activities: ROWS });
    const v2 = docx({ actNumber: '12', actDate: '2022-01-10', activities: ROWS });
    const elsewhere = docx({ municipality: 'Верещагинский городской округ', activities: ROWS });
    const otherCode = pdf({ municipality: 'Верещагинский муниципальный район', oktmo: '57612000', activities: ROWS });
    expect(groupsOf([v1, v2, elsewhere, otherCode])).toEqual([[v1.id], [v2.id], [elsewhere.id], [otherCode.id]]);
  });

  it('tells a municipality by its ОКТМО code when both files know it: a renamed municipality is the same one', () => {
    const byCode = docx({ municipality: 'Лысьвенский муниципальный район', oktmo: '57726000', activities: ROWS });
    const sameCode = pdf({ municipality: 'Лысьвенский городской округ', oktmo: '57726000', activities: ROWS });
    expect(groupsOf([byCode, sameCode])).toEqual([[byCode.id, sameCode.id]]);
  });

  it('does not let a file that knows nothing chain two plans together', () => {
    // Two municipal plans of one region that both open with the same three regional rows.
    const shared = ROWS.slice(0, 3);
    const x = docx({ municipality: 'Район Икс', activities: [...shared, ...OTHER_ROWS.slice(0, 2)] });
    const y = docx({ municipality: 'Район Игрек', activities: [...shared, ...OTHER_ROWS.slice(5, 7)] });
    const p = photo({ region: null, municipality: null, level: null, activities: shared });
    const plans = groupsOf([x, y, p]);
    expect(plans).toHaveLength(2);
    expect(plans.some((g) => g.includes(x.id) && g.includes(y.id))).toBe(false);
  });

  it('needs most of the smaller file\'s rows: a few shared rows do not make one plan', () => {
    const a = docx({ activities: ROWS });
    const b = pdf({ activities: [...ROWS.slice(0, 3), ...OTHER_ROWS.slice(0, 5)] });
    expect(groupsOf([a, b])).toEqual([[a.id], [b.id]]);
  });

  it('gives the same plans whatever the order of the input', () => {
    const docs = [docx({ activities: ROWS }), scan({ activities: ROWS }), photo({ region: null, level: null, activities: ROWS.slice(0, 2) }), docx({ municipality: 'Другой', activities: OTHER_ROWS })];
    expect(groupPlans([...docs].reverse())).toEqual(groupPlans(docs));
  });

  it('makes a plan a reference when any of its files is marked one', () => {
    const a = docx({ municipality: null, level: 'regional', activities: ROWS });
    const p = photo({ municipality: null, level: 'regional', isReference: true, activities: ROWS.slice(0, 3) });
    const [plan] = groupPlans([a, p]);
    expect(plan!.isReference).toBe(true);
    expect(plan!.sources[0]!.id).toBe(a.id);
  });
});

describe('the best source of a plan', () => {
  const best = (...docs: SourceDocument[]) => [...docs].sort(compareSources)[0]!.id;

  it('ranks DOCX and other structured formats, then text PDF, plain text, scan, photo', () => {
    const kinds = [
      docx({ format: 'odt', activities: ROWS }), pdf({ activities: ROWS }), source({ format: 'txt', activities: ROWS }),
      scan({ activities: ROWS }), source({ format: 'image', pages: 3, sourcePath: 'x.tif', ocrRows: 10, activities: ROWS }),
    ].map(sourceKind);
    expect(kinds).toEqual(['structured', 'text_pdf', 'plain_text', 'scan', 'scan']);
    const d = docx({ activities: ROWS.slice(0, 9) });
    const t = pdf({ activities: ROWS });
    const s = scan({ activities: ROWS });
    expect(best(s, t, d)).toBe(d.id); // the format first, even over more rows
    expect(best(s, t)).toBe(t.id);
  });

  it('then takes more rows, then higher confidence', () => {
    const few = scan({ activities: ROWS.slice(0, 8), meanConfidence: 0.99 });
    const many = scan({ activities: ROWS, meanConfidence: 0.9 });
    const surer = scan({ activities: ROWS, meanConfidence: 0.96 });
    expect(best(few, many)).toBe(many.id);
    expect(best(many, surer)).toBe(surer.id);
  });

  it('never takes a one-page photo or a file with rows cut off or missing while a whole file exists', () => {
    const p = photo({ fragmentCount: 0, activities: ROWS, meanConfidence: 1 }); // even with every row read
    const s = scan({ activities: ROWS.slice(0, 9) });
    expect(isPartialSource(p)).toBe(true);
    expect(best(p, s)).toBe(s.id);
    const gappy = docx({ missingRows: 2, activities: ROWS });
    expect(isPartialSource(gappy)).toBe(true);
    expect(best(gappy, s)).toBe(s.id);
    // Alone, a photo is still its plan's source.
    const [plan] = groupPlans([photo({ activities: ROWS.slice(0, 3) })]);
    expect(plan!.sources).toHaveLength(1);
  });
});

describe('referenceFor with partial references', () => {
  const plan = (id: number, region: string | null, over: Partial<PlanDocument> = {}): PlanDocument =>
    ({ id, sourcePath: `${id}`, region, municipality: null, level: 'regional', title: null, actDate: null, isReference: true, ...over });

  it('uses a reference known only from a photo only where no whole reference exists', () => {
    const photoOnly = plan(9, 'Пермский край', { partial: true, actDate: '2022-01-01' });
    const whole = plan(8, 'Пермский край');
    const municipal = plan(16, 'Пермский край', { isReference: false, level: 'municipal' });
    expect(referenceFor(municipal, [photoOnly, whole])!.id).toBe(8);
    expect(referenceFor(municipal, [photoOnly])!.id).toBe(9);
  });
});
