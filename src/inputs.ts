import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Files named on the command line, folders walked recursively, in a stable sorted order.
 * Hidden files and folders (".git", "~$lock.docx" owner files) are skipped; a path that does
 * not exist, and one that is not a regular file (FIFO, socket, device), is reported, not fatal. Symbolic links are followed, but each folder and file is
 * taken once, by identity: a link back up the tree ("loop -> .") would otherwise be walked
 * until the path grew too long, reading every file dozens of times.
 */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: string[]; missing: string[]; special: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  // FIFOs, sockets and devices: reading one could block forever or never end.
  const special: string[] = [];
  const seen = new Set<string>();
  const walk = async (p: string): Promise<void> => {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      missing.push(p);
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    if (st.isDirectory()) {
      const entries = await fs.readdir(p, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
        await walk(path.join(p, e.name));
      }
    } else if (st.isFile()) files.push(p);
    else special.push(p);
  };
  for (const i of inputs) await walk(i);
  return { files, missing, special };
}
