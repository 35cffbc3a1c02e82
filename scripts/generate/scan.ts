/**
 * A harsh scan of a PDF whose pages may differ in orientation: every landscape page is turned
 * 90° into the portrait frame (as a landscape sheet comes off a scanner), then
 * scripts/harsh-scan.ts degrades the pages into one multi-page TIFF.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { writeHarshScan } from '../harsh-scan.js';

/** A minimal image-only PDF of A4 portrait pages, one JPEG per page. */
function imagePdf(jpegs: { data: Buffer; width: number; height: number }[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer | string) => { const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b; parts.push(buf); size += buf.length; };
  push('%PDF-1.4\n');
  const n = jpegs.length;
  const obj = (id: number, body: (Buffer | string)[]) => { offsets[id] = size; push(`${id} 0 obj\n`); for (const b of body) push(b); push('\nendobj\n'); };
  obj(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  obj(2, [`<< /Type /Pages /Count ${n} /Kids [${jpegs.map((_, i) => `${3 + i * 3} 0 R`).join(' ')}] >>`]);
  jpegs.forEach((j, i) => {
    const page = 3 + i * 3;
    const content = `q 595.28 0 0 841.89 0 0 cm /Im0 Do Q`;
    obj(page, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im0 ${page + 1} 0 R >> >> /Contents ${page + 2} 0 R >>`]);
    obj(page + 1, [`<< /Type /XObject /Subtype /Image /Width ${j.width} /Height ${j.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${j.data.length} >>\nstream\n`, j.data, '\nendstream']);
    obj(page + 2, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
  });
  const xref = size;
  const count = 3 + n * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n${Array.from({ length: count - 1 }, (_, i) => `${String(offsets[i + 1]).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

export async function writePortraitScan(pdf: string, target: string, dpi: number): Promise<number> {
  const tmp = fs.mkdtempSync('/tmp/gen-scan-');
  try {
    execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', pdf, path.join(tmp, 'p')]);
    const pages = fs.readdirSync(tmp).filter((f) => f.endsWith('.png')).sort();
    const jpegs: { data: Buffer; width: number; height: number }[] = [];
    for (const f of pages) {
      let img = sharp(path.join(tmp, f)).greyscale();
      const m = await img.metadata();
      // a landscape sheet fed long edge first comes out turned a quarter clockwise
      if ((m.width ?? 0) > (m.height ?? 0)) img = img.rotate(90);
      const { data, info } = await img.resize(2480, 3508, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer({ resolveWithObject: true });
      jpegs.push({ data, width: info.width, height: info.height });
    }
    const portrait = path.join(tmp, 'portrait.pdf');
    fs.writeFileSync(portrait, imagePdf(jpegs));
    // harsh-scan seeds its noise from the file name, so name the stand-in after the original
    const named = path.join(tmp, path.basename(pdf));
    fs.renameSync(portrait, named);
    return await writeHarshScan(named, target, { dpi });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
