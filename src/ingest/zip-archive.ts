import { CorruptFileError, PasswordProtectedEntryError, TooLargeError, UnsafeArchiveEntryError } from '../errors.js';
import { extractZipEntries, listZipEntries, type ByteBudget, type ZipEntryInfo } from './docx-zip.js';
import { centralDirectory } from './zip-directory.js';

/** One file inside a ZIP archive, as the batch ingests it. */
export interface ArchiveMember {
  /** The entry's name in the archive, decoded (CP866 names of Windows archivers included). */
  name: string;
  /** Declared uncompressed size (checked again while inflating: it may lie). */
  declaredSize: number;
  /** Why the entry is not read, when it is not: an unsafe name or a size over the limits. */
  refusal?: Error;
  /** The name as the ZIP stores it, for extraction. */
  rawName: string;
  /** Where its local header starts (undefined: read from the archive's start). */
  localOffset?: number;
  /** CRC-32 the central directory records, checked as it is inflated (undefined: not known). */
  crc?: number;
}

export interface ArchiveListing {
  members: ArchiveMember[];
  /** Entries past maxEntries, not listed: the archive's own failure line says how many. */
  dropped: number;
}

export interface ArchiveLimits {
  maxEntries: number;
  /** Per entry, like a file on disk (--max-file-mb). */
  maxEntryMb: number;
}

const MB = 1024 * 1024;

/**
 * Lists the documents of a ZIP archive in name order. Folders, hidden files and the
 * resource forks macOS adds (`__MACOSX/`) are skipped, as the folder walker skips hidden
 * files; nothing is inflated here.
 */
export function listArchive(bytes: Uint8Array, limits: ArchiveLimits): ArchiveListing {
  let entries: Map<string, ZipEntryInfo>;
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    throw new CorruptFileError('ZIP archive', error instanceof CorruptFileError ? 'the central directory cannot be read (truncated or damaged)' : String(error));
  }
  const directory = centralDirectory(bytes);
  const members: ArchiveMember[] = [];
  for (const info of entries.values()) {
    const name = decodeEntryName(info.name);
    if (name.endsWith('/') || isHiddenPath(name)) continue;
    const refusal = unsafeName(name)
      // Inflating a password-protected entry fails as damage («invalid length/literal»): it is not.
      ?? (directory.get(info.name)?.encrypted ? new PasswordProtectedEntryError() : undefined)
      ?? (info.declaredSize > limits.maxEntryMb * MB
        ? new TooLargeError(`the entry unpacks to ${(info.declaredSize / MB).toFixed(0)} MB (limit ${limits.maxEntryMb} MB)`, '--max-file-mb')
        : undefined);
    const localOffset = directory.get(info.name)?.localOffset;
    members.push({
      name, rawName: info.name, declaredSize: info.declaredSize,
      ...(localOffset !== undefined ? { localOffset } : {}), ...(info.crc !== undefined ? { crc: info.crc } : {}),
      ...(refusal ? { refusal } : {}),
    });
  }
  members.sort((a, b) => a.name.localeCompare(b.name));
  const dropped = Math.max(0, members.length - limits.maxEntries);
  return { members: members.slice(0, limits.maxEntries), dropped };
}

/**
 * Inflates one member under the archive's shared byte budget (bombs stop at the budget). A
 * member whose bytes fail its CRC is a document of its own that cannot be trusted: corrupt.
 */
export function readArchiveMember(bytes: Uint8Array, member: ArchiveMember, budget: ByteBudget): Uint8Array {
  const info: ZipEntryInfo = {
    name: member.rawName, declaredSize: member.declaredSize,
    ...(member.localOffset !== undefined ? { localOffset: member.localOffset } : {}), ...(member.crc !== undefined ? { crc: member.crc } : {}),
  };
  const entries = new Map([[member.rawName, info]]);
  try {
    const out = extractZipEntries(bytes, entries, [member.rawName], budget).get(member.rawName);
    if (!out) throw new CorruptFileError('ZIP archive', `entry ${member.name} is unreadable`);
    return out;
  } catch (error) {
    if (error instanceof TooLargeError) throw new TooLargeError(`the archive unpacks to more than ${(budget.limit / MB).toFixed(0)} MB in total (zip bomb?)`);
    // The raw name is Latin-1 for a CP866 name; the message shows it as listed.
    if (error instanceof CorruptFileError) throw new CorruptFileError('ZIP archive entry', error.message.replace(/^corrupt or truncated \S+: /, '').replaceAll(member.rawName, member.name));
    throw error;
  }
}

/**
 * A name that would leave the folder it is unpacked into. Nothing is written to disk, but
 * such a name is a sign of a hostile archive and would make a misleading source path.
 */
function unsafeName(name: string): Error | undefined {
  const segments = name.split(/[\\/]/);
  if (/^([\\/]|[A-Za-z]:)/.test(name) || segments.includes('..')) {
    return new UnsafeArchiveEntryError(name);
  }
  return undefined;
}

function isHiddenPath(name: string): boolean {
  return name.split('/').some((s) => s.startsWith('.') && s !== '.' && s !== '..' || s === '__MACOSX' || s.startsWith('~$'));
}

/**
 * fflate decodes a name without the ZIP's UTF-8 flag as Latin-1. Russian archives made by
 * Windows' own "Send to → compressed folder" and old archivers store such names in CP866;
 * Linux zip stores UTF-8 without setting the flag. The Latin-1 string gives the raw bytes
 * back: valid UTF-8 is taken as such, anything else is read as CP866.
 */
export function decodeEntryName(name: string): string {
  if (![...name].some((c) => c.charCodeAt(0) >= 0x80)) return name;
  if ([...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const raw = Uint8Array.from(name, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('ibm866').decode(raw);
  }
}
