import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.js';

// Issue #12: "1 раз в полугодие" and "каждый триместр" recur, but migration 1's CHECK on
// activities.deadline_recurrence knew no value for them, so they were stored as recurring with
// no cadence. 'semiannual' is every half-year (полугодие), 'trimester' every school trimester
// (three a year; "triannual" is too easily read as "triennial"). A school quarter (четверть)
// stays 'quarterly': the column is a cadence, how often, and four times a year is four times a
// year — a municipal plan writing "раз в четверть" where the regional one wrote
// "ежеквартально" must not count as a changed deadline.
//
// SQLite changes a CHECK constraint only by rebuilding the table (its 12-step procedure): the
// new table is made from the stored definition with only the IN list widened — so every column
// migrations 3 and later appended stays as it is — filled with the same rows and ids (the
// search index of migration 7 is keyed by them and stays valid), and renamed into place. The
// runner turns foreign key enforcement off around the step (dropping the old table would
// otherwise cascade to activity_actors and activity_links) and checks every reference after it.
const OLD_CHECK = `deadline_recurrence IN ('annual', 'quarterly', 'monthly', 'weekly')`;
const NEW_CHECK = `deadline_recurrence IN ('annual', 'semiannual', 'trimester', 'quarterly', 'monthly', 'weekly')`;

interface SchemaEntry { type: string; name: string; sql: string }

function rebuildActivities(db: Database): void {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'activities'").pluck().get() as string | undefined;
  if (table === undefined || table.split(OLD_CHECK).length !== 2 || !/^CREATE TABLE activities \(/.test(table)) {
    throw new Error('migration 11: activities is not the table migrations 1-10 made (its recurrence CHECK or name differs)');
  }
  // The table's indexes and triggers go with it, and a view naming it fails SQLite's check of
  // the schema while it is away (the rename reparses every view and trigger), so all views and
  // triggers are set aside and made again from their own stored SQL, in their original order.
  const dependents = db.prepare(`SELECT type, name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND (type IN ('view', 'trigger') OR (type = 'index' AND tbl_name = 'activities'))
    ORDER BY rowid`).all() as SchemaEntry[];
  for (const d of [...dependents].reverse()) {
    if (d.type !== 'index') db.exec(`DROP ${d.type === 'view' ? 'VIEW' : 'TRIGGER'} "${d.name.replaceAll('"', '""')}"`);
  }
  db.exec(table.replace(OLD_CHECK, NEW_CHECK).replace(/^CREATE TABLE activities \(/, 'CREATE TABLE activities_new ('));
  db.exec('INSERT INTO activities_new SELECT * FROM activities');
  db.exec('DROP TABLE activities');
  db.exec('ALTER TABLE activities_new RENAME TO activities');
  for (const d of dependents) db.exec(d.sql);
}

export const recurrences: Migration = {
  version: 11,
  name: 'recurrences',
  foreignKeysOff: true,
  up: rebuildActivities,
};
