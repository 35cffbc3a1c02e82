import { formatNumber, type ListLabel } from './docx-numbering.js';
import { attr, child, childrenNamed, intAttr, kids, tagOf, type XmlNode } from './docx-xml.js';

/** One level of a text:list-style or text:outline-style. */
interface LevelStyle {
  kind: 'number' | 'bullet';
  /** style:num-format: "1", "I", "a", LibreOffice's Cyrillic names …; "" shows no number. */
  format: string;
  /** style:num-letter-sync: letters past the alphabet repeat (aa, bb) instead of counting on (aa, ab). */
  letterSync: boolean;
  prefix: string;
  suffix: string;
  /** loext:num-list-format ("%1%.%2%."): LibreOffice's exact label, Word's lvlText. */
  listFormat: string | undefined;
  /** text:display-levels: how many levels' numbers the label shows, this one last. */
  displayLevels: number;
  start: number;
  bullet: string;
  /** text:label-followed-by = nothing joins label and text with nothing between. */
  joined: boolean;
}

type ListStyle = ReadonlyMap<number, LevelStyle>;

/** ODF lists have ten levels. */
const MAX_LEVEL = 10;

/** List styles (text:list-style) by name, and the outline style that numbers headings. */
export class ListStyles {
  private constructor(
    private readonly styles: ReadonlyMap<string, ListStyle>,
    readonly outline: ListStyle | undefined,
  ) {}

  /** Automatic list styles of content.xml shadow the common ones of styles.xml. */
  static parse(content: XmlNode | undefined, styles: XmlNode | undefined): ListStyles {
    const byName = new Map<string, ListStyle>();
    for (const container of [child(styles, 'styles'), child(content, 'automatic-styles')]) {
      for (const node of childrenNamed(container, 'list-style')) {
        const name = attr(node, 'name');
        if (name !== undefined) byName.set(name, readLevels(node));
      }
    }
    const outline = child(child(styles, 'styles'), 'outline-style');
    return new ListStyles(byName, outline ? readLevels(outline) : undefined);
  }

  get(name: string | undefined): ListStyle | undefined {
    return name === undefined ? undefined : this.styles.get(name);
  }
}

function readLevels(node: XmlNode): ListStyle {
  const levels = new Map<number, LevelStyle>();
  for (const level of kids(node)) {
    const tag = tagOf(level);
    if (!tag.startsWith('list-level-style-') && tag !== 'outline-level-style') continue;
    const n = intAttr(level, 'level');
    if (n === undefined || n < 1 || n > MAX_LEVEL) continue;
    const bullet = tag === 'list-level-style-bullet' || tag === 'list-level-style-image';
    levels.set(n, {
      kind: bullet ? 'bullet' : 'number',
      format: attr(level, 'num-format') ?? '',
      letterSync: attr(level, 'num-letter-sync') === 'true',
      prefix: attr(level, 'num-prefix') ?? '',
      suffix: attr(level, 'num-suffix') ?? '',
      listFormat: attr(level, 'num-list-format'),
      displayLevels: Math.max(1, intAttr(level, 'display-levels') ?? 1),
      start: intAttr(level, 'start-value') ?? 1,
      // An image bullet has no character; a bullet stands for it.
      bullet: tag === 'list-level-style-image' ? '•' : attr(level, 'bullet-char') ?? '',
      joined: followedBy(level) === 'nothing',
    });
  }
  return levels;
}

function followedBy(level: XmlNode): string | undefined {
  return attr(child(child(level, 'list-level-properties'), 'list-level-label-alignment'), 'label-followed-by');
}

/**
 * The counters of one list as the document continues it: a text:list and the lists that
 * continue it share one, nested lists use its deeper levels.
 */
export class ListCounters {
  private readonly counts: (number | undefined)[] = new Array<number | undefined>(MAX_LEVEL + 1).fill(undefined);

  /**
   * Counts one numbered paragraph at `level` (1-based) and renders its label with `style`
   * (undefined when the list style is unknown: the count still advances).
   */
  advance(level: number, style: ListStyle | undefined, startValue?: number): ListLabel | undefined {
    if (level < 1 || level > MAX_LEVEL) return undefined;
    const def = style?.get(level);
    const current = this.counts[level];
    this.counts[level] = startValue ?? (current === undefined ? def?.start ?? 1 : current + 1);
    for (let deeper = level + 1; deeper <= MAX_LEVEL; deeper++) this.counts[deeper] = undefined;
    if (!def || !style) return undefined;
    const label = def.kind === 'bullet' ? bulletLabel(def) : this.numberLabel(level, style, def);
    // The label keeps its own spacing ("Раздел 1: "); the caller trims the joined line.
    return label.trim() ? { label, separator: def.joined ? '' : ' ' } : undefined;
  }

  private numberLabel(level: number, style: ListStyle, def: LevelStyle): string {
    const shown = (k: number): string => {
      const kDef = style.get(k);
      return odfNumber(this.counts[k] ?? kDef?.start ?? 1, kDef?.format ?? '1', kDef?.letterSync ?? false);
    };
    if (def.listFormat !== undefined) {
      return def.listFormat.replace(/%(\d+)%/g, (_, digits: string) => {
        const k = Number(digits);
        return k >= 1 && k <= level ? shown(k) : '';
      });
    }
    const first = Math.max(1, level - def.displayLevels + 1);
    const numbers: string[] = [];
    for (let k = first; k <= level; k++) numbers.push(shown(k));
    return def.prefix + numbers.join('.') + def.suffix;
  }
}

/**
 * Which counters a text:list uses: a list continuing another by xml:id (text:continue-list)
 * or the preceding list (text:continue-numbering; of the same style when there is one, as
 * LibreOffice reads it) shares its counters; any other list starts afresh.
 */
export class ListTracker {
  private readonly byId = new Map<string, ListCounters>();
  private readonly lastByStyle = new Map<string, ListCounters>();
  private last: ListCounters | undefined;

  open(list: XmlNode): ListCounters {
    const styleName = attr(list, 'style-name');
    const continued = attr(list, 'continue-list');
    let counters = continued === undefined ? undefined : this.byId.get(continued);
    if (!counters && attr(list, 'continue-numbering') === 'true') {
      counters = styleName === undefined ? this.last : this.lastByStyle.get(styleName) ?? this.last;
    }
    counters ??= new ListCounters();
    this.remember(attr(list, 'id'), styleName, counters);
    return counters;
  }

  /** text:numbered-paragraph names its list by text:list-id; the first one opens it. */
  byListId(listId: string | undefined): ListCounters {
    const counters = (listId === undefined ? undefined : this.byId.get(listId)) ?? new ListCounters();
    this.remember(listId, undefined, counters);
    return counters;
  }

  private remember(id: string | undefined, styleName: string | undefined, counters: ListCounters): void {
    if (id !== undefined) this.byId.set(id, counters);
    if (styleName !== undefined) this.lastByStyle.set(styleName, counters);
    this.last = counters;
  }
}

/**
 * A bullet level shows its character alone: LibreOffice copies Word's bullet text into
 * num-prefix/num-suffix as well, and does not show them. Word's bullets are private-use
 * glyphs of Symbol/Wingdings (U+F0B7 …), meaningless as text.
 */
function bulletLabel(def: LevelStyle): string {
  return def.bullet.replace(/[\uE000-\uF8FF]/g, '•');
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
/**
 * LibreOffice's Russian letter numbering (as its own rendering shows: 10 = к, 26 = ы) skips
 * ё, й, ъ, ь; Word's, in the DOCX reader, skips ы too.
 */
const RUSSIAN = 'абвгдежзиклмнопрстуфхцчшщыэюя';

/** Renders a counter in a style:num-format; formats the reader does not know count in decimal. */
export function odfNumber(value: number, format: string, letterSync: boolean): string {
  switch (format) {
    case '':
      return '';
    case '1':
      return String(value);
    case 'I':
      return formatNumber(value, 'upperRoman');
    case 'i':
      return formatNumber(value, 'lowerRoman');
    case 'A':
      return letters(value, LATIN, letterSync).toUpperCase();
    case 'a':
      return letters(value, LATIN, letterSync);
  }
  // LibreOffice names its Cyrillic formats by example: "а, б, .., аа, аб, ... (ru)" counts on,
  // "а, б, .., аа, бб, ... (ru)" repeats; "А, Б, …" are the capital forms.
  const first = format.charAt(0);
  if (first === 'а' || first === 'А') {
    const text = letters(value, RUSSIAN, letterSync || /бб/i.test(format));
    return first === 'А' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }
  return String(value);
}

function letters(value: number, alphabet: string, sync: boolean): string {
  if (value < 1) return String(value);
  const n = alphabet.length;
  if (sync) return (alphabet[(value - 1) % n] ?? '').repeat(Math.floor((value - 1) / n) + 1);
  // Bijective base n, as spreadsheet columns: z, aa, ab …
  let rest = value;
  let out = '';
  while (rest > 0) {
    const digit = (rest - 1) % n;
    out = (alphabet[digit] ?? '') + out;
    rest = Math.floor((rest - 1) / n);
  }
  return out;
}
