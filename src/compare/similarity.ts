import { termsOf } from './terms.js';
import { addInto, CosineIndex, IdfTable, normalize, weigh, type SparseVector } from './tfidf.js';

/** The two cells of an activity that say what it is. */
export interface ActivityText {
  activity: string;
  result: string;
}

export interface SimilarityOptions {
  /** Weight of the result cell's terms relative to the activity cell's (0 ignores it). */
  resultWeight: number;
}

// Stem pairs make a shared phrase ("адресных рекомендаций") count more than its words met
// apart; measured on the corpus they separate copied rows from rows sharing vocabulary.
const TERMS = { bigrams: true } as const;

/**
 * TF-IDF over stemmed activity and result cells. The idf is taken over every activity of
 * the collection (reference and linked plans alike), so words every plan repeats weigh
 * little, and it grows more discriminating as plans are added.
 */
export class ActivitySimilarity {
  private readonly idf: IdfTable;

  constructor(collection: Iterable<ActivityText>, private readonly opts: SimilarityOptions) {
    const docs: string[][] = [];
    for (const a of collection) docs.push([...termsOf(a.activity, TERMS), ...termsOf(a.result, TERMS)]);
    this.idf = new IdfTable(docs);
  }

  vector(a: ActivityText): SparseVector {
    const v = weigh(termsOf(a.activity, TERMS), this.idf);
    if (this.opts.resultWeight > 0) addInto(v, weigh(termsOf(a.result, TERMS), this.idf, this.opts.resultWeight));
    return normalize(v);
  }

  /** An index of the reference activities; `scores(query)` gives cosines in their order. */
  index(references: readonly ActivityText[]): { scores(query: ActivityText): Float64Array } {
    const idx = new CosineIndex(references.map((r) => this.vector(r)));
    return { scores: (query) => idx.scores(this.vector(query)) };
  }
}
