/**
 * @module The masking plan of a table: for each column, the function that masks one value of a
 * row (or "shuffle", done per block of rows) and the column's output type; for the k-anonymity
 * table, the quasi-identifiers' hierarchies and the levels chosen.
 */
import type { CellValue, ColumnType, EntitySource } from '../../quality/read/index.js';
import { Anonymizer, columnSeed } from './anonymize.js';
import type { PseudonymKey } from './cipher.js';
import { firstPass, realKey } from './first-pass.js';
import { hierarchy, type ColumnStats, type Hierarchy } from './hierarchy.js';
import { ComboCounts, planKAnonymity, type KAnonymityPlan } from './k-anonymity.js';
import { Pseudonymizer } from './pseudonymize.js';
import { redactedType, redactPiiInText, redactValue } from './redact.js';
import type { ColumnRule, KAnonymityRule, MaskMethod, PrivacyRules } from './rules.js';

/** Rows per shuffled block when the rule does not say. */
export const DEFAULT_SHUFFLE_BLOCK = 100_000;

export interface ColumnPlan {
  index: number;
  name: string;
  /** Absent for columns without a rule (passed through). */
  method?: MaskMethod | 'k-anonymity';
  type: ColumnType;
  /** Masks one value of row `row` (absent for shuffle, which works on blocks). */
  apply?: (v: CellValue, row: number) => CellValue;
  shuffleSeed?: number;
}

export interface KAnonymityState {
  rule: KAnonymityRule;
  columns: number[];
  hierarchies: Hierarchy[];
  plan: KAnonymityPlan;
}

export interface TablePlan {
  entity: EntitySource;
  columns: ColumnPlan[];
  /** Rows per shuffled block (0: nothing shuffled). */
  block: number;
  kAnonymity?: KAnonymityState;
}

export interface PlanContext {
  rules: PrivacyRules;
  key?: PseudonymKey;
  seed: number;
  signal?: AbortSignal;
}

const EMPTY_STATS: ColumnStats = { min: 0, max: 0, maxLength: 0, sample: [] };

function pseudonymizer(ctx: PlanContext, table: string, column: string, keepDomain?: boolean): Pseudonymizer {
  const scope = ctx.rules.preserveRelationships === false ? `${table}.${column}` : '';
  // The key is present whenever a pseudonymize rule exists (checked by the caller).
  return new Pseudonymizer(ctx.key as PseudonymKey, { scope, ...(keepDomain ? { keepDomain } : {}) });
}

function columnPlan(
  ctx: PlanContext,
  e: EntitySource,
  index: number,
  rule: ColumnRule,
  pass: { stats: Map<number, ColumnStats>; real: Map<number, Set<string>> },
): ColumnPlan {
  const { name, type } = e.columns[index] as { name: string; type: ColumnType };
  const base = { index, name, method: rule.method, type };
  switch (rule.method) {
    case 'pseudonymize': {
      const p = pseudonymizer(ctx, e.name, name, rule.keepDomain);
      return { ...base, apply: (v) => p.value(v) };
    }
    case 'anonymize': {
      const real = pass.real.get(index);
      const a = new Anonymizer({
        kind: rule.kind,
        locale: rule.locale,
        seed: columnSeed(ctx.seed, e.name, name),
        type,
        ...(real ? { isReal: (v: CellValue) => real.has(realKey(v)) } : {}),
      });
      return { ...base, apply: (v, row) => a.value(v, row) };
    }
    case 'generalize': {
      const h = hierarchy(type, rule, pass.stats.get(index) ?? EMPTY_STATS);
      return { ...base, type: h.typeAt(0), apply: (v) => h.at(v, 0) };
    }
    case 'redact':
      return {
        ...base,
        type: redactedType(rule, type),
        apply: (v) => redactValue(v, rule, type),
      };
    case 'null':
      return { ...base, apply: () => null };
    case 'redact-pii':
      return { ...base, apply: (v) => redactPiiInText(v, rule) };
    case 'shuffle':
      return { ...base, shuffleSeed: columnSeed(ctx.seed, e.name, name) };
  }
}

async function kAnonymity(
  ctx: PlanContext,
  e: EntitySource,
  rule: KAnonymityRule,
  stats: Map<number, ColumnStats>,
): Promise<KAnonymityState> {
  const columns = rule.quasiIdentifiers.map((q) => e.columns.findIndex((c) => c.name === q));
  const own = ctx.rules.tables?.[e.name] ?? {};
  const hierarchies = columns.map((i) => {
    const c = e.columns[i] as { name: string; type: ColumnType };
    const r = own[c.name];
    return hierarchy(c.type, r?.method === 'generalize' ? r : undefined, stats.get(i) ?? EMPTY_STATS);
  });
  const counts = new ComboCounts(hierarchies);
  for await (const batch of e.batches(ctx.signal)) {
    for (const row of batch) counts.add(columns.map((i) => row[i] ?? null));
  }
  const plan = planKAnonymity(counts, hierarchies, rule.k, rule.maxSuppression ?? 0);
  return { rule, columns, hierarchies, plan };
}

/**
 * Plans one table: a first read when a column needs statistics or real values, a second for
 * k-anonymity's combination counts.
 */
export async function planTable(ctx: PlanContext, e: EntitySource): Promise<TablePlan> {
  const rules = ctx.rules.tables?.[e.name] ?? {};
  const k = ctx.rules.kAnonymity?.table === e.name ? ctx.rules.kAnonymity : undefined;
  const indexOf = (name: string): number => e.columns.findIndex((c) => c.name === name);
  const statsColumns = new Set<number>(k ? k.quasiIdentifiers.map(indexOf) : []);
  const realColumns: number[] = [];
  for (const [name, r] of Object.entries(rules)) {
    if (r.method === 'generalize' && r.bins !== undefined) statsColumns.add(indexOf(name));
    if (r.method === 'anonymize') realColumns.push(indexOf(name));
  }
  const pass = await firstPass(e, [...statsColumns], realColumns, ctx.seed, ctx.signal);
  const columns: ColumnPlan[] = e.columns.map((c, index) => {
    const r = rules[c.name];
    return r ? columnPlan(ctx, e, index, r, pass) : { index, name: c.name, type: c.type };
  });
  const shuffled = Object.values(rules).flatMap((r) =>
    r.method === 'shuffle' ? [r.block ?? DEFAULT_SHUFFLE_BLOCK] : [],
  );
  const plan: TablePlan = { entity: e, columns, block: shuffled.length ? Math.min(...shuffled) : 0 };
  if (k) {
    plan.kAnonymity = await kAnonymity(ctx, e, k, pass.stats);
    const { columns: qi, hierarchies, plan: kp } = plan.kAnonymity;
    qi.forEach((i, j) => {
      const c = columns[i] as ColumnPlan;
      c.method = 'k-anonymity';
      c.type = (hierarchies[j] as Hierarchy).typeAt(kp.levels[j] as number);
      delete c.apply;
    });
  }
  return plan;
}
