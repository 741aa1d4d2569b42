/**
 * @module The running tally of one rule during a check: counts, a capped sample of failing rows,
 * and how to turn the tally into a rule result.
 */
import type { QualityFamily, QualityRule } from '../dsl/index.js';
import { keep } from './detach.js';
import type { CellValue, ColumnInfo } from './source.js';
import type { RuleResult } from './report-schema.js';

export type IdentifiedRule = QualityRule & { id: string };

/** What a row check answers: the value was not checked, passed, or failed. */
export const SKIP = 0;
export const PASS = 1;
export const FAIL = 2;
export type Outcome = typeof SKIP | typeof PASS | typeof FAIL;

const MAX_SAMPLE_TEXT = 200;

/** A failing row as a sample shows it: every column, long strings cut. */
export function sampleValues(
  row: readonly CellValue[],
  columns: readonly ColumnInfo[],
): Record<string, CellValue> {
  const values: Record<string, CellValue> = {};
  columns.forEach((c, i) => {
    const v = row[i] ?? null;
    values[c.name] =
      typeof v === 'string' && v.length > MAX_SAMPLE_TEXT ? v.slice(0, MAX_SAMPLE_TEXT) + '…' : keep(v);
  });
  return values;
}

export class RuleState {
  checked = 0;
  failed = 0;
  readonly samples: RuleResult['samples'] = [];
  error: string | undefined;
  /** Extra result fields computed when the entity is done (ratio, categories, ...). */
  extra: Partial<RuleResult> = {};
  /** Overrides `failed` as the count against the metric (completeness, distributions). */
  violations: number | undefined;
  /** Overrides the share-based verdict. */
  passedOverride: boolean | undefined;

  constructor(
    readonly rule: IdentifiedRule,
    readonly family: QualityFamily,
    readonly fields: string[],
    readonly description: string,
    readonly origin: 'schema' | 'user',
    readonly sampleSize: number,
  ) {}

  /** Records a failing row (values of the whole row, long strings cut). */
  fail(index: number, row: readonly CellValue[] | null, columns: readonly ColumnInfo[]): void {
    this.failed++;
    if (this.samples.length >= this.sampleSize) return;
    this.samples.push({ row: index, values: row ? sampleValues(row, columns) : {} });
  }

  result(allowedFailureShare: number): RuleResult {
    const keyRule = this.rule.kind === 'unique' || this.rule.kind === 'foreignKey';
    const violations = this.violations ?? this.failed;
    const share = keyRule ? 0 : allowedFailureShare;
    const passed =
      this.error === undefined &&
      (this.passedOverride ?? violations <= Math.floor(share * this.checked + 1e-9));
    return {
      id: this.rule.id,
      kind: this.rule.kind,
      family: this.family,
      entity: this.rule.entity,
      fields: this.fields,
      description: this.description,
      origin: this.origin,
      checked: this.checked,
      failed: this.failed,
      violations,
      passed,
      samples: this.samples,
      ...this.extra,
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }
}
