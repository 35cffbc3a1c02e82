import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkDocuments } from '../../src/compare/link.js';
import { resolveSettings } from '../../src/settings.js';
import { markReference, openDatabase, type Database } from '../../src/store/index.js';
import { HAND_LINKS, REGIONAL, resolveHandLinks, type ResolvedHandLink } from './hand-links.js';
import { ingestCorpus } from './helpers.js';

const settings = resolveSettings().compare;
const SAME_REGION = ['vereshchagino-2021', 'lysva-2021'];

interface LinkRow { activity_id: number; reference_document_id: number; reference_activity_id: number | null; score: number; responsible_changed: number | null; deadline_changed: number | null }

// Both digital forms of the corpus, through the real pipeline: the links must not depend on
// whether the plan came from Word or from a PDF text layer.
describe.each(['docx', 'pdf'] as const)('links of the %s corpus to the Perm krai regional plan', (format) => {
  let db: Database;
  let labels: ResolvedHandLink[];
  let links: Map<number, LinkRow>;
  let referenceId: number;

  beforeAll(async () => {
    db = openDatabase(await ingestCorpus(format));
    referenceId = db.prepare("SELECT id FROM documents WHERE source_path LIKE '%perm-krai-2021%'").pluck().get() as number;
    const summary = linkDocuments(db, settings);
    expect(summary.references).toBe(1);
    labels = resolveHandLinks(db.prepare('SELECT a.id, a.document_id, d.source_path, a.activity FROM activities a JOIN documents d ON d.id = a.document_id').all() as never);
    links = new Map((db.prepare('SELECT * FROM activity_links').all() as LinkRow[]).map((l) => [l.activity_id, l]));
  }, 120_000);
  afterAll(() => db?.close());

  it('marks the regional plan as the only reference and links every other activity to it', () => {
    expect(db.prepare('SELECT id FROM documents WHERE is_reference = 1').pluck().all()).toEqual([referenceId]);
    const others = db.prepare('SELECT COUNT(*) FROM activities a JOIN documents d ON d.id = a.document_id WHERE d.is_reference = 0').pluck().get();
    expect(links.size).toBe(others);
    for (const l of links.values()) expect(l.reference_document_id).toBe(referenceId);
  });

  // The pins: every row of both Perm municipal plans, judged by hand (reasons in hand-links.ts).
  for (const doc of SAME_REGION) {
    const pinned = HAND_LINKS.filter((l) => l.doc === doc);
    it(`${doc}: ${pinned.filter((l) => l.reference).length} links and ${pinned.filter((l) => !l.reference).length} "no counterpart" rows as judged by hand`, () => {
      const mine = labels.filter((l) => l.doc === doc);
      expect(mine.length).toBeGreaterThanOrEqual(8);
      const got = mine.map((l) => ({ activity: l.activity, reference: links.get(l.activityId)!.reference_activity_id }));
      expect(got).toEqual(mine.map((l) => ({ activity: l.activity, reference: l.referenceActivityId })));
    });
  }

  it('the copied criteria row goes to the municipal twin R2, not the word-for-word regional R1', () => {
    const v1 = labels.find((l) => l.doc === 'vereshchagino-2021' && l.reference === REGIONAL.R2)!;
    const link = links.get(v1.activityId)!;
    expect(link.reference_activity_id).toBe(v1.referenceActivityId);
    // Responsible (Отдел образования, ОО) and deadline (июль-август 2021) are R2's exactly.
    expect(link.responsible_changed).toBe(0);
    expect(link.deadline_changed).toBe(0);
  });

  it('scores separate the same-region links from the rows without a counterpart at the default threshold', () => {
    const same = labels.filter((l) => SAME_REGION.includes(l.doc));
    const linked = same.filter((l) => l.referenceActivityId !== null).map((l) => links.get(l.activityId)!.score);
    const unlinked = same.filter((l) => l.referenceActivityId === null).map((l) => links.get(l.activityId)!.score);
    expect(Math.min(...linked)).toBeGreaterThanOrEqual(settings.linkThreshold);
    expect(Math.max(...unlinked)).toBeLessThan(settings.linkThreshold);
  });

  it('keeps the best score and the nearest activity of a row left unlinked', () => {
    const none = labels.find((l) => l.doc === 'lysva-2021' && l.activity.startsWith('Разработка и утверждение методов'))!;
    const row = db.prepare('SELECT * FROM activity_links WHERE activity_id = ?').get(none.activityId) as LinkRow & { nearest_activity_id: number | null };
    expect(row.reference_activity_id).toBeNull();
    expect(row.nearest_activity_id).not.toBeNull();
    expect(row.score).toBeGreaterThan(0);
    expect(row.score).toBeLessThan(settings.linkThreshold);
    expect(row.responsible_changed).toBeNull();
  });

  it('is idempotent: linking again stores the same links', () => {
    const snapshot = () => db.prepare('SELECT activity_id, reference_activity_id, nearest_activity_id, score, responsible_changed, deadline_changed FROM activity_links ORDER BY activity_id').all();
    const before = snapshot();
    linkDocuments(db, settings);
    expect(snapshot()).toEqual(before);
  });

  it('re-links everything to a new reference when the flag moves, and back', () => {
    const vereshchagino = db.prepare("SELECT id FROM documents WHERE source_path LIKE '%vereshchagino-2021%'").pluck().get() as number;
    markReference(db, referenceId, false);
    markReference(db, vereshchagino, true);
    try {
      linkDocuments(db, settings);
      const refs = db.prepare('SELECT DISTINCT reference_document_id FROM activity_links').pluck().all();
      expect(refs).toEqual([vereshchagino]);
      // The new reference's own activities are not linked, the old reference's now are.
      const linkedDocs = db.prepare('SELECT DISTINCT a.document_id FROM activity_links l JOIN activities a ON a.id = l.activity_id').pluck().all();
      expect(linkedDocs).not.toContain(vereshchagino);
      expect(linkedDocs).toContain(referenceId);
      // The regional row R6 copied by Vereshchagino now finds Vereshchagino's copy.
      const r6 = labels.find((l) => l.doc === 'vereshchagino-2021' && l.reference === REGIONAL.R6)!;
      const regionalR6 = db.prepare('SELECT reference_activity_id FROM activity_links WHERE activity_id = ?').pluck().get(r6.referenceActivityId);
      expect(regionalR6).toBe(r6.activityId);
    } finally {
      markReference(db, vereshchagino, false);
      markReference(db, referenceId, true);
      linkDocuments(db, settings);
    }
    expect(db.prepare('SELECT DISTINCT reference_document_id FROM activity_links').pluck().all()).toEqual([referenceId]);
  });
});
