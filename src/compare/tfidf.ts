/**
 * TF-IDF vectors with cosine similarity, sized for plan rows (tens of terms each). The
 * reference side is an inverted index built once, so scoring a query costs one pass over
 * its own terms whatever the number of reference rows.
 */

/** Unit-length sparse vector: term → weight. */
export type SparseVector = ReadonlyMap<string, number>;

export class IdfTable {
  private readonly df = new Map<string, number>();
  private readonly n: number;

  /** `documents` are term lists; each counts once per distinct term. */
  constructor(documents: Iterable<readonly string[]>) {
    let n = 0;
    for (const terms of documents) {
      n += 1;
      for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.n = n;
  }

  /**
   * Smoothed idf, ln((1+N)/(1+df)) + 1: never zero, so a term every row shares still
   * counts a little, and a term the table never saw gets the highest weight — a query
   * word absent from the corpus makes the query less like everything, as it should.
   */
  idf(term: string): number {
    return Math.log((1 + this.n) / (1 + (this.df.get(term) ?? 0))) + 1;
  }
}

/** Sublinear tf (1 + ln tf) × idf, scaled to unit length; `scale` weights a whole field. */
export function weigh(terms: readonly string[], idf: IdfTable, scale = 1): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const v = new Map<string, number>();
  for (const [t, n] of tf) v.set(t, scale * (1 + Math.log(n)) * idf.idf(t));
  return v;
}

/** Adds `b` into `a` (fields of one row combined before normalising). */
export function addInto(a: Map<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  for (const [t, w] of b) a.set(t, (a.get(t) ?? 0) + w);
  return a;
}

export function normalize(v: Map<string, number>): SparseVector {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  const norm = Math.sqrt(sum);
  if (norm === 0) return v;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** Cosine of every indexed vector with a query, by walking the query's terms. */
export class CosineIndex {
  private readonly postings = new Map<string, { row: number; w: number }[]>();
  readonly size: number;

  constructor(vectors: readonly SparseVector[]) {
    vectors.forEach((v, row) => {
      for (const [t, w] of v) {
        let list = this.postings.get(t);
        if (list === undefined) this.postings.set(t, (list = []));
        list.push({ row, w });
      }
    });
    this.size = vectors.length;
  }

  /** Scores in row order (0 for rows sharing no term with the query). */
  scores(query: SparseVector): Float64Array {
    const out = new Float64Array(this.size);
    for (const [t, w] of query) {
      const list = this.postings.get(t);
      if (list === undefined) continue;
      for (const p of list) out[p.row]! += w * p.w;
    }
    return out;
  }
}
