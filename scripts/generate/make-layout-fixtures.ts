/**
 * The committed layout fixture set, fixtures/layouts/: ten plans whose seeds together draw every
 * trait value at least once (checked below), all four producers' PDFs, the DOCX and gold, and
 * 150-dpi harsh scans of three plans from two producers.
 *
 *   npx tsx scripts/generate/make-layout-fixtures.ts [--out fixtures/layouts]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseFlags, runScript } from '../lib/flags.js';
import { generate } from './layouts.js';
import { drawPlan } from './plan.js';

export const FIXTURE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 20];
export const SCAN_SEEDS = [4, 9, 20];
export const SCAN_PRODUCERS = ['lo', 'chromium'];
/** The fixtures keep the header wordings they were first drawn with. */
const FORCE = { headerPool: 'base' };

async function main(): Promise<void> {
  const f = parseFlags('npx tsx scripts/generate/make-layout-fixtures.ts', 'Writes the committed layout fixtures (10 plans, 4 producers, 6 scans at 150 dpi).', {
    out: { type: 'string', default: 'fixtures/layouts', help: 'output folder' },
  });
  // which trait values the chosen seeds leave out
  const seen = new Map<string, Set<string>>();
  for (const s of FIXTURE_SEEDS) for (const [k, v] of Object.entries(drawPlan(s, FORCE).traits)) { if (!seen.has(k)) seen.set(k, new Set()); seen.get(k)!.add(String(v)); }
  for (const [k, vs] of seen) if (k !== 'seed' && k !== 'rowCount' && k !== 'rowspanGroups' && k !== 'columnRoles') console.log(`${k}: ${[...vs].sort().join(' | ')}`);
  fs.rmSync(path.join(f.out, 'files'), { recursive: true, force: true });
  await generate({ seeds: FIXTURE_SEEDS, out: f.out, producers: ['lo', 'abiword', 'chromium', 'weasy'], scans: [150], scanProducers: SCAN_PRODUCERS, scanIds: SCAN_SEEDS, force: FORCE, timeoutS: 120, concurrency: 2, noPdf: false, command: 'npx tsx scripts/generate/make-layout-fixtures.ts', flags: f });
  fs.rmSync(path.join(f.out, 'html'), { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) void runScript(main);
