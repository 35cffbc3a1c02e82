import { z } from 'zod';
import { CorrectionError } from '../errors.js';
import { CORRECTABLE_FIELDS } from '../store/correction-cells.js';
import type { CorrectionRequest } from '../store/corrections.js';
import { parseCsv } from './csv.js';

const positiveInt = (name: string) => z.string().trim().regex(/^[1-9]\d*$/, `${name} must be a positive whole number`).transform(Number);

/** One line of a corrections file: a row named by its activity id, or by its file's hash and seq. */
const CorrectionLine = z.object({
  activity_id: z.string().trim().optional(),
  sha256: z.string().trim().optional(),
  seq: z.string().trim().optional(),
  field: z.enum(CORRECTABLE_FIELDS, { error: () => `field must be one of ${CORRECTABLE_FIELDS.join(', ')}` }),
  value: z.string({ error: 'value is missing' }),
}).transform((l, ctx) => {
  const byId = l.activity_id !== undefined && l.activity_id !== '';
  const byHash = (l.sha256 ?? '') !== '' || (l.seq ?? '') !== '';
  if (byId === byHash) {
    ctx.addIssue({ code: 'custom', message: 'name the row by activity_id, or by sha256 and seq (not both, not neither)' });
    return z.NEVER;
  }
  if (byId) {
    const id = positiveInt('activity_id').safeParse(l.activity_id);
    if (!id.success) { ctx.addIssue({ code: 'custom', message: id.error.issues[0]!.message }); return z.NEVER; }
    return { target: { activityId: id.data }, field: l.field, value: l.value };
  }
  if (!/^[0-9a-f]{64}$/i.test(l.sha256 ?? '')) { ctx.addIssue({ code: 'custom', message: 'sha256 must be 64 hex digits' }); return z.NEVER; }
  const seq = positiveInt('seq').safeParse(l.seq ?? '');
  if (!seq.success) { ctx.addIssue({ code: 'custom', message: seq.error.issues[0]!.message }); return z.NEVER; }
  return { target: { sha256: l.sha256!.toLowerCase(), seq: seq.data }, field: l.field, value: l.value };
});

/**
 * A corrections file → requests. Every line is checked, and all bad ones are reported at once
 * (CorrectionError, one message a line), so a file is fixed in one go and never half applied.
 * The separator is the header's: "," or, as Russian Excel saves, ";".
 */
export function parseCorrectionsCsv(text: string, file: string): CorrectionRequest[] {
  const header0 = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '');
  const separator = header0.includes(';') && !header0.includes(',') ? ';' : ',';
  const records = parseCsv(text, separator).filter((r) => r.some((f) => f.trim() !== ''));
  const header = (records.shift() ?? []).map((h) => h.trim().toLowerCase());
  const problems: string[] = [];
  const need = ['field', 'value'].filter((c) => !header.includes(c));
  if (!header.includes('activity_id') && !(header.includes('sha256') && header.includes('seq'))) need.unshift('activity_id (or sha256 and seq)');
  if (need.length > 0) throw new CorrectionError([`${file}: the header lacks ${need.join(', ')} (columns: activity_id or sha256 and seq, field, value)`]);
  if (records.length === 0) throw new CorrectionError([`${file}: no corrections below the header`]);
  const requests: CorrectionRequest[] = [];
  records.forEach((r, i) => {
    // Line numbers as a spreadsheet shows them: the header is line 1 (blank lines aside).
    const origin = `${file} line ${i + 2}`;
    if (r.length > header.length) { problems.push(`${origin}: ${r.length} fields, the header has ${header.length}`); return; }
    const parsed = CorrectionLine.safeParse(Object.fromEntries(header.map((h, j) => [h, r[j]])));
    if (parsed.success) requests.push({ ...parsed.data, origin });
    else problems.push(`${origin}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
  });
  if (problems.length > 0) throw new CorrectionError(problems);
  return requests;
}
