/**
 * @module analyzePatternsFromSample: the brief's profiling entry point. A sample (files read by
 * the quality reader, or tables already loaded) becomes DataPatterns: per column its type,
 * missingness, distribution, categories, formats and time range; per table its candidate keys
 * and pairwise dependence; across tables the foreign keys found by inclusion.
 */
import { TdmError } from '../../errors/index.js';
import type { DatasetSource } from '../../quality/read/index.js';
import { loadSample, type SampleColumn, type SampleTable } from '../table.js';
import { categorize, labelOf, type Categorized, type CategoryOptions } from './categories.js';
import { dependenceOf } from './dependence.js';
import { candidateKeys, foreignKeys } from './keys.js';
import { numericPatterns } from './numeric.js';
import type { ColumnPatterns, DataPatterns, TablePatterns } from './patterns-schema.js';
import { stringPatterns } from './shapes.js';
import { temporalPatterns } from './temporal.js';

export interface AnalyzePatternsOptions {
  /** Rows profiled per table when reading files (default 1,000,000). */
  maxRows?: number;
  /** Categories below this share of non-null values are pooled into "other" (default 0.01). */
  rareCategoryShare?: number;
  /** At most this many categories per column (default 50). */
  maxCategories?: number;
  signal?: AbortSignal;
}

/** Kept categories must cover this share for a many-valued text column to count as categorical. */
const CATEGORICAL_COVERAGE = 0.5;

function checkOptions(o: AnalyzePatternsOptions): CategoryOptions {
  const rare = o.rareCategoryShare ?? 0.01;
  const max = o.maxCategories ?? 50;
  if (!(rare >= 0 && rare < 1) || !Number.isInteger(max) || max < 1) {
    throw new TdmError(
      'SYNTH_OPTIONS_INVALID',
      `rareCategoryShare must be in [0, 1) and maxCategories a positive integer, got ${rare} and ${max}`,
      { suggestedActions: ['Use e.g. { rareCategoryShare: 0.01, maxCategories: 50 }.'] },
    );
  }
  return { rareCategoryShare: rare, maxCategories: max };
}

function columnPatterns(
  col: SampleColumn,
  rows: number,
  cat: Categorized | undefined,
  options: CategoryOptions,
): ColumnPatterns {
  let nulls = 0;
  for (const v of col.values) if (v === null) nulls++;
  const nonNull = rows - nulls;
  const out: ColumnPatterns = {
    name: col.name,
    type: col.type,
    nulls,
    nullShare: rows === 0 ? 0 : nulls / rows,
    distinct: cat?.distinct ?? new Set(col.values.filter((v) => v !== null)).size,
  };
  const t = col.type;
  if (t === 'integer' || t === 'number') {
    const xs = col.values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const numeric = numericPatterns(Float64Array.from(xs), out.distinct);
    if (numeric) out.numeric = numeric;
  } else if (t === 'date' || t === 'timestamp') {
    const temporal = temporalPatterns(col.values);
    if (temporal) {
      out.temporal = temporal.patterns;
      out.numeric = numericPatterns(temporal.epochs, out.distinct)!;
    }
  } else if (t === 'string' || t === 'json') {
    const texts = col.values.filter((v) => v !== null).map(labelOf);
    const strings = stringPatterns(texts);
    if (strings) out.strings = strings;
  }
  if (cat && nonNull > 0) {
    const categorical =
      t === 'boolean' ||
      out.distinct <= options.maxCategories ||
      (t === 'string' && 1 - cat.patterns.otherShare >= CATEGORICAL_COVERAGE);
    if (categorical) out.categories = cat.patterns;
  }
  return out;
}

function tablePatterns(table: SampleTable, options: CategoryOptions, signal?: AbortSignal): TablePatterns {
  const categorized = new Map<number, Categorized>();
  const columns = table.columns.map((col, i) => {
    signal?.throwIfAborted();
    const cat = col.type === 'json' ? undefined : categorize(col.values, options);
    if (cat && (col.type === 'string' || col.type === 'boolean')) categorized.set(i, cat);
    return columnPatterns(col, table.rows, cat, options);
  });
  signal?.throwIfAborted();
  return {
    name: table.name,
    rows: table.rows,
    truncated: table.truncated,
    columns,
    candidateKeys: candidateKeys(table),
    dependence: dependenceOf(table, categorized),
  };
}

/**
 * Profiles a sample: one TablePatterns per table, and the foreign keys between them.
 *
 * @example
 * const patterns = await analyzePatternsFromSample(await openDataset(['customers.csv', 'orders.csv']));
 * patterns.tables[0].columns[2].categories; // { values: [{ value: 'active', count: 70, share: 0.7 }, ...], ... }
 * patterns.foreignKeys; // [{ from: { table: 'orders', column: 'customer_id' }, to: { table: 'customers', column: 'id' }, coverage: 1 }]
 */
export async function analyzePatternsFromSample(
  input: DatasetSource | SampleTable[],
  options: AnalyzePatternsOptions = {},
): Promise<DataPatterns> {
  const categoryOptions = checkOptions(options);
  const tables = Array.isArray(input)
    ? input
    : await loadSample(input, {
        ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
  const profiled = tables.map((t) => tablePatterns(t, categoryOptions, options.signal));
  const keys = new Map(profiled.map((t) => [t.name, t.candidateKeys]));
  return { tables: profiled, foreignKeys: foreignKeys(tables, keys) };
}
