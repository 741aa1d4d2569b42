/**
 * @module The manifest: the recipe (engine version, seed, now, scale, schema hash) plus what was
 * written (rows per entity, every file's bytes and sha256). Deterministic: no wall-clock fields.
 */
import { createHash } from 'node:crypto';
import type { SchemaDoc } from '../dsl/index.js';
import type { FormatName, SqlDialect } from '../format/index.js';
import type { FileInfo } from './output.js';

export interface Manifest {
  generator: 'tdm';
  engineVersion: string;
  name: string;
  seed: number;
  now: string;
  scale: number;
  locale: string;
  format: FormatName;
  dialect?: SqlDialect;
  gzip: boolean;
  schemaHash: string;
  totalRows: number;
  entities: Record<string, { rows: number; files: FileInfo[] }>;
  /** Files not tied to one entity (sql: schema.sql, data.sql). */
  files: FileInfo[];
}

/** Canonical JSON (sorted keys) so equal schemas hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, x]) => JSON.stringify(k) + ':' + canonicalJson(x)).join(',') + '}';
  }
  return JSON.stringify(v);
}

export function schemaHash(doc: SchemaDoc): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(doc)).digest('hex');
}
