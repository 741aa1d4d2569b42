/**
 * @module validateDataQuality: one streaming pass per entity (parents first), every rule of the
 * level checked per row, field profiles built on the way, then the metrics and the verdict.
 *
 * Memory is constant in the row count except for key tracking: each unique field and each
 * referenced parent key keeps a fingerprint set (12 bytes per slot, at most half full: about
 * 24 MiB per million distinct keys), composite unique keys one more set, references to a parent
 * not read yet (self references, cycles) 12 bytes per row, and parent fields that cross-entity
 * rules read one value per parent row.
 */
import { qualityLevels, type QualityLevel } from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import type { Value } from '../expr/index.js';
import { settleDeferred, type KeyTracker } from './checks.js';
import { fingerprint, fp } from './hash.js';
import { instantOf } from './instant.js';
import { levelPolicies } from './levels.js';
import { defineQualityRules } from './derive.js';
import { computeMetrics, verdict } from './metrics.js';
import { inferSchema } from './read/index.js';
import { planRun, type EntityPlan } from './plan.js';
import { FieldProfiler } from './profile.js';
import type { QualityReport } from './report-schema.js';
import { FAIL, SKIP } from './rule-state.js';
import { qualityRules, type QualityRules, type QualityRulesInput } from './rules.js';
import type { CellValue, DatasetSource } from './source.js';

export interface ValidateOptions {
  /** The level to check against (default: the rules' level). */
  level?: QualityLevel;
  /** Failing rows kept per rule (default 10). */
  sampleSize?: number;
  /** The value of `now()` in expressions, epoch ms (default: none, so `now()` is null). */
  now?: number;
  signal?: AbortSignal;
}

/**
 * Checks a dataset against rules and returns the report: per rule counts and failing rows, field
 * profiles, the six metrics and the verdict for the level.
 * @example
 *   const rules = defineQualityRules(schema);
 *   const report = await validateDataQuality(await openDataset(['out/']), rules, { level: 'premium' });
 *   if (!report.passed) console.log(report.reasons);
 */
export async function validateDataQuality(
  dataset: DatasetSource,
  rules: QualityRules | QualityRulesInput,
  options: ValidateOptions = {},
): Promise<QualityReport> {
  const normalized = qualityRules(rules);
  const level = options.level ?? normalized.level;
  if (!qualityLevels.includes(level)) {
    throw new TdmError(
      'INPUT_INVALID',
      `unknown quality level "${String(level)}"; use ${qualityLevels.join(', ')}`,
    );
  }
  const plan = planRun(dataset, normalized, level, {
    sampleSize: options.sampleSize ?? 10,
    now: options.now,
  });
  const entities: QualityReport['entities'] = [];
  const profiles: QualityReport['profiles'] = [];
  for (const entity of plan.entities) {
    const { rows, profilers } = await streamEntity(entity, options.signal);
    entities.push({ name: entity.source.name, file: entity.source.file, format: entity.source.format, rows });
    profiles.push(...profilers.map((p) => p.result()));
  }
  plan.deferred.forEach(settleDeferred);
  const policy = levelPolicies[level];
  const results = plan.states.map((s) => s.result(policy.allowedFailureShare));
  const { metrics, checkedByFamily } = computeMetrics(results);
  const reasons = verdict(results, metrics, policy);
  return {
    level,
    passed: reasons.length === 0,
    reasons,
    metrics,
    checkedByFamily,
    policy,
    entities,
    rules: results,
    skipped: plan.skipped,
    profiles,
    keyStateBytes: plan.trackers.reduce((n, t) => n + t.set.bytes, 0),
  };
}

/** The hot loop: per row, key sets, parent lookups, converted values, then every check. */
async function streamEntity(
  entity: EntityPlan,
  signal: AbortSignal | undefined,
): Promise<{ rows: number; profilers: FieldProfiler[] }> {
  const { source, scope, trackers, checks } = entity;
  const columns = source.columns;
  const profilers = columns.map((c) => new FieldProfiler(source.name, c.name, c.type));
  const ncols = columns.length;
  const instantCol = columns.map((c) => c.type === 'date' || c.type === 'timestamp');
  instantCol.forEach((instant, c) => instant && scope.valCols.add(c));
  const valCols = [...scope.valCols];
  const vals = scope.vals;
  const links = scope.links;
  const nchecks = checks.length;
  const states = checks.map((c) => c.state);
  const tests = checks.map((c) => c.test);
  let index = 0;
  for await (const batch of source.batches(signal)) {
    for (let b = 0; b < batch.length; b++) {
      const row = batch[b] as CellValue[];
      // Instants are parsed once per cell: profiles, domains and expressions read `vals`.
      for (let k = 0; k < valCols.length; k++) {
        const c = valCols[k] as number;
        vals[c] = convert((row[c] ?? null) as CellValue, instantCol[c] as boolean);
      }
      for (let c = 0; c < ncols; c++) {
        (profilers[c] as FieldProfiler).add((row[c] ?? null) as CellValue, vals[c] as Value);
      }
      for (let t = 0; t < trackers.length; t++) trackRow(trackers[t] as KeyTracker, row);
      for (let l = 0; l < links.length; l++) {
        const link = links[l] as (typeof links)[number];
        const v = row[link.col] as CellValue;
        if (v === null || v === undefined) link.index = -1;
        else {
          fingerprint(v);
          link.index = link.tracker.set.get(fp.h1, fp.h2);
        }
      }
      for (let k = 0; k < nchecks; k++) {
        const outcome = (tests[k] as (typeof tests)[number])(row, index);
        if (outcome === SKIP) continue;
        const state = states[k] as (typeof states)[number];
        state.checked++;
        if (outcome === FAIL) state.fail(index, row, columns);
      }
      index++;
    }
  }
  for (const t of trackers) t.complete = true;
  scope.finishers.forEach((f) => f());
  return { rows: index, profilers };
}

function trackRow(t: KeyTracker, row: CellValue[]): void {
  const v = row[t.col] ?? null;
  if (v === null) {
    t.last = -1;
    return;
  }
  fingerprint(v);
  const i = t.set.add(fp.h1, fp.h2);
  t.last = i < 0 ? 1 : 0;
  if (i >= 0) {
    for (const p of t.payload) p.values.push(convert((row[p.col] ?? null) as CellValue, p.instant));
  }
}

function convert(v: CellValue, instant: boolean): Value {
  if (instant && typeof v === 'string') return instantOf(v) ?? v;
  return v;
}

/**
 * The six metrics and the overall score of a dataset. Without rules, the rules are derived from a
 * schema inferred from the data itself (`inferSchema`), so any dataset gets metrics.
 * @example
 *   const { completeness, overall } = await generateQualityMetrics(await openDataset(['data/']));
 */
export async function generateQualityMetrics(
  dataset: DatasetSource,
  rules?: QualityRules | QualityRulesInput,
  options: ValidateOptions = {},
): Promise<QualityReport['metrics']> {
  const checked =
    rules ?? defineQualityRules(await inferSchema(dataset), options.level ? { level: options.level } : {});
  return (await validateDataQuality(dataset, checked, options)).metrics;
}
