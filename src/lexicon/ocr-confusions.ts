/**
 * Pairs of Cyrillic letters OCR takes for one another in print: the stems and diagonals of
 * и/н/п/й, the teeth of ш/щ/ц, the bowls of е/с, the signs ь/ъ, з/э, т/г. A repair several
 * edits away from the word OCR gave is only a misreading when every edit swaps such a pair
 * ("Ииформациониое" → "Информационное"); two unrelated edits turn a correct word the
 * dictionary lacks into another ("инструктивно" → "инстинктивно").
 */
const PAIRS = ['ин', 'ип', 'нп', 'ий', 'шщ', 'щц', 'ес', 'её', 'ьъ', 'зэ', 'тг'];
const lookalike = new Set(PAIRS.flatMap(([a, b]) => [a! + b!, b! + a!]));

/**
 * Swaps that also change a word's ending within its paradigm (организаций/организации,
 * нового/новего): such a pair can be a correct form the dictionary lacks beside a listed one.
 */
const INFLECTING = new Set(['й', 'е', 'о', 'ё', 'с', 'ы', 'ь', 'ъ']);

/**
 * True when `a` and `b` (folded, of one length) differ only in look-alike pairs;
 * with `shapeOnly`, only in swaps no inflection makes ("управленне" is no form of "управление").
 */
export function differsByLookalikes(a: string, b: string, shapeOnly = false): boolean {
  if (a.length !== b.length || a === b) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x === y) continue;
    if (!lookalike.has(x + y)) return false;
    if (shapeOnly && (INFLECTING.has(x) || INFLECTING.has(y))) return false;
  }
  return true;
}
