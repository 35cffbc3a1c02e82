/** CP866 bytes of a string of ASCII and Russian letters (the DOS code page of old archivers). */
export function cp866(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x43f) return c - 0x410 + 0x80; // А..п
    if (c >= 0x440 && c <= 0x44f) return c - 0x440 + 0xe0; // р..я
    if (c === 0x401) return 0xf0; // Ё
    if (c === 0x451) return 0xf1; // ё
    throw new Error(`no CP866 byte for ${ch}`);
  });
}

/**
 * Replaces an ASCII entry name by raw bytes of the same length in a ZIP's local and central
 * headers (names are not covered by the CRC), leaving the UTF-8 flag unset: how Windows'
 * archivers store Cyrillic names.
 */
export function renameEntry(zip: Uint8Array, placeholder: string, name: Uint8Array): Uint8Array {
  if (name.length !== placeholder.length) throw new Error('the new name must have the placeholder\'s byte length');
  const out = zip.slice();
  const needle = Uint8Array.from(placeholder, (c) => c.charCodeAt(0));
  let replaced = 0;
  for (let i = 0; i + needle.length <= out.length; i++) {
    if (needle.every((b, j) => out[i + j] === b)) {
      out.set(name, i);
      replaced++;
    }
  }
  if (replaced !== 2) throw new Error(`expected the name in 2 headers, found ${replaced}`);
  return out;
}
