import { VOCABULARY } from '../normalize/vocabulary.js';

/*
 * What the actor codes mean, in the words of the plans' readers. The vocabulary
 * (src/normalize/vocabulary.ts) explains its codes in English for the code's maintainers; a
 * workbook or report handed to a Russian analyst needs them in Russian.
 */
const RUSSIAN: Readonly<Record<string, string>> = {
  РОИВ: 'региональный орган исполнительной власти в сфере образования (министерство, департамент, комитет субъекта РФ)',
  МОУО: 'муниципальный орган управления образованием (управление, отдел, комитет по образованию)',
  МОУО_КООРД: 'муниципальный координатор проекта (программы)',
  МРГ: 'муниципальная рабочая группа',
  ИРО: 'институт развития образования, институт повышения квалификации, ЦНППМ',
  ММС: 'муниципальная методическая служба (ИМЦ, методический центр, РМО)',
  ОО: 'образовательные организации, школы в целом (в т. ч. названная школа)',
  ШНОР: 'школы с низкими образовательными результатами (и школы, функционирующие в неблагоприятных социальных условиях)',
  ШВОР: 'школы с высокими образовательными результатами, школы-лидеры',
  ШПК: 'школьная проектная команда',
  UNKNOWN: 'сторона не распознана: её текст сохранён как есть (activity_actors.raw; roadmaps actors --unknown)',
};

export interface GlossaryEntry {
  code: string;
  /** In Russian; null for a code only a user's vocabulary file knows. */
  meaningRu: string | null;
  /** The vocabulary's own explanation (English), when it has one. */
  meaningEn: string | null;
}

/**
 * Every shipped code, UNKNOWN, and any other code found in `extraCodes` (the codes stored in a
 * database: a vocabulary file given to ingest may have added its own), in the vocabulary's order.
 */
export function actorGlossary(extraCodes: Iterable<string> = []): GlossaryEntry[] {
  const codes = [...new Set([...Object.keys(VOCABULARY.codes), 'UNKNOWN', ...extraCodes])];
  return codes.map((code) => ({ code, meaningRu: RUSSIAN[code] ?? null, meaningEn: VOCABULARY.codes[code] ?? null }));
}
