import { describe, expect, it } from 'vitest';
import type { InkMask } from '../../src/ingest/image-binarize.js';
import { eraseRules, findRuleSegments, type PixelRule } from '../../src/ingest/image-rules.js';
import { edgeEnclosedQuad, type Thumb } from '../../src/ingest/image-sheet.js';
import { straightEdgeQuad } from '../../src/ingest/image-sheet-lines.js';
import { measureTableSides, squareTable } from '../../src/ingest/image-table-square.js';
import type { GrayImage } from '../../src/ingest/ocr-engine.js';

/** A deterministic pseudo-random sequence, for texture. */
function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

type P = { x: number; y: number };

/** Which side of the line a→b a point lies on (positive: left of the direction). */
const side = (a: P, b: P, p: P) => (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);

/**
 * A thumbnail of a sheet turned by 5° on a pale table, with a patch of lamp light on the table
 * round the sheet's lower left corner where the table is as bright as the paper: there the
 * sheet's edge vanishes, over a third of its left side and of its bottom, and the table's
 * flood runs in through the gap.
 */
function sameToneSheet(opts: { litTop?: boolean; ruleAt?: number } = {}): { thumb: Thumb; corners: P[] } {
  const w = 450, h = 600;
  // Drawn at four times the size and averaged down, as the thumbnail is resampled from the
  // photo: edges anti-aliased, their gradients across them (a pixel staircase points along).
  const S = 4, W = w * S, H = h * S;
  const a = (5 * Math.PI) / 180;
  const c = { x: W / 2, y: H / 2 };
  const rot = (x: number, y: number): P => ({ x: c.x + x * Math.cos(a) - y * Math.sin(a), y: c.y + x * Math.sin(a) + y * Math.cos(a) });
  const big = [rot(-160 * S, -230 * S), rot(160 * S, -230 * S), rot(160 * S, 230 * S), rot(-160 * S, 230 * S)];
  const r = rand(7);
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = { x, y };
      const inside = big.every((q, k) => side(q, big[(k + 1) % 4]!, p) >= 0);
      // The paper, and the table 8 % darker with a little grain — but as bright as the paper
      // in the patch of light.
      const lit = opts.litTop ? y < (big[0]!.y + big[1]!.y) / 2 + 12 * S : Math.hypot(x - big[3]!.x, y - big[3]!.y) < 130 * S;
      data[y * W + x] = inside || lit ? 214 : 196 + Math.round(r() * 4);
      if (!inside) continue;
      // Text lines of letters, in the sheet's own coordinates.
      const lx = ((x - c.x) * Math.cos(-a) - (y - c.y) * Math.sin(-a)) / S;
      const ly = ((x - c.x) * Math.sin(-a) + (y - c.y) * Math.cos(-a)) / S;
      if (lx > -135 && lx < 135 && ly > -200 && ly < 200 && Math.abs(((ly + 200) % 14) - 4) < 2.5 && Math.abs(((lx + 135) % 9) - 4) < 3.5) data[y * W + x] = 90;
      // A rule of the table right across the sheet.
      if (opts.ruleAt !== undefined && lx > -150 && lx < 150 && Math.abs(ly - opts.ruleAt) < 1) data[y * W + x] = 60;
    }
  }
  const small = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < S; dy++) for (let dx = 0; dx < S; dx++) sum += data[(y * S + dy) * W + x * S + dx]!;
      small[y * w + x] = Math.round(sum / (S * S));
    }
  }
  return { thumb: { data: small, w, h }, corners: big.map((p) => ({ x: p.x / S, y: p.y / S })) };
}

describe('the sheet by its straight edges', () => {
  it('is found where the outline has gaps the table runs in through, corners within 2 px', () => {
    const { thumb, corners } = sameToneSheet();
    // The flood from the frame reaches the paper through the gaps: no sheet that way.
    expect(edgeEnclosedQuad(thumb)).toBeNull();
    const found = straightEdgeQuad(thumb);
    expect(found).not.toBeNull();
    expect(found!.support).toBeGreaterThan(0.8);
    found!.quad.forEach((p, k) => expect(Math.hypot(p.x - corners[k]!.x, p.y - corners[k]!.y)).toBeLessThan(2));
  });

  it('is not a quad with a side along a rule of the table, with the title left above it', () => {
    // The top of the sheet lies in lamp light as bright as the paper: its edge cannot be seen.
    // A rule crosses the sheet under the first text lines, as straight and strong as an edge.
    const { thumb, corners } = sameToneSheet({ litTop: true, ruleAt: -150 });
    const found = straightEdgeQuad(thumb);
    // Whatever is found holds the title: its top side runs above the first text line, which
    // stands 32 px below the sheet's top (of 460), not along the rule 80 px below it.
    if (found) {
      const below = (k: 0 | 1, d: number) => corners[k]!.y + ((corners[3 - k]!.y - corners[k]!.y) * d) / 460;
      expect(found.quad[0].y).toBeLessThan(below(0, 32));
      expect(found.quad[1].y).toBeLessThan(below(1, 32));
    }
  });
});

/** A white mask with ink set where `ink(x, y)` says. */
function mask(width: number, height: number, ink: (x: number, y: number) => boolean): InkMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (ink(x, y)) data[y * width + x] = 1;
  return { data, width, height, dpi: 300 };
}

describe('a rule left slightly slanted or bowed', () => {
  const W = 2400, H = 400;
  // 0.35°: what an undone perspective leaves — 15 px across over the page's width.
  const slope = Math.tan((0.35 * Math.PI) / 180);
  const lineY = (x: number) => 200 + slope * (x - W / 2);

  it('is found as one rule, with its slant and a thin stroke', () => {
    const m = mask(W, H, (x, y) => x >= 100 && x < W - 100 && Math.abs(y - lineY(x)) <= 1.5);
    const rules = findRuleSegments(m).filter((r) => r.orientation === 'h');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.slope).toBeCloseTo(slope, 3);
    expect(rules[0]!.stroke).toBeLessThanOrEqual(4);
  });

  /**
   * A rule along `centre` with letters standing on it, the rule found and painted out: the
   * rule's pixels left dark, and the share of the letters' pixels kept.
   */
  function eraseBeside(centre: (x: number) => number): { ruleLeft: number; lettersKept: number; rules: number } {
    const letterOn = (x: number, y: number) => x >= 300 && x < W - 300 && x % 40 < 18 && y >= centre(x) - 35 && y <= centre(x) - 7;
    const m = mask(W, H, (x, y) => (x >= 100 && x < W - 100 && Math.abs(y - centre(x)) <= 1.5) || letterOn(x, y));
    const rules: PixelRule[] = findRuleSegments(m).filter((r) => r.orientation === 'h');
    const img: GrayImage = { data: new Uint8Array(W * H).fill(255), width: W, height: H, dpi: 300 };
    for (let i = 0; i < W * H; i++) if (m.data[i]) img.data[i] = 0;
    eraseRules(img, rules);
    let ruleLeft = 0, kept = 0, all = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const dark = img.data[y * W + x]! < 128;
        if (letterOn(x, y)) { all++; if (dark) kept++; }
        else if (dark) ruleLeft++;
      }
    }
    return { ruleLeft, lettersKept: kept / all, rules: rules.length };
  }

  it('is painted out along its stroke, the letters beside it kept', () => {
    const r = eraseBeside(lineY);
    expect(r.ruleLeft).toBe(0);
    // Only the letters' lowest rows within the pad of the stroke may go.
    expect(r.lettersKept).toBeGreaterThan(0.97);
  });

  it('bowed by a curl of ±6 px: painted out along the bow, the letters beside it kept', () => {
    const r = eraseBeside((x) => 200 + 6 * Math.sin((Math.PI * x) / W));
    expect(r.rules).toBe(1);
    expect(r.ruleLeft).toBe(0);
    expect(r.lettersKept).toBeGreaterThan(0.97);
  });
});

describe('a table still leaning on a straightened page', () => {
  const rule = (at: number, from: number, to: number): PixelRule => ({ orientation: 'h', a0: at - 1, a1: at + 1, at, from, to, slope: 0, along: (from + to) / 2, stroke: 3 });
  // The table's borders at x = 150 + 0.04·y and x = 2300 + 0.04·y: sheared by 2.3°.
  const leaning = [300, 500, 800, 1100, 1500, 1900, 2300].map((y) => rule(y, Math.round(150 + 0.04 * y), Math.round(2300 + 0.04 * y)));

  it('is measured from its row rules\' ends, a rule under a merged cell left out', () => {
    const sides = measureTableSides([...leaning, rule(1300, 900, 2352)], 2480);
    expect(sides).not.toBeNull();
    expect(sides!.left.b).toBeCloseTo(0.04, 3);
    expect(sides!.right.b).toBeCloseTo(0.04, 3);
  });

  it('is left alone when it stands square, or has too few rules to tell', () => {
    expect(measureTableSides([300, 700, 1100, 1500, 1900].map((y) => rule(y, 150, 2300)), 2480)).toBeNull();
    expect(measureTableSides(leaning.slice(0, 3), 2480)).toBeNull();
  });

  it('is squared: its border comes out upright', () => {
    const W = 1000, H = 1200;
    const data = new Uint8Array(W * H).fill(255);
    const border = (y: number) => 200 + 0.05 * y;
    for (let y = 0; y < H; y++) for (let dx = -1; dx <= 1; dx++) data[y * W + Math.round(border(y)) + dx] = 0;
    const sides = { left: { a: 200, b: 0.05 }, right: { a: 900, b: 0.05 } };
    const out = squareTable({ data, width: W, height: H, dpi: 300 }, sides, 600);
    const darkest = (y: number) => { let best = 0; for (let x = 1; x < W; x++) if (out.data[y * W + x]! < out.data[y * W + best]!) best = x; return best; };
    for (const y of [50, 600, 1150]) expect(Math.abs(darkest(y) - border(600))).toBeLessThanOrEqual(1);
  });
});
