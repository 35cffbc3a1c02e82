import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/*
 * libvips keeps one error buffer per process: a warning raised while another image decodes
 * beside this one can fail this one (lovell/sharp#902). The decode is tried once more before
 * the file is called broken. sharp is wrapped so that its first page decode fails as a
 * neighbour's warning made it fail.
 */
const failures = vi.hoisted(() => ({ left: 0 }));
vi.mock('sharp', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (...a: unknown[]) => { toBuffer: (...a: unknown[]) => Promise<unknown> } }).default;
  const wrapped = (...args: unknown[]) => {
    const inst = real(...args);
    const opts = args[1] as { pages?: number } | undefined;
    if (opts?.pages === 1 && failures.left > 0) {
      failures.left--;
      inst.toBuffer = () => Promise.reject(new Error('tiff2vips: IFD looping (another file\'s warning)'));
    }
    return inst;
  };
  return { default: Object.assign(wrapped, real) };
});

const { decodeImagePages } = await import('../../src/ingest/image.js');
const PNG = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/images/ruled-table.png'));

describe('image decoding beside other images', () => {
  it('a decode failed once by a warning that was not its own is tried again and succeeds', async () => {
    failures.left = 1;
    const [page] = await decodeImagePages(new Uint8Array(PNG), { maxMegapixels: 100, dpiFallback: 300 });
    expect(page!.width).toBeGreaterThan(0);
    expect(failures.left).toBe(0);
  });

  it('an image that fails twice is a corrupt file, named with the reason', async () => {
    failures.left = 2;
    await expect(decodeImagePages(new Uint8Array(PNG), { maxMegapixels: 100, dpiFallback: 300 })).rejects.toThrow(/page 1: tiff2vips: IFD looping/);
  });
});
