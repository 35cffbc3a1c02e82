import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PasswordProtectedEntryError, TooLargeError, UnsafeArchiveEntryError } from '../../src/errors.js';
import { sniffFormat } from '../../src/ingest/sniff-format.js';
import { decodeEntryName, listArchive, readArchiveMember } from '../../src/ingest/zip-archive.js';
import { cp866, renameEntry } from '../helpers/zip.js';

const LIMITS = { maxEntries: 100, maxEntryMb: 10 };
const text = (s: string) => new TextEncoder().encode(s);

describe('ZIP archives of documents', () => {
  it('are told apart from DOCX, ODF and XLSX packages by their content', () => {
    expect(sniffFormat(zipSync({ 'a.pdf': text('%PDF-1.4') })).format).toBe('archive');
    expect(sniffFormat(zipSync({ 'word/document.xml': text('<w:document/>') })).format).toBe('docx');
    expect(sniffFormat(zipSync({ 'xl/workbook.xml': text('<workbook/>') })).format).toBe('xlsx');
  });

  it('list documents in name order, skipping folders, hidden files and macOS resource forks', () => {
    const zip = zipSync({
      'b.docx': text('x'), 'a/plan.pdf': text('y'), '.DS_Store': text('z'), '__MACOSX/a/._plan.pdf': text('w'), 'a/~$plan.docx': text('lock'),
    });
    expect(listArchive(zip, LIMITS).members.map((m) => m.name)).toEqual(['a/plan.pdf', 'b.docx']);
  });

  it('refuse entries whose names leave the archive, and keep listing the others', () => {
    const zip = zipSync({ '../../etc/passwd': text('x'), 'ok.txt': text('y') });
    const { members } = listArchive(zip, LIMITS);
    const evil = members.find((m) => m.name.includes('passwd'))!;
    expect(evil.refusal).toBeInstanceOf(UnsafeArchiveEntryError);
    expect(members.find((m) => m.name === 'ok.txt')!.refusal).toBeUndefined();
  });

  it('refuse a password-protected entry as such, not as a damaged one, and keep listing the others', () => {
    // `zip -P` sets bit 0 of the entry's general-purpose flags in its local and central headers;
    // inflating its ciphertext fails as «invalid length/literal», which read as damage.
    const zip = zipSync({ 'plan.txt': text('secret'), 'ok.txt': text('y') }, { level: 0 });
    const view = new DataView(zip.buffer);
    for (let at = 0; at + 4 <= zip.length; at++) {
      const sig = view.getUint32(at, true);
      if (sig === 0x04034b50 && new TextDecoder().decode(zip.subarray(at + 30, at + 38)) === 'plan.txt') view.setUint16(at + 6, view.getUint16(at + 6, true) | 1, true);
      if (sig === 0x02014b50 && new TextDecoder().decode(zip.subarray(at + 46, at + 54)) === 'plan.txt') view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
    }
    const { members } = listArchive(zip, LIMITS);
    const locked = members.find((m) => m.name === 'plan.txt')!;
    expect(locked.refusal).toBeInstanceOf(PasswordProtectedEntryError);
    expect(locked.refusal!.message).toMatch(/password-protected/);
    expect(members.find((m) => m.name === 'ok.txt')!.refusal).toBeUndefined();
  });

  it('say how many entries were left unread past the entry limit', () => {
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${i}.txt`, text('x')]));
    const listing = listArchive(zipSync(files), { ...LIMITS, maxEntries: 5 });
    expect(listing.members).toHaveLength(5);
    expect(listing.dropped).toBe(2);
  });

  it('refuse an entry that declares more than a file may hold, before inflating it', () => {
    const zip = zipSync({ 'big.pdf': new Uint8Array(3 * 1024 * 1024) });
    const member = listArchive(zip, { ...LIMITS, maxEntryMb: 1 }).members[0]!;
    expect(member.refusal).toBeInstanceOf(TooLargeError);
  });

  it('stop inflating at the archive budget (a bomb), whatever the entries declare', () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(4 * 1024 * 1024), 'b.txt': new Uint8Array(4 * 1024 * 1024) });
    const budget = { limit: 6 * 1024 * 1024, used: 0 };
    const [a, b] = listArchive(zip, LIMITS).members;
    expect(readArchiveMember(zip, a!, budget)).toHaveLength(4 * 1024 * 1024);
    expect(() => readArchiveMember(zip, b!, budget)).toThrow(TooLargeError);
  });

  it('hold a member to the archive budget only, not to the per-part limit of office packages (a member is a whole file)', () => {
    const zip = zipSync({ 'scan.pdf': new Uint8Array(40 * 1024 * 1024).fill(0x20) }, { level: 1 });
    const [member] = listArchive(zip, { ...LIMITS, maxEntryMb: 100 }).members;
    expect(readArchiveMember(zip, member!, { limit: 2048 * 1024 * 1024, used: 0 })).toHaveLength(40 * 1024 * 1024);
  });

  it('decode names Windows archivers store in CP866 without the UTF-8 flag', () => {
    const zip = renameEntry(zipSync({ 'XXXX.docx': text('x') }), 'XXXX.docx', cp866('План.docx'));
    expect(listArchive(zip, LIMITS).members[0]!.name).toBe('План.docx');
    // UTF-8 bytes without the flag (Info-ZIP on Linux) stay UTF-8.
    const latin1OfUtf8 = String.fromCharCode(...text('План.docx'));
    expect(decodeEntryName(latin1OfUtf8)).toBe('План.docx');
    expect(decodeEntryName('plan.docx')).toBe('plan.docx');
  });
});
