import { CorruptFileError } from '../errors.js';
import type { Issue } from '../model/index.js';
import { RtfBlockBuilder } from './rtf-blocks.js';
import { charsetCodePage, decodeBytes, DEFAULT_CODE_PAGE, isKnownCodePage, unicodeChar } from './rtf-charset.js';
import { RtfTokenizer } from './rtf-tokens.js';
import type { StructuredRead } from './structured-read.js';

/**
 * Groups nest a few levels deep in real files (fields in nested tables reach ~20). The state
 * stack is an array, so depth cannot overflow the call stack; the cap bounds its memory and
 * refuses `{{{{…` files built to exhaust it.
 */
const MAX_GROUP_DEPTH = 1000;

/**
 * Destinations whose content is not body text: tables of fonts/colours/styles/lists, document
 * properties, pictures and embedded objects, headers/footers, footnotes and comments (the DOCX
 * reader reads only the main story), field codes (\fldrslt, the shown result, is kept), shapes
 * and text boxes (skipped by the DOCX reader too), and the compatibility copies Word writes for
 * old readers (\nonesttables, \upr's ANSI half). Every `{\*\…}` group is skipped as well.
 */
const SKIPPED_DESTINATIONS = new Set([
  'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'filetbl', 'pgdsctbl',
  'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'generator', 'xmlnstbl', 'mmathPr',
  'pict', 'object', 'objdata', 'nonshppict', 'shp', 'shpgrp', 'shprslt', 'shptxt', 'do',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf',
  'footnote', 'annotation', 'ftnsep', 'ftnsepc', 'aftnsep', 'aftnsepc', 'ftncn', 'aftncn',
  'fldinst', 'pn', 'pntxta', 'pntxtb', 'xe', 'tc', 'tcn', 'txe', 'upr', 'nonesttables',
  'userprops', 'docvar', 'template', 'private',
]);

/** Control words that stand for one character of text. */
const CHARACTER_WORDS: ReadonlyMap<string, string> = new Map([
  ['tab', '\t'], ['line', '\n'], ['emdash', '—'], ['endash', '–'], ['bullet', '•'],
  ['lquote', '‘'], ['rquote', '’'], ['ldblquote', '“'], ['rdblquote', '”'],
  ['emspace', '\u2003'], ['enspace', '\u2002'], ['qmspace', '\u2005'], ['zwj', '\u200d'], ['zwnj', '\u200c'],
]);

/** Control symbols that stand for text; the others (\- optional hyphen, \: \| …) show nothing. */
const CHARACTER_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['~', '\u00a0'], ['_', '-'], ['\\', '\\'], ['{', '{'], ['}', '}'],
]);

/** Document-level code pages of the character-set words of the header. */
const CHARACTER_SET_CODE_PAGES: ReadonlyMap<string, number> = new Map([
  ['ansi', DEFAULT_CODE_PAGE], ['mac', 10000], ['pc', 437], ['pca', 850],
]);

type Destination = 'body' | 'label' | 'fonttbl' | 'info' | 'skip';

/** What a group saves and `}` restores: character and paragraph formatting, destination. */
interface GroupState {
  dest: Destination;
  bold: boolean;
  /** \v hidden text and \deleted tracked deletions are not what a reader of the page sees. */
  hidden: boolean;
  deleted: boolean;
  /** \f of the text; undefined = the document default \deff. */
  font: number | undefined;
  /** \uc: fallback characters that follow each \uN. */
  uc: number;
  intbl: boolean;
  /** \itap: table nesting level of the paragraph (0 = body). */
  itap: number;
  pagebb: boolean;
}

interface FontDef {
  charset?: number;
  codePage?: number;
}

/**
 * Walks the token stream with an explicit stack of group states and feeds paragraphs, cells and
 * rows to the block builder. Everything is iterative: input depth never reaches the JS stack.
 */
export class RtfParser {
  private readonly tokens: RtfTokenizer;
  private readonly builder: RtfBlockBuilder;
  private readonly stack: GroupState[] = [];
  /** Depth inside a skipped group (1 = the skipped group itself); its children get no state. */
  private skipDepth = 0;
  /** Fallback characters still to drop after a \uN. */
  private ucSkip = 0;
  /** Text bytes not yet decoded, and decoded text not yet handed on, of the current state. */
  private pendingBytes: number[] = [];
  private pendingText = '';
  private codePage = DEFAULT_CODE_PAGE;
  private defaultFont: number | undefined;
  private readonly fonts = new Map<number, FontDef>();
  private fontBeingDefined: number | undefined;
  private readonly warnedCodePages = new Set<number>();
  private readonly issues: Issue[] = [];
  private pageBreaks = 0;
  /** Break type of the current section, and of each section started by \sect. */
  private sectionBreak: 'page' | 'none' = 'page';
  private readonly sectionStarts: ('page' | 'none')[] = [];
  private savedPages: number | undefined;

  constructor(private readonly bytes: Uint8Array, budgetBytes: number) {
    let start = 0;
    while (start < bytes.length && /\s/.test(String.fromCharCode(bytes[start] as number))) start++;
    this.tokens = new RtfTokenizer(bytes, start);
    this.builder = new RtfBlockBuilder(budgetBytes);
  }

  parse(): StructuredRead {
    this.expectHeader();
    const tz = this.tokens;
    for (let kind = tz.next(); kind !== undefined; kind = tz.next()) {
      if (kind === 'open') this.open();
      else if (kind === 'close') {
        this.close();
        if (this.stack.length === 0) break;
      } else if (this.skipDepth > 0) continue;
      else if (kind === 'text') this.text(tz.textStart, tz.textEnd);
      else if (kind === 'byte') this.byte(tz.byte);
      else if (kind === 'symbol') this.symbol(tz.symbol);
      else this.word(tz.name, tz.param);
    }
    this.flush();
    if (this.stack.length > 0) this.endOfFileInsideGroups();
    else this.checkTrailingBytes();
    const state = this.stack[this.stack.length - 1];
    const blocks = this.builder.finish(state ? paragraphLevel(state) : 0);
    return { blocks, pageCount: this.pageCount(), issues: this.issues };
  }

  private expectHeader(): void {
    const open = this.tokens.next();
    const rtf = this.tokens.next();
    if (open !== 'open' || rtf !== 'word' || this.tokens.name !== 'rtf') {
      throw new CorruptFileError('RTF', 'the file does not start with {\\rtf');
    }
    this.stack.push({
      dest: 'body', bold: false, hidden: false, deleted: false, font: undefined, uc: 1, intbl: false, itap: 0, pagebb: false,
    });
  }

  private get state(): GroupState {
    return this.stack[this.stack.length - 1] as GroupState;
  }

  private open(): void {
    this.flush();
    this.ucSkip = 0;
    if (this.skipDepth > 0) this.skipDepth++;
    else this.stack.push({ ...this.state });
    if (this.stack.length + Math.max(0, this.skipDepth - 1) > MAX_GROUP_DEPTH) {
      throw new CorruptFileError('RTF', `groups nested more than ${MAX_GROUP_DEPTH} deep at offset ${this.tokens.offset} (damaged or hostile file)`);
    }
  }

  private close(): void {
    this.flush();
    this.ucSkip = 0;
    if (this.skipDepth > 1) {
      this.skipDepth--;
      return;
    }
    this.skipDepth = 0;
    this.stack.pop();
  }

  private skipGroup(): void {
    // The document group itself is never a destination: skipping it would drop everything.
    if (this.stack.length < 2) return;
    this.state.dest = 'skip';
    this.skipDepth = 1;
  }

  private text(start: number, end: number): void {
    if (this.ucSkip > 0) {
      const skipped = Math.min(this.ucSkip, end - start);
      this.ucSkip -= skipped;
      start += skipped;
    }
    for (let i = start; i < end; i++) this.pendingBytes.push(this.bytes[i] as number);
  }

  private byte(value: number): void {
    if (this.ucSkip > 0) this.ucSkip--;
    else this.pendingBytes.push(value);
  }

  private symbol(char: string): void {
    if (this.ucSkip > 0) {
      this.ucSkip--;
      return;
    }
    if (char === '*') {
      this.flush();
      this.skipGroup();
      return;
    }
    const text = CHARACTER_SYMBOLS.get(char);
    if (text) this.append(text);
  }

  private word(name: string, param: number | undefined): void {
    if (this.ucSkip > 0) {
      this.ucSkip--;
      return;
    }
    const st = this.state;
    // Characters only extend the text of the current state; every other word may change the
    // state, so what was read so far is handed on first.
    const char = CHARACTER_WORDS.get(name);
    if (char !== undefined) return this.append(char);
    if (name === 'u' && param !== undefined) {
      this.append(unicodeChar(param < 0 ? param + 65536 : param));
      this.ucSkip = st.uc;
      return;
    }
    this.flush();
    if (SKIPPED_DESTINATIONS.has(name)) return this.skipGroup();
    if (st.dest === 'fonttbl') return this.fontTableWord(name, param);
    if (st.dest === 'info') {
      if (name === 'nofpages' && param !== undefined && param > 0) this.savedPages = param;
      return;
    }
    if (this.formattingWord(st, name, param)) return;
    if (st.dest === 'body') this.structureWord(st, name, param);
  }

  /** Words that change state; true when `name` was one. */
  private formattingWord(st: GroupState, name: string, param: number | undefined): boolean {
    const on = param !== 0;
    switch (name) {
      case 'fonttbl':
      case 'info':
        if (this.stack.length > 1) st.dest = name;
        return true;
      case 'listtext':
      case 'pntext':
        if (this.stack.length > 1) st.dest = 'label';
        return true;
      case 'b': st.bold = on; return true;
      case 'v': st.hidden = on; return true;
      case 'deleted': st.deleted = on; return true;
      case 'f': st.font = param; return true;
      case 'uc': st.uc = Math.max(0, param ?? 1); return true;
      case 'plain':
        st.bold = false;
        st.hidden = false;
        st.deleted = false;
        st.font = undefined;
        return true;
      case 'pard':
        st.intbl = false;
        st.itap = 0;
        st.pagebb = false;
        return true;
      case 'intbl': st.intbl = on; return true;
      case 'itap': st.itap = Math.max(0, param ?? 1); return true;
      case 'pagebb': st.pagebb = on; return true;
      case 'ansicpg': if (param !== undefined) this.codePage = param; return true;
      case 'deff': this.defaultFont = param; return true;
    }
    const charsetPage = CHARACTER_SET_CODE_PAGES.get(name);
    if (charsetPage !== undefined) {
      this.codePage = charsetPage;
      return true;
    }
    return false;
  }

  /** Paragraph, table, page and section structure of the main text. */
  private structureWord(st: GroupState, name: string, param: number | undefined): void {
    const b = this.builder;
    const level = paragraphLevel(st);
    // Row definitions of nested tables belong to their own (flattened) rows, not the outer one.
    const outerRowDef = level < 2;
    switch (name) {
      case 'par':
        this.paragraphEnd(st);
        b.endParagraph(level);
        break;
      case 'sect':
        this.paragraphEnd(st);
        b.endParagraph(level);
        this.sectionStarts.push(this.sectionBreak);
        break;
      case 'cell':
        this.paragraphEnd(st);
        b.endCell();
        break;
      case 'nestcell':
        this.paragraphEnd(st);
        b.endParagraph(Math.max(2, level));
        break;
      case 'row': b.endRow(); break;
      case 'page':
        this.pageBreaks++;
        // A page break is a line break of the text, as the DOCX reader renders w:br.
        this.append('\n');
        break;
      case 'trowd': if (outerRowDef) b.startRowDef(); break;
      case 'trleft': if (outerRowDef) b.setRowLeft(param ?? 0); break;
      case 'cellx': if (outerRowDef) b.addCellEdge(param ?? 0); break;
      case 'clvmgf': if (outerRowDef) b.setCellVmerge('restart'); break;
      case 'clvmrg': if (outerRowDef) b.setCellVmerge('continue'); break;
      case 'clmrg': if (outerRowDef) b.setCellMergesLeft(); break;
      case 'sectd':
      case 'sbkpage':
      case 'sbkodd':
      case 'sbkeven':
        this.setSectionBreak('page');
        break;
      case 'sbknone':
      case 'sbkcol':
        this.setSectionBreak('none');
        break;
    }
  }

  private paragraphEnd(st: GroupState): void {
    if (st.pagebb) this.pageBreaks++;
  }

  /** Section properties follow the \sect that starts their section. */
  private setSectionBreak(kind: 'page' | 'none'): void {
    this.sectionBreak = kind;
    if (this.sectionStarts.length > 0) this.sectionStarts[this.sectionStarts.length - 1] = kind;
  }

  private fontTableWord(name: string, param: number | undefined): void {
    if (param === undefined) return;
    if (name === 'f') this.fontBeingDefined = param;
    else if (this.fontBeingDefined !== undefined && (name === 'fcharset' || name === 'cpg')) {
      const def = this.fonts.get(this.fontBeingDefined) ?? {};
      if (name === 'fcharset') def.charset = param;
      else def.codePage = param;
      this.fonts.set(this.fontBeingDefined, def);
    }
  }

  /** Decodes the text bytes gathered so far in the code page of the current font. */
  private decodePending(): void {
    if (this.pendingBytes.length === 0) return;
    const bytes = Uint8Array.from(this.pendingBytes);
    this.pendingBytes = [];
    const codePage = this.fontCodePage();
    if (!isKnownCodePage(codePage) && !this.warnedCodePages.has(codePage) && bytes.some((b) => b >= 0x80)) {
      this.warnedCodePages.add(codePage);
      this.warn(`code page ${codePage} is not supported; its non-ASCII characters were read as windows-1252`);
    }
    this.pendingText += decodeBytes(bytes, codePage);
  }

  private fontCodePage(): number {
    const font = this.fonts.get(this.state.font ?? this.defaultFont ?? -1);
    if (font?.codePage !== undefined) return font.codePage;
    if (font?.charset !== undefined) return charsetCodePage(font.charset, this.codePage);
    return this.codePage;
  }

  private append(text: string): void {
    this.decodePending();
    this.pendingText += text;
  }

  /** Hands the text read in the current state to where the state's destination says. */
  private flush(): void {
    this.decodePending();
    const text = this.pendingText;
    if (!text) return;
    this.pendingText = '';
    const st = this.state;
    if (st.hidden || st.deleted) return;
    if (st.dest === 'body') this.builder.addText(text, st.bold);
    else if (st.dest === 'label') this.builder.addLabel(text);
  }

  /**
   * The file ends with groups still open. When only closing braces are missing — the bytes end
   * right after a \par, \row, \sect or \page at the document's top level, with nothing
   * half-read — what was read is kept with a warning (generators that forget the last brace
   * write such files). A file cut anywhere else is refused: it lost an unknown part.
   */
  private endOfFileInsideGroups(): void {
    const open = this.stack.length + Math.max(0, this.skipDepth - 1);
    const tail = String.fromCharCode(...this.bytes.subarray(Math.max(0, this.bytes.length - 16)));
    if (open === 1 && this.skipDepth === 0 && !this.builder.hasPendingContent() && /\\(?:par|row|sect|page)\s*$/.test(tail)) {
      this.warn('the RTF ends without its closing brace after a complete paragraph or row; anything that followed is missing');
      return;
    }
    throw new CorruptFileError('RTF', `the file is cut short: it ends with ${open} group(s) still open`);
  }

  /** After the document group only padding may follow; more RTF there means broken braces. */
  private checkTrailingBytes(): void {
    const rest = this.bytes.subarray(this.tokens.offset);
    if (rest.some((b) => b === 0x5c || b === 0x7b)) {
      throw new CorruptFileError('RTF', `the document's braces close at offset ${this.tokens.offset}, but RTF continues after it (unbalanced braces)`);
    }
  }

  private pageCount(): number {
    const sectionPages = this.sectionStarts.filter((s) => s === 'page').length;
    return Math.max(1 + this.pageBreaks + sectionPages, this.savedPages ?? 1);
  }

  private warn(message: string): void {
    this.issues.push({ stage: 'ingest', severity: 'warning', message });
  }
}

/** Table nesting level of a paragraph: \itap when given, else 1 for \intbl. */
function paragraphLevel(st: GroupState): number {
  if (st.itap > 0) return st.itap;
  return st.intbl ? 1 : 0;
}
