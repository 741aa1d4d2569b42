/**
 * @module The download and its reference: one entity's CSV streamed from the API (read to the end,
 * bytes counted), and the built CLI's `tdm generate` of the same schema, rows and format into a
 * temp directory, timed from spawn to exit. `tdm validate` of the same schema, timed the same way,
 * stands for the CLI's start-up (process, modules, schema compile), so the CLI's net generation
 * rate can be given too.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DownloadRun {
  bytes: number;
  ms: number;
  /** The server's x-content-sha256 (the sha256 its manifest recorded for the file). */
  sha256: string | null;
}

export async function download(url: string, key: string): Promise<DownloadRun> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok || !res.body) throw new Error(`download answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  return { bytes, ms: performance.now() - started, sha256: res.headers.get('x-content-sha256') };
}

export interface CliRun {
  ms: number;
  rows: number;
  bytes: number;
  sha256: string;
}

interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

interface CliManifest {
  totalRows: number;
  entities: Record<string, { rows: number; files: ManifestFile[] }>;
}

export interface CliRequest {
  root: string;
  schemaFile: string;
  entity: string;
  rows: number;
  now: string;
}

function tdmBin(root: string): string {
  return join(root, 'packages', 'cli', 'bin', 'tdm.js');
}

/** `tdm generate` as a user runs it; the output directory is removed afterwards. */
export async function cliGenerate(r: CliRequest): Promise<CliRun> {
  const out = await mkdtemp(join(tmpdir(), 'tdm-bench-api-cli-'));
  try {
    const args = ['generate', r.schemaFile, '--out', out, '--count', `${r.entity}=${r.rows}`];
    const { ms, stdout } = await timed(r.root, [...args, '--now', r.now, '--quiet', '--output', 'json']);
    const manifest = JSON.parse(stdout) as CliManifest;
    const file = manifest.entities[r.entity]?.files[0];
    if (!file) throw new Error(`tdm generate wrote no file for ${r.entity}`);
    return { ms, rows: manifest.totalRows, bytes: file.bytes, sha256: file.sha256 };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** `tdm validate` of the same schema: the CLI's start-up without the generation. */
export async function cliStartup(r: CliRequest): Promise<number> {
  return (await timed(r.root, ['validate', r.schemaFile, '--now', r.now])).ms;
}

async function timed(root: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [tdmBin(root), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`tdm ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`);
  return { ms, stdout };
}
