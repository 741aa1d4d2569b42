/**
 * @module Quality checks on the platform: the rules a check runs (derived from the schema, the
 * team's rule sets, extra rules), running core's validateDataQuality, storing the report with its
 * verdict and suggestions, and the report as the API returns it.
 */
import {
  defineQualityRules,
  inferSchema,
  qualityRules,
  qualitySectionSchema,
  suggestQualityImprovements,
  TdmError,
  validateDataQuality,
  type DatasetSource,
  type QualityLevel,
  type QualityReport,
  type QualitySuggestion,
  type QualityRules,
  type SchemaDoc,
} from '@tdm/core';
import {
  addQualityReport,
  listQualityRuleSets,
  type Db,
  type QualityReport as StoredReport,
  type QualityReportSource,
  type QualityRuleSet,
} from '../store/index.js';

/** A rule set's or a request's rules: the DSL's quality section (`{ level?, rules: [...] }`). */
export function checkRulesDoc(doc: unknown, path: string): { rules: unknown[] } {
  const r = qualitySectionSchema.safeParse(doc);
  if (r.success) return { rules: (r.data.rules ?? []) as unknown[] };
  const problems = r.error.issues.map((i) => ({ path: [path, ...i.path].join('.'), message: i.message }));
  throw new TdmError(
    'QUALITY_RULE_INVALID',
    problems.map((p) => `${p.path}: ${p.message}`).join('; ') || `${path}: invalid rules`,
    { details: { problems } },
  );
}

export interface RulePlan {
  doc: SchemaDoc;
  level: QualityLevel;
  /** Rules derived from the schema (default true). */
  derive?: boolean;
  ruleSets?: readonly QualityRuleSet[];
  extra?: unknown;
  /** The generation instant: relative bounds (`-3y`, `now`) become rules with it. */
  now?: number;
}

/** Derived rules, then every rule set's, then the extra ones; each validated, ids made unique. */
export function assembleRules(plan: RulePlan): QualityRules {
  const base =
    plan.derive === false
      ? { rules: [], derived: [] as string[] }
      : defineQualityRules(plan.doc, {
          level: plan.level,
          ...(plan.now === undefined ? {} : { now: plan.now }),
        });
  const added: unknown[] = [];
  for (const set of plan.ruleSets ?? [])
    added.push(...checkRulesDoc(set.rules, `ruleSets.${set.name}`).rules);
  if (plan.extra !== undefined) added.push(...checkRulesDoc(plan.extra, 'rules').rules);
  return qualityRules({
    level: plan.level,
    rules: [...base.rules, ...(added as QualityRules['rules'])],
    derived: base.derived,
  });
}

/** The enabled rule sets that apply to a dataset (all of them, or those named). */
export async function ruleSetsFor(
  db: Db,
  teamId: string,
  select: { datasetName?: string; ids?: readonly string[] },
): Promise<QualityRuleSet[]> {
  const sets = await listQualityRuleSets(db, teamId, {
    ...(select.datasetName === undefined ? {} : { datasetName: select.datasetName }),
    enabledOnly: select.ids === undefined,
  });
  if (select.ids === undefined) return sets;
  const byId = new Map(sets.map((s) => [s.ruleSetId, s]));
  return select.ids.map((id) => {
    const set = byId.get(id.toLowerCase());
    if (!set) {
      throw new TdmError('QUALITY_RULE_INVALID', `quality rule set "${id.slice(0, 60)}" not found`, {
        details: { ruleSetId: id.slice(0, 60) },
      });
    }
    return set;
  });
}

export interface Checked {
  report: QualityReport;
  suggestions: QualitySuggestion[];
}

/** Runs core's check: one streaming pass per entity, the verdict for the rules' level, suggestions. */
export async function checkData(
  source: DatasetSource,
  rules: QualityRules,
  options: { now?: number; signal?: AbortSignal } = {},
): Promise<Checked> {
  const report = await validateDataQuality(source, rules, {
    level: rules.level,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { report, suggestions: suggestQualityImprovements(report) };
}

/** Stores a checked report (with its suggestions) under the team. */
export function storeReport(
  db: Db,
  teamId: string,
  { report, suggestions }: Checked,
  where: { source: QualityReportSource; datasetVersionId?: string | null; jobId?: string | null },
): Promise<StoredReport> {
  return addQualityReport(db, teamId, {
    datasetVersionId: where.datasetVersionId ?? null,
    jobId: where.jobId ?? null,
    source: where.source,
    level: report.level,
    passed: report.passed,
    metrics: report.metrics as unknown as Record<string, unknown>,
    results: report.rules.map((r) => ({ id: r.id, checked: r.checked, failed: r.failed, passed: r.passed })),
    report: { ...report, suggestions } as unknown as Record<string, unknown>,
  });
}

/** The DSL schema that types an upload: the given one, else inferred from the data. */
export async function schemaForUpload(
  source: DatasetSource,
  given: SchemaDoc | undefined,
): Promise<SchemaDoc> {
  return given ?? inferSchema(source, { name: 'upload' });
}

/** The API's view of a stored report (contract StoredQualityReport). */
export function reportDto(r: StoredReport) {
  const full = (r.report ?? {}) as Record<string, unknown>;
  return {
    reportId: r.reportId,
    teamId: r.teamId,
    source: r.source,
    datasetVersionId: r.datasetVersionId,
    jobId: r.jobId,
    level: r.level,
    passed: r.passed,
    reasons: Array.isArray(full['reasons']) ? (full['reasons'] as string[]) : [],
    metrics: r.metrics as {
      completeness: number;
      consistency: number;
      accuracy: number;
      validity: number;
      uniqueness: number;
      businessRuleCompliance: number;
      overall: number;
    },
    suggestions: Array.isArray(full['suggestions']) ? (full['suggestions'] as QualitySuggestion[]) : [],
    report: full,
    createdAt: r.createdAt.toISOString(),
  };
}
