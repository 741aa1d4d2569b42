/**
 * @module The DataManagerService's types (the brief's names): a team environment and its config,
 * distributions, data filters and what refresh and archival report.
 */
import type { Actor, JobService, RetentionPolicy, RetentionResult } from '../jobs/index.js';
import type {
  ApiKeyRole,
  Dataset,
  DatasetVersion,
  DatasetVersionStatus,
  GenerationJob,
} from '../store/index.js';
import type { BlobStore } from '../blob/index.js';
import type { Db } from '../store/index.js';
import type { KeyObject } from 'node:crypto';

export type TeamRole = Exclude<ApiKeyRole, 'platform-admin'>;

/** The brief's TeamCustomization: what a team's jobs default to. */
export interface TeamCustomization {
  /** faker locale of the team's jobs (overrides a schema's own locale unless the job gives one). */
  defaultLocale?: string;
  /** The first one is the format of a job that names none. */
  defaultFormats?: Array<'csv' | 'json' | 'ndjson' | 'xml' | 'sql' | 'parquet'>;
  /** A job's quality level when it names none (recorded on the job and its version). */
  qualityLevel?: 'basic' | 'standard' | 'premium';
}

/** The brief's RefreshSchedule / refresh preferences (the scheduler issue runs them). */
export interface RefreshSchedule {
  /** A cron expression, e.g. `0 2 * * 1`. */
  schedule?: string;
  /** IANA zone the schedule is read in. */
  timezone?: string;
  /** How many versions of each dataset archiveOldData keeps when no policy is given. */
  retainVersions?: number;
}

/** createTeamEnvironment's config: the brief's TeamConfig beyond the id. */
export interface TeamEnvironmentConfig {
  teamName: string;
  /** The name the team's data is published under (default: the team id). */
  namespace?: string;
  /** Access policy settings kept with the team (free-form, at most 64 KiB as JSON). */
  accessControls?: Record<string, unknown>;
  customizations?: TeamCustomization;
  refresh?: RefreshSchedule;
  /** API keys to issue when the team is created (each shown once in `issuedKeys`). */
  keys?: Array<{ role: TeamRole; name: string; expiresAt?: Date | string }>;
}

/** One principal that may use the team's data. */
export interface AccessControl {
  kind: 'api-key';
  /** The key id (what audit records name as the actor). */
  principal: string;
  name: string;
  role: TeamRole;
  expiresAt: Date | null;
}

export interface TeamEnvironment {
  teamId: string;
  teamName: string;
  /** Where the team's datasets live: every row and file is scoped by team id under this name. */
  dataNamespace: string;
  /** The team's usable (unrevoked, unexpired) API keys. */
  accessControls: AccessControl[];
  /** The free-form access policy stored with the team. */
  accessPolicy: Record<string, unknown>;
  customizations: TeamCustomization;
  refreshSchedule: RefreshSchedule;
  /** False when the environment already existed with this very config (an idempotent repeat). */
  created: boolean;
  /** Keys issued by this call, the only time their text is shown. */
  issuedKeys: Array<{ keyId: string; key: string; role: TeamRole; name: string }>;
}

/** What distributeDataToTeam publishes into the target team. */
export interface Distribution {
  /** A visible version of another team (or of the same team, under another dataset name). */
  from: { teamId: string; datasetId: string; version: number };
  /** The target dataset (created when missing); default: the source dataset's name. */
  datasetName?: string;
  /**
   * `copy`: every file is unsealed from the source, sha256-checked and sealed under the target
   * team's data key before the version is published. `rebuild`: the version is published with the
   * recipe and checksums only (status `evicted`); its files are rebuilt and verified on first use.
   * Default: `copy` when the source still has its files, else `rebuild`.
   */
  files?: 'copy' | 'rebuild';
}

export interface DistributionResult {
  dataset: Dataset;
  version: DatasetVersion;
  files: 'copy' | 'rebuild';
}

/** The brief's DataFilters. */
export interface DataFilters {
  /** Exact dataset name. */
  name?: string;
  datasetId?: string;
  status?: Exclude<DatasetVersionStatus, 'building'> | Array<Exclude<DatasetVersionStatus, 'building'>>;
  /** Versions published at or after this instant (a Date or ISO 8601 text). */
  since?: Date | string;
  /** Only each dataset's newest matching version. */
  latestOnly?: boolean;
  includeArchivedDatasets?: boolean;
  limit?: number;
}

export interface TeamData {
  teamId: string;
  /** Datasets with at least one matching version, by name; versions newest first. */
  datasets: Array<{ dataset: Dataset; versions: DatasetVersion[] }>;
}

export interface TeamRefreshOptions {
  /** Refresh this dataset; default: the dataset with the team's most recent version. */
  datasetName?: string;
  /** Resolve only when the job has ended (default false: resolve once it is queued). */
  wait?: boolean;
  /** With `wait`, give up after this long (default 10 minutes); the job goes on. */
  timeoutMs?: number;
}

/** The brief's RefreshResult. */
export interface RefreshResult {
  job: GenerationJob;
  /** The new version, when `wait` was asked and the job completed. */
  version: DatasetVersion | null;
}

export interface DataManagerOptions {
  db: Db;
  /** A started job service (refresh submits jobs; rebuilds and retention go through it). */
  jobs: JobService;
  blobs: BlobStore;
  /** The API-key pepper; needed only to issue keys with createTeamEnvironment. */
  pepper?: KeyObject;
  clock?: { now(): number };
}

/** The brief's DataManagerService. Every mutation takes the actor the audit trail records. */
export interface DataManagerService {
  /**
   * Creates the team with its namespace, access policy and keys, customizations and refresh
   * preferences. The same call again returns the environment (`created: false`, no new keys);
   * another config for an existing team is TEAM_EXISTS naming what differs. Audited `team.create`
   * (and `key.create` per key).
   */
  createTeamEnvironment(
    teamId: string,
    config: TeamEnvironmentConfig,
    actor: Actor,
  ): Promise<TeamEnvironment>;
  /**
   * Publishes a visible version of another team into this team's namespace as its own immutable
   * version (files copied and re-sealed, or rebuilt and verified on first download). Database and
   * file targets (loading data into a team's PostgreSQL/MySQL or a directory) come with the
   * connectors issue. The caller checks that the actor may read the source and write the target.
   * Audited `dataset.distribute` in the target team.
   */
  distributeDataToTeam(teamId: string, distribution: Distribution, actor: Actor): Promise<DistributionResult>;
  /** The team's datasets and versions matching the filters (all visible versions without filters). */
  getTeamData(teamId: string, filters?: DataFilters): Promise<TeamData>;
  /** A new version of the team's latest (or named) dataset from its recipe with a new "now". Audited `data.refresh`. */
  refreshTeamData(teamId: string, options: TeamRefreshOptions, actor: Actor): Promise<RefreshResult>;
  /**
   * Archives (and with `evictFiles` evicts) versions outside the policy; without a policy the
   * team's `refresh.retainVersions` is `keepLast`. Audited `data.archive`.
   */
  archiveOldData(
    teamId: string,
    retentionPolicy: RetentionPolicy | undefined,
    actor: Actor,
  ): Promise<RetentionResult>;
}
