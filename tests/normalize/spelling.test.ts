import { describe, expect, it } from 'vitest';
import { createSpeller } from '../../src/normalize/spelling.js';

/** The repair for a document whose other cells read `documentText`. */
const spellerFor = (...documentText: string[]) => createSpeller(documentText);

describe('createSpeller: words split in two', () => {
  const spell = spellerFor('Раздел плана');

  it('joins a word torn apart by a lost or misread letter, keeping its capital', () => {
    expect(spell('1. Но мативно-правовое обеспечение')).toBe('1. Нормативно-правовое обеспечение');
    expect(spell('I. Но эмативно-правовое сопровождение')).toBe('I. Нормативно-правовое сопровождение');
    expect(spell('НО МАТИВНО-ПРАВОВОЕ ОБЕСПЕЧЕНИЕ')).toBe('НОРМАТИВНО-ПРАВОВОЕ ОБЕСПЕЧЕНИЕ');
  });

  it('joins a word broken at a line end', () => {
    expect(spell('курсы для педаго-гических работников')).toBe('курсы для педагогических работников');
    expect(spell('план мероприя тий')).toBe('план мероприятий');
    // The list even holds such breaks whole ("под-держка"); the joined word is the listed one too.
    expect(spell('под-держка школ')).toBe('поддержка школ');
  });

  it('leaves two words apart', () => {
    // Both are words ("входе" is one too).
    expect(spell('в ходе проверки')).toBe('в ходе проверки');
    // A capitalised second word starts a name, not a continuation.
    expect(spell('школы Иванова')).toBe('школы Иванова');
    // A short word is not swallowed to re-inflect a neighbour the list lacks ("зарезервированы", "аргументами").
    expect(spell('имена зарезервирован в файлах')).toBe('имена зарезервирован в файлах');
    expect(spell('в аргументах и ключах')).toBe('в аргументах и ключах');
    // A capitalised second word is not a continuation either ("Но Мативно" is one edit from "нормативно").
    expect(spell('Но Мативно')).toBe('Но Мативно');
    // Hyphenated compounds stay, also when a part is not listed alone ("турецки").
    expect(spell('сентябрь-октябрь, плана-графика, учебно-методический, по-турецки')).toBe('сентябрь-октябрь, плана-графика, учебно-методический, по-турецки');
    // A join makes a word of letters: the list's compounds are not a repair ("какого-то").
    expect(spell('каког ото')).toBe('каког ото');
    // Punctuation between two tokens separates words.
    expect(spell('Но, мативно')).toBe('Но, мативно');
  });
});

describe('createSpeller: single misread words', () => {
  it('repairs a word one slip from a word the document uses, part by part in compounds', () => {
    const spell = spellerFor('Создание нормативно-правовой базы', 'проведение совещаний');
    expect(spell('Создание нормативио-правовой базы')).toBe('Создание нормативно-правовой базы');
    expect(spell('Нормативио')).toBe('Нормативно');
    expect(spell('НОРМАТИВИО')).toBe('НОРМАТИВНО');
    // "проведение" and "провидение" are both one edit away: the document's word decides.
    expect(spell('провсдение семинаров')).toBe('проведение семинаров');
  });

  it('leaves a misread word alone when the document never writes the candidate', () => {
    expect(spellerFor('Создание базы')('Создание нормативио-правовой базы')).toBe('Создание нормативио-правовой базы');
  });

  it('takes two slips in a long word only towards a word the document uses', () => {
    expect(spellerFor('образовательных организаций')('в обрзоватеьных организациях')).toBe('в образовательных организациях');
    // A correct word the list lacks, two edits from another word ("инстинктивно").
    expect(spellerFor('методических материалов')('инструктивно-методических')).toBe('инструктивно-методических');
  });

  it('leaves ties alone unless the document picks one', () => {
    // "проведение" / "провидение": neither in the document.
    expect(spellerFor('план семинаров')('провсдение семинаров')).toBe('провсдение семинаров');
    // "проведение" / "приведение": both in the document.
    expect(spellerFor('проведение', 'приведение')('прсведение семинаров')).toBe('прсведение семинаров');
  });

  it('keeps correct words the list lacks: another form of the same stem is listed', () => {
    // The list has "общесистемных" and "профессиональной", not these forms.
    const spell = spellerFor('общесистемных мероприятий', 'профессиональной подготовки');
    expect(spell('2. Общесистемные мероприятия')).toBe('2. Общесистемные мероприятия');
    expect(spell('развитие профессионального мастерства')).toBe('развитие профессионального мастерства');
  });

  it('does not drop or add a letter at either end of a word', () => {
    const spell = spellerFor('с низкими результатами', 'в соответствии с планом');
    // A glued preposition, not a slip.
    expect(spell('школы снизкими результатами')).toBe('школы снизкими результатами');
    // A cell cut mid-word: "соответст" is listed (an abbreviation), but the word goes on.
    expect(spell('в соответств')).toBe('в соответств');
  });

  it('never touches short words, abbreviations, numbers and codes', () => {
    const spell = spellerFor('план', 'школы', 'МОУО', 'ШНОР');
    expect(spellerFor('плана')('плна')).toBe('плна');
    // Nor is a short word made up of pieces by an edit (exact pieces are joined: "цел ь").
    expect(spell('ц бль')).toBe('ц бль');
    expect(spell('цел ь')).toBe('цель');
    expect(spell('ШНОР, МОУО, ОО, ЦНППМ, МБОУ')).toBe('ШНОР, МОУО, ОО, ЦНППМ, МБОУ');
    // Even when the document vouches for a word one edit away ("Мауро").
    expect(spellerFor('Мауро')('МАУДО')).toBe('МАУДО');
    expect(spell('2021-2024, 10-11 классы, № 491/01-08, 500+')).toBe('2021-2024, 10-11 классы, № 491/01-08, 500+');
    expect(spell('II. III. IV.')).toBe('II. III. IV.');
  });

  it('leaves surname-like words alone when ambiguous or next to initials', () => {
    // "Таранова": "Тарасова", "Баранова" and "Тарханова" are all one edit away.
    expect(spellerFor('тарасова баранова')('Таранова')).toBe('Таранова');
    // With initials a capitalised word is a surname even when the document vouches for one candidate.
    const spell = spellerFor('Тарасова');
    expect(spell('Таранова Н.В.')).toBe('Таранова Н.В.');
    expect(spell('Н.В. Таранова')).toBe('Н.В. Таранова');
    expect(spell('Таранова')).toBe('Тарасова');
  });

  it('changes nothing in correctly read text', () => {
    const text = 'Разработка и утверждение муниципальных целей и задач по развитию системы поддержки школ с низкими образовательными результатами обучающихся';
    expect(spellerFor(text)(text)).toBe(text);
  });
});

describe('createSpeller: section headings (unvouched)', () => {
  const heading = (...documentText: string[]) => createSpeller(documentText, undefined, { unvouched: true });

  it('repairs a heading word one slip from its only listed neighbour, though the page never writes it', () => {
    // One-page photos: the heading's words are written nowhere else on the page.
    expect(heading()('Этап 1. Днагностика и мониторинг')).toBe('Этап 1. Диагностика и мониторинг');
    expect(heading()('Сетевое взаимодеиствие и партнерство')).toBe('Сетевое взаимодействие и партнерство');
    expect(heading()('Работа с обучающимися и родителямн')).toBe('Работа с обучающимися и родителями');
    // Without the heading option the same words stay: cells are repaired only towards the document's words.
    expect(spellerFor()('Этап 1. Днагностика и мониторинг')).toBe('Этап 1. Днагностика и мониторинг');
  });

  it('takes several edits only where each swaps look-alike letters', () => {
    expect(heading()('I. Ииформациониое сопровождение')).toBe('I. Информационное сопровождение');
    // Two unrelated edits to a correct word the list lacks.
    expect(heading()('Инструктивно-методическое сопровождение')).toBe('Инструктивно-методическое сопровождение');
  });

  it('repairs a misread shape even where the stem stays, never an inflection', () => {
    // н for и is no ending of «управление»; й for и is («организаций» / «организации»).
    expect(heading()('Этап 4. Управленне качеством образования')).toBe('Этап 4. Управление качеством образования');
    expect(heading()('Работа образовательных организаций')).toBe('Работа образовательных организаций');
  });

  it('leaves names alone: capitals inside the heading and words in quotes', () => {
    expect(heading()('Внедрение платформы «Сферум»')).toBe('Внедрение платформы «Сферум»');
    expect(heading()('Работа в Баганском районе')).toBe('Работа в Баганском районе');
  });
});

describe('createSpeller: a letter read as a bracket or a semicolon', () => {
  it('joins the word again with the letter the bracket stood for', () => {
    const spell = spellerFor();
    expect(spell('Сетевое взаимодействие и партн(рство')).toBe('Сетевое взаимодействие и партнерство');
    expect(spell('Управление качеством о(разования')).toBe('Управление качеством образования');
    expect(spell('Работа с обучающимися и ро; ителями')).toBe('Работа с обучающимися и родителями');
  });

  it('leaves punctuation between two words alone', () => {
    const spell = spellerFor();
    expect(spell('проведение семинаров; анализ результатов')).toBe('проведение семинаров; анализ результатов');
    expect(spell('мониторинг (ежегодно)')).toBe('мониторинг (ежегодно)');
  });
});

