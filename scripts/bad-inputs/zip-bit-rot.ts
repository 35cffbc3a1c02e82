import { zipSync, type Zippable } from 'fflate';

/**
 * `files` zipped with `part` stored uncompressed and, in the archive's bytes, the first
 * `from` inside that part overwritten with `to` (same length) — what bit rot on a disk or a
 * bad transfer does. The XML stays well-formed and the ZIP sound: only the CRC-32 the central
 * directory records for the part tells the damage (a deadline year changed, say).
 */
export function zipWithBitRot(files: Record<string, Uint8Array>, part: string, from: string, to: string): Uint8Array {
  const data = files[part];
  if (!data) throw new Error(`no ${part} to damage`);
  const was = Buffer.from(from, 'utf8');
  const now = Buffer.from(to, 'utf8');
  if (was.length !== now.length || was.equals(now)) throw new Error(`"${from}" → "${to}" must change bytes in place`);
  const inPart = Buffer.from(data).indexOf(was);
  if (inPart < 0) throw new Error(`${part} holds no "${from}"`);
  const zippable: Zippable = { ...files, [part]: [data, { level: 0 }] };
  const zip = zipSync(zippable);
  // Stored, the part's bytes lie verbatim after its local header (the other parts are deflated).
  const start = Buffer.from(zip).indexOf(Buffer.from(data));
  if (start < 0) throw new Error(`${part} not found stored in the archive`);
  zip.set(now, start + inPart);
  return zip;
}
