/**
 * Expected failures of one input file. Each carries the category stored in
 * `documents.status`/`error`; only the CLI turns them into messages and exit codes.
 */
export type ErrorCode =
  | 'empty_file'
  | 'unsupported_format'
  | 'corrupt_file'
  | 'encrypted_pdf'
  | 'no_plan_table'
  | 'illegible'
  | 'too_large'
  | 'timeout'
  | 'ocr_unavailable';

export class IngestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class EmptyFileError extends IngestError {
  constructor() {
    super('empty_file', 'the file is empty (0 bytes)');
  }
}

export class UnsupportedFormatError extends IngestError {
  constructor(what: string) {
    super('unsupported_format', `unsupported format: ${what}`, 'supported: PDF, DOCX, DOC, RTF, ODT, XLSX, XLS, ODS, ZIP of these, PNG, JPEG, TIFF, WebP, plain text');
  }
}

/** A member of a ZIP archive stored under a password: its bytes cannot be read, damaged or not. */
export class PasswordProtectedEntryError extends IngestError {
  constructor() {
    super('unsupported_format', 'unsupported format: the ZIP entry is password-protected', 'extract it with its password and ingest the file');
  }
}

export class CorruptFileError extends IngestError {
  constructor(format: string, detail: string) {
    super('corrupt_file', `corrupt or truncated ${format}: ${detail}`);
  }
}

export class UnsafeArchiveEntryError extends IngestError {
  constructor(name: string) {
    super('corrupt_file', `unsafe name in the ZIP archive: "${name}" points outside it (absolute or ../ path); entry not read`);
  }
}

export class EncryptedPdfError extends IngestError {
  constructor() {
    super('encrypted_pdf', 'the PDF is password-protected', 'remove the password (e.g. `qpdf --decrypt in.pdf out.pdf`) and ingest again');
  }
}

export class NoPlanTableError extends IngestError {
  constructor(detail: string) {
    super('no_plan_table', `no plan table found: ${detail}`);
  }
}

/**
 * Every page OCR was run on came back illegible (a photo too blurred, shaken or distant to
 * read): what it would store is noise, so nothing is stored and the user is told why.
 */
export class IllegiblePageError extends IngestError {
  constructor(detail: string) {
    super('illegible', `the page cannot be read: ${detail}`, 'photograph the page again: closer (the sheet filling the frame), steady, in even light; or scan it');
  }
}

export class TooLargeError extends IngestError {
  /**
   * `flag` names the CLI option that raises the limit hit; limits without one (image pixels,
   * inflated sizes: decompression bombs) get no hint rather than a wrong one.
   */
  constructor(detail: string, flag?: '--max-pages' | '--max-file-mb') {
    super('too_large', `too large: ${detail}`, flag ? `raise the limit with ${flag} if this is intended` : undefined);
  }
}

export class TimeoutError extends IngestError {
  constructor(seconds: number) {
    super('timeout', `processing took longer than ${seconds} s and was stopped`, 'raise --timeout if the file is legitimately large');
  }
}

export class OcrUnavailableError extends IngestError {
  constructor(detail: string) {
    super('ocr_unavailable', `OCR is unavailable: ${detail}`);
  }
}

/** Usage errors (bad flags) — the CLI exits 2 on these. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Corrections that cannot be applied: an unknown row, a field that cannot be corrected, bad
 * lines of a corrections file. One message per problem, so a CSV's every bad row is named
 * at once; the CLI prints them and exits 2 (nothing was applied).
 */
export class CorrectionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'CorrectionError';
  }
}

/** A row's page image cannot be made: no geometry (DOCX), or its source file is gone or changed. */
export class CropError extends Error {
  constructor(
    readonly reason: 'no_page_image' | 'source_unavailable',
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CropError';
  }
}
