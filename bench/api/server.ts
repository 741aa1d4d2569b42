/**
 * @module The platform under test: the built CLI's `tdm serve` as a child process on an embedded
 * store in a temporary data directory, port 0, with the per-key rate limit raised so the benchmark
 * measures the server and not the limiter. Its own process, so the load generator (this process)
 * and the server do not share an event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Platform {
  url: string;
  /** The platform-admin key the first start printed. */
  adminKey: string;
  pid: number;
  /** CPU time the server process has used so far (all threads), ms; null off Linux. */
  cpuMs(): number | null;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const STARTED = /tdm listening on (http:\/\/\S+)/;
const ADMIN_KEY = /platform-admin key \(shown once; store it now\): (tdm_\S+)/;

export interface PlatformOptions {
  /** Puts the store on PostgreSQL; without it, the embedded store in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Extra node flags for the server, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export async function startPlatform(
  root: string,
  dataDir: string,
  o: PlatformOptions = {},
): Promise<Platform> {
  const child = spawn(
    process.execPath,
    [
      ...(o.nodeArgs ?? []),
      join(root, 'packages', 'cli', 'bin', 'tdm.js'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // The chosen store and fresh keys in the temp directory, whatever the caller's shell has.
        DATABASE_URL: o.databaseUrl ?? '',
        TDM_MASTER_KEY: '',
        TDM_ADMIN_KEY: '',
        TDM_KEY_PEPPER: '',
        TDM_DATA_DIR: '',
        TDM_RATE_LIMIT: '1000000',
      },
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const [url, adminKey] = await waitFor(
      child,
      () => {
        const u = STARTED.exec(out);
        const k = ADMIN_KEY.exec(out);
        return u && k ? [u[1] as string, k[1] as string] : null;
      },
      () => out,
    );
    return {
      url,
      adminKey,
      pid: child.pid ?? -1,
      cpuMs: () => processCpuMs(child.pid),
      async stop(graceMs = 60_000) {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited.finally(() => clearTimeout(timer));
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw e;
  }
}

/** Polls the server's output until `found` returns a value; fails if it exits or takes a minute. */
function waitFor<T>(child: ChildProcess, found: () => T | null, output: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (f: () => void): void => {
      clearInterval(poll);
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      f();
    };
    const onExit = (code: number | null): void =>
      done(() => reject(new Error(`tdm serve exited with ${code}:\n${output().slice(-2000)}`)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`tdm serve did not start in 60 s:\n${output().slice(-2000)}`))),
      60_000,
    );
    const poll = setInterval(() => {
      const v = found();
      if (v !== null) done(() => resolve(v));
    }, 25);
    child.once('exit', onExit);
  });
}

/** utime + stime from /proc/<pid>/stat (clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
