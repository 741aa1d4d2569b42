/**
 * @module The quality gate of a generation job: after its files are written and before the version
 * is published, the data is checked at the job's level against the rules derived from its schema
 * and the team's rule sets. Below the level, nothing is published: the job fails with
 * QUALITY_GATE_FAILED and the report stays with the job.
 */
import type { Manifest, QualityLevel, SchemaDoc } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { ServerError } from '../errors.js';
import type { JobRecipe } from '../jobs/recipe.js';
import type { Db, QualityReport as StoredReport } from '../store/index.js';
import { assembleRules, checkData, ruleSetsFor, storeReport, type Checked } from './check.js';
import { versionSource } from './sources.js';

export interface GateInput {
  teamId: string;
  jobId: string;
  datasetId: string;
  datasetName: string;
  version: number;
  recipe: JobRecipe;
  manifest: Manifest;
  doc: SchemaDoc;
  signal?: AbortSignal;
}

/** The job's level: its own (or its team's, resolved at submit), else the schema's, else standard. */
export function gateLevel(recipe: JobRecipe, doc: SchemaDoc): QualityLevel {
  return recipe.qualityLevel ?? doc.quality?.level ?? 'standard';
}

/**
 * Checks a built version. A failing verdict stores the report under the job and throws
 * QUALITY_GATE_FAILED naming the reasons and the report; a passing one is returned for the caller
 * to store once the version is published (`passedReport`).
 */
export async function qualityGate(deps: { db: Db; blobs: BlobStore }, g: GateInput): Promise<Checked> {
  const level = gateLevel(g.recipe, g.doc);
  const now = Date.parse(g.recipe.now);
  const rules = assembleRules({
    doc: g.doc,
    level,
    ruleSets: await ruleSetsFor(deps.db, g.teamId, { datasetName: g.datasetName }),
    ...(Number.isFinite(now) ? { now } : {}),
  });
  const { source } = await versionSource(
    deps,
    { teamId: g.teamId, datasetId: g.datasetId, version: g.version, recipe: g.recipe, manifest: g.manifest },
    g.doc,
  );
  const checked = await checkData(source, rules, {
    ...(Number.isFinite(now) ? { now } : {}),
    ...(g.signal ? { signal: g.signal } : {}),
  });
  if (checked.report.passed) return checked;
  const stored = await storeReport(deps.db, g.teamId, checked, { source: 'gate', jobId: g.jobId });
  const reasons = checked.report.reasons;
  throw new ServerError(
    'QUALITY_GATE_FAILED',
    `quality level ${level} not met, nothing published: ${reasons.slice(0, 3).join('; ')}` +
      `${reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : ''}; report ${stored.reportId}`,
    { details: { reportId: stored.reportId, level, reasons, metrics: checked.report.metrics } },
  );
}

/** Stores a passing gate's report with the published version. */
export function passedReport(
  db: Db,
  teamId: string,
  checked: Checked,
  where: { jobId: string; datasetVersionId: string },
): Promise<StoredReport> {
  return storeReport(db, teamId, checked, { source: 'version', ...where });
}
