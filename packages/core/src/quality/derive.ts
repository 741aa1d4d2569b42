/**
 * @module defineQualityRules: the full rule set a DSL schema implies, plus the team's own rules
 * from its `quality:` section. What the generator guarantees by construction becomes a rule, so
 * data from anywhere (a team's upload, an old export) can be held to the same schema.
 *
 * | schema                                   | rule                                              |
 * |------------------------------------------|---------------------------------------------------|
 * | every field (nullRate r < 1)             | completeness, minRatio 1 - r (sampling noise allowed when 0 < r) |
 * | primaryKey, unique, entity keys          | unique (single or composite)                      |
 * | ref                                      | foreignKey                                        |
 * | column kind (integer, date, uuid, ...)   | format (type)                                     |
 * | email, phone, iban, card, regex pattern  | format                                            |
 * | enum values, min/max, min/maxLength      | domain                                            |
 * | min/max naming a field                   | expression (consistency), e.g. order_date >= customer_id.created_at |
 * | enum weights, boolean ratio              | distribution                                      |
 * | constraints                              | expression (business rule)                        |
 * Relative bounds (`-3y`, `now`) need the generation instant: they become rules only when
 * `options.now` or the schema's `now` gives it.
 */
import { compileSchema, type TablePlan } from '../compile/index.js';
import {
  parseSchema,
  type FieldDoc,
  type QualityLevel,
  type QualityRule,
  type SchemaDoc,
} from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import { parseExpression, type Expr } from '../expr/index.js';
import { applyRelative, parseBoundText, parseInstant } from '../values/index.js';
import { safeRegex } from './formats.js';
import { qualityRules, type QualityRules } from './rules.js';
import type { QualityFormat } from '../dsl/index.js';

export interface DefineRulesOptions {
  /** The generation instant relative bounds count from (epoch ms). */
  now?: number;
  /** The level (default: the schema's `quality.level`, else standard). */
  level?: QualityLevel;
  /** Tolerance of distribution rules derived from weights (default 0.02). */
  tolerance?: number;
}

const KIND_FORMAT: Partial<Record<string, QualityFormat>> = {
  integer: 'integer',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  time: 'time',
  uuid: 'uuid',
  json: 'json',
};

const TYPE_FORMAT: Partial<Record<string, QualityFormat>> = {
  'internet.email': 'email',
  'phone.number': 'phone',
  'finance.iban': 'iban',
  'finance.creditCardNumber': 'creditCard',
};

/** A min/max bound: a constant (number or epoch ms), a field expression, or nothing usable. */
function readBound(
  b: unknown,
  instant: boolean,
  now: number | undefined,
): { constant: number } | { expr: string } | null {
  if (typeof b === 'number') return { constant: b };
  if (typeof b !== 'string') return null;
  // The generator's own reading of the bound, so the rule checks what generation honoured.
  const t = parseBoundText(b, instant ? 'instant' : 'number');
  if (!t) return null;
  if ('constant' in t) return t;
  if ('relative' in t) return now === undefined ? null : { constant: applyRelative(now, t.relative) };
  const { ref, offsetMs } = t;
  return { expr: offsetMs === 0 ? ref : `${ref} ${offsetMs < 0 ? '-' : '+'} ${Math.abs(offsetMs)}` };
}

function fieldRules(
  entity: string,
  name: string,
  f: FieldDoc,
  kind: string | undefined,
  isKey: boolean,
  options: DefineRulesOptions,
  now: number | undefined,
): QualityRule[] {
  const out: QualityRule[] = [];
  const nullRate = isKey ? 0 : (f.nullRate ?? 0);
  if (nullRate < 1) {
    out.push({
      kind: 'completeness',
      entity,
      field: name,
      minRatio: Math.round((1 - nullRate) * 1e9) / 1e9,
      ...(nullRate > 0 ? { sampling: true } : {}),
    });
  }
  if (f.unique || f.primaryKey) out.push({ kind: 'unique', entity, fields: [name] });
  if (typeof f.ref === 'string') {
    out.push({ kind: 'foreignKey', entity, field: name, ref: f.ref });
    return out;
  }
  const type = f.type ?? '';
  const typeFormat = kind ? KIND_FORMAT[kind] : undefined;
  if (typeFormat) out.push({ kind: 'format', entity, field: name, format: typeFormat });
  const named = TYPE_FORMAT[type];
  if (named) out.push({ kind: 'format', entity, field: name, format: named });
  const pattern = f['pattern'];
  if ((type === 'regex' || type === 'string') && typeof pattern === 'string') {
    try {
      safeRegex(pattern, name);
      out.push({ kind: 'format', entity, field: name, format: 'regex', pattern });
    } catch {
      // A pattern the checker would refuse (nested repetition) is left to the generator.
    }
  }
  if (type === 'enum') {
    const values = f['values'];
    if (Array.isArray(values)) out.push({ kind: 'domain', entity, field: name, values });
    else if (values && typeof values === 'object') {
      const weights = values as Record<string, number>;
      out.push({ kind: 'domain', entity, field: name, values: Object.keys(weights) });
      out.push({ kind: 'distribution', entity, field: name, weights, tolerance: options.tolerance ?? 0.02 });
    }
  }
  if (type === 'boolean' && typeof f['ratio'] === 'number') {
    const ratio = f['ratio'];
    const weights = { true: ratio, false: 1 - ratio };
    out.push({ kind: 'distribution', entity, field: name, weights, tolerance: options.tolerance ?? 0.02 });
  }
  if (type === 'string' && pattern === undefined) {
    const minLength = f['minLength'];
    const maxLength = f['maxLength'];
    if (typeof minLength === 'number' || typeof maxLength === 'number') {
      out.push({
        kind: 'domain',
        entity,
        field: name,
        ...(typeof minLength === 'number' ? { minLength } : {}),
        ...(typeof maxLength === 'number' ? { maxLength } : {}),
      });
    }
  }
  const instant = kind === 'date' || kind === 'timestamp';
  if (instant || kind === 'integer' || kind === 'decimal') {
    const range: { min?: number; max?: number } = {};
    for (const option of ['min', 'max'] as const) {
      const raw = f[option];
      for (const b of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
        const bound = readBound(b, instant, now);
        if (!bound) continue;
        if ('constant' in bound) {
          const cur = range[option];
          range[option] =
            cur === undefined
              ? bound.constant
              : option === 'min'
                ? Math.max(cur, bound.constant)
                : Math.min(cur, bound.constant);
        } else {
          out.push({
            kind: 'expression',
            entity,
            family: 'consistency',
            rule: `${name} ${option === 'min' ? '>=' : '<='} ${bound.expr}`,
          });
        }
      }
    }
    if (range.min !== undefined || range.max !== undefined) {
      const show = (x: number): number | string => (instant ? new Date(x).toISOString() : x);
      out.push({
        kind: 'domain',
        entity,
        field: name,
        ...(range.min === undefined ? {} : { min: show(range.min) }),
        ...(range.max === undefined ? {} : { max: show(range.max) }),
      });
    }
  }
  return out;
}

/** `entity.field` of every field a constraint sets to null ("if C then x is null"). */
function nullGatedFields(doc: SchemaDoc): Set<string> {
  const out = new Set<string>();
  const visit = (entity: string, e: Expr): void => {
    if (e.k === 'bin' && e.op === 'and') {
      visit(entity, e.l);
      visit(entity, e.r);
    } else if (e.k === 'if' && e.then.k === 'isnull' && !e.then.not && e.then.e.k === 'ref') {
      out.add(`${entity}.${e.then.e.path}`);
    }
  };
  for (const c of doc.constraints ?? []) {
    try {
      visit(c.entity, parseExpression(c.rule));
    } catch {
      // An invalid rule is reported by schema validation and by its own expression rule.
    }
  }
  return out;
}

/**
 * Column kinds from the compiler when the schema compiles; a schema that describes data but could
 * not generate it (an inferred one: unique text without a value space) falls back to type names.
 */
function tablePlans(doc: SchemaDoc, now: number | undefined): Map<string, TablePlan> {
  try {
    const compiled = compileSchema(doc, { now: now ?? Date.UTC(2000, 0, 1) });
    return new Map(compiled.tables.map((t) => [t.name, t]));
  } catch (e) {
    if (e instanceof TdmError) return new Map();
    throw e;
  }
}

const STATIC_KINDS: Record<string, string> = {
  integer: 'integer',
  sequence: 'integer',
  decimal: 'decimal',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  time: 'time',
  uuid: 'uuid',
  json: 'json',
  array: 'json',
};

function staticKind(f: FieldDoc): string | undefined {
  const type = f.type ?? '';
  if (type === 'enum') {
    const values = f['values'];
    const list = Array.isArray(values)
      ? values
      : values && typeof values === 'object'
        ? Object.keys(values)
        : [];
    return list.length > 0 && list.every((v) => typeof v === 'number' && Number.isInteger(v))
      ? 'integer'
      : 'string';
  }
  return STATIC_KINDS[type];
}

/**
 * Derives every rule a schema implies and appends the schema's own `quality.rules`.
 * @example
 *   const rules = defineQualityRules(parseSchema(yamlText), { now: Date.UTC(2025, 0, 1) });
 *   rules.rules.filter((r) => r.kind === 'foreignKey'); // one per `ref`
 */
export function defineQualityRules(
  schema: SchemaDoc | string,
  options: DefineRulesOptions = {},
): QualityRules {
  const doc = typeof schema === 'string' ? parseSchema(schema) : parseSchema(schema as unknown);
  const now = options.now ?? (doc.now ? parseInstant(doc.now) : undefined);
  const tables = tablePlans(doc, now);
  const derived: QualityRule[] = [];
  const gated = nullGatedFields(doc);
  for (const [entity, e] of Object.entries(doc.entities)) {
    const table = tables.get(entity);
    const pk = e.primaryKey ?? [];
    for (const [name, f] of Object.entries(e.fields)) {
      const kind = table?.columns.find((c) => c.name === name)?.kind ?? staticKind(f);
      const isKey = f.primaryKey === true || pk.includes(name);
      // A rule that makes a field null ("if C then x is null") adds nulls beyond its nullRate.
      // So do the roots of a tree (their share is `tree.roots` when given, else unknown).
      const nulls = gated.has(`${entity}.${name}`)
        ? 1
        : f.tree
          ? Math.max(f.tree.roots ?? 1, f.nullRate ?? 0)
          : undefined;
      const spec = nulls !== undefined && !isKey ? { ...f, nullRate: nulls } : f;
      derived.push(...fieldRules(entity, name, spec, kind, isKey, options, now));
    }
    if (pk.length > 1) derived.push({ kind: 'unique', entity, fields: pk });
    else if (pk.length === 1 && !e.fields[pk[0] as string]?.primaryKey) {
      derived.push({ kind: 'unique', entity, fields: pk });
    }
    for (const u of e.unique ?? []) derived.push({ kind: 'unique', entity, fields: u });
  }
  (doc.constraints ?? []).forEach((c) => {
    derived.push({
      kind: 'expression',
      entity: c.entity,
      rule: c.rule,
      family: 'businessRuleCompliance',
      ...(c.name ? { id: c.name } : {}),
      ...(c.description ? { description: c.description } : {}),
    });
  });
  const user = doc.quality?.rules ?? [];
  const all = qualityRules({
    level: options.level ?? doc.quality?.level ?? 'standard',
    rules: [...derived, ...user],
  });
  return { ...all, derived: all.rules.slice(0, derived.length).map((r) => r.id) };
}
