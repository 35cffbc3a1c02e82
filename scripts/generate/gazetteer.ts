/**
 * Derives the project's gazetteer (src/lexicon/gazetteer.json) from the classifier of
 * municipal territories (ОКТМО 2019, ../shared/reference/oktmo-2019.json):
 *
 *   regions:        region code ("57", or "718" for an autonomous okrug inside an oblast)
 *                   → the federal subject's official name in the nominative ("Пермский край");
 *   municipalities: [name, kind, OKTMO] for every municipal district, urban okrug and
 *                   municipal okrug: the name is the adjective that survives reforms
 *                   ("Верещагинский" муниципальный район → городской округ) or a city's
 *                   name ("город Березники"); kind is "мр", "го" or "мо".
 *
 * The classifier names a region only in the genitive, inside its group ("Муниципальные
 * образования Пермского края"): the nominative is derived by rule and checked against the
 * list of federal subjects in src/normalize/places.ts, which gives the official spelling.
 *
 *   npx tsx scripts/generate/gazetteer.ts [path/to/oktmo-2019.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { knownRegion } from '../../src/normalize/places.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = process.argv[2] ?? path.resolve(root, '../shared/reference/oktmo-2019.json');
const target = path.join(root, 'src/lexicon/gazetteer.json');

const raw = JSON.parse(fs.readFileSync(source, 'utf8')) as Record<string, string>;
const entries = Object.entries(raw).map(([k, v]) => ({ code: k.replace(/\(.*$/, ''), name: v.replace(/\s+/g, ' ').replace(/[/\s]+$/, '').trim() }));
const byCode = new Map(entries.map((e) => [e.code, e.name]));

/** Group headings: "Муниципальные районы …", "Городские округа …", "Сельские поселения …". */
const GROUP = /^(?:Муниципальные|Городские|Сельские|Межселенные|Внутригородские|Внутригородская)\s/;

// ---------------------------------------------------------------------------------------
// Region names: genitive inside the group heading → nominative.
// ---------------------------------------------------------------------------------------

/** Feminine/masculine adjective, genitive → nominative: "Пермского" → "Пермский", "Амурской" → "Амурская". */
function adjNom(w: string, gender: 'm' | 'f'): string {
  if (gender === 'f') return w.replace(/ой$/, 'ая').replace(/ей$/, 'яя');
  // Velar and sibilant stems take -ий, the rest -ый ("Ненецкого" → "Ненецкий": ц takes -ий here).
  return w.replace(/(?<=[кгхжшчщц])ого$/, 'ий').replace(/его$/, 'ий').replace(/ого$/, 'ый');
}

/** A republic's own name, genitive → nominative: "Мордовии" → "Мордовия", "Адыгеи" → "Адыгея", "Тывы" → "Тыва". */
function republicNameNom(w: string): string {
  if (/ии$/.test(w)) return w.slice(0, -2) + 'ия';
  if (/еи$/.test(w)) return w.slice(0, -2) + 'ея';
  if (/[^кгхжшчщ]ы$/.test(w)) return w.slice(0, -1) + 'а';
  return w; // Татарстан, Дагестан, Коми, Алтай, Марий Эл, Саха (Якутия)
}

/**
 * "Пермского края" → "Пермский край", "Нижегородской области" → "Нижегородская область",
 * "Республики Мордовии" → "Республика Мордовия", "Удмуртской Республики" → "Удмуртская
 * Республика", "Ханты-Мансийского автономного округа – Югры" → "Ханты-Мансийский
 * автономный округ – Югра", "города Москвы (столицы …)" → "город Москва".
 */
export function regionNominative(genitive: string): string {
  // Parenthetical remarks of the classifier: "(Татарстана)", "(города федерального значения)"; Саха (Якутия) keeps its own.
  const g = genitive.replace(/\s*\((?!Якути)[^)]*\)/g, '').replace(/\(Якутии?я?\)/, '(Якутия)').replace(/\s+[-–—]\s*|(?<=Осетия)-/g, ' – ').trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\S+) края$/.exec(g))) return `${adjNom(m[1]!, 'm')} край`;
  if ((m = /^(\S+) области(?: – (\S+))?$/.exec(g))) return `${adjNom(m[1]!, 'f')} область${m[2] ? ` – ${m[2]}` : ''}`;
  if ((m = /^(\S+) автономной области$/.exec(g))) return `${adjNom(m[1]!, 'f')} автономная область`;
  if ((m = /^(\S+) автономного округа(?: – (\S+))?$/.exec(g))) return `${adjNom(m[1]!, 'm')} автономный округ${m[2] ? ` – ${republicNameNom(m[2])}` : ''}`;
  if ((m = /^(\S+) Республики(?: – (\S+))?$/.exec(g))) return `${adjNom(m[1]!, 'f')} Республика${m[2] ? ` – ${republicNameNom(m[2])}` : ''}`;
  if ((m = /^Республики (.+)$/.exec(g))) {
    const words = m[1]!.split(' ');
    // "Северная Осетия – Алания": the adjective is nominative already in the classifier.
    return `Республика ${words.map((w) => (w === '–' || /ая$/.test(w) || /^\(/.test(w) ? w : republicNameNom(w))).join(' ')}`;
  }
  if ((m = /^[Гг]орода(?: федерального значения)? (\S+)$/.exec(g))) {
    const city = m[1]!.replace(/ы$/, 'а').replace(/я$/, 'ь').replace(/(?<=г)а$/, '');
    return `город ${city}`;
  }
  throw new Error(`no rule for the region «${genitive}»`);
}

const regions: Record<string, string> = {};
for (const { code, name } of entries) {
  // The region's group ("57000000"), and autonomous okrugs inside an oblast ("71800000", "11800000").
  const m = /^Муниципальные (?:образования|районы и городские округа) (.+)$/.exec(name);
  if (!m || !/^\d\d[089]00000$/.test(code)) continue;
  if (/^\d\d[89]/.test(code) && !/автономного округа/.test(m[1]!)) continue; // "Коми-Пермяцкого округа" is a part of Пермский край
  const key = /^\d\d0/.test(code) ? code.slice(0, 2) : code.slice(0, 3);
  const derived = regionNominative(m[1]!);
  const official = knownRegion(derived);
  if (!official) throw new Error(`«${name}» → «${derived}» is not a known federal subject`);
  if (official !== derived) console.warn(`region ${key}: derived «${derived}», official spelling «${official}»`);
  regions[key] = official;
}

// ---------------------------------------------------------------------------------------
// Municipalities: the second level of the classifier.
// ---------------------------------------------------------------------------------------

type Kind = 'мр' | 'го' | 'мо';
const KIND_WORDS: ReadonlyArray<[RegExp, Kind]> = [
  [/\s*муниципальный\s+район$/i, 'мр'],
  [/\s*городской\s+округ$/i, 'го'],
  [/\s*муниципальный\s+округ$/i, 'мо'],
];

/** The kind a group heading gives its members. */
function groupKind(code: string): Kind | null {
  // Nearest enclosing heading: "NNX Y0000", then "NNX 00000".
  for (const c of [`${code.slice(0, 4)}0000`, `${code.slice(0, 3)}00000`]) {
    const g = byCode.get(c);
    if (!g || c === code) continue;
    if (/^Муниципальные районы и городские округа/.test(g)) continue;
    if (/^Муниципальные районы/.test(g)) return 'мр';
    if (/^Городские округа/.test(g)) return 'го';
    if (/^Муниципальные округа/.test(g)) return 'мо';
  }
  return null;
}

const municipalities: Array<[string, Kind, string]> = [];
for (const { code, name } of entries) {
  if (!/^\d{5}000$/.test(code) || /^\d\d[0-4]/.test(code) || GROUP.test(name)) continue;
  let n = name.replace(/^Муниципальный район\s+/i, '');
  let kind: Kind | null = null;
  for (const [re, k] of KIND_WORDS) {
    if (re.test(n)) {
      kind = k;
      n = n.replace(re, '');
      break;
    }
  }
  kind ??= groupKind(code);
  if (!kind) continue;
  // A city without its "город" ("Котлас", "Северодвинск") reads like the others with it.
  if (!/(?:ий|ый|ой|ая)(?:\s|$)/.test(n) && !/^(?:город|ЗАТО|поселок|посёлок|пгт|село)\s/i.test(n)) n = `город ${n}`;
  municipalities.push([n, kind, code]);
}

const regionOf = (code: string) => regions[code.slice(0, 3)] ?? regions[code.slice(0, 2)];
const orphans = municipalities.filter(([, , c]) => !regionOf(c));
if (orphans.length) throw new Error(`municipalities without a region: ${orphans.slice(0, 5).join('; ')}`);

const out = { source: 'ОКТМО (ОК 033-2013), 2019; generated by scripts/generate/gazetteer.ts', regions, municipalities };
fs.writeFileSync(target, JSON.stringify(out).replace(/\],\[/g, '],\n[') + '\n');
console.log(`${Object.keys(regions).length} regions, ${municipalities.length} municipalities → ${path.relative(root, target)} (${fs.statSync(target).size} bytes)`);
