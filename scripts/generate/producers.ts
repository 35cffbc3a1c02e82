/** The four PDF producers: LibreOffice and AbiWord from the DOCX, Chromium and WeasyPrint from the HTML. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const PRODUCERS = ['lo', 'abiword', 'chromium', 'weasy'] as const;
export type Producer = (typeof PRODUCERS)[number];

export function sh(cmd: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20, env: { ...process.env, HOME: '/tmp/gen-home' } }, (err, stdout, stderr) => {
      resolve({ ok: !err, out: `${stdout}${stderr}`.trim() || (err ? String(err.message) : '') });
    });
  });
}

export async function versions(producers: readonly string[]): Promise<Record<string, string>> {
  const v: Record<string, string> = {};
  const first = async (c: string, a: string[]) => (await sh(c, a, 60_000)).out.split('\n')[0] ?? '';
  for (const p of producers) {
    if (p === 'lo') v.lo = await first('soffice', ['--version']);
    if (p === 'abiword') v.abiword = `AbiWord ${await first('abiword', ['--version'])}`;
    if (p === 'chromium') v.chromium = await first('chromium', ['--version']);
    if (p === 'weasy') v.weasy = await first('weasyprint', ['--version']);
  }
  return v;
}

/** LibreOffice converts many files in one start (it is slow to start). Returns failures by id. */
export async function runLibreOffice(docxFiles: string[], outDir: string, perFileMs: number): Promise<Map<string, string>> {
  const failed = new Map<string, string>();
  if (!docxFiles.length) return failed;
  const tmp = fs.mkdtempSync('/tmp/gen-lo-');
  const profile = `-env:UserInstallation=file://${tmp}/profile`;
  const r = await sh('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', tmp, ...docxFiles], 60_000 + perFileMs * docxFiles.length);
  for (const f of docxFiles) {
    const id = path.basename(f, '.docx');
    const made = path.join(tmp, `${id}.pdf`);
    if (fs.existsSync(made) && fs.statSync(made).size > 0) fs.renameSync(made, path.join(outDir, `${id}.lo.pdf`));
    else failed.set(id, r.ok ? 'no output' : r.out.slice(0, 300));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return failed;
}

export async function runOne(producer: Exclude<Producer, 'lo'>, id: string, docx: string, html: string, outDir: string, ms: number): Promise<string | null> {
  const target = path.join(outDir, `${id}.${producer}.pdf`);
  let r: { ok: boolean; out: string };
  if (producer === 'abiword') r = await sh('abiword', [`--to=${path.resolve(target)}`, path.resolve(docx)], ms);
  else if (producer === 'chromium') {
    const prof = fs.mkdtempSync('/tmp/gen-chr-');
    r = await sh('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${prof}`, `--print-to-pdf=${target}`, `file://${path.resolve(html)}`], ms);
    fs.rmSync(prof, { recursive: true, force: true });
  } else r = await sh('weasyprint', [html, target], ms);
  if (fs.existsSync(target) && fs.statSync(target).size > 0) return null;
  return r.ok ? 'no output' : r.out.slice(0, 300);
}
