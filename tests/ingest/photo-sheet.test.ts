import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { drawPhotoTraits, photographPage, type PhotoTraits } from '../../scripts/generate/photo.js';
import { decodeImagePages } from '../../src/ingest/image.js';
import { measureCurl } from '../../src/ingest/image-dewarp.js';
import { findPageQuad } from '../../src/ingest/image-perspective.js';
import { preparePage } from '../../src/ingest/image-preprocess.js';

/**
 * A ruled table page drawn as an SVG (no fonts needed): text lines are dark bars, so the
 * page has the rules and the line rhythm a real plan page has.
 */
async function tablePage(): Promise<Buffer> {
  const W = 1240, H = 1754;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fff"/>`];
  const cols = [120, 200, 560, 800, 960, 1120];
  for (let y = 300; y <= 1600; y += 130) parts.push(`<rect x="${cols[0]}" y="${y}" width="${cols[5]! - cols[0]!}" height="3" fill="#000"/>`);
  for (const x of cols) parts.push(`<rect x="${x}" y="300" width="3" height="1303" fill="#000"/>`);
  for (let y = 300; y < 1600; y += 130) {
    for (let c = 0; c < 5; c++) {
      for (let l = 0; l < 4; l++) parts.push(`<rect x="${cols[c]! + 12}" y="${y + 16 + l * 28}" width="${(cols[c + 1]! - cols[c]! - 30) * (l === 3 ? 0.5 : 1)}" height="14" fill="#222"/>`);
    }
  }
  for (let l = 0; l < 3; l++) parts.push(`<rect x="300" y="${150 + l * 36}" width="640" height="18" fill="#111"/>`);
  parts.push('</svg>');
  return sharp(Buffer.from(parts.join(''))).png().toBuffer();
}

const CALM: Partial<PhotoTraits> = { longSide: 2000, quality: 80, fill: 0.84, keystone: 0.03, rotation: 2, curl: 0, shadow: 0, vignette: 0.12, cast: 'none', blur: 0.4, motion: 0, background: 'wood', cut: 'none', exif: 1 };

async function photo(seed: number, traits: Partial<PhotoTraits>) {
  const shot = await photographPage(await tablePage(), drawPhotoTraits(seed, { ...CALM, ...traits }));
  const [img] = await decodeImagePages(new Uint8Array(shot.jpeg), { maxMegapixels: 50, dpiFallback: 150 });
  return { img: img!, corners: shot.corners };
}

describe('the sheet in a phone photo', () => {
  const cases: [string, Partial<PhotoTraits>][] = [
    ['a strong shadow edge across the page', { shadow: 0.45 }],
    ['a pale table barely darker than the paper', { background: 'light' }],
    ['a pale table and a shadow', { background: 'light', shadow: 0.4 }],
    ['keystone 10 % and a turn of 8°', { keystone: 0.1, rotation: -8 }],
    ['dark cloth, strong vignetting and a cool cast', { background: 'cloth', vignette: 0.35, cast: 'cool' }],
    ['stored sideways with EXIF orientation 6', { exif: 6 }],
  ];
  for (const [i, [name, traits]] of cases.entries()) {
    it(`is found, corners within 1.5 % of the frame: ${name}`, async () => {
      const { img, corners } = await photo(40 + i, traits);
      const quad = await findPageQuad(img);
      expect(quad).not.toBeNull();
      const tol = 0.015 * Math.max(img.width, img.height);
      quad!.forEach((p, k) => {
        expect(Math.hypot(p.x - corners[k]![0], p.y - corners[k]![1])).toBeLessThan(tol);
      });
    });
  }

  it('running out of the frame at one edge: the corners inside the frame are found, the others lie on its edge', async () => {
    const { img, corners } = await photo(60, { cut: 'top' });
    const quad = await findPageQuad(img);
    expect(quad).not.toBeNull();
    const tol = 0.015 * Math.max(img.width, img.height);
    // Bottom corners are in the picture; the top ones are cut off and found on its top edge.
    for (const k of [2, 3]) expect(Math.hypot(quad![k]!.x - corners[k]![0], quad![k]!.y - corners[k]![1])).toBeLessThan(tol);
    for (const k of [0, 1]) expect(quad![k]!.y).toBeLessThan(tol);
  });

  it('a page that fills the picture (a scan) has no sheet to cut out, though its table has a frame', async () => {
    const png = await tablePage();
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(await findPageQuad({ data: new Uint8Array(data), width: info.width, height: info.height, dpi: 150 })).toBeNull();
  });
});

describe('page curl', () => {
  it('is measured and removed: the rules of a curled sheet come out straight', async () => {
    const { img } = await photo(70, { curl: 0.011 });
    const prep = await preparePage(img);
    expect(prep.dewarped).toBe(true);
    // The bow put in is ~1.5 % of the page height at its strongest band (~50 px here).
    expect(prep.curlPx).toBeGreaterThan(15);
    // What is left is a few pixels on a page 3,500 high: under a fifth of a text line.
    const left = measureCurl(prep.mask);
    expect(left === null || left.amplitude < 0.003 * prep.image.height).toBe(true);
    // Every horizontal rule is found whole, none broken into pieces by the bow.
    const long = prep.rules.filter((r) => r.orientation === 'h' && r.to - r.from > 0.6 * prep.image.width * 0.8);
    expect(long.length).toBeGreaterThanOrEqual(10);
  });

  it('a flat sheet is left as it is', async () => {
    const { img } = await photo(71, {});
    const prep = await preparePage(img);
    expect(prep.dewarped).toBe(true);
    expect(prep.curlPx).toBe(0);
  });
});
