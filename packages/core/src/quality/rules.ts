/**
 * @module QualityRules: a level plus a list of rules (the DSL's `quality:` rule shapes), each with
 * a stable id and the metric family it counts towards.
 */
import { z } from 'zod';
import { problemsFromZod } from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import {
  qualityLevels,
  qualityRuleSchema,
  type QualityFamily,
  type QualityLevel,
  type QualityRule,
} from '../dsl/index.js';

export const qualityRulesSchema = z
  .object({
    level: z.enum(qualityLevels).default('standard'),
    rules: z.array(qualityRuleSchema),
    /** Ids of the rules derived from a schema (the others were added by a team). */
    derived: z.array(z.string()).default([]),
  })
  .strict();

/** Rules after `qualityRules`: every rule has its id. */
export interface QualityRules {
  level: QualityLevel;
  rules: (QualityRule & { id: string })[];
  derived: string[];
}
export type QualityRulesInput = z.input<typeof qualityRulesSchema>;

/** The metric a rule counts towards. */
export function familyOf(rule: QualityRule): QualityFamily {
  switch (rule.kind) {
    case 'completeness':
      return 'completeness';
    case 'unique':
      return 'uniqueness';
    case 'foreignKey':
      return 'consistency';
    case 'expression':
      return rule.family;
    case 'format':
    case 'jsonSchema':
      return 'validity';
    case 'domain':
    case 'distribution':
      return 'accuracy';
  }
}

/** The default id of a rule: what it checks, readable (`orders.customer_id:foreignKey`). */
export function defaultRuleId(rule: QualityRule): string {
  switch (rule.kind) {
    case 'unique':
      return `${rule.entity}.${rule.fields.join('+')}:unique`;
    case 'expression':
      return `${rule.entity}:${rule.rule}`;
    case 'format':
      return `${rule.entity}.${rule.field}:format:${rule.format}`;
    default:
      return `${rule.entity}.${rule.field}:${rule.kind}`;
  }
}

/** The fields a rule reads on its own entity (for messages and suggestions). */
export function ruleFields(rule: QualityRule): string[] {
  if (rule.kind === 'unique') return rule.fields;
  if (rule.kind === 'expression') return [];
  return [rule.field];
}

/**
 * Validates rules (zod) and gives each a unique id: a duplicate default id gets `#2`, `#3`, ...
 * @example
 *   const rules = qualityRules({ level: 'basic', rules: [{ kind: 'unique', entity: 'users', fields: ['id'] }] });
 */
export function qualityRules(input: QualityRulesInput | QualityRules): QualityRules {
  const result = qualityRulesSchema.safeParse(input);
  if (!result.success) {
    const problems = problemsFromZod(result.error, input).map((p) => ({
      ...p,
      code: 'QUALITY_RULE_INVALID',
    }));
    throw new TdmError('QUALITY_RULE_INVALID', `quality rules: ${problems[0]?.message ?? 'invalid'}`, {
      problems,
    });
  }
  const parsed = result.data;
  const seen = new Map<string, number>();
  const rules = parsed.rules.map((r) => {
    const base = r.id ?? defaultRuleId(r);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...r, id: n === 1 ? base : `${base}#${n}` };
  });
  return { level: parsed.level, rules, derived: parsed.derived };
}
