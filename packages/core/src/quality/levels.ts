/**
 * @module Quality levels: which rule families run and how strict the verdict is.
 *
 * | level    | rules that run                                                        | failing rows allowed per rule | min. overall score |
 * |----------|-----------------------------------------------------------------------|-------------------------------|--------------------|
 * | basic    | completeness, uniqueness (keys), foreign keys                         | 1%                            | 0.95               |
 * | standard | + formats and types, JSON Schema, value domains, expressions          | 0.1%                          | 0.99               |
 * | premium  | + distribution expectations (category weights)                        | none                          | 0.999              |
 *
 * Key rules (unique, foreign keys) allow no failing row at any level; completeness rules pass by
 * their own minimum ratio. A rule's `level` overrides the level its kind runs from.
 */
import type { QualityLevel, QualityRule } from '../dsl/index.js';

export interface LevelPolicy {
  /** Largest share of checked rows a row rule may fail and still pass. */
  allowedFailureShare: number;
  /** Smallest overall score that passes. */
  minScore: number;
}

export const levelPolicies: Record<QualityLevel, LevelPolicy> = {
  basic: { allowedFailureShare: 0.01, minScore: 0.95 },
  standard: { allowedFailureShare: 0.001, minScore: 0.99 },
  premium: { allowedFailureShare: 0, minScore: 0.999 },
};

const RANK: Record<QualityLevel, number> = { basic: 0, standard: 1, premium: 2 };

const KIND_LEVEL: Record<QualityRule['kind'], QualityLevel> = {
  completeness: 'basic',
  unique: 'basic',
  foreignKey: 'basic',
  format: 'standard',
  jsonSchema: 'standard',
  domain: 'standard',
  expression: 'standard',
  distribution: 'premium',
};

/** The lowest level that runs a rule. */
export function ruleLevel(rule: QualityRule): QualityLevel {
  return rule.level ?? KIND_LEVEL[rule.kind];
}

/** True when `level` runs `rule`. */
export function runsAt(rule: QualityRule, level: QualityLevel): boolean {
  return RANK[ruleLevel(rule)] <= RANK[level];
}
