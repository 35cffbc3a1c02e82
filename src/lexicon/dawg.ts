/**
 * Reader of Tesseract's SquishedDawg (dawg.h, dawg.cpp), the compressed word graph of a
 * traineddata dictionary. The file is an int16 magic (42), an int32 unicharset size, an
 * int32 edge count, then one little-endian uint64 per edge. An edge packs, from the low bits:
 * the unichar id in ceil(log2(unicharset size + 1)) bits, three flags, and the index of the
 * first edge of the node it leads to (0 = none, since edge 0 starts the root). The edges of a
 * node are consecutive; the last one carries the marker flag. Only forward edges are stored.
 */

const DAWG_MAGIC = 42;
const HEADER_BYTES = 2 + 4 + 4;
const FLAG_BITS = 3;
const MARKER_FLAG = 1;
const WORD_END_FLAG = 4;

export interface NearWord {
  word: string;
  distance: number;
}

/** Maps a letter (or a word) to the form compared by `near`: case folding, ё → е, … */
export type Fold = (s: string) => string;

const identity: Fold = (s) => s;

export class SquishedDawg {
  /** The unichar strings after each fold `near` was called with (a handful of folds at most). */
  private readonly labelsByFold = new Map<Fold, string[]>();

  private constructor(
    /** Per edge: unichar id, flags, first edge of the next node. */
    private readonly letter: Uint32Array,
    private readonly flags: Uint8Array,
    private readonly next: Uint32Array,
    /** The string of each unichar id. */
    private readonly unichars: readonly string[],
  ) {}

  static parse(bytes: Uint8Array, unichars: readonly string[]): SquishedDawg {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < HEADER_BYTES) throw new Error('not a dawg: too short');
    const magic = view.getInt16(0, true);
    if (magic !== DAWG_MAGIC) throw new Error(`not a dawg: magic ${magic}, expected ${DAWG_MAGIC}`);
    const unicharsetSize = view.getInt32(2, true);
    const edges = view.getInt32(6, true);
    if (unicharsetSize !== unichars.length) {
      throw new Error(`dawg built for ${unicharsetSize} unichars, the unicharset has ${unichars.length}`);
    }
    if (edges <= 0 || bytes.byteLength < HEADER_BYTES + edges * 8) throw new Error(`not a dawg: ${edges} edges do not fit`);
    // One unichar id value past the set is reserved as a null letter, hence the + 1.
    const letterBits = Math.ceil(Math.log2(unicharsetSize + 1));
    const nextShift = letterBits + FLAG_BITS;
    if (nextShift >= 32) throw new Error(`unicharset of ${unicharsetSize} is too large for this reader`);
    const letterMask = (1 << letterBits) - 1;
    const letter = new Uint32Array(edges);
    const flags = new Uint8Array(edges);
    const next = new Uint32Array(edges);
    for (let e = 0; e < edges; e++) {
      // Two 32-bit halves avoid BigInt, which is ~20× slower for half a million edges.
      const lo = view.getUint32(HEADER_BYTES + e * 8, true);
      const hi = view.getUint32(HEADER_BYTES + e * 8 + 4, true);
      letter[e] = lo & letterMask;
      if (letter[e]! >= unicharsetSize) throw new Error(`not a dawg: edge ${e} has no letter`);
      flags[e] = (lo >>> letterBits) & ((1 << FLAG_BITS) - 1);
      const target = hi * 2 ** (32 - nextShift) + (lo >>> nextShift);
      if (target >= edges) throw new Error(`not a dawg: edge ${e} points past the end`);
      next[e] = target;
    }
    return new SquishedDawg(letter, flags, next, unichars);
  }

  /** Every word of the graph, in the order Tesseract's dawg2wordlist lists them. */
  *words(): Generator<string> {
    const stack: Array<{ edge: number; prefix: string }> = [{ edge: 0, prefix: '' }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const e = top.edge;
      const word = top.prefix + this.unichars[this.letter[e]!]!;
      // Advance this level before descending, so the stack holds the next sibling to visit.
      if ((this.flags[e]! & MARKER_FLAG) !== 0) stack.pop();
      else top.edge = e + 1;
      if ((this.flags[e]! & WORD_END_FLAG) !== 0) yield word;
      if (this.next[e] !== 0) stack.push({ edge: this.next[e]!, prefix: word });
    }
  }

  /** Exact membership: the word spelled exactly so (case and ё included). */
  has(word: string): boolean {
    return this.walk(0, word, 0);
  }

  /** Whether some listed word begins with `prefix` (spelled exactly so), the word itself included. */
  begins(prefix: string): boolean {
    return prefix.length === 0 || this.walkPrefix(0, prefix, 0);
  }

  private walkPrefix(node: number, prefix: string, at: number): boolean {
    for (let e = node; ; e++) {
      const label = this.unichars[this.letter[e]!]!;
      if (label.length > 0 && prefix.startsWith(label, at)) {
        const end = at + label.length;
        if (end === prefix.length) return true;
        if (this.next[e] !== 0 && this.walkPrefix(this.next[e]!, prefix, end)) return true;
      }
      if ((this.flags[e]! & MARKER_FLAG) !== 0) return false;
    }
  }

  private walk(node: number, word: string, at: number): boolean {
    for (let e = node; ; e++) {
      const label = this.unichars[this.letter[e]!]!;
      if (label.length > 0 && word.startsWith(label, at)) {
        const end = at + label.length;
        if (end === word.length) {
          if ((this.flags[e]! & WORD_END_FLAG) !== 0) return true;
        } else if (this.next[e] !== 0 && this.walk(this.next[e]!, word, end)) {
          return true;
        }
      }
      if ((this.flags[e]! & MARKER_FLAG) !== 0) return false;
    }
  }

  /**
   * Words within `maxEdits` Levenshtein edits of `word`, compared after `fold` (applied to
   * the word and to each letter of the graph), each with its distance and spelled in folded
   * form; a folded word reached by several spellings appears once, at its smallest distance.
   * The graph is walked depth-first with one row of the edit-distance table per letter, and a
   * branch is cut as soon as every cell of its row exceeds `maxEdits`, so the cost grows with
   * the neighbourhood searched, not with the dictionary.
   */
  near(word: string, maxEdits: number, fold: Fold = identity): NearWord[] {
    const target = Array.from(fold(word));
    const n = target.length;
    const labels = this.foldedLabels(fold);
    const found = new Map<string, number>();
    // One table row per depth, reused across branches: the walk visits thousands of edges.
    const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, j) => j)];
    const path: string[] = [];
    // Cells above maxEdits only matter as "too far": they are capped, and only the band of
    // the table within maxEdits of the diagonal is computed (a few cells instead of a row).
    const cap = maxEdits + 1;
    const visit = (node: number, depth: number): void => {
      const prev = rows[depth]!;
      const row = (rows[depth + 1] ??= new Int32Array(n + 1));
      const length = depth + 1;
      const lo = Math.max(1, length - maxEdits);
      const hi = Math.min(n, length + maxEdits);
      for (let e = node; ; e++) {
        const label = labels[this.letter[e]!]!;
        row[0] = Math.min(length, cap);
        if (lo > 1) row[lo - 1] = cap;
        let best = row[lo - 1]!;
        for (let j = lo; j <= hi; j++) {
          const cost = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (target[j - 1] === label ? 0 : 1), cap);
          row[j] = cost;
          if (cost < best) best = cost;
        }
        if (hi < n) row[hi + 1] = cap;
        path[depth] = label;
        if ((this.flags[e]! & WORD_END_FLAG) !== 0 && hi === n && row[n]! <= maxEdits) {
          const spelled = path.slice(0, length).join('');
          const known = found.get(spelled);
          if (known === undefined || row[n]! < known) found.set(spelled, row[n]!);
        }
        if (best <= maxEdits && this.next[e] !== 0) visit(this.next[e]!, length);
        if ((this.flags[e]! & MARKER_FLAG) !== 0) return;
      }
    };
    visit(0, 0);
    return [...found].map(([w, distance]) => ({ word: w, distance }));
  }

  private foldedLabels(fold: Fold): string[] {
    let labels = this.labelsByFold.get(fold);
    if (!labels) {
      labels = this.unichars.map(fold);
      this.labelsByFold.set(fold, labels);
    }
    return labels;
  }
}
