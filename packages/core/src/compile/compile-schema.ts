/**
 * @module compileSchema: turns a DSL document into table plans and row runtimes, once per schema.
 *
 * Every problem found is collected (with a code, a path, a message and a fix) instead of stopping
 * at the first, so `validateSchema` can report them all at once.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import type { EntityDoc, FieldDoc, SchemaDoc } from '../dsl/model.js';
import { fieldCommonShape } from '../dsl/model.js';
import { problemsFromZod } from '../dsl/zod-problems.js';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { compileExpression, refsOf, type Getter, type Value } from '../expr/index.js';
import { PerParentLayout } from '../plan/per-parent.js';
import { streamSeed } from '../random/index.js';
import { getGenerator, generatorNames, LocaleData, parseInstant } from '../values/index.js';
import type { ColumnKind, CompileContext, CompiledValue } from '../values/index.js';
import type { NullGate } from './constraints.js';
import { perParentCounter } from './counts.js';
import { consequence, isConsequence } from './consequence.js';
import { buildGroups } from './groups.js';
import { orderEntities, type RefEdge } from './ref-graph.js';
import { declaredRangeCheck } from './range-check.js';
import { prepareConstraints, type PreparedConstraints, type PreparedRule } from './rules.js';
import { buildRefCompute, type RefInfo } from './refs.js';
import { EntityRuntime, isNullAt, type CheckRuntime, type FieldRuntime } from './runtime.js';
import { trialProblems } from './trial.js';
import type { ColumnSpec, TablePlan } from './types.js';

export interface CompileOptions {
  /** Dataset seed (default: the schema's, else 1). */
  seed?: number;
  /** The generation instant relative bounds use: epoch ms, ISO string or Date. */
  now?: number | string | Date;
  /** Multiplies fixed counts (default: the schema's, else 1). */
  scale?: number;
  /** Per-run count overrides for entities with fixed counts. */
  counts?: Record<string, number>;
  /** faker locale code (default: the schema's, else en). */
  locale?: string;
}

export interface CompiledSchema {
  name: string;
  seed: number;
  now: number;
  locale: string;
  scale: number;
  /** Tables in load order (parents before children). */
  tables: TablePlan[];
  runtimes: Map<string, EntityRuntime>;
}

const DEFAULT_COUNT = 100;
const COMMON_KEYS = new Set(Object.keys(fieldCommonShape));
const REF_KEYS = ['ref', 'nullRate', 'unique', 'primaryKey', 'description', 'pick', 'skew', 'tree'];

interface FieldState {
  entity: string;
  field: string;
  path: string;
  doc: FieldDoc;
  slot: number;
  status: 'pending' | 'done' | 'failed';
  kind: ColumnKind;
  value: CompiledValue | null;
  ref: RefInfo | null;
  deps: Set<string>;
  nullable: boolean;
}

export function resolveNow(now: number | string | Date | undefined, docNow: string | undefined): number {
  const v = now ?? docNow;
  if (v === undefined) {
    throw new TdmError(
      'INPUT_INVALID',
      'no generation instant: pass options.now or set `now` in the schema',
      {
        suggestedActions: [
          'Pass now (e.g. the current time) so relative dates such as -3y can be evaluated.',
        ],
      },
    );
  }
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  const t = parseInstant(v);
  if (t === undefined) throw new TdmError('INPUT_INVALID', `now: "${v}" is not an ISO date or timestamp`);
  return t;
}

class Compiler {
  readonly problems: Problem[] = [];
  readonly seed: number;
  readonly now: number;
  readonly scale: number;
  readonly localeCode: string;
  locale: LocaleData | null = null;
  readonly entities: string[];
  readonly counts = new Map<string, number>();
  readonly layouts = new Map<string, PerParentLayout>();
  readonly runtimes = new Map<string, EntityRuntime>();
  readonly states = new Map<string, FieldState>();
  readonly order: string[] = [];
  /** Per entity, fields in the order their compilation finished (a dependency order). */
  readonly finished = new Map<string, string[]>();
  readonly prepared: PreparedConstraints;
  readonly gates: Map<string, NullGate[]>;
  readonly rules: Map<string, PreparedRule[]>;

  constructor(
    readonly doc: SchemaDoc,
    readonly options: CompileOptions,
  ) {
    this.seed = options.seed ?? doc.seed ?? 1;
    this.now = resolveNow(options.now, doc.now);
    this.scale = options.scale ?? doc.scale ?? 1;
    this.localeCode = options.locale ?? doc.locale ?? 'en';
    this.entities = Object.keys(doc.entities);
    this.prepared = prepareConstraints(doc);
    this.gates = this.prepared.gates;
    this.rules = this.prepared.rules;
    this.rewritten = this.prepared.rewritten;
    this.boundedBy = this.prepared.boundedBy;
  }

  /** Records a problem; every message starts with the path it is about. */
  report(p: Problem): void {
    const prefixed = p.path === '' || p.message.startsWith(p.path);
    this.problems.push(prefixed ? p : { ...p, message: `${p.path}: ${p.message}` });
  }

  /**
   * Records a TdmError thrown while compiling the part at `path`. Messages that name a deeper path
   * (`<path>.ref: ...`, `<path>.min: ...`) give the problem that path. Errors marked as following
   * from a problem already reported (a field depending on an invalid one) are dropped.
   */
  reportError(e: unknown, path: string): void {
    if (!(e instanceof TdmError)) throw e;
    if (isConsequence(e)) return;
    if (!e.message.startsWith(path)) {
      this.report(problem(e.code, path, `${path}: ${e.message}`, e.suggestedActions[0]));
      return;
    }
    const deeper = /^([.[][^\s:]*):/.exec(e.message.slice(path.length));
    this.report(problem(e.code, path + (deeper?.[1] ?? ''), e.message, e.suggestedActions[0]));
  }

  run(): CompiledSchema {
    try {
      this.locale = LocaleData.for(this.localeCode);
    } catch (e) {
      this.reportError(e, 'locale');
      this.locale = LocaleData.for('en');
    }
    if (this.entities.length === 0) {
      this.report(
        problem(
          'SCHEMA_INVALID',
          'entities',
          'the schema defines no entities',
          'Add at least one entity with fields.',
        ),
      );
    }
    this.checkCountOverrides();
    for (const e of this.entities) this.resolveCount(e, []);
    this.prepared.problems.forEach((p) => this.report(p));
    for (const [name, entity] of Object.entries(this.doc.entities)) {
      const names = Object.keys(entity.fields);
      if (names.length === 0) {
        this.report(
          problem(
            'SCHEMA_INVALID',
            `entities.${name}.fields`,
            `${name} has no fields`,
            'Add at least one field.',
          ),
        );
      }
      const rt = new EntityRuntime(name, names.length);
      rt.count = this.counts.get(name) ?? 0;
      rt.perParent = this.layouts.get(name) ?? null;
      this.runtimes.set(name, rt);
      this.finished.set(name, []);
      names.forEach((f, slot) => {
        const doc = this.rewritten.get(`${name}.${f}`) ?? entity.fields[f] ?? {};
        this.states.set(`${name}.${f}`, {
          entity: name,
          field: f,
          path: `entities.${name}.fields.${f}`,
          doc,
          slot,
          status: 'pending',
          kind: 'string',
          value: null,
          ref: null,
          deps: new Set(),
          nullable: (doc.nullRate ?? 0) > 0,
        });
      });
    }
    const edges: RefEdge[] = [];
    for (const st of this.states.values()) this.compileField(st, []);
    for (const st of this.states.values()) {
      if (st.ref) edges.push({ from: st.entity, field: st.field, to: st.ref.entity, nullable: st.nullable });
    }
    const refOrder = orderEntities(this.entities, edges);
    refOrder.problems.forEach((p) => this.report(p));
    this.order.push(...refOrder.order);
    const tables: TablePlan[] = [];
    for (const name of this.order) {
      const plan = this.finishEntity(name, refOrder.deferred);
      if (plan) tables.push(plan);
    }
    if (this.problems.length === 0) trialProblems(tables, this.runtimes).forEach((p) => this.report(p));
    if (this.problems.length > 0) {
      const first = this.problems[0] as Problem;
      throw new TdmError(
        'SCHEMA_INVALID',
        `${this.problems.length} problem(s) in the schema; first: ${first.message}`,
        {
          problems: this.problems,
        },
      );
    }
    return {
      name: this.doc.name ?? 'dataset',
      seed: this.seed,
      now: this.now,
      locale: this.localeCode,
      scale: this.scale,
      tables,
      runtimes: this.runtimes,
    };
  }

  // ---- counts ------------------------------------------------------------------------------

  /** Overrides name entities with fixed counts; anything else would be silently ignored. */
  private checkCountOverrides(): void {
    for (const name of Object.keys(this.options.counts ?? {})) {
      const path = `counts.${name}`;
      const spec = this.doc.entities[name]?.count;
      if (!this.doc.entities[name]) {
        this.report(
          problem(
            'INPUT_INVALID',
            path,
            `${path}: unknown entity "${name}"${didYouMean(name, this.entities)}`,
            `Override one of: ${this.entities.join(', ')}.`,
          ),
        );
      } else if (typeof spec === 'object') {
        this.report(
          problem(
            'SCHEMA_COUNT_INVALID',
            path,
            `${path}: ${name} is counted per ${spec.per}; override the count of ${spec.per} or change the distribution`,
          ),
        );
      }
    }
  }

  private resolveCount(name: string, visiting: string[]): number {
    const known = this.counts.get(name);
    if (known !== undefined) return known;
    const entity = this.doc.entities[name] as EntityDoc;
    const path = `entities.${name}.count`;
    if (visiting.includes(name)) {
      this.report(
        problem(
          'SCHEMA_CYCLE',
          path,
          `per-parent counts form a cycle: ${[...visiting, name].join(' -> ')}`,
          'Give one entity in the chain a fixed count.',
        ),
      );
      this.counts.set(name, 0);
      return 0;
    }
    const spec = entity.count ?? DEFAULT_COUNT;
    let count = 0;
    if (typeof spec === 'number') {
      const override = this.options.counts?.[name];
      count = override ?? Math.round(spec * this.scale);
    } else {
      if (!this.doc.entities[spec.per]) {
        this.report(
          problem(
            'SCHEMA_REF_UNKNOWN',
            `${path}.per`,
            `unknown entity "${spec.per}"${didYouMean(spec.per, this.entities)}`,
          ),
        );
      } else if (spec.per === name) {
        this.report(
          problem(
            'SCHEMA_COUNT_INVALID',
            `${path}.per`,
            `${name} cannot be counted per itself`,
            'Use a self reference with `tree` instead.',
          ),
        );
      } else {
        const parents = this.resolveCount(spec.per, [...visiting, name]);
        try {
          const counter = perParentCounter(spec, this.seed, name, path);
          const layout = new PerParentLayout(parents, counter);
          this.layouts.set(name, layout);
          count = layout.total;
        } catch (e) {
          this.reportError(e, path);
        }
      }
    }
    if (!Number.isSafeInteger(count) || count < 0 || count > 2 ** 40) {
      this.report(
        problem('SCHEMA_COUNT_INVALID', path, `${name}: ${count} rows is out of range (0 to 2^40)`),
      );
      count = 0;
    }
    this.counts.set(name, count);
    return count;
  }

  // ---- constraints -------------------------------------------------------------------------

  private readonly rewritten: Map<string, FieldDoc>;
  private readonly boundedBy: Map<string, number[]>;

  // ---- fields ------------------------------------------------------------------------------

  private compileField(st: FieldState, stack: string[]): void {
    if (st.status !== 'pending') return;
    const key = `${st.entity}.${st.field}`;
    if (stack.includes(key)) {
      const cycle = [...stack.slice(stack.indexOf(key)), key].join(' -> ');
      throw new TdmError('SCHEMA_DEPENDENCY_CYCLE', `fields depend on each other in a cycle: ${cycle}`);
    }
    const inner = [...stack, key];
    try {
      // Fields a null gate reads must be computed first.
      for (const g of this.gates.get(key) ?? [])
        for (const p of refsOf(g.when)) this.resolvePath(st, p, inner);
      if (st.doc.ref !== undefined) this.compileRefField(st, inner);
      else {
        // With bounds added by rules, the field's own spec is checked first, so its own mistakes
        // (min > max) are reported as such rather than hidden by a field-dependent bound.
        const own = this.doc.entities[st.entity]?.fields[st.field];
        if (own && st.doc !== own) this.compileValueField({ ...st, doc: own, deps: new Set() }, inner);
        this.compileValueField(st, inner);
      }
      st.status = 'done';
    } catch (e) {
      st.status = 'failed';
      if (stack.length > 0 && e instanceof TdmError && e.code === 'SCHEMA_DEPENDENCY_CYCLE') throw e;
      if (!this.reportConflict(st, e, stack)) this.reportError(e, st.path);
    }
    (this.finished.get(st.entity) as string[]).push(st.field);
  }

  /**
   * A range error on a field whose bounds rules extended: when the field's own bounds are fine,
   * the rules are what cannot hold ("amount > 100" with max 50), so report them instead.
   */
  private reportConflict(st: FieldState, e: unknown, stack: string[]): boolean {
    const key = `${st.entity}.${st.field}`;
    const by = this.boundedBy.get(key);
    if (!(e instanceof TdmError) || e.code !== 'SCHEMA_RANGE_INVALID' || !by) return false;
    const original = this.doc.entities[st.entity]?.fields[st.field] ?? {};
    try {
      this.compileValueField({ ...st, doc: original, deps: new Set() }, stack);
    } catch {
      return false;
    }
    const rules = by.map((i) => `"${this.doc.constraints?.[i]?.rule}"`).join(' and ');
    const at = `constraints[${by[0]}].rule`;
    const detail = e.message.startsWith(st.path) ? e.message.slice(st.path.length + 2) : e.message;
    this.report(
      problem(
        'SCHEMA_CONSTRAINT_CONFLICT',
        at,
        `${at}: ${rules} cannot hold with the declared range of ${key}: with the rule, ${detail}`,
      ),
    );
    return true;
  }

  private compileRefField(st: FieldState, stack: string[]): void {
    const doc = st.doc;
    if (doc.type !== undefined) {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${st.path}: give either type or ref, not both`);
    }
    const unknownOptions = Object.keys(doc).filter((k) => !COMMON_KEYS.has(k));
    for (const k of unknownOptions) {
      this.report(
        problem(
          'SCHEMA_OPTION_UNKNOWN',
          `${st.path}.${k}`,
          `${st.path}.${k}: a reference has no option "${k}"${didYouMean(k, [...COMMON_KEYS])}`,
          `Options of a reference: ${REF_KEYS.join(', ')}.`,
        ),
      );
    }
    if (unknownOptions.length) throw consequence('SCHEMA_OPTION_UNKNOWN', `${st.path}: invalid options`);
    const [entity, field, ...rest] = String(doc.ref).split('.');
    if (!entity || !field || rest.length) {
      throw new TdmError(
        'SCHEMA_REF_UNKNOWN',
        `${st.path}.ref: "${doc.ref}" is not of the form entity.field`,
      );
    }
    if (!this.doc.entities[entity]) {
      throw new TdmError(
        'SCHEMA_REF_UNKNOWN',
        `${st.path}.ref: unknown entity "${entity}"${didYouMean(entity, this.entities)}`,
      );
    }
    const target = this.states.get(`${entity}.${field}`);
    if (!target) {
      const fields = Object.keys((this.doc.entities[entity] as EntityDoc).fields);
      throw new TdmError(
        'SCHEMA_REF_UNKNOWN',
        `${st.path}.ref: ${entity} has no field "${field}"${didYouMean(field, fields)}`,
      );
    }
    if (!this.isKey(entity, field)) {
      throw new TdmError(
        'SCHEMA_REF_UNKNOWN',
        `${st.path}.ref: ${entity}.${field} is not a primary key or unique field`,
        {
          suggestedActions: [
            `Mark ${entity}.${field} primaryKey or unique, or reference the key of ${entity}.`,
          ],
        },
      );
    }
    if (target.status === 'pending' && !(entity === st.entity && field === st.field))
      this.compileField(target, stack);
    if (target.status === 'failed')
      throw consequence('SCHEMA_REF_UNKNOWN', `${st.path}.ref: ${doc.ref} is itself invalid`);
    if (entity === st.entity && field === st.field) {
      throw new TdmError('SCHEMA_REF_UNKNOWN', `${st.path}.ref: a field cannot reference itself`);
    }
    st.kind = target.kind;
    st.value = target.value;
    const count = this.doc.entities[st.entity]?.count;
    const perParent =
      typeof count === 'object' && count.per === entity && this.firstRefTo(st.entity, entity) === st.field;
    if (entity === st.entity && !doc.tree && !(doc.nullRate !== undefined && doc.nullRate > 0)) {
      throw new TdmError(
        'SCHEMA_SELF_REF_NOT_NULLABLE',
        `${st.path}: a self reference needs roots: set nullRate > 0 or tree: { maxDepth: N }`,
      );
    }
    if (doc.tree && entity !== st.entity) {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${st.path}.tree: tree applies to self references only`);
    }
    if (doc.tree) st.nullable = true;
    if (entity === st.entity) st.nullable = true;
    st.ref = {
      entity,
      field,
      targetSlot: target.slot,
      perParent,
      nullRate: doc.nullRate ?? 0,
      pick: doc.pick ?? 'uniform',
      skew: doc.skew ?? 1.1,
      tree: doc.tree ?? null,
    };
  }

  private firstRefTo(entity: string, parent: string): string | undefined {
    const fields = (this.doc.entities[entity] as EntityDoc).fields;
    return Object.keys(fields).find((f) => String(fields[f]?.ref ?? '').split('.')[0] === parent);
  }

  private isKey(entity: string, field: string): boolean {
    const e = this.doc.entities[entity] as EntityDoc;
    const f = e.fields[field];
    if (!f) return false;
    if (f.primaryKey || f.unique) return true;
    if (e.primaryKey?.length === 1 && e.primaryKey[0] === field) return true;
    return (e.unique ?? []).some((u) => u.length === 1 && u[0] === field);
  }

  private compileValueField(st: FieldState, stack: string[]): void {
    const doc = st.doc;
    if (doc.type === undefined) {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${st.path}: give a type (a generator) or a ref`);
    }
    const def = getGenerator(doc.type);
    if (!def) {
      throw new TdmError(
        'SCHEMA_TYPE_UNKNOWN',
        `${st.path}.type: unknown type "${doc.type}"${didYouMean(doc.type, generatorNames)}`,
      );
    }
    for (const k of ['pick', 'skew', 'tree'] as const) {
      if (doc[k] !== undefined)
        throw new TdmError('SCHEMA_OPTION_UNKNOWN', `${st.path}.${k}: only references take ${k}`);
    }
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) if (!COMMON_KEYS.has(k)) params[k] = v;
    const parsed = def.params.safeParse(params);
    if (!parsed.success) {
      const known = Object.keys((def.params as unknown as { shape?: object }).shape ?? {});
      const problems = problemsFromZod(parsed.error, params, {
        base: st.path,
        knownKeys: [...known, ...COMMON_KEYS],
      });
      for (const p of problems) {
        this.report(
          p.code === 'SCHEMA_OPTION_UNKNOWN'
            ? {
                ...p,
                message: p.message.replace(/unknown key "/, `${doc.type} has no option "`),
                suggestion: `Options of ${doc.type}: ${known.join(', ') || 'none'}.`,
              }
            : p,
        );
      }
      throw consequence('SCHEMA_TYPE_INVALID', `${st.path}: invalid options`);
    }
    st.value = def.compile(parsed.data, this.contextFor(st, stack));
    st.kind = st.value.kind;
  }

  private contextFor(st: FieldState, stack: string[]): CompileContext {
    return {
      path: st.path,
      entity: st.entity,
      field: st.field,
      rowCount: this.counts.get(st.entity) ?? 0,
      now: this.now,
      seed: streamSeed(this.seed, `${st.entity}.${st.field}`),
      locale: this.locale as LocaleData,
      resolve: (path) => this.resolvePath(st, path, stack),
      kindOf: (path) => this.kindOfPath(st.entity, path),
      compileNested: (spec, sub) => this.compileNested(st, spec, sub, stack),
    };
  }

  private compileNested(st: FieldState, spec: unknown, sub: string, stack: string[]): CompiledValue {
    const doc = spec as FieldDoc;
    const nested: FieldState = { ...st, path: `${st.path}.${sub}`, doc, deps: st.deps };
    if (typeof doc !== 'object' || doc === null || typeof doc.type !== 'string') {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${nested.path}: expected a field spec with a type`);
    }
    this.compileValueField(nested, stack);
    return nested.value as CompiledValue;
  }

  /** A getter for `field` or `ref.field[.field...]`, compiling what it needs first. */
  resolvePath(st: FieldState, path: string, stack: string[]): Getter {
    const parts = path.split('.');
    const first = this.states.get(`${st.entity}.${parts[0]}`);
    const fields = Object.keys((this.doc.entities[st.entity] as EntityDoc).fields);
    if (!first) {
      throw new TdmError(
        'SCHEMA_FIELD_UNKNOWN',
        `${st.path}: ${st.entity} has no field "${parts[0]}"${didYouMean(parts[0] ?? '', fields)}`,
      );
    }
    if (first === st)
      throw new TdmError('SCHEMA_DEPENDENCY_CYCLE', `${st.path}: a field cannot depend on itself`);
    this.compileField(first, stack);
    if (first.status === 'failed')
      throw consequence('SCHEMA_FIELD_UNKNOWN', `${st.path}: depends on invalid field ${parts[0]}`);
    st.deps.add(first.field);
    const rt = this.runtimes.get(st.entity) as EntityRuntime;
    const slot = first.slot;
    if (parts.length === 1) return (_row, out) => out[slot] as Value;
    // Walk the reference chain: each hop must be a ref field.
    const hops: { rt: EntityRuntime; refSlot: number }[] = [];
    let cur = first;
    let curRt = rt;
    for (let i = 1; i < parts.length; i++) {
      if (!cur.ref) {
        throw new TdmError(
          'SCHEMA_FIELD_UNKNOWN',
          `${st.path}: "${parts.slice(0, i).join('.')}" is not a reference, so "${path}" cannot be read`,
        );
      }
      hops.push({ rt: curRt, refSlot: cur.slot });
      const parentEntity = cur.ref.entity;
      const next = this.states.get(`${parentEntity}.${parts[i]}`);
      if (!next) {
        const pf = Object.keys((this.doc.entities[parentEntity] as EntityDoc).fields);
        throw new TdmError(
          'SCHEMA_FIELD_UNKNOWN',
          `${st.path}: ${parentEntity} has no field "${parts[i]}"${didYouMean(parts[i] ?? '', pf)}`,
        );
      }
      this.compileField(next, stack);
      if (next.status === 'failed')
        throw consequence(
          'SCHEMA_FIELD_UNKNOWN',
          `${st.path}: depends on invalid field ${parentEntity}.${parts[i]}`,
        );
      cur = next;
      curRt = this.runtimes.get(parentEntity) as EntityRuntime;
    }
    const targetRt = curRt;
    const targetSlot = cur.slot;
    const firstHop = hops[0] as { rt: EntityRuntime; refSlot: number };
    const later = hops.slice(1);
    return () => {
      let p = firstHop.rt.frame.refIdx[firstHop.refSlot] as number;
      for (let i = 0; i < later.length && p >= 0; i++) {
        const h = later[i] as { rt: EntityRuntime; refSlot: number };
        p = h.rt.refIndexAt(h.refSlot, p);
      }
      return p < 0 ? null : targetRt.valueAt(targetSlot, p);
    };
  }

  private kindOfPath(entity: string, path: string): ColumnKind | undefined {
    const parts = path.split('.');
    let st = this.states.get(`${entity}.${parts[0]}`);
    for (let i = 1; st && i < parts.length; i++)
      st = st.ref ? this.states.get(`${st.ref.entity}.${parts[i]}`) : undefined;
    return st && st.status === 'done' ? st.kind : undefined;
  }

  // ---- entities ----------------------------------------------------------------------------

  private finishEntity(name: string, deferred: Set<string>): TablePlan | null {
    const entity = this.doc.entities[name] as EntityDoc;
    const rt = this.runtimes.get(name) as EntityRuntime;
    const states = Object.keys(entity.fields).map((f) => this.states.get(`${name}.${f}`) as FieldState);
    if (states.some((s) => s.status !== 'done')) {
      this.diagnoseBroken(name, entity, states);
      return null;
    }
    const { groups, driven, primaryKey, uniques, problems } = buildGroups(
      name,
      entity,
      states,
      this.counts,
      this.layouts.get(name) ?? null,
      this.seed,
    );
    problems.forEach((p) => this.report(p));
    rt.groups = groups;
    const fieldRuntimes = new Map<string, FieldRuntime>();
    for (const st of states) {
      const seed = streamSeed(this.seed, `${name}.${st.field}`);
      const notNull = primaryKey.includes(st.field);
      if (notNull && (st.doc.nullRate ?? 0) > 0) {
        this.report(
          problem(
            'SCHEMA_KEY_INVALID',
            `${st.path}.nullRate`,
            `${name}.${st.field} is part of the primary key and cannot be null`,
            'Remove nullRate.',
          ),
        );
      }
      if (st.ref) this.checkParentRows(st, st.ref, rt.count);
      const compute = st.ref
        ? buildRefCompute(
            st.ref,
            st.slot,
            rt,
            this.runtimes.get(st.ref.entity) as EntityRuntime,
            driven.has(st.slot),
            this.seed,
            `${name}.${st.field}`,
            this.counts.get(st.ref.entity) ?? 0,
          )
        : this.valueCompute(st, rt, driven.has(st.slot));
      fieldRuntimes.set(st.field, { name: st.field, slot: st.slot, seed, compute });
    }
    const orderNames = this.finished.get(name) as string[];
    rt.fields = orderNames.map((f) => fieldRuntimes.get(f) as FieldRuntime);
    rt.closures = states.map((st) => {
      const need = new Set<string>();
      const visit = (f: string): void => {
        if (need.has(f)) return;
        need.add(f);
        for (const d of (this.states.get(`${name}.${f}`) as FieldState).deps) visit(d);
      };
      visit(st.field);
      return rt.fields.filter((f) => need.has(f.name));
    });
    const checkReads = new Set<string>();
    rt.checks = this.compileChecks(name, checkReads);
    for (const st of states) {
      const check = this.rangeCheckFor(st);
      if (check) {
        rt.checks.push(check);
        checkReads.add(st.field);
      }
    }
    const checkNeeds = new Set(
      [...checkReads].flatMap((f) =>
        (rt.closures[this.states.get(`${name}.${f}`)?.slot ?? -1] ?? []).map((x) => x.name),
      ),
    );
    rt.checkClosure = rt.fields.filter((f) => checkNeeds.has(f.name));
    const columns: ColumnSpec[] = states.map((st) => ({
      name: st.field,
      kind: st.kind,
      ...(st.value?.scale !== undefined ? { scale: st.value.scale } : {}),
      ...(st.value?.maxLength !== undefined ? { maxLength: st.value.maxLength } : {}),
      nullable:
        !primaryKey.includes(st.field) &&
        (st.nullable || (this.gates.get(`${name}.${st.field}`) ?? []).some((g) => !g.notNull)),
    }));
    const foreignKeys = states
      .filter((st) => st.ref)
      .map((st) => ({
        columns: [st.field],
        refTable: (st.ref as RefInfo).entity,
        refColumns: [(st.ref as RefInfo).field],
        deferred: deferred.has(`${name}.${st.field}`),
      }));
    return {
      name,
      rowCount: rt.count,
      columns,
      primaryKey,
      uniques,
      foreignKeys,
      xml: { element: entity.xml?.element ?? name, row: entity.xml?.row ?? singular(name) },
    };
  }

  /**
   * A required reference needs parent rows: with none, every child row would break its foreign
   * key (a count override or scale can empty a parent table).
   */
  private checkParentRows(st: FieldState, ref: RefInfo, rows: number): void {
    const parents = this.counts.get(ref.entity) ?? 0;
    if (parents > 0 || rows === 0 || ref.nullRate > 0 || ref.perParent || ref.entity === st.entity) return;
    // A unique reference already reports its parent's rows as too few.
    if (st.doc.unique) return;
    this.report(
      problem(
        'SCHEMA_COUNT_INVALID',
        `${st.path}.ref`,
        `${st.path}.ref: ${st.entity} has ${rows} row(s) that must reference ${ref.entity}, but ${ref.entity} has no rows`,
        `Give ${ref.entity} rows, or make ${st.field} nullable (nullRate > 0).`,
      ),
    );
  }

  /** For a value field whose bounds rules extended: its declared range as a row check. */
  private rangeCheckFor(st: FieldState): CheckRuntime | null {
    const key = `${st.entity}.${st.field}`;
    const by = this.boundedBy.get(key);
    const own = this.doc.entities[st.entity]?.fields[st.field];
    if (!by || !own || st.ref) return null;
    const mayBeNull = (own.nullRate ?? 0) > 0 || (this.gates.get(key) ?? []).some((g) => !g.notNull);
    const first = by[0] as number;
    const rule = { text: this.doc.constraints?.[first]?.rule ?? '', index: first };
    return declaredRangeCheck(own, st.kind, st.slot, mayBeNull, this.contextFor(st, []), rule);
  }

  /** Compiles an entity's rules into row checks; `reads` collects the fields they read. */
  private compileChecks(name: string, reads: Set<string>): CheckRuntime[] {
    return (this.rules.get(name) ?? []).flatMap((r) => {
      const reader = this.checkState(name, `constraints[${r.index}].rule`);
      try {
        const test = compileExpression(r.expr, (p) => this.resolvePath(reader, p, []), {
          now: this.now,
          coerceLiteral: (p, lit) => this.coerce(name, p, lit),
        });
        reader.deps.forEach((d) => reads.add(d));
        return [{ rule: r.doc.rule, index: r.index, test }];
      } catch (e) {
        this.reportError(e, `constraints[${r.index}].rule`);
        return [];
      }
    });
  }

  /**
   * An entity with invalid fields gets no runtime, but its keys and rules are still checked
   * without those fields, so their problems are reported in the same pass.
   */
  private diagnoseBroken(name: string, entity: EntityDoc, states: FieldState[]): void {
    const good = states.filter((s) => s.status === 'done');
    const ok = (fields: string[]): boolean => fields.every((f) => good.some((s) => s.field === f));
    const fields = Object.fromEntries(good.map((s) => [s.field, entity.fields[s.field] ?? {}]));
    const primaryKey = entity.primaryKey && ok(entity.primaryKey) ? entity.primaryKey : undefined;
    const unique = (entity.unique ?? []).filter((u) => ok(u));
    const partial: EntityDoc = { ...entity, fields, primaryKey, unique };
    const { problems } = buildGroups(
      name,
      partial,
      good,
      this.counts,
      this.layouts.get(name) ?? null,
      this.seed,
    );
    problems.forEach((p) => this.report(p));
    this.compileChecks(name, new Set());
  }

  /** A pseudo field state standing for a constraint (it depends on fields, is none). */
  private checkState(entity: string, path: string): FieldState {
    return {
      entity,
      field: '#check',
      path,
      doc: {},
      slot: -1,
      status: 'done',
      kind: 'boolean',
      value: null,
      ref: null,
      deps: new Set(),
      nullable: false,
    };
  }

  private coerce(entity: string, path: string, literal: string): Value {
    const kind = this.kindOfPath(entity, path);
    if (kind === 'date' || kind === 'timestamp') {
      const t = parseInstant(literal);
      if (t === undefined)
        throw new TdmError(
          'SCHEMA_CONSTRAINT_INVALID',
          `"${literal}" is not a date, but ${path} is a ${kind}`,
        );
      return t;
    }
    return literal;
  }

  private valueCompute(st: FieldState, rt: EntityRuntime, driven: boolean): FieldRuntime['compute'] {
    const value = st.value as CompiledValue;
    const nullRate = st.doc.nullRate ?? 0;
    const slot = st.slot;
    const draw = driven
      ? (() => {
          const at = value.at as NonNullable<CompiledValue['at']>;
          return (_rng: unknown, row: number, out: Value[]): Value =>
            at(rt.frame.comp[slot] as number, row, out);
        })()
      : value.draw;
    const nullSeed = streamSeed(this.seed, `${st.entity}.${st.field}#null`);
    const isNull = (row: number): boolean => isNullAt(nullSeed, row, rt.frame.attempt, nullRate);
    const gates = (this.gates.get(`${st.entity}.${st.field}`) ?? []).map((g) => {
      const when = compileExpression(g.when, (p) => this.resolvePath(st, p, []), {
        now: this.now,
        coerceLiteral: (p, lit) => this.coerce(st.entity, p, lit),
      });
      return { when, notNull: g.notNull };
    });
    if (gates.length > 0) {
      return (rng, row, out) => {
        let forceNull = false;
        let forbidNull = false;
        for (const g of gates) {
          if (g.when(row, out) === true) {
            if (g.notNull) forbidNull = true;
            else forceNull = true;
          }
        }
        if (forceNull) return null;
        if (!forbidNull && isNull(row)) return null;
        return draw(rng, row, out);
      };
    }
    if (nullRate > 0) return (rng, row, out) => (isNull(row) ? null : draw(rng, row, out));
    return draw as FieldRuntime['compute'];
  }
}

function singular(name: string): string {
  if (name.endsWith('ies')) return name.slice(0, -3) + 'y';
  if (name.endsWith('ses')) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name + '_row';
}

/**
 * Compiles a parsed schema document. Throws TdmError SCHEMA_INVALID carrying every problem found.
 * @example
 *   const compiled = compileSchema(parseSchema(yamlText), { now: Date.UTC(2026, 0, 1) });
 */
export function compileSchema(doc: SchemaDoc, options: CompileOptions = {}): CompiledSchema {
  return new Compiler(doc, options).run();
}
