import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CORPUS_DOCS, tempDir } from '../helpers/corpus.js';
import { runIngest } from '../helpers/cli.js';

describe('territory of a stored plan', () => {
  it('stores the region a municipal plan does not name and the municipality\'s ОКТМО code', async () => {
    const db = path.join(tempDir('territory-'), 'out.sqlite');
    const files = ['lysva-2021', 'vereshchagino-2021', 'perm-krai-2021'].map((id) => path.join(CORPUS_DOCS, `${id}.docx`));
    const { code, err } = await runIngest([...files, '--db', db]);
    expect(code, err).toBe(0);
    const con = new Database(db, { readonly: true });
    const rows = con.prepare('SELECT source_path, region, municipality, level, oktmo FROM documents ORDER BY source_path').all() as Record<string, string | null>[];
    con.close();
    const of = (id: string) => rows.find((r) => r.source_path!.endsWith(`${id}.docx`))!;
    // Лысьва's plan names only its округ: the region comes from the classifier.
    expect(of('lysva-2021')).toMatchObject({ region: 'Пермский край', municipality: 'Лысьвенский городской округ', oktmo: '57726000' });
    // The classifier of 2019 still has the district the округ replaced: matched by its adjective.
    expect(of('vereshchagino-2021')).toMatchObject({ region: 'Пермский край', municipality: 'Верещагинский городской округ', oktmo: '57612000' });
    expect(of('perm-krai-2021')).toMatchObject({ level: 'regional', oktmo: null });
  });
});
