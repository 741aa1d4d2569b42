/**
 * @module Planning a check run: which rules run at the level, the order entities stream in
 * (parents before children, so foreign keys find a complete parent key set), the key sets each
 * entity fills, and every rule compiled into a row check over its entity's columns.
 */
import type { QualityLevel } from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import type { Value } from '../expr/index.js';
import {
  completenessCheck,
  distributionCheck,
  domainCheck,
  expressionCheck,
  formatCheck,
  formatRowCheck,
  jsonSchemaCheck,
  type EntityScope,
  type KeyTracker,
  type ParentLink,
  type RowCheck,
} from './checks.js';
import { describeRule } from './describe.js';
import { foreignKeyCheck, uniqueCheck, type DeferredKeys } from './key-checks.js';
import { FingerprintSet } from './fingerprint-set.js';
import { runsAt } from './levels.js';
import { RuleState, type IdentifiedRule } from './rule-state.js';
import { familyOf, ruleFields, type QualityRules } from './rules.js';
import type { DatasetSource, EntitySource } from './source.js';

export interface EntityPlan {
  source: EntitySource;
  scope: EntityScope;
  trackers: KeyTracker[];
  checks: RowCheck[];
}

export interface RunPlan {
  entities: EntityPlan[];
  states: RuleState[];
  skipped: { id: string; level: QualityLevel }[];
  deferred: DeferredKeys[];
  trackers: KeyTracker[];
}

/** A field a rule names that the dataset lacks: the rule fails with this reason. */
class MissingInData extends Error {}

/**
 * Streams entities so every parent comes before its children. Cycles (a department's manager is
 * an employee, an employee's department a department) are broken at references no cross-entity
 * rule reads through, preferring nullable ones: those are checked after every pass instead.
 */
function streamOrder(dataset: DatasetSource, rules: IdentifiedRule[]): EntitySource[] {
  const byName = new Map(dataset.entities.map((e) => [e.name, e]));
  const readThrough = new Set<string>();
  for (const r of rules) {
    if (r.kind !== 'expression') continue;
    for (const m of r.rule.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z_]/g))
      readThrough.add(`${r.entity}.${m[1]}`);
  }
  const nullable = new Set(
    rules
      .filter((r) => r.kind === 'completeness' && r.minRatio < 1)
      .map((r) => `${r.entity}.${'field' in r ? r.field : ''}`),
  );
  // Edge strength: 2 = a rule reads parent fields through it, 1 = required, 0 = nullable.
  const edges: { child: string; parent: string; strength: number }[] = [];
  for (const r of rules) {
    if (r.kind !== 'foreignKey') continue;
    const parent = r.ref.split('.')[0] as string;
    if (parent === r.entity || !byName.has(parent) || !byName.has(r.entity)) continue;
    const key = `${r.entity}.${r.field}`;
    edges.push({ child: r.entity, parent, strength: readThrough.has(key) ? 2 : nullable.has(key) ? 0 : 1 });
  }
  const order = (minStrength: number): EntitySource[] => {
    const out: EntitySource[] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      edges
        .filter((e) => e.child === name && e.strength >= minStrength)
        .sort((a, b) => b.strength - a.strength || (a.parent < b.parent ? -1 : 1))
        .forEach((e) => visit(e.parent));
      out.push(byName.get(name) as EntitySource);
    };
    [...byName.keys()].sort().forEach(visit);
    return out;
  };
  // Use as many edges as possible while every read-through edge keeps its parent first.
  let best: EntitySource[] = [];
  for (const minStrength of [0, 1, 2]) {
    best = order(minStrength);
    const pos = new Map(best.map((e, i) => [e.name, i]));
    if (edges.every((e) => e.strength < 2 || (pos.get(e.parent) as number) < (pos.get(e.child) as number)))
      break;
  }
  return best;
}

export function planRun(
  dataset: DatasetSource,
  rules: QualityRules,
  level: QualityLevel,
  options: { sampleSize: number; now: number | undefined },
): RunPlan {
  const all = rules.rules as IdentifiedRule[];
  const derived = new Set(rules.derived);
  const running = all.filter((r) => runsAt(r, level));
  const skipped = all.filter((r) => !runsAt(r, level)).map((r) => ({ id: r.id, level }));
  const order = streamOrder(dataset, all);
  const byName = new Map(dataset.entities.map((e) => [e.name, e]));
  const position = new Map(order.map((e, i) => [e.name, i]));
  const trackers: KeyTracker[] = [];
  const trackerFor = (entity: string, field: string): KeyTracker | null => {
    const src = byName.get(entity);
    const col = src?.columns.findIndex((c) => c.name === field) ?? -1;
    if (!src || col < 0) return null;
    let t = trackers.find((x) => x.entity === entity && x.field === field);
    if (!t) {
      t = {
        ...{ entity, field, col, set: new FingerprintSet(), last: -1, payload: [], complete: false },
        rows: new Uint32Array(1024),
        uniqueStates: [],
      };
      trackers.push(t);
    }
    return t;
  };
  const states: RuleState[] = [];
  const deferred: DeferredKeys[] = [];
  const plans = new Map<string, EntityPlan>();
  for (const source of order) {
    const colIndex = new Map(source.columns.map((c, i) => [c.name, i]));
    const scope: EntityScope = {
      name: source.name,
      columns: source.columns,
      col: (field) => {
        const i = colIndex.get(field);
        if (i === undefined)
          throw new MissingInData(`${source.name} (${source.file}) has no field "${field}"`);
        return i;
      },
      vals: new Array<Value>(source.columns.length).fill(null),
      valCols: new Set(),
      links: [] as ParentLink[],
      parentOf: (fk) => {
        const fkRule = all.find((r) => r.kind === 'foreignKey' && r.entity === source.name && r.field === fk);
        if (!fkRule || fkRule.kind !== 'foreignKey') {
          return `${source.name}.${fk} is not a reference (add a foreignKey rule for it)`;
        }
        const [pe, pf] = fkRule.ref.split('.') as [string, string];
        const parentPos = position.get(pe);
        if (parentPos === undefined) return `the referenced entity "${pe}" is not in the dataset`;
        if (parentPos >= (position.get(source.name) as number)) {
          return `${pe} is not read before ${source.name} (self or cyclic reference): parent fields cannot be read`;
        }
        const tracker = trackerFor(pe, pf);
        if (!tracker) return `${pe} has no field "${pf}"`;
        return { tracker, columns: (byName.get(pe) as EntitySource).columns };
      },
      finishers: [],
      now: options.now,
    };
    plans.set(source.name, { source, scope, trackers: [], checks: [] });
  }
  // Key sets first: unique single fields and every referenced parent key.
  for (const r of running) {
    if (r.kind === 'unique' && r.fields.length === 1) trackerFor(r.entity, r.fields[0] as string);
    if (r.kind === 'foreignKey') {
      const [pe, pf] = r.ref.split('.') as [string, string];
      trackerFor(pe, pf);
    }
  }
  for (const r of running) {
    const state = new RuleState(
      r,
      familyOf(r),
      ruleFields(r),
      describeRule(r),
      derived.has(r.id) ? 'schema' : 'user',
      options.sampleSize,
    );
    states.push(state);
    const plan = plans.get(r.entity);
    if (!plan) {
      state.error = `entity "${r.entity}" is not in the dataset (entities: ${[...byName.keys()].join(', ') || 'none'})`;
      continue;
    }
    try {
      const check = compileRule(r, state, plan.scope, {
        trackerFor,
        deferred,
        position,
      });
      plan.checks.push(check);
    } catch (e) {
      if (e instanceof MissingInData) state.error = e.message;
      else if (e instanceof TdmError && e.code === 'QUALITY_RULE_INVALID') throw e;
      else if (e instanceof TdmError)
        throw new TdmError('QUALITY_RULE_INVALID', `rule ${r.id}: ${e.message}`);
      else throw e;
    }
  }
  for (const t of trackers) plans.get(t.entity)?.trackers.push(t);
  return { entities: order.map((e) => plans.get(e.name) as EntityPlan), states, skipped, deferred, trackers };
}

function compileRule(
  r: IdentifiedRule,
  state: RuleState,
  s: EntityScope,
  ctx: {
    trackerFor: (entity: string, field: string) => KeyTracker | null;
    deferred: DeferredKeys[];
    position: Map<string, number>;
  },
): RowCheck {
  const at = `rule ${r.id}`;
  switch (r.kind) {
    case 'completeness':
      return completenessCheck(s, state, r.field, r.minRatio, r.nonEmpty ?? false, r.sampling ?? false);
    case 'unique': {
      r.fields.forEach((f) => s.col(f));
      const tracker = r.fields.length === 1 ? ctx.trackerFor(r.entity, r.fields[0] as string) : null;
      return uniqueCheck(s, state, r.fields, tracker);
    }
    case 'foreignKey': {
      s.col(r.field);
      const [pe, pf] = r.ref.split('.') as [string, string];
      const parentPos = ctx.position.get(pe);
      if (parentPos === undefined)
        throw new MissingInData(`the referenced entity "${pe}" is not in the dataset`);
      const parent = ctx.trackerFor(pe, pf);
      if (!parent) throw new MissingInData(`the referenced field ${pe}.${pf} is not in the dataset`);
      const parentFirst = parentPos < (ctx.position.get(r.entity) as number);
      return foreignKeyCheck(s, state, r.field, parent, parentFirst, ctx.deferred);
    }
    case 'expression':
      return expressionCheck(s, state, r.rule, at);
    case 'format':
      return formatRowCheck(s, state, r.field, formatCheck(r.format, r.pattern, at), r.format);
    case 'jsonSchema':
      return formatRowCheck(s, state, r.field, jsonSchemaCheck(r.schema, at));
    case 'domain':
      return domainCheck(s, state, r.field, r, at);
    case 'distribution':
      return distributionCheck(s, state, r.field, r.weights, r.tolerance);
  }
}
