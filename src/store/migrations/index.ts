import type { Migration } from './migration.js';
import { initial } from './001-initial.js';
import { links } from './002-links.js';
import { reviewReasons } from './003-review-reasons.js';
import { fragments } from './004-fragments.js';
import { missingRows } from './005-missing-rows.js';
import { oktmo } from './006-oktmo.js';
import { search } from './007-search.js';
import { provenance } from './008-provenance.js';
import { plans } from './009-plans.js';
import { corrections } from './010-corrections.js';
import { recurrences } from './011-recurrences.js';
import { vocabularies } from './012-vocabularies.js';

export type { Migration } from './migration.js';

/** Every migration, oldest first. Append only: a released step is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial, links, reviewReasons, fragments, missingRows, oktmo, search, provenance, plans, corrections, recurrences, vocabularies];

export const LATEST_VERSION: number = MIGRATIONS.length;
