/**
 * @module inferSchema: a DSL schema from data nobody declared, in one bounded-memory pass per
 * entity: field types (widened when more than 1% of values disagree with the sampled type),
 * ranges, scales, enums for low-cardinality text, null rates, a primary key and unique fields,
 * and foreign keys found by inclusion (every sampled distinct value of a column is a key value
 * of another entity). `tdm quality --infer` checks a dataset against the result.
 */
import type { EntityDoc, FieldDoc, SchemaDoc } from '../../dsl/index.js';
import { ColumnProfile } from './column-profile.js';
import { fieldSpec, finalType } from './field-spec.js';
import type { ColumnType, DatasetSource } from './types.js';

export interface InferSchemaOptions {
  /** Reads at most this many rows per entity (default: all); counts then are the rows read. */
  sampleRows?: number;
  /** Distinct values tracked per key candidate before its uniqueness counts as unknown (8M). */
  maxTrackedValues?: number;
  /** The schema's name (default "inferred"). */
  name?: string;
  signal?: AbortSignal;
}

interface EntityProfile {
  name: string;
  rows: number;
  profiles: ColumnProfile[];
  types: ColumnType[];
  /** Index of the primary-key column, or -1. */
  pk: number;
}

/**
 * @example
 * const schema = await inferSchema(await openDataset(['data/']));
 * // schema.entities.orders.fields.customer_id -> { ref: 'customers.id' }
 */
export async function inferSchema(
  source: DatasetSource,
  options: InferSchemaOptions = {},
): Promise<SchemaDoc> {
  const max = options.sampleRows ?? Infinity;
  const limit = options.maxTrackedValues ?? 8_000_000;
  const entities: EntityProfile[] = [];
  for (const e of source.entities) {
    const profiles = e.columns.map((c) => new ColumnProfile(c, limit));
    const width = profiles.length;
    let rows = 0;
    read: for await (const batch of e.batches(options.signal)) {
      for (const row of batch) {
        if (rows >= max) break read;
        rows++;
        for (let i = 0; i < width; i++) profiles[i]!.add(row[i] ?? null);
      }
    }
    const types = profiles.map(finalType);
    // Fingerprints are kept only where they may serve as a key for foreign-key inclusion.
    for (const p of profiles) if (!p.isKey) p.keepUniqueFlag();
    entities.push({ name: e.name, rows, profiles, types, pk: primaryKeyOf(profiles, types, new Set()) });
  }
  // A key column whose values all are another entity's key values is a foreign key (a 1:1 or
  // membership table), not its entity's own key, unless it looks more like a key than the other
  // (named id/code, or the first column): demote it, then resolve references against final keys.
  for (const ent of entities) {
    const pk = ent.pk;
    if (pk < 0) continue;
    const outranked = entities.some(
      (parent) =>
        parent !== ent &&
        parent.pk >= 0 &&
        inclusion(ent, pk, parent) !== null &&
        keyScore(ent, pk) <= keyScore(parent, parent.pk) &&
        !(
          keyScore(ent, pk) === keyScore(parent, parent.pk) &&
          entities.indexOf(ent) < entities.indexOf(parent)
        ),
    );
    if (outranked) ent.pk = primaryKeyOf(ent.profiles, ent.types, new Set([pk]));
  }
  const doc: SchemaDoc = { name: options.name ?? 'inferred', entities: {} };
  for (const ent of entities) {
    const fields: Record<string, FieldDoc> = {};
    ent.profiles.forEach((p, i) => {
      const ref = i === ent.pk ? null : referenceOf(ent, i, entities);
      fields[p.column.name] = fieldSpec(p, ent.types[i]!, { primaryKey: i === ent.pk, ref });
    });
    const entity: EntityDoc = { count: ent.rows, fields };
    doc.entities[ent.name] = entity;
  }
  for (const ent of entities) for (const p of ent.profiles) p.keepUniqueFlag();
  return doc;
}

const KEY_NAME = /(^id$|_id$|id$|_key$|^key$|code$)/i;

function keyable(t: ColumnType): boolean {
  return t === 'integer' || t === 'string';
}

/** The key: a column named like one (id, *_id, code) if unique, else the first unique column. */
function primaryKeyOf(profiles: ColumnProfile[], types: ColumnType[], exclude: Set<number>): number {
  const candidates = profiles
    .map((_p, i) => i)
    .filter((i) => !exclude.has(i) && profiles[i]!.isKey && keyable(types[i]!) && profiles[i]!.rows >= 2);
  const named = (re: RegExp): number | undefined => candidates.find((i) => re.test(profiles[i]!.column.name));
  return named(/^id$/i) ?? named(KEY_NAME) ?? candidates[0] ?? -1;
}

function singular(name: string): string {
  return name.replace(/ies$/, 'y').replace(/s$/, '');
}

function keyScore(ent: EntityProfile, col: number): number {
  return (KEY_NAME.test(ent.profiles[col]!.column.name) ? 2 : 0) + (col === 0 ? 1 : 0);
}

/** The entity.field a column references, when all its sampled distinct values are keys there. */
function referenceOf(ent: EntityProfile, col: number, all: EntityProfile[]): string | null {
  const hits: { ref: string; hinted: boolean }[] = [];
  for (const parent of all) {
    const hinted = inclusion(ent, col, parent);
    if (hinted !== null)
      hits.push({ ref: `${parent.name}.${parent.profiles[parent.pk]!.column.name}`, hinted });
  }
  return (hits.find((h) => h.hinted) ?? hits[0])?.ref ?? null;
}

/**
 * Whether every sampled distinct value of `ent`'s column is a key value of `parent`: null when
 * not, else whether the column's name hints at the parent (customer_id -> customers).
 */
function inclusion(ent: EntityProfile, col: number, parent: EntityProfile): boolean | null {
  const child = ent.profiles[col]!;
  const type = ent.types[col]!;
  if (!keyable(type) || child.nonNull === 0 || parent.pk < 0) return null;
  const key = parent.profiles[parent.pk]!;
  if (parent === ent && (col === parent.pk || child.nulls === 0)) return null; // self refs need roots
  if (parent.types[parent.pk] !== type || !key.unique) return null;
  const name = child.column.name.toLowerCase();
  const hinted =
    name === key.column.name.toLowerCase() ||
    name.includes(singular(parent.name.toLowerCase())) ||
    name.includes(parent.name.toLowerCase());
  // Small integers fit inside most id ranges (item counts in order ids): integers need a name hint.
  if (type === 'integer' && !hinted) return null;
  if (child.distinct.distinct() < 2 && !hinted) return null;
  for (const [hi, lo] of child.distinct.sample()) if (!key.unique.has(hi, lo)) return null;
  return hinted;
}
