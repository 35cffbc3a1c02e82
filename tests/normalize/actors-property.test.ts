import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Actor } from '../../src/model/normalized.js';
import { extractActors, UNKNOWN_ACTOR } from '../../src/normalize/actors.js';
import { VOCABULARY } from '../../src/normalize/vocabulary.js';

/**
 * Ways documents write each party: inflections and abbreviations of domain.md's variants.
 * Every form alone must map to exactly its code (checked first), so the properties below
 * test how forms combine, not the vocabulary's coverage.
 */
const FORMS: Record<string, readonly string[]> = {
  МОУО: ['Управление образования', 'управлением образования', 'Отдел образования', 'Комитет по образованию', 'УО'],
  МОУО_КООРД: ['Муниципальный координатор', 'муниципального координатора'],
  МРГ: ['Муниципальная рабочая группа', 'муниципальной рабочей группы', 'МРГ'],
  РОИВ: ['Министерство образования и науки Пермского края', 'министерством образования', 'МО ПК'],
  ИРО: ['Институт развития образования', 'институтом развития образования', 'ИРО', 'СОРИПКРО'],
  ММС: ['Методический центр', 'методическим центром', 'ИМЦ', 'РМО'],
  ОО: ['Образовательные организации', 'образовательных организаций', 'общеобразовательными учреждениями', 'ОО', 'ОУ'],
  ШНОР: ['Школы с низкими образовательными результатами', 'школам с низкими результатами', 'ШНОР'],
  ШВОР: ['Школы с высокими образовательными результатами', 'школы-лидеры', 'ШВОР'],
  ШПК: ['Школьная проектная команда', 'школьными проектными командами'],
};

/** Names the vocabulary does not know: each must survive verbatim under UNKNOWN. */
const UNKNOWN_NAMES = ['Глава округа', 'Совет ветеранов', 'Центр занятости населения', 'Родительский комитет', 'Редакция газеты «Искра»'];

const codes = (cell: string) => extractActors(cell).map((a) => a.code);

const form = fc.constantFrom(...Object.entries(FORMS).flatMap(([code, forms]) => forms.map((text) => ({ code, text }))));
/**
 * Separators that always split. A bare line break is softer by design: a line opening in lower
 * case continues a wrapped name, and the joined text can read as another phrase ("Методический
 * центр\nинститутом развития образования" → "центр [институтом] развития образования", ММС).
 */
const separator = fc.constantFrom(', ', '; ', ',\n', ' / ', ' и ');
/** Whole-cell casing: as typed, all lower case (abbreviations included), all capitals. */
const casing = fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toLowerCase(), (s) => s.toUpperCase());

/** A party list: distinct forms joined by one kind of separator. */
const partyList = fc.tuple(fc.uniqueArray(form, { minLength: 1, maxLength: 5, selector: (f) => f.text }), separator);

/** Codes in order of first appearance. */
const firstSeen = (xs: readonly string[]) => [...new Set(xs)];

/** Cyrillic letters and the Latin letters OCR and typists put in their place. */
const LOOK_ALIKES: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y' };

/** Pseudo-words from syllables that spell no vocabulary or filler word. */
const pseudoName = fc.array(fc.constantFrom('ка', 'ло', 'ми', 'ру', 'та', 'зе', 'ны', 'фо', 'бу', 'ше'), { minLength: 3, maxLength: 5 })
  .map((s) => s.join(''))
  .map((w) => w[0]!.toUpperCase() + w.slice(1));

describe('extractActors properties', () => {
  it('each listed form alone maps to exactly its code', () => {
    for (const [code, forms] of Object.entries(FORMS)) {
      for (const text of forms) expect(codes(text), text).toEqual([code]);
    }
  });

  it('a list of parties gives their codes once each, in the order written, whatever the separators and case', () => {
    fc.assert(
      fc.property(partyList, casing, ([parts, sep], cased) => {
        const cell = cased(parts.map((p) => p.text).join(sep));
        expect(codes(cell)).toEqual(firstSeen(parts.map((p) => p.code)));
      }),
      { numRuns: 1000 },
    );
  });

  it('a line break splits parties whose names open with a capital, like a comma', () => {
    const capital = form.filter((f) => /^\p{Lu}/u.test(f.text));
    fc.assert(
      fc.property(fc.uniqueArray(capital, { minLength: 1, maxLength: 5, selector: (f) => f.text }), (parts) => {
        expect(codes(parts.map((p) => p.text).join('\n'))).toEqual(codes(parts.map((p) => p.text).join(', ')));
      }),
      { numRuns: 500 },
    );
  });

  it('the order of the parties changes the order of the codes, never the set', () => {
    fc.assert(
      fc.property(partyList, fc.func(fc.integer()), ([parts, sep], key) => {
        const shuffled = [...parts].sort((a, b) => key(a.text) - key(b.text));
        const a = codes(parts.map((p) => p.text).join(sep));
        const b = codes(shuffled.map((p) => p.text).join(sep));
        expect(new Set(b)).toEqual(new Set(a));
      }),
      { numRuns: 300 },
    );
  });

  it('Latin look-alike letters in place of Cyrillic ones change nothing', () => {
    fc.assert(
      fc.property(partyList, fc.infiniteStream(fc.boolean()), ([parts, sep], coin) => {
        const cell = parts.map((p) => p.text).join(sep);
        const it = coin[Symbol.iterator]();
        const garbled = [...cell].map((ch) => (LOOK_ALIKES[ch] && it.next().value ? LOOK_ALIKES[ch] : ch)).join('');
        expect(codes(garbled), garbled).toEqual(codes(cell));
      }),
      { numRuns: 500 },
    );
  });

  it('unknown parties are never dropped: each is kept verbatim in one final UNKNOWN actor', () => {
    const unknown = fc.oneof(fc.constantFrom(...UNKNOWN_NAMES), pseudoName);
    fc.assert(
      fc.property(fc.array(form), fc.uniqueArray(unknown, { minLength: 1, maxLength: 4 }), fc.func(fc.integer()), (known, names, key) => {
        const parts = [...known.map((f) => f.text), ...names].sort((a, b) => key(a) - key(b));
        const actors = extractActors(parts.join(', '));
        for (const n of names) expect(actors.some((a) => a.raw.includes(n)), `${n} in ${JSON.stringify(actors)}`).toBe(true);
        for (const f of known) expect(actors.map((a) => a.code)).toContain(f.code);
        const u = actors.filter((a) => a.code === UNKNOWN_ACTOR);
        expect(u.length).toBeLessThanOrEqual(1);
        if (u.length) expect(actors.at(-1)!.code).toBe(UNKNOWN_ACTOR);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text; returns valid actors with known codes, each at most once, and no actors for blank cells', () => {
    const known = new Set([...Object.keys(VOCABULARY.codes), UNKNOWN_ACTOR]);
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fc.oneof(form.map((f) => f.text), separator, fc.constantFrom('(далее – ', ')', '«', '»', '(', 'и', '\n', ' ', 'по согласованию')), { maxLength: 10 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (cell) => {
        const actors = extractActors(cell);
        for (const a of actors) {
          expect(Actor.parse(a)).toEqual(a);
          expect(known.has(a.code), a.code).toBe(true);
          expect(a.raw.trim()).not.toBe('');
        }
        expect(new Set(actors.map((a) => a.code)).size).toBe(actors.length);
        if (cell.trim() === '') expect(actors).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic: the same cell gives the same actors, whatever was read in between', () => {
    const abbreviations = new Map([['ЦЗН', 'МОУО']]);
    fc.assert(
      fc.property(partyList, fc.string({ maxLength: 40 }), ([parts, sep], other) => {
        const cell = parts.map((p) => p.text).join(sep);
        const first = extractActors(cell);
        extractActors(other, { abbreviations, level: 'school' });
        expect(extractActors(cell)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});
