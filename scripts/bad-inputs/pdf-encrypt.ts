import { createHash } from 'node:crypto';

/**
 * The PDF standard security handler, revision 2 (40-bit RC4, PDF 1.1 — ISO 32000-1 §7.6.3,
 * algorithms 1–4), enough to write a file that every reader asks a password for. Written by
 * hand because no PDF writer is among the dependencies; RC4 is too weak for anything but a
 * test fixture, which is all this is for.
 */

const PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

function padded(password: string): Uint8Array {
  const out = new Uint8Array(32);
  const pw = Buffer.from(password, 'latin1').subarray(0, 32);
  out.set(pw);
  out.set(PAD.subarray(0, 32 - pw.length), pw.length);
  return out;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

export interface Rc4Security {
  /** The /Encrypt dictionary (a direct object body). */
  encryptDict: string;
  /** The /ID array for the trailer. */
  id: string;
  /** Encrypts one object's stream or string data. */
  encrypt(objectNumber: number, data: Uint8Array): Uint8Array;
}

export function rc4Security(userPassword: string, ownerPassword: string, fileId: Uint8Array): Rc4Security {
  // Permissions: everything allowed but the reserved bits that must be 1 (−44 is what Acrobat writes).
  const p = -44;
  const o = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const pBytes = new Uint8Array(4);
  new DataView(pBytes.buffer).setInt32(0, p, true);
  const key = md5(padded(userPassword), o, pBytes, fileId).subarray(0, 5);
  const u = rc4(key, PAD);
  return {
    encryptDict: `<< /Filter /Standard /V 1 /R 2 /O <${hex(o)}> /U <${hex(u)}> /P ${p} >>`,
    id: `/ID [<${hex(fileId)}> <${hex(fileId)}>]`,
    encrypt(n, data) {
      const objectKey = md5(key, Uint8Array.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, 0, 0])).subarray(0, key.length + 5);
      return rc4(objectKey, data);
    },
  };
}
