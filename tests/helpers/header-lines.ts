import { canonicalPlaces } from '../../src/normalize/places.js';
import { extractMetadata, type MetaLine } from '../../src/parse/metadata.js';

/** Header lines as the fixtures write them: «{b}» bold, «{c}» centred, before the text. */
export function metaLines(text: string): MetaLine[] {
  return text.split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^((?:\{[bc]\})*)(.*)$/.exec(l)!;
    return { text: m[2]!, page: 1, bold: m[1]!.includes('{b}'), centered: m[1]!.includes('{c}') };
  });
}

/** The act and territory the metadata stage reads off a header block, places canonicalised. */
export function actFields(text: string): { type: string | null; number: string | null; date: string | null; municipality: string | null; region: string | null } {
  const { meta } = extractMetadata(metaLines(text));
  const places = canonicalPlaces(meta.region, meta.municipality);
  return { type: meta.actType, number: meta.actNumber, date: meta.actDate, municipality: places.municipality, region: places.region };
}
