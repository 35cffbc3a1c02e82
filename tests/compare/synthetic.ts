import { writeDocument, type Database } from '../../src/store/index.js';
import { fakeSha, makeDocument, type ActivitySpec } from '../store/helpers/make-document.js';
import type { SourceFormat } from '../../src/model/index.js';

/*
 * A reference plan and a municipal plan written so that each coverage status occurs once:
 * the municipal plan copies A unchanged, B with other actors, C with another deadline, D with
 * both changed, leaves E out, has A a second time (other actors) and one activity of its own.
 */

export const REGION = 'Тестовый край';

const moUo = [{ code: 'МОУО', raw: 'Управление образования' }];
const oo = [{ code: 'ОО', raw: 'образовательные организации' }];
const october2022 = { kind: 'date' as const, years: [2022], months: [10], from: '2022-10-01', to: '2022-10-31' };

export const TEXT = {
  A: 'Разработка и утверждение критериев оценки качества подготовки обучающихся',
  B: 'Проведение семинаров для учителей математики по подготовке к экзаменам',
  C: 'Мониторинг посещаемости занятий в сельских школах района',
  D: 'Организация стажировок директоров на базе школ-лидеров',
  E: 'Публикация ежегодного отчета о реализации программы',
  own: 'Закупка спортивного инвентаря для спортивного зала',
};

const reference: ActivitySpec[] = (['A', 'B', 'C', 'D', 'E'] as const).map((k) => ({ activity: TEXT[k], result: '', actors: moUo }));

const municipal: ActivitySpec[] = [
  { activity: TEXT.A, result: '', actors: moUo },
  { activity: TEXT.B, result: '', actors: oo, responsible: 'образовательные организации' },
  { activity: TEXT.C, result: '', actors: moUo, deadline: 'октябрь 2022', deadlineParsed: october2022 },
  { activity: TEXT.D, result: '', actors: oo, responsible: 'образовательные организации', deadline: 'октябрь 2022', deadlineParsed: october2022 },
  { activity: TEXT.A, result: '', actors: oo, responsible: 'образовательные организации' },
  { activity: TEXT.own, result: '', actors: [{ code: 'UNKNOWN', raw: 'попечительский совет' }], responsible: 'попечительский совет' },
];

/** Stores the two plans (and, when asked, a plan of another region); returns their ids. */
export function writeSyntheticPlans(db: Database, opts: { otherRegion?: boolean } = {}): { reference: number; municipal: number; other?: number } {
  const write = (label: string, doc: ReturnType<typeof makeDocument>) =>
    writeDocument(db, { sourcePath: `${label}.docx`, sha256: fakeSha(label), format: 'docx', pages: 1, doc, reviewBelow: 0.75 }).documentId;
  const ids = {
    reference: write('reference', makeDocument({ meta: { region: REGION, level: 'regional', title: 'Региональный план' }, sections: [{ title: '1. Раздел', activities: reference }] })),
    municipal: write('municipal', makeDocument({ meta: { region: REGION, municipality: 'Тестовский район', level: 'municipal', actDate: '2021-09-01' }, sections: [{ title: '1. Раздел', activities: municipal }] })),
  };
  if (!opts.otherRegion) return ids;
  const other = write('other', makeDocument({
    meta: { region: 'Другая область', municipality: 'Другой район', level: 'municipal' },
    sections: [{ title: '', activities: [{ activity: TEXT.E, result: '', actors: moUo }] }],
  }));
  return { ...ids, other };
}

export const REGIONAL_ROWS = [TEXT.A, TEXT.B, TEXT.C, TEXT.D, TEXT.E];
export const MUNICIPAL_ROWS = [TEXT.A, TEXT.B, TEXT.own];

/**
 * One plan per territory stored from several files, as the corpus comes: the regional plan as
 * DOCX and as a phone photo of page 1 (stored first, so ingest order cannot decide which file
 * a plan is read through), a municipal plan as PDF and DOCX of one act. Returns the ids.
 */
export function writeMultiSourcePlans(db: Database): { photo: number; regionalDocx: number; municipalPdf: number; municipalDocx: number } {
  const store = (label: string, format: SourceFormat, meta: Parameters<typeof makeDocument>[0]['meta'], rows: string[], confidence = 1): number => {
    const activities: ActivitySpec[] = rows.map((activity) => ({ activity, result: '', confidence }));
    const doc = makeDocument({ meta, sections: [{ title: '1. Раздел', activities }] });
    return writeDocument(db, { sourcePath: label, sha256: fakeSha(label), format, pages: format === 'image' ? 1 : 2, doc, reviewBelow: 0.5 }).documentId;
  };
  const regional = { region: REGION, level: 'regional' as const, title: 'Региональный план' };
  const municipal = { region: REGION, municipality: 'Тестовский район', level: 'municipal' as const, actNumber: '15-п', actDate: '2021-09-01' };
  const photo = store('regional.p1.jpg', 'image', regional, REGIONAL_ROWS.slice(0, 3), 0.93);
  const regionalDocx = store('regional.docx', 'docx', regional, REGIONAL_ROWS);
  const municipalPdf = store('municipal.pdf', 'pdf', municipal, MUNICIPAL_ROWS);
  const municipalDocx = store('municipal.docx', 'docx', municipal, MUNICIPAL_ROWS);
  return { photo, regionalDocx, municipalPdf, municipalDocx };
}

const VERBS = ['Проведение', 'Организация', 'Разработка', 'Мониторинг', 'Обучение', 'Публикация'];
const OBJECTS = ['семинаров для учителей', 'стажировок директоров', 'методических рекомендаций', 'посещаемости занятий', 'рабочих групп', 'отчетов о реализации', 'программ наставничества'];

/**
 * A reference plan of `activities` rows and `plans` municipal plans, each copying most of
 * them: a heatmap large enough to span several printed pages.
 */
export function writeManyPlans(db: Database, opts: { activities: number; plans: number }): void {
  const texts = Array.from({ length: opts.activities }, (_, i) =>
    `${VERBS[i % VERBS.length]} ${OBJECTS[i % OBJECTS.length]} этапа ${i + 1} в школах района`);
  const write = (label: string, meta: Parameters<typeof makeDocument>[0]['meta'], rows: string[]) => writeDocument(db, {
    sourcePath: `${label}.docx`, sha256: fakeSha(label), format: 'docx', pages: 1, reviewBelow: 0.75,
    doc: makeDocument({ meta, sections: [{ title: '1. Раздел', activities: rows.map((activity) => ({ activity, result: '' })) }] }),
  });
  write('many-reference', { region: REGION, level: 'regional', title: 'Региональный план' }, texts);
  for (let k = 0; k < opts.plans; k++) {
    write(`many-${k}`, { region: REGION, municipality: `Муниципальный район № ${k + 1} с длинным названием`, level: 'municipal', actDate: '2021-09-01' },
      texts.filter((_, i) => (i + k) % 3 !== 0));
  }
}
