import { main } from '../../src/cli.js';

/** Runs the ingest CLI in this process with its output captured. */
export function runIngest(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
  };
  return main(argv, io).then((code) => ({ code, out, err }));
}
