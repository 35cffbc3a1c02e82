/**
 * A phone photo of a printed page, drawn from a seed: the sheet lies on a desk or cloth and is
 * shot from above at a slight angle. Every degradation the issue on phone photos names is a
 * trait drawn here, so a sweep can break accuracy down by it:
 *
 *   keystone        the far edge narrower (0–10 %), as a phone tilted towards the sheet sees it
 *   rotation        the sheet turned in the frame (±8°)
 *   curl            a cylindrical bend: text lines bow and the curled edge is squeezed
 *   shadow          a soft shadow edge (hand, phone) across part of the page
 *   vignette        the corners darker than the centre
 *   cast            warm or cool light
 *   blur, motion    defocus (Gaussian) and a short motion streak
 *   background      desk or cloth texture; `light` is a table close to the paper in tone
 *   cut             the sheet partly out of the frame at one edge
 *   exif            pixels stored sideways with EXIF orientation 6 or 8, as phones write them
 *   long side       1,000–4,000 px; JPEG quality 50–85
 *
 * The geometry is one inverse map from a photo pixel to a point of the page raster
 * (homography of the sheet's outline, then the curl), sampled bilinearly; light and sensor
 * noise are applied to the same pass. Deterministic: same page and seed → same bytes.
 */
import sharp from 'sharp';
import { rng } from './plan.js';

export type Background = 'wood' | 'grey' | 'cloth' | 'light' | 'dark';

export interface PhotoTraits {
  seed: number;
  longSide: number;
  quality: number;
  /** Share of the frame's short side the sheet's width covers before perspective. */
  fill: number;
  keystone: number;
  rotation: number;
  curl: number;
  shadow: number;
  vignette: number;
  cast: 'none' | 'warm' | 'cool';
  blur: number;
  motion: number;
  background: Background;
  cut: 'none' | 'left' | 'right' | 'bottom' | 'top';
  exif: 1 | 6 | 8;
}

/** Names of the traits a sweep groups by, with the buckets it reports. */
export function traitBuckets(t: PhotoTraits): Record<string, string> {
  const lvl = (x: number, a: number, b: number) => (x <= a ? 'none' : x <= b ? 'mild' : 'strong');
  return {
    keystone: lvl(t.keystone, 0.02, 0.06),
    rotation: lvl(Math.abs(t.rotation), 1.5, 4.5),
    curl: lvl(t.curl, 0.002, 0.008),
    shadow: t.shadow === 0 ? 'none' : t.shadow < 0.3 ? 'mild' : 'strong',
    vignette: lvl(t.vignette, 0.12, 0.25),
    cast: t.cast,
    blur: lvl(t.blur, 0.6, 1.2),
    motion: t.motion === 0 ? 'none' : 'yes',
    background: t.background,
    cut: t.cut,
    exif: String(t.exif),
    resolution: t.longSide < 1600 ? '<1600' : t.longSide < 2600 ? '1600-2599' : '≥2600',
    jpeg: t.quality < 65 ? '50-64' : '65-85',
  };
}

/** Draws the photo's traits; `force` pins some (a per-degradation sweep). */
export function drawPhotoTraits(seed: number, force: Partial<PhotoTraits> = {}): PhotoTraits {
  const r = rng((Math.imul(seed, 2654435761) ^ 97) >>> 0);
  const between = (a: number, b: number) => a + (b - a) * r();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = (p: number) => r() < p;
  const t: PhotoTraits = {
    seed,
    longSide: Math.round(between(1000, 4000) / 10) * 10,
    quality: Math.round(between(50, 85)),
    fill: between(0.74, 0.92),
    keystone: maybe(0.8) ? between(0, 0.1) : 0,
    rotation: maybe(0.8) ? between(-8, 8) : 0,
    curl: maybe(0.6) ? between(0, 0.012) : 0,
    shadow: maybe(0.5) ? between(0.15, 0.45) : 0,
    vignette: between(0.05, 0.35),
    cast: pick(['none', 'warm', 'cool'] as const),
    blur: maybe(0.7) ? between(0.3, 1.6) : 0,
    motion: maybe(0.25) ? Math.round(between(2, 5)) : 0,
    background: pick(['wood', 'grey', 'cloth', 'light', 'dark'] as const),
    cut: maybe(0.3) ? pick(['left', 'right', 'bottom', 'top'] as const) : 'none',
    exif: maybe(0.3) ? pick([6, 8] as const) : 1,
  };
  return { ...t, ...force, seed };
}

interface Rgb { data: Buffer; width: number; height: number }

/** Hash-based value noise in [0, 1) on an integer lattice: textures without state. */
function lattice(ix: number, iy: number, salt: number): number {
  let h = Math.imul(ix, 374761393) ^ Math.imul(iy, 668265263) ^ Math.imul(salt, 2246822519);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function valueNoise(x: number, y: number, salt: number): number {
  const ix = Math.floor(x), iy = Math.floor(y);
  const fx = x - ix, fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
  const a = lattice(ix, iy, salt), b = lattice(ix + 1, iy, salt), c = lattice(ix, iy + 1, salt), d = lattice(ix + 1, iy + 1, salt);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

const BACKGROUNDS: Record<Background, { rgb: [number, number, number]; grain: number; weave: number }> = {
  wood: { rgb: [120, 84, 52], grain: 0.35, weave: 0 },
  grey: { rgb: [96, 96, 100], grain: 0.08, weave: 0 },
  cloth: { rgb: [70, 82, 110], grain: 0, weave: 0.25 },
  // A pale table: the sheet is barely brighter than what it lies on.
  light: { rgb: [182, 178, 170], grain: 0.06, weave: 0 },
  dark: { rgb: [38, 36, 34], grain: 0.1, weave: 0 },
};

function backgroundAt(bg: Background, x: number, y: number, scale: number, salt: number): [number, number, number] {
  const b = BACKGROUNDS[bg];
  // A pale table is plain (laminate, a white desk); a dark one shows its patches.
  const patchy = bg === 'light' ? 0.12 : 0.3;
  const low = 1 - patchy / 2 + patchy * valueNoise(x / (90 * scale), y / (90 * scale), salt);
  let k = low;
  if (b.grain) k *= 1 - b.grain * 0.5 + b.grain * valueNoise(x / (400 * scale), y / (6 * scale), salt + 1);
  if (b.weave) k *= 1 - b.weave * 0.5 + b.weave * 0.5 * (Math.sin(x / (1.6 * scale)) + Math.sin(y / (1.6 * scale)) + 2) / 2;
  return [b.rgb[0] * k, b.rgb[1] * k, b.rgb[2] * k];
}

/** Homography taking the photo's pixels to the unit square of the sheet (inverse of square→quad). */
function quadToSquare(q: [number, number][]): (x: number, y: number) => [number, number] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [[number, number], [number, number], [number, number], [number, number]];
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / det;
  const h = (dx1 * dy3 - dx3 * dy1) / det;
  const a = x1 - x0 + g * x1, b = x3 - x0 + h * x3, c = x0;
  const d = y1 - y0 + g * y1, e = y3 - y0 + h * y3, f = y0;
  // Adjugate of [[a b c][d e f][g h 1]].
  const A = e - f * h, B = c * h - b, C = b * f - c * e;
  const D = f * g - d, E = a - c * g, F = c * d - a * f;
  const G = d * h - e * g, H = b * g - a * h, I = a * e - b * d;
  return (x, y) => {
    const w = G * x + H * y + I;
    return [(A * x + B * y + C) / w, (D * x + E * y + F) / w];
  };
}

/**
 * Photographs `page` (an upright page raster of any size; colour or grey) with the given
 * traits. Returns the JPEG bytes as a phone would write them and the sheet's outline in the
 * displayed (EXIF-applied) frame, for tests of the page finder.
 */
export async function photographPage(page: Buffer, t: PhotoTraits): Promise<{ jpeg: Buffer; corners: [number, number][]; width: number; height: number }> {
  const r = rng((Math.imul(t.seed, 40503) ^ 11) >>> 0);
  const meta = await sharp(page).metadata();
  const aspect = (meta.height ?? 1) / (meta.width ?? 1);
  const landscapePage = aspect < 1;
  // The frame is 3:4 in the page's orientation (a phone held the way the sheet lies).
  const H = landscapePage ? Math.round(t.longSide * 0.75) : t.longSide;
  const W = landscapePage ? t.longSide : Math.round(t.longSide * 0.75);
  // Sheet size in the photo: its long side spans `fill` of the frame's matching side.
  const sheetH = landscapePage ? (W * t.fill) * aspect : H * t.fill;
  const sheetW = sheetH / aspect;
  // The page raster brought near the size it will have, so bilinear sampling does not alias.
  const src = await sharp(page).removeAlpha().toColourspace('srgb').resize(Math.round(sheetW), Math.round(sheetH), { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer({ resolveWithObject: true });
  const S: Rgb = { data: src.data, width: src.info.width, height: src.info.height };
  const ch = src.info.channels;

  // Outline: centred rectangle, far (top) edge narrowed, turned, then shifted out at one edge.
  const cx = W / 2, cy = H / 2;
  const k = t.keystone / 2;
  let corners: [number, number][] = [
    [-sheetW / 2 * (1 - k), -sheetH / 2], [sheetW / 2 * (1 - k), -sheetH / 2],
    [sheetW / 2 * (1 + k * 0.3), sheetH / 2], [-sheetW / 2 * (1 + k * 0.3), sheetH / 2],
  ];
  const rad = (t.rotation * Math.PI) / 180;
  corners = corners.map(([x, y]) => [x * Math.cos(rad) - y * Math.sin(rad) + cx, x * Math.sin(rad) + y * Math.cos(rad) + cy]);
  if (t.cut !== 'none') {
    // Out by 3–6 % of the sheet: the margin and at most the edge of the text.
    const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
    const share = 0.03 + 0.03 * r();
    const dx = t.cut === 'left' ? -(Math.min(...xs) + sheetW * share) : t.cut === 'right' ? W - Math.max(...xs) + sheetW * share : 0;
    const dy = t.cut === 'top' ? -(Math.min(...ys) + sheetH * share) : t.cut === 'bottom' ? H - Math.max(...ys) + sheetH * share : 0;
    corners = corners.map(([x, y]) => [x + dx, y + dy]);
  }
  const toSheet = quadToSquare(corners);

  // Light: colour cast, vignetting, a soft shadow edge, overall exposure of the paper.
  const cast = t.cast === 'warm' ? [1, 0.93, 0.8] : t.cast === 'cool' ? [0.84, 0.92, 1] : [1, 1, 1];
  const exposure = 0.8 + 0.12 * r();
  const shAng = r() * Math.PI * 2;
  const shNx = Math.cos(shAng), shNy = Math.sin(shAng);
  // The shadow's edge passes through a point inside the sheet, so part of the page is shaded.
  const shPx = cx + (r() - 0.5) * sheetW * 0.6, shPy = cy + (r() - 0.5) * sheetH * 0.6;
  const shSoft = (0.02 + 0.06 * r()) * Math.max(W, H);
  const curlTop = r() < 0.5;
  const scale = Math.max(W, H) / 3000;
  const rMax = Math.hypot(cx, cy);
  const noiseSigma = 2 + 4 * r();
  const salt = t.seed & 0xffff;

  const out = Buffer.alloc(W * H * 3);
  const sample = (u: number, v: number, c: number): number => {
    const sx = u * S.width - 0.5, sy = v * S.height - 0.5;
    const x0 = Math.max(0, Math.min(S.width - 2, Math.floor(sx))), y0 = Math.max(0, Math.min(S.height - 2, Math.floor(sy)));
    const fx = Math.min(1, Math.max(0, sx - x0)), fy = Math.min(1, Math.max(0, sy - y0));
    const i = (y0 * S.width + x0) * ch + c;
    const a = S.data[i]!, b = S.data[i + ch]!, cc = S.data[i + S.width * ch]!, d = S.data[i + S.width * ch + ch]!;
    return a + (b - a) * fx + (cc - a) * fy + (a - b - cc + d) * fx * fy;
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [u, v] = toSheet(x + 0.5, y + 0.5);
      let rgb: [number, number, number];
      let onSheet = u >= 0 && u <= 1 && v >= 0 && v <= 1;
      let shade = 1;
      if (onSheet) {
        // Curl: rows bow (more towards the curled edge), and the edge itself is squeezed.
        const edge = curlTop ? 1 - v : v;
        const bow = t.curl * (4 * u * (1 - u) - 2 / 3) * (0.4 + 1.2 * edge);
        const pv = v - bow;
        const squeeze = Math.max(0, edge - 0.85) / 0.15;
        const pvv = curlTop ? pv - t.curl * 3 * squeeze * squeeze * (1 - pv) : pv + t.curl * 3 * squeeze * squeeze * pv;
        shade = 1 - t.curl * 12 * squeeze * squeeze;
        if (pvv < 0 || pvv > 1) onSheet = false;
        else rgb = ch >= 3 ? [sample(u, pvv, 0), sample(u, pvv, 1), sample(u, pvv, 2)] : [sample(u, pvv, 0), sample(u, pvv, 0), sample(u, pvv, 0)];
      }
      if (!onSheet) rgb = backgroundAt(t.background, x, y, scale, salt);
      else rgb = rgb!.map((c) => c * exposure * shade) as [number, number, number];
      const rr = Math.hypot(x - cx, y - cy) / rMax;
      let light = 1 - t.vignette * rr * rr;
      if (t.shadow) {
        const s = ((x - shPx) * shNx + (y - shPy) * shNy) / shSoft;
        light *= 1 - t.shadow / (1 + Math.exp(-4 * s));
      }
      const o = (y * W + x) * 3;
      // Sensor noise: a cheap symmetric draw from the pixel's own hash.
      const n = (lattice(x, y, salt + 7) + lattice(x, y, salt + 8) - 1) * noiseSigma * 1.7;
      for (let c = 0; c < 3; c++) out[o + c] = Math.max(0, Math.min(255, Math.round(rgb![c]! * light * cast[c]! + n)));
    }
  }

  let img = sharp(out, { raw: { width: W, height: H, channels: 3 } });
  if (t.blur > 0) img = sharp(await img.blur(Math.max(0.3, t.blur * scale)).raw().toBuffer(), { raw: { width: W, height: H, channels: 3 } });
  if (t.motion > 0) {
    const n = Math.max(2, Math.round(t.motion * scale));
    const ang = r() * Math.PI;
    const size = n % 2 ? n : n + 1;
    const kernel = new Array<number>(size * size).fill(0);
    for (let i = 0; i < size; i++) {
      const kx = Math.round((size - 1) / 2 + Math.cos(ang) * (i - (size - 1) / 2));
      const ky = Math.round((size - 1) / 2 + Math.sin(ang) * (i - (size - 1) / 2));
      kernel[ky * size + kx] = 1;
    }
    img = sharp(await img.convolve({ width: size, height: size, kernel, scale: kernel.reduce((a, b) => a + b, 0) }).raw().toBuffer(), { raw: { width: W, height: H, channels: 3 } });
  }
  // Phones store the sensor's frame and say how to turn it: orientation 6 is shown turned
  // 90° clockwise, so its pixels are the upright picture turned 90° anticlockwise (8: the reverse).
  if (t.exif !== 1) img = sharp(await img.rotate(t.exif === 6 ? 270 : 90).raw().toBuffer(), { raw: { width: H, height: W, channels: 3 } });
  const jpeg = await img.jpeg({ quality: t.quality, chromaSubsampling: '4:2:0' }).withMetadata({ orientation: t.exif }).toBuffer();
  return { jpeg, corners, width: W, height: H };
}
