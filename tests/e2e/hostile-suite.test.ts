import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PEAK_RSS_BOUND, runHostileSuite } from '../../scripts/measure/hostile-suite.js';
import { tempDir } from '../helpers/corpus.js';

/**
 * The fast subset of the second, independent hostile suite (scripts/bad-inputs/unseen-suite.ts):
 * one or more variants of every class of issue #15 — images and PDF images measured from
 * headers, bombs behind every PDF filter chain, office XML cut at a closing tag, legacy code
 * pages, names no terminal should print raw, special files, flag and database faults — among
 * good files, run as one batch through the built CLI. The full suite is a script:
 * `npx tsx scripts/measure/hostile-suite.ts`.
 */
describe('the unseen hostile suite (fast subset) through the CLI', () => {
  it('every case ends as expected, the good files are stored whole, the process tree stays under 1.5 GB', async () => {
    const dir = tempDir('hostile-suite-');
    fs.chmodSync(dir, 0o755); // as root the batch runs as another user (the unreadable-file case)
    const run = await runHostileSuite(path.join(dir, 'work'), { subset: 'fast' });

    const failures = run.results.filter((r) => !r.pass).map((r) => `${r.id}: expected ${r.expected}, got ${r.got}`);
    expect(failures, run.stderr).toEqual([]);
    // Every class is there: a subset that lost one would pass without testing it.
    expect(new Set(run.manifest.cases.map((c) => c.kind))).toEqual(new Set(['good', 'image', 'pdf', 'office', 'text', 'name', 'special']));
    expect(run.manifest.cases.filter((c) => c.kind === 'good').length).toBeGreaterThanOrEqual(3);
    expect(run.exitCode).toBe(1);
    if (run.peakRss !== null) expect(run.peakRss).toBeLessThan(PEAK_RSS_BOUND);
    expect(run.seconds).toBeLessThan(60);
  }, 240_000);
});
