/**
 * Small browser-printed PDFs, one per layout case the parser must hold on, for
 * tests/parse/producer-cases.test.ts. Chromium's print-to-PDF draws every cell border as its
 * own segment, leaves a row split at a page break without a closing rule and a merged
 * (rowspan) cell without the rules it spans — things the corpus's one renderer never did.
 * The HTML is written next to each PDF, so a case can be read and rebuilt.
 *
 *   npx tsx scripts/make-pdf-case-fixtures.ts [--out fixtures/pdf-cases] [--chromium chromium]
 *
 * Needs Debian's `chromium` (the PDFs are committed; tests do not run this).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseFlags, runScript } from './lib/flags.js';

const ACTS = [
  'Проведение мониторинга образовательных результатов обучающихся школ с низкими результатами обучения',
  'Организация стажировок педагогов школ с низкими результатами обучения на базе школ-лидеров региона с последующим анализом',
  'Разработка программ перехода школ в эффективный режим работы',
  'Семинар для руководителей общеобразовательных организаций по вопросам управления качеством образования',
  'Обеспечение участия педагогов в курсах повышения квалификации по программам ИРО',
];
const RESP = ['МОУО, ОО', 'ИРО', 'Руководители ШНОР', 'Управление образования, ИРО, ОО'];
const DEADLINES = ['до 01.09.2025', 'ежеквартально', 'в течение 2025 года', 'сентябрь 2025 г.'];
const RESULTS = ['Аналитическая справка', 'Программы утверждены', 'Повышение квалификации не менее 80 % педагогов школ с низкими результатами', 'Проведён семинар'];

interface Case {
  rows: number;
  borders: 'grid' | 'hrules' | 'none' | 'frame';
  repeatHeader: boolean;
  /** Responsible cells merged over this many rows. */
  rowspan?: number;
  extraColumn?: string;
  /** Cells made long so rows break across pages. */
  longCells?: boolean;
  numberHeader?: string;
  /** No № column: rows told apart by their cells alone. */
  noNumber?: boolean;
  /** Section headings, each over an equal share of the rows. */
  sections?: string[];
  /** Other header wording: «Наименование мероприятия», «Исполнитель», «Период», «Результат (продукт)». */
  otherWording?: boolean;
  /**
   * Each section's label ("I.", "Этап 1.") in the № cell and its title centred in one cell
   * merged over the other columns, in a narrow № column (fixed widths).
   */
  labelInNumberCell?: boolean;
  /** The № column last, the activity column first. */
  numberLast?: boolean;
  /** A titled table of target indicators («№ | Показатель | 2025 | 2026») under the plan, in the plan's borders or a grid of its own. */
  indicators?: boolean | 'grid';
  /** Rows numbered "1)", "2)" … */
  paren?: boolean;
}

const CASES: Record<string, Case> = {
  'row-split-no-closing-rule': { rows: 14, borders: 'grid', repeatHeader: true, longCells: true },
  'rowspan-responsible-across-page': { rows: 15, borders: 'grid', repeatHeader: false, rowspan: 3, longCells: true },
  'two-line-header-extra-column': { rows: 8, borders: 'grid', repeatHeader: true, extraColumn: 'Форма отчётности', numberHeader: '№ п/п' },
  'signature-after-borderless-table': { rows: 6, borders: 'none', repeatHeader: true },
  'borderless-no-number-sections': { rows: 12, borders: 'none', repeatHeader: true, noNumber: true, otherWording: true, sections: ['Раздел 1. Диагностика', 'Раздел 2. Методическое сопровождение', 'Раздел 3. Кадровые условия'] },
  'hrules-no-number-sections': { rows: 12, borders: 'hrules', repeatHeader: true, noNumber: true, otherWording: true, sections: ['Этап 1. Диагностика', 'Этап 2. Методическое сопровождение', 'Этап 3. Кадровые условия'] },
  'grid-section-label-in-number-cell': { rows: 8, borders: 'grid', repeatHeader: true, labelInNumberCell: true, sections: ['I. Диагностика', 'II. Кадровые условия'] },
  'borderless-section-label-in-number-cell': { rows: 9, borders: 'none', repeatHeader: true, labelInNumberCell: true, sections: ['Этап 1. Диагностика', 'Этап 2. Кадровые условия', '3. Мониторинг'] },
  'number-last-borderless-continues': { rows: 11, borders: 'none', repeatHeader: false, longCells: true, numberLast: true },
  'indicators-under-unnumbered-plan': { rows: 6, borders: 'hrules', repeatHeader: true, noNumber: true, indicators: true },
  'borderless-plan-above-ruled-indicators': { rows: 12, borders: 'none', repeatHeader: true, indicators: 'grid' },
  'framed-paren-numbers-indicators': { rows: 12, borders: 'frame', repeatHeader: false, paren: true, numberHeader: 'N п/п', indicators: 'grid' },
};

/** "Этап 1. Диагностика" → ["Этап 1.", "Диагностика"]. */
function splitLabel(section: string): [string, string] {
  const m = /^((?:\S+\s+)?[\dIVX]+\.)\s+(.*)$/u.exec(section);
  return m ? [m[1]!, m[2]!] : ['', section];
}

const INDICATORS = `<p style="text-align:center;margin-top:12pt">Целевые показатели реализации плана</p>
<table class="ind"><tr><th>№</th><th>Показатель</th><th>2025</th><th>2026</th></tr>
<tr><td>1</td><td>Доля школ с низкими образовательными результатами, %</td><td>20</td><td>10</td></tr>
<tr><td>2</td><td>Доля педагогов ШНОР, прошедших повышение квалификации, %</td><td>51</td><td>73</td></tr></table>
`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function html(c: Case): string {
  const wording = c.otherWording ? ['Наименование мероприятия', 'Исполнитель', 'Период', 'Результат (продукт)'] : ['Мероприятие', 'Ответственный', 'Срок', 'Ожидаемый результат'];
  const num = c.noNumber ? [] : [c.numberHeader ?? '№'];
  const cols = [...(c.numberLast ? [] : num), ...wording, ...(c.extraColumn ? [c.extraColumn] : []), ...(c.numberLast ? num : [])];
  const head = `<tr>${cols.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  for (let i = 0; i < c.rows; i++) {
    const act = ACTS[i % ACTS.length]! + (c.longCells && i % 2 === 1 ? `, ${ACTS[(i + 2) % ACTS.length]!.toLowerCase()}` : '');
    const resp = c.rowspan ? (i % c.rowspan === 0 ? `<td rowspan="${Math.min(c.rowspan, c.rows - i)}">${esc(RESP[(i / c.rowspan) % RESP.length]!)}</td>` : '') : `<td>${esc(RESP[i % RESP.length]!)}</td>`;
    const extra = c.extraColumn ? `<td>Отчёт в МОУО</td>` : '';
    const per = c.sections ? Math.ceil(c.rows / c.sections.length) : 0;
    if (c.sections && i % per === 0) {
      const section = c.sections[i / per]!;
      const [label, title] = splitLabel(section);
      body.push(c.labelInNumberCell
        ? `<tr><td><b>${esc(label)}</b></td><td colspan="${cols.length - 1}" style="text-align:center"><b>${esc(title)}</b></td></tr>`
        : `<tr><td colspan="${cols.length}"><b>${esc(section)}</b></td></tr>`);
    }
    const numCell = c.noNumber ? '' : `<td>${i + 1}${c.paren ? ')' : '.'}</td>`;
    body.push(`<tr>${c.numberLast ? '' : numCell}<td>${esc(act)}</td>${resp}<td>${esc(DEADLINES[i % DEADLINES.length]!)}</td><td>${esc(RESULTS[i % RESULTS.length]!)}</td>${extra}${c.numberLast ? numCell : ''}</tr>`);
  }
  const border = { grid: 'td,th{border:1px solid #000}', hrules: 'td,th{border-top:1px solid #000;border-bottom:1px solid #000}', none: '', frame: 'table.plan{border:1px solid #000}' }[c.borders] +
    (c.indicators === 'grid' ? ' table.ind td,table.ind th{border:1px solid #000}' : '');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm; @top-center { content: counter(page) } }
body { font-family: 'Liberation Serif'; font-size: 11pt }
table { border-collapse: collapse; width: 100% } td, th { vertical-align: top; padding: 2pt 4pt; text-align: left } ${border}
</style></head><body>
<p style="text-align:center"><b>ПЛАН МЕРОПРИЯТИЙ («дорожная карта»)</b></p>
<p style="text-align:center">по поддержке школ с низкими результатами обучения на 2025–2026 годы</p>
<table class="plan"${c.labelInNumberCell ? ' style="table-layout:fixed"' : ''}>${c.labelInNumberCell ? `<colgroup>${cols.map((_, k) => `<col style="width:${k === 0 ? 7 : 93 / (cols.length - 1)}%">`).join('')}</colgroup>` : ''}${c.repeatHeader ? `<thead>${head}</thead>` : head}<tbody>${body.join('\n')}</tbody></table>
${c.indicators ? INDICATORS : ''}<p>Начальник управления образования И. И. Иванов</p>
</body></html>
`;
}

/** The rows each case must give: what a reader of the printed page takes from it. */
export function expectedRows(c: Case): { section: string; number: string; activity: string; responsible: string }[] {
  const per = c.sections ? Math.ceil(c.rows / c.sections.length) : 0;
  return Array.from({ length: c.rows }, (_, i) => ({
    section: c.sections ? c.sections[Math.floor(i / per)]! : '',
    number: c.noNumber ? '' : `${i + 1}${c.paren ? ')' : '.'}`,
    activity: ACTS[i % ACTS.length]! + (c.longCells && i % 2 === 1 ? `, ${ACTS[(i + 2) % ACTS.length]!.toLowerCase()}` : ''),
    responsible: c.rowspan ? RESP[Math.floor(i / c.rowspan) % RESP.length]! : RESP[i % RESP.length]!,
  }));
}
export { CASES };

async function main() {
  const flags = parseFlags('npx tsx scripts/make-pdf-case-fixtures.ts', 'Writes the browser-printed layout-case PDFs (and their HTML) of tests/parse/producer-cases.test.ts.', {
    out: { type: 'string', default: 'fixtures/pdf-cases', help: 'folder to write <case>.html and <case>.chromium.pdf into' },
    chromium: { type: 'string', default: 'chromium', help: 'Chromium binary' },
    only: { type: 'string', default: '', help: 'comma-separated case names to (re)build; all when empty' },
  });
  fs.mkdirSync(flags.out, { recursive: true });
  const only = flags.only ? new Set(flags.only.split(',')) : null;
  for (const [name, c] of Object.entries(CASES)) {
    if (only && !only.has(name)) continue;
    const src = path.resolve(flags.out, `${name}.html`);
    const pdf = path.resolve(flags.out, `${name}.chromium.pdf`);
    fs.writeFileSync(src, html(c));
    execFileSync(flags.chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, src], { stdio: 'ignore' });
    console.log(`${pdf} (${fs.statSync(pdf).size} bytes) from ${src}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await runScript(main);
