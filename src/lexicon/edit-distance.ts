import { createRequire } from 'node:module';

/*
 * natural's Levenshtein distance, loaded by deep path: natural's package root pulls in
 * optional back-ends that print dotenv noise, and this file is plain CommonJS without side
 * effects. Shared by parse (OCR-misread header words) and normalize (actors, numbers).
 */
const require = createRequire(import.meta.url);
const { LevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance.js') as {
  LevenshteinDistance: (source: string, target: string) => number;
};

/** Insertions, deletions and substitutions turning one string into the other. */
export function editDistance(a: string, b: string): number {
  return LevenshteinDistance(a, b);
}
