/**
 * @module The six quality metrics and the verdict.
 *
 * Every metric is 1 - (violations / checked) summed over the rules of its family, in [0, 1]:
 * - completeness: values present where completeness rules require them; a rule's violations are
 *   the values missing below its minimum ratio (a field allowed 20% nulls loses nothing at 15%);
 * - consistency: references that find their parent row (no orphans) and rows satisfying
 *   cross-field / cross-entity rules (`order_date >= customer_id.created_at`);
 * - accuracy: agreement with declared domains (enum sets, ranges, lengths) and distributions (for
 *   a distribution, the rows that would have to change category to bring every category's share
 *   within tolerance);
 * - validity: values in their format (types, email, phone, uuid, dates, IBAN, card numbers,
 *   regexes, JSON Schema);
 * - uniqueness: key values (single or composite) that do not repeat an earlier row's;
 * - businessRuleCompliance: rows satisfying business-rule expressions (a rule fails only when it
 *   is false; null, as in SQL, passes).
 * A family with nothing checked scores 1. `overall` is the mean of the families that checked
 * something (1 when none did).
 */
import { qualityFamilies } from '../dsl/index.js';
import type { LevelPolicy } from './levels.js';
import type { QualityMetrics, RuleResult } from './report-schema.js';

export function computeMetrics(results: RuleResult[]): {
  metrics: QualityMetrics;
  checkedByFamily: Record<string, number>;
} {
  const checked: Record<string, number> = {};
  const violations: Record<string, number> = {};
  for (const f of qualityFamilies) {
    checked[f] = 0;
    violations[f] = 0;
  }
  for (const r of results) {
    checked[r.family] = (checked[r.family] ?? 0) + r.checked;
    violations[r.family] = (violations[r.family] ?? 0) + Math.min(r.violations, r.checked);
  }
  const score = (f: string): number => {
    const n = checked[f] as number;
    return n === 0 ? 1 : 1 - (violations[f] as number) / n;
  };
  const active = qualityFamilies.filter((f) => (checked[f] as number) > 0);
  const overall = active.length === 0 ? 1 : active.reduce((s, f) => s + score(f), 0) / active.length;
  return {
    metrics: {
      completeness: score('completeness'),
      consistency: score('consistency'),
      accuracy: score('accuracy'),
      validity: score('validity'),
      uniqueness: score('uniqueness'),
      businessRuleCompliance: score('businessRuleCompliance'),
      overall,
    },
    checkedByFamily: checked,
  };
}

/** Why the level fails (empty when it passes): failing rules first, then the score. */
export function verdict(results: RuleResult[], metrics: QualityMetrics, policy: LevelPolicy): string[] {
  const reasons: string[] = [];
  for (const r of results) {
    if (r.passed) continue;
    if (r.error) reasons.push(`${r.id}: could not run: ${r.error}`);
    else if (r.kind === 'completeness') {
      reasons.push(
        `${r.id}: ${pct(r.ratio ?? 0)} of values present, below the required ${pct(r.threshold ?? 1)}`,
      );
    } else reasons.push(`${r.id}: ${r.failed} of ${r.checked} failed (${r.description})`);
  }
  if (metrics.overall < policy.minScore) {
    reasons.push(
      `overall score ${metrics.overall.toFixed(4)} is below the level's minimum ${policy.minScore}`,
    );
  }
  return reasons;
}

function pct(x: number): string {
  return `${Math.round(x * 10000) / 100}%`;
}
