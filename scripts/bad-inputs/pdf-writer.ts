/**
 * Writes a PDF from hand-made objects with a correct cross-reference table, so synthetic
 * fixtures (a thousand blank pages, a page tree that lies, an encrypted file) exercise the
 * reader's limits rather than its repair of broken offsets.
 */

/** An indirect object: a dictionary, optionally with stream data (its /Length is added). */
export type PdfObject = string | { dict: string; stream: Uint8Array };

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/**
 * Objects are numbered from 1 in the order given; object 1 must be the catalog. `trailer`
 * holds extra trailer entries (/Encrypt, /ID).
 */
export function writePdf(objects: readonly PdfObject[], trailer = ''): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (b: Uint8Array | string) => {
    const bytes = typeof b === 'string' ? latin1(b) : b;
    parts.push(bytes);
    length += bytes.length;
  };
  // The binary comment tells transfer tools the file is not text.
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    if (typeof o === 'string') {
      push(`${i + 1} 0 obj\n${o}\nendobj\n`);
    } else {
      const dict = o.dict.replace(/>>\s*$/, ` /Length ${o.stream.length} >>`);
      push(`${i + 1} 0 obj\n${dict}\nstream\n`);
      push(o.stream);
      push('\nendstream\nendobj\n');
    }
  });
  const xref = length;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const at of offsets) push(`${String(at).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A PDF string literal for text in a standard font (WinAnsi), parentheses escaped. */
export function pdfText(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export { latin1 };
