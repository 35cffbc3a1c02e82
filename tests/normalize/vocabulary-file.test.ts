import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractActors, UNKNOWN_ACTOR } from '../../src/normalize/actors.js';
import { VOCABULARY } from '../../src/normalize/vocabulary.js';
import { loadVocabularyFile, parseVocabularyFile, VocabularyFileError } from '../../src/normalize/vocabulary-file.js';

const codes = (cell: string, vocabulary = VOCABULARY) => extractActors(cell, { vocabulary }).map((a) => a.code);

describe('vocabulary file', () => {
  const file = {
    codes: { ЦОКО: 'regional centre of education quality assessment' },
    entries: [
      { code: 'ЦОКО', phrases: ['центр оценки качества образования', 'ЦОКО', 'РЦОИ'] },
      { code: 'ИРО', phrases: ['опорный центр'] },
    ],
    fillers: ['в пределах компетенции'],
  };

  it('adds codes and variants to the shipped vocabulary, which keeps working', () => {
    const v = parseVocabularyFile(JSON.stringify(file), 'user.json');
    expect(codes('РЦОИ, ИРО', v)).toEqual(['ЦОКО', 'ИРО']);
    expect(codes('ГБУ «Региональный центр оценки качества образования»', v)).toEqual(['ЦОКО']);
    expect(codes('Опорный центр', v)).toEqual(['ИРО']);
    expect(codes('Управление образования, в пределах компетенции', v)).toEqual(['МОУО']);
    // Without the file the same parties are unknown.
    expect(codes('РЦОИ')).toEqual([UNKNOWN_ACTOR]);
  });

  it('its phrases decide where they cover the same words as a shipped one', () => {
    const v = parseVocabularyFile(JSON.stringify({ entries: [{ code: 'ММС', phrases: ['ЦРО'] }, { code: 'ОО', phrases: ['ИМЦ'] }] }), 'u.json');
    expect(codes('ИМЦ', v)).toEqual(['ОО']);
  });

  it('"replace" uses the file as the whole vocabulary', () => {
    const v = parseVocabularyFile(JSON.stringify({ replace: true, codes: { X: 'x' }, entries: [{ code: 'X', phrases: ['икс'] }] }), 'u.json');
    expect(codes('икс, Управление образования', v)).toEqual(['X', UNKNOWN_ACTOR]);
  });

  it.each([
    ['{ not json', /not valid JSON/],
    [JSON.stringify({ entries: [{ code: 'НЕТ', phrases: ['x'] }] }), /undeclared code НЕТ/],
    [JSON.stringify({ entries: [{ code: 'ИРО', phrase: ['x'] }] }), /entries\.0/],
    [JSON.stringify({ entrys: [] }), /entrys/],
    [JSON.stringify({ entries: [{ code: 'ИРО', patterns: ['(['] }] }), /bad pattern/],
    [JSON.stringify({ codes: { ИРО: 'something else' } }), /already defined/],
  ])('rejects %s, naming the file and the field', (text, message) => {
    expect(() => parseVocabularyFile(text, 'user.json')).toThrow(VocabularyFileError);
    expect(() => parseVocabularyFile(text, 'user.json')).toThrow(message);
    expect(() => parseVocabularyFile(text, 'user.json')).toThrow(/user\.json/);
  });

  it('loads from disk (a BOM is allowed) and reports a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vocab-'));
    const p = path.join(dir, 'v.json');
    fs.writeFileSync(p, '\uFEFF' + JSON.stringify(file));
    expect(codes('ЦОКО', loadVocabularyFile(p))).toEqual(['ЦОКО']);
    expect(() => loadVocabularyFile(path.join(dir, 'missing.json'))).toThrow(/cannot be read \(ENOENT\)/);
    fs.rmSync(dir, { recursive: true });
  });
});
