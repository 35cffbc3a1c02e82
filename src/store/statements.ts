import type { Database, Statement } from 'better-sqlite3';
import type { ActivityInsert, ActorInsert, DocumentInsert, FragmentInsert, SectionInsert, StoredDocumentRow } from './rows.js';

/**
 * Every statement the writers run, prepared once per connection: preparing costs more than
 * running, and a batch inserts thousands of activities.
 */
export interface Statements {
  selectByHash: Statement<[string], StoredDocumentRow>;
  deleteByHash: Statement<[string]>;
  deleteFailedByPath: Statement<[string]>;
  deleteFailedByHashOrPath: Statement<[{ sha256: string | null; source_path: string }]>;
  insertDocument: Statement<[DocumentInsert]>;
  insertSection: Statement<[SectionInsert]>;
  insertActivity: Statement<[ActivityInsert]>;
  insertActor: Statement<[ActorInsert]>;
  insertFragment: Statement<[FragmentInsert]>;
  noteSource: Statement<[{ sha256: string; source_path: string }]>;
  setReference: Statement<[{ id: number; is_reference: 0 | 1 }]>;
}

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const cache = new WeakMap<Database, Statements>();

export function statementsFor(db: Database): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

function prepare(db: Database): Statements {
  return {
    selectByHash: db.prepare<[string], StoredDocumentRow>(
      'SELECT id, status, source_path, is_reference, ingested_at FROM documents WHERE sha256 = ?',
    ),
    deleteByHash: db.prepare<[string]>('DELETE FROM documents WHERE sha256 = ?'),
    deleteFailedByPath: db.prepare<[string]>("DELETE FROM documents WHERE status = 'failed' AND source_path = ?"),
    deleteFailedByHashOrPath: db.prepare<[{ sha256: string | null; source_path: string }]>(
      "DELETE FROM documents WHERE status = 'failed' AND (sha256 = @sha256 OR source_path = @source_path)",
    ),
    insertDocument: db.prepare<[DocumentInsert]>(`
      INSERT INTO documents (
        id, source_path, sha256, format, pages, region, municipality, level, issuer, act_type,
        act_number, act_date, title, period_from, period_to, status, error, parse_method,
        ingested_at, updated_at, issues_json, preamble_json, columns_json, activity_count,
        review_count, fragment_count, missing_rows, is_reference, oktmo
      ) VALUES (
        @id, @source_path, @sha256, @format, @pages, @region, @municipality, @level, @issuer, @act_type,
        @act_number, @act_date, @title, @period_from, @period_to, @status, @error, @parse_method,
        COALESCE(@ingested_at, ${NOW}), ${NOW}, @issues_json, @preamble_json, @columns_json, @activity_count,
        @review_count, @fragment_count, @missing_rows, @is_reference, @oktmo
      )`),
    insertSection: db.prepare<[SectionInsert]>(
      'INSERT INTO sections (document_id, seq, title, page) VALUES (@document_id, @seq, @title, @page)',
    ),
    insertActivity: db.prepare<[ActivityInsert]>(`
      INSERT INTO activities (
        document_id, seq, section_id, section, number, activity, responsible, deadline, result,
        page, confidence, needs_review, review_reasons, extra_json, bbox_json, pages_json, deadline_kind,
        deadline_from, deadline_to, deadline_years, deadline_months, deadline_recurrence,
        deadline_year_inferred
      ) VALUES (
        @document_id, @seq, @section_id, @section, @number, @activity, @responsible, @deadline, @result,
        @page, @confidence, @needs_review, @review_reasons, @extra_json, @bbox_json, @pages_json, @deadline_kind,
        @deadline_from, @deadline_to, @deadline_years, @deadline_months, @deadline_recurrence,
        @deadline_year_inferred
      )`),
    // The same code named twice with the same words in one cell is one fact.
    insertActor: db.prepare<[ActorInsert]>(
      'INSERT OR IGNORE INTO activity_actors (activity_id, actor_code, raw) VALUES (@activity_id, @actor_code, @raw)',
    ),
    insertFragment: db.prepare<[FragmentInsert]>(`
      INSERT INTO fragments (
        document_id, seq, after_seq, reason, section, number, activity, responsible, deadline,
        result, page, confidence, extra_json, bbox_json
      ) VALUES (
        @document_id, @seq, @after_seq, @reason, @section, @number, @activity, @responsible, @deadline,
        @result, @page, @confidence, @extra_json, @bbox_json
      )`),
    noteSource: db.prepare<[{ sha256: string; source_path: string }]>(`
      INSERT INTO document_sources (sha256, source_path) VALUES (@sha256, @source_path)
      ON CONFLICT (sha256, source_path) DO UPDATE SET last_seen_at = ${NOW}`),
    setReference: db.prepare<[{ id: number; is_reference: 0 | 1 }]>(
      'UPDATE documents SET is_reference = @is_reference WHERE id = @id',
    ),
  };
}
