import type { StyleSheet } from './docx-styles.js';
import { attr, child, childrenNamed, findTop, intAttr, kids, tagOf, type XmlNode } from './docx-xml.js';

interface LevelDef {
  start: number;
  numFmt: string;
  lvlText: string;
  /** w:lvlRestart: 0 = never restart; k = restart after level k (1-based) is used. */
  restart: number | undefined;
  /** w:isLgl: show every level's number in decimal ("1.1." under "I."). */
  legal: boolean;
  /** What separates the label from the text (w:suff). */
  suffix: 'tab' | 'space' | 'nothing';
}

interface AbstractDef {
  levels: Map<number, LevelDef>;
  styleLink: string | undefined;
}

interface NumDef {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, LevelDef>;
}

/** A rendered list label and what separates it from the paragraph text. */
export interface ListLabel {
  label: string;
  separator: string;
}

/** OOXML allows nine list levels (0..8). */
const MAX_LEVEL = 8;
/** numStyleLink indirections followed before giving up (they never legitimately nest). */
const MAX_LINK_HOPS = 4;

/**
 * Auto-numbering from word/numbering.xml, rendered the way Word shows it. Counters belong to the
 * abstract definition: w:num instances sharing one continue each other's sequence (Word's
 * behaviour), and a w:startOverride restarts the sequence the first time its instance is used.
 */
export class ListNumbering {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly overridesApplied = new Set<string>();

  private constructor(
    private readonly abstracts: ReadonlyMap<string, AbstractDef>,
    private readonly nums: ReadonlyMap<string, NumDef>,
    private readonly styles: StyleSheet,
  ) {}

  static empty(styles: StyleSheet): ListNumbering {
    return new ListNumbering(new Map(), new Map(), styles);
  }

  static parse(nodes: XmlNode[], styles: StyleSheet): ListNumbering {
    const root = findTop(nodes, 'numbering');
    if (!root) return ListNumbering.empty(styles);
    const abstracts = new Map<string, AbstractDef>();
    for (const node of childrenNamed(root, 'abstractNum')) {
      const id = attr(node, 'abstractNumId');
      if (id === undefined) continue;
      const levels = new Map<number, LevelDef>();
      for (const lvl of childrenNamed(node, 'lvl')) {
        const ilvl = intAttr(lvl, 'ilvl');
        if (ilvl !== undefined) levels.set(ilvl, parseLevel(lvl));
      }
      abstracts.set(id, {
        levels,
        styleLink: attr(child(node, 'numStyleLink'), 'val'),
      });
    }
    const nums = new Map<string, NumDef>();
    for (const node of childrenNamed(root, 'num')) {
      const id = attr(node, 'numId');
      const abstractId = attr(child(node, 'abstractNumId'), 'val');
      if (id === undefined || abstractId === undefined) continue;
      const def: NumDef = { abstractId, startOverrides: new Map(), levelOverrides: new Map() };
      for (const override of childrenNamed(node, 'lvlOverride')) {
        const ilvl = intAttr(override, 'ilvl');
        if (ilvl === undefined) continue;
        const start = intAttr(child(override, 'startOverride'), 'val');
        if (start !== undefined) def.startOverrides.set(ilvl, start);
        const lvl = child(override, 'lvl');
        if (lvl) def.levelOverrides.set(ilvl, parseLevel(lvl));
      }
      nums.set(id, def);
    }
    return new ListNumbering(abstracts, nums, styles);
  }

  /** Advances the counters for one numbered paragraph and returns its label. */
  next(numId: string, ilvl: number): ListLabel | undefined {
    const num = this.nums.get(numId);
    if (!num || ilvl < 0 || ilvl > MAX_LEVEL) return undefined;
    const abstractId = this.resolveAbstract(num.abstractId);
    const abstract = abstractId === undefined ? undefined : this.abstracts.get(abstractId);
    if (!abstract || abstractId === undefined) return undefined;
    const levelOf = (k: number): LevelDef | undefined => num.levelOverrides.get(k) ?? abstract.levels.get(k);
    const level = levelOf(ilvl);
    if (!level) return undefined;

    const counts = this.countersFor(abstractId);
    const overrideKey = `${numId}/${ilvl}`;
    const startOverride = num.startOverrides.get(ilvl);
    if (startOverride !== undefined && !this.overridesApplied.has(overrideKey)) {
      this.overridesApplied.add(overrideKey);
      counts[ilvl] = startOverride - 1;
    }
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? level.start : current + 1;
    for (let deeper = ilvl + 1; deeper <= MAX_LEVEL; deeper++) {
      const restart = levelOf(deeper)?.restart;
      if (restart === undefined || (restart > 0 && ilvl <= restart - 1)) counts[deeper] = undefined;
    }

    const label = level.lvlText.replace(/%([1-9])/g, (_, digit: string) => {
      const k = Number(digit) - 1;
      const def = levelOf(k);
      const value = counts[k] ?? def?.start ?? 1;
      return formatNumber(value, level.legal ? 'decimal' : def?.numFmt ?? 'decimal');
    });
    const shown = level.numFmt === 'bullet' ? bulletText(label) : label;
    return { label: shown, separator: level.suffix === 'nothing' ? '' : ' ' };
  }

  /** Follows w:numStyleLink (a list defined through a numbering style) to the real definition. */
  private resolveAbstract(abstractId: string): string | undefined {
    let id = abstractId;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      const abstract = this.abstracts.get(id);
      if (!abstract) return undefined;
      if (abstract.levels.size > 0 || !abstract.styleLink) return id;
      const linkedNum = this.styles.numbering(abstract.styleLink).numId;
      const next = linkedNum === undefined ? undefined : this.nums.get(linkedNum)?.abstractId;
      if (next === undefined) return id;
      id = next;
    }
    return id;
  }

  private countersFor(abstractId: string): (number | undefined)[] {
    let counts = this.counters.get(abstractId);
    if (!counts) {
      counts = new Array<number | undefined>(MAX_LEVEL + 1).fill(undefined);
      this.counters.set(abstractId, counts);
    }
    return counts;
  }
}

function parseLevel(lvl: XmlNode): LevelDef {
  const suff = attr(child(lvl, 'suff'), 'val');
  const legal = child(lvl, 'isLgl');
  return {
    start: intAttr(child(lvl, 'start'), 'val') ?? 0,
    numFmt: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
    lvlText: attr(child(lvl, 'lvlText'), 'val') ?? '',
    restart: intAttr(child(lvl, 'lvlRestart'), 'val'),
    legal: legal !== undefined && !['0', 'false', 'off'].includes(attr(legal, 'val') ?? ''),
    suffix: suff === 'space' || suff === 'nothing' ? suff : 'tab',
  };
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
/** Word's russianLower sequence skips ё, й, ъ, ы, ь. */
const RUSSIAN = 'абвгдежзиклмнопрстуфхцчшщэюя';

/** Renders a counter in a w:numFmt; unknown formats fall back to decimal as Word does. */
export function formatNumber(value: number, numFmt: string): string {
  switch (numFmt) {
    case 'none':
      return '';
    case 'decimalZero':
      return value >= 0 && value < 10 ? `0${value}` : String(value);
    case 'upperRoman':
      return roman(value);
    case 'lowerRoman':
      return roman(value).toLowerCase();
    case 'upperLetter':
      return letters(value, LATIN).toUpperCase();
    case 'lowerLetter':
      return letters(value, LATIN);
    case 'russianUpper':
      return letters(value, RUSSIAN).toUpperCase();
    case 'russianLower':
      return letters(value, RUSSIAN);
    default:
      return String(value);
  }
}

/**
 * Past this many repeats of a letter (zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz, the 780th Latin item)
 * letters stop being a label anyone reads; a hostile w:start of 2·10⁹ would otherwise build
 * a string of 80 million characters per paragraph.
 */
const MAX_LETTER_REPEAT = 30;

/** Word's letter numbering repeats the letter past the alphabet: a … z, aa … zz, aaa. */
function letters(value: number, alphabet: string): string {
  if (value < 1 || value > alphabet.length * MAX_LETTER_REPEAT) return String(value);
  const letter = alphabet[(value - 1) % alphabet.length] ?? '';
  return letter.repeat(Math.floor((value - 1) / alphabet.length) + 1);
}

const ROMAN: readonly [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

function roman(value: number): string {
  if (value < 1 || value >= 4000) return String(value);
  let rest = value;
  let out = '';
  for (const [amount, numeral] of ROMAN) {
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  }
  return out;
}

/**
 * Bullets are usually a private-use glyph of the Symbol/Wingdings fonts (U+F0B7 …), which
 * means nothing as text; show those as "•" and keep real characters ("–", "o") as they are.
 */
function bulletText(label: string): string {
  return label.replace(/[\uE000-\uF8FF]/g, '•');
}

/** Numbering properties written on the paragraph itself (w:pPr/w:numPr). */
export function directNumbering(pPr: XmlNode | undefined): { numId?: string; ilvl?: number } {
  const numPr = child(pPr, 'numPr');
  if (!numPr) return {};
  const out: { numId?: string; ilvl?: number } = {};
  for (const k of kids(numPr)) {
    if (tagOf(k) === 'numId') {
      const id = attr(k, 'val');
      if (id !== undefined) out.numId = id;
    } else if (tagOf(k) === 'ilvl') {
      const level = intAttr(k, 'val');
      if (level !== undefined) out.ilvl = level;
    }
  }
  return out;
}
