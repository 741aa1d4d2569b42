/**
 * @module Server configuration from the environment and flags, checked up front: a bad value is
 * one coded error naming the variable, never a crash later.
 */
import { resolve } from 'node:path';
import { ServerError } from '../errors.js';

export interface ServerConfig {
  host: string;
  port: number;
  /** tdm's data directory: embedded store, master key, pepper (default ./.tdm). */
  dataDir: string;
  /** Where sealed dataset files live (TDM_DATA_DIR, default <dataDir>/blobs). */
  blobDir: string;
  databaseUrl: string | undefined;
  masterKey: string | undefined;
  /** TDM_NEW_MASTER_KEY: the key `tdm admin rotate-master-key` rotates to (generated when absent). */
  newMasterKey?: string | undefined;
  adminKey: string | undefined;
  pepper: string | undefined;
  jwt: { secret?: string; jwksUrl?: string; publicKey?: string; teamClaim?: string; roleClaim?: string };
  corsOrigins: string[] | true | undefined;
  rateLimitPerMinute: number;
  /** How long a successful API-key lookup is cached (0: never); another node's revocation applies within it. */
  keyCacheTtlMs: number;
  /** Largest dataset a quality upload may send, in bytes. */
  uploadMaxBytes: number;
  jobConcurrency: number;
  perTeamJobs: number;
}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ServerError('CONFIG_INVALID', `${name}: "${raw}" is not an integer from ${min} to ${max}`);
  }
  return n;
}

function opt(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** Reads the configuration; `flags` (from the CLI) win over the environment. */
export function loadServerConfig(
  env: Record<string, string | undefined>,
  flags: { port?: number; host?: string; dataDir?: string } = {},
): ServerConfig {
  const dataDir = resolve(flags.dataDir ?? opt(env['TDM_HOME']) ?? '.tdm');
  const cors = opt(env['TDM_CORS_ORIGINS']);
  const databaseUrl = opt(env['DATABASE_URL']);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ServerError('CONFIG_INVALID', 'DATABASE_URL must start with postgres:// or postgresql://');
  }
  const jwt: ServerConfig['jwt'] = {};
  for (const [k, v] of [
    ['secret', env['TDM_JWT_SECRET']],
    ['jwksUrl', env['TDM_JWT_JWKS']],
    ['publicKey', env['TDM_JWT_PUBLIC_KEY']],
    ['teamClaim', env['TDM_JWT_TEAM_CLAIM']],
    ['roleClaim', env['TDM_JWT_ROLE_CLAIM']],
  ] as const) {
    const value = opt(v);
    if (value !== undefined) jwt[k] = value;
  }
  return {
    host: flags.host ?? opt(env['TDM_HOST']) ?? '127.0.0.1',
    port: flags.port ?? int('PORT', env['PORT'], 8080, 0, 65535),
    dataDir,
    blobDir: resolve(opt(env['TDM_DATA_DIR']) ?? `${dataDir}/blobs`),
    databaseUrl,
    masterKey: opt(env['TDM_MASTER_KEY']),
    newMasterKey: opt(env['TDM_NEW_MASTER_KEY']),
    adminKey: opt(env['TDM_ADMIN_KEY']),
    pepper: opt(env['TDM_KEY_PEPPER']),
    jwt,
    corsOrigins: cors === undefined ? undefined : cors === '*' ? true : cors.split(',').map((s) => s.trim()),
    rateLimitPerMinute: int('TDM_RATE_LIMIT', env['TDM_RATE_LIMIT'], 600, 1, 1_000_000),
    keyCacheTtlMs: int('TDM_KEY_CACHE_TTL_MS', env['TDM_KEY_CACHE_TTL_MS'], 5_000, 0, 600_000),
    uploadMaxBytes: int(
      'TDM_UPLOAD_MAX_BYTES',
      env['TDM_UPLOAD_MAX_BYTES'],
      512 * 1024 * 1024,
      1024,
      2 ** 40,
    ),
    jobConcurrency: int('TDM_JOB_CONCURRENCY', env['TDM_JOB_CONCURRENCY'], 2, 1, 64),
    perTeamJobs: int('TDM_TEAM_JOBS', env['TDM_TEAM_JOBS'], 1, 1, 64),
  };
}
