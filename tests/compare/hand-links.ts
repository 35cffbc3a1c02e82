/**
 * Links between municipal activities and the Perm krai regional plan (perm-krai-2021), judged
 * by hand from the activity, responsible, deadline and result cells of both sides. Each entry
 * names the activity by the start of its text (robust to renumbering) and the regional
 * activity it is the counterpart of, or null when the regional plan has no counterpart.
 *
 * Used by tests/compare/link-corpus.test.ts (pinned links) and scripts/link-measure.ts
 * (precision/recall and the score distribution behind the default threshold).
 *
 * The regional activities, for reading the entries (R<n> = seq in the regional plan):
 *  R1  Разработка и утверждение критериев и показателей системы работы со школами с низкими
 *      результатами … (МО ПК, ИРО; июнь 2021) — the regional criteria
 *  R2  the same "… на муниципальном уровне" (МОУО, ОО; июль-август 2021) — the municipal criteria
 *  R3  Создание нормативно-правовой базы … федерального проекта … (500+)
 *  R4  Создание нормативно-правовой базы … регионального проекта «Образовательный лифт…»
 *  R5  Разработка и утверждение плана мероприятий (дорожной карты) … муниципального образования (МОУО)
 *  R6  Проведение мероприятий регионального плана-графика … федерального проекта … (500+)
 *  R7  Организационное, техническое, информационное сопровождение деятельности предметных групп …
 *  R8  Проведение мероприятий (дорожной карты) по поддержке школ … муниципального образования
 *  R9  Проведение совещаний по результатам реализации федерального проекта … (500+)
 *  R10 Публикация отчета о реализации регионального проекта «Образовательный лифт…» (декабрь)
 *  R11 Подготовка и представление отчета о реализации федерального проекта … (500+)
 *  R12 Подготовка и представление результатов системы работы со школами … на муниципальном уровне
 *  R13 Подготовка адресных рекомендаций … по результатам мониторинга системы работы …
 */

export interface HandLink {
  /** Corpus id of the municipal plan (file name without extension). */
  doc: string;
  /** Start of the municipal activity's text. */
  activity: string;
  /** Start of the regional activity's text, or null: no counterpart in the regional plan. */
  reference: string | null;
  /** Why, from reading both rows. */
  why: string;
}

const R1 = 'Разработка и утверждение критериев и показателей системы работы со школами с низкими результатами обучения и/или школами, функционирующими в неблагоприятных социальных условиях';
const R2 = `${R1} на муниципальном уровне`;
const R5 = 'Разработка и утверждение плана мероприятий (дорожной карты)';
const R6 = 'Проведение мероприятий регионального плана-графика';
const R7 = 'Организационное, техническое, информационное сопровождение';
const R8 = 'Проведение мероприятий (дорожной карты)';
const R9 = 'Проведение совещаний по результатам реализации федерального проекта';
const R10 = 'Публикация отчета о реализации регионального проекта';
const R11 = 'Подготовка и представление отчета о реализации федерального проекта';
const R12 = 'Подготовка и представление результатов системы работы';
const R13 = 'Подготовка адресных рекомендаций';

export const REGIONAL = { R1, R2, R5, R6, R7, R8, R9, R10, R11, R12, R13 } as const;

export const HAND_LINKS: readonly HandLink[] = [
  // Верещагинский городской округ: the plan is the regional one cut down to what a
  // municipality does, most rows copied word for word.
  {
    doc: 'vereshchagino-2021', activity: 'Разработка и утверждение критериев и показателей', reference: R2,
    why: 'text equals R1 word for word, but responsible (Отдел образования, ОО) and deadline (июль-август 2021) are R2\'s exactly: the municipality copied its own row R2 and dropped "на муниципальном уровне", which goes without saying in a municipal plan; it cannot set the regional criteria of R1 (МО ПК, ИРО)',
  },
  { doc: 'vereshchagino-2021', activity: 'Участие в мероприятиях регионального плана-графика', reference: R6, why: 'taking part in the events of the regional plan-schedule of the 500+ project is the municipal side of R6 "Проведение мероприятий регионального плана-графика …"' },
  { doc: 'vereshchagino-2021', activity: 'Организационное, техническое, информационное сопровождение', reference: R7, why: 'same text as R7 without "Пермского края", same result' },
  { doc: 'vereshchagino-2021', activity: 'Проведение мероприятий (дорожной карты)', reference: R8, why: 'R8 without "муниципального образования", same deadline and result' },
  { doc: 'vereshchagino-2021', activity: 'Организация проведения совещаний', reference: R9, why: 'organising and attending the meetings on the results of the 500+ project is R9' },
  { doc: 'vereshchagino-2021', activity: 'Ознакомление с отчетом о реализации регионального проекта', reference: R10, why: 'reading the report R10 publishes; same deadline (ежегодно, декабрь) and the result names the same "результаты деятельности предметных групп"' },
  { doc: 'vereshchagino-2021', activity: 'Подготовка и представление результатов системы работы', reference: R12, why: 'R12 without "на муниципальном уровне", same deadline (август) and result (Справка)' },
  { doc: 'vereshchagino-2021', activity: 'Реализация адресных рекомендаций', reference: R13, why: 'carrying out the targeted recommendations R13 prepares; same wording after the first word' },

  // Лысьвенский городской округ: an own plan that copies six regional rows and adds its own
  // monitoring and school-support steps.
  { doc: 'lysva-2021', activity: 'Разработка и утверждение муниципальных целей и задач', reference: null, why: 'municipal goals and objectives: the regional plan sets criteria (R1/R2) and a roadmap (R5), not goals' },
  { doc: 'lysva-2021', activity: 'Разработка и утверждение критериев показателей', reference: R2, why: 'the municipal criteria: R1\'s wording minus one "и", but the responsible is the municipal authority, the actor of R2, not МО ПК/ИРО of R1; the result adds "перехода школ в эффективный режим", a municipal goal' },
  { doc: 'lysva-2021', activity: 'Разработка и утверждение методов сбора и обработки информации', reference: null, why: 'methods of collecting data are not in the regional plan; it shares only the boilerplate "школами с низкими результатами … условиях" with R1/R2' },
  { doc: 'lysva-2021', activity: 'Разработка и утверждение плана мероприятий (Дорожной карты)', reference: R5, why: 'approving the municipal roadmap is R5' },
  { doc: 'lysva-2021', activity: 'Проведение мероприятий регионального плана-графика', reference: R6, why: 'R6 word for word (образовательных for общеобразовательных)' },
  { doc: 'lysva-2021', activity: 'Анализ результатов по русскому языку', reference: null, why: 'analysis of ВПР/ОГЭ/ЕГЭ results: no regional row' },
  { doc: 'lysva-2021', activity: 'Статистические отчеты по итогам четверти', reference: null, why: 'term reports and interviews with school teams: no regional row' },
  { doc: 'lysva-2021', activity: 'Разработка адресных рекомендаций с учетом анализа', reference: R13, why: 'developing targeted recommendations from monitoring indicators is what R13 does ("Подготовка адресных рекомендаций … по результатам мониторинга"), reworded' },
  { doc: 'lysva-2021', activity: 'Собеседование с руководителями школ', reference: null, why: 'interviews with heads of schools about their own roadmaps: the regional plan has no such row (R8 runs the municipal roadmap, it does not interview heads)' },
  { doc: 'lysva-2021', activity: 'Обсуждение программы помощи конкретной школе', reference: null, why: 'a help programme for one school: not in the regional plan' },
  { doc: 'lysva-2021', activity: 'Утверждение программ помощи образовательным организациям', reference: null, why: 'approving per-school help programmes: not in the regional plan (R5 is the municipal roadmap, not school programmes)' },
  { doc: 'lysva-2021', activity: 'Подготовка и представление отчета о реализации федерального проекта', reference: R11, why: 'R11 word for word' },
  { doc: 'lysva-2021', activity: 'Подготовка и представление результатов системы работы', reference: R12, why: 'R12 without "на муниципальном уровне", same deadline (август) and result (Справка)' },
  { doc: 'lysva-2021', activity: 'Мониторинг по учету педагогических работников', reference: null, why: 'monitoring teachers\' diagnostics: no regional row' },
  { doc: 'lysva-2021', activity: 'Мониторинг эффективности функционирования системы оценки', reference: null, why: 'institutional quality-assessment monitoring: no regional row' },
  { doc: 'lysva-2021', activity: 'Мониторинги участия в оценке качества', reference: null, why: 'monitoring participation in assessments: no regional row' },
  { doc: 'lysva-2021', activity: 'Мониторинг участия в муниципальных, региональных этапах', reference: null, why: 'olympiad monitoring: no regional row' },
  { doc: 'lysva-2021', activity: 'Подготовка адресных рекомендаций', reference: R13, why: 'R13 word for word' },

  // Plans of other regions, compared with the Perm plan only because it is the one reference:
  // most rows have no counterpart; the few that do are labelled so that a link there is not
  // counted as a false positive.
  { doc: 'prigorodny-2021', activity: 'Разработка и утверждение муниципальной программы адресной поддержки', reference: R5, why: 'the municipal support programme and school roadmaps: the counterpart of the municipal roadmap R5' },
  { doc: 'prigorodny-2021', activity: 'Назначение муниципального координатора', reference: null, why: 'appointing a coordinator: no Perm row' },
  { doc: 'prigorodny-2021', activity: 'Собеседование с руководителями школ', reference: null, why: 'same row as Lysva\'s interviews: no Perm row' },
  { doc: 'prigorodny-2021', activity: 'Мониторинг дефицитов', reference: null, why: 'teacher deficit monitoring: no Perm row' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Разработка муниципальной программы', reference: R5, why: 'developing the municipal support programme is the Nizhny Novgorod form of the municipal roadmap R5' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Реализация муниципальной программы поддержки школ с низкими результатами обучения и школ,', reference: R8, why: 'carrying out the municipal support programme is R8 "Проведение мероприятий (дорожной карты) … муниципального образования"' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Реализация муниципальной программы поддержки школы с', reference: R8, why: 'the 2021 twin of the row above, same reading' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Проведение муниципального семинара-совещания по результатам проекта', reference: R9, why: 'a meeting on the results of the project is R9 "Проведение совещаний по результатам реализации … проекта"' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Проведение промежуточного мониторинга реализации муниципальной программы поддержки школы с', reference: null, why: 'monitoring how the programme is carried out is not carrying it out (R8); the Perm plan has no interim monitoring row' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Проведение промежуточного мониторинга реализации муниципальной программы поддержки школ с', reference: null, why: 'the 2022 twin of the row above' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Реализация «дорожной карты» школьных проектов', reference: null, why: 'school project roadmaps are the schools\' own, not the municipal roadmap of R8' },
  { doc: 'prigorodny-2021', activity: 'Организация и проведение инструктивно-методических совещаний', reference: null, why: 'instruction meetings on education quality, not meetings on the results of the 500+ project (R9)' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Определение и назначение муниципального координатора', reference: null, why: 'appointing a coordinator: no Perm row' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Проведение диагностики (входного мониторинга)', reference: null, why: 'diagnostics of causes: no Perm row' },
  { doc: 'krasnooktyabrsky-2020', activity: 'Анализ результатов ГИА', reference: null, why: 'exam analysis: no Perm row' },
];

export interface ResolvedHandLink extends HandLink {
  activityId: number;
  /** null when the hand label says "no counterpart". */
  referenceActivityId: number | null;
}

interface Row { id: number; document_id: number; source_path: string; activity: string }

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const corpusId = (sourcePath: string): string => sourcePath.replace(/^.*[\\/]/, '').replace(/\.(scan\.)?(pdf|docx)$/, '');

/**
 * Finds the stored activities the labels name. Each label must match exactly one activity of
 * its plan, and each reference text exactly one activity of the regional plan (a label that
 * matches none or several is a broken label, not a failed link).
 */
export function resolveHandLinks(rows: readonly Row[], labels: readonly HandLink[] = HAND_LINKS): ResolvedHandLink[] {
  const find = (doc: string, prefix: string): Row => {
    const hits = rows.filter((r) => corpusId(r.source_path) === doc && squash(r.activity).startsWith(squash(prefix)));
    // R1 is a prefix of R2: an exact match wins over a longer text.
    const exact = hits.filter((r) => squash(r.activity) === squash(prefix));
    const chosen = exact.length === 1 ? exact : hits;
    if (chosen.length !== 1) throw new Error(`label "${prefix}" matches ${chosen.length} activities of ${doc}`);
    return chosen[0]!;
  };
  return labels.map((l) => ({
    ...l,
    activityId: find(l.doc, l.activity).id,
    referenceActivityId: l.reference === null ? null : find('perm-krai-2021', l.reference).id,
  }));
}
