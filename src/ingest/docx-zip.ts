import { crc32 } from 'node:zlib';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { CorruptFileError, TooLargeError } from '../errors.js';
import { DEFAULT_SETTINGS, TUNING } from '../settings.js';
import type { StructuredLimits } from './structured-read.js';
import { centralDirectory } from './zip-directory.js';

const D = TUNING.ingest.docxZip;

export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size as the central directory declares it (may lie). */
  declaredSize: number;
  /** Where the entry's local header starts, when known (zip-directory.ts): extraction begins there. */
  localOffset?: number;
  /** CRC-32 of the uncompressed bytes as the central directory records it (none: ZIP64, unreadable directory). */
  crc?: number;
}

/**
 * Parts a reader can do without (styles, numbering, metadata). One of them failing its CRC
 * check is left out of the result and reported through `onDamaged` (a warning: the file
 * is then `partial`) instead of failing the file.
 */
export interface OptionalParts {
  parts: ReadonlySet<string>;
  onDamaged: (message: string) => void;
}

/** Inflated bytes allowed for the whole document, shared by every extraction pass. */
export interface ByteBudget {
  readonly limit: number;
  used: number;
  /**
   * Bytes any one entry may inflate to: an office package's XML parts are each parsed whole
   * (limits.maxXmlPartMb). None for the members of an archive of documents, each a whole file
   * held to --max-file-mb.
   */
  readonly partLimit?: number;
}

const MB = 1024 * 1024;

/** A fresh budget for one office document: its total and per-part inflation limits. */
export function documentBudget(limits: StructuredLimits): ByteBudget {
  const partMb = limits.maxXmlPartMb ?? DEFAULT_SETTINGS.limits.maxXmlPartMb;
  return { limit: limits.maxUncompressedMb * MB, used: 0, partLimit: partMb * MB };
}

/**
 * Reads the central directory without inflating anything. `format` names the kind of package
 * in error messages (every ZIP-based reader shares this code).
 */
export function listZipEntries(bytes: Uint8Array, format = 'DOCX'): Map<string, ZipEntryInfo> {
  const entries = new Map<string, ZipEntryInfo>();
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!entries.has(file.name)) entries.set(file.name, { name: file.name, declaredSize: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new CorruptFileError(format, `not a readable ZIP archive (${messageOf(error)})`);
  }
  // fflate's listing does not expose the CRCs; the directory is read for them (same names).
  for (const [name, entry] of centralDirectory(bytes)) {
    const info = entries.get(name);
    if (info) info.crc = entry.crc;
  }
  return entries;
}

/**
 * Inflates the named entries (those present in `entries`), refusing before any work when the
 * declared sizes exceed the budget (or one of them its part limit) and stopping as soon as the
 * bytes actually produced do: the declared sizes may lie.
 * Every entry is checked against the CRC-32 its central directory records: fflate does not
 * check it, and a flipped byte inside a deflate stream often inflates to plausible XML (a
 * word changed, a style lost), which would be stored as the plan. A mismatch fails the file
 * as corrupt, unless the part is one of `optional`'s.
 */
export function extractZipEntries(
  bytes: Uint8Array,
  entries: ReadonlyMap<string, ZipEntryInfo>,
  names: Iterable<string>,
  budget: ByteBudget,
  format = 'DOCX',
  optional?: OptionalParts,
): Map<string, Uint8Array> {
  const wanted = new Set([...names].filter((n) => entries.has(n)));
  const partLimit = budget.partLimit;
  if (partLimit !== undefined) {
    for (const name of wanted) {
      const size = entries.get(name)?.declaredSize ?? 0;
      if (size > partLimit) throw new TooLargeError(`${name} of the ${format} declares ${mb(size)} MB uncompressed (limit ${mb(partLimit)} MB per part)`);
    }
  }
  const declared = [...wanted].reduce((sum, n) => sum + (entries.get(n)?.declaredSize ?? 0), 0);
  if (budget.used + declared > budget.limit) {
    throw new TooLargeError(`${format} parts declare ${mb(budget.used + declared)} MB uncompressed (limit ${mb(budget.limit)} MB)`);
  }
  if (wanted.size === 0) return new Map();

  const done = new Map<string, Uint8Array>();
  const damaged = new Set<string>();
  const started = new Set<string>();
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    // A name may repeat in a malformed archive; the first copy wins, as in the central directory.
    if (!wanted.has(file.name) || started.has(file.name)) return;
    started.add(file.name);
    const parts: Uint8Array[] = [];
    const expected = entries.get(file.name)?.crc;
    let crc = 0;
    let size = 0;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = new CorruptFileError(format, `${file.name}: ${error.message}`);
        return;
      }
      size += data.length;
      if (partLimit !== undefined && size > partLimit) {
        const declared = entries.get(file.name)?.declaredSize ?? 0;
        failure = new TooLargeError(`${file.name} of the ${format} inflates beyond ${mb(partLimit)} MB, the limit per part (its ZIP entry declares ${sizeOf(declared)})`);
        file.terminate();
        return;
      }
      budget.used += data.length;
      if (budget.used > budget.limit) {
        failure = new TooLargeError(`${format} parts inflate beyond ${mb(budget.limit)} MB (zip bomb?)`);
        file.terminate();
        return;
      }
      parts.push(data);
      if (expected !== undefined) crc = crc32(data, crc);
      if (!final) return;
      if (expected === undefined || crc === expected) {
        done.set(file.name, concat(parts));
        return;
      }
      const mismatch = `${file.name} fails its CRC-32 check (the directory records ${hex(expected)}, the data unpacks to ${hex(crc)}): the archive is damaged`;
      if (optional?.parts.has(file.name)) {
        damaged.add(file.name);
        optional.onDamaged(`${file.name} ignored: ${mismatch}`);
      } else {
        failure = new CorruptFileError(format, mismatch);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  const step = D.inflateStepBytes;
  // Nothing before the first wanted entry needs reading, and nothing after the last one done:
  // an archive's members are extracted one at a time, each from where it starts.
  const offsets = [...wanted].map((n) => entries.get(n)?.localOffset);
  const start = offsets.every((o): o is number => o !== undefined && o < bytes.length) ? Math.min(...offsets) : 0;
  try {
    for (let offset = start; offset < bytes.length && !failure && done.size + damaged.size < wanted.size; offset += step) {
      unzip.push(bytes.subarray(offset, offset + step), offset + step >= bytes.length);
    }
  } catch (error) {
    failure ??= new CorruptFileError(format, `damaged ZIP data (${messageOf(error)})`);
  }
  if (failure) throw failure;
  for (const name of wanted) {
    if (!done.has(name) && !damaged.has(name)) throw new CorruptFileError(format, `${name} is truncated or unreadable`);
  }
  return done;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const mb = (bytes: number): string => (bytes / MB).toFixed(1);
const sizeOf = (bytes: number): string => (bytes < MB / 10 ? `${bytes} bytes` : `${mb(bytes)} MB`);
const hex = (crc: number): string => (crc >>> 0).toString(16).padStart(8, '0');

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
