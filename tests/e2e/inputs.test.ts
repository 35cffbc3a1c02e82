import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayName, expandInputs, openPath } from '../../src/inputs.js';
import { tempDir } from '../helpers/corpus.js';

describe('input names shown as text', () => {
  it('no two names share one display name: a typed "\\xff" is escaped, so it cannot pass for the byte 0xFF', () => {
    const typed = Buffer.from('\\xff.docx');
    const byte = Buffer.from([0xff, 0x2e, 0x64, 0x6f, 0x63, 0x78]);
    expect(displayName(byte)).toBe('\\xff.docx');
    expect(displayName(typed)).toBe('\\x5cxff.docx');
    // Plain names, backslashes that read like no escape included, are shown as they are.
    expect(displayName(Buffer.from('план\\итог.docx'))).toBe('план\\итог.docx');
  });

  it('a folder holding both: two files, each opened by its own bytes', async () => {
    const dir = tempDir('inputs-names-');
    const typed = path.join(dir, '\\xff.docx');
    const byte = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0x2e, 0x64, 0x6f, 0x63, 0x78])]);
    fs.writeFileSync(typed, 'typed');
    fs.writeFileSync(byte, 'byte');
    const found = await expandInputs([dir]);
    expect(found.files).toHaveLength(2);
    expect(new Set(found.files).size).toBe(2);
    const contents = found.files.map((f) => fs.readFileSync(openPath(f, found.rawPaths), 'utf8')).sort();
    expect(contents).toEqual(['byte', 'typed']);
  });
});
