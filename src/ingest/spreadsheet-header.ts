/**
 * Whether a sheet row is a plan table's header: which sheet holds the plan, and where its table
 * starts. A small keyword check of its own rather than the parse stage's header vocabulary
 * (src/parse/header-roles.ts): that one falls back to the OCR model's dictionary to correct
 * misread words, which a reader of typed cells neither needs nor should load. The parse stage
 * still maps the columns itself; this only has to recognise the row.
 */

type Role = 'number' | 'activity' | 'responsible' | 'deadline' | 'result';

/** Checked in order: "Ответственный исполнитель" is a party, "Сроки исполнения" a deadline,
 * "Результат мероприятия" a result. */
const ROLE_WORDS: readonly [Role, RegExp][] = [
  ['number', /^(№|n|no)\s*(п\s*[/.]?\s*п\.?)?$|^№/],
  ['responsible', /ответствен/],
  ['deadline', /срок|^дата|период/],
  ['result', /результат|показател|индикатор/],
  ['activity', /мероприяти|содержани|наименовани|деятельност/],
  ['responsible', /исполнител/],
];

/** Distinct roles a header needs, the activity among them (the parse stage's default too). */
const MIN_ROLES = 3;

/** Header labels are short ("Прогнозируемый результат (количественные характеристики)");
 * a body cell that mentions «мероприятия» and «сроки» is a sentence. */
const MAX_LABEL_WORDS = 12;

/** True when the row's cells name the activity and at least two other plan columns. */
export function isPlanHeader(cells: readonly string[]): boolean {
  const roles = new Set<Role>();
  for (const text of cells) {
    const t = text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
    if (t.split(' ').length > MAX_LABEL_WORDS) continue;
    const hit = ROLE_WORDS.find(([, re]) => re.test(t));
    if (hit) roles.add(hit[0]);
  }
  return roles.has('activity') && roles.size >= MIN_ROLES;
}
