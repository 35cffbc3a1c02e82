import fs from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { constants as fsConstants, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ExpandedInputs {
  /** Files in a stable order, by their display names (see `rawPaths`). */
  files: string[];
  missing: string[];
  /** FIFOs, sockets and devices: reading one could block forever or never end. */
  special: string[];
  /** Files and folders this user may not read, with the reason ("permission denied"). */
  unreadable: { path: string; reason: string }[];
  /**
   * File names that are not UTF-8 (CP1251 or CP866 bytes, as old archives unpack on Linux)
   * cannot be opened through a JavaScript string; their display name, with each invalid byte
   * written `\xHH` (lossless), maps to the bytes the file system knows.
   */
  rawPaths: Map<string, Buffer>;
}

const SLASH = Buffer.from('/');

/**
 * Files named on the command line, folders walked recursively, in a stable sorted order.
 * Hidden files and folders (".git", "~$lock.docx" owner files) are skipped; a path that does
 * not exist, and one that is not a regular file (FIFO, socket, device), is reported, not fatal.
 * Symbolic links are followed, but each folder and file is taken once, by identity: a link
 * back up the tree ("loop -> .") would otherwise be walked until the path grew too long,
 * reading every file dozens of times. Names are walked as bytes, so no file is lost to a
 * name in a legacy code page.
 */
export async function expandInputs(inputs: readonly string[], argvBytes: readonly Buffer[] = rawArgv()): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], missing: [], special: [], unreadable: [], rawPaths: new Map() };
  const seen = new Set<string>();
  const walk = async (p: Buffer): Promise<void> => {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      out.missing.push(displayName(p));
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    if (st.isDirectory()) {
      let entries;
      try {
        entries = await fs.readdir(p, { withFileTypes: true, encoding: 'buffer' });
      } catch (error) {
        out.unreadable.push({ path: displayName(p), reason: reasonOf(error) });
        return;
      }
      const named = entries.map((e) => ({ name: e.name, shown: displayName(e.name) }));
      named.sort((a, b) => a.shown.localeCompare(b.shown));
      for (const e of named) {
        if (e.shown.startsWith('.') || e.shown.startsWith('~$')) continue;
        await walk(childPath(p, e.name));
      }
    } else if (st.isFile()) {
      const shown = displayName(p);
      // Found now, a file that may not be read is one line before the batch, not an
      // unexpected error in the middle of it.
      try {
        await fs.access(p, fsConstants.R_OK);
      } catch (error) {
        out.unreadable.push({ path: shown, reason: reasonOf(error) });
        return;
      }
      if (!isUtf8(p) || shown !== p.toString('utf8')) out.rawPaths.set(shown, p);
      out.files.push(shown);
    } else out.special.push(displayName(p));
  };
  for (const i of inputs) await walk(argumentBytes(i, argvBytes));
  return out;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'too many symbolic links' : `cannot be read (${code ?? String(error)})`;
}

/** path.join where both parts are text (it tidies "./x" and "a//b"), byte concatenation where not. */
function childPath(dir: Buffer, name: Buffer): Buffer {
  if (isUtf8(dir) && isUtf8(name)) return Buffer.from(path.join(dir.toString('utf8'), name.toString('utf8')));
  return dir.at(-1) === SLASH[0] ? Buffer.concat([dir, name]) : Buffer.concat([dir, SLASH, name]);
}

/** The file-system path of a file from the list: its raw bytes where the name is not UTF-8. */
export function openPath(file: string, rawPaths?: ReadonlyMap<string, Buffer>): string | Buffer {
  return rawPaths?.get(file) ?? file;
}

/**
 * Node decodes the command line as UTF-8 and replaces what is not with U+FFFD, so a file named
 * in CP1251 would be "not found". Linux keeps the bytes in /proc/self/cmdline: an argument with
 * a replacement character is matched back to the bytes that decode to it.
 */
function argumentBytes(arg: string, argvBytes: readonly Buffer[]): Buffer {
  if (arg.includes('\uFFFD')) {
    const raw = argvBytes.find((b) => !isUtf8(b) && b.toString('utf8') === arg);
    if (raw) return raw;
  }
  return Buffer.from(arg);
}

function rawArgv(): Buffer[] {
  try {
    const bytes = readFileSync('/proc/self/cmdline');
    const args: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        args.push(bytes.subarray(start, i));
        start = i + 1;
      }
    }
    return args;
  } catch {
    return []; // not Linux: such names can still be reached through their folder
  }
}

/**
 * The name as text: UTF-8 where it is UTF-8, each byte that is not written `\xHH` — lossless
 * (the bytes can be rebuilt) and plain ASCII, so it is stored and printed safely. Two files
 * must never share a name: a UTF-8 name that already reads like an escape ("\xff.docx", typed
 * with a backslash) is escaped too, its backslashes written `\x5c`, so it cannot be taken for
 * the file whose name is the byte 0xFF.
 */
export function displayName(bytes: Buffer): string {
  if (isUtf8(bytes) && !ESCAPE_LIKE.test(bytes.toString('utf8'))) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = bytes[i] === BACKSLASH ? 0 : utf8SequenceLength(bytes, i);
    if (n > 0) {
      out += bytes.subarray(i, i + n).toString('utf8');
      i += n;
    } else {
      out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}
const ESCAPE_LIKE = /\\x[0-9a-fA-F]{2}/;
const BACKSLASH = 0x5c;

/** Length of the well-formed UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, no surrogates). */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  const c1 = b[i + 1]!;
  if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
  return n;
}
