import fs from 'node:fs';

/**
 * Resident memory of a process and all its descendants, read from /proc (Linux). The CLI
 * runs files in worker threads (same process) but OCR back-ends or future helpers may fork,
 * so the whole tree is what a user's machine pays.
 */
export function processTreeRss(rootPid: number): number | null {
  if (!fs.existsSync('/proc/self/status')) return null;
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOrNull(`/proc/${name}/stat`);
    // Field 4 is the parent pid; the command name (field 2) may contain spaces, so split after ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (!Number.isFinite(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const status = readOrNull(`/proc/${pid}/status`);
    const kb = status ? /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] : undefined;
    if (kb) total += Number(kb) * 1024;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null; // the process exited between listing and reading
  }
}

export interface RssSample {
  /** Seconds since sampling started. */
  t: number;
  bytes: number;
}

/** Samples a process tree's RSS every `intervalMs` until stopped. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(private readonly pid: number, intervalMs = 500) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  get peak(): number {
    return this.samples.reduce((m, s) => Math.max(m, s.bytes), 0);
  }

  /** False where /proc is missing (not Linux): nothing was measured. */
  get supported(): boolean {
    return this.samples.length > 0;
  }

  sample(): RssSample | null {
    const bytes = processTreeRss(this.pid);
    if (bytes === null || bytes === 0) return null;
    const s = { t: (performance.now() - this.started) / 1000, bytes };
    this.samples.push(s);
    return s;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
