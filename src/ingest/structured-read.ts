import type { Issue, StructBlock } from '../model/index.js';

/** What every reader of word-processor and spreadsheet files hands back. */
export interface StructuredRead {
  blocks: StructBlock[];
  /** Pages of the source as the file records or implies them, at least 1. */
  pageCount: number;
  issues: Issue[];
}

/** Limits every structured reader applies before and while unpacking. */
export interface StructuredLimits {
  /** Bytes the reader may inflate or decode in total (zip bombs, runaway streams), in MB. */
  maxUncompressedMb: number;
  /** Bytes one part of an office package may inflate to, in MB (limits.maxXmlPartMb; its default when absent). */
  maxXmlPartMb?: number;
}
