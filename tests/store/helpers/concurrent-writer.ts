/**
 * Child process for the concurrency tests: `node concurrent-writer.js DB WORKER COUNT [BUSY_MS]`.
 * Prints "ready", waits for a line on stdin (so siblings start together), then opens the
 * database and writes COUNT documents, and prints one JSON line with what happened.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '../../../src/store/open-database.js';
import { writeDocument } from '../../../src/store/write-document.js';
import { StoreError } from '../../../src/store/errors.js';
import { fakeSha, makeDocument } from './make-document.js';

export interface WriterReport {
  ok: boolean;
  worker: string;
  written: number;
  activities: number;
  /** Wall-clock ms (Date.now) when the first document was committed. */
  firstCommitAt: number | null;
  code?: string;
  message?: string;
}

const [dbPath, worker, countArg, busyArg] = process.argv.slice(2);
if (dbPath === undefined || worker === undefined || countArg === undefined) {
  throw new Error('usage: concurrent-writer DB WORKER COUNT [BUSY_MS]');
}
const count = Number(countArg);
const busyTimeoutMs = busyArg === undefined ? undefined : Number(busyArg);
// Enough rows that each transaction holds the lock for a few milliseconds, so writers overlap.
const ACTIVITIES_PER_DOCUMENT = 40;

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', () => {
  lines.close();
  const report: WriterReport = { ok: true, worker, written: 0, activities: 0, firstCommitAt: null };
  try {
    const db = openDatabase(dbPath, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
    try {
      for (let i = 0; i < count; i++) {
        const doc = makeDocument({
          meta: { region: 'Пермский край', municipality: `Округ ${worker}`, level: 'municipal' },
          sections: [{
            title: '1. Раздел',
            activities: Array.from({ length: ACTIVITIES_PER_DOCUMENT }, (_, k) => ({ activity: `Мероприятие ${worker}-${i}-${k}` })),
          }],
        });
        const r = writeDocument(db, {
          sourcePath: `${worker}/doc-${i}.pdf`, sha256: fakeSha(`${worker}-${i}`), format: 'pdf', pages: 1, doc, reviewBelow: 0.75,
        });
        report.firstCommitAt ??= Date.now();
        report.written += 1;
        report.activities += r.activities;
      }
    } finally {
      db.close();
    }
  } catch (err) {
    report.ok = false;
    report.code = err instanceof StoreError ? err.code : 'unexpected';
    report.message = err instanceof Error ? err.message : String(err);
  }
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exitCode = report.ok ? 0 : 1;
});
