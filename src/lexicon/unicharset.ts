/**
 * The character strings of a Tesseract unicharset file (unicharset.cpp): the first line is
 * the count, then one line per unichar id whose first space-separated field is the string.
 * The space character cannot be written that way, so the file spells it "NULL" (id 0).
 */
export function parseUnicharset(text: string): string[] {
  const lines = text.split('\n');
  const count = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(count) || count <= 0 || lines.length < count + 1) {
    throw new Error(`not a unicharset: bad count line "${lines[0] ?? ''}"`);
  }
  const unichars: string[] = [];
  for (let id = 1; id <= count; id++) {
    const field = (lines[id] ?? '').split(' ', 1)[0]!;
    unichars.push(field === 'NULL' ? ' ' : field);
  }
  return unichars;
}
