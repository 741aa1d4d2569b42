/**
 * @module compileSchema: turns a DSL document into table plans and row runtimes, once per schema.
 *
 * Every problem found is collected (with a code, a path, a message and a fix) instead of stopping
 * at the first, so `validateSchema` can report them all at once.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import type { EntityDoc, FieldDoc, SchemaDoc } from '../dsl/model.js';
import { problemsFromZod } from '../dsl/zod-problems.js';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { compileExpression, refsOf, type Value } from '../expr/index.js';
import type { PerParentLayout } from '../plan/per-parent.js';
import { streamSeed } from '../random/index.js';
import { getGenerator, generatorNames, LocaleData, parseInstant } from '../values/index.js';
import type { CompileContext, CompiledValue } from '../values/index.js';
import { consequence, isConsequence, problemFromError } from './consequence.js';
import type { NullGate } from './constraints.js';
import { resolveCounts } from './entity-counts.js';
import { buildGroups } from './groups.js';
import { resolveNow, type CompileOptions, type CompiledSchema } from './options.js';
import { fieldRangeCheck } from './range-check.js';
import { orderEntities, type RefEdge } from './ref-graph.js';
import { buildRefCompute } from './refs.js';
import { prepareConstraints, type PreparedConstraints, type PreparedRule } from './rules.js';
import { EntityRuntime, type CheckRuntime, type FieldRuntime } from './runtime.js';
import { tablePlan } from './table-plan.js';
import { trialProblems } from './trial.js';
import type { TablePlan } from './types.js';
import { parentRowsProblem } from './ref-field.js';
import { COMMON_KEYS, ruleReaderState, type FieldContext, type FieldState } from './field-state.js';
import { kindOfPath, resolvePath } from './paths.js';
import { compileRefField } from './ref-field.js';
import { valueCompute } from './value-compute.js';

class Compiler implements FieldContext {
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
    if (!isConsequence(e)) this.report(problemFromError(e, path));
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
    const resolved = resolveCounts(this.doc, this.options.counts ?? {}, this.seed, this.scale);
    resolved.problems.forEach((p) => this.report(p));
    resolved.counts.forEach((n, e) => this.counts.set(e, n));
    resolved.layouts.forEach((l, e) => this.layouts.set(e, l));
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

  // ---- constraints -------------------------------------------------------------------------

  private readonly rewritten: Map<string, FieldDoc>;
  private readonly boundedBy: Map<string, number[]>;

  // ---- fields ------------------------------------------------------------------------------

  compileField(st: FieldState, stack: string[]): void {
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
        for (const p of refsOf(g.when)) resolvePath(this, st, p, inner);
      if (st.doc.ref !== undefined) compileRefField(this, st, inner);
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
      resolve: (path) => resolvePath(this, st, path, stack),
      kindOf: (path) => kindOfPath(this, st.entity, path),
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
      if (st.ref) {
        const p = parentRowsProblem(st, st.ref, rt.count, this.counts.get(st.ref.entity) ?? 0);
        if (p) this.report(p);
      }
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
    const fields = states.map((st) => ({
      ...st,
      nullable: st.nullable || (this.gates.get(`${name}.${st.field}`) ?? []).some((g) => !g.notNull),
    }));
    return tablePlan(name, entity, rt.count, fields, { primaryKey, uniques }, deferred);
  }

  /** A field's declared range as a row check, when rules or other fields bound it. */
  private rangeCheckFor(st: FieldState): CheckRuntime | null {
    const key = `${st.entity}.${st.field}`;
    const own = this.doc.entities[st.entity]?.fields[st.field];
    if (!own || st.ref) return null;
    const first = this.boundedBy.get(key)?.[0];
    const mayBeNull = (own.nullRate ?? 0) > 0 || (this.gates.get(key) ?? []).some((g) => !g.notNull);
    const rule =
      first === undefined ? undefined : { text: this.doc.constraints?.[first]?.rule ?? '', index: first };
    return fieldRangeCheck(own, st, mayBeNull, this.contextFor(st, []), rule);
  }

  /** Compiles an entity's rules into row checks; `reads` collects the fields they read. */
  private compileChecks(name: string, reads: Set<string>): CheckRuntime[] {
    return (this.rules.get(name) ?? []).flatMap((r) => {
      const reader = ruleReaderState(name, `constraints[${r.index}].rule`);
      try {
        const test = compileExpression(r.expr, (p) => resolvePath(this, reader, p, []), {
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

  private coerce(entity: string, path: string, literal: string): Value {
    const kind = kindOfPath(this, entity, path);
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
    const gates = (this.gates.get(`${st.entity}.${st.field}`) ?? []).map((g) => {
      const when = compileExpression(g.when, (p) => resolvePath(this, st, p, []), {
        now: this.now,
        coerceLiteral: (p, lit) => this.coerce(st.entity, p, lit),
      });
      return { when, notNull: g.notNull };
    });
    return valueCompute({
      value: st.value as CompiledValue,
      slot: st.slot,
      rt,
      driven,
      nullRate: st.doc.nullRate ?? 0,
      nullSeed: streamSeed(this.seed, `${st.entity}.${st.field}#null`),
      gates,
    });
  }
}

/**
 * Compiles a parsed schema document. Throws TdmError SCHEMA_INVALID carrying every problem found.
 * @example
 *   const compiled = compileSchema(parseSchema(yamlText), { now: Date.UTC(2026, 0, 1) });
 */
export function compileSchema(doc: SchemaDoc, options: CompileOptions = {}): CompiledSchema {
  return new Compiler(doc, options).run();
}
