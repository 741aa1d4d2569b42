/**
 * @module suggestQualityImprovements: concrete, actionable fixes tied to the rules and fields of a
 * report ("customers.email: 0.4% duplicates: mark it unique or widen its domain"), worst first.
 */
import type { FieldProfile, QualityReport, RuleResult } from './report-schema.js';

export interface QualitySuggestion {
  /** The rule the suggestion answers (absent for profile-based hints). */
  ruleId?: string;
  entity: string;
  field?: string;
  family?: string;
  severity: 'error' | 'warning' | 'info';
  /** One line: where, what is wrong (with figures), what to do. */
  message: string;
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '0%' : `${Math.round((part / whole) * 10000) / 100}%`;

function example(r: RuleResult): string {
  const s = r.samples[0];
  if (!s) return '';
  const field = r.fields[0];
  if (field === undefined || !(field in s.values)) return ` (first at row ${s.row})`;
  const v = JSON.stringify(s.values[field]);
  return `, e.g. ${v.length > 60 ? v.slice(0, 57) + '…' : v} at row ${s.row}`;
}

function forRule(r: RuleResult): string {
  const where = r.fields.length === 1 ? `${r.entity}.${r.fields[0]}` : r.entity;
  const share = pct(r.failed, r.checked);
  if (r.error)
    return `${where}: rule ${r.id} could not run: ${r.error}: add the field to the data or remove the rule`;
  switch (r.kind) {
    case 'completeness': {
      const missing = pct(r.failed, r.checked);
      const allowed = `${Math.round((1 - (r.threshold ?? 1)) * 10000) / 100}%`;
      return `${where}: ${missing} missing (${r.failed} of ${r.checked}), at most ${allowed} allowed: fill the missing values, or raise the field's nullRate if they are expected`;
    }
    case 'unique':
      return r.fields.length === 1
        ? `${where}: ${share} duplicates (${r.failed} rows repeat an earlier value${example(r)}): deduplicate the rows, or widen the field's domain so values do not repeat`
        : `${r.entity}.(${r.fields.join(', ')}): ${share} duplicate key combinations (${r.failed} rows): deduplicate them or extend the composite key`;
    case 'foreignKey':
      return `${where}: ${r.failed} orphans (${share}) reference no existing parent${example(r)}: load the missing parent rows or delete the orphans (\`${r.description}\`)`;
    case 'expression':
      return `${r.entity}: ${r.failed} rows (${share}) break "${r.description.replace(`${r.entity}: `, '')}"${example(r)}: correct those rows, or relax the rule if they are legitimate`;
    case 'format':
    case 'jsonSchema':
      return `${where}: ${r.failed} values (${share}) fail "${r.description}"${example(r)}: correct them at the source, or change the field's format rule`;
    case 'domain':
      return `${where}: ${r.failed} values (${share}) outside the domain (${r.description.replace(`${where} `, '')})${example(r)}: correct them, or widen the declared values / range`;
    case 'distribution': {
      const off = (r.categories ?? [])
        .filter((c) => Math.abs(c.observed - c.expected) > c.allowed)
        .slice(0, 4)
        .map((c) => `${c.value} ${pct(c.observed, 1)} (expected ${pct(c.expected, 1)})`)
        .join(', ');
      return `${where}: category shares differ from the declared weights: ${off}: adjust the weights to the observed shares, or regenerate the data`;
    }
    default:
      return `${where}: ${r.failed} of ${r.checked} failed ${r.description}`;
  }
}

/** Hints from profiles where no rule failed: near-unique fields, always-null fields. */
function forProfile(p: FieldProfile, report: QualityReport): QualitySuggestion | null {
  const covered = (kind: string): boolean =>
    report.rules.some((r) => r.entity === p.entity && r.kind === kind && r.fields.includes(p.field));
  const values = p.count - p.nulls;
  if (p.count > 0 && p.nulls === p.count) {
    return {
      entity: p.entity,
      field: p.field,
      severity: 'info',
      message: `${p.entity}.${p.field}: always null (${p.count} rows): drop the field or give it values`,
    };
  }
  const duplicates = values - p.distinct;
  const keyLike = p.type === 'string' || p.type === 'integer';
  if (
    keyLike &&
    p.distinctExact &&
    values >= 100 &&
    duplicates > 0 &&
    duplicates <= values * 0.01 &&
    !covered('unique')
  ) {
    return {
      entity: p.entity,
      field: p.field,
      severity: 'info',
      message: `${p.entity}.${p.field}: ${pct(duplicates, values)} duplicates: mark it unique or widen its domain`,
    };
  }
  return null;
}

/**
 * Fixes for every failing rule (worst share first), then hints from field profiles.
 * @example
 *   for (const s of suggestQualityImprovements(report)) console.log(s.message);
 */
export function suggestQualityImprovements(report: QualityReport): QualitySuggestion[] {
  const failing = report.rules
    .filter((r) => !r.passed || (r.failed > 0 && r.kind !== 'completeness'))
    .sort(
      (a, b) =>
        Number(a.passed) - Number(b.passed) ||
        b.violations / (b.checked || 1) - a.violations / (a.checked || 1),
    );
  const out: QualitySuggestion[] = failing.map((r) => ({
    ruleId: r.id,
    entity: r.entity,
    ...(r.fields.length === 1 ? { field: r.fields[0] as string } : {}),
    family: r.family,
    severity: r.passed ? 'warning' : 'error',
    message: forRule(r),
  }));
  for (const p of report.profiles) {
    const hint = forProfile(p, report);
    if (hint) out.push(hint);
  }
  return out;
}
