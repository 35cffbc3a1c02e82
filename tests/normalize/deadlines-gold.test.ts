import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/model/normalized.js';
import { parseDeadline, yearOfSection } from '../../src/normalize/deadlines.js';

const GOLD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/corpus/gold');

interface GoldRow { section?: string; deadline?: string }
interface Gold { id: string; document: { period: { from: number | null; to: number | null } }; rows: GoldRow[] }

const golds: Gold[] = fs
  .readdirSync(GOLD_DIR)
  .filter((f) => f.endsWith('.gold.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(GOLD_DIR, f), 'utf8')) as Gold);

describe('deadlines of the gold records', () => {
  for (const gold of golds) {
    it(`${gold.id}: every deadline is understood, valid and ordered`, () => {
      let section = '';
      let count = 0;
      const unknown: string[] = [];
      for (const row of gold.rows) {
        if (row.section !== undefined) {
          section = row.section;
          continue;
        }
        if (row.deadline === undefined) continue;
        count++;
        const d = parseDeadline(row.deadline, { sectionYear: yearOfSection(section), periodFrom: gold.document.period.from, periodTo: gold.document.period.to });
        expect(Deadline.parse(d)).toEqual(d);
        if (d.kind === 'unknown') unknown.push(row.deadline);
        if (d.from !== null && d.to !== null) expect(d.from <= d.to).toBe(true);
        // A cell that names a year keeps it: the parse never loses written years.
        for (const y of row.deadline.match(/20\d\d/g) ?? []) expect(d.years).toContain(Number(y));
      }
      expect(count).toBeGreaterThan(0);
      expect(unknown).toEqual([]);
    });
  }
});
