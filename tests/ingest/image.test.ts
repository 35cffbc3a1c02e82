import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/model/index.js';
import { decodeImagePages, openImagePages } from '../../src/ingest/image.js';
import { binarize, inkBounds } from '../../src/ingest/image-binarize.js';
import { estimateSkew } from '../../src/ingest/image-deskew.js';
import { findPageQuad } from '../../src/ingest/image-perspective.js';
import { preparePage, recognitionImage } from '../../src/ingest/image-preprocess.js';
import { detectRules, findRuleSegments } from '../../src/ingest/image-rules.js';
import { TooLargeError } from '../../src/errors.js';

// Fixtures from scripts/make-image-fixtures.ts: synthetic pages whose ruling lines and sheet
// corners are known exactly (the .json files beside them).
const fixture = (name: string) => new Uint8Array(fs.readFileSync(`fixtures/images/${name}`));
const json = <T>(name: string): T => JSON.parse(fs.readFileSync(`fixtures/images/${name}`, 'utf8')) as T;
const decode = async (name: string) => decodeImagePages(fixture(name), { maxMegapixels: 60, dpiFallback: 300 });

/** Each expected rule matched by a found rule of the same orientation within `tol` points. */
function matchRules(found: readonly Rule[], expected: readonly Rule[], tol: number): { missed: Rule[]; extra: Rule[] } {
  const near = (a: Rule, b: Rule) =>
    a.orientation === b.orientation && Math.abs(a.at - b.at) <= tol && Math.abs(a.from - b.from) <= tol * 3 && Math.abs(a.to - b.to) <= tol * 3;
  return {
    missed: expected.filter((e) => !found.some((f) => near(f, e))),
    extra: found.filter((f) => !expected.some((e) => near(f, e))),
  };
}

describe('openImagePages', () => {
  it('counts a TIFF\'s pages from its header and refuses too many before decoding any', async () => {
    const pages = await openImagePages(fixture('two-pages.tif'), { maxMegapixels: 60, dpiFallback: 300, maxPages: 2 });
    expect(pages.count).toBe(2);
    await expect(openImagePages(fixture('two-pages.tif'), { maxMegapixels: 60, dpiFallback: 300, maxPages: 1 })).rejects.toThrow(/2 pages \(limit 1\)/);
  });
});

describe('decodeImagePages', () => {
  it('reads every page of a multi-page TIFF as gray rasters', async () => {
    const pages = await decode('two-pages.tif');
    expect(pages.map((p) => [p.width, p.height])).toEqual([[300, 420], [300, 420]]);
    for (const p of pages) {
      expect(p.data.length).toBe(p.width * p.height);
      expect(p.dpi).toBeGreaterThan(0);
    }
  });

  it('applies the EXIF orientation of a phone photo stored sideways', async () => {
    const [img] = await decode('exif-orientation-6.jpg');
    // Stored 60×40 with a black block top-left and orientation 6 (turn 90° clockwise to view):
    // decoded 40×60 with the block top-right.
    expect([img!.width, img!.height]).toEqual([40, 60]);
    const at = (x: number, y: number) => img!.data[y * img!.width + x]!;
    expect(at(35, 4)).toBeLessThan(80);
    expect(at(4, 4)).toBeGreaterThan(180);
  });

  it('refuses an oversized image from its header, before decoding it', async () => {
    const bytes = fixture('huge-header-only.png');
    expect(bytes.length).toBeLessThan(100_000);
    await expect(decodeImagePages(bytes, { maxMegapixels: 60, dpiFallback: 300 })).rejects.toBeInstanceOf(TooLargeError);
  });
});

describe('ruling lines in an image', () => {
  it('finds every rule of a clean ruled table, within a point, and nothing else', async () => {
    const [img] = await decode('ruled-table.png');
    const found = detectRules(binarize(img!));
    const { missed, extra } = matchRules(found, json<Rule[]>('ruled-table.rules.json'), 1.5);
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('bridges the drop-outs of scan-broken rules, but takes no fine dashes for a rule', async () => {
    // Expected: [dashed h, broken h, broken v]. Dashes of 1.4 mm are shorter than the
    // shortest rule piece (TUNING.ingest.rules.minPieceMm), which is what keeps rows of letters
    // from being read as dashed lines; roadmap tables are drawn solid.
    const [dashed, brokenH, brokenV] = json<Rule[]>('dashed-rules.rules.json');
    const [img] = await decode('dashed-rules.png');
    const found = detectRules(binarize(img!));
    expect(matchRules(found, [brokenH!, brokenV!], 1.5)).toEqual({ missed: [], extra: [] });
    expect(matchRules(found, [dashed!], 1.5).missed).toEqual([dashed]);
  });

  it('finds the rules of a scanned (noisy, JPEG) table after preparation', async () => {
    const [img] = await decode('ruled-table-scanned.jpg');
    const page = await preparePage(img!);
    const h = findRuleSegments(page.mask).filter((r) => r.orientation === 'h');
    const v = findRuleSegments(page.mask).filter((r) => r.orientation === 'v');
    const expected = json<Rule[]>('ruled-table.rules.json');
    expect(h.length).toBe(expected.filter((r) => r.orientation === 'h').length);
    expect(v.length).toBe(expected.filter((r) => r.orientation === 'v').length);
  });
});

describe('inkBounds', () => {
  it('finds the ink whatever the row width, also in the bytes beside whole 32-bit words', () => {
    for (const width of [5, 7, 8, 13, 64]) {
      const height = 9;
      const data = new Uint8Array(width * height);
      expect(inkBounds({ data, width, height, dpi: 300 })).toBeNull();
      data[2 * width + width - 1] = 1;
      data[6 * width + 1] = 1;
      expect(inkBounds({ data, width, height, dpi: 300 })).toEqual({ left: 1, top: 2, right: width - 1, bottom: 6 });
    }
  });
});

describe('page preparation', () => {
  it('measures a 2° skew and removes it', async () => {
    const [img] = await decode('ruled-table-skew-2deg.png');
    const before = estimateSkew(binarize(img!));
    expect(Math.abs(Math.abs(before.degrees) - 2)).toBeLessThan(0.3);
    const page = await preparePage(img!);
    expect(Math.abs(Math.abs(page.skewDegrees) - 2)).toBeLessThan(0.3);
    expect(Math.abs(estimateSkew(page.mask).degrees)).toBeLessThan(0.3);
  });

  it('turns a page lying on its side upright', async () => {
    const [img] = await decode('ruled-table-turned-90.png');
    const page = await preparePage(img!);
    expect(page.quarterTurns).toBe(1);
    expect(page.image.height).toBeGreaterThan(page.image.width);
  });

  it('leaves an upright page as it is', async () => {
    const [img] = await decode('ruled-table.png');
    const page = await preparePage(img!);
    expect(page.quarterTurns).toBe(0);
    expect(page.dewarped).toBe(false);
  });

  it('hands the recogniser white paper and erased rules, and keeps the letters grey', async () => {
    const [img] = await decode('ruled-table-scanned.jpg');
    const page = await preparePage(img!);
    const { image: out, left, top } = recognitionImage(page);
    const at = (x: number, y: number) => out.data[(y - top) * out.width + (x - left)]!;
    const grey = (d: Uint8Array) => d.filter((v) => v !== 255).length;
    // The JPEG's paper is speckled grey; after whitening only ink is left off-white.
    expect(grey(page.image.data)).toBeGreaterThan(5 * grey(out.data));
    let ink = 0;
    let inkKept = 0;
    let softEdges = 0;
    for (let y = top; y < top + out.height; y++) {
      for (let x = left; x < left + out.width; x++) {
        const i = y * page.image.width + x;
        if (page.text.data[i] === 1) {
          ink++;
          if (at(x, y) === page.image.data[i]) inkKept++;
        } else if (at(x, y) > 0 && at(x, y) < 255) softEdges++;
      }
    }
    // Every ink pixel lies inside the cut, unchanged; some grey edges are kept besides.
    expect(ink).toBe(page.text.data.reduce((n, v) => n + v, 0));
    expect(inkKept / ink).toBeGreaterThan(0.99);
    expect(softEdges).toBeGreaterThan(0);
    // The cut leaves the blank paper out.
    expect(out.width * out.height).toBeLessThan(0.95 * page.image.width * page.image.height);
    // No rule pixel inside the cut stays dark.
    const r = page.rules.find((x) => x.orientation === 'h' && x.a0 >= top && x.a1 < top + out.height)!;
    const mid = Math.round((r.from + r.to) / 2);
    for (let a = r.a0; a <= r.a1; a++) expect(at(mid, a)).toBe(255);
  });

  it('finds the corners of a photographed sheet within 2 % of the image', async () => {
    const [img] = await decode('photo-page.jpg');
    const quad = await findPageQuad(img!);
    expect(quad).not.toBeNull();
    const expected = json<[number, number][]>('photo-page.quad.json');
    const tol = 0.02 * Math.max(img!.width, img!.height);
    quad!.forEach((p, i) => {
      expect(Math.abs(p.x - expected[i]![0])).toBeLessThan(tol);
      expect(Math.abs(p.y - expected[i]![1])).toBeLessThan(tol);
    });
  });
});
