import fs from 'node:fs';
import { createRequire } from 'node:module';
import { CorrectionError, CropError, UsageError } from './errors.js';
import { parseRoadmapsCli, roadmapsHelp, type RoadmapsArgs } from './roadmaps-options.js';
import { runCommand, type Io } from './roadmaps-commands.js';
import { openDatabase, StoreError } from './store/index.js';

/** Exit codes of `roadmaps`. */
export const RoadmapsExit = {
  ok: 0,
  /** No reference plan, or no plan linked to one: nothing to compare; show --crop: no source file. */
  nothing: 1,
  usage: 2,
  database: 3,
} as const;

/** The `roadmaps` CLI: argv → options → command → exit code. The only part that talks to the terminal. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  let args: RoadmapsArgs;
  try {
    args = parseRoadmapsCli(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`roadmaps: ${err.message}\n`);
      return RoadmapsExit.usage;
    }
    throw err;
  }
  if (args.help) {
    io.stdout.write(roadmapsHelp(args.command ?? undefined) + '\n');
    return RoadmapsExit.ok;
  }
  if (args.command === null) {
    if (args.version) {
      const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
      io.stdout.write(`${pkg.version}\n`);
      return RoadmapsExit.ok;
    }
    io.stderr.write('roadmaps: no command given (see roadmaps --help)\n');
    return RoadmapsExit.usage;
  }
  // Every command reads what ingest wrote; opening a missing path would create an empty one.
  if (!fs.existsSync(args.db)) {
    io.stderr.write(`roadmaps: no database at ${args.db}\n  hint: give the file ingest wrote with --db, or run ingest first\n`);
    return RoadmapsExit.usage;
  }
  try {
    const db = openDatabase(args.db);
    try {
      return await runCommand(db, args, io);
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`roadmaps: ${err.message}\n`);
      return RoadmapsExit.usage;
    }
    if (err instanceof CorrectionError) {
      for (const p of err.problems) io.stderr.write(`roadmaps: ${p}\n`);
      io.stderr.write('roadmaps: nothing was applied\n');
      return RoadmapsExit.usage;
    }
    if (err instanceof CropError) {
      io.stderr.write(`roadmaps: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}\n`);
      // A DOCX has no page to crop whatever is done; a missing file can be put back.
      return err.reason === 'no_page_image' ? RoadmapsExit.usage : RoadmapsExit.nothing;
    }
    if (err instanceof StoreError) {
      io.stderr.write(`roadmaps: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}\n`);
      return RoadmapsExit.database;
    }
    // The reader of a pipe went away (`roadmaps export | head`): what it wanted was written.
    if ((err as { code?: string }).code === 'EPIPE') return RoadmapsExit.ok;
    throw err;
  }
}
