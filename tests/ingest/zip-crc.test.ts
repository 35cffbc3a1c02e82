import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CorruptFileError } from '../../src/errors.js';
import { extractZipEntries, listZipEntries } from '../../src/ingest/docx-zip.js';
import { readDocx } from '../../src/ingest/docx.js';
import { readOdt } from '../../src/ingest/odt.js';
import { readSpreadsheet } from '../../src/ingest/spreadsheet.js';
import { listArchive, readArchiveMember } from '../../src/ingest/zip-archive.js';
import { zipWithBitRot } from '../../scripts/bad-inputs/zip-bit-rot.js';
import { CORPUS_DOCS, ROOT } from '../helpers/corpus.js';
import { cp866, renameEntry } from '../helpers/zip.js';

const LIMITS = { maxUncompressedMb: 100 };
const read = (...p: string[]) => new Uint8Array(fs.readFileSync(path.join(...p)));
const docx = () => unzipSync(read(CORPUS_DOCS, 'perm-krai-2021.docx'));
const crcFailure = (part: string) => new RegExp(`${part.replace(/[.[\]]/g, '\\$&')} fails its CRC-32 check \\(the directory records [0-9a-f]{8}, the data unpacks to [0-9a-f]{8}\\): the archive is damaged`);

describe('CRC-32 of every ZIP entry extracted', () => {
  it('a DOCX whose body changed after zipping (a deadline year) is corrupt, not read with the wrong year', () => {
    const damaged = zipWithBitRot(docx(), 'word/document.xml', 'июль, 2021', 'июль, 2027');
    // The same bytes with the CRC left alone would read as a sound plan holding 2027.
    expect(new TextDecoder().decode(unzipSync(damaged)['word/document.xml'])).toContain('июль, 2027');
    expect(() => readDocx(damaged, LIMITS)).toThrow(CorruptFileError);
    expect(() => readDocx(damaged, LIMITS)).toThrow(crcFailure('word/document.xml'));
  });

  it('a DOCX whose styles changed is read, with a warning naming the part (styles only refine the text)', () => {
    const sound = readDocx(zipSync(docx()), LIMITS);
    expect(sound.issues).toEqual([]);
    const damaged = readDocx(zipWithBitRot(docx(), 'word/styles.xml', 'w:val="24"', 'w:val="25"'), LIMITS);
    expect(damaged.issues).toHaveLength(1);
    expect(damaged.issues[0]).toMatchObject({ stage: 'ingest', severity: 'warning' });
    expect(damaged.issues[0]!.message).toMatch(/^word\/styles\.xml ignored: /);
    expect(damaged.issues[0]!.message).toMatch(crcFailure('word/styles.xml'));
    expect(damaged.blocks.length).toBe(sound.blocks.length);
  });

  it('a damaged relationship part falls back with a warning; the body found by default is still checked', () => {
    const damaged = readDocx(zipWithBitRot(docx(), 'word/_rels/document.xml.rels', 'styles.xml', 'styles.xmm'), LIMITS);
    expect(damaged.issues.map((i) => i.message)).toEqual([expect.stringMatching(crcFailure('word/_rels/document.xml.rels'))]);
  });

  it('any byte changed inside a stored body fails the file; a sound archive passes, wherever the entry sits', () => {
    const files = docx();
    const xml = files['word/document.xml']!;
    const zip = zipSync({ ...files, 'word/document.xml': [xml, { level: 0 }] });
    const start = Buffer.from(zip).indexOf(Buffer.from(xml));
    expect(readDocx(zip, LIMITS).issues).toEqual([]);
    for (let at = start; at < start + xml.length; at += Math.ceil(xml.length / 97)) {
      const damaged = zip.slice();
      damaged[at] = damaged[at]! ^ 0x01;
      expect(() => readDocx(damaged, LIMITS), `byte ${at - start} of word/document.xml`).toThrow(CorruptFileError);
    }
  });

  it('ODT: a damaged content.xml is corrupt, a damaged styles.xml or meta.xml is a warning', () => {
    const odt = unzipSync(read(ROOT, 'fixtures/formats/lysva-2021.odt'));
    const sound = readOdt(zipSync(odt), LIMITS);
    const content = new TextDecoder().decode(odt['content.xml']);
    const word = /[а-я]{6,}/.exec(content)![0];
    expect(() => readOdt(zipWithBitRot(odt, 'content.xml', word, word.replace(/.$/, 'ъ')), LIMITS)).toThrow(crcFailure('content.xml'));
    const styles = readOdt(zipWithBitRot(odt, 'styles.xml', 'office:version', 'office:versioN'), LIMITS);
    expect(styles.issues.map((i) => i.message)).toEqual([...sound.issues.map((i) => i.message), expect.stringMatching(/^styles\.xml ignored: .*fails its CRC-32 check/)]);
    const meta = readOdt(zipWithBitRot(odt, 'meta.xml', 'office:version', 'office:versioN'), LIMITS);
    expect(meta.issues.at(-1)!.message).toMatch(/^meta\.xml ignored: meta\.xml fails its CRC-32 check/);
    expect(styles.blocks.length).toBe(sound.blocks.length);
  });

  it('XLSX: a damaged worksheet is corrupt (SheetJS needs every part it lists, so none is optional)', () => {
    const xlsx = unzipSync(read(ROOT, 'fixtures/formats/lysva-2021.xlsx'));
    const sheet = Object.keys(xlsx).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    expect(readSpreadsheet(zipSync(xlsx), LIMITS, 'xlsx').blocks.length).toBeGreaterThan(0);
    expect(() => readSpreadsheet(zipWithBitRot(xlsx, sheet, '<row ', '<rov '), LIMITS, 'xlsx')).toThrow(crcFailure(sheet));
  });

  it('a ZIP member whose bytes changed is corrupt, named as the archive lists it (CP866 names decoded)', () => {
    const plan = read(CORPUS_DOCS, 'perm-krai-2021.docx');
    const zip = renameEntry(zipWithBitRot({ 'PLAN.docx': plan, 'note.txt': strToU8('текст') }, 'PLAN.docx', 'word/', 'wore/'), 'PLAN', cp866('План'));
    const { members } = listArchive(zip, { maxEntries: 10, maxEntryMb: 10 });
    const member = members.find((m) => m.name === 'План.docx')!;
    const budget = { limit: 100 * 1024 * 1024, used: 0 };
    expect(() => readArchiveMember(zip, member, budget)).toThrow(/^corrupt or truncated ZIP archive entry: План\.docx fails its CRC-32 check/);
    expect(new TextDecoder().decode(readArchiveMember(zip, members.find((m) => m.name === 'note.txt')!, budget))).toBe('текст');
  });

  it('an archive whose directory cannot be read (ZIP64, say) is extracted unchecked rather than refused', () => {
    const zip = zipSync({ 'a.txt': strToU8('abc') });
    const entries = listZipEntries(zip);
    expect(entries.get('a.txt')!.crc).toBeTypeOf('number');
    entries.get('a.txt')!.crc = undefined;
    const out = extractZipEntries(zip, entries, ['a.txt'], { limit: 1024, used: 0 });
    expect(new TextDecoder().decode(out.get('a.txt'))).toBe('abc');
  });
});
