/**
 * @module Measured runs as child processes: each run gets its own process (so its peak RSS is its
 * own) and its own temporary output directory, removed afterwards.
 *
 * The child scripts are TypeScript; they are transpiled once into plain ESM under
 * node_modules/.cache/tdm-bench and run with plain `node`, not `node --import tsx`: under tsx every
 * worker thread loads tsx too, which added about a second to a 1.2M-row run with 2 workers and
 * ~40 MB of RSS, none of which a user of the built CLI pays.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ts from 'typescript';

/** What every child prints as its last stdout line. */
export interface ChildResult {
  rows: number;
  /** Wall time of the generation itself, measured inside the child. */
  ms: number;
  /** Peak resident set of the whole child process (all threads), KB. */
  maxRssKb: number;
  files?: { name: string; bytes: number; sha256: string }[];
}

/** Transpiles `bench/<name>.ts` to `node_modules/.cache/tdm-bench/<name>.mjs`; returns its path. */
export async function transpileChild(root: string, name: string): Promise<string> {
  const source = await readFile(join(root, 'bench', `${name}.ts`), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: `${name}.ts`,
  });
  // Inside node_modules so the child resolves @tdm/core and @faker-js/faker like the repository does.
  const dir = join(root, 'node_modules', '.cache', 'tdm-bench');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${basename(name)}.mjs`);
  await writeFile(file, out.outputText);
  return file;
}

const TIMEOUT_MS = 9 * 60_000;

/** Runs `node <script> <args> --out <tmp>` and returns its result line; the output is removed. */
export async function runChild(script: string, args: string[]): Promise<ChildResult> {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-bench-'));
  try {
    const child = spawn(process.execPath, [script, ...args, '--out', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    }).finally(() => clearTimeout(timer));
    const last = stdout.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !last.startsWith('{')) {
      throw new Error(`${basename(script)} ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`);
    }
    return JSON.parse(last) as ChildResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
