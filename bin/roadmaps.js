#!/usr/bin/env node
// Thin launcher of the compare/export CLI; the compiled code lives in dist/ (npm run build).
import { main } from '../dist/roadmaps-cli.js';

// `roadmaps export | head`: the reader leaving is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2), process).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`roadmaps: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
