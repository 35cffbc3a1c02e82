import { z } from 'zod';

/**
 * An axis-aligned box in page units with a top-left origin: x grows right, y grows down.
 * For PDFs the unit is the PDF point (1/72 in); for images and scans, pixels of the OCR'd
 * image are converted to points at ingest so both sources share one scale.
 */
export const BBox = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type BBox = z.infer<typeof BBox>;

export function bboxUnion(boxes: readonly BBox[]): BBox | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}

export const centerX = (b: BBox): number => (b.x0 + b.x1) / 2;
export const centerY = (b: BBox): number => (b.y0 + b.y1) / 2;
export const width = (b: BBox): number => b.x1 - b.x0;
export const height = (b: BBox): number => b.y1 - b.y0;

/** Length of the overlap of two 1-D intervals (0 when they are apart). */
export function overlap1d(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
