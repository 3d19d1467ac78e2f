/**
 * The embedded store (DESIGN §7): better-sqlite3, one table per collection — the filterable fields as columns,
 * the document as JSON text — with an index per query shape ending in the sort key. Schema created on open.
 */
import Database from 'better-sqlite3';
import { checkDeclaredQuery, COLLECTIONS, type CollectionName, queryShapes } from './collections';
import type { DocumentBackend, QueryRange, Row } from './document-backend';
import { createStore } from './document-store';
import { type Store, StoreError } from './store';

/** `path` is a file (created if missing) or ':memory:'. */
export function openSqliteStore(path: string): Store {
  return createStore(openSqliteBackend(path));
}

/** The rows underneath, for tests that put a fault between the store's rules and the database. */
export function openSqliteBackend(path: string): DocumentBackend {
  return new SqliteBackend(path);
}

const quote = (name: string) => `"${name}"`;
/** The SQL conditions of equality filters on columns (`where`'s values are bound in the same order). */
const equalTo = (where: Record<string, string>): string[] => Object.keys(where).map((f) => `${quote(f)} = ?`);

class SqliteBackend implements DocumentBackend {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    // Published documents are large (a release or a record is often 15–20 KB, some 600 KB): 16 KiB pages need a
    // quarter of the overflow pages 4 KiB ones do, which cut the write time of a publication by about a third
    // (scripts/bench-publish.ts). It only takes effect on a new file, before WAL; existing files keep their size.
    this.db.pragma('page_size = 16384');
    // WAL lets readers (the API) run while a publication is being written; busy_timeout covers a second process.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    for (const [name, spec] of Object.entries(COLLECTIONS)) {
      const columns = ['id TEXT PRIMARY KEY', 'sk TEXT NOT NULL', ...spec.fields.map((f) => `${quote(f)} TEXT`), 'body TEXT NOT NULL'];
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${quote(name)} (${columns.join(', ')})`);
      // A file written by an earlier version lacks the fields added since (snapshots' `head`): added empty, as
      // Firestore's older documents lack them; the store fills in what it needs (document-store.ts).
      const existing = new Set((this.db.pragma(`table_info(${quote(name)})`) as { name: string }[]).map((c) => c.name));
      for (const f of spec.fields) if (!existing.has(f)) this.db.exec(`ALTER TABLE ${quote(name)} ADD COLUMN ${quote(f)} TEXT`);
      for (const q of queryShapes(spec)) {
        const index = quote([name, 'by', ...q, 'sk'].join('_'));
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${index} ON ${quote(name)} (${[...q, 'sk'].map(quote).join(', ')})`);
      }
      for (const by of spec.orderedBy ?? []) this.db.exec(`CREATE INDEX IF NOT EXISTS ${quote([name, 'by', by].join('_'))} ON ${quote(name)} (${quote(by)})`);
    }
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** `joined`: the body bound as its three parts (Row.parts), joined by SQLite into the same text. */
  private insert(collection: CollectionName, verb: 'INSERT' | 'INSERT OR REPLACE', joined = false): Database.Statement {
    const columns = ['id', 'sk', ...COLLECTIONS[collection].fields, 'body'];
    const values = columns.map((c) => (c === 'body' && joined ? '? || ? || ?' : '?'));
    return this.statement(`${verb} INTO ${quote(collection)} (${columns.map(quote).join(', ')}) VALUES (${values.join(', ')})`);
  }

  private values(collection: CollectionName, row: Row, joined = false): (string | number | null | Buffer)[] {
    const fields = COLLECTIONS[collection].fields.map((f) => row.fields[f] ?? null);
    return joined && row.parts ? [row.id, row.sk, ...fields, ...row.parts] : [row.id, row.sk, ...fields, row.body];
  }

  private read(collection: CollectionName, id: string): string | undefined {
    const found = this.statement(`SELECT body FROM ${quote(collection)} WHERE id = ?`).get(id) as { body: string } | undefined;
    return found?.body;
  }

  async get(collection: CollectionName, id: string): Promise<string | undefined> {
    return this.read(collection, id);
  }

  async create(collection: CollectionName, row: Row): Promise<void> {
    try {
      this.insert(collection, 'INSERT').run(this.values(collection, row));
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreError('conflict', `${collection} ${row.sk} already exists`);
      throw e;
    }
  }

  async putMany(collection: CollectionName, rows: Row[]): Promise<void> {
    // One transaction for all of them: Firestore's batch limits (chunkRows) do not apply here, and each commit costs.
    const upsert = this.insert(collection, 'INSERT OR REPLACE');
    const joined = this.insert(collection, 'INSERT OR REPLACE', true);
    this.db.transaction(() => {
      for (const row of rows) (row.parts ? joined : upsert).run(this.values(collection, row, true));
    })();
  }

  async delete(collection: CollectionName, id: string): Promise<boolean> {
    return this.statement(`DELETE FROM ${quote(collection)} WHERE id = ?`).run(id).changes > 0;
  }

  async deleteWhere(collection: CollectionName, where: Record<string, string>): Promise<number> {
    const conditions = equalTo(where);
    return this.statement(`DELETE FROM ${quote(collection)} WHERE ${conditions.join(' AND ')}`).run(Object.values(where)).changes;
  }

  async modify(collection: CollectionName, id: string, change: (body: string | undefined) => Row): Promise<void> {
    // IMMEDIATE takes the write lock before the read, so a second connection cannot interleave its own read-check-write.
    this.db
      .transaction(() => {
        const row = change(this.read(collection, id));
        this.insert(collection, 'INSERT OR REPLACE').run(this.values(collection, row));
      })
      .immediate();
  }

  async increment(collection: CollectionName, row: Row, field: string): Promise<void> {
    if (!(COLLECTIONS[collection].summed ?? []).includes(field)) throw new StoreError('invalid', `${collection}: ${field} is not a number field`);
    // As modify: the write lock before the read, so another connection's increment comes before or after, never between.
    this.db
      .transaction(() => {
        const kept = this.statement(`SELECT ${quote(field)} AS n FROM ${quote(collection)} WHERE id = ?`).get(row.id) as { n: string | null } | undefined;
        this.insert(collection, 'INSERT OR REPLACE').run(this.values(collection, { ...row, fields: { ...row.fields, [field]: Number(kept?.n ?? 0) + 1 } }));
      })
      .immediate();
  }

  async getNumber(collection: CollectionName, id: string, field: string): Promise<number | undefined> {
    const found = this.statement(`SELECT ${quote(field)} AS n FROM ${quote(collection)} WHERE id = ?`).get(id) as { n: string | null } | undefined;
    return found === undefined ? undefined : Number(found.n ?? 0);
  }

  async sum(collection: CollectionName, field: string): Promise<number> {
    if (!COLLECTIONS[collection].fields.includes(field)) throw new StoreError('invalid', `${collection}: ${field} is not a field`);
    // The column is TEXT (its affinity stores numbers as text): cast back. TOTAL of no rows is 0.0, never NULL.
    const found = this.statement(`SELECT TOTAL(CAST(${quote(field)} AS INTEGER)) AS n FROM ${quote(collection)}`).get() as { n: number };
    return found.n;
  }

  async count(collection: CollectionName, where: Record<string, string>, carrying?: string): Promise<number> {
    for (const f of [...Object.keys(where), ...(carrying === undefined ? [] : [carrying])]) if (!COLLECTIONS[collection].fields.includes(f)) throw new StoreError('invalid', `${collection}: ${f} is not a field`);
    // A row an earlier version wrote (INSERT OR REPLACE of its own columns) has NULL there, which `>= ''` leaves out.
    const conditions = [...equalTo(where), ...(carrying === undefined ? [] : [`${quote(carrying)} >= ''`])];
    const found = this.statement(`SELECT COUNT(*) AS n FROM ${quote(collection)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`).get(Object.values(where)) as { n: number };
    return found.n;
  }

  async scan(collection: CollectionName, cursor: string | undefined, limit: number): Promise<{ rows: Row[]; cursor?: string }> {
    // By id, the table's primary key: each page is a range of it. Columns are TEXT: a number written to one (the
    // summed `documents`) comes back as text, and is given back as the number it was.
    const found = this.statement(`SELECT * FROM ${quote(collection)}${cursor === undefined ? '' : ' WHERE id > ?'} ORDER BY id LIMIT ?`)
      .all(...(cursor === undefined ? [] : [cursor]), limit) as Record<string, string | null>[];
    const summed = new Set(COLLECTIONS[collection].summed ?? []);
    const rows = found.map((r): Row => ({
      id: String(r.id), sk: String(r.sk), body: String(r.body),
      fields: Object.fromEntries(COLLECTIONS[collection].fields.map((f) => [f, r[f] !== null && r[f] !== undefined && summed.has(f) ? Number(r[f]) : r[f] ?? null])),
    }));
    return found.length === limit ? { rows, cursor: rows[rows.length - 1].id } : { rows };
  }

  async getBytes(collection: CollectionName, id: string): Promise<Buffer | undefined> {
    // CAST AS BLOB: better-sqlite3 hands the stored UTF-8 over as a Buffer, not decoded into a JS string.
    const found = this.statement(`SELECT CAST(body AS BLOB) AS body FROM ${quote(collection)} WHERE id = ?`).get(id) as { body: Buffer } | undefined;
    return found?.body;
  }

  async queryBytes(collection: CollectionName, where: Record<string, string>, after: string | undefined, limit: number) {
    return this.select(collection, where, after, limit, 'CAST(body AS BLOB) AS body') as { sk: string; body: Buffer }[];
  }

  async query(collection: CollectionName, where: Record<string, string>, after: string | undefined, limit: number, descending = false, range: QueryRange = {}) {
    return this.select(collection, where, after, limit, 'body', descending, range) as { sk: string; body: string }[];
  }

  private select(collection: CollectionName, where: Record<string, string>, after: string | undefined, limit: number, body: string, descending = false, range: QueryRange = {}): unknown[] {
    const by = range.by ?? 'sk';
    checkDeclaredQuery(collection, where, descending, by);
    const key = quote(by);
    const conditions = equalTo(where);
    const params: (string | number)[] = Object.values(where);
    if (after !== undefined) {
      conditions.push(descending ? `${key} < ?` : `${key} > ?`);
      params.push(after);
    }
    if (range.below !== undefined) {
      conditions.push(`${key} < ?`);
      params.push(range.below);
    }
    const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    params.push(limit);
    // The same index (the equality fields, then sk) serves both directions.
    return this.statement(`SELECT ${key} AS sk, ${body} FROM ${quote(collection)} ${filter} ORDER BY ${key}${descending ? ' DESC' : ''} LIMIT ?`).all(params);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
