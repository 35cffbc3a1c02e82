import { TooLargeError } from '../errors.js';
import type { StructBlock } from '../model/document.js';
import type { FkpIndex, FkpRun } from './doc-fkp.js';
import { ILFO_NONE, type DocLists } from './doc-lists.js';
import type { Piece } from './doc-pieces.js';
import { operand, prls, SPRM } from './doc-sprm.js';
import { applyToggle, type DocStyles } from './doc-styles.js';
import { buildRows, readRowDef, type RawCell, type RawRow, type RowDef } from './doc-table.js';
import type { CharProps, TextSink } from './doc-text.js';

/** Paragraph formatting the reader needs, from the PAPX of a paragraph's mark. */
interface ParaProps {
  istd: number;
  inTable: boolean;
  /** Table nesting depth (sprmPItap); Word 97 writes only sprmPFInTable. */
  itap: number;
  /** The mark ends a table row (its 0x07 is no cell) and carries the row's layout. */
  ttp: boolean;
  innerTtp: boolean;
  ilfo: number | undefined;
  ilvl: number | undefined;
  pageBreakBefore: boolean;
}

/** What one grpprl says; sprmPItap sets the depth, sprmPDtap then moves it. */
type ParaOverrides = Partial<Omit<ParaProps, 'istd' | 'itap'>> & { itap?: number; dtap: number };

interface Paragraph {
  text: string;
  /** Runs with visible characters, and how many of them are bold (as the DOCX reader counts). */
  textRuns: number;
  boldRuns: number;
}

const CELL_MARK = 0x07;

/**
 * Turns the text walk into blocks the way the DOCX reader does: paragraphs (list labels in
 * front), tables of rows of cells whose paragraphs are lines, nested tables flattened into the
 * lines of the outer cell.
 */
export class DocBody implements TextSink {
  readonly blocks: StructBlock[] = [];
  pageBreaks = 0;
  private parts: { text: string; chp: CharProps }[] = [];
  private rows: RawRow[] = [];
  private cells: RawCell[] = [];
  private cell: RawCell = emptyCell();

  /** Characters list labels may add: the text is bounded by the piece table, labels are not. */
  private labelBudget: number;

  constructor(
    private readonly papx: FkpIndex,
    private readonly styles: DocStyles,
    private readonly lists: DocLists,
    maxChars: number,
  ) {
    this.labelBudget = maxChars;
  }

  text(text: string, chp: CharProps): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.chp === chp) last.text += text;
    else this.parts.push({ text, chp });
  }

  pageBreak(): void {
    this.pageBreaks++;
  }

  paragraphEnd(mark: number, fc: number, piece: Piece | undefined): void {
    const run = this.papx.at(fc);
    const props = paraProps(run, piece);
    if (props.pageBreakBefore) this.pageBreaks++;
    const p = this.paragraph(props);
    const depth = Math.max(props.itap, props.inTable ? 1 : 0);
    if (depth === 0) {
      this.closeTable();
      if (p.text) this.blocks.push({ kind: 'paragraph', text: p.text, bold: p.textRuns > 0 && p.boldRuns === p.textRuns });
    } else if (depth > 1) {
      // A nested table's paragraphs are lines of the outer cell; its row ends carry no text.
      if (!props.innerTtp) this.addLine(p);
    } else if (props.ttp) {
      this.endRow(rowDef(run, piece));
    } else {
      this.addLine(p);
      if (mark === CELL_MARK) {
        this.cells.push(this.cell);
        this.cell = emptyCell();
      }
    }
  }

  /** Text after the last paragraph mark (a file cut short of one) and an open table. */
  finish(): StructBlock[] {
    if (this.parts.length > 0) this.paragraphEnd(0x0d, -1, undefined);
    this.closeTable();
    return this.blocks;
  }

  private paragraph(props: ParaProps): Paragraph {
    const styleBold = this.styles.paragraphBold(props.istd);
    const out: Paragraph = { text: '', textRuns: 0, boldRuns: 0 };
    for (const part of this.parts) {
      out.text += part.text;
      if (!/\S/.test(part.text)) continue;
      out.textRuns++;
      const base = part.chp.istd === undefined ? styleBold : this.styles.characterBold(part.chp.istd) ?? styleBold;
      if (applyToggle(part.chp.bold, base)) out.boldRuns++;
    }
    this.parts = [];
    const body = out.text.trim();
    const label = this.listLabel(props);
    if (label) {
      this.labelBudget -= label.label.length;
      if (this.labelBudget < 0) throw new TooLargeError('the list numbers of the .doc run past the decoded text limit');
    }
    out.text = label ? (body ? label.label + label.separator + body : label.label).trim() : body;
    return out;
  }

  private listLabel(props: ParaProps) {
    const fromStyle = props.ilfo === undefined || props.ilvl === undefined ? this.styles.list(props.istd) : {};
    const ilfo = props.ilfo ?? fromStyle.ilfo;
    // ilfo 0 (or the "no list" value) is how a paragraph switches off its style's numbering.
    if (ilfo === undefined || ilfo === 0 || ilfo === ILFO_NONE) return undefined;
    return this.lists.next(ilfo, props.ilvl ?? fromStyle.ilvl ?? 0);
  }

  private addLine(p: Paragraph): void {
    if (p.text) this.cell.lines.push(p.text);
    this.cell.textRuns += p.textRuns;
    this.cell.boldRuns += p.boldRuns;
  }

  private endRow(def: RowDef | undefined): void {
    // Text after the last cell mark of a row (a damaged row) is kept as one more cell.
    if (this.cell.lines.length > 0) this.cells.push(this.cell);
    this.rows.push({ cells: this.cells, def });
    this.cells = [];
    this.cell = emptyCell();
  }

  private closeTable(): void {
    if (this.cells.length > 0 || this.cell.lines.length > 0) this.endRow(undefined);
    if (this.rows.length === 0) return;
    const rows = buildRows(this.rows);
    this.rows = [];
    if (rows.length > 0) this.blocks.push({ kind: 'table', rows });
  }
}

const overridesCache = new WeakMap<Uint8Array, ParaOverrides>();

/** Each grpprl is parsed once, however many paragraphs share it: the walk stays linear. */
function overrides(grpprl: Uint8Array | undefined): ParaOverrides {
  if (!grpprl || grpprl.length === 0) return { dtap: 0 };
  let out = overridesCache.get(grpprl);
  if (out) return out;
  out = { dtap: 0 };
  for (const prl of prls(grpprl)) {
    const value = operand(grpprl, prl);
    switch (prl.sprm) {
      case SPRM.pFInTable: out.inTable = value !== 0; break;
      case SPRM.pFTtp: out.ttp = value !== 0; break;
      case SPRM.pFInnerTtp: out.innerTtp = value !== 0; break;
      case SPRM.pItap: out.itap = value | 0; out.dtap = 0; break;
      case SPRM.pDtap: out.dtap += value | 0; break;
      case SPRM.pIlfo: out.ilfo = value; break;
      case SPRM.pIlvl: out.ilvl = value; break;
      case SPRM.pFPageBreakBefore: out.pageBreakBefore = value !== 0; break;
    }
  }
  overridesCache.set(grpprl, out);
  return out;
}

/** The FKP's paragraph properties with the piece's grpprl (a fast save's edit) applied after. */
function paraProps(run: FkpRun | undefined, piece: Piece | undefined): ParaProps {
  const own = overrides(run?.grpprl);
  const edit = overrides(piece?.grpprl);
  const itap = (edit.itap ?? ((own.itap ?? 0) + own.dtap)) + edit.dtap;
  const o = { ...own, ...edit };
  return {
    istd: run?.istd ?? 0,
    inTable: o.inTable ?? false,
    itap,
    ttp: o.ttp ?? false,
    innerTtp: o.innerTtp ?? false,
    ilfo: o.ilfo,
    ilvl: o.ilvl,
    pageBreakBefore: o.pageBreakBefore ?? false,
  };
}

const rowDefCache = new WeakMap<Uint8Array, Map<Uint8Array | undefined, RowDef | undefined>>();

/** Row layout of a row end mark, read once per distinct grpprl (rows often share one). */
function rowDef(run: FkpRun | undefined, piece: Piece | undefined): RowDef | undefined {
  if (!run) return piece ? readRowDef(piece.grpprl) : undefined;
  let byPiece = rowDefCache.get(run.grpprl);
  if (!byPiece) {
    byPiece = new Map();
    rowDefCache.set(run.grpprl, byPiece);
  }
  if (!byPiece.has(piece?.grpprl)) {
    const edit = piece?.grpprl;
    byPiece.set(edit, readRowDef(edit && edit.length > 0 ? Buffer.concat([run.grpprl, edit]) : run.grpprl));
  }
  return byPiece.get(piece?.grpprl);
}

function emptyCell(): RawCell {
  return { lines: [], textRuns: 0, boldRuns: 0 };
}
