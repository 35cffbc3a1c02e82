import type { DocumentMeta } from '../model/index.js';
import { findRegionMentions } from '../normalize/places.js';
import type { MetaLine } from './grid.js';
import { approvingAct } from './metadata-act.js';
import { type Block, type BlockKind, blockText, segmentBlocks } from './metadata-blocks.js';
import { findMunicipality, findRegion, inferLevel, inferPeriod, tableYears } from './metadata-place.js';
import { capitalize, caseDictionary, isAllCaps, joinLines, recaseCaps } from './metadata-text.js';

export type { MetaLine } from './grid.js';

export interface MetadataOptions {
  /**
   * The plan table's text (cells and section rows). Read only when the text before the
   * table is silent: for the region (a regional institute named in the cells) and for the
   * years of a plan whose title names none ("2020 год" sections).
   */
  tableText?: string;
}

/**
 * The document's metadata and the order's paragraphs, from the text before the plan table.
 * Values are as the document writes them (places inflected, issuer in sentence case); the
 * normalize stage puts places into canonical form. Dates are ISO already.
 */
export function extractMetadata(lines: readonly MetaLine[], opts: MetadataOptions = {}): { meta: DocumentMeta; preamble: string[] } {
  const blocks = segmentBlocks(lines);
  const mixedCase = blocks.map(blockText).filter((t) => !isAllCaps(t));
  const dict = caseDictionary(mixedCase);
  const recase = (t: string) => (isAllCaps(t) ? recaseCaps(t, dict) : t);
  const textsOf = (kind: BlockKind) => blocks.filter((b: Block) => b.kind === kind).map((b) => recase(blockText(b)));

  const act = approvingAct(blocks, dict);
  const titleBlock = blocks.find((b) => b.kind === 'title');
  // Line by line: a title may open in capitals ("ПЛАН МЕРОПРИЯТИЙ") and go on in sentence case.
  const title = titleBlock ? finishTitle(joinLines(titleBlock.lines.map((l) => recase(l.text)))) : null;
  const subtitles = textsOf('subtitle');
  const approvals = textsOf('approval');
  const header = textsOf('header');
  const body = textsOf('body');
  const tableText = opts.tableText ?? '';

  const named = (texts: ReadonlyArray<string | null>, allowCity: boolean) =>
    texts.reduce<string | null>((found, t) => found ?? (t ? findMunicipality(t, allowCity) : null), null);
  // The place of signing ("г. Саратов" under a ministry's order) is not the plan's territory,
  // on a line of its own or on the reference line ("30 декабря 2016 г. ⇥ г. Хабаровск").
  const headerNames = blocks.filter((b) => b.kind === 'header' && b.role !== 'place' && b.role !== 'ref').map((b) => recase(blockText(b)));
  const placeTexts = [act.issuer, title, ...approvals, ...subtitles, ...headerNames];
  // A territory printed anywhere in the header wins over a city in a school's name
  // ("МБОУ СОШ № 7 г. Поронайска Поронайского городского округа"); a city administration names only its city.
  let municipality = named(placeTexts, false) ?? named(placeTexts, true);
  const evidence = {
    issuer: act.issuer,
    municipality,
    issuerRegion: act.issuer !== null && findRegionMentions(act.issuer).length > 0,
    titleRegion: title !== null && findRegionMentions(title).length > 0,
    title,
    stampText: [...approvals, ...header].join('\n'),
    allText: [...blocks.map(blockText), tableText].join('\n'),
  };
  // The order's body may name the municipality ("в Лысьвенском городском округе"), but a
  // regional order names municipalities only as examples.
  if (municipality === null && inferLevel(evidence) !== 'regional') municipality = named(body, false);
  const level = inferLevel({ ...evidence, municipality });

  const region = findRegion([act.issuer, ...approvals, ...header, title, ...subtitles, ...body].filter((t): t is string => t !== null), tableText);
  // Without a title, the order's own "Утвердить … дорожную карту … на 2022–2024 годы" says it.
  const approvingClauses = body.filter((t) => /утверд/i.test(t) && /план|дорожн[а-яё]*\s+карт/i.test(t) && !/утвержд[её]нн/i.test(t));
  const period = inferPeriod(
    [title, ...subtitles, ...(title === null ? approvingClauses : [])].filter((t): t is string => t !== null),
    act.date ? Number(act.date.slice(0, 4)) : null,
    tableYears(tableText),
  );

  return {
    meta: {
      region,
      municipality,
      level,
      issuer: act.issuer,
      actType: act.type,
      actNumber: act.number,
      actDate: act.date,
      title,
      periodFrom: period.from,
      periodTo: period.to,
    },
    preamble: blocks.filter((b) => b.kind === 'body').map(blockText),
  };
}

/** Sentence case, no closing full stop (an abbreviation keeps its dot: "2021-2024 гг."). */
function finishTitle(t: string): string {
  const s = capitalize(t.trim());
  return /(?:[А-ЯЁа-яё]{4,}|[)»])\.$/.test(s) ? s.slice(0, -1) : s;
}
