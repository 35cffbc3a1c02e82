import { NoPlanTableError, TooLargeError } from '../errors.js';
import type { Issue, StructBlock } from '../model/index.js';
import type { StructuredLimits, StructuredRead } from './structured-read.js';
import { findPlanHeader, otherSheetBlocks, planSheetBlocks } from './spreadsheet-layout.js';
import { boundedPackage } from './spreadsheet-package.js';
import { parseWorkbook, sheetContent } from './spreadsheet-workbook.js';
import { checkXls } from './spreadsheet-xls.js';

const FORMAT_NAME = { xlsx: 'XLSX', ods: 'ODS' } as const;

/**
 * Reads an Excel or Calc workbook as the flow of blocks a word processor's copy of the plan
 * would give: the sheets whose header row names the plan's columns, each as its heading
 * paragraphs, its table and what follows it. Other sheets are left out with a warning; when no
 * sheet has a plan header, every sheet's text is passed on and the parse stage says what it
 * finds. Cells carry no bold: SheetJS does not expose fonts.
 *
 * The page count is 1: a sheet has no pages of its own (printing paginates it by paper size,
 * scaling and column widths, which SheetJS does not lay out).
 */
export function readSpreadsheet(bytes: Uint8Array, limits: StructuredLimits, kind: 'xlsx' | 'xls' | 'ods'): StructuredRead {
  const workbook = kind === 'xls'
    ? parseWorkbook(bytes, 'XLS', checkXls(bytes, limits.maxUncompressedMb).codePageText)
    : parseWorkbook(boundedPackage(bytes, FORMAT_NAME[kind], limits), FORMAT_NAME[kind], false);

  const sheets = workbook.SheetNames.map((name) => sheetContent(workbook, name)).filter((s) => s.rows.length > 0);
  if (sheets.length === 0) {
    throw new NoPlanTableError(`no cell of the workbook's ${workbook.SheetNames.length} sheet(s) holds text (pictures and charts are not read)`);
  }
  const issues: Issue[] = [];
  const plans = sheets.map((sheet) => ({ sheet, header: findPlanHeader(sheet) })).filter((p) => p.header >= 0);
  let blocks: StructBlock[];
  if (plans.length === 0) {
    issues.push(warning(`no sheet has a plan table header (№, мероприятие, срок, ответственный, результат): the text of all ${sheets.length} sheet(s) is passed on`));
    blocks = sheets.flatMap(otherSheetBlocks);
  } else {
    for (const sheet of sheets) {
      if (!plans.some((p) => p.sheet === sheet)) issues.push(warning(`sheet «${sheet.name}» ignored: no plan header`));
    }
    blocks = plans.flatMap((p) => planSheetBlocks(p.sheet, p.header));
  }
  checkTextVolume(blocks, limits);
  return { blocks, pageCount: 1, issues };
}

function warning(message: string): Issue {
  return { stage: 'ingest', severity: 'warning', message };
}

/**
 * The text handed on is bounded like inflated bytes: one shared string referenced by a
 * million cells is a few bytes in the file and gigabytes of blocks.
 */
function checkTextVolume(blocks: readonly StructBlock[], limits: StructuredLimits): void {
  const limit = limits.maxUncompressedMb * 1024 * 1024;
  let chars = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph') chars += b.text.length;
    else for (const row of b.rows) for (const cell of row) chars += cell.text.length;
    if (chars > limit) throw new TooLargeError(`the sheets' text exceeds ${limits.maxUncompressedMb} MB`);
  }
}
