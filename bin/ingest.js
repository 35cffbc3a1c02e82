#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import { main } from '../dist/cli.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  // First Ctrl-C: stop taking files, finish and store the ones under way. Second: leave now
  // (SQLite transactions make an abrupt stop safe: a half-written document is rolled back).
  if (++interrupts > 1) process.exit(130);
  process.stderr.write('\ningest: interrupted — finishing files under way (Ctrl-C again to quit now)\n');
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());

main(process.argv.slice(2), process, controller.signal).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`ingest: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
