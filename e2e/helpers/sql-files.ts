/**
 * @module Generating the sql format for a test and what loading it must produce: row counts from
 * the manifest and the number of keys and references the schema declares.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compileSchema, type FormatOptions, type SchemaDoc, type TablePlan } from '@tdm/core';
import { generateSmall, NOW, smallCounts } from './examples.js';

export interface SqlFiles {
  schemaPath: string;
  dataPath: string;
  schema: string;
  data: string;
  /** Rows per table, from the manifest. */
  counts: Record<string, number>;
  tables: TablePlan[];
}

export async function generateSql(doc: SchemaDoc, dir: string, options: FormatOptions): Promise<SqlFiles> {
  await mkdir(dir, { recursive: true });
  const ds = await generateSmall({ doc, dir, format: 'sql', formatOptions: options });
  const schemaPath = join(dir, 'schema.sql');
  const dataPath = join(dir, 'data.sql');
  const counts: Record<string, number> = {};
  for (const [name, e] of Object.entries(ds.manifest.entities)) counts[name] = e.rows;
  return {
    schemaPath,
    dataPath,
    schema: readFileSync(schemaPath, 'utf8'),
    data: readFileSync(dataPath, 'utf8'),
    counts,
    tables: compileSchema(doc, { now: NOW, counts: smallCounts(doc) }).tables,
  };
}

export interface KeyCounts {
  primaryKeys: number;
  uniques: number;
  foreignKeys: number;
  deferredForeignKeys: number;
}

/** Keys the DDL must declare: unique constraints equal to the key (or repeated) are not separate. */
export function expectedKeys(tables: readonly TablePlan[]): KeyCounts {
  let uniques = 0;
  for (const t of tables) {
    const seen = new Set([t.primaryKey.join('\u0000')]);
    for (const u of t.uniques) {
      const k = u.join('\u0000');
      if (!seen.has(k)) uniques++;
      seen.add(k);
    }
  }
  const fks = tables.flatMap((t) => t.foreignKeys);
  return {
    primaryKeys: tables.filter((t) => t.primaryKey.length > 0).length,
    uniques,
    foreignKeys: fks.length,
    deferredForeignKeys: fks.filter((f) => f.deferred).length,
  };
}
