import { describe, expect, it } from 'vitest';
import { differsByLookalikes } from '../../src/lexicon/ocr-confusions.js';

describe('differsByLookalikes', () => {
  it('accepts words that differ only in letters OCR takes for one another', () => {
    expect(differsByLookalikes('ииформациониое', 'информационное')).toBe(true);
    expect(differsByLookalikes('взаимодеиствие', 'взаимодействие')).toBe(true);
  });

  it('refuses other swaps, other lengths and equal words', () => {
    expect(differsByLookalikes('инструктивно', 'инстинктивно')).toBe(false);
    expect(differsByLookalikes('образовани', 'образовали')).toBe(false);
    expect(differsByLookalikes('план', 'плана')).toBe(false);
    expect(differsByLookalikes('план', 'план')).toBe(false);
  });

  it('with shapeOnly, refuses swaps an inflection also makes', () => {
    expect(differsByLookalikes('управленне', 'управление', true)).toBe(true);
    expect(differsByLookalikes('организаций', 'организации', true)).toBe(false);
  });
});
