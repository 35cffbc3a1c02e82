import { describe, expect, it } from 'vitest';
import { mapHeaderRow, roleOfHeader } from '../../src/parse/header-roles.js';

describe('column roles from header wording', () => {
  it.each([
    ['№ п/п', 'number'],
    ['Мероприятие (содержание деятельности)', 'activity'],
    ['Ответственные исполнители', 'responsible'],
    ['Сроки исполнения', 'deadline'],
    ['Планируемый результат', 'result'],
    ['Результат мероприятия', 'result'],
    ['Показатели', 'result'],
    // OCR garbled the noun; the adjective still names the outcome.
    ['планируемый резулизот', 'result'],
    ['Ожидаемый рзультат', 'result'],
    ['Планируемый срок', 'deadline'],
    ['Планируемые мероприятия', 'activity'],
    ['Примечание', null],
  ] as const)('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it('keeps a table with an OCR-garbled result header whole', () => {
    expect(mapHeaderRow(['№ п/п', 'Мероприятие', 'Ответственные', 'Сроки', 'планируемый резулизот'], 3))
      .toEqual(['number', 'activity', 'responsible', 'deadline', 'result']);
  });
});
