/**
 * @module validateDataQuality: one streaming pass per entity (parents first), every rule of the
 * level checked per row, field profiles built on the way, then the metrics and the verdict.
 *
 * Memory is constant in the row count except for key tracking: each unique field and each
 * referenced parent key keeps a fingerprint set (12 bytes per slot, at most half full: about
 * 24 MiB per million distinct keys), composite unique keys one more set, references to a parent
 * not read yet (self references, cycles) 12 bytes per row, and parent fields that cross-entity
 * rules read one value per parent row.
 *
 * Large local CSV/TSV files are checked in segments (byte ranges of about 8 MiB) on `threads`
 * threads (this one and threads - 1 workers), merged in segment order: the report is the same for
 * any thread count. Each worker holds a copy of the parent key sets (and parent values) the
 * entity it checks reads, and one segment's state.
 */
import { availableParallelism } from 'node:os';
import { qualityLevels, type QualityLevel } from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import { settleDeferred } from './key-checks.js';
import { CheckPool, type CheckWorkerInit } from './check-pool.js';
import { levelPolicies } from './levels.js';
import { defineQualityRules } from './derive.js';
import { computeMetrics, verdict } from './metrics.js';
import { inferSchema } from './read/index.js';
import { planRun } from './plan.js';
import type { QualityReport } from './report-schema.js';
import { qualityRules, type QualityRules, type QualityRulesInput } from './rules.js';
import { abortError, checkSegmented } from './segmented.js';
import { SEGMENT_BYTES, splitFiles, type Segment } from './segments.js';
import type { DatasetSource } from './source.js';
import { streamRows } from './stream.js';

export interface ValidateOptions {
  /** The level to check against (default: the rules' level). */
  level?: QualityLevel;
  /** Failing rows kept per rule (default 10). */
  sampleSize?: number;
  /** The value of `now()` in expressions, epoch ms (default: none, so `now()` is null). */
  now?: number;
  signal?: AbortSignal;
  /**
   * Threads checking large CSV/TSV files (default: the machine's available parallelism, at most
   * 8; 1 checks on the calling thread only). The report is the same for any count.
   */
  threads?: number;
  /** Bytes per segment of a large CSV/TSV file (default 8 MiB; tests use small ones). */
  segmentBytes?: number;
  /**
   * Called as the check goes: after every batch of a file read in one piece, after every merged
   * segment of a large CSV/TSV file. Cheap to receive often; throttle the display yourself.
   */
  onProgress?: (progress: CheckProgress) => void;
}

/** How far a check has come (`ValidateOptions.onProgress`). */
export interface CheckProgress {
  /** The entity being checked. */
  entity: string;
  /** Rows checked so far, all entities. */
  rows: number;
  /** Bytes of CSV/TSV files checked so far and in all (0 in all: sizes unknown, see `sized`). */
  bytesDone: number;
  bytesTotal: number;
  /** True when every entity is a local CSV/TSV file, so bytesDone / bytesTotal is the share done. */
  sized: boolean;
}

/**
 * Worker threads for a check: `threads` counts the calling thread, which checks segments too, and
 * no more workers start than the entity with the most segments has beyond one (each worker is a
 * cold start of ~100 MB: a 24 MB dataset at 8 threads started 7 for 2 segments' work).
 */
export function checkWorkers(threads: number, segmentCounts: readonly number[]): number {
  return Math.max(0, Math.min(threads - 1, Math.max(0, ...segmentCounts) - 1));
}

/** The default thread count of a check: the available parallelism, at most 8. */
export function defaultCheckThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
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
  const threads = options.threads ?? defaultCheckThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new TdmError('INPUT_INVALID', `threads: ${String(threads)} is not a whole number from 1 to 64`);
  }
  const segmentBytes = options.segmentBytes ?? SEGMENT_BYTES;
  const sampleSize = options.sampleSize ?? 10;
  const fresh = () => planRun(dataset, normalized, level, { sampleSize, now: options.now });
  const signal = options.signal;
  let pool: CheckPool | null = null;
  const onAbort = (): void => pool?.failAll(abortError(signal as AbortSignal));
  signal?.addEventListener('abort', onAbort);
  const entities: QualityReport['entities'] = [];
  const profiles: QualityReport['profiles'] = [];
  const sizeOf = (segs: readonly Segment[] | null): number =>
    (segs ?? []).reduce((n, s) => n + (s.end - s.start), 0);
  // Rows and bytes of the entities done so far; the entity in progress adds its own.
  const progress = { rows: 0, bytesDone: 0, bytesTotal: 0, sized: false };
  const report = (entity: string, rows: number, bytes: number): void => {
    if (!options.onProgress) return;
    options.onProgress({
      ...progress,
      entity,
      rows: progress.rows + rows,
      bytesDone: progress.bytesDone + bytes,
    });
  };
  try {
    // Segments are cut before any row is read, so progress can count bytes of the whole run.
    const cuts = await Promise.all(
      plan.entities.map(async (e) =>
        e.source.layout ? await splitFiles(e.source.files, e.source.layout, segmentBytes) : null,
      ),
    );
    progress.bytesTotal = cuts.reduce((n, segs) => n + sizeOf(segs), 0);
    progress.sized = cuts.every((segs) => segs !== null);
    for (const [k, entity] of plan.entities.entries()) {
      const layout = entity.source.layout;
      const segs = cuts[k] ?? null;
      const name = entity.source.name;
      let result;
      if (layout && segs && segs.length > 1) {
        const workers = checkWorkers(
          threads,
          cuts.map((c) => c?.length ?? 1),
        );
        if (workers > 0 && !pool)
          pool = new CheckPool(workers, workerInit(dataset, normalized, level, sampleSize, options.now));
        const onMerged = (rows: number, bytes: number): void => report(name, rows, bytes);
        result = await checkSegmented(entity, segs, layout, { pool, fresh, signal, onMerged });
      } else {
        result = await streamRows(entity, entity.source.batches(signal), (rows) => report(name, rows, 0));
      }
      progress.rows += result.rows;
      progress.bytesDone += sizeOf(segs);
      report(name, 0, 0);
      for (const t of entity.trackers) t.complete = true;
      entity.scope.finishers.forEach((f) => f());
      const { rows, profilers } = result;
      entities.push({
        name: entity.source.name,
        file: entity.source.file,
        format: entity.source.format,
        rows,
      });
      profiles.push(...profilers.map((p) => p.result()));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await (pool as CheckPool | null)?.close();
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

function workerInit(
  dataset: DatasetSource,
  rules: QualityRules,
  level: QualityLevel,
  sampleSize: number,
  now: number | undefined,
): CheckWorkerInit {
  const entities = dataset.entities.map(({ name, file, files, format, columns, layout }) => ({
    ...{ name, file, files, format, columns },
    ...(layout ? { layout } : {}),
  }));
  return { rules, level, sampleSize, now, entities };
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
