/**
 * @module The command-line options of remote mode, shared by the commands that have one, and the
 * test for whether a run is remote. Kept apart from remote/ so building the command table does
 * not load the contract client.
 */
import { Option } from 'commander';

export const serverOption = (): Option =>
  new Option('--server <url>', 'run on a tdm server, e.g. http://localhost:8080 (default TDM_SERVER)');

export const keyOption = (): Option =>
  new Option('--key <key>', 'API key for --server (default TDM_KEY, which keeps it out of shell history)');

export const localOption = (): Option => new Option('--local', 'run locally even when TDM_SERVER is set');

/** Remote when --server or TDM_SERVER names a server (unless --local), or when --key is given. */
export function isRemote(
  flags: { server?: string; key?: string; local?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (flags.local) return false;
  return Boolean(flags.server ?? flags.key ?? (env['TDM_SERVER']?.trim() || undefined));
}

/** What `tdm validate` takes, locally and remotely. */
export interface ValidateFlags {
  output: string;
  now?: number;
  server?: string;
  key?: string;
  local?: boolean;
}

export const PREVIEW_IS_LOCAL =
  '\nPreview always runs locally, even with --server or TDM_SERVER: the server has no preview\n' +
  'endpoint. To look at rows of a dataset on a server, generate it there and page\n' +
  'GET /api/v1/teams/{teamId}/datasets/{datasetId}/versions/{version}/rows.\n';

export const GENERATE_REMOTE_HELP =
  '\nRemote mode (--server URL or TDM_SERVER, key in TDM_KEY or --key): the job runs on the server\n' +
  "in the key's team; progress follows it, and the new version's files are downloaded into --out\n" +
  "and checked against its sha256 checksums. Ctrl-C cancels the job. The team's settings give\n" +
  'the format and locale when the flags do not. --workers, --copy, --batch-size and\n' +
  '--row-group-rows are local only.\n';
