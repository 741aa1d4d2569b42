/**
 * @module maskSensitiveData: a dataset in, the same dataset masked out, as a DatasetSource whose
 * entities stream masked rows batch by batch (the source is pulled only as the consumer pulls, so
 * a multi-GB file masks in constant memory with backpressure). Statistics, real-value sets and
 * k-anonymity counts are read up front; shuffled tables hold one block of rows at a time.
 */
import { TdmError } from '../../errors/index.js';
import type { CellValue, DatasetSource, EntitySource } from '../../quality/read/index.js';
import { Rng } from '../../random/index.js';
import { checkRulesAgainst } from './check.js';
import { PseudonymKey } from './cipher.js';
import { comboKey, isBlank } from './k-anonymity.js';
import type { Hierarchy } from './hierarchy.js';
import { planTable, type ColumnPlan, type TablePlan } from './plan.js';
import { privacyRules, type MaskMethod, type PrivacyRules } from './rules.js';

export interface MaskOptions {
  /** The team secret keying pseudonyms (required when a rule pseudonymizes). */
  secret?: string | Uint8Array;
  /** Seed of anonymized draws and shuffles (default 0). */
  seed?: number;
  signal?: AbortSignal;
}

export interface ColumnMaskSummary {
  table: string;
  column: string;
  method: MaskMethod | 'k-anonymity';
  /** Rows read in the last complete stream of the table (0 until one completes). */
  rows: number;
  /** Of those, rows whose value the masking changed. */
  rowsChanged: number;
}

export interface KAnonymitySummary {
  table: string;
  quasiIdentifiers: string[];
  kRequested: number;
  /** Smallest group at the chosen levels, as planned from the source. */
  kAchieved: number;
  /** Generalization level chosen per quasi-identifier (0 = its own rule or the exact value; top = "*"). */
  levels: Record<string, number>;
  /** Levels each quasi-identifier's ladder has. */
  maxLevels: Record<string, number>;
  /** Rows whose quasi-identifiers were blanked (null) instead of generalizing further. */
  suppressedRows: number;
  /** Smallest group counted on the masked rows themselves, once a stream of the table completes. */
  kVerified: number | null;
}

export interface MaskingSummary {
  columns: ColumnMaskSummary[];
  kAnonymity?: KAnonymitySummary;
}

export interface MaskedDataset extends DatasetSource {
  summary: MaskingSummary;
}

/** Masked rows are yielded in batches of at most this many rows. */
const OUT_BATCH = 4096;

function shuffleBlock(plan: TablePlan, rows: CellValue[][], blockIndex: number, changed: Float64Array): void {
  const rng = new Rng();
  for (const c of plan.columns) {
    if (c.method !== 'shuffle') continue;
    const values = rows.map((r) => r[c.index] ?? null);
    rng.seed(c.shuffleSeed as number, blockIndex);
    for (let i = values.length - 1; i > 0; i--) {
      const j = rng.below(i + 1);
      const t = values[i] ?? null;
      values[i] = values[j] ?? null;
      values[j] = t;
    }
    rows.forEach((r, i) => {
      if (r[c.index] !== values[i]) changed[c.index]! += 1;
      r[c.index] = values[i] ?? null;
    });
  }
}

/** Counts output groups of the quasi-identifiers, for kVerified. */
class GroupCounter {
  private readonly groups = new Map<string, number>();

  add(values: CellValue[]): void {
    if (isBlank(values)) return;
    const key = comboKey(values);
    this.groups.set(key, (this.groups.get(key) ?? 0) + 1);
  }

  min(): number {
    let m = Infinity;
    for (const n of this.groups.values()) m = Math.min(m, n);
    return m === Infinity ? 0 : m;
  }
}

function maskedEntity(plan: TablePlan, summary: MaskingSummary): EntitySource {
  const e = plan.entity;
  const ruled = plan.columns.filter(
    (c): c is ColumnPlan & { method: MaskMethod | 'k-anonymity' } => !!c.method,
  );
  const k = plan.kAnonymity;
  const kSummary = summary.kAnonymity && k ? summary.kAnonymity : undefined;

  function maskRow(
    row: CellValue[],
    index: number,
    changed: Float64Array,
    groups?: GroupCounter,
  ): CellValue[] {
    const out = row.slice();
    for (const c of ruled) {
      if (!c.apply) continue;
      const v = row[c.index] ?? null;
      const m = c.apply(v, index);
      if (m !== v) changed[c.index]! += 1;
      out[c.index] = m;
    }
    if (k && groups) {
      const gen = k.columns.map((i, j) =>
        (k.hierarchies[j] as Hierarchy).at(row[i] ?? null, k.plan.levels[j] as number),
      );
      // Rows of groups still below k are blanked (suppressed), within the allowed share.
      const blank = k.plan.rare.has(comboKey(gen));
      k.columns.forEach((i, j) => {
        const m = blank ? null : (gen[j] ?? null);
        if (m !== (row[i] ?? null)) changed[i]! += 1;
        out[i] = m;
      });
      groups.add(k.columns.map((i) => out[i] ?? null));
    }
    return out;
  }

  async function* batches(signal?: AbortSignal): AsyncIterable<CellValue[][]> {
    const changed = new Float64Array(e.columns.length);
    const groups = k ? new GroupCounter() : undefined;
    let rows = 0;
    let block: CellValue[][] = [];
    let blocks = 0;
    for await (const batch of e.batches(signal)) {
      signal?.throwIfAborted();
      const out = batch.map((r) => maskRow(r, rows++, changed, groups));
      if (plan.block === 0) {
        yield out;
        continue;
      }
      for (const r of out) {
        block.push(r);
        if (block.length < plan.block) continue;
        shuffleBlock(plan, block, blocks++, changed);
        for (let i = 0; i < block.length; i += OUT_BATCH) yield block.slice(i, i + OUT_BATCH);
        block = [];
      }
    }
    if (block.length) {
      shuffleBlock(plan, block, blocks, changed);
      for (let i = 0; i < block.length; i += OUT_BATCH) yield block.slice(i, i + OUT_BATCH);
    }
    // The summary describes the last complete read.
    for (const s of summary.columns) {
      if (s.table !== e.name) continue;
      const i = e.columns.findIndex((c) => c.name === s.column);
      s.rows = rows;
      s.rowsChanged = changed[i] as number;
    }
    if (kSummary && groups) kSummary.kVerified = groups.min();
  }

  return {
    name: e.name,
    file: e.file,
    files: e.files,
    format: e.format,
    columns: plan.columns.map((c) => ({ name: c.name, type: c.type })),
    batches,
    async *rows(signal?: AbortSignal) {
      for await (const b of batches(signal)) yield* b;
    },
  };
}

/**
 * Masks a dataset by its privacy rules. Reading happens as the result's entities are streamed.
 *
 * @throws PRIVACY_RULES_INVALID when the rules name unknown tables/columns or misfit a column type,
 *   PRIVACY_SECRET_MISSING when a column is pseudonymized without a secret,
 *   K_ANONYMITY_UNREACHABLE when no generalization reaches k.
 * @example
 * const masked = await maskSensitiveData(await openDataset(['sample/']), rules, { secret });
 * for (const e of masked.entities) for await (const batch of e.batches()) write(batch);
 */
export async function maskSensitiveData(
  source: DatasetSource,
  rulesInput: PrivacyRules,
  options: MaskOptions = {},
): Promise<MaskedDataset> {
  const rules = privacyRules(rulesInput);
  checkRulesAgainst(source, rules);
  const pseudonymized = Object.entries(rules.tables ?? {}).flatMap(([t, cols]) =>
    Object.entries(cols).flatMap(([c, r]) => (r.method === 'pseudonymize' ? [`${t}.${c}`] : [])),
  );
  const secret = options.secret;
  if (pseudonymized.length && (secret === undefined || secret.length === 0)) {
    throw new TdmError(
      'PRIVACY_SECRET_MISSING',
      `pseudonymizing ${pseudonymized.join(', ')} needs a secret`,
      {
        details: { columns: pseudonymized },
      },
    );
  }
  const ctx = {
    rules,
    seed: options.seed ?? 0,
    ...(secret !== undefined && secret.length ? { key: new PseudonymKey(secret) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const plans: TablePlan[] = [];
  for (const e of source.entities) plans.push(await planTable(ctx, e));
  const summary: MaskingSummary = {
    columns: plans.flatMap((p) =>
      p.columns.flatMap((c) =>
        c.method ? [{ table: p.entity.name, column: c.name, method: c.method, rows: 0, rowsChanged: 0 }] : [],
      ),
    ),
  };
  const kPlan = plans.find((p) => p.kAnonymity)?.kAnonymity;
  if (kPlan) {
    const names = kPlan.rule.quasiIdentifiers;
    summary.kAnonymity = {
      table: kPlan.rule.table,
      quasiIdentifiers: names,
      kRequested: kPlan.rule.k,
      kAchieved: kPlan.plan.kAchieved,
      levels: Object.fromEntries(names.map((n, j) => [n, kPlan.plan.levels[j] as number])),
      maxLevels: Object.fromEntries(names.map((n, j) => [n, (kPlan.hierarchies[j]?.levels ?? 1) - 1])),
      suppressedRows: kPlan.plan.suppressedRows,
      kVerified: null,
    };
  }
  return { entities: plans.map((p) => maskedEntity(p, summary)), summary };
}
