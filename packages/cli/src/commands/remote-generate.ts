/**
 * @module `tdm generate --server`: the schema is checked and submitted as a job of the key's team,
 * followed to its end with the local progress display, and the new version's files are downloaded
 * into --out, each verified against the version's manifest. Ctrl-C cancels the job on the server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client, DatasetVersion, Job } from '@tdm/contract';
import { TdmError, type Manifest } from '@tdm/core';
import { todayUtc } from '../flags.js';
import type { Io } from '../io.js';
import { createProgress } from '../progress.js';
import { readSchemaFile } from '../read-input.js';
import {
  downloadVersion,
  followJob,
  fromRemote,
  openEventFeed,
  plainHttpWarning,
  redacted,
  remoteClient,
  remoteError,
  resolveConnection,
  type Connection,
  type EventFeed,
  type RemoteFlags,
} from '../remote/index.js';
import type { GenerateFlags } from './generate.js';

export interface RemoteGenerateFlags extends Omit<GenerateFlags, 'out'>, RemoteFlags {
  out?: string;
  team?: string;
  dataset?: string;
  /** false with --no-download. */
  download?: boolean;
}

export interface RemoteGenerated {
  server: string;
  teamId: string;
  jobId: string;
  datasetId: string;
  datasetVersionId: string;
  version: number;
  manifest: Manifest;
  /** Where the files went, null with --no-download. */
  out: string | null;
  files: string[];
}

/** Flags that shape local work only; the server has no such option, so they are refused. */
const LOCAL_ONLY: Array<[keyof RemoteGenerateFlags, string, string]> = [
  ['workers', '--workers', 'the server decides how many threads a job uses'],
  ['copy', '--copy', 'jobs write INSERT statements'],
  ['batchSize', '--batch-size', 'jobs use the default batch size'],
  ['rowGroupRows', '--row-group-rows', 'jobs use the default row group size'],
];

function checkFlags(flags: RemoteGenerateFlags, given: (flag: string) => boolean): void {
  for (const [name, flag, why] of LOCAL_ONLY) {
    if (given(name)) {
      throw remoteError('REMOTE_FLAG_UNSUPPORTED', `${flag} only applies to local generation (${why})`);
    }
  }
  if (flags.seed !== undefined && flags.seed < 0) {
    throw new TdmError(
      'INPUT_INVALID',
      `--seed: remote jobs take seeds from 0 to 4294967295, not ${flags.seed}`,
      {
        suggestedActions: ['Pass a seed from 0 to 4294967295.'],
      },
    );
  }
  if (flags.download !== false && !flags.out) {
    throw new TdmError(
      'INPUT_INVALID',
      '--out <dir> is required (or --no-download to leave the files on the server)',
      {
        suggestedActions: ['Pass --out <dir>, or --no-download.'],
      },
    );
  }
}

/** The team jobs go to: the key's own; a platform-admin key names one with --team. */
async function teamOf(api: Client, team: string | undefined): Promise<string> {
  const me = await api.whoami({});
  if (me.teamId === null) {
    if (!team) {
      throw remoteError(
        'REMOTE_TEAM_REQUIRED',
        `this ${me.role} key belongs to no team; pass --team <teamId>`,
      );
    }
    return team;
  }
  if (team && team !== me.teamId) {
    throw remoteError('REMOTE_TEAM_MISMATCH', `--team ${team}: this key belongs to team ${me.teamId}`);
  }
  return me.teamId;
}

/** The published version a completed job wrote (found by id when no event named its number). */
async function versionOf(
  api: Client,
  teamId: string,
  job: Job,
  known: number | null,
): Promise<DatasetVersion> {
  const datasetId = job.datasetId;
  if (datasetId === null || job.datasetVersionId === null) {
    throw remoteError('REMOTE_RESPONSE_INVALID', `job ${job.jobId} completed without a dataset version`);
  }
  if (known !== null) {
    const v = await api.getDatasetVersion({ params: { teamId, datasetId, version: known } });
    if (v.datasetVersionId === job.datasetVersionId) return v;
  }
  const ds = await api.getDataset({ params: { teamId, datasetId } });
  for (const s of [...ds.versions].sort((a, b) => b.version - a.version).slice(0, 50)) {
    const v = await api.getDatasetVersion({ params: { teamId, datasetId, version: s.version } });
    if (v.datasetVersionId === job.datasetVersionId) return v;
  }
  throw remoteError(
    'REMOTE_RESPONSE_INVALID',
    `version ${job.datasetVersionId} of job ${job.jobId} is not listed`,
  );
}

/** Asks the server to cancel; says what happened when it was too late. */
async function cancelRemote(conn: Connection, io: Io, jobId: string): Promise<TdmError<string>> {
  const api = remoteClient(conn, io, AbortSignal.timeout(15_000));
  try {
    const job = await api.cancelJob({ params: { jobId } });
    return new TdmError<string>(
      'GENERATION_CANCELLED',
      `interrupted: job ${jobId} is ${job.status} on ${conn.server}`,
      {
        suggestedActions: ['Run the command again to start a new job.'],
      },
    );
  } catch (e) {
    const err = fromRemote(e, conn.server);
    const status = (err.details as { status?: string } | undefined)?.status;
    const what =
      err.code === 'JOB_STATE_INVALID'
        ? `had already ended (${status ?? 'ended'})`
        : `may still run (${err.code})`;
    return new TdmError<string>(
      'GENERATION_CANCELLED',
      `interrupted: job ${jobId} ${what} on ${conn.server}`,
      {
        suggestedActions: [
          `Check it with GET /api/v1/jobs/${jobId}; cancel it with POST /api/v1/jobs/${jobId}/cancel.`,
        ],
      },
    );
  }
}

function failureOf(job: Job): TdmError<string> {
  if (job.status === 'cancelled') {
    return new TdmError<string>('GENERATION_CANCELLED', `job ${job.jobId} was cancelled on the server`, {
      suggestedActions: ['Run the command again to start a new job.'],
    });
  }
  const code = job.error?.code ?? 'REMOTE_JOB_FAILED';
  return new TdmError<string>(code, `job ${job.jobId} failed: ${job.error?.message ?? 'no reason given'}`, {
    suggestedActions: [`See the job with GET /api/v1/jobs/${job.jobId}; fix the cause and run again.`],
  });
}

export async function remoteGenerate(
  schemaPath: string,
  flags: RemoteGenerateFlags,
  io: Io,
  given: (flag: string) => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RemoteGenerated> {
  const conn = resolveConnection(flags, env);
  checkFlags(flags, given);
  const text = await readSchemaFile(schemaPath);
  const quiet = flags.quiet === true || flags.output === 'json';
  const note = (s: string): void => (quiet ? undefined : io.err(s));
  const warning = plainHttpWarning(conn.server);
  if (warning) io.err(warning);
  const interrupt = new AbortController();
  let feed: EventFeed | null = null;
  const onSignal = (): void => {
    interrupt.abort();
    feed?.close(); // wakes a follower waiting for the next event
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const api = remoteClient(conn, io, interrupt.signal);
  const progress = createProgress(io.progressStream, quiet);
  let jobId: string | null = null;
  let completed = false;
  let ended = false;
  try {
    const teamId = await teamOf(api, flags.team);
    const now = new Date(flags.now ?? todayUtc()).toISOString();
    const check = await api.validateSchema({ body: { document: text, now } });
    if (!check.valid) {
      throw new TdmError<string>('SCHEMA_INVALID', `${schemaPath}: ${check.problems.length} problem(s)`, {
        problems: check.problems,
      });
    }
    feed = await openEventFeed((signal) =>
      remoteClient(conn, io, AbortSignal.any([signal, interrupt.signal])),
    );
    // The submit is not aborted by Ctrl-C: its answer carries the job id that a cancel needs.
    const accepted = await remoteClient(conn, io).createJob({
      params: { teamId },
      body: {
        schema: text,
        ...(flags.dataset ? { datasetName: flags.dataset } : {}),
        options: {
          // Unless given, the format comes from the team's settings (else csv), like the locale.
          ...(given('format') ? { format: flags.format } : {}),
          now,
          ...(flags.locale !== undefined ? { locale: flags.locale } : {}),
          ...(flags.dialect ? { dialect: flags.dialect } : {}),
          ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
          ...(flags.scale !== undefined ? { scale: flags.scale } : {}),
          ...(flags.count !== undefined ? { counts: flags.count } : {}),
          ...(flags.gzip ? { gzip: true } : {}),
          ...(flags.engineVersion !== undefined ? { engineVersion: flags.engineVersion } : {}),
        },
      },
    });
    jobId = accepted.jobId;
    note(`tdm: job ${jobId} submitted to team ${teamId} on ${conn.server}\n`);
    interrupt.signal.throwIfAborted();
    const followed = await followJob(
      api,
      jobId,
      feed,
      (p) => {
        if (p.rowsTotal === null) return;
        progress.update({ jobId: jobId ?? '', ...p, rowsTotal: p.rowsTotal });
      },
      interrupt.signal,
    );
    progress.stop();
    ended = true;
    if (followed.job.status !== 'completed') throw failureOf(followed.job);
    completed = true;
    const v = await versionOf(api, teamId, followed.job, followed.version);
    const manifest = (v.manifest ?? {}) as unknown as Manifest;
    const result: RemoteGenerated = {
      server: conn.server,
      teamId,
      jobId,
      datasetId: v.datasetId,
      datasetVersionId: v.datasetVersionId,
      version: v.version,
      manifest,
      out: null,
      files: [],
    };
    if (flags.download === false || !flags.out) return result;
    note(`tdm: downloading dataset ${v.datasetId} version ${v.version}\n`);
    const files = await downloadVersion(
      api,
      { teamId, datasetId: v.datasetId, version: v.version },
      v.manifest ?? {},
      flags.out,
    );
    // The generator's own manifest.json (verified against the server's) keeps its entity order.
    const written = JSON.parse(await readFile(join(flags.out, 'manifest.json'), 'utf8')) as Manifest;
    return { ...result, manifest: written, out: flags.out, files };
  } catch (e) {
    if (interrupt.signal.aborted) {
      if (jobId !== null && !completed) throw redacted(await cancelRemote(conn, io, jobId), conn.key);
      throw new TdmError<string>(
        'GENERATION_CANCELLED',
        jobId === null
          ? 'interrupted before a job was submitted'
          : `interrupted: job ${jobId} completed on the server; the download was abandoned`,
        { suggestedActions: ['Run the command again; nothing was written to --out.'] },
      );
    }
    const err = fromRemote(e, conn.server);
    if (jobId === null || ended) throw redacted(err, conn.key);
    // Lost while following: the job goes on without us; say which one.
    throw redacted(
      new TdmError<string>(err.code, `${err.message}; job ${jobId} may still be running on the server`, {
        suggestedActions: [...err.suggestedActions, `Follow it with GET /api/v1/jobs/${jobId}.`],
      }),
      conn.key,
    );
  } finally {
    progress.stop();
    feed?.close();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The text `tdm generate` prints, with where the dataset lives on the server. */
export function describeRemote(r: RemoteGenerated): string {
  const m = r.manifest;
  const where = `dataset ${r.datasetId} version ${r.version} (team ${r.teamId}, job ${r.jobId}) on ${r.server}\n`;
  if (r.out === null) {
    return `generated ${m.totalRows} rows (${m.format}${m.gzip ? ', gzip' : ''}, seed ${m.seed}) in ${where}`;
  }
  const lines = Object.entries(m.entities).map(
    ([name, e]) =>
      `  ${name}: ${e.rows} rows${e.files.map((f) => `  ${f.name} (${f.bytes} bytes)`).join('')}`,
  );
  const shared = m.files.map((f) => `  ${f.name} (${f.bytes} bytes)\n`).join('');
  return (
    `generated ${m.totalRows} rows into ${r.out} (${m.format}${m.gzip ? ', gzip' : ''}, seed ${m.seed})\n` +
    `${lines.join('\n')}\n${shared}` +
    `${r.files.length} files verified against the version's sha256 checksums\n${where}`
  );
}

/** Runs a remote generation and returns what the command prints (text or JSON). */
export async function runRemoteGenerate(
  schemaPath: string,
  flags: RemoteGenerateFlags,
  io: Io,
  given: (flag: string) => boolean,
): Promise<string> {
  const r = await remoteGenerate(schemaPath, flags, io, given);
  return flags.output === 'json' ? JSON.stringify(r, null, 2) + '\n' : describeRemote(r);
}
