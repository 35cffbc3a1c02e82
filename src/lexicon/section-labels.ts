/**
 * The words that label a section heading with its number ("Этап 2.", "Раздел II."), lower
 * case. Shared by parse (a label in the № cell, broken or misread) and normalize (a label
 * word OCR cut, put back).
 */
export const SECTION_LABEL_WORDS: readonly string[] = ['раздел', 'блок', 'этап', 'направление'];
