/**
 * Code pages of RTF text bytes: the document's (\ansicpg, \mac, \pc) and each font's
 * (\fcharset, \cpg in the font table), decoded with the WHATWG decoders Node ships.
 */
import { TextDecoder } from 'node:util';

/** Windows code page → WHATWG encoding label, for the pages Node's TextDecoder knows. */
const CODE_PAGE_LABELS: ReadonlyMap<number, string> = new Map([
  [866, 'ibm866'], [874, 'windows-874'], [932, 'shift_jis'], [936, 'gbk'], [949, 'euc-kr'], [950, 'big5'],
  [1250, 'windows-1250'], [1251, 'windows-1251'], [1252, 'windows-1252'], [1253, 'windows-1253'],
  [1254, 'windows-1254'], [1255, 'windows-1255'], [1256, 'windows-1256'], [1257, 'windows-1257'],
  [1258, 'windows-1258'], [10000, 'macintosh'], [10007, 'x-mac-cyrillic'], [20866, 'koi8-r'], [21866, 'koi8-u'],
  [28591, 'iso-8859-1'], [28592, 'iso-8859-2'], [28595, 'iso-8859-5'], [65001, 'utf-8'],
]);

/** \fcharset → code page (the Windows charset numbers of LOGFONT). */
const CHARSET_CODE_PAGES: ReadonlyMap<number, number> = new Map([
  [77, 10000], [128, 932], [129, 949], [134, 936], [136, 950], [161, 1253], [162, 1254], [163, 1258],
  [177, 1255], [178, 1256], [186, 1257], [204, 1251], [222, 874], [238, 1250],
]);

/** \fcharset2: a symbol font, whose bytes are glyph numbers rather than characters. */
const SYMBOL_CHARSET = 2;
/** Pseudo code page for symbol fonts. */
const SYMBOL_CODE_PAGE = -2;

export const DEFAULT_CODE_PAGE = 1252;

/**
 * The code page a font's charset implies. ANSI (0) and "default" (1) follow the document's
 * code page rather than Western 1252: Russian files routinely declare \ansicpg1251 with
 * \fcharset0 fonts and \'xx bytes that Word shows as Cyrillic.
 */
export function charsetCodePage(charset: number, documentCodePage: number): number {
  if (charset === SYMBOL_CHARSET) return SYMBOL_CODE_PAGE;
  return CHARSET_CODE_PAGES.get(charset) ?? documentCodePage;
}

export function isKnownCodePage(codePage: number): boolean {
  return codePage === SYMBOL_CODE_PAGE || CODE_PAGE_LABELS.has(codePage);
}

const decoders = new Map<number, TextDecoder>();

/** Decodes text bytes in `codePage`; unknown pages read as 1252 (the caller reports them). */
export function decodeBytes(bytes: Uint8Array, codePage: number): string {
  if (codePage === SYMBOL_CODE_PAGE) return symbolText(bytes);
  let decoder = decoders.get(codePage);
  if (!decoder) {
    decoder = new TextDecoder(CODE_PAGE_LABELS.get(codePage) ?? CODE_PAGE_LABELS.get(DEFAULT_CODE_PAGE));
    decoders.set(codePage, decoder);
  }
  return decoder.decode(bytes);
}

function symbolText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += symbolGlyph(b);
  return out;
}

/**
 * The text a symbol-font glyph stands for, as the DOCX reader renders w:sym: the Symbol bullet
 * (0xB7) becomes «•», control codes vanish, other codes read as Latin-1.
 */
function symbolGlyph(code: number): string {
  if (code === 0xb7) return '•';
  return code < 0x20 ? '' : String.fromCharCode(code);
}

/**
 * Writers emit symbol-font glyphs as \uN in U+F000–U+F0FF (\u61623 = U+F0B7, the private-use
 * mirror of the font's codes); such a character is read back as the glyph code it mirrors.
 */
export function unicodeChar(code: number): string {
  return code >= 0xf000 && code <= 0xf0ff ? symbolGlyph(code - 0xf000) : String.fromCharCode(code);
}
