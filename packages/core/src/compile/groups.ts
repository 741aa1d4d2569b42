/**
 * @module Primary keys and unique constraints (single or composite) made true by construction:
 * the members' combined value is a bijection of the row index (or, for children counted per
 * parent, of the position within the parent), decoded in mixed radix over the members' value
 * spaces. No hash set, no retries, no memory per row.
 */
import type { EntityDoc } from '../dsl/model.js';
import { problem, type Problem } from '../errors/index.js';
import type { PerParentLayout } from '../plan/per-parent.js';
import { Permutation, streamSeed } from '../random/index.js';
import type { CompiledValue } from '../values/index.js';
import type { RefInfo } from './refs.js';
import type { GroupMember, GroupRuntime } from './runtime.js';

interface MemberState {
  field: string;
  slot: number;
  path: string;
  value: CompiledValue | null;
  ref: RefInfo | null;
}

const MAX_DOMAIN = 2 ** 52;

export function buildGroups(
  entity: string,
  doc: EntityDoc,
  states: MemberState[],
  counts: Map<string, number>,
  layout: PerParentLayout | null,
  seed: number,
): {
  groups: GroupRuntime[];
  driven: Set<number>;
  primaryKey: string[];
  uniques: string[][];
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const base = `entities.${entity}`;
  const flagged = states
    .filter((s) => (doc.fields[s.field] as { primaryKey?: boolean }).primaryKey)
    .map((s) => s.field);
  if (doc.primaryKey && flagged.length > 0 && flagged.some((f) => !doc.primaryKey?.includes(f))) {
    problems.push(
      problem(
        'SCHEMA_KEY_INVALID',
        `${base}.primaryKey`,
        `${entity} declares primaryKey both on the entity and on fields ${flagged.join(', ')}`,
        'Declare the primary key in one place.',
      ),
    );
  }
  const primaryKey = doc.primaryKey ?? flagged;
  const uniques: string[][] = [
    ...states.filter((s) => (doc.fields[s.field] as { unique?: boolean }).unique).map((s) => [s.field]),
    ...(doc.unique ?? []),
  ];
  const byName = new Map(states.map((s) => [s.field, s]));
  const groups: GroupRuntime[] = [];
  const driven = new Set<number>();
  // Field sets already unique by construction: any requirement containing one of them holds too
  // (a `unique` repeating the primary key, or a composite unique over an already-unique field).
  const guaranteed: Set<string>[] = [];
  const requirements = [
    ...(primaryKey.length ? [{ fields: primaryKey, path: `${base}.primaryKey` }] : []),
    ...uniques.map((u, i) => ({
      fields: u,
      path:
        u.length === 1 && !doc.unique?.includes(u) ? `${base}.fields.${u[0]}.unique` : `${base}.unique[${i}]`,
    })),
  ];
  // Single-field requirements first, so composite ones can rely on them.
  requirements.sort((a, b) => a.fields.length - b.fields.length);
  for (const req of requirements) {
    const unknown = req.fields.filter((f) => !byName.has(f));
    if (unknown.length) {
      problems.push(
        problem('SCHEMA_KEY_INVALID', req.path, `${entity} has no field(s) ${unknown.join(', ')}`),
      );
      continue;
    }
    if (new Set(req.fields).size !== req.fields.length) {
      problems.push(
        problem('SCHEMA_KEY_INVALID', req.path, `a field is listed twice in ${req.fields.join(', ')}`),
      );
      continue;
    }
    const members = req.fields.map((f) => byName.get(f) as MemberState);
    if (
      members.some((m) => m.value?.uniqueByRow && !m.ref) ||
      // A unique self reference is a chain, 1:1 by construction (see refs.ts).
      (members.length === 1 && members[0]?.ref?.entity === entity) ||
      guaranteed.some((g) => [...g].every((f) => req.fields.includes(f)))
    )
      continue;
    const parentMember = layout ? members.find((m) => m.ref?.perParent) : undefined;
    const others = members.filter((m) => m !== parentMember);
    const needed = parentMember ? (layout as PerParentLayout).maxCount : (counts.get(entity) ?? 0);
    if (needed <= 1 && (parentMember || needed === 0)) continue;
    if (others.length === 0) {
      problems.push(
        problem(
          'SCHEMA_UNIQUE_CAPACITY',
          req.path,
          `${req.fields.join(', ')} must be unique but a parent gets up to ${needed} rows`,
          'Count at most one row per parent (distribution fixed, value 1).',
        ),
      );
      continue;
    }
    const drivable = others
      .filter((m) => !driven.has(m.slot))
      .map((m) => ({
        m,
        capacity: m.ref ? (counts.get(m.ref.entity) ?? 0) : m.value?.at ? (m.value.capacity ?? 0) : 0,
      }))
      // A reference always has a value space, even an empty one (reported as too small below).
      .filter((d) => d.capacity > 0 || d.m.ref)
      .sort((a, b) => b.capacity - a.capacity);
    if (drivable.length === 0) {
      const names = others.map((m) => m.field).join(', ');
      problems.push(
        problem(
          'SCHEMA_UNIQUE_CAPACITY',
          req.path,
          `cannot guarantee uniqueness of ${names}: its values come from no finite value space`,
          'Use a generator with a value space (sequence, uuid, integer range, internet.email, enum, ...) or a reference.',
        ),
      );
      continue;
    }
    const chosen: typeof drivable = [];
    let product = 1;
    for (const d of drivable) {
      // At least one member: a single row still needs a value from the space (which may be empty).
      if (chosen.length > 0 && product >= needed) break;
      chosen.push(d);
      product *= d.capacity;
    }
    const single = drivable.find((d) => d.capacity >= needed);
    const use = single ? [single] : chosen;
    if (!single) {
      product = use.reduce((p, d) => p * d.capacity, 1);
    } else {
      product = single.capacity;
    }
    if (product < needed) {
      const where = parentMember
        ? `per ${parentMember.ref?.entity} row (up to ${needed})`
        : `(${needed} rows)`;
      problems.push(
        problem(
          'SCHEMA_UNIQUE_CAPACITY',
          req.path,
          `${req.fields.join(', ')} must be unique but only ${product} distinct values exist for the rows requested ${where}`,
          `Lower the count to at most ${product}, widen the value space, or drop the constraint.`,
        ),
      );
      continue;
    }
    // A lone member whose values all look alike (emails, uuids) uses a domain just above the need.
    const lone = use.length === 1 ? use[0] : undefined;
    if (lone?.m.value?.compact) {
      lone.capacity = Math.min(lone.capacity, Math.max(16, 2 * needed));
      product = lone.capacity;
    }
    const members2: GroupMember[] = use.map((d) => ({ slot: d.m.slot, capacity: d.capacity }));
    for (const m of members2) driven.add(m.slot);
    guaranteed.push(new Set(req.fields));
    const gseed = streamSeed(seed, `${entity}.#unique.${req.fields.join(',')}`);
    const domain = Math.min(product, MAX_DOMAIN);
    groups.push({
      members: members2,
      perm: new Permutation(domain, gseed),
      perParent: Boolean(parentMember),
      seed: gseed,
    });
  }
  return { groups, driven, primaryKey, uniques, problems };
}
