/*
 * Every word the HTML report shows, by language. The report is read by Russian analysts, so
 * Russian is the default; English stays for the code's maintainers (compare --lang en). The
 * table is shipped inside the report's data block: the page script takes its labels from
 * there, so the static HTML and the drawn tables cannot disagree on a term.
 */

export const REPORT_LANGS = ['ru', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export interface ReportStrings {
  title: string;
  /** "{plans} … {references} … {generated}" */
  meta: string;
  noscript: string;
  files: string;
  status: Record<'present' | 'changed_responsible' | 'changed_deadline' | 'changed_both' | 'missing', { label: string; hint: string; mark: string }>;
  level: Record<'regional' | 'municipal' | 'school', string>;
  kind: Record<'structured' | 'text_pdf' | 'plain_text' | 'scan' | 'photo', string>;
  empty: string;
  reference: string;
  readFrom: string;
  alsoAs: string;
  filterRegion: string;
  filterLevel: string;
  filterMunicipality: string;
  all: string;
  sort: string;
  sortName: string;
  sortCoverage: string;
  sortId: string;
  planColumn: string;
  coverColumn: string;
  /** Totals row heading. */
  plansWithActivity: string;
  /** "{shown} of {total} plans shown" */
  shown: string;
  hint: string;
  plans: string;
  referenceActivities: string;
  glossary: string;
  glossaryNote: string;
  referenceActivity: string;
  planActivity: string;
  similarity: string;
  moreLinked: string;
  noActivity: string;
  activityText: string;
  responsible: string;
  actorCodes: string;
  deadline: string;
  actorsDiff: string;
  /** Tooltip of a cell corrected by hand: "… the file reads: {old}" */
  corrected: string;
  actorsSame: string;
  noActors: string;
  /** "Coverage {pct}: {covered} of {total} reference activities" */
  coverage: string;
  topActors: string;
  noneRecognised: string;
  /** "{extra} of {all} activities are not in the reference plan" */
  extra: string;
  nearest: string;
  /** "in {n} of {total} plans" */
  inPlans: string;
  act: string;
  otherRegion: string;
}

export const REPORT_STRINGS: Readonly<Record<ReportLang, ReportStrings>> = {
  ru: {
    title: 'Дорожные карты в сравнении с эталонным планом',
    meta: 'Планов: {plans}; эталонных планов: {references}; отчёт составлен {generated}. Клетка показывает, есть ли в плане мероприятие эталона и сохранены ли его ответственные и срок.',
    noscript: 'Таблицы отчёта рисует JavaScript; те же данные — в CSV-файлах рядом с отчётом.',
    files: 'Данные отчёта в таблицах:',
    status: {
      present: { label: 'совпадает', hint: 'те же ответственные и срок', mark: '' },
      changed_responsible: { label: 'другие ответственные', hint: 'ответственные иные, срок тот же', mark: 'О' },
      changed_deadline: { label: 'другой срок', hint: 'срок иной, ответственные те же', mark: 'С' },
      changed_both: { label: 'другие ответственные и срок', hint: 'иные и ответственные, и срок', mark: 'ОС' },
      missing: { label: 'нет', hint: 'ни одно мероприятие плана с ним не связано', mark: '—' },
    },
    level: { regional: 'региональный', municipal: 'муниципальный', school: 'школьный' },
    kind: { structured: 'документ', text_pdf: 'PDF с текстом', plain_text: 'текст', scan: 'скан', photo: 'фото' },
    empty: 'Ни один план ещё не связан с эталонным: отметьте эталон командой «roadmaps reference <id>» и выполните «roadmaps link».',
    reference: 'Эталон',
    readFrom: 'Прочитан из',
    alsoAs: 'также',
    filterRegion: 'Регион',
    filterLevel: 'Уровень',
    filterMunicipality: 'Муниципалитет',
    all: 'все',
    sort: 'Порядок',
    sortName: 'по названию',
    sortCoverage: 'по охвату, сначала больший',
    sortId: 'по номеру плана',
    planColumn: 'План',
    coverColumn: 'Охват',
    plansWithActivity: 'Планов с мероприятием',
    shown: 'Показано планов: {shown} из {total}',
    hint: 'Нажмите на клетку, чтобы сравнить два мероприятия.',
    plans: 'Планы',
    referenceActivities: 'Мероприятия эталонного плана',
    glossary: 'Коды ответственных',
    glossaryNote: 'Ответственные каждой строки сведены к кодам; «другие ответственные» значит, что наборы кодов различаются.',
    referenceActivity: 'Эталон, мероприятие',
    planActivity: 'План, мероприятие',
    similarity: 'сходство',
    moreLinked: 'связано ещё {n}',
    noActivity: 'Ни одно мероприятие этого плана с ним не связано.',
    activityText: 'Мероприятие',
    responsible: 'Ответственные',
    actorCodes: 'Коды',
    deadline: 'Срок',
    actorsDiff: 'Ответственные в плане относительно эталона',
    corrected: 'Исправлено вручную (roadmaps correct); в файле: «{old}»',
    actorsSame: 'те же коды',
    noActors: 'нет кодов',
    coverage: 'Охват {pct}: {covered} из {total} мероприятий эталона',
    topActors: 'Чаще всего ответственные',
    noneRecognised: 'не распознаны',
    extra: '{extra} из {all} мероприятий плана нет в эталоне',
    nearest: 'ближайшее',
    inPlans: 'в {n} из {total} планов',
    act: 'акт',
    otherRegion: 'другой регион, чем у эталона',
  },
  en: {
    title: 'Roadmaps compared with the reference plan',
    meta: '{plans} plan(s) against {references} reference plan(s); generated {generated}. Each cell says whether the plan has the reference activity and whether it kept its responsible parties and deadline.',
    noscript: 'This report draws its tables with JavaScript; the same data is in the CSV files written beside it.',
    files: 'The report\'s data as spreadsheets:',
    status: {
      present: { label: 'present', hint: 'same responsible and deadline', mark: '' },
      changed_responsible: { label: 'changed responsible', hint: 'other responsible parties, same deadline', mark: 'R' },
      changed_deadline: { label: 'changed deadline', hint: 'other deadline, same responsible parties', mark: 'D' },
      changed_both: { label: 'changed both', hint: 'other responsible parties and deadline', mark: 'RD' },
      missing: { label: 'missing', hint: 'no activity of the plan links to it', mark: '—' },
    },
    level: { regional: 'regional', municipal: 'municipal', school: 'school' },
    kind: { structured: 'document', text_pdf: 'text PDF', plain_text: 'plain text', scan: 'scan', photo: 'photo' },
    empty: 'No plan is linked to a reference plan yet: mark one with "roadmaps reference <id>" and run "roadmaps link".',
    reference: 'Reference',
    readFrom: 'Read from',
    alsoAs: 'also as',
    filterRegion: 'Region',
    filterLevel: 'Level',
    filterMunicipality: 'Municipality',
    all: 'all',
    sort: 'Order',
    sortName: 'by name',
    sortCoverage: 'by coverage, highest first',
    sortId: 'by plan id',
    planColumn: 'Plan',
    coverColumn: 'Cover',
    plansWithActivity: 'Plans with the activity',
    shown: '{shown} of {total} plans shown',
    hint: 'Click a cell to compare the two activities.',
    plans: 'Plans',
    referenceActivities: 'Reference activities',
    glossary: 'Actor codes',
    glossaryNote: 'Each row\'s responsible parties are reduced to codes; "changed responsible" means the sets of codes differ.',
    referenceActivity: 'Reference activity',
    planActivity: 'Plan activity',
    similarity: 'similarity',
    moreLinked: '{n} more linked',
    noActivity: 'No activity of this plan links to it.',
    activityText: 'Activity',
    responsible: 'Responsible',
    actorCodes: 'Codes',
    deadline: 'Deadline',
    actorsDiff: 'Responsible parties of the plan against the reference',
    corrected: 'Corrected by hand (roadmaps correct); the file reads: «{old}»',
    actorsSame: 'same codes',
    noActors: 'no codes',
    coverage: 'Coverage {pct}: {covered} of {total} reference activities',
    topActors: 'Top actors',
    noneRecognised: 'none recognised',
    extra: '{extra} of {all} activities are not in the reference plan',
    nearest: 'nearest',
    inPlans: 'in {n} of {total} plans',
    act: 'act',
    otherRegion: 'another region than the reference\'s',
  },
};

/** "{name}" placeholders filled from `values`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? String(values[k]) : m));
}
