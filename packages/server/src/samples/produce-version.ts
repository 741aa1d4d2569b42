/**
 * @module The work of one mask or synthesize job: read the sealed sample, mask it (streaming) or
 * learn and sample from it, and write the result as a new dataset version: built invisibly, files
 * sealed under the version's prefix, published in one step with its manifest. Any failure removes
 * the building version and its files.
 */
import {
  ENGINE_VERSION,
  loadSample,
  type DatasetSource,
  type ForeignKey,
  type PiiColumn,
  type SampleTable,
  type SynthesisMethod,
  type WriteFormat,
} from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { deleteVersionFiles, versionPrefix } from '../jobs/index.js';
import { isServerError } from '../errors.js';
import {
  beginDatasetVersion,
  createDataset,
  discardDatasetVersion,
  findDatasetByName,
  publishDatasetVersion,
  type Dataset,
  type Db,
} from '../store/index.js';
import { isSampleError, SampleError } from './errors.js';
import type { SampleJobRecord } from './job-repo.js';
import { getSample, type SampleRecord } from './sample-repo.js';
import { findingsOf, rulesOf, synth, tablesSource } from './synth-adapter.js';
import { teamPseudonymSecret } from './team-secret.js';
import { writeVersionFiles } from './version-files.js';
import { sampleSource } from './upload.js';

/** The request as stored with the job: seed and "now" pinned at submit. */
export interface StoredSampleRequest {
  kind: 'mask' | 'synthesize';
  sampleId: string;
  sampleName: string;
  datasetName: string;
  rules?: unknown;
  rows?: number;
  seed: number;
  method?: SynthesisMethod;
  format: WriteFormat;
  now: string;
}

export interface WorkContext {
  db: Db;
  blobs: BlobStore;
  signal: AbortSignal;
  progress(p: { rowsDone?: number; rowsTotal?: number; datasetId?: string; datasetVersionId?: string }): void;
  /** True while the job row is still running (a cancel from elsewhere ends it). */
  stillRunning(): Promise<boolean>;
}

export interface Produced {
  datasetId: string;
  datasetVersionId: string;
  version: number;
  rows: number;
}

async function ensureDataset(db: Db, teamId: string, name: string): Promise<Dataset> {
  const found = await findDatasetByName(db, teamId, name);
  if (found) return found;
  try {
    return await createDataset(db, teamId, { name, schemaId: null });
  } catch (e) {
    const winner = isServerError(e, 'STORE_CONFLICT') ? await findDatasetByName(db, teamId, name) : null;
    if (winner) return winner;
    throw e;
  }
}

/** PII columns as synthesis takes them, from whatever findings carry table, column and kind. */
function piiColumns(findings: unknown[]): PiiColumn[] {
  return findings.flatMap((f) => {
    const x = f as Partial<PiiColumn>;
    return typeof x.table === 'string' && typeof x.column === 'string' && typeof x.kind === 'string'
      ? [{ table: x.table, column: x.column, kind: x.kind }]
      : [];
  });
}

/** The masked or synthesized data, and what the recipe records about how it was made. */
export async function outputOf(
  ctx: WorkContext,
  teamId: string,
  sample: SampleRecord,
  req: StoredSampleRequest,
  options: { report?: boolean } = {},
): Promise<{
  data: DatasetSource;
  made: Record<string, unknown>;
  references: ForeignKey[];
  report?: unknown;
}> {
  const source = await sampleSource(ctx.blobs, teamId, sample.files);
  const signal = ctx.signal;
  if (req.kind === 'mask') {
    const findings = req.rules === undefined ? await synth('detectPii')(source, { signal }) : null;
    const rules = findings
      ? synth('privacyRulesFromFindings')(piiColumns(findingsOf(findings)))
      : rulesOf(req.rules);
    const secret = await teamPseudonymSecret(ctx, teamId);
    const data = await synth('maskSensitiveData')(source, rules, { secret, seed: req.seed, signal });
    ctx.progress({ rowsTotal: sample.rows ?? 0 });
    return {
      data,
      made: { rules, rulesFrom: req.rules === undefined ? 'pii-findings' : 'request' },
      references: [],
      ...(options.report === false
        ? {}
        : { report: await maskedReport(source, data, findings, req, signal) }),
    };
  }
  const tables = await loadSample(source, { signal });
  const pii = piiColumns(findingsOf(await synth('detectPii')(tables, { signal })));
  const foreignKeys = await foreignKeysOf(sample, tables, signal);
  const synthetic = synth('generateSyntheticData')(tables, {
    ...(req.rows === undefined ? {} : { rows: req.rows }),
    seed: req.seed,
    ...(req.method === undefined ? {} : { method: req.method }),
    pii,
    foreignKeys,
    signal,
  });
  ctx.progress({ rowsTotal: synthetic.reduce((n, t) => n + t.rows, 0) });
  // Fidelity and privacy against the sample, kept with the version (its manifest's `report`).
  const report =
    options.report === false
      ? undefined
      : synth('validateSyntheticQuality')(tables, synthetic, {
          pii,
          seed: req.seed,
          // Keys are made anew and references follow the new parents: not data to score.
          keys: synth('keyColumns')(tables, { pii, foreignKeys }),
          foreignKeys,
        });
  return {
    data: tablesSource(synthetic),
    made: { pii, foreignKeys, method: req.method ?? 'sequential', rows: req.rows ?? null },
    references: foreignKeys,
    ...(report === undefined ? {} : { report }),
  };
}

/** Rows of the sample (and of its masked form) a masked version's report reads: bounded memory. */
export const MASK_REPORT_ROWS = 100_000;

/**
 * The same fidelity/privacy report for masked data: the sample's first rows against their masked
 * form, row for row (masking keeps row order), so `cellsChanged` says how much of each column the
 * rules altered and the PII replay rate how many real values survived.
 */
async function maskedReport(
  source: DatasetSource,
  masked: DatasetSource,
  findings: unknown[] | null,
  req: StoredSampleRequest,
  signal: AbortSignal,
): Promise<unknown> {
  const real = await loadSample(source, { maxRows: MASK_REPORT_ROWS, signal });
  const data = await loadSample(masked, { maxRows: MASK_REPORT_ROWS, signal });
  const pii = piiColumns(findingsOf(findings ?? (await synth('detectPii')(real, { signal }))));
  return synth('validateSyntheticQuality')(real, data, { kind: 'masked', pii, seed: req.seed });
}

/** Foreign keys between the sample's tables: the stored profile's, else a fresh profile's, else none. */
async function foreignKeysOf(
  sample: SampleRecord,
  tables: SampleTable[],
  signal: AbortSignal,
): Promise<ForeignKey[]> {
  const patterns = (sample.profile?.patterns ??
    (await synth('analyzePatternsFromSample')(tables, { signal }))) as { foreignKeys?: unknown };
  const fks = Array.isArray(patterns.foreignKeys) ? (patterns.foreignKeys as unknown[]) : [];
  return fks.flatMap((f) => {
    const x = f as Partial<ForeignKey>;
    return x.from?.table && x.from.column && x.to?.table && x.to.column ? [x as ForeignKey] : [];
  });
}

export async function produceVersion(ctx: WorkContext, job: SampleJobRecord): Promise<Produced> {
  const { db, blobs } = ctx;
  const teamId = job.teamId;
  const req = job.request as unknown as StoredSampleRequest;
  const sample = await getSample(db, teamId, req.sampleId).catch((e: unknown) => {
    throw isSampleError(e, 'SAMPLE_NOT_FOUND')
      ? new SampleError(
          'SAMPLE_NOT_FOUND',
          `sample ${req.sampleId} expired or was deleted before the job ran`,
          {
            details: { sampleId: req.sampleId },
          },
        )
      : e;
  });
  const { data, made, references, report } = await outputOf(ctx, teamId, sample, req);
  const dataset = await ensureDataset(db, teamId, req.datasetName);
  // No schema can remake these files (decision 2 does not hold): `regenerable: false`. The request
  // and the sample's checksums let rebuildSampleVersion remake them while the sample is kept.
  const recipe = {
    kind: `sample-${req.kind}`,
    regenerable: false,
    schemaVersionId: null,
    seed: req.seed,
    engineVersion: ENGINE_VERSION,
    now: req.now,
    format: req.format,
    gzip: false,
    sample: {
      sampleId: sample.sampleId,
      name: sample.name,
      files: sample.files.map((f) => ({ entity: f.entity, format: f.format, sha256: f.sha256 })),
    },
    request: req,
    ...made,
  };
  const version = await beginDatasetVersion(db, teamId, dataset.datasetId, { recipe, jobId: job.jobId });
  const prefix = versionPrefix(dataset.datasetId, version.version);
  ctx.progress({ datasetId: dataset.datasetId, datasetVersionId: version.datasetVersionId });
  try {
    const files = await writeVersionFiles(blobs, teamId, prefix, {
      data,
      req,
      references,
      signal: ctx.signal,
      onProgress: (rows) => ctx.progress({ rowsDone: rows }),
    });
    if (ctx.signal.aborted || !(await ctx.stillRunning())) throw ctx.signal.reason ?? new Error('cancelled');
    const published = await publishDatasetVersion(db, teamId, version.datasetVersionId, {
      manifest: { ...files.manifest, ...(report === undefined ? {} : { report }) },
      blobKeys: files.blobKeys,
    });
    return {
      datasetId: dataset.datasetId,
      datasetVersionId: published.datasetVersionId,
      version: published.version,
      rows: files.manifest.totalRows,
    };
  } catch (e) {
    await deleteVersionFiles(blobs, teamId, prefix).catch(() => undefined);
    await discardDatasetVersion(db, teamId, version.datasetVersionId).catch(() => undefined);
    throw e;
  }
}
